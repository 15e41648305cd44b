"""`import bizcase` stays cheap: the API's names are found on first use, so the command's
start-up (and a script that only wants the version) pays for no numpy or pydantic."""

from __future__ import annotations

import subprocess
import sys

import pytest

import bizcase

HEAVY = ("numpy", "pydantic", "yaml", "rich", "typer", "bizcase.api", "bizcase.appraisal")


def loaded_after(code: str) -> set[str]:
    program = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_import_bizcase_imports_none_of_the_heavy_modules() -> None:
    found = loaded_after("import bizcase")
    assert "bizcase" in found
    assert [name for name in HEAVY if name in found] == []


def test_an_error_class_alone_does_not_import_the_calculation() -> None:
    found = loaded_after("import bizcase\nbizcase.ScenarioError")
    assert "numpy" not in found and "pydantic" not in found


def test_using_the_api_imports_it() -> None:
    assert "bizcase.api" in loaded_after("import bizcase\nbizcase.load")


def test_every_public_name_resolves_and_all_lists_them() -> None:
    assert set(bizcase.__all__) == {"__version__", *bizcase._LAZY}
    for name in bizcase.__all__:
        assert getattr(bizcase, name) is not None
    assert set(bizcase.__all__) <= set(dir(bizcase))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        bizcase.lod  # noqa: B018


def test_scenario_error_is_the_clis_input_error() -> None:
    from bizcase.problems import BizcaseError, InputError

    assert issubclass(bizcase.ScenarioError, InputError)
    assert issubclass(bizcase.InputError, BizcaseError)
