"""One-at-a-time sensitivity: each item to its low and high, each stream a year late,
one-off costs raised by an optimism-bias uplift, and each price index and the deflator a
point lower and higher; a tornado sorted by swing."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.engine.plan import BLOCKS, Plan, block_items, compile_plan
from bizcase.engine.projection import project
from bizcase.model.finance import Prices
from bizcase.model.scenario import SECTIONS, Item, Risk, Scenario
from bizcase.model.units import format_percent
from bizcase.results.sensitivity import SECTION_LABELS, Sensitivity, TornadoRow
from bizcase.risk.cases import GAP, METRICS, Case, Change, case_values, view_index


def _signed(fraction: float) -> str:
    text = format_percent(fraction)
    return text if fraction < 0 else f"+{text}"


Label = tuple[str, str, str, list[str]]
"""(item name, block, kind of change, the label of each end) of one bar."""


def sensitivity(
    scenario: Scenario,
    plan: Plan,
    metric: str = "npv",
    view: str | None = None,
    default_range: float = 0.2,
    optimism_bias: float | None = None,
) -> Sensitivity:
    """Every one-at-a-time case through the engine, a batch of cases at a time; rows sorted
    by swing, largest first."""
    labels, cases = _item_cases(scenario, default_range)
    # The uplift goes on the one-off costs that give none of their own (theirs is counted).
    bare = [i for i, cost in enumerate(scenario.one_off_costs) if cost.optimism_bias is None]
    if optimism_bias is not None and bare:
        ends = [f"{_signed(optimism_bias)} optimism bias"]
        whose = (
            "All one-off costs"
            if len(bare) == len(scenario.one_off_costs)
            else ("One-off costs without their own optimism bias")
        )
        labels.append((whose, "one_off_costs", "optimism bias", ends))
        cases.append(tuple(Change("one_off_costs", i, 1.0 + optimism_bias) for i in bare))
    column = view_index(plan, view)
    figure = METRICS[metric]
    values = [float(v) for v in case_values(plan, cases, lambda run: figure(run, column))]
    for label, prices in price_cases(scenario):
        labels.append(label)
        for changed in prices:
            projected = project(compile_plan(scenario.model_copy(update={"prices": changed}), 0))
            values.append(float(METRICS[metric](projected, column)[0]))
    rows, unaffected = _bars(labels, values[1:], values[0])
    return Sensitivity(metric, view or "total", values[0], rows, unaffected)


POINT = 0.01
"""Indices and the deflator move one percentage point in every year: the +/-1% tables of
a medium-term financial strategy."""


def price_cases(scenario: Scenario) -> list[tuple[Label, tuple[Prices, Prices]]]:
    """For each price index, then the deflator: the prices one point lower and higher."""
    prices = scenario.prices
    if prices is None:
        return []
    ends = ["-1 point a year", "+1 point a year"]
    found: list[tuple[Label, tuple[Prices, Prices]]] = []
    for name, rate in prices.indices.items():
        changed = tuple(
            prices.model_copy(update={"indices": {**prices.indices, name: rate.shifted(d)}})
            for d in (-POINT, POINT)
        )
        found.append(((f"{name} index", "prices", "rate", ends), (changed[0], changed[1])))
    if prices.deflator is not None:
        deflator = prices.deflator
        low, high = (
            prices.model_copy(update={"deflator": deflator.shifted(d)}) for d in (-POINT, POINT)
        )
        found.append((("GDP deflator", "prices", "rate", ends), (low, high)))
    return found


def _item_cases(scenario: Scenario, default_range: float) -> tuple[list[Label], list[Case]]:
    """The case as written, then each item to its low and high (and each stream a year
    late), then each partner's budget gap to its low and high."""
    labels: list[Label] = []
    cases: list[Case] = [()]
    for block in BLOCKS:
        items: Sequence[Item] = block_items(scenario, block)
        for index, item in enumerate(items):
            if isinstance(item, Risk):
                labels.append((item.name, block, "occurs", ["does not occur", "occurs in full"]))
                full = 1.0 / item.probability if item.probability > 0 else 0.0
                cases += [(Change(block, index, 0.0),), (Change(block, index, full),)]
                continue
            low, high = (
                item.uncertainty.bounds if item.uncertainty else (-default_range, default_range)
            )
            labels.append((item.name, block, "range", [_signed(low), _signed(high)]))
            cases += [(Change(block, index, 1.0 + low),), (Change(block, index, 1.0 + high),)]
            if block in SECTIONS:
                labels.append((item.name, block, "delay", ["1 year late"]))
                cases.append((Change(block, index, delay=1),))
    for index, partner in enumerate(scenario.partners):
        if partner.budget_gap is None:
            continue
        low, high = (
            partner.uncertainty.bounds if partner.uncertainty else (-default_range, default_range)
        )
        labels.append((partner.name, GAP, "range", [_signed(low), _signed(high)]))
        cases += [(Change(GAP, index, 1.0 + low),), (Change(GAP, index, 1.0 + high),)]
    return labels, cases


def _bars(
    labels: Sequence[Label], values: Sequence[float], base: float
) -> tuple[list[TornadoRow], list[str]]:
    """A bar for each label that moves the figure by at least half a penny, largest first;
    the others by name."""
    rows: list[TornadoRow] = []
    unaffected: list[str] = []
    position = 0
    for name, block, change, ends in labels:
        results = list(values[position : position + len(ends)])
        position += len(ends)
        swing = abs(results[1] - results[0]) if len(results) == 2 else abs(results[0] - base)
        if swing < 0.005:
            unaffected.append(f"{SECTION_LABELS[block]}: {name} ({change})")
            continue
        rows.append(TornadoRow(name, block, change, tuple(zip(ends, results, strict=True)), swing))
    rows.sort(key=lambda row: -row.swing)
    return rows, unaffected
