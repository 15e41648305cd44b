"""The financial implications of each option, in words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bizcase.render.money import format_money, format_year
from bizcase.render.report.document import Block, Heading, Paragraph, Section
from bizcase.render.report.labels import view_heading, view_label
from bizcase.render.statements import (
    NEVER,
    gaps_given,
    payback_period_text,
    reserves_sentence,
)
from bizcase.results.option import OptionResult, View


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}"


_COUNCIL = re.compile(r"\s+(?:District|Borough|City|County)?\s*Council$")


def short_name(name: str) -> str:
    """`South Somerset` for South Somerset District Council, as a report names a council
    once its full name has been given."""
    return _COUNCIL.sub("", name).strip() or name


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
    if option.exists is not None:
        # the councils' shares overlap: an ended council's view holds its area's share of
        # its successor's, so a list of them would add up to more than the whole
        succeeded = any(view.id in (p.succeeds or {}) for p in option.partners)
        after = (
            f"; after {format_year(view.until)}, its area's share of its successor's"
            if view.until is not None and succeeded
            else ""
        )
        return (
            f"its one-off costs of {format_money(own)} "
            f"({_percent(own / whole)}% of {format_money(whole)}{after})"
        )
    if len(option.partners) <= 3:
        shared = "shared " + ", ".join(
            f"{short_name(p.name or p.id)} {_percent(p.totals['total_one_off_costs'] / whole)}%"
            for p in [view, *others]
        )
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
    gap_text = _gap_phrase(option, view)
    payback = _payback_phrase(option, view)
    first = f"The {option.name} option {gives}{gap_text}; {payback}."
    rate = option.discount_rate.phrase(len(option.years))
    if option.deflators is not None and option.price_base is not None:
        rate += f", in real terms at {format_year(option.price_base)} prices"
    second = (
        f"Over the {len(option.years)} years to {last} its net (cash) is "
        f"{format_money(view.totals['total_net'])} and its net present value "
        f"{format_money(view.npv)} (discounted at {rate})."
    )
    if view.npv_lower_rate is not None:
        second += (
            " Over a horizon this long the Green Book asks for the net present value at its "
            f"lower rate too: {format_money(view.npv_lower_rate)}."
        )
    return [first, second, *funding_sentences(option, view)]


def funding_sentences(option: OptionResult, view: View) -> list[str]:
    """How the view's one-off costs are funded, and where its reserves go, where the file
    says."""
    if not view.funding_stated:
        return []
    parts = [
        f"{format_money(view.totals[key])} {words}"
        for key, words in (
            ("total_funded_from_reserves", "from reserves"),
            ("total_funded_from_capital_receipts", "from capital receipts"),
            ("total_funded_by_grant", "by grant"),
        )
        if view.totals[key] >= 0.5
    ]
    found = []
    if parts:
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
        found.append(f"Its one-off costs are funded {listed}.")
    subject = (
        "The partners' combined general fund balance"
        if view.id == "total"
        else f"{short_name(view.name or view.id)}'s general fund balance"
    )
    balance = reserves_sentence(view, option.years[-1], subject, plural=False)
    if balance:
        found.append(f"{balance}.")
    return found


def _gap_phrase(option: OptionResult, view: View) -> str:
    """What the option does to the gap, decided by the engine's `gap_status`."""
    if view.gap_status == "no_gap":
        return " (no budget gap is given)"
    if view.gap_status == "partial":
        return f" ({gaps_given(option)}, so the combined figures are not set against them)"
    gap, remaining = view.last("gap"), view.last("remaining_gap")
    against = "a combined budget gap" if view.id == "total" else "a budget gap"
    if view.gap_status == "not_closed":
        return f" against {against} of {format_money(gap)}, leaving {format_money(remaining)}"
    spare = f", with {format_money(-remaining)} a year to spare" if remaining <= -0.5 else ""
    closed = format_year(view.gap_closed_year) if view.gap_closed_year else NEVER
    return f" against {against} of {format_money(gap)}, closing it from {closed}{spare}"


def _payback_phrase(option: OptionResult, view: View) -> str:
    """How the one-off costs are met, decided by the engine's `payback_status`."""
    one_off = one_off_phrase(option, view)
    last = format_year(option.years[-1])
    cumulative = format_money(view.last("cumulative_net"))
    if view.payback_status == "nothing_to_pay_back":
        return one_off
    no_one_offs = option.total.totals["total_one_off_costs"] < 0.5 or one_off.startswith(
        "it bears none"
    )
    if view.payback_status == "not_within_horizon":
        if no_one_offs:
            return f"{one_off}, and its cumulative net is {cumulative} by {last}"
        return (
            f"{one_off} are not paid back within the horizon: the cumulative net is "
            f"{cumulative} in {last}"
        )
    if min(view.series["cumulative_net"]) >= -0.5:
        return f"{one_off} are met as they fall: its cumulative net is never below zero"
    assert view.payback_year is not None
    subject = one_off if not no_one_offs else "its early costs"
    return (
        f"{subject} are paid back by {format_year(view.payback_year)}, "
        f"{payback_period_text(view)} from the start of {format_year(option.years[0])}"
    )


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
    if not all(v.gap_status in ("closed", "not_closed") for v in views):
        return None
    closing = [o.name for o, v in zip(options, views, strict=True) if v.gap_status == "closed"]
    who = view_label(views[0])
    if not closing:
        return f"None of the options closes the budget gap of {who} by its final year."
    if len(closing) == len(options):
        return f"Every option closes the budget gap of {who} by its final year."
    listed = " and ".join(closing)
    verb = "closes" if len(closing) == 1 else "close"
    return f"Only {listed} {verb} the budget gap of {who} by the final year."
