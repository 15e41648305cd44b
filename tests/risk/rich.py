"""A scenario with every kind of uncertainty and funding, for equality tests."""

from __future__ import annotations

from hypothesis import strategies as st

from bizcase.engine.plan import Plan

DISTRIBUTIONS = ("pert", "triangular", "uniform")


def rich(partners: int, streams: int, funding: bool, gaps_some: bool) -> str:
    """Some partners with gaps and some without (`gaps_some`), reserves and receipts and
    every funding source (`funding`), uncertain gaps, delays, drivers, correlations and
    register risks."""
    lines = ["name: Rich", "kind: shared_service", "start: 2020/21", "years: 8", "partners:"]
    for i in range(partners):
        gap = (
            ""
            if gaps_some and i % 3 == 1
            else f", budget_gap: {{2020/21: £{1 + i % 3}m, 2022/23: £{2 + i % 4}m}}"
        )
        money = (
            f", reserves: {{opening: £{3 + i % 2}m, minimum: £1m}}"
            f", capital_receipts: {{2020/21: £{200 + 50 * i}k}}"
            if funding
            else ""
        )
        vary = ", uncertainty: {low: -20%, high: 30%}, driver: gaps" if i % 2 == 0 else ""
        lines.append(f"  - {{id: p{i}, name: C{i}{gap}{money}{vary}}}")
    lines.append("savings:")
    for s in range(streams):
        lines += [
            f"  - name: S{s}",
            f"    annual: {100 + 7 * s}k",
            f"    from: {2020 + s % 3}",
            "    ramp: [30%, 70%]",
            f"    uncertainty: {{low: -{10 + s % 20}%, likely: 0%, high: {5 + s % 10}%, "
            f"distribution: {DISTRIBUTIONS[s % 3]}}}",
        ]
        if s % 4 == 0:
            lines.append("    delay: {0: 60%, 1: 30%, 2: 10%}")
        if s % 5 == 0:
            lines.append("    driver: staffing")
        elif s % 7 == 0:
            lines.append("    driver: demand")

    def funded(source: str) -> str:
        return f", funded_by: {source}" if funding else ""

    lines += [
        "costs:",
        "  - {name: Licences, annual: 90k, uncertainty: {low: -10%, high: 40%}, driver: demand}",
        "one_off_costs:",
        "  - {name: Redundancy, amount: £2m, phasing: {2020/21: 50%, 2021/22: 50%}"
        + funded("capital_receipts")
        + ", uncertainty: {low: -10%, high: 40%, distribution: triangular}}",
        "  - {name: Programme, amount: £1m, year: 2020/21" + funded("reserves") + "}",
        "  - {name: Grant bit, amount: £0.5m, year: 2021/22"
        + funded("grant")
        + ", uncertainty: {low: -10%, high: 10%}}",
        "risks:",
        "  - {name: Strain, probability: 30%, impact: £500k, year: 2021/22,"
        " uncertainty: {low: -20%, high: 50%}}",
        "  - {name: Overlap, probability: 50%, annual: £40k, from: 2021/22, driver: demand}",
        "correlations:",
        "  staffing: {demand: 0.5, gaps: -0.3}",
    ]
    return "\n".join(lines) + "\n"


def some_views(plan: Plan) -> st.SearchStrategy[tuple[int, ...]]:
    """Some of a plan's views (partners, then the total), each once, in any order."""
    count = len(plan.partner_ids) + 1
    views = st.lists(st.integers(0, count - 1), min_size=1, max_size=count, unique=True)
    return views.map(tuple)
