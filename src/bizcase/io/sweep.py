"""`bizcase sweep`: one scenario evaluated over a grid of values of some of its fields.

Each `--set PATH=VALUES` names a field (see `bizcase.io.paths`) and its values: a comma list
(`1%,3.5%,6%`, `£1m,£2.5m`, `2016/17,2017/18`) or a range `LOW..HIGH:N` of N evenly spaced
points, both ends included (`£1m..£3m:5`, `1%..6%:6`, `years=5..10:6`). Values from a list
are written into the scenario's data as the user wrote them (text, or a number where the
text is one, as YAML would read it), so the scenario's own validation parses them and says
what is wrong; a range's points are written as pounds (rounded to the penny), fractions or
plain numbers. Several `--set` make the cartesian product, the first varying slowest.

Nothing here prints: the CLI shows the warnings returned and renders the rows.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bizcase.engine.result import evaluate
from bizcase.io.loader import LoadedScenario, read_scenario_document, validate_document
from bizcase.io.path_syntax import SOURCE, FieldPath, parse_path, problem
from bizcase.io.paths import Target, overlaps, resolve, with_values
from bizcase.io.yamlfile import Document
from bizcase.model.units import parse_money, parse_percent, shown
from bizcase.problems import FieldError, InputError, Problem
from bizcase.results.option import View
from bizcase.results.sweep import Row, Sweep, Value

MAX_COMBINATIONS = 10_000

WHOLE_NUMBER_FIELDS = frozenset({"years", "start", "from", "until", "year"})
"""Fields a range must fill with whole numbers: the horizon and financial years."""


@dataclass(frozen=True)
class Setting:
    """One `--set PATH=VALUES`, its path resolved against the scenario."""

    path: FieldPath
    target: Target
    values: tuple[Value, ...]

    def label(self, value: Value) -> str:
        return f"{self.path.text}={value.text}"


# ---------------------------------------------------------------------------------- values


def split_setting(text: str) -> tuple[str, str]:
    """`PATH=VALUES` split at the first `=` outside brackets and quotes."""
    depth, quote = 0, ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "=" and depth == 0:
            return text[:i].strip(), text[i + 1 :].strip()
    if "=" in text:  # unbalanced brackets or quotes: parse_path will say where
        path, _, values = text.partition("=")
        return path.strip(), values.strip()
    raise problem(
        f"'{text}' has no values: write PATH=VALUES, such as discount_rate=1%,3.5%,6% "
        "or savings[0].annual=£1m..£3m:5"
    )


_RANGE = re.compile(r"^(?P<low>.+?)\.\.(?P<high>.+?):\s*(?P<n>[-+]?\d+)\s*$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_PLAIN = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_MONEY_HINT = re.compile(r"£|\d\s*(?:k|m|bn)$|,", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{3}(?:\.\d+)?\s*(?:k|m|bn)?$", re.IGNORECASE)


def parse_values(text: str, field: str, where: str) -> tuple[Value, ...]:
    """The values of one `--set` for the field named `field` (its last key); `where` is the
    `--set` as given, for messages."""
    if ".." in text:
        return _range(text, field, where)
    items = _split_list(text)
    if any(not item for item in items):
        raise problem(
            f"{where}: an empty value in the list: separate values with single commas, "
            "such as 1%,3.5%,6%"
        )
    return tuple(Value(_as_yaml_would(item), item) for item in items)


def _split_list(text: str) -> list[str]:
    """Commas separate values, except a thousands comma inside an amount that starts with
    £: `£13,400,£20,000` is two amounts; `100,200` is two numbers."""
    items: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        previous = items[-1] if items else ""
        if (
            previous.startswith("£")
            and _THOUSANDS.match(part)
            and previous[-1].isdigit()
            and "." not in previous
        ):
            items[-1] = f"{previous},{part}"
        else:
            items.append(part)
    return items


def _as_yaml_would(item: str) -> Any:
    """A number where YAML would read one (`5`, `0.035`, `1e6`), else the text."""
    if _INT.match(item):
        return int(item)
    if _FLOAT.match(item):
        return float(item)
    return item


def _range(text: str, field: str, where: str) -> tuple[Value, ...]:
    match = _RANGE.match(text)
    if match is None:
        raise problem(
            f"{where}: a range is LOW..HIGH:N, N evenly spaced points with both ends "
            "included, such as £1m..£3m:5 or 1%..6%:6"
        )
    count = int(match["n"])
    if count < 2:
        raise problem(f"{where}: a range needs at least 2 points (the two ends), not {count}")
    if count > MAX_COMBINATIONS:
        raise problem(
            f"{where}: {count:,} points is more than a sweep takes ({MAX_COMBINATIONS:,})"
        )
    low_text, high_text = match["low"].strip(), match["high"].strip()
    kinds = {_kind(low_text), _kind(high_text)}
    if "percent" in kinds and kinds != {"percent"}:
        raise problem(f"{where}: write both ends of the range as percentages, such as 1%..6%:6")
    kind = "percent" if "percent" in kinds else "money" if "money" in kinds else "number"
    try:
        low, high = (_end(t, kind) for t in (low_text, high_text))
    except FieldError as exc:
        raise problem(f"{where}: {exc.message}") from None
    if low == high:
        raise problem(f"{where}: the range starts and ends at the same value: give it once")
    points = [low + (high - low) * i / (count - 1) for i in range(count)]
    if field in WHOLE_NUMBER_FIELDS and (
        kind != "number" or any(p != p.to_integral_value() for p in points)
    ):
        shown = ", ".join(_plain_text(p) for p in points[:4])
        raise problem(
            f"{where}: {field} takes whole numbers, and this range gives {shown}"
            f"{', ...' if count > 4 else ''}: choose N so that the step is whole, "
            "such as years=5..10:6 for 5, 6, ..., 10"
        )
    if kind == "money":
        points = [p.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for p in points]
        return tuple(Value(_number(p), _pounds_text(p)) for p in points)
    if kind == "percent":
        beyond = [p for p in points if abs(p) > 1]
        if beyond:
            raise problem(
                f"{where}: {_percent_text(beyond[0])} is beyond 100%: a percentage is "
                "between -100% and 100%"
            )
        return tuple(Value(float(p), _percent_text(p)) for p in points)
    return tuple(Value(_number(p), _plain_text(p)) for p in points)


def _kind(text: str) -> str:
    if text.endswith("%"):
        return "percent"
    if _MONEY_HINT.search(text):
        return "money"
    return "number"


def _end(text: str, kind: str) -> Decimal:
    if kind == "percent":
        return Decimal(repr(parse_percent(text, signed=True)))
    if kind == "money":
        return Decimal(repr(parse_money(text)))
    if not _PLAIN.match(text):
        raise FieldError(
            f"'{text}' is not a number, an amount of money (£1m) or a percentage (3.5%)"
        )
    return Decimal(text)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plain_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return f"{float(value):.10g}"


def _pounds_text(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    if value == value.to_integral_value():
        return f"{sign}£{abs(int(value)):,}"
    return f"{sign}£{abs(value):,.2f}"


def _percent_text(fraction: Decimal) -> str:
    text = f"{float(fraction * 100):.6f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('-0', '') else text}%"


# ------------------------------------------------------------------------------------ grid


def parse_settings(texts: Sequence[str], data: Any) -> tuple[Setting, ...]:
    """Every `--set` parsed and resolved against the scenario's data; a field set twice (or
    a field inside another one set) is refused."""
    settings: list[Setting] = []
    for text in texts:
        path_text, values_text = split_setting(text)
        path = parse_path(path_text)
        target = resolve(data, path)
        if not values_text:
            raise problem(f"{text}: no values after =")
        field = str(target[-1])
        values = parse_values(values_text, field, text.strip())
        for other in settings:
            if overlaps(other.target, target):
                raise problem(
                    f"{path.text} and {other.path.text} set the same field, or one inside "
                    "the other: give each field one --set"
                )
        settings.append(Setting(path, target, values))
    if not settings:
        raise problem("give at least one --set PATH=VALUES, such as --set discount_rate=1%,6%")
    size = math.prod(len(s.values) for s in settings)
    if size > MAX_COMBINATIONS:
        counts = " x ".join(str(len(s.values)) for s in settings)
        raise problem(
            f"{counts} = {size:,} combinations, more than a sweep takes "
            f"({MAX_COMBINATIONS:,}): use fewer values or fewer --set"
        )
    return tuple(settings)


def combinations(settings: Sequence[Setting]) -> list[tuple[Value, ...]]:
    """The cartesian product of the settings' values, the first `--set` varying slowest."""
    return list(itertools.product(*(s.values for s in settings)))


