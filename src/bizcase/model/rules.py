"""Rules that need the whole scenario: partner ids, names, years and the option's kind.

They return findings as data (path, message, severity) so the loader can attach file
positions and report every problem at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bizcase.model.correlations import check_correlations
from bizcase.model.council_tax_rules import check_council_tax
from bizcase.model.finance_rules import check_finance
from bizcase.model.findings import Finding
from bizcase.model.scenario import SECTIONS, OneOffCost, Risk, Scenario, Stream
from bizcase.model.shares import Share
from bizcase.model.structure_rules import check_structure
from bizcase.model.units import KEY, Path, format_percent, format_year

_PARTNER_COUNT = {"solo": (1, 1), "joint": (2, None), "alliance": (2, None)}
RESERVED_IDS = {"equal", "total"}


def check(scenario: Scenario) -> list[Finding]:
    """Every cross-field finding, in file order."""
    return [
        *_check_kind(scenario),
        *_check_partners(scenario),
        *_check_items(scenario),
        *check_finance(scenario),
        *check_structure(scenario),
        *check_council_tax(scenario),
        *check_correlations(scenario.correlations, scenario.drivers),
    ]


def _check_kind(scenario: Scenario) -> Iterator[Finding]:
    bounds = _PARTNER_COUNT.get(scenario.kind)
    if bounds is None:
        return
    low, high = bounds
    count = len(scenario.partners)
    if high is not None and count != high:
        yield Finding(
            ("partners",),
            f"a {scenario.kind} option has exactly one partner, this one has {count}: "
            "use kind joint, alliance or shared_service for several",
        )
    elif count < low:
        yield Finding(
            ("partners",),
            f"a {scenario.kind} option needs at least {low} partners, this one has {count}",
        )


def _check_partners(scenario: Scenario) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, partner in enumerate(scenario.partners):
        if partner.id in RESERVED_IDS:
            yield Finding(
                ("partners", index, "id"),
                f"'{partner.id}' is reserved in bizcase: choose another partner id",
            )
        if partner.id in seen:
            yield Finding(
                ("partners", index, "id"),
                f"partner id '{partner.id}' is used twice: each partner needs its own id",
            )
        seen.add(partner.id)


def _check_items(scenario: Scenario) -> Iterator[Finding]:
    for section in SECTIONS:
        yield from _unique_names(section, scenario.section(section))
        for index, stream in enumerate(scenario.section(section)):
            path: Path = (section, index)
            yield from _check_share(scenario, stream.share, (*path, "share"))
            yield from _check_stream_years(scenario, stream, path)
            yield from _check_bias(section, stream, path)
            if section != "savings" and stream.cashable != 1.0:
                yield Finding(
                    (*path, "cashable"),
                    "`cashable` is for savings (the share that comes off a budget): remove it "
                    f"from this {section[:-1] if section != 'income' else 'income'} stream",
                )
    yield from _unique_names("one_off_costs", scenario.one_off_costs)
    for index, cost in enumerate(scenario.one_off_costs):
        path = ("one_off_costs", index)
        yield from _check_share(scenario, cost.share, (*path, "share"))
        yield from _check_cost_years(scenario, cost, path)
        yield from _check_bias("one_off_costs", cost, path)
    yield from _unique_names("risks", scenario.risks)
    for index, risk in enumerate(scenario.risks):
        path = ("risks", index)
        yield from _check_share(scenario, risk.share, (*path, "share"))
        yield from _check_risk_years(scenario, risk, path)


def _check_bias(section: str, item: Stream | OneOffCost, path: Path) -> Iterator[Finding]:
    """Optimism bias raises costs; a table category belongs to one kind of cost."""
    bias = item.optimism_bias
    if bias is None:
        return
    where = (*path, "optimism_bias")
    if section in ("savings", "income"):
        yield Finding(
            where,
            "optimism bias raises costs (the Green Book's uplift): for a saving or income "
            "that may fall short, give `uncertainty` or `confidence` instead",
        )
    elif bias.applies_to is not None and bias.applies_to != section:
        if section == "one_off_costs":
            yield Finding(
                where,
                f"{bias.category} is for recurring costs (operating expenditure): for a "
                "one-off cost use a capital category, such as standard_buildings or "
                "equipment_development, or a stated uplift such as 10%",
            )
        else:
            yield Finding(
                where,
                f"{bias.category} is a capital category, for one-off costs: for a recurring "
                "cost use outsourcing or a stated uplift such as 10%",
            )


def _check_risk_years(scenario: Scenario, risk: Risk, path: Path) -> Iterator[Finding]:
    """A risk's impact falls within the horizon, or the register leaves money out unseen."""
    horizon = f"{format_year(scenario.start)} to {format_year(scenario.end)}"
    for year, _ in risk.phased():
        where = (
            (*path, "year") if risk.year is not None else (*path, "phasing", format_year(year), KEY)
        )
        if not scenario.start <= year <= scenario.end:
            yield Finding(
                where,
                f"{format_year(year)} is outside the horizon ({horizon}): a risk's impact "
                "must fall within it",
            )
    if risk.from_ is not None and risk.until is not None and risk.until < risk.from_:
        yield Finding(
            (*path, "until"),
            f"`until` {format_year(risk.until)} is before `from` {format_year(risk.from_)}",
        )


