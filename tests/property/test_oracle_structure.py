"""An independent calculation, in exact fractions, of councils that change shape and of a
partner withdrawing, from the format page's rules alone (no engine code), against
bizcase's JSON for random scenarios written as YAML."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bizcase.cli import app


def fy(y: int) -> str:
    return f"{y}/{(y + 1) % 100:02d}"


def gen_merger(rng: random.Random) -> dict[str, Any]:
    """Two or three councils until the year before vesting, then one successor."""
    start, years = rng.randint(2012, 2030), rng.randint(3, 8)
    vesting = rng.randint(start + 1, start + years - 1)
    old = [f"p{i}" for i in range(rng.randint(2, 3))]
    pops = {pid: rng.randint(1, 1000) for pid in old}
    partners: list[dict[str, Any]] = []
    for pid in old:
        p: dict[str, Any] = {"id": pid, "name": pid.upper(), "until": fy(vesting - 1)}
        p["weights"] = {"pop": pops[pid]}
        if rng.random() < 0.6:
            p["budget_gap"] = rng.randint(0, 3_000_000)
        partners.append(p)
    areas = [rng.randint(1, 100) for _ in old]
    total = sum(areas)
    pct = [a * 10000 // total for a in areas]
    pct[0] += 10000 - sum(pct)
    succ: dict[str, Any] = {
        "id": "new",
        "name": "NEW",
        "from": fy(vesting),
        "weights": {"pop": sum(pops.values())},
        "succeeds": {pid: f"{v / 100:.2f}%" for pid, v in zip(old, pct, strict=True)},
    }
    if rng.random() < 0.3:
        succ["budget_gap"] = rng.randint(0, 4_000_000)
    partners.append(succ)

    def share() -> Any:
        r = rng.random()
        if r < 0.3:
            return "equal"
        if r < 0.5:
            return "by pop"
        if r < 0.7:
            return rng.choice(old)
        w = [rng.randint(0, 10) for _ in old]
        w[0] += 1
        vals = [x * 100 // sum(w) for x in w]
        vals[0] += 100 - sum(vals)
        return {pid: f"{v}%" for pid, v in zip(old, vals, strict=True)}

    doc: dict[str, Any] = {
        "name": "M",
        "start": fy(start),
        "years": years,
        "discount_rate": f"{rng.randint(0, 60) / 10}%",
        "partners": partners,
    }
    for sec in ("savings", "income", "costs"):
        doc[sec] = [
            {"name": f"{sec}{i}", "annual": rng.randint(0, 2_000_000), "share": share()}
            for i in range(rng.randint(0, 3))
        ]
    doc["one_off_costs"] = [
        {
            "name": f"o{i}",
            "amount": rng.randint(0, 2_000_000),
            "year": fy(rng.randint(start, start + years - 1)),
            "share": share(),
        }
        for i in range(rng.randint(0, 2))
    ]
    return doc


def pct(text: str) -> F:
    return F(text[:-1]) / 100


def merger_calc(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The format page: shares among the councils of each year, a predecessor's part to its
    successor from vesting, an ended council's view its area's share, gaps carried."""
    start, T = int(doc["start"][:4]), doc["years"]
    parts = doc["partners"]
    new = parts[-1]
    vesting = int(new["from"][:4])
    old = [p["id"] for p in parts[:-1]]
    area = {pid: pct(v) for pid, v in new["succeeds"].items()}
    rate = pct(doc["discount_rate"])

    def exists(pid: str, y: int) -> bool:
        return (y >= vesting) if pid == "new" else (y < vesting)

    def fractions(share: Any, y: int) -> dict[str, F]:
        alive = [p["id"] for p in parts if exists(p["id"], y)]
        if share == "equal":
            return {pid: F(1, len(alive)) for pid in alive}
        if share == "by pop":
            w = {p["id"]: F(p["weights"]["pop"]) for p in parts if p["id"] in alive}
            return {pid: x / sum(w.values()) for pid, x in w.items()}
        written = {share: F(1)} if isinstance(share, str) else {k: pct(v) for k, v in share.items()}
        out: dict[str, F] = {}
        for pid, f in written.items():
            holder = pid if exists(pid, y) else "new"
            out[holder] = out.get(holder, F(0)) + f
        return out

    ids = [p["id"] for p in parts]
    own: dict[str, dict[str, list[F]]] = {
        pid: {k: [F(0)] * T for k in ("savings", "income", "costs", "one_off_costs", "gap")}
        for pid in [*ids, "total"]
    }
    for t in range(T):
        y = start + t
        for sec in ("savings", "income", "costs"):
            for s in doc[sec]:
                for pid, f in fractions(s["share"], y).items():
                    own[pid][sec][t] += F(s["annual"]) * f
                own["total"][sec][t] += F(s["annual"])
        for o in doc["one_off_costs"]:
            if int(o["year"][:4]) == y:
                for pid, f in fractions(o["share"], y).items():
                    own[pid]["one_off_costs"][t] += F(o["amount"]) * f
                own["total"]["one_off_costs"][t] += F(o["amount"])
        for p in parts[:-1]:
            g = F(p.get("budget_gap", 0))
            if exists(p["id"], y):
                own[p["id"]]["gap"][t] = g
            elif "budget_gap" not in new:
                own["new"]["gap"][t] += g
        if "budget_gap" in new and exists("new", y):
            own["new"]["gap"][t] = F(new["budget_gap"])
        live = [pid for pid in ids if exists(pid, y)]
        own["total"]["gap"][t] = sum((own[pid]["gap"][t] for pid in live), F(0))
        for pid in old:  # after vesting: the area's share of the successor
            if not exists(pid, y):
                for k in own[pid]:
                    own[pid][k][t] = area[pid] * own["new"][k][t]
    out = {}
    for pid, ser in own.items():
        nr = [ser["savings"][t] + ser["income"][t] - ser["costs"][t] for t in range(T)]
        net = [nr[t] - ser["one_off_costs"][t] for t in range(T)]
        npv = sum(net[t] / (1 + rate) ** t for t in range(T))
        out[pid] = {**ser, "net_recurring": nr, "net": net, "npv": npv}
    return out


