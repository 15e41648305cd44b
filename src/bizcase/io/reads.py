"""Every file this run has read, so that no output can ever be written over one of them.

The loader records each scenario file and each `extends` base as it opens it; the writer
refuses any output that is the same file (same device and inode, so a symlink, a hard link
or `../` spelling of an input is caught too). One process runs one command, and the CLI
clears the record at the start of each command.
"""

from __future__ import annotations

import os

from bizcase.records import field, mutable


@mutable
class _Record:
    identities: set[tuple[int, int]] = field(default_factory=set)
    names: dict[tuple[int, int], str] = field(default_factory=dict)
    allow_extends_outside: bool = False


_RECORD = _Record()


def record(path: str, status: os.stat_result) -> None:
    identity = (status.st_dev, status.st_ino)
    _RECORD.identities.add(identity)
    _RECORD.names.setdefault(identity, path)


def read_as(path: str) -> str | None:
    """The name under which `path` was read in this run, or None if it was not read."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return _RECORD.names.get((status.st_dev, status.st_ino))


def reset(*, allow_extends_outside: bool = False) -> None:
    """A new command: nothing read yet."""
    _RECORD.identities.clear()
    _RECORD.names.clear()
    _RECORD.allow_extends_outside = allow_extends_outside


def extends_outside_allowed() -> bool:
    return _RECORD.allow_extends_outside
