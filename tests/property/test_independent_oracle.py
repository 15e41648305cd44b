"""A second, independent calculation of the format page, in exact fractions, against
bizcase's JSON for many random scenarios written as YAML files (most of them with prices,
indexed items, funding sources, reserves and capital receipts).

The oracle below is written from `scenario-format.md` alone and shares no code with the
engine: money parsed by hand, shares, ramps, gap carry-forward, the discount schedule,
payback and gap-closed years by their definitions, all in `Fraction`. Every figure of every
partner and the total must agree to half a penny; years and coverage exactly.
"""

from __future__ import annotations

import random
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
import yaml

from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.render.json_out import option_dict


def fy(y):
    return f"{y}/{(y + 1) % 100:02d}"


def gen(rng):
    """A random scenario as YAML data: every share kind, ramps, from/until, gaps."""
    start = rng.randint(2010, 2030)
    years = rng.randint(1, 12)
    n = rng.randint(1, 4)
    ids = [f"p{i}" for i in range(n)]
    partners = []
    for pid in ids:
        p = {"id": pid, "name": pid.upper(), "weights": {"pop": rng.randint(1, 1000)}}
        r = rng.random()
        if r < 0.3:
            p["budget_gap"] = f"£{rng.randint(0, 5000)}k"
        elif r < 0.8:
            ys = sorted(rng.sample(range(start - 2, start + years + 1), rng.randint(1, 3)))
            p["budget_gap"] = {fy(y): rng.randint(0, 5_000_000) for y in ys}
        partners.append(p)

    def share():
        r = rng.random()
        if r < 0.25:
            return "equal"
        if r < 0.45:
            return rng.choice(ids)
        if r < 0.65:
            return "by pop"
        pcts = [rng.randint(0, 100) for _ in ids]
        tot = sum(pcts) or 1
        vals = [p * 10000 // tot for p in pcts]
        vals[0] += 10000 - sum(vals)
        return {pid: f"{v / 100:.2f}%" for pid, v in zip(ids, vals, strict=True)}

    def stream(i):
        s = {
            "name": f"s{i}",
            "annual": rng.choice(
                [
                    rng.randint(0, 3_000_000),
                    f"£{rng.randint(1, 999)}k",
                    f"£{rng.randint(1, 50) / 10}m",
                ]
            ),
            "share": share(),
        }
        if rng.random() < 0.5:
            s["from"] = fy(rng.randint(start - 3, start + years))
        if rng.random() < 0.3:
            s["until"] = fy(rng.randint(start + years - 3, start + years + 2))
        if rng.random() < 0.5:
            s["ramp"] = [f"{rng.randint(0, 100)}%" for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.5:
            s["confidence"] = f"{rng.randint(10, 100)}%"
        if "until" in s and "from" in s and int(s["until"][:4]) < int(s["from"][:4]):
            s["until"] = s["from"]
        if "until" in s and "from" not in s and int(s["until"][:4]) < start:
            s["until"] = fy(start)
        return s

    doc = {"name": "R", "start": fy(start), "years": years, "partners": partners}
    if rng.random() < 0.5:
        doc["discount_rate"] = f"{rng.randint(0, 80) / 10}%"
    for sec in ("savings", "income", "costs"):
        doc[sec] = [stream(i) for i in range(rng.randint(0, 3))]
    offs = []
    for i in range(rng.randint(0, 3)):
        o = {"name": f"o{i}", "amount": rng.randint(0, 2_000_000), "share": share()}
        if rng.random() < 0.5:
            o["year"] = fy(rng.randint(start, start + years - 1))
        else:
            ys = sorted(rng.sample(range(start, start + years), min(years, rng.randint(1, 3))))
            w = [rng.randint(1, 10) for _ in ys]
            tot = sum(w)
            vals = [x * 100 // tot for x in w]
            vals[0] += 100 - sum(vals)
            o["phasing"] = {fy(y): f"{v}%" for y, v in zip(ys, vals, strict=True)}
        offs.append(o)
    doc["one_off_costs"] = offs
    if rng.random() < 0.6:
        add_finance(rng, doc, start, years)
    return doc


def add_finance(rng, doc, start, years):
    """Prices (indices flat or by year, the deflator), indexed items, funding sources,
    reserves and capital receipts, as the format page describes them."""

    def rate():
        if rng.random() < 0.5:
            return f"{rng.randint(-30, 60) / 10}%"
        ys = sorted(rng.sample(range(start - 2, start + years + 1), rng.randint(1, 3)))
        return {fy(y): f"{rng.randint(-30, 60) / 10}%" for y in ys}

    doc["prices"] = {
        "base": fy(rng.randint(start - 2, start + 2)),
        "indices": {"pay": rate(), "contracts": rate()},
        "deflator": rate(),
    }
    for sec in ("savings", "income", "costs", "one_off_costs"):
        for item in doc[sec]:
            if rng.random() < 0.6:
                item["index"] = rng.choice(["pay", "contracts"])
    for o in doc["one_off_costs"]:
        o["funded_by"] = rng.choice(["reserves", "capital_receipts", "grant"])
    for p in doc["partners"]:
        if rng.random() < 0.7:
            p["reserves"] = {
                "opening": f"£{rng.randint(0, 5000)}k",
                "minimum": f"£{rng.randint(0, 2000)}k",
            }
        if rng.random() < 0.6:
            ys = rng.sample(range(start - 1, start + years), min(years, rng.randint(1, 3)))
            p["capital_receipts"] = {fy(y): rng.randint(0, 1_500_000) for y in ys}


def money(v):
    if isinstance(v, int):
        return F(v)
    s = v.replace("£", "").replace(",", "")
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1_000_000, s[:-1]
    return F(s) * mult


def pct(s):
    return F(s[:-1]) / 100


def index_factors(rates, base, start, T):
    """I[b] = 1; I[t] = I[t-1] (1 + rate(t)) after b, I[t+1] / (1 + rate(t+1)) before;
    rate(t) flat, or the nearest listed year at or before t, 0 before the first."""

    def rate(y):
        if isinstance(rates, str):
            return pct(rates)
        listed = [(int(k[:4]), v) for k, v in rates.items() if int(k[:4]) <= y]
        return pct(max(listed)[1]) if listed else F(0)

    out = []
    for t in range(T):
        y, f = start + t, F(1)
        for z in range(base + 1, y + 1):
            f *= 1 + rate(z)
        for z in range(y + 1, base + 1):
            f /= 1 + rate(z)
        out.append(f)
    return out


def calc(doc):
    """Every figure of the result contract, per partner and total, in fractions."""
    start = int(doc["start"][:4])
    T = doc["years"]
    ids = [p["id"] for p in doc["partners"]]
    prices = doc.get("prices")
    ones = [F(1)] * T
    if prices:
        base = int(prices["base"][:4])
        idx = {n: index_factors(r, base, start, T) for n, r in prices["indices"].items()}
        defl = index_factors(prices["deflator"], base, start, T)
    else:
        idx, defl = {}, ones

    def frac(share, pid):
        if share == "equal":
            return F(1, len(ids))
        if share in ids:
            return F(1 if share == pid else 0)
        if share == "by pop":
            tot = sum(p["weights"]["pop"] for p in doc["partners"])
            return F(next(p for p in doc["partners"] if p["id"] == pid)["weights"]["pop"], tot)
        return pct(share.get(pid, "0%"))

    rate = doc.get("discount_rate", "green_book")
    df = [F(1)]
    for t in range(1, T):
        r = (F(35, 1000) if t <= 30 else F(3, 100)) if rate == "green_book" else pct(rate)
        df.append(df[-1] / (1 + r))
    out = {}
    funding = {}
    gives_gap: dict[str, bool] = {}
    for pid in [*ids, "total"]:
        ser = {k: [F(0)] * T for k in ("savings", "income", "costs", "one_off_costs", "gap")}
        for sec in ("savings", "income", "costs"):
            for s in doc[sec]:
                f0 = int(s.get("from", doc["start"])[:4])
                u = int(s["until"][:4]) if "until" in s else None
                ramp = [pct(x) for x in s.get("ramp", [])]
                conf = pct(s.get("confidence", "100%"))
                sh = F(1) if pid == "total" else frac(s["share"], pid)
                for t in range(T):
                    y = start + t
                    if y < f0 or (u is not None and y > u):
                        continue
                    k = y - f0
                    rf = ramp[k] if k < len(ramp) else F(1)
                    ix = idx[s["index"]][t] if "index" in s else F(1)
                    ser[sec][t] += money(s["annual"]) * rf * conf * sh * ix
        by_source = {k: [F(0)] * T for k in ("reserves", "capital_receipts", "grant")}
        for o in doc["one_off_costs"]:
            sh = F(1) if pid == "total" else frac(o["share"], pid)
            ph = (
                {int(o["year"][:4]): F(1)}
                if "year" in o
                else {int(k[:4]): pct(v) for k, v in o["phasing"].items()}
            )
            for y, f in ph.items():
                if 0 <= y - start < T:
                    ix = idx[o["index"]][y - start] if "index" in o else F(1)
                    amount = money(o["amount"]) * f * sh * ix
                    ser["one_off_costs"][y - start] += amount
                    by_source[o.get("funded_by", "reserves")][y - start] += amount
        for p in doc["partners"]:
            if pid not in ("total", p["id"]):
                continue
            g = p.get("budget_gap")
            for t in range(T):
                y = start + t
                if g is None:
                    v = F(0)
                elif isinstance(g, str):
                    v = money(g)
                else:
                    listed = [(int(k[:4]), a) for k, a in g.items() if int(k[:4]) <= y]
                    v = F(max(listed)[1]) if listed else F(0)
                ser["gap"][t] += v
        nr = [ser["savings"][t] + ser["income"][t] - ser["costs"][t] for t in range(T)]
        net = [nr[t] - ser["one_off_costs"][t] for t in range(T)]
        cum = []
        c = F(0)
        for x in net:
            c += x
            cum.append(c)
        rem = [ser["gap"][t] - nr[t] for t in range(T)]
        npv = sum(net[t] / defl[t] * df[t] for t in range(T))

        def first_hold(cond):
            if not cond[-1]:
                return None
            i = T - 1
            while i > 0 and cond[i - 1]:
                i -= 1
            return fy(start + i)

        # payback, by the definitions of issue "Say only what is true": nothing to pay
        # back without outlays; paid back when the cumulative net ends at or above zero,
        # in the first year from which it stays there; the period counts one-off costs at
        # the start of their year and the net recurring saving evenly through it
        outlays = any(x > 0 for x in ser["one_off_costs"]) or any(x < 0 for x in net)
        paid_year = first_hold([x >= 0 for x in cum])
        period = None
        if not outlays:
            status, paid_year = "nothing_to_pay_back", None
        elif cum[-1] < 0:
            status = "not_within_horizon"
        else:
            status = "paid_back"
            k = int(paid_year[:4]) - start
            owed = ser["one_off_costs"][k] - (cum[k - 1] if k > 0 else F(0))
            f = owed / nr[k] if owed > 0 else F(0)
            period = k + min(max(f, F(0)), F(1))
        # the gap: none given; else with L the last year still short, not closed when L
        # is the final year, else closed from the later of L + 1 and the first year of gap
        has_gap = any(g != 0 for g in ser["gap"])
        short = [t for t in range(T) if rem[t] > 0]
        last_short = short[-1] if short else -1
        if not has_gap:
            gap_status, closed_year = "no_gap", None
        elif last_short == T - 1:
            gap_status, closed_year = "not_closed", None
        else:
            first_gap = next(t for t in range(T) if ser["gap"][t] != 0)
            gap_status, closed_year = "closed", fy(start + max(last_short + 1, first_gap))
        if pid == "total":
            givers = [gives_gap[p["id"]] for p in doc["partners"]]
            if any(givers) and not all(givers):
                gap_status, closed_year = "partial", None
        gives_gap[pid] = has_gap
        judged = gap_status in ("closed", "not_closed") and ser["gap"][-1] != 0
        funding[pid] = (by_source, rem)
        out[pid] = dict(
            savings=ser["savings"],
            income=ser["income"],
            costs=ser["costs"],
            one_off_costs=ser["one_off_costs"],
            net_recurring=nr,
            net=net,
            cumulative_net=cum,
            gap=ser["gap"],
            remaining_gap=rem,
            npv=npv,
            payback_status=status,
            payback_year=paid_year,
            payback_period=period,
            gap_status=gap_status,
            gap_closed_year=closed_year,
            coverage=nr[-1] / ser["gap"][-1] if judged else None,
        )
    if prices:
        add_reserves(doc, out, funding, start, T)
    return out


def add_reserves(doc, out, funding, start, T):
    """The format page's funding rules: receipts to date, less those used, fund what they
    can; the rest and the reserves-funded costs come from reserves; the balance runs
    reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t]."""
    ids = [p["id"] for p in doc["partners"]]
    totals = {k: [F(0)] * T for k in ("r", "c", "g")}
    for p in doc["partners"]:
        by_source, rem = funding[p["id"]]
        receipts = [F(0)] * T
        for k, v in (p.get("capital_receipts") or {}).items():
            receipts[max(int(k[:4]) - start, 0)] += F(v)
        available, used, from_res = F(0), [], []
        for t in range(T):
            available += receipts[t]
            u = min(by_source["capital_receipts"][t], available)
            available -= u
            used.append(u)
            from_res.append(by_source["reserves"][t] + by_source["capital_receipts"][t] - u)
        out[p["id"]].update(
            funded_from_reserves=from_res,
            funded_from_capital_receipts=used,
            funded_by_grant=by_source["grant"],
        )
        for t in range(T):
            totals["r"][t] += from_res[t]
            totals["c"][t] += used[t]
            totals["g"][t] += by_source["grant"][t]
        if "reserves" in p:
            balance, series = money(p["reserves"]["opening"]), []
            minimum = money(p["reserves"]["minimum"])
            for t in range(T):
                balance -= from_res[t] + rem[t]
                series.append(balance)
            below = [t for t in range(T) if series[t] < minimum]
            out[p["id"]].update(
                reserves=series,
                reserves_status="below_minimum" if below else "above_minimum",
                reserves_breach_year=fy(start + below[0]) if below else None,
            )
        else:
            out[p["id"]].update(reserves=None, reserves_status="no_reserves_given")
    out["total"].update(
        funded_from_reserves=totals["r"],
        funded_from_capital_receipts=totals["c"],
        funded_by_grant=totals["g"],
    )
    given = [("reserves" in p) for p in doc["partners"]]
    if all(given):
        series = [sum(out[i]["reserves"][t] for i in ids) for t in range(T)]
        minimum = sum(money(p["reserves"]["minimum"]) for p in doc["partners"])
        below = [t for t in range(T) if series[t] < minimum]
        out["total"].update(
            reserves=series,
            reserves_status="below_minimum" if below else "above_minimum",
            reserves_breach_year=fy(start + below[0]) if below else None,
        )
    else:
        status = "partial" if any(given) else "no_reserves_given"
        out["total"].update(reserves=None, reserves_status=status)


@pytest.mark.parametrize("seed", range(8))
def test_bizcase_agrees_with_an_independent_calculation(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    for case in range(25):
        doc = gen(rng)
        path = tmp_path / f"case{case}.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        loaded = load_scenario(path)
        got = option_dict(evaluate(loaded.scenario, loaded.file))
        for pid, expected in calc(doc).items():
            view: dict[str, Any] = got["total"] if pid == "total" else got["partners"][pid]
            for key, value in expected.items():
                where = (seed, case, pid, key)
                if isinstance(value, list) and key == "reserves" and view[key] is not None:
                    # a running balance: half a penny per year it runs
                    assert [float(v) for v in value] == pytest.approx(view[key], abs=0.01), where
                elif isinstance(value, list):
                    assert [float(v) for v in value] == pytest.approx(view[key], abs=0.005), where
                elif key == "npv":
                    assert float(value) == pytest.approx(view[key], abs=0.005), where
                elif key == "payback_period":
                    assert (value is None) == (view[key] is None), where
                    if value is not None:
                        assert float(value) == pytest.approx(view[key], abs=1e-9), where
                elif key == "coverage":
                    assert (value is None) == (view[key] is None), where
                    if value is not None:
                        assert float(value) == pytest.approx(view[key], rel=1e-12), where
                else:
                    assert value == view[key], where
