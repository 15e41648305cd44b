"""Writing result files: whole or not at all, never over an input, never over a device.

A regular file (or a new one) is written through a temporary file in the same folder and
renamed over the target, so a reader sees the old file or the new one, never half of one.
A symbolic link is followed and its target replaced; the link itself stays. Special files
(`/dev/null`, `/dev/stdout`, a FIFO) are written straight through: renaming over them would
replace a device node with a regular file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path as FilePath

from bizcase.io import reads
from bizcase.problems import OutputError, Problem

_TEMP_SUFFIX = ".bizcase-tmp"


def write_atomically(target: str, content: str | bytes, inputs: Sequence[str]) -> None:
    """Write `content` to `target`: complete or untouched, and never over a file this run
    read (`inputs` and every file the loader opened, `extends` bases included)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    status = check_writable(target, inputs)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(target, data)
        return
    real = FilePath(os.path.realpath(target))
    folder = real.parent
    mode = stat.S_IMODE(status.st_mode) if status is not None else _default_mode()
    _remove_stale_temporaries(folder, real.name)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{real.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX
        )
    except OSError as exc:
        raise _problem(target, f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException as exc:
        FilePath(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _problem(target, f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def check_writable(target: str, inputs: Sequence[str]) -> os.stat_result | None:
    """Refuse now what `write_atomically` would refuse, so a command writing several files
    (a report and its charts) writes none of them when one would fail; the target's
    metadata, or None for a new file."""
    _refuse_inputs(target, inputs)
    status = _status(target)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise _problem(target, f"{target} is a folder: give a file name")
    if status is not None and not stat.S_ISREG(status.st_mode):
        return status
    if status is not None and not status.st_mode & 0o222:
        raise _problem(
            target, f"{target} is read-only: make it writable or write the results elsewhere"
        )
    folder = FilePath(os.path.realpath(target)).parent
    if not folder.is_dir():
        raise _problem(target, f"the folder {folder} does not exist")
    return status


def _refuse_inputs(target: str, inputs: Sequence[str]) -> None:
    path = FilePath(target)
    read = reads.read_as(target)
    if read is None:
        read = next((source for source in inputs if _same_file(path, FilePath(source))), None)
    if read is not None:
        also = "" if read == target else f" (it is {read}, which this run reads)"
        raise _problem(target, f"{target} is an input file{also}: write the results elsewhere")


def _status(target: str) -> os.stat_result | None:
    """The target's metadata through any symlink; None when it does not exist yet."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except ValueError:
        raise _problem(target, "the output file name contains a NUL character") from None
    except OSError as exc:
        raise _problem(target, f"cannot write {target}: {exc.strerror or exc}") from None


def _write_through(target: str, data: bytes) -> None:
    try:
        with open(target, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise _problem(target, f"cannot write {target}: {exc.strerror or exc}") from None


def _remove_stale_temporaries(folder: FilePath, name: str) -> None:
    """Temporary files of ours for this target whose writer is gone (killed mid-write)."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\..*{re.escape(_TEMP_SUFFIX)}$")
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = pattern.match(entry.name)
            if match and not _alive(int(match[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _problem(target: str, message: str) -> OutputError:
    return OutputError([Problem("--output", message)])


def _default_mode() -> int:
    """What a newly created file gets: 0o666 less the umask (mkstemp's own is 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _same_file(a: FilePath, b: FilePath) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
