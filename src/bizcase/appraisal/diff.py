"""`diff`: two versions of a scenario (files, or `REV:PATH` at a git revision) appraised
and compared, inputs and figures, with the `--fail-on` conditions tested on the change."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from bizcase import diff_gates
from bizcase.appraisal.figure_changes import figure_change, shown_views, view_diffs
from bizcase.appraisal.option import Option, build_option
from bizcase.io.document_diff import diff_documents
from bizcase.io.loader import validate_document
from bizcase.io.revision import read_source
from bizcase.io.yamlfile import collector_paused
from bizcase.model.units import printable
from bizcase.problems import InputError, Problem
from bizcase.results.diff import ChangeCheck, Diff, Side
from bizcase.results.option import TOTAL


def diff_sources(
    old: str, new: str, partner: str | None = None, fail_on: Sequence[str] = ()
) -> tuple[Diff, list[Problem]]:
    """The diff and the warnings about either version. Raises InputError with every
    problem at once: bad conditions, either file, a partner not in both versions."""
    checks, problems = diff_gates.parse_all(fail_on, partner)
    opened: list[tuple[Option, Any]] = []
    for source in (old, new):
        try:
            opened.append(_open(source))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    (before, old_data), (after, new_data) = opened
    view_ids = shown_views(before.result, after.result, partner)
    tested = [_tested(check, before, after) for check in checks]
    unknown = [p for item in tested if isinstance(item, Problem) for p in [item]]
    if unknown:
        raise InputError(unknown)
    diff = Diff(
        Side(old, before.name),
        Side(new, after.name),
        diff_documents(old_data, new_data),
        tuple(view_diffs(before.result, after.result, view_ids)),
        tuple(item for item in tested if isinstance(item, ChangeCheck)),
    )
    return diff, list(dict.fromkeys([*before.warnings, *after.warnings]))


def _open(source: str) -> tuple[Option, Any]:
    """The option, and its document's data as written (before validation reads it)."""
    with collector_paused():
        document = read_source(source)
        data = copy.deepcopy(document.data)
        return build_option(validate_document(document, source)), data


def _tested(check: ChangeCheck, old: Option, new: Option) -> ChangeCheck | Problem:
    missing = [
        option.file
        for option in (old, new)
        if check.partner != TOTAL and check.partner not in option.result.partner_ids
    ]
    if missing:
        return Problem(
            diff_gates.FLAG,
            f"'{check.text}': '{check.partner}' is not a partner of "
            f"{' and '.join(printable(m) for m in missing)} (it must be in both versions)",
        )
    view = check.partner
    return diff_gates.tested(
        check, figure_change(check.metric, old.result.view(view), new.result.view(view))
    )
