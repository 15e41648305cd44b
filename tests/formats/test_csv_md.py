"""`--format csv` and `--format md` for run, compare and the risk commands: figures worked
by hand, and partners' pennies adding up exactly to the total's."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from bizcase.render.labels import ROWS
from bizcase.render.markdown_out import markdown_table
from bizcase.results.metrics import COMPARISON

from .conftest import Invoke, Write

COMPARE_ROWS = [metric.label for metric in COMPARISON if not metric.optional]

SCENARIOS = [
    "scenarios/ssdc-sdc-joint.yaml",
    "scenarios/ssdc-solo.yaml",
    "scenarios/ssdc-sdc-alliance.yaml",
    "scenarios/pioneer-somerset.yaml",
]
SERIES_ROWS = [
    "savings",
    "income",
    "costs",
    "one_off_costs",
    "net_recurring",
    "net",
    "cumulative_net",
    "gap",
    "remaining_gap",
    "optimism_bias",
    "risk_costs",
    "non_cashable_savings",
    "council_tax_harmonisation",
    "funded_from_reserves",
    "funded_from_capital_receipts",
    "funded_by_grant",
]


NOT_MONEY = (
    "payback_status",
    "payback_year",
    "payback_period",
    "gap_status",
    "gap_closed_year",
    "coverage",
    "bcr",
    "economic_npv",
    "npv_lower_rate",
)
"""The summary rows after `npv`, in order: statuses, years and fractions, not pennies."""


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def pence(text: str) -> int:
    amount = Decimal(text)
    assert amount == amount.quantize(Decimal("0.01")), f"{text} is not to the penny"
    return int(amount * 100)


def table(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["partner"], r["series"]): r for r in rows if r["partner"]}


# ------------------------------------------------------------------------------ csv: by hand


def test_csv_header_and_shape(invoke: Invoke, three_way: str) -> None:
    result = invoke("run", three_way, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "option,file,partner,partner_name,series,2016/17,2017/18,total"
    rows = read_csv(result.stdout)
    assert len({len(r) for r in rows}) == 1  # one rectangular table
    # discount_factor and sunk_costs rows, then 16 series and 10 summary rows for 3 partners
    # and the total
    assert len(rows) == 2 + 4 * (16 + 10)
    assert rows[0]["series"] == "discount_factor"
    assert [rows[0]["2016/17"], rows[0]["2017/18"]] == ["1.0", repr(1 / 1.1)]
    assert rows[1]["series"] == "sunk_costs" and rows[1]["total"] == "0.00"
    assert [r["series"] for r in rows[2:28]] == [*SERIES_ROWS, "npv", *NOT_MONEY]
    assert {r["partner"] for r in rows[2:]} == {"a", "b", "c", "total"}
    assert table(rows)[("total", "net")]["partner_name"] == "Total, all partners"


def test_csv_three_way_split_by_hand(invoke: Invoke, three_way: str) -> None:
    """£100 / 3 = £33.333...: floors 33.33 each leave a penny, which goes to the first
    partner (ties go to the earlier part); likewise the £10 set-up cost (3.34, 3.33, 3.33)."""
    rows = table(read_csv(invoke("run", three_way, "--format", "csv").stdout))

    def line(partner: str, series: str) -> list[str]:
        row = rows[(partner, series)]
        return [row["2016/17"], row["2017/18"], row["total"]]

    assert line("a", "savings") == ["33.34", "33.34", "66.68"]
    assert line("b", "savings") == ["33.33", "33.33", "66.66"]
    assert line("c", "savings") == ["33.33", "33.33", "66.66"]
    assert line("total", "savings") == ["100.00", "100.00", "200.00"]
    assert line("a", "one_off_costs") == ["3.34", "0.00", "3.34"]
    assert line("b", "one_off_costs") == ["3.33", "0.00", "3.33"]
    assert line("total", "one_off_costs") == ["10.00", "0.00", "10.00"]
    assert line("a", "net") == ["30.00", "33.34", "63.34"]
    assert line("b", "net") == ["30.00", "33.33", "63.33"]
    assert line("total", "net") == ["90.00", "100.00", "190.00"]
    assert line("a", "cumulative_net") == ["30.00", "63.34", ""]
    assert line("total", "cumulative_net") == ["90.00", "190.00", ""]
    assert line("a", "gap") == ["50.00", "50.00", ""]
    assert line("a", "remaining_gap") == ["16.66", "16.66", ""]
    assert line("b", "remaining_gap") == ["-33.33", "-33.33", ""]
    assert line("total", "remaining_gap") == ["-50.00", "-50.00", ""]
    # npv = net 2016/17 + net 2017/18 / 1.1: a 30 + 30.309 = 60.309, b and c 60.30, total
    # 90 + 90.909 = 180.909 -> 180.91, and the odd penny goes to a (remainder .909)
    npv = {p: rows[(p, "npv")]["total"] for p in ("a", "b", "c", "total")}
    assert npv == {"a": "60.31", "b": "60.30", "c": "60.30", "total": "180.91"}
    assert rows[("a", "npv")]["2016/17"] == ""
    assert rows[("a", "payback_year")]["total"] == "2016/17"
    assert rows[("a", "gap_closed_year")]["total"] == ""  # never: 16.66 still short
    assert rows[("b", "gap_closed_year")]["total"] == ""  # no gap given
    assert rows[("b", "gap_status")]["total"] == "no_gap"
    assert rows[("total", "gap_status")]["total"] == "partial"  # a gap for 1 of 3
    # a third of the £10 one-off at the start of 2016/17 against a third of £100 of
    # savings through it: 0.1 years (the engine's figure, not the rounded pennies')
    assert rows[("a", "payback_period")]["total"] == "0.1"
    assert rows[("a", "coverage")]["total"] == "0.666667"  # 33.33... / 50
    assert rows[("b", "coverage")]["total"] == ""  # no gap


def assert_partners_add_up(rows: list[dict[str, str]]) -> None:
    money_columns = [c for c in rows[0] if "/" in c] + ["total"]
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row["series"] in ("discount_factor", "sunk_costs", *NOT_MONEY):
            continue
        for column in money_columns:
            if row[column] == "":
                continue
            key = (row["option"], row["series"], column)
            if row["partner"] == "total":
                totals[key] = pence(row[column])
            else:
                sums[key] += pence(row[column])
    assert totals
    assert sums == totals


def test_csv_partner_rows_add_up_exactly(invoke: Invoke, three_way: str) -> None:
    assert_partners_add_up(read_csv(invoke("run", three_way, "--format", "csv").stdout))


@pytest.mark.parametrize("weights", [(1, 1, 1), (1, 2, 4), (3, 7, 11), (1, 1, 1000)])
def test_csv_weighted_splits_add_up(invoke: Invoke, write: Write, weights: tuple[int, ...]) -> None:
    partners = "\n".join(
        f"  - {{id: p{i}, name: P{i}, weights: {{pop: {w}}}, budget_gap: £333.33}}"
        for i, w in enumerate(weights)
    )
    path = write(
        "weighted.yaml",
        f"name: Weighted\nstart: 2020/21\nyears: 4\ndiscount_rate: 3.5%\npartners:\n{partners}\n"
        "savings:\n  - {name: S, annual: £1000.01, ramp: [33%, 67%], share: by pop}\n"
        "costs:\n  - {name: C, annual: £77.77, confidence: 97%, share: by pop}\n"
        "income:\n  - {name: I, annual: £12.34, share: p0}\n"
        "one_off_costs:\n  - {name: O, amount: £999.99, phasing: {2020/21: 70%, 2021/22: 30%},"
        " share: by pop}\n",
    )
    result = invoke("run", path, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert_partners_add_up(rows)
    # each row's total is the sum of its years, and the calculated series follow from the
    # shown inputs to the penny
    by = table(rows)
    years = ["2020/21", "2021/22", "2022/23", "2023/24"]
    for (partner, series), row in by.items():
        if series in ("savings", "income", "costs", "one_off_costs", "net_recurring", "net"):
            assert pence(row["total"]) == sum(pence(row[y]) for y in years)
        if series == "net":
            for y in years:
                assert pence(row[y]) == (
                    pence(by[(partner, "savings")][y])
                    + pence(by[(partner, "income")][y])
                    - pence(by[(partner, "costs")][y])
                    - pence(by[(partner, "one_off_costs")][y])
                )


def test_csv_bundled_scenarios_match_json(invoke: Invoke) -> None:
    """Compare: one table over every year any option covers; figures equal the JSON's to the
    penny where the inputs are whole pennies (all but Pioneer's by-population split)."""
    result = invoke("compare", *SCENARIOS, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Not like for like" in result.stderr
    rows = read_csv(result.stdout)
    assert_partners_add_up(rows)
    document = json.loads(invoke("compare", *SCENARIOS, "--format", "json").stdout)
    for option in document["options"][:3]:
        mine = [r for r in rows if r["file"] == option["file"]]
        views = {"total": option["total"], **option["partners"]}
        for row in mine:
            if row["series"] not in SERIES_ROWS:
                continue
            expected = views[row["partner"]][row["series"]]
            got = [row[y] for y in option["years"]]
            assert got == [f"{x:.2f}" for x in expected], (row["partner"], row["series"])
        npvs = {r["partner"]: r["total"] for r in mine if r["series"] == "npv"}
        assert npvs == {p: f"{v['npv']:.2f}" for p, v in views.items()}
    pioneer = [r for r in rows if r["file"] == SCENARIOS[3]]
    assert pioneer[1]["2016/17"] == ""  # a year Pioneer does not cover


# -------------------------------------------------------------------------------- markdown


def test_markdown_table_helper() -> None:
    text = markdown_table(["", "Amount", "Note"], [["a|b", "£1", "x\ny"], ["c", "(£20)", ""]], "lr")
    assert text == (
        "|      | Amount | Note |\n"
        "| :--- | -----: | :--- |\n"
        "| a\\|b |     £1 | x y  |\n"
        "| c    |  (£20) |      |\n"
    )
    assert markdown_table(["x"], [], ["center"]) == "| x   |\n| :-: |\n"
    with pytest.raises(ValueError, match="as many cells"):
        markdown_table(["a", "b"], [["1"]])
    with pytest.raises(ValueError, match="alignment"):
        markdown_table(["a"], [["1"]], "q")


def test_run_markdown_has_the_tables_labels_and_figures(invoke: Invoke, three_way: str) -> None:
    result = invoke("run", three_way, "--format", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("## Three-way split\n")
    for title in ("### Council A (a)", "### Council B (b)", "### Total, all partners"):
        assert title + "\n" in text
    for _key, label in ROWS:
        assert f"| {label}" in text or f"| **{label}**" in text
    assert "| £ " in text and "| 2016/17 |" in text
    total = text[text.index("### Total, all partners") :]
    assert "| Savings                  |     £100 |     £100 |     £200 |\n" in total
    assert "| **Net (cash)**           |  **£90** | **£100** | **£190** |\n" in total
    assert "| Remaining gap            |    (£50) |    (£50) |          |\n" in total
    # £10 one-off at the start of 2016/17 against £100 of savings through it: 0.1 years;
    # only Council A gives a gap, so the total's is not judged. BCR: PV of savings
    # 100 + 100 / 1.1 = 190.909... over PV of the £10 one-off = 19.09
    assert (
        "**NPV** £181 at 10%; **BCR** 19.09; **payback** 2016/17 (0.1 years); "
        "**gap closed** gaps given for 1 of 3 partners." in total
    )
    assert "Excel's NPV()" in text


def test_compare_markdown(invoke: Invoke) -> None:
    result = invoke("compare", *SCENARIOS[:3], "--format", "md", "--by-year")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "### South Somerset District Council (ssdc)\n" in text
    assert "### South Somerset District Council (ssdc), year by year\n" in text
    for label in COMPARE_ROWS:
        assert f"| {label}" in text
    npv_row = next(line for line in text.splitlines() if line.startswith("| NPV"))
    # joint: 2,161,266.02 (see tests/report/test_report.py for the working)
    assert [c.strip() for c in npv_row.strip("|").split("|")][1:] == [
        "**£2.16m**",
        "**£9.95m**",
        "**£655,772**",
    ]
    assert "Note:" not in text
    mixed = invoke("compare", SCENARIOS[0], SCENARIOS[3], "--format", "md").stdout
    assert mixed.startswith("**Note:** Not like for like")


# ------------------------------------------------------------------------- risk: csv, md


def test_sensitivity_csv_and_md(invoke: Invoke) -> None:
    joint = SCENARIOS[0]
    data = json.loads(invoke("sensitivity", joint, "-p", "ssdc", "-f", "json").stdout)
    result = invoke("sensitivity", joint, "-p", "ssdc", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert list(rows[0]) == [
        "option",
        "file",
        "metric",
        "partner",
        "base",
        "section",
        "item",
        "case",
        "low_change",
        "low_value",
        "high_change",
        "high_value",
        "swing",
    ]
    assert len(rows) == len(data["rows"])
    for row, expected in zip(rows, data["rows"], strict=True):
        assert (row["item"], row["case"]) == (expected["item"], expected["case"])
        assert row["low_value"] == f"{expected['ends'][0]['value']:.2f}"
        assert row["swing"] == f"{expected['swing']:.2f}"
    assert rows[0]["base"] == f"{data['base']:.2f}"
    md = invoke("sensitivity", joint, "-p", "ssdc", "-f", "md").stdout
    assert "| Item" in md and "Saving: Shared senior management team" in md
    assert "As written: **£2.16m**" in md


def test_switching_csv_and_md(invoke: Invoke) -> None:
    joint = SCENARIOS[0]
    data = json.loads(invoke("switching", joint, "-p", "ssdc", "-f", "json").stdout)
    rows = read_csv(invoke("switching", joint, "-p", "ssdc", "-f", "csv").stdout)
    assert len(rows) == 3 * len(data["rows"])
    first = rows[0]
    assert (first["subject"], first["test"]) == ("All savings", "npv")
    assert float(first["change"]) == data["rows"][0]["npv"]["change"]
    assert first["verified"] == "true"
    md = invoke("switching", joint, "-p", "ssdc", "-f", "md").stdout
    # NPV turns negative when all savings fall to PV(one-off costs) / PV(savings):
    # 1,279,172.4 / 3,440,438.5 - 1 = -62.8% (see tests/engine/test_bcr.py for both PVs)
    assert "| All savings" in md and "-62.8%" in md


def test_simulate_md(invoke: Invoke, three_way: str) -> None:
    result = invoke("simulate", three_way, "-n", "10", "-p", "a", "-f", "md")
    assert result.exit_code == 0, result.output
    assert "| NPV" in result.stdout and "| P5" in result.stdout
    assert invoke("simulate", three_way, "-n", "10", "-f", "csv").exit_code == 2


def test_compare_shows_npv_at_the_lower_rate_only_for_long_horizons(
    invoke: Invoke, write: Write
) -> None:
    long = write(
        "long.yaml",
        "name: Depot\nstart: 2020/21\nyears: 60\npartners: [{id: a, name: A}]\n"
        "savings: [{name: Avoided, annual: £100k}]\n"
        "one_off_costs: [{name: Build, amount: £2m, year: 2020/21}]\n",
    )
    short = write("short.yaml", Path(long).read_text().replace("years: 60", "years: 50"))
    text = invoke("compare", long, short, "-f", "md").stdout
    # -1.9m + 100k x [a(30, 3%) + 1.03^-30 x a(29, 2.57%)] = £895,108 (see tests/engine)
    row = next(line for line in text.splitlines() if line.startswith("| NPV at the lower rate"))
    assert [c.strip() for c in row.strip("|").split("|")][1:] == ["£895,108", "n/a"]
    assert "NPV at the lower rate" not in invoke("compare", short, short, "-f", "md").stdout
