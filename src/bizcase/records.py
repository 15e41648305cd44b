"""Dataclasses made without compiling code for each class.

`dataclasses.dataclass` writes each class's `__init__`, `__repr__`, `__eq__` (and, frozen,
`__hash__`, `__setattr__` and `__delattr__`) as source text and compiles it, at every
start-up: about 3M instructions a class, a quarter of what `bizcase compare` added to its
floor. `frozen` and `mutable` let `dataclasses` collect the fields (so `fields`, `replace`,
`asdict` and `field(...)` work as before) but ask it for no methods; every class shares one
implementation of each, reading the class's field names. Instances behave as the
dataclass's: the same arguments and defaults, equality, hash, repr and, frozen,
`FrozenInstanceError`. A method the class body defines is kept, as `dataclass` keeps it
(`__dataclass_params__` says which methods `dataclasses` made: none).
"""

from __future__ import annotations

import dataclasses
import reprlib
from dataclasses import MISSING, Field, FrozenInstanceError, field
from typing import Any, TypeVar, dataclass_transform

__all__ = ["field", "frozen", "mutable"]

T = TypeVar("T")


class _Layout:
    """The names the shared methods read: one class's fields, by what each is used for."""

    __slots__ = ("compared", "defaults", "factories", "hashed", "names", "owner", "shown")

    def __init__(self, cls: type) -> None:
        found = dataclasses.fields(cls)
        for each in found:
            if not each.init or each.kw_only is True:
                raise TypeError(
                    f"{cls.__name__}.{each.name}: init=False and kw_only need @dataclass"
                )
        self.owner = cls.__qualname__
        self.names = tuple(each.name for each in found)
        self.defaults = {f.name: f.default for f in found if f.default is not MISSING}
        self.factories = {
            f.name: f.default_factory for f in found if f.default_factory is not MISSING
        }
        self.compared = tuple(f.name for f in found if f.compare)
        self.hashed = tuple(f.name for f in found if (f.compare if f.hash is None else f.hash))
        self.shown = tuple(f.name for f in found if f.repr)

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        """Every field's value, in order, from a call's arguments and the defaults; a wrong
        call raises the TypeError a dataclass's `__init__` would."""
        owner, names = self.owner, self.names
        if len(args) > len(names):
            raise TypeError(
                f"{owner}.__init__() takes {len(names) + 1} positional arguments but "
                f"{len(args) + 1} were given"
            )
        values, missing, used = list(args), [], 0
        for name in names[len(args) :]:
            if name in kwargs:
                values.append(kwargs[name])
                used += 1
            elif name in self.defaults:
                values.append(self.defaults[name])
            elif name in self.factories:
                values.append(self.factories[name]())
            else:
                missing.append(repr(name))
        if used < len(kwargs):
            wrong = next(name for name in kwargs if name not in names[len(args) :])
            said = (
                "multiple values for argument"
                if wrong in names
                else "an unexpected keyword argument"
            )
            raise TypeError(f"{owner}.__init__() got {said} {wrong!r}")
        if missing:
            raise TypeError(f"{owner}.__init__() missing required arguments: {', '.join(missing)}")
        return values


def _values(instance: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple([getattr(instance, name) for name in names])


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    layout: _Layout = self.__layout__
    values = layout.bind(args, kwargs) if kwargs or len(args) != len(layout.names) else args
    self.__dict__.update(zip(layout.names, values, strict=True))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__layout__.shown)
    return f"{self.__class__.__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = self.__layout__.compared
    return _values(self, names) == _values(other, names)


def _hash(self: Any) -> int:
    return hash(_values(self, self.__layout__.hashed))


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _made(cls: type[T], *, frozen: bool) -> type[T]:
    own = dict(cls.__dict__)
    undocumented = not cls.__doc__
    if undocumented:
        cls.__doc__ = cls.__name__  # else dataclasses works out a signature to say
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    cls.__layout__ = layout = _Layout(cls)  # type: ignore[attr-defined]
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(layout.names)})"
    methods: dict[str, Any] = {"__init__": _init, "__repr__": _repr, "__eq__": _eq}
    if frozen:
        methods |= {"__setattr__": _setattr, "__delattr__": _delattr}
    for name, method in methods.items():
        if name not in own:
            setattr(cls, name, method)
    if "__hash__" not in own or (own["__hash__"] is None and "__eq__" in own):
        cls.__hash__ = _hash if frozen else None  # type: ignore[assignment]
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def frozen(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, with shared methods."""
    return _made(cls, frozen=True)


@dataclass_transform(field_specifiers=(field, Field))
def mutable(cls: type[T]) -> type[T]:
    """`@dataclass` (mutable, so unhashable), with shared methods."""
    return _made(cls, frozen=False)