def run_sweep(file: str, set_texts: Sequence[str], partner: str | None = None) -> Sweep:
    """Evaluate `file` for every combination of the `--set` values.

    The file must be valid as it stands. A value that makes it invalid is an `InputError`
    naming the `--set` and the value, with the validation messages (and their positions in
    the file)."""
    document = read_scenario_document(file)
    base = validate_document(document, file)
    settings = parse_settings(set_texts, document.data)
    base_result = evaluate(base.scenario, file)
    if partner not in (None, "total") and partner not in base_result.partner_ids:
        raise InputError(
            [
                Problem(
                    file,
                    f"--partner {partner}: not a partner of this option "
                    f"(partners: {', '.join(base_result.partner_ids)})",
                )
            ]
        )
    view_id = "total" if partner is None else partner
    if len(settings) > 1:
        # Each value on its own first: a bad value is then blamed on its own --set, before
        # any long run of combinations.
        for setting in settings:
            for value in setting.values:
                _validate(document, file, settings, ((setting, value),))
    warnings = dict.fromkeys(base.warnings)
    rows: list[Row] = []
    for combination in combinations(settings):
        pairs = tuple(zip(settings, combination, strict=True))
        loaded = _validate(document, file, settings, pairs)
        for warning in loaded.warnings:
            if warning not in base.warnings:
                labels = ", ".join(s.label(v) for s, v in pairs)
                warnings.setdefault(
                    replace(warning, message=f"{warning.message} (with {labels})"), None
                )
        result = evaluate(loaded.scenario, file)
        try:
            view = result.view(view_id)
        except KeyError:
            labels = ", ".join(s.label(v) for s, v in pairs)
            raise problem(
                f"with {labels}, {view_id} is no longer a partner of this option "
                f"(partners: {', '.join(result.partner_ids)})"
            ) from None
        rows.append(
            Row(
                combination,
                row_results(view),
                _gap_given(view),
                view.payback_status,
                view.gap_status,
            )
        )
    shown = base_result.view(view_id)
    return Sweep(
        file=file,
        option_name=base.scenario.name,
        partner=view_id,
        partner_name=shown.name,
        parameters=tuple(s.path.text for s in settings),
        rows=tuple(rows),
        warnings=tuple(warnings),
        inputs=(file, *sorted({mark[0] for mark in document.marks.values()} - {file})),
    )


