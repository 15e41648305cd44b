"""Reading scenario files safely, and merging the bases their `extends` names beneath them.

A scenario may come from an untrusted pull request, so every file is judged from its metadata
before it is opened, and a base must stay inside the scenario's folder (or the working folder)
unless the user allowed otherwise.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path as FilePath
from typing import Any

from bizcase.io import reads
from bizcase.io.placing import problem_at
from bizcase.io.yamlfile import Document, Mark, parse_yaml
from bizcase.model.units import KEY, Path
from bizcase.problems import InputError, Problem

MAX_FILE_BYTES = 5_000_000
"""Largest scenario file read (a real one is a few kilobytes)."""


def read_document(path: FilePath) -> Document:
    """One YAML file as located data; a missing, unreadable, special or huge file is an
    input error, found before anything is read."""
    file = str(path)
    problem = _unreadable(path)
    if problem is not None:
        raise InputError([Problem(_shown_name(file), problem)])
    return parse_yaml(_read_text(path, file), file)


def _unreadable(path: FilePath) -> str | None:
    """Why `path` cannot be a scenario file, judged from its metadata alone (a FIFO or a
    device would block or never end), or None when it is a regular file of sensible size."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except NotADirectoryError:
        return "no such file (a folder on its path is a file)"
    except ValueError:
        return "the file name contains a NUL character"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link on its path loops back on itself"
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long"
        return f"cannot read the file: {exc.strerror}"
    if stat.S_ISDIR(status.st_mode):
        return "this is a folder, not a scenario file"
    if not stat.S_ISREG(status.st_mode):
        return "this is not a regular file (a device, pipe or socket): give a scenario file"
    if status.st_size > MAX_FILE_BYTES:
        return _TOO_LARGE
    return None


_TOO_LARGE = f"the file is larger than {MAX_FILE_BYTES:,} bytes: a scenario is a short text file"


def _read_text(path: FilePath, file: str) -> str:
    """The file's text, re-checked once open (it may have been swapped) and size-capped."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):  # replaced since it was checked
                raise InputError([Problem(file, "this is not a regular file")])
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(file, _TOO_LARGE)])
    reads.record(file, status)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(file, "the file is not UTF-8 text: save it as UTF-8", line=line, column=1)]
        ) from None


MAX_EXTENDS_DEPTH = 32
"""Most bases a chain of `extends` may pass through (a real chain has two or three)."""

_MAX_NAME = 255


def read_with_extends(path: FilePath, chain: tuple[FilePath, ...]) -> Document:
    """`path` read with the bases its `extends` names merged beneath it, recursively;
    `chain` holds the files already on the way here, to refuse cycles and deep chains."""
    document = read_document(path)
    data = document.data
    if not isinstance(data, dict) or "extends" not in data:
        return document
    base_name = data.pop("extends")
    problem = _base_problem(base_name, path, chain)
    if isinstance(problem, str):
        raise InputError([problem_at(document, ("extends",), problem)])
    base = read_with_extends(problem, (*chain, path.resolve()))
    if not isinstance(base.data, dict):
        raise InputError([problem_at(base, (), "a base scenario file is a mapping of fields")])
    return _merge(base, document)


def _base_problem(name: object, path: FilePath, chain: tuple[FilePath, ...]) -> FilePath | str:
    """The base file `extends: name` in `path` stands for, or what is wrong with it.

    A base must be a YAML file inside the folder of the scenario named on the command line
    (or below it), unless the user allowed otherwise: a scenario from a pull request must not
    make bizcase read, or quote, files elsewhere on the machine.
    """
    if not isinstance(name, str) or not name.strip():
        return "extends names a base file, such as `extends: base.yaml`"
    shown = _shown_name(name)
    problem = _name_problem(name, shown)
    if problem is not None:
        return problem
    here = path.resolve()
    if len(chain) + 1 >= MAX_EXTENDS_DEPTH:
        return f"extends is nested more than {MAX_EXTENDS_DEPTH} files deep: shorten the chain"
    try:
        base_path = (path.parent / name).resolve()
    except (OSError, RuntimeError):
        return f"the base file {shown}: a symbolic link on its path loops back on itself"
    if base_path in (*chain, here):
        cycle = " -> ".join(p.name for p in (*chain, here, base_path))
        return f"extends makes a cycle: {cycle}"
    top = chain[0] if chain else here
    if not reads.extends_outside_allowed() and not any(
        base_path.is_relative_to(root) for root in _extends_roots(top)
    ):
        return (
            f"the base file {shown} is outside the scenario's folder ({top.parent}) and the "
            "working folder: keep bases there, or run bizcase --allow-extends-outside"
        )
    unreadable = _unreadable(base_path)
    if unreadable == "no such file":
        return f"the base file {shown} does not exist (looked for {base_path})"
    if unreadable is not None:
        return f"the base file {shown}: {unreadable}"
    return base_path


def _name_problem(name: str, shown: str) -> str | None:
    """What is wrong with the text of a base file's name, before any file is looked at."""
    if "\0" in name:
        return f"the base file name {shown} contains a NUL character"
    if len(name) > _MAX_NAME * 4 or any(len(part) > _MAX_NAME for part in name.split("/")):
        return f"the base file name {shown} is too long"
    if not name.lower().endswith((".yaml", ".yml")):
        return f"the base file {shown} is not a YAML file: a base is a scenario file (.yaml)"
    return None


