"""A scenario named as a file or as `REV:PATH`, read as a merged document; at a revision,
its `extends` bases come from the same commit, so an old file is appraised as it was.

At a revision a base may be anywhere in the repository (the files git holds are the
repository's own), but not outside it, and a base missing at that commit is an error there,
never a file read from the working folder instead.
"""

from __future__ import annotations

import posixpath

from bizcase.io import git_show
from bizcase.io.extends import MAX_EXTENDS_DEPTH
from bizcase.io.extends import _merge as merge_beneath
from bizcase.io.extends import _name_problem as name_problem
from bizcase.io.git_show import Revision, RevisionError
from bizcase.io.loader import read_scenario_document
from bizcase.io.placing import problem_at
from bizcase.io.yamlfile import Document, collector_paused, parse_yaml
from bizcase.problems import InputError, Problem


def read_source(spec: str) -> Document:
    """`spec` (a file, or `REV:PATH`) with its `extends` chain merged in; the document's
    file is `spec` as written, so problems name it as the user did."""
    split = git_show.split_spec(spec)
    if split is None:
        with collector_paused():
            return read_scenario_document(spec)
    name, path = split
    try:
        revision = git_show.resolve(name)
        path = git_show.repository_path(path)
        text = git_show.show(revision, path)
    except RevisionError as exc:
        raise InputError([Problem(spec, exc.message)]) from None
    return _with_extends(parse_yaml(text, spec), revision, path, ())


def is_revision(spec: str) -> bool:
    return git_show.split_spec(spec) is not None


def _with_extends(
    document: Document, revision: Revision, path: str, chain: tuple[str, ...]
) -> Document:
    """`document` (the file at `path`) with the bases its `extends` names merged beneath."""
    data = document.data
    if not isinstance(data, dict) or "extends" not in data:
        return document
    chain = (*chain, path)
    base_path, problem = _base_path(data.pop("extends"), path, chain)
    if problem is None:
        try:
            text = git_show.show(revision, base_path)
        except RevisionError as exc:
            problem = f"the base file: {exc}"
    if problem is not None:
        raise InputError([problem_at(document, ("extends",), problem)])
    base = _with_extends(
        parse_yaml(text, f"{revision.name}:{base_path}"), revision, base_path, chain
    )
    if not isinstance(base.data, dict):
        raise InputError([problem_at(base, (), "a base scenario file is a mapping of fields")])
    return merge_beneath(base, document)


def _base_path(name: object, path: str, chain: tuple[str, ...]) -> tuple[str, str | None]:
    """The repository path `extends: name` in `path` stands for (relative to `path`), and
    what is wrong with it, if anything."""
    if not isinstance(name, str) or not name.strip():
        return "", "extends names a base file, such as `extends: base.yaml`"
    base = posixpath.normpath(posixpath.join(posixpath.dirname(path), name))
    if name.startswith("/"):
        return base, "at a revision, extends names a file relative to the scenario"
    if len(chain) >= MAX_EXTENDS_DEPTH:
        return base, f"extends is nested more than {MAX_EXTENDS_DEPTH} files deep: shorten it"
    if base.startswith("../"):
        return base, f"the base file {name} is outside the repository"
    if base in chain:
        return base, f"extends makes a cycle: {' -> '.join([*chain, base])}"
    return base, name_problem(name, name)
