"""The lines of an audit trail: each item's share of a figure in a year, with how it was
reached, and the sums built from them (net, gap, NPV)."""

from __future__ import annotations

import math

from bizcase.engine.amounts import ramp_factor, risk_amounts, share_fractions, uplift
from bizcase.engine.plan import Plan, block_items
from bizcase.model.scenario import Item, OneOffCost, Partner, Risk, Scenario, Stream
from bizcase.model.shares import Share
from bizcase.model.structure import Structure, structure_of
from bizcase.model.units import format_percent, format_year
from bizcase.results.explanation import ITEM_LABELS, LABELS, Line
from bizcase.results.option import TOTALS

Trail = tuple[tuple[Line, ...], str, tuple[str, ...]]
"""The lines, the formula joining them, and the items that add nothing."""


class ItemTrail:
    def __init__(self, scenario: Scenario, plan: Plan, view: str) -> None:
        self.scenario = scenario
        self.plan = plan
        self.view = view
        self.partners = scenario.partners
        self.structure = structure_of(scenario) if plan.exists is not None else None

    def metric(self, metric: str, year: int | None) -> Trail:
        if year is None:
            return self._horizon(metric)
        if metric in ITEM_LABELS:
            lines, silent = self.section(metric, year)
            return lines, f"sum of each {ITEM_LABELS[metric].lower()}'s share", silent
        if metric == "gap":
            return (self.gap(year),), "the budget gap listed for that year", ()
        if metric == "net_recurring":
            return self.net_recurring(year), "savings + income - recurring costs", ()
        if metric == "net":
            return (
                (*self.net_recurring(year), self.one_off(year, sign=-1.0)),
                ("net recurring saving - one-off costs"),
                (),
            )
        if metric == "remaining_gap":
            parts = self.net_recurring(year)
            total = math.fsum(p.amount for p in parts)
            return (
                (self.gap(year), Line("less the net recurring saving", -total, children=parts)),
                ("budget gap - net recurring saving (above 0: still short)"),
                (),
            )
        assert metric == "cumulative_net"
        return (
            tuple(self.net_line(y) for y in range(self.plan.start, year + 1)),
            ("the net (cash) of each year so far, added up"),
            (),
        )

    def _horizon(self, metric: str) -> Trail:
        years = self.plan.calendar_years
        if metric == "npv":
            lines = []
            deflators = self.plan.deflators
            for t, year in enumerate(years):
                net = self.net_line(year)
                factor = float(self.plan.discount_factors[t])
                if deflators is None:
                    label = f"{format_year(year)} net x discount factor {factor:.4f}"
                    detail = f"{money_text(net.amount)} x {factor:.6f}"
                else:
                    deflator = float(deflators[t])
                    factor /= deflator
                    label = f"{format_year(year)} net / deflator x discount factor"
                    detail = (
                        f"{money_text(net.amount)} / {deflator:.6f} x "
                        f"{float(self.plan.discount_factors[t]):.6f}"
                    )
                lines.append(Line(label, net.amount * factor, detail))
            formula = (
                "the sum of each year's net (cash) x its discount factor"
                if deflators is None
                else "the sum of each year's net in real terms (cash / GDP deflator) x its "
                "discount factor"
            )
            return tuple(lines), formula, ()
        series = TOTALS[metric]
        lines = []
        for year in years:
            inner, _formula, _silent = self.metric(series, year)
            lines.append(
                Line(format_year(year), math.fsum(x.amount for x in inner), children=inner)
            )
        return tuple(lines), f"{LABELS[series].lower()} added up over the horizon", ()

    def net_line(self, year: int) -> Line:
        parts = (*self.net_recurring(year), self.one_off(year, sign=-1.0))
        if self.scenario.risks:
            lines, _silent = self.section("risk_costs", year)
            total = -math.fsum(x.amount for x in lines)
            parts = (*parts, Line("less risk costs (expected value)", total, children=lines))
        return Line(
            f"{format_year(year)} net (cash)", math.fsum(p.amount for p in parts), children=parts
        )

    def net_recurring(self, year: int) -> tuple[Line, ...]:
        out = []
        for section, sign in (("savings", 1.0), ("income", 1.0), ("costs", -1.0)):
            lines, _silent = self.section(section, year)
            if lines:
                label = LABELS[section] if sign > 0 else f"less {LABELS[section].lower()}"
                out.append(Line(label, sign * math.fsum(x.amount for x in lines), children=lines))
        return tuple(out)

    def one_off(self, year: int, sign: float) -> Line:
        lines, _silent = self.section("one_off_costs", year)
        return Line("less one-off costs", sign * math.fsum(x.amount for x in lines), children=lines)

    def section(self, block: str, year: int) -> tuple[tuple[Line, ...], tuple[str, ...]]:
        lines: list[Line] = []
        silent: list[str] = []
        for item in block_items(self.scenario, block):
            line = self.item(block, item, year)
            if line is None:
                silent.append(f"{ITEM_LABELS[block]}: {item.name}")
            else:
                lines.append(line)
        extra = self.plan.extra_income
        if block == "income" and extra is not None:
            ids = [*self.plan.partner_ids, "total"]
            amount = float(extra[ids.index(self.view), year - self.plan.start])
            if amount != 0:
                lines.append(
                    Line(
                        "Council tax harmonisation",
                        amount,
                        "(harmonised Band D - Band D without the merger) x tax base, by area",
                    )
                )
        return tuple(lines), tuple(silent)

    def item(self, block: str, item: Item, year: int) -> Line | None:
        fraction, share_text = self.share(item.share, year)
        label = f"{ITEM_LABELS[block]}: {item.name}"
        if isinstance(item, Risk):
            return self.risk(item, year, fraction, share_text, label)
        if isinstance(item, OneOffCost):
            phased = dict(item.phased())
            if year not in phased or fraction == 0:
                return None
            index, index_text = self.index(item, year)
            whole = item.amount * phased[year] * (1.0 + uplift(item)) * index
            detail = (
                f"{money_text(item.amount)} x {format_percent(phased[year])} in "
                f"{format_year(year)}{_bias_text(item)}{index_text} x {share_text}"
            )
            return Line(label, whole * fraction, detail)
        first = item.from_ if item.from_ is not None else self.scenario.start
        if year < first or (item.until is not None and year > item.until) or fraction == 0:
            return None
        k = year - first
        ramp = ramp_factor(item, k)
        index, index_text = self.index(item, year)
        whole = item.annual * ramp * item.confidence * item.cashable * (1.0 + uplift(item)) * index
        detail = (
            f"{money_text(item.annual)} a year x ramp {format_percent(ramp)} (year {k + 1} "
            f"from {format_year(first)}) x confidence {format_percent(item.confidence)}"
            f"{_cashable_text(item)}{_bias_text(item)}{index_text} x {share_text}"
        )
        return Line(label, whole * fraction, detail)

    def risk(self, risk: Risk, year: int, fraction: float, share: str, label: str) -> Line | None:
        """probability x the impact that year (or the annual cost) x the partner's share."""
        t = year - self.scenario.start
        amount = float(risk_amounts(risk, self.scenario.start, self.scenario.years)[t])
        if amount == 0 or fraction == 0:
            return None
        if risk.impact is not None:
            part = format_percent(dict(risk.phased())[year])
            how = f"{money_text(risk.impact)} x {part} in {format_year(year)}"
        else:
            how = f"{money_text(amount)} a year"
        index, index_text = self.index(risk, year)
        detail = f"{format_percent(risk.probability)} probability x {how}{index_text} x {share}"
        return Line(label, risk.probability * amount * index * fraction, detail)

    def index(self, item: Item, year: int) -> tuple[float, str]:
        """The item's price index factor in `year`, and ` x pay index 1.0302` to say so."""
        if item.index is None or self.plan.index_factors is None:
            return 1.0, ""
        factor = float(self.plan.index_factors[item.index][year - self.plan.start])
        return factor, f" x {item.index} index {factor:.6f}"

    def share(self, share: Share, year: int) -> tuple[float, str]:
        if self.view == "total":
            return 1.0, "all partners (100%)"
        if self.structure is not None:
            return self._share_that_year(share, year, self.structure)
        fractions = share_fractions(share, self.partners)
        index = [p.id for p in self.partners].index(self.view)
        fraction = float(fractions[index])
        if share.kind == "weight":
            assert share.weight is not None
            mine = self.partners[index].weights[share.weight]
            whole = sum(p.weights[share.weight] for p in self.partners)
            how = f"by {share.weight}: {mine:,.0f} of {whole:,.0f}"
        elif share.kind == "equal":
            how = f"equal, 1 of {len(self.partners)}"
        elif share.kind == "partner":
            how = f"all to {share.partner}"
        else:
            how = f"as set: {share.describe()}"
        return fraction, f"share {format_percent(fraction)} ({how})"

    def _share_that_year(self, share: Share, year: int, structure: Structure) -> tuple[float, str]:
        """Where councils change shape: the view's share among the councils of `year`, or,
        for a council that has ended, its area's part of its successor's share."""
        ids = [p.id for p in self.partners]
        index = ids.index(self.view)
        fractions = structure.fractions(share, self.partners, year)
        held = structure.area_of(index, year)
        if held is None:
            fraction = fractions[index] if fractions else 0.0
            how = f"{share.describe()}, among the councils of {format_year(year)}"
        else:
            holder, area = held
            fraction = area * fractions[holder] if fractions else 0.0
            how = (
                f"{self.view}'s area: {format_percent(area)} of {ids[holder]}'s "
                f"{format_percent(fractions[holder] if fractions else 0.0)}"
            )
        return fraction, f"share {format_percent(fraction)} ({how})"

    def gap(self, year: int) -> Line:
        if self.plan.exists is not None:
            return self._gap_that_year(year)
        partners: list[Partner] = (
            list(self.partners)
            if self.view == "total"
            else [p for p in self.partners if p.id == self.view]
        )
        children = [self._partner_gap(p, year) for p in partners]
        if self.view != "total":
            only = children[0]
            return Line("Budget gap", only.amount, only.detail)
        return Line("Budget gap", math.fsum(c.amount for c in children), children=tuple(children))

    def _gap_that_year(self, year: int) -> Line:
        """Where councils change shape: the gap of the councils of `year` (a successor
        carries its predecessors'; an ended council's view is its area's share)."""
        t = year - self.plan.start
        ids = list(self.plan.partner_ids)
        if self.view != "total":
            amount = float(self.plan.gaps[ids.index(self.view), t])
            return Line("Budget gap", amount, "as the councils of that year give it")
        assert self.plan.exists is not None
        children = tuple(
            Line(self.partners[p].name, float(self.plan.gaps[p, t]))
            for p in range(len(ids))
            if self.plan.exists[p, t]
        )
        return Line("Budget gap", math.fsum(c.amount for c in children), children=children)

    def _partner_gap(self, partner: Partner, year: int) -> Line:
        gap = partner.budget_gap
        if gap is None:
            return Line(partner.name, 0.0, "no budget gap given")
        if isinstance(gap, float):
            return Line(partner.name, gap, "the same every year")
        listed = [(y, amount) for y, amount in gap if y <= year]
        if not listed:
            first = gap[0][0]
            return Line(
                partner.name, 0.0, f"none before the first listed year, {format_year(first)}"
            )
        at, amount = listed[-1]
        how = "listed for that year" if at == year else f"carried from {format_year(at)}"
        return Line(partner.name, amount, how)


def _cashable_text(item: Stream) -> str:
    """` x cashable 60%` where only part of a saving comes off a budget."""
    return "" if item.cashable == 1.0 else f" x cashable {format_percent(item.cashable)}"


def _bias_text(item: Stream | OneOffCost) -> str:
    """` x (1 + optimism bias 4.08% (non_standard_buildings: ...))`, where there is one."""
    if item.optimism_bias is None:
        return ""
    return f" x (1 + optimism bias {item.optimism_bias.describe()})"


def money_text(amount: float) -> str:
    text = f"£{abs(amount):,.2f}"
    return f"({text})" if amount < -0.005 else text
