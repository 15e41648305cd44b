"""`bizcase.records` makes classes that behave as `dataclasses.dataclass` ones: checked side
by side with the same class made by `dataclasses`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from bizcase.records import field, frozen, mutable


def _pair(make: Callable[[type], type], **options: Any) -> tuple[type, type]:
    def body() -> type:
        class Item:
            name: str
            amount: float = 0.0
            tags: list[str] = field(default_factory=list)
            note: str = field(default="", compare=False, repr=False)

        return Item

    return make(body()), dataclasses.dataclass(**options)(body())


FROZEN = _pair(frozen, frozen=True)
MUTABLE = _pair(mutable)

CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a",), {}),
    (("a", 2.0), {"tags": ["x"]}),
    ((), {"name": "a", "note": "n"}),
    (("a", 1.0, ["t"], "n"), {}),
]


@pytest.mark.parametrize(("ours", "theirs"), [FROZEN, MUTABLE])
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_instances_behave_alike(
    ours: type, theirs: type, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    mine, std = ours(*args, **kwargs), theirs(*args, **kwargs)
    assert repr(mine) == repr(std)
    assert dataclasses.asdict(mine) == dataclasses.asdict(std)
    assert vars(mine) == vars(std)
    assert list(vars(mine)) == list(vars(std))
    assert mine == ours(*args, **kwargs)
    assert mine == dataclasses.replace(mine, note="other")  # note is not compared
    assert mine != dataclasses.replace(mine, name="b")
    assert mine.__eq__(std) is NotImplemented
    assert [f.name for f in dataclasses.fields(mine)] == [f.name for f in dataclasses.fields(std)]
    assert ours.__match_args__ == theirs.__match_args__


def test_frozen_hashes_and_refuses_changes_alike() -> None:
    ours, theirs = FROZEN
    mine, std = ours("a", 1.0, ("t",)), theirs("a", 1.0, ("t",))
    assert hash(mine) == hash(std)
    for change in (lambda i: setattr(i, "name", "b"), lambda i: delattr(i, "name")):
        with pytest.raises(dataclasses.FrozenInstanceError) as raised:
            change(mine)
        with pytest.raises(dataclasses.FrozenInstanceError) as expected:
            change(std)
        assert str(raised.value) == str(expected.value)


def test_mutable_is_unhashable_and_changes() -> None:
    ours, _ = MUTABLE
    item = ours("a")
    item.name = "b"
    assert item.name == "b"
    assert ours.__hash__ is None


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required arguments: 'name'"),
        (("a", 1.0, [], "n", 5), {}, "takes 5 positional arguments but 6 were given"),
        (("a",), {"name": "b"}, "got multiple values for argument 'name'"),
        (("a",), {"colour": "red"}, "got an unexpected keyword argument 'colour'"),
    ],
)
def test_a_wrong_call_is_a_type_error(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    ours, _ = FROZEN
    with pytest.raises(TypeError, match=message):
        ours(*args, **kwargs)


def test_methods_of_the_class_body_and_subclasses() -> None:
    @frozen
    class Base:
        x: int

        def __repr__(self) -> str:
            return "mine"

    @frozen
    class Sub(Base):
        y: int = 2

    assert repr(Base(1)) == "mine"
    assert Sub(1) == Sub(1, 2)
    assert Sub(1) != Base(1)
    assert repr(Sub(1)).endswith(".Sub(x=1, y=2)")  # a dataclass too makes its own
    assert [f.name for f in dataclasses.fields(Sub)] == ["x", "y"]
