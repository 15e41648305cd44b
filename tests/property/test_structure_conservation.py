"""Property: where councils change shape, money is conserved in every year. The partners
that exist each year add up to the total, and the ended councils' area views add up to
their successor's figures."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bizcase.results.option import SERIES
from tests.property.test_conservation import SETTINGS, close, money_values, result_of


@st.composite
def mergers(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.integers(2010, 2030))
    years = draw(st.integers(2, 8))
    vesting = draw(st.integers(start + 1, start + years - 1))
    old = [f"p{i}" for i in range(draw(st.integers(1, 3)))]
    populations = {pid: draw(st.integers(1, 100_000)) for pid in old}
    partners: list[dict[str, Any]] = [
        {
            "id": pid,
            "name": pid,
            "until": vesting - 1,
            "weights": {"population": populations[pid]},
            **({"budget_gap": draw(money_values)} if draw(st.booleans()) else {}),
        }
        for pid in old
    ]
    partners.append(
        {
            "id": "new",
            "name": "New council",
            "from": vesting,
            "succeeds": "by population",
            "weights": {"population": sum(populations.values())},
        }
    )
    shares = st.sampled_from(["equal", "by population", *old])
    data: dict[str, Any] = {
        "name": "Merger",
        "start": start,
        "years": years,
        "discount_rate": "3.5%",
        "partners": partners,
    }
    for section in ("savings", "income", "costs"):
        data[section] = [
            {"name": f"{section} {i}", "annual": draw(money_values), "share": draw(shares)}
            for i in range(draw(st.integers(0, 3)))
        ]
    data["one_off_costs"] = [
        {
            "name": f"one-off {i}",
            "amount": draw(money_values),
            "year": draw(st.integers(start, start + years - 1)),
            "share": draw(shares),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    return data


@SETTINGS
@given(mergers())
def test_the_councils_of_each_year_add_up_to_the_total(data: dict[str, Any]) -> None:
    result = result_of(data)
    assert result.exists is not None
    successor = len(result.partners) - 1
    # every flow and level of a year; not `cumulative_net`, a running balance over each
    # view's own years (a successor's starts at vesting)
    for key in [k for k in SERIES if k != "cumulative_net"]:
        for t in range(data["years"]):
            live = [
                view.series[key][t] for p, view in enumerate(result.partners) if result.exists[p][t]
            ]
            scale = sum(map(abs, live)) + abs(result.total.series[key][t])
            assert close(math.fsum(live), result.total.series[key][t], scale), (key, t)
            if not result.exists[0][t]:  # after vesting: the old areas make up the new
                areas = [view.series[key][t] for view in result.partners[:-1]]
                new = result.partners[successor].series[key][t]
                assert close(math.fsum(areas), new, abs(new) + sum(map(abs, areas)))
