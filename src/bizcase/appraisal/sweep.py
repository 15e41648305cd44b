"""A sweep: one option appraised for every combination of some of its fields' values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bizcase.appraisal.option import build_option
from bizcase.appraisal.sweep_batch import batched_views
from bizcase.appraisal.views import one_view
from bizcase.io.loader import read_scenario_document, validate_document
from bizcase.io.path_syntax import problem
from bizcase.io.sweep import Setting, combinations, parse_settings, validate_with
from bizcase.io.sweep_edits import Edit, Editor
from bizcase.io.yamlfile import collector_paused
from bizcase.problems import InputError, Problem
from bizcase.results.metrics import BY_NAME
from bizcase.results.option import OptionResult, View
from bizcase.results.sweep import COLUMNS, Row, Sweep, Value


def run_sweep(
    file: str, set_texts: Sequence[str], partner: str | None = None, *, fast: bool = True
) -> Sweep:
    """Appraise `file` for every combination of the `--set` values.

    The file must be valid as it stands. A value that makes it invalid is an `InputError`
    naming the `--set` and the value, with the validation messages (and their positions in
    the file). Where every `--set` changes only items' amounts, combinations are applied to
    the validated scenario and projected together (`sweep_batch`), with the same figures;
    `fast=False` takes the document path for all of them (to compare and to time)."""
    with collector_paused():  # as load_scenario: no cycles, and linear in file size
        document = read_scenario_document(file)
        loaded = validate_document(document, file)
    base = build_option(loaded)
    settings = parse_settings(set_texts, document.data)
    view_id = one_view(base.result, partner)
    editor = Editor(loaded, document, file, settings) if fast and Editor.applies(settings) else None

    def apply(pairs: Sequence[tuple[Setting, Value]]) -> Edit:
        if editor is not None:
            return editor.apply(pairs)
        return Edit(validate_with(document, file, settings, pairs), None)

    refused = Refused()
    if len(settings) > 1:
        # Each value on its own first: a bad value is then blamed on its own --set, before
        # any long run of combinations.
        for setting in settings:
            for value in setting.values:
                refused.attempt(apply, ((setting, value),))
        refused.raise_any()
    warnings = dict.fromkeys(base.warnings)
    found: list[tuple[tuple[Value, ...], Edit]] = []
    for combination in combinations(settings):
        pairs = tuple(zip(settings, combination, strict=True))
        edit = refused.attempt(apply, pairs)
        if edit is None:
            continue
        for warning in edit.loaded.warnings:
            if warning not in base.warnings:
                message = f"{warning.message} (with {_labels(pairs)})"
                warnings.setdefault(replace(warning, message=message), None)
        found.append((combination, edit))
    refused.raise_any()
    batched = iter(batched_views(base, [e for _, e in found if e.items is not None], view_id))
    rows: list[Row] = []
    for combination, edit in found:
        if edit.items is None:
            pairs = tuple(zip(settings, combination, strict=True))
            view = _view(build_option(edit.loaded).result, view_id, pairs)
        else:
            view = next(batched)
        rows.append(_row(combination, view))
    return Sweep(
        file=file,
        option_name=base.name,
        partner=view_id,
        partner_name=base.result.view(view_id).name,
        parameters=tuple(s.path.text for s in settings),
        rows=tuple(rows),
        warnings=tuple(warnings),
        inputs=(file, *sorted({mark[0] for mark in document.marks.values()} - {file})),
    )


class Refused:
    """The combinations that make the scenario invalid, gathered so that every bad value is
    said at once (up to `MOST` of them: a grid can fail ten thousand times over one
    mistake)."""

    MOST = 10

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.failed = 0

    def attempt(
        self,
        apply: Callable[[Sequence[tuple[Setting, Value]]], Edit],
        pairs: Sequence[tuple[Setting, Value]],
    ) -> Edit | None:
        """`apply(pairs)`, or None where it is refused (its problems kept)."""
        try:
            return apply(pairs)
        except InputError as exc:
            self.failed += 1
            if self.failed <= self.MOST:
                self.problems += [p for p in exc.problems if p not in self.problems]
            return None

    def raise_any(self) -> None:
        if not self.problems:
            return
        more = self.failed - self.MOST
        if more > 0:
            said = f"and {more:,} more combination{'s' if more > 1 else ''} the scenario refuses"
            self.problems.append(Problem("--set", said))
        raise InputError(self.problems)


def _labels(pairs: Sequence[tuple[Setting, Value]]) -> str:
    return ", ".join(s.label(v) for s, v in pairs)


def _view(result: OptionResult, view_id: str, pairs: Sequence[tuple[Setting, Value]]) -> View:
    """The view swept; a value that renames the partner away is the user's mistake."""
    try:
        return result.view(view_id)
    except KeyError:
        raise problem(
            f"with {_labels(pairs)}, {view_id} is no longer a partner of this option "
            f"(partners: {', '.join(result.partner_ids)})"
        ) from None


def _row(combination: tuple[Value, ...], view: View) -> Row:
    return Row(
        combination,
        row_results(view),
        any(abs(g) >= 0.005 for g in view.series["gap"]),
        view.payback_status,
        view.gap_status,
    )


def row_results(view: View) -> dict[str, float | int | None]:
    """The figures a sweep shows for one view, in COLUMNS order, read as `check` reads
    them (the headline metrics)."""
    found: dict[str, float | int | None] = {}
    for column, metric in COLUMNS:
        read = BY_NAME[metric].read
        assert read is not None
        value = read(view)
        assert not isinstance(value, str)
        found[column] = value
    return found
