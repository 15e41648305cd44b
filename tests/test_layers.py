"""The layers' imports point one way: cli, api -> appraisal -> io, risk -> engine -> model, with
renderers formatting only what `results` holds. Read from the source (every import,
including those inside functions), so a shortcut taken anywhere fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "bizcase"

FORBIDDEN = {
    "model": ("bizcase.engine", "bizcase.risk", "bizcase.io", "bizcase.render", "bizcase.cli",
              "bizcase.appraisal", "bizcase.results", "yaml", "rich", "typer"),
    "results": ("bizcase.engine", "bizcase.risk", "bizcase.io", "bizcase.render", "bizcase.cli",
                "bizcase.appraisal", "yaml", "rich", "typer", "numpy"),
    "engine": ("bizcase.risk", "bizcase.io", "bizcase.render", "bizcase.cli",
               "bizcase.appraisal", "yaml", "rich", "typer"),
    "risk": ("bizcase.io", "bizcase.render", "bizcase.cli", "bizcase.appraisal", "yaml", "rich",
             "typer"),
    "io": ("bizcase.engine", "bizcase.risk", "bizcase.render", "bizcase.cli", "bizcase.appraisal",
           "rich", "typer"),
    "render": ("bizcase.engine", "bizcase.risk", "bizcase.io", "bizcase.cli",
               "bizcase.appraisal", "yaml", "typer"),
    "appraisal": ("bizcase.render", "bizcase.cli", "rich", "typer"),
    "api": ("bizcase.cli", "typer"),
}  # fmt: skip
for _layer in set(FORBIDDEN) - {"api"}:  # the API sits beside cli, above everything else
    FORBIDDEN[_layer] += ("bizcase.api",)


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    wrong = [
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in sorted((SOURCE / layer).rglob("*.py"))
        for name in sorted(imports_of(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert wrong == []


def test_no_module_is_over_300_lines() -> None:
    long = [
        f"{path.relative_to(SOURCE)}: {count} lines"
        for path in sorted(SOURCE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert long == []
