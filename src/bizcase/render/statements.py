"""What a view says about payback and the budget gap, in one wording for every format.

The engine decides (`payback_status`, `gap_status`); this module only words the decision,
so a table, a CSV note, a workbook and a committee report never disagree.
"""

from __future__ import annotations

from bizcase.render.money import format_coverage, format_money, format_year
from bizcase.results.metrics import Metric, Unit
from bizcase.results.option import OptionResult, View

NEVER = "not within the horizon"
NOTHING_TO_PAY_BACK = "nothing to pay back"
NO_GAP = "no gap given"


def payback_text(view: View) -> str:
    """`2019/20`, `not within the horizon` or `nothing to pay back`."""
    if view.payback_status == "nothing_to_pay_back":
        return NOTHING_TO_PAY_BACK
    if view.payback_year is None:
        return NEVER
    return format_year(view.payback_year)


def payback_period_text(view: View) -> str:
    """`3.2 years` from the start of the horizon, or why there is none."""
    if view.payback_period is None:
        return payback_text(view)
    return f"{view.payback_period:.1f} years"


def bcr_text(view: View) -> str:
    """`2.35`, or why there is no ratio."""
    return "nothing spent" if view.bcr is None else f"{view.bcr:.2f}"


def economic_sentence(view: View) -> str | None:
    """Where some savings are not cashable: NPV with them too, beside the cash NPV."""
    if view.economic_npv is None:
        return None
    return (
        f"Economic NPV (with non-cashable savings): {format_money(view.economic_npv)}, "
        f"against a cash NPV of {format_money(view.npv)}"
    )


def lower_rate_sentence(view: View) -> str | None:
    """The Green Book's test of a long appraisal, where the horizon is over 50 years."""
    if view.npv_lower_rate is None:
        return None
    return (
        f"NPV at the lower rate (green_book_lower, the Green Book's test for horizons over "
        f"50 years): {format_money(view.npv_lower_rate)}"
    )


def further_sentences(view: View, option: OptionResult) -> list[str]:
    """What a view's summary adds where it applies: the economic NPV, the lower-rate NPV and
    where the reserves go."""
    found = (
        economic_sentence(view),
        lower_rate_sentence(view),
        reserves_sentence(view, option.years[-1]),
    )
    return [s for s in found if s]


def reserves_sentence(
    view: View, last_year: int, subject: str = "Reserves", plural: bool = True
) -> str | None:
    """`Reserves fall from £5.0m to £1.2m by 2020/21, below the £2.0m minimum from
    2019/20.`: the balance's path in one sentence, where it is followed."""
    balances = view.reserves
    if balances is None or view.reserves_opening is None or view.reserves_minimum is None:
        return None
    opening, final = view.reserves_opening, balances[-1]
    # a council that begins within the horizon (a successor) starts from then
    begun = "" if view.from_ is None else f" at the start of {format_year(view.from_)}"
    verb = "fall" if final < opening - 0.005 else "rise" if final > opening + 0.005 else "stay"
    said = verb if plural else f"{verb}s"
    moved = (
        f"{said} at {format_money(final)}"
        if verb == "stay"
        else f"{said} from {format_money(opening)}{begun} to {format_money(final)}"
    )
    end = f" by {format_year(last_year)}"
    minimum = (
        f"the {format_money(view.reserves_minimum)} minimum"
        if view.reserves_minimum >= 0.5
        else "zero"
    )
    if view.reserves_breach_year is not None:
        lowest = view.reserves_lowest if view.reserves_lowest is not None else final
        low = "" if abs(lowest - final) < 0.005 else f" (lowest {format_money(lowest)})"
        return (
            f"{subject} {moved}{end}, below {minimum} from "
            f"{format_year(view.reserves_breach_year)}{low}"
        )
    return f"{subject} {moved}{end}, never below {minimum}"


def gaps_given(option: OptionResult) -> str:
    """`gaps given for 1 of 2 partners`: why the total's gap is not judged."""
    given = sum(1 for view in option.partners if view.gap_status != "no_gap")
    return f"gaps given for {given} of {len(option.partners)} partners"


def gap_closed_text(view: View, option: OptionResult) -> str:
    """The year the gap is closed from, or why there is none."""
    if view.gap_status == "no_gap":
        return NO_GAP
    if view.gap_status == "partial":
        return gaps_given(option)
    if view.gap_closed_year is None:
        return NEVER
    return format_year(view.gap_closed_year)


def coverage_text(view: View, option: OptionResult) -> str:
    if view.gap_status == "no_gap":
        return NO_GAP
    if view.gap_status == "partial":
        return gaps_given(option)
    return format_coverage(view.coverage)


def judges_gap(view: View) -> bool:
    """Whether a remaining gap (or surplus) means anything for this view."""
    return view.gap_status in ("closed", "not_closed")


def shown_views(option: OptionResult) -> list[View]:
    """The views a reader needs: each partner's and the total's, except that a
    one-partner option's total repeats its partner's figures and is left out."""
    return option.partners if len(option.partners) == 1 else option.views


def sunk_costs_sentence(option: OptionResult) -> str | None:
    """`£250,000 of sunk costs (Feasibility study, 2015/16) are excluded, as the Green Book
    requires.`, or None where there are none."""
    if not option.sunk_costs:
        return None
    items = "; ".join(
        f"{cost.name}, {', '.join(format_year(y) for y in cost.years)}"
        for cost in option.sunk_costs
    )
    return (
        f"{format_money(option.sunk_total)} of sunk costs ({items}) are excluded, as the "
        "Green Book requires."
    )


def headline_text(metric: Metric, view: View, option: OptionResult) -> str:
    """A headline figure as every comparison shows it: money to the pound, years and
    coverage in the one wording above, and a dash for a remaining gap that means nothing."""
    wording = {
        "payback_year": payback_text,
        "payback_period": payback_period_text,
    }
    if metric.name in wording:
        return wording[metric.name](view)
    if metric.name == "bcr":
        return bcr_text(view)
    if metric.name == "gap_closed_year":
        return gap_closed_text(view, option)
    if metric.name == "coverage":
        return coverage_text(view, option)
    if metric.name.startswith("reserves_") and view.reserves is None:
        return "no reserves given" if view.reserves_status != "partial" else "-"
    if metric.name == "reserves_breach_year":
        year = view.reserves_breach_year
        return "never" if year is None else format_year(year)
    if metric.name == "gap" and view.gap_status == "no_gap":
        return NO_GAP
    if metric.name == "remaining_gap" and not judges_gap(view):
        return "-"
    assert metric.read is not None
    value = metric.read(view)
    if value is None:
        return "n/a"
    if metric.unit is Unit.money and isinstance(value, float):
        return format_money(value)
    return str(value)


def is_figure(metric: Metric, view: View) -> bool:
    """Whether a headline cell holds an amount of money (styled as one) rather than words."""
    if metric.read is None or metric.read(view) is None:
        return False
    return metric.unit is Unit.money and not (
        (metric.name == "gap" and view.gap_status == "no_gap")
        or (metric.name == "remaining_gap" and not judges_gap(view))
    )


def referendum_sentences(option: OptionResult) -> list[str]:
    """`Referendum limit: wsc's Band D rises £12.34 in 2019/20, above its limit of £5.00.`"""
    return [
        f"Referendum limit: the {area} area's Band D rises £{up:,.2f} in {format_year(year)}, "
        f"above its limit of £{cap:,.2f}."
        for area, year, up, cap in option.referendum_flags
    ]
