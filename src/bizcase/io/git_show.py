"""Files at a git revision, read with `git show REV:PATH` (never a checkout), so that `diff`
can set a pull request's scenario beside the same file on the target branch.

Every failure of git (not installed, not a repository, an unknown revision, a path the
revision does not have) is a `RevisionError` with a message saying what to do; git's own
words are not parsed, so its language and version do not matter.
"""

from __future__ import annotations

import os
import posixpath
import subprocess

from bizcase.io.extends import MAX_FILE_BYTES
from bizcase.problems import MessageError
from bizcase.records import frozen

GIT_TIMEOUT = 60
"""Seconds a git command may take (a repository on a slow network file system)."""


class RevisionError(MessageError):
    """git could not give the file; the caller says which file it was."""


@frozen
class Revision:
    """A revision as the user named it (`origin/main`) and the commit it stands for, fixed
    once so that a file and its `extends` bases come from the same commit."""

    name: str
    commit: str


def split_spec(text: str) -> tuple[str, str] | None:
    """`REV:PATH` as (REV, PATH); None where `text` is a file name. A file that exists is
    always a file, so a name with a colon in it still reads from disk."""
    revision, colon, path = text.partition(":")
    if not colon or not revision or not path or os.path.lexists(text):
        return None
    return revision, path


def resolve(name: str) -> Revision:
    """The commit `name` stands for, or why there is none."""
    if name.startswith("-"):
        raise RevisionError(f"'{name}' is not a revision: a revision does not start with '-'")
    done = _git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    if done.returncode != 0:
        if _git("rev-parse", "--git-dir").returncode != 0:
            raise RevisionError(
                "this folder is not inside a git repository: run bizcase from the "
                "repository's folder to read files at a revision"
            )
        raise RevisionError(
            f"no revision '{name}' in this repository (a branch, tag or commit; "
            "in CI, fetch it first, such as `git fetch origin main`)"
        )
    return Revision(name, done.stdout.decode("ascii").strip())


def repository_path(path: str) -> str:
    """PATH as git reads it after `REV:` (from the repository's top), for `extends` to
    resolve against; `./x.yaml` and `../x.yaml` are from the current folder, as in git."""
    if path.startswith(("./", "../")):
        prefix = _git("rev-parse", "--show-prefix").stdout.decode("utf-8", "replace").strip()
        path = prefix + path
    normal = posixpath.normpath(path)
    if normal.startswith(("../", "/")) or normal in ("..", "."):
        raise RevisionError(f"{path} is not a file inside the repository")
    return normal


def show(revision: Revision, path: str) -> str:
    """The text of `path` at `revision`, checked as a file on disk is: a file, not a
    folder; at most MAX_FILE_BYTES; UTF-8."""
    spec = f"{revision.commit}:{path}"
    kind = _git("cat-file", "-t", spec)
    if kind.returncode != 0:
        raise RevisionError(f"{path} does not exist at {revision.name}")
    if kind.stdout.strip() != b"blob":
        raise RevisionError(f"{path} is a folder at {revision.name}, not a scenario file")
    size = _git("cat-file", "-s", spec).stdout.strip()
    if not size.isdigit() or int(size) > MAX_FILE_BYTES:
        raise RevisionError(
            f"{path} at {revision.name} is larger than {MAX_FILE_BYTES:,} bytes: "
            "a scenario is a short text file"
        )
    done = _git("show", spec)
    if done.returncode != 0:
        raise RevisionError(f"git could not show {path} at {revision.name}")
    try:
        return done.stdout.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = done.stdout[: exc.start].count(b"\n") + 1
        raise RevisionError(f"line {line}: the file is not UTF-8 text: save it as UTF-8") from None


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    """git, quietly, never prompting, in the current folder."""
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
    try:
        return subprocess.run(
            ["git", "--no-pager", *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
            env=environment,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise RevisionError(
            "git is not installed (or not on PATH): it is needed to read REV:PATH"
        ) from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git took more than {GIT_TIMEOUT} seconds to answer") from None
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc.strerror or exc}") from None
