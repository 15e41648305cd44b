"""A sweep: one option appraised for every combination of some of its fields' values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bizcase.appraisal.option import build_option
from bizcase.appraisal.views import one_view
from bizcase.io.loader import read_scenario_document, validate_document
from bizcase.io.path_syntax import problem
from bizcase.io.sweep import Setting, combinations, parse_settings, validate_with
from bizcase.results.metrics import BY_NAME
from bizcase.results.option import OptionResult, View
from bizcase.results.sweep import COLUMNS, Row, Sweep, Value


def run_sweep(file: str, set_texts: Sequence[str], partner: str | None = None) -> Sweep:
    """Appraise `file` for every combination of the `--set` values.

    The file must be valid as it stands. A value that makes it invalid is an `InputError`
    naming the `--set` and the value, with the validation messages (and their positions in
    the file)."""
    document = read_scenario_document(file)
    base = build_option(validate_document(document, file))
    settings = parse_settings(set_texts, document.data)
    view_id = one_view(base.result, partner)
    if len(settings) > 1:
        # Each value on its own first: a bad value is then blamed on its own --set, before
        # any long run of combinations.
        for setting in settings:
            for value in setting.values:
                validate_with(document, file, settings, ((setting, value),))
    warnings = dict.fromkeys(base.warnings)
    rows: list[Row] = []
    for combination in combinations(settings):
        pairs = tuple(zip(settings, combination, strict=True))
        option = build_option(validate_with(document, file, settings, pairs))
        for warning in option.warnings:
            if warning not in base.warnings:
                message = f"{warning.message} (with {_labels(pairs)})"
                warnings.setdefault(replace(warning, message=message), None)
        rows.append(_row(combination, _view(option.result, view_id, pairs)))
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
