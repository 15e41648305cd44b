"""The financial implications of each option, in words."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.engine.result import OptionResult, View
from bizcase.render.money import format_money, format_year, format_year_or
from bizcase.render.report.document import Block, Heading, Paragraph, Section
from bizcase.render.report.labels import view_heading, view_label


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}"


def one_off_phrase(option: OptionResult, view: View) -> str:
    """`its one-off costs of £1.20m (48% of £2.50m, shared 48/52 with Sedgemoor District
    Council)`, or what stands in for it."""
    own = view.totals["total_one_off_costs"]
    whole = option.total.totals["total_one_off_costs"]
    if whole < 0.5:
        return "it has no one-off costs"
    if view.id == "total" or len(option.partners) == 1:
        return f"its one-off costs of {format_money(whole)}"
    if own < 0.5:
        return f"it bears none of the option's one-off costs of {format_money(whole)}"
    others = [p for p in option.partners if p.id != view.id]
    if len(option.partners) <= 3:
        split = "/".join(_percent(p.totals["total_one_off_costs"] / whole) for p in [view, *others])
        names = " and ".join(p.name or p.id for p in others)
        shared = f"shared {split} with {names}"
    else:
        shared = f"shared with {len(others)} other partners"
    return (
        f"its one-off costs of {format_money(own)} "
        f"({_percent(own / whole)}% of {format_money(whole)}, {shared})"
    )


def implication_sentences(option: OptionResult, view: View) -> list[str]:
    """The financial implications of one option for one partner (or all), in words."""
    who = view_label(view)
    last = format_year(option.years[-1])
    net = view.last("net_recurring")
    if net >= 0.5:
        gives = f"gives {who} {format_money(net)} a year by {last}"
    elif net <= -0.5:
        gives = f"costs {who} {format_money(-net)} a year by {last}"
    else:
        gives = f"gives {who} no recurring saving by {last}"
    gap = view.last("gap")
    remaining = view.last("remaining_gap")
    if gap >= 0.5:
        against = "a combined budget gap" if view.id == "total" else "a budget gap"
        if remaining >= 0.5:
            gap_text = (
                f" against {against} of {format_money(gap)}, leaving {format_money(remaining)}"
            )
        else:
            spare = (
                f", with {format_money(-remaining)} a year to spare" if remaining <= -0.5 else ""
            )
            gap_text = (
                f" against {against} of {format_money(gap)}, closing it from "
                f"{format_year_or(view.gap_closed_year)}{spare}"
            )
    else:
        gap_text = " (no budget gap is given)"
    one_off = one_off_phrase(option, view)
    cumulative = view.last("cumulative_net")
    if option.total.totals["total_one_off_costs"] < 0.5 or one_off.startswith("it bears none"):
        if view.payback_year is None:
            payback = f"{one_off}, and its cumulative net is {format_money(cumulative)} by {last}"
        else:
            payback = one_off
    elif view.payback_year is None:
        payback = (
            f"{one_off} are not paid back within the horizon: the cumulative net is "
            f"{format_money(cumulative)} in {last}"
        )
    elif min(view.series["cumulative_net"]) >= -0.5:
        payback = f"{one_off} are met as they fall: its cumulative net is never below zero"
    else:
        payback = f"{one_off} are paid back by {format_year(view.payback_year)}"
    first = f"The {option.name} option {gives}{gap_text}; {payback}."
    second = (
        f"Over the {len(option.years)} years to {last} its net (cash) is "
        f"{format_money(view.totals['total_net'])} and its net present value "
        f"{format_money(view.npv)} ({_discount_text(option.discount_rate)})."
    )
    return [first, second]


def _discount_text(rate: float | str) -> str:
    if rate == "green_book":
        return "discounted at the Green Book's 3.5%"
    assert isinstance(rate, float)
    return f"discounted at {rate:.2%}".replace(".00%", "%")


def _implications_section(options: Sequence[OptionResult], views: Sequence[str]) -> Section:
    blocks: list[Block] = []
    for view_id in views:
        if len(views) > 1 or view_id != "total":
            blocks.append(Heading(f"For {view_heading(options[0].view(view_id))}"))
        for option in options:
            view = option.view(view_id)
            blocks.append(Paragraph(" ".join(implication_sentences(option, view))))
        best = _best(options, view_id)
        if best:
            blocks.append(Paragraph(best, style="note"))
    blocks.append(
        Paragraph(
            "Money is in pounds at the prices written in the scenarios; negative figures are in "
            "brackets. Net present value does not discount the first year, as in the Green "
            "Book; Excel's NPV() discounts it too, so its figure is this one divided by "
            "(1 + rate).",
            style="small",
        )
    )
    return Section("implications", "Financial implications", blocks)


def _best(options: Sequence[OptionResult], view_id: str) -> str | None:
    """Which option closes the final year's gap, where options differ on that."""
    if len(options) < 2:
        return None
    views = [option.view(view_id) for option in options]
    if all(v.last("gap") < 0.5 for v in views):
        return None
    closing = [o.name for o, v in zip(options, views, strict=True) if v.last("remaining_gap") < 0.5]
    who = view_label(views[0])
    if not closing:
        return f"None of the options closes the budget gap of {who} by its final year."
    if len(closing) == len(options):
        return f"Every option closes the budget gap of {who} by its final year."
    listed = " and ".join(closing)
    verb = "closes" if len(closing) == 1 else "close"
    return f"Only {listed} {verb} the budget gap of {who} by the final year."