def _extends_roots(top: FilePath) -> list[FilePath]:
    """Folders a base may be in: the named scenario's, and the working folder when the
    scenario is inside it (a repository of scenarios run from its top), never `/`."""
    roots = [top.parent]
    cwd = FilePath.cwd().resolve()
    if top.is_relative_to(cwd) and cwd != FilePath(cwd.anchor):
        roots.append(cwd)
    return roots


def _shown_name(name: str) -> str:
    """A file name as it can safely be printed: control characters escaped, long names cut."""
    text = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    return text if len(text) <= 120 else f"{text[:100]}...({len(name):,} characters)"


def _merge(base: Document, top: Document) -> Document:
    """Mappings merge key by key; lists and scalars in `top` replace the base's, except
    `notes`, which accumulate (the base's first), so a derived option keeps the
    assumptions it builds on."""
    marks = dict(base.marks)
    data = _merge_values(base.data, top.data, (), marks, top.marks)
    base_notes, top_notes = base.data.get("notes"), top.data.get("notes")
    if isinstance(base_notes, list) and isinstance(top_notes, list):
        data["notes"] = [*base_notes, *top_notes]
        for key in [k for k in marks if k[:1] == ("notes",) and len(k) > 1]:
            del marks[key]
        for source, offset in ((base.marks, 0), (top.marks, len(base_notes))):
            for key, mark in source.items():
                if key[:1] == ("notes",) and len(key) > 1 and isinstance(key[1], int):
                    marks[("notes", key[1] + offset, *key[2:])] = mark
    return Document(top.file, data, marks)


def _merge_values(
    base: Any, top: Any, path: Path, marks: dict[Path, Mark], top_marks: dict[Path, Mark]
) -> Any:
    """`top` merged over `base` at `path`, updating `marks` so each value keeps the position
    of the file it now comes from."""
    if isinstance(base, dict) and isinstance(top, dict):
        merged = dict(base)
        for key, value in top.items():
            child: Path = (*path, str(key))
            if key in base:
                merged[key] = _merge_values(base[key], value, child, marks, top_marks)
            else:
                merged[key] = value
                _copy_marks(child, marks, top_marks)
            if (*child, KEY) in top_marks:
                marks[(*child, KEY)] = top_marks[(*child, KEY)]
        if path in top_marks:
            marks[path] = top_marks[path]
        return merged
    for stale in [p for p in marks if p[: len(path)] == path]:
        del marks[stale]
    _copy_marks(path, marks, top_marks)
    return top


def _copy_marks(prefix: Path, marks: dict[Path, Mark], source: dict[Path, Mark]) -> None:
    """Take the positions of everything at or below `prefix` from `source`."""
    for key, mark in source.items():
        if key[: len(prefix)] == prefix:
            marks[key] = mark