def _unique_names(section: str, items: Sequence[Stream | OneOffCost | Risk]) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.name in first:
            yield Finding(
                (section, index, "name"),
                f"'{item.name}' is already the name of ",
                related=(section, first[item.name]),
                tail=": names must be unique within a section",
            )
        first.setdefault(item.name, index)


def _not_a_partner(pid: str, ids: list[str]) -> str:
    """Lists the valid ids, and suggests one whatever the case (`TDBC` -> `tdbc`)."""
    message = f"'{pid}' is not a partner of this option (partners: {', '.join(ids)})"
    lowered = {i.lower(): i for i in ids}
    if pid.lower() in lowered:
        return f"{message}; did you mean '{lowered[pid.lower()]}'?"
    import difflib

    close = difflib.get_close_matches(pid.lower(), ids, n=1, cutoff=0.8)
    return f"{message}; did you mean '{close[0]}'?" if close else message


def _check_share(scenario: Scenario, share: Share, path: Path) -> Iterator[Finding]:
    ids = [partner.id for partner in scenario.partners]
    if share.kind == "partner" and share.partner not in ids:
        yield Finding(path, _not_a_partner(share.partner or "", ids))
    elif share.kind == "weight":
        assert share.weight is not None
        missing = [p.id for p in scenario.partners if share.weight not in p.weights]
        if missing:
            yield Finding(
                path,
                f"share by {share.weight}: {', '.join(missing)} "
                f"{'has' if len(missing) == 1 else 'have'} no `{share.weight}` under "
                "`weights` (every partner needs one)",
            )
        elif sum(p.weights[share.weight] for p in scenario.partners) <= 0:
            yield Finding(path, f"share by {share.weight}: the partners' weights add up to 0")
    elif share.kind == "fixed":
        for pid, _ in share.fixed:
            if pid not in ids:
                yield Finding((*path, pid, KEY), _not_a_partner(pid, ids))
        total = share.fixed_total
        if abs(total - 1) > 1e-9:
            yield Finding(
                path,
                f"shares sum to {format_percent(total)}: "
                f"{format_percent(1 - total)} of this figure goes to no partner",
                "warning",
            )


def _check_stream_years(scenario: Scenario, stream: Stream, path: Path) -> Iterator[Finding]:
    first = stream.from_ if stream.from_ is not None else scenario.start
    if stream.until is not None and stream.until < first:
        yield Finding(
            (*path, "until"),
            f"until {format_year(stream.until)} is before from {format_year(first)}",
        )
        return
    if first > scenario.end:
        yield Finding(
            (*path, "from"),
            f"starts in {format_year(first)}, after the horizon ends "
            f"({format_year(scenario.end)}): it adds nothing",
            "warning",
        )
    if stream.until is not None and stream.until < scenario.start:
        yield Finding(
            (*path, "until"),
            f"ends in {format_year(stream.until)}, before the horizon starts "
            f"({format_year(scenario.start)}): it adds nothing",
            "warning",
        )


def _check_cost_years(scenario: Scenario, cost: OneOffCost, path: Path) -> Iterator[Finding]:
    """A cost, or a phased part of one, outside the horizon is an error: money never leaves
    the figures unless the file says it was spent already (`sunk: true`)."""
    horizon = f"{format_year(scenario.start)} to {format_year(scenario.end)}"
    for year, _ in cost.phased():
        where = (
            (*path, "year") if cost.year is not None else (*path, "phasing", format_year(year), KEY)
        )
        if year < scenario.start and not cost.sunk:
            yield Finding(
                where,
                f"{format_year(year)} is before the horizon ({horizon}): money already spent "
                "is a sunk cost: add `sunk: true` to leave it out of the appraisal, or start "
                "the horizon earlier",
            )
        elif year > scenario.end:
            yield Finding(
                where,
                f"{format_year(year)} is after the horizon ({horizon}): `years: "
                f"{year - scenario.start + 1}` would include it",
            )
        elif year >= scenario.start and cost.sunk:
            yield Finding(
                (*path, "sunk"),
                f"`sunk: true` is for money spent before the horizon ({horizon}), but "
                f"this cost falls in {format_year(year)}: remove `sunk`",
            )
    if cost.year is not None:
        return
    total = sum(fraction for _, fraction in cost.phased())
    if abs(total - 1) > 1e-9:
        yield Finding(
            (*path, "phasing"),
            f"phasing sums to {format_percent(total)}: {format_percent(1 - total)} of the "
            "amount falls in no year",
            "warning",
        )
