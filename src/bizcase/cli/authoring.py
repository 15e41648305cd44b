"""`schema` and `init`: help for people writing scenario files."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from bizcase.cli.common import command, emit


class Kind(StrEnum):
    joint = "joint"
    solo = "solo"
    alliance = "alliance"
    shared_service = "shared_service"


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of stdout (an existing file only with --force).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


@command()
def schema(output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Print the JSON Schema of the scenario format, so editors check files as they are
    typed.

    Save it beside your scenario files and start each file with the modeline
    `# yaml-language-server: $schema=scenario.schema.json` (VS Code with the YAML
    extension, and other editors with a YAML language server, then complete and check).

    Example:

      bizcase schema -o scenario.schema.json
    """
    from bizcase.model.schema import scenario_json_schema

    text = json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
    _write_new(text, output, force)


@command()
def init(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE",
            help="Write to FILE (as --output does); default: stdout.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="The kind of option.")] = Kind.joint,
    output: OutputOpt = None,
    schema_path: Annotated[
        str, typer.Option("--schema", help="Where the modeline points editors for the schema.")
    ] = ("scenario.schema.json"),
    force: ForceOpt = False,
) -> None:
    """Write a commented starter scenario that validates, to fill in.

    Examples:

      bizcase init joint.yaml

      bizcase init --kind solo -o solo.yaml

      bizcase init --kind shared_service > programme.yaml
    """
    from importlib.resources import files

    if file is not None and output is not None and file != output:
        from bizcase.problems import InputError, Problem

        message = f"two files to write, {file} and --output {output}: give one"
        raise InputError([Problem("--output", message)])
    output = output if file is None else file
    text = (files("bizcase.templates") / f"{kind.value}.yaml").read_text(encoding="utf-8")
    text = text.replace("{schema}", schema_path)
    _write_new(text, output, force, f"fill in the TODOs, then `bizcase validate {output}`")


def _write_new(text: str, output: str | None, force: bool, next_step: str = "") -> None:
    """Files people then edit by hand: never replaced without --force (a device or FIFO,
    such as /dev/stdout, is written to as usual)."""
    import os

    from bizcase.problems import InputError, Problem

    if output is not None and os.path.isfile(output) and not force:
        message = "the file exists: choose another name, or --force to overwrite it"
        raise InputError([Problem(output, message)])
    emit(text, output, [], next_step=next_step)
