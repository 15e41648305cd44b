"""Each item's amount by year as written: ramps, phasing, confidence, optimism bias, a
risk's expected value, and growth with a price index; and each partner's share of it."""

from __future__ import annotations

import numpy as np

from bizcase.engine.arrays import Array
from bizcase.model.scenario import Item, OneOffCost, Partner, Risk, Stream
from bizcase.model.shares import Share


def ramp_factor(stream: Stream, k: int) -> float:
    """Fraction of `annual` delivered in the k-th year counted from `from` (k = 0, 1, ...)."""
    return stream.ramp[k] if k < len(stream.ramp) else 1.0


def stream_amounts(stream: Stream, start: int, years: int, delay: int = 0) -> Array:
    """`annual` x ramp x confidence in each year from `from` to `until`; a delay shifts the
    whole stream, ramp included."""
    first = (stream.from_ if stream.from_ is not None else start) + delay
    last = stream.until + delay if stream.until is not None else None
    out = np.zeros(years)
    for t in range(years):
        year = start + t
        if year < first or (last is not None and year > last):
            continue
        out[t] = stream.annual * ramp_factor(stream, year - first) * stream.confidence
    return out


def item_amounts(
    item: Item, start: int, years: int, delay: int = 0, index: Array | None = None
) -> Array:
    """An item's amount in each year of the horizon: optimism bias included (the Green
    Book appraises with it), a risk at its expected value, in cash where the item grows
    with a price `index` (the factor of the year it falls in, after any slip)."""
    if isinstance(item, Risk):
        amounts = risk_amounts(item, start, years, delay) * item.probability
    else:
        if isinstance(item, OneOffCost):
            amounts = one_off_amounts(item, start, years, delay)
        else:
            amounts = stream_amounts(item, start, years, delay) * item.cashable
        factor = 1.0 + uplift(item)
        if factor != 1.0:
            amounts = amounts * factor
    return amounts if index is None else amounts * index


def risk_amounts(risk: Risk, start: int, years: int, delay: int = 0) -> Array:
    """What a risk costs in each year should it occur: its impact as phased, or its
    `annual` cost from `from` to `until`."""
    out = np.zeros(years)
    if risk.impact is not None:
        for year, fraction in risk.phased():
            t = year + delay - start
            if 0 <= t < years:
                out[t] += risk.impact * fraction
        return out
    assert risk.annual is not None
    first = (risk.from_ if risk.from_ is not None else start) + delay
    last = risk.until + delay if risk.until is not None else None
    for t in range(years):
        if start + t >= first and (last is None or start + t <= last):
            out[t] = risk.annual
    return out


def uplift(item: Item) -> float:
    """The item's optimism-bias uplift as a fraction, 0 where it gives none."""
    return 0.0 if item.optimism_bias is None else item.optimism_bias.uplift


def one_off_amounts(cost: OneOffCost, start: int, years: int, delay: int = 0) -> Array:
    """The amount spread over the horizon by `year` or `phasing`; nothing for a sunk cost,
    however far a delay would move it."""
    out = np.zeros(years)
    if cost.sunk:
        return out
    for year, fraction in cost.phased():
        t = year + delay - start
        if 0 <= t < years:
            out[t] += cost.amount * fraction
    return out


def share_fractions(share: Share, partners: tuple[Partner, ...]) -> Array:
    """Each partner's fraction of a figure, in partner order."""
    ids = [p.id for p in partners]
    if share.kind == "equal":
        return np.full(len(ids), 1.0 / len(ids))
    if share.kind == "partner":
        return np.array([1.0 if pid == share.partner else 0.0 for pid in ids])
    if share.kind == "weight":
        assert share.weight is not None
        weights = np.array([p.weights[share.weight] for p in partners], dtype=np.float64)
        fractions: Array = weights / weights.sum()
        return fractions
    fixed = dict(share.fixed)
    return np.array([fixed.get(pid, 0.0) for pid in ids])


def gap_by_year(partner: Partner, start: int, years: int) -> Array:
    """The recurring saving needed each year: the nearest listed year at or before it, 0
    before the first listed year; a single amount applies to every year."""
    gap = partner.budget_gap
    if gap is None:
        return np.zeros(years)
    if isinstance(gap, float):
        return np.full(years, gap)
    out = np.zeros(years)
    for t in range(years):
        listed = [amount for year, amount in gap if year <= start + t]
        if listed:
            out[t] = listed[-1]
    return out
