"""Writing result files: whole or not at all, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path as FilePath

from bizcase.problems import InputError, Problem


def write_atomically(target: str, content: str | bytes, inputs: Sequence[str]) -> None:
    """Write `content` to `target` through a temporary file in the same folder, so the file
    is either complete or untouched; refuse to overwrite any of `inputs`."""
    path = FilePath(target)
    for source in inputs:
        if _same_file(path, FilePath(source)):
            raise InputError(
                [Problem("--output", f"{target} is an input file: write the results elsewhere")]
            )
    folder = path.parent
    if not folder.is_dir():
        raise InputError([Problem("--output", f"the folder {folder} does not exist")])
    if path.is_dir():
        raise InputError([Problem("--output", f"{target} is a folder: give a file name")])
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        FilePath(temporary).unlink(missing_ok=True)
        raise InputError(
            [Problem("--output", f"cannot write {target}: {exc.strerror or exc}")]
        ) from None


def _default_mode() -> int:
    """What a newly created file gets: 0o666 less the umask (mkstemp's own is 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _same_file(a: FilePath, b: FilePath) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()