@pytest.mark.parametrize("seed", range(6))
def test_mergers_agree_with_an_independent_calculation(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    runner = CliRunner()
    for case in range(12):
        doc = gen_merger(rng)
        path = tmp_path / f"m{case}.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        result = runner.invoke(app, ["run", str(path), "--format", "json"])
        assert result.exit_code == 0, (doc, result.output)
        got = json.loads(result.stdout)["options"][0]
        for pid, expected in merger_calc(doc).items():
            view = got["total"] if pid == "total" else got["partners"][pid]
            for key, value in expected.items():
                where = (seed, case, pid, key)
                if isinstance(value, list):
                    assert [float(v) for v in value] == pytest.approx(view[key], abs=0.005), where
                else:
                    assert float(value) == pytest.approx(view[key], abs=0.005), where


def withdraw_calc(doc: dict[str, Any], leaving: str) -> dict[str, F]:
    """Each remaining partner's costs (recurring + one-off) over the horizon without
    `leaving`: equal and by-weight among those left, fixed percentages scaled up."""
    ids = [p["id"] for p in doc["partners"] if p["id"] != leaving]
    pops = {p["id"]: F(p["weights"]["pop"]) for p in doc["partners"]}

    def fractions(share: Any) -> dict[str, F]:
        if share == "equal":
            return {pid: F(1, len(ids)) for pid in ids}
        if share == "by pop":
            whole = sum(pops[pid] for pid in ids)
            return {pid: pops[pid] / whole for pid in ids}
        if isinstance(share, str):
            return {} if share == leaving else {share: F(1)}
        kept = {k: pct(v) for k, v in share.items() if k != leaving}
        whole = sum(kept.values(), F(0))
        return {} if whole == 0 else {k: v / whole for k, v in kept.items()}

    years = doc["years"]
    out = {pid: F(0) for pid in ids}
    for s in doc["costs"]:
        for pid, f in fractions(s["share"]).items():
            out[pid] += F(s["annual"]) * years * f
    for o in doc["one_off_costs"]:
        for pid, f in fractions(o["share"]).items():
            out[pid] += F(o["amount"]) * f
    return out


@pytest.mark.parametrize("seed", range(4))
def test_withdrawals_agree_with_an_independent_calculation(seed: int, tmp_path: Path) -> None:
    rng = random.Random(100 + seed)
    runner = CliRunner()
    for case in range(8):
        doc = gen_merger(rng)
        # a fixed set of councils: drop the successor and everyone's `until`
        doc["partners"] = [
            {k: v for k, v in p.items() if k != "until"} for p in doc["partners"][:-1]
        ]
        start = int(doc["start"][:4])
        for o in doc["one_off_costs"]:
            o["year"] = fy(start)
        path = tmp_path / f"w{case}.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        leaving = doc["partners"][0]["id"]
        result = runner.invoke(app, ["withdraw", str(path), "-p", leaving, "--format", "json"])
        assert result.exit_code == 0, result.output
        [withdrawal] = json.loads(result.stdout)["withdrawals"]
        for pid, costs in withdraw_calc(doc, leaving).items():
            got = withdrawal["views"][pid]["costs"]["after"]
            assert float(costs) == pytest.approx(got, abs=0.005), (seed, case, pid)


def add_funding(doc: dict[str, Any], rng: random.Random) -> None:
    """Reserves on every old council (and sometimes the successor's own), capital receipts
    as one amount, and some one-off costs funded by them."""
    old, new = doc["partners"][:-1], doc["partners"][-1]
    for p in old:
        p["reserves"] = {"opening": rng.randint(0, 4_000_000), "minimum": rng.randint(0, 500_000)}
        if rng.random() < 0.6:
            p["capital_receipts"] = rng.randint(0, 800_000)
    r = rng.random()
    if r < 0.3:
        new["reserves"] = {"opening": rng.randint(0, 5_000_000), "minimum": rng.randint(0, 900_000)}
    elif r < 0.5:
        new["reserves"] = {"minimum": rng.randint(0, 900_000)}
    if rng.random() < 0.4:
        new["capital_receipts"] = rng.randint(0, 500_000)
    for o in doc["one_off_costs"]:
        o["funded_by"] = rng.choice(["reserves", "capital_receipts", "capital_receipts"])


def reserves_calc(doc: dict[str, Any], series: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The format page's funding rules on `merger_calc`'s series: receipts to date first
    (a successor takes its predecessors' unused receipts at vesting; an ended council's
    view its area's share of the successor's), the rest from reserves; balances from each
    council's first year, a successor's carried unless it gives `opening`."""
    start, T = int(doc["start"][:4]), doc["years"]
    parts = doc["partners"]
    new = parts[-1]
    v = int(new["from"][:4]) - start
    old = [p["id"] for p in parts[:-1]]
    area = {pid: pct(x) for pid, x in new["succeeds"].items()}
    by_receipts = [o for o in doc["one_off_costs"] if o["funded_by"] == "capital_receipts"]
    # each view's one-off costs funded by receipts: the share of those costs alone
    asked = {pid: [F(0)] * T for pid in [*old, "new"]}
    for pid in asked:
        whole = series[pid]["one_off_costs"]
        receipt_part = merger_calc({**doc, "one_off_costs": by_receipts})[pid]["one_off_costs"]
        asked[pid] = receipt_part
        assert all(a <= w for a, w in zip(receipt_part, whole, strict=True))
    avail = {pid: F(0) for pid in asked}
    used = {pid: [F(0)] * T for pid in asked}
    for t in range(T):
        live = old if t < v else ["new"]
        if t == v:
            avail["new"] = sum((avail[pid] for pid in old), F(0))
        for pid in live:
            p = next(q for q in parts if q["id"] == pid)
            first = 0 if pid != "new" else v
            if t == first:
                avail[pid] += F(p.get("capital_receipts", 0))
            used[pid][t] = min(asked[pid][t], avail[pid])
            avail[pid] -= used[pid][t]
        if t >= v:
            for pid in old:
                used[pid][t] = area[pid] * used["new"][t]
    out: dict[str, Any] = {}
    bal: dict[str, list[F] | None] = {}
    for pid in [*old, "new"]:
        s = series[pid]
        spent = [s["one_off_costs"][t] - used[pid][t] for t in range(T)]
        rem = [s["gap"][t] - s["net_recurring"][t] for t in range(T)]
        p = next(q for q in parts if q["id"] == pid)
        own_open = "reserves" in p and "opening" in p["reserves"]
        if pid == "new" and not own_open:
            b = sum((bal[q][v - 1] for q in old), F(0))  # type: ignore[index]
        elif pid == "new":
            b = F(p["reserves"]["opening"])
        else:
            b = F(p["reserves"]["opening"])
        opening, path = b, []
        for t in range(T):
            if pid == "new" and t < v:
                path.append(F(0))
                continue
            b -= spent[t] + rem[t]
            path.append(b)
        bal[pid] = path
        minimum = (
            F(p["reserves"]["minimum"])
            if "reserves" in p
            else sum((F(q["reserves"]["minimum"]) for q in parts[:-1]), F(0))
        )
        first = v if pid == "new" else 0
        out[pid] = _summary(path, opening, [minimum] * T, first)
        out[pid]["funded_from_capital_receipts"] = used[pid]
    total = [sum((bal[q][t] for q in (old if t < v else ["new"])), F(0)) for t in range(T)]  # type: ignore[index]
    mins = [
        sum((F(q["reserves"]["minimum"]) for q in parts[:-1]), F(0)) if t < v else F(0)
        for t in range(T)
    ]
    for t in range(v, T):
        mins[t] = (
            F(new["reserves"]["minimum"])
            if "reserves" in new
            else sum((F(q["reserves"]["minimum"]) for q in parts[:-1]), F(0))
        )
    opening_total = sum((F(q["reserves"]["opening"]) for q in parts[:-1]), F(0))
    out["total"] = _summary(total, opening_total, mins, 0)
    out["total"]["funded_from_capital_receipts"] = [
        sum((used[q][t] for q in (old if t < v else ["new"])), F(0)) for t in range(T)
    ]
    return out


def _summary(path: list[F], opening: F, mins: list[F], first: int) -> dict[str, Any]:
    below = [t for t in range(first, len(path)) if path[t] < mins[t]]
    return {
        "reserves": path,
        "reserves_opening": opening,
        "reserves_lowest": min(path[first:]),
        "reserves_breach": below[0] if below else None,
        "reserves_minimum": mins[below[0]] if below else mins[-1],
    }


@pytest.mark.parametrize("seed", range(5))
def test_reserves_through_a_merger_agree_with_an_independent_calculation(
    seed: int, tmp_path: Path
) -> None:
    rng = random.Random(200 + seed)
    runner = CliRunner()
    for case in range(10):
        doc = gen_merger(rng)
        add_funding(doc, rng)
        path = tmp_path / f"r{case}.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        result = runner.invoke(app, ["run", str(path), "--format", "json"])
        assert result.exit_code == 0, (doc, result.output)
        got = json.loads(result.stdout)["options"][0]
        start = int(doc["start"][:4])
        for pid, expected in reserves_calc(doc, merger_calc(doc)).items():
            view = got["total"] if pid == "total" else got["partners"][pid]
            where = (seed, case, pid)
            for key in ("reserves", "funded_from_capital_receipts"):
                want = [float(x) for x in expected[key]]
                assert want == pytest.approx(view[key], abs=0.01), (where, key)
            for key in ("reserves_opening", "reserves_lowest", "reserves_minimum"):
                assert float(expected[key]) == pytest.approx(view[key], abs=0.01), (where, key)
            breach = expected["reserves_breach"]
            assert view["reserves_breach_year"] == (None if breach is None else fy(start + breach))


def without_in_a_merger(doc: dict[str, Any], leaving: str) -> dict[str, Any]:
    """The format page's withdrawal on a merger, as a new document: the successor succeeds
    the councils left (fixed shares scaled up), fixed item shares scaled up, an item wholly
    the leaver's dropped."""
    out = json.loads(json.dumps(doc))
    out["partners"] = [p for p in out["partners"] if p["id"] != leaving]
    new = out["partners"][-1]
    kept = {k: pct(x) for k, x in new["succeeds"].items() if k != leaving}
    whole = sum(kept.values(), F(0))
    new["succeeds"] = {k: f"{float(x / whole * 100)!r}%" for k, x in kept.items()}

    def reshare(share: Any) -> Any:
        if share in ("equal", "by pop"):
            return share
        if isinstance(share, str):
            return None if share == leaving else share
        left = {k: pct(x) for k, x in share.items() if k != leaving}
        total = sum(left.values(), F(0))
        return None if total == 0 else {k: f"{float(x / total * 100)!r}%" for k, x in left.items()}

    for sec in ("savings", "income", "costs", "one_off_costs"):
        items = []
        for item in out[sec]:
            share = reshare(item["share"])
            if share is not None:
                items.append({**item, "share": share})
        out[sec] = items
    return out


@pytest.mark.parametrize("seed", range(4))
def test_withdrawals_from_a_merger_agree_with_an_independent_calculation(
    seed: int, tmp_path: Path
) -> None:
    rng = random.Random(300 + seed)
    runner = CliRunner()
    for case in range(8):
        doc = gen_merger(rng)
        leaving = doc["partners"][0]["id"]
        path = tmp_path / f"wm{case}.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        result = runner.invoke(app, ["withdraw", str(path), "-p", leaving, "--format", "json"])
        assert result.exit_code == 0, result.output
        [withdrawal] = json.loads(result.stdout)["withdrawals"]
        expected = merger_calc(without_in_a_merger(doc, leaving))
        for pid, view in withdrawal["views"].items():
            ser = expected[pid]
            costs = sum(ser["costs"], F(0)) + sum(ser["one_off_costs"], F(0))
            saved = sum(ser["savings"], F(0))
            where = (seed, case, pid)
            assert float(costs) == pytest.approx(view["costs"]["after"], abs=0.01), where
            assert float(saved) == pytest.approx(view["total_savings"]["after"], abs=0.01), where
            assert float(ser["npv"]) == pytest.approx(view["npv"]["after"], abs=0.01), where
