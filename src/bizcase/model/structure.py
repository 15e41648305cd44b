"""Councils that change shape: which partners exist in each year, who succeeds whom, and how
an item's share moves to a successor once its partner has gone.

A partner exists from its `from` to its `until` (default: always). Shares written `equal` or
`by <weight>` are among the partners that exist that year; a share written to a partner
(alone, or in a mapping) goes, from the year after its `until`, to its successor, and so on
down the line. A predecessor's own view after its `until` is its area's share of the
successor (`succeeds`), so a merger compares like for like with the council going it alone.
"""

from __future__ import annotations

from bizcase.model.scenario import Partner, Scenario
from bizcase.model.shares import Share
from bizcase.records import frozen


@frozen
class Structure:
    """Who exists when, over a horizon from `start`, and who succeeds whom."""

    start: int
    years: int
    first: tuple[int, ...]
    """Each partner's first calendar year in the horizon."""
    last: tuple[int, ...]
    successor: tuple[int | None, ...]
    """Each partner's successor's index, where one `succeeds` it."""
    area: tuple[float, ...]
    """Each predecessor's share of its successor's figures (0 for the others)."""

    @property
    def changes(self) -> bool:
        """Whether any partner's existence does not cover the whole horizon."""
        end = self.start + self.years - 1
        spans = zip(self.first, self.last, strict=True)
        return any(first > self.start or last < end for first, last in spans)

    def exists(self, p: int, year: int) -> bool:
        return self.first[p] <= year <= self.last[p]

    def heir(self, p: int, year: int) -> int | None:
        """Who holds partner p's figures in `year`: p itself, its successor's line, or None
        where nobody does (before p exists, or after it ends without a successor)."""
        seen = 0
        while not self.exists(p, year):
            following = self.successor[p]
            if year < self.first[p] or following is None or seen > len(self.first):
                return None
            p, seen = following, seen + 1
        return p

    def fractions(self, share: Share, partners: tuple[Partner, ...], year: int) -> list[float]:
        """Each partner's fraction of an item in `year`; NaN-free, summing to 1, or an
        empty list where the share names a partner nobody holds that year."""
        alive = [self.exists(p, year) for p in range(len(partners))]
        if share.kind == "equal":
            count = sum(alive)
            return [1.0 / count if a else 0.0 for a in alive]
        if share.kind == "weight":
            assert share.weight is not None
            weights = [
                p.weights[share.weight] if a else 0.0 for p, a in zip(partners, alive, strict=True)
            ]
            whole = sum(weights)
            return [w / whole for w in weights]
        ids = [p.id for p in partners]
        written = [(share.partner, 1.0)] if share.kind == "partner" else list(share.fixed)
        out = [0.0] * len(partners)
        for pid, fraction in written:
            if fraction == 0:
                continue
            holder = self.heir(ids.index(str(pid)), year)
            if holder is None:
                return []
            out[holder] += fraction
        return out

    def unheld(self, share: Share, partners: tuple[Partner, ...], year: int) -> int | None:
        """The partner a share names whose part nobody holds in `year`, if any."""
        if share.kind in ("equal", "weight"):
            return None
        ids = [p.id for p in partners]
        written = (
            [str(share.partner)]
            if share.kind == "partner"
            else [pid for pid, fraction in share.fixed if fraction > 0]
        )
        for pid in written:
            if self.heir(ids.index(pid), year) is None:
                return ids.index(pid)
        return None

    def area_of(self, p: int, year: int) -> tuple[int, float] | None:
        """For a predecessor after its `until`: the partner holding its area's figures and
        its share of them (along a chain of successors); None while p exists."""
        if self.exists(p, year) or year < self.first[p]:
            return None
        fraction = 1.0
        while not self.exists(p, year):
            following = self.successor[p]
            if following is None:
                return None
            fraction *= self.area[p]
            p = following
        return p, fraction


def structure_of(scenario: Scenario) -> Structure:
    """The structure of a validated scenario (the rules have checked `succeeds`)."""
    partners = scenario.partners
    ids = [p.id for p in partners]
    start, end = scenario.start, scenario.end
    successor: list[int | None] = [None] * len(partners)
    area = [0.0] * len(partners)
    for s, partner in enumerate(partners):
        if partner.succeeds is None:
            continue
        for pid, fraction in succession(partner, partners):
            successor[ids.index(pid)] = s
            area[ids.index(pid)] = fraction
    return Structure(
        start=start,
        years=scenario.years,
        first=tuple(max(start, p.from_ if p.from_ is not None else start) for p in partners),
        last=tuple(min(end, p.until if p.until is not None else end) for p in partners),
        successor=tuple(successor),
        area=tuple(area),
    )


def succession(partner: Partner, partners: tuple[Partner, ...]) -> list[tuple[str, float]]:
    """(predecessor id, its area's share of the successor) for a partner that `succeeds`."""
    share = partner.succeeds
    assert share is not None
    if share.kind == "partner":
        return [(str(share.partner), 1.0)]
    if share.kind == "fixed":
        return list(share.fixed)
    vesting = partner.from_
    named = [
        p
        for p in partners
        if p.id != partner.id
        and p.until is not None
        and vesting is not None
        and p.until == vesting - 1
    ]
    if share.kind == "equal":
        return [(p.id, 1.0 / len(named)) for p in named]
    assert share.weight is not None
    whole = sum(p.weights[share.weight] for p in named)
    return [(p.id, p.weights[share.weight] / whole) for p in named]