def _validate(
    document: Document,
    file: str,
    settings: Sequence[Setting],
    pairs: Sequence[tuple[Setting, Value]],
) -> LoadedScenario:
    data = with_values(document.data, [(s.target, v.data) for s, v in pairs])
    try:
        return validate_document(Document(document.file, data, document.marks), file)
    except InputError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        blamed = [
            (s, v) for s, v in pairs if any(p.path and overlaps(s.target, p.path) for p in errors)
        ] or list(pairs)
        labels = ", ".join(shown(s.label(v)) for s, v in blamed)
        verb = "makes" if len(blamed) == 1 else "make"
        raise InputError(
            [Problem(SOURCE, f"{labels} {verb} the scenario invalid: {p}") for p in errors]
        ) from None


def row_results(view: View) -> dict[str, float | int | None]:
    """The figures a sweep shows for one view, in RESULT_KEYS order."""
    return {
        "npv": view.npv,
        "total_net": view.totals["total_net"],
        "total_savings": view.totals["total_savings"],
        "total_one_off_costs": view.totals["total_one_off_costs"],
        "final_net_recurring": view.last("net_recurring"),
        "final_remaining_gap": view.last("remaining_gap"),
        "payback_year": view.payback_year,
        "gap_closed_year": view.gap_closed_year,
        "coverage": view.coverage,
    }


def _gap_given(view: View) -> bool:
    return any(abs(g) >= 0.005 for g in view.series["gap"])
