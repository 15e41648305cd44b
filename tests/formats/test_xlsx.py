"""`--format xlsx`: the workbook's layout, and (with LibreOffice) that its formulas compute
the figures of `run --format json`.

The key test writes the workbook without cached results, has LibreOffice headless open it
with a fresh profile that recalculates OOXML files on load, exports every sheet to CSV and
checks each partner's and the total's figures. A second run opens the workbook *with*
cached results in a profile that does not recalculate (LibreOffice's default), which shows
that the cached values are right too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bizcase.appraisal.option import open_options
from bizcase.render.labels import ROWS, view_title
from bizcase.render.xlsx_out import MONEY, column_name, sheet_names, workbook_bytes
from bizcase.results.metrics import COMPARISON
from bizcase.results.option import OptionResult

from .conftest import THREE_WAY, Invoke, Write

COMPARE_ROWS = [metric.label for metric in COMPARISON if not metric.optional]

BUNDLED = [
    "scenarios/ssdc-sdc-joint.yaml",
    "scenarios/ssdc-solo.yaml",
    "scenarios/ssdc-sdc-alliance.yaml",
    "scenarios/pioneer-somerset.yaml",
]
"""Scenarios whose inputs are whole pennies: the workbook equals the JSON to the penny."""
LABELS = {label: key for key, label in ROWS}
FLOWS = {"savings", "income", "costs", "net_recurring", "one_off_costs", "net"}
RISK_LABELS = {
    **LABELS,
    "Risk costs (expected value)": "risk_costs",
    "of which optimism bias (costs above)": "optimism_bias",
}
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"
RECALC_ON_LOAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def evaluate(files: list[str]) -> list[OptionResult]:
    evaluated, _warnings = open_options(files)
    return [item.result for item in evaluated]


# ---------------------------------------------------------------------- without LibreOffice


def test_sheet_names_are_valid_and_unique(write: Write) -> None:
    long = "A very long option name: joint/shared [phase 2]? *yes* \\ no"
    paths = [
        write(f"{n}.yaml", THREE_WAY.replace("Three-way split", json.dumps(name)))
        for n, name in enumerate([long, long, "summary", "'Quoted'"])
    ]
    names = sheet_names(evaluate(paths))
    assert names == [
        "A very long option name_ joint_",
        "A very long option name_ jo (2)",
        "summary (2)",
        "Quoted",
    ]
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


def read_zip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}


def test_workbook_layout(three_way: str) -> None:
    files = read_zip(workbook_bytes(evaluate([three_way])))
    assert re.findall(r'<sheet name="([^"]+)"', files["xl/workbook.xml"]) == [
        "Summary",
        "Three-way split",
    ]
    styles = files["xl/styles.xml"]
    assert 'formatCode="£#,##0.00;(£#,##0.00)"' in styles.replace("&#163;", "£")
    sheet = files["xl/worksheets/sheet2.xml"]
    formulas = re.findall(r"<f>([^<]+)</f>", sheet)
    # the first block (Council A) starts at row 8: savings 9, income 10, costs 11, net
    # recurring 12, one-off 13, net 14, cumulative 15, gap 16, remaining gap 17, NPV 18,
    # benefit-cost ratio 19
    assert "B9+B10-B11" in formulas
    assert "B12-B13" in formulas
    assert "B15+C14" in formulas
    assert "B16-B12" in formulas
    assert "SUM(B9:C9)" in formulas
    assert "SUMPRODUCT(B14:C14,$B$6:$C$6)" in formulas
    # payback, gap closed and coverage are live formulas too (checked in LibreOffice below)
    statements = [f for f in formulas if "nothing to pay back" in f or "no gap given" in f]
    assert len(statements) == 4 * 4  # payback year, period, gap closed, coverage; 4 views
    assert any("C12/C16" in f for f in statements)  # coverage: final net recurring / gap
    bcr = [f for f in formulas if "nothing spent" in f]
    assert len(bcr) == 4  # one benefit-cost ratio per view
    assert "SUMPRODUCT(B9:C9,$B$6:$C$6)+SUMPRODUCT(B10:C10,$B$6:$C$6)" in bcr[0]
    assert "SUMPRODUCT(B11:C11,$B$6:$C$6)+SUMPRODUCT(B13:C13,$B$6:$C$6)" in bcr[0]
    # the total block's inputs add up the partners' cells (blocks are 17 rows apart)
    assert "SUM(B9,B26,B43)" in formulas
    assert '<pane xSplit="1" ySplit="5"' in sheet
    summary = files["xl/worksheets/sheet1.xml"]
    assert "'Three-way split'!C12" in summary  # net recurring saving, final year
    # cached results: Council A's net in 2017/18 is cached as the engine's 100/3
    assert re.search(r"<c r=\"C14\"[^>]*><f>C12-C13</f><v>33.33333333", sheet)
    uncached = read_zip(workbook_bytes(evaluate([three_way]), cached_values=False))
    assert re.search(r'<c r="C14"[^>]*><f>C12-C13</f><v></v>', uncached["xl/worksheets/sheet2.xml"])
    assert MONEY == "£#,##0.00;(£#,##0.00)"


def test_column_name() -> None:
    assert [column_name(c) for c in (0, 1, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_missing_xlsxwriter_exits_2(
    invoke: Invoke, three_way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    target = tmp_path / "out.xlsx"
    result = invoke("run", three_way, "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 2
    assert "pip install '.[xlsx]'" in result.stderr
    assert not target.exists()
    assert "Traceback" not in result.output


# ------------------------------------------------------------------------- with LibreOffice


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: cannot recalculate the workbook")
    return found


def convert(workbook: Path, profile: Path, recalculate: bool) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as LibreOffice computes it, by sheet name."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    if recalculate:
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD)
    out = workbook.parent / f"{workbook.stem}-csv"
    out.mkdir()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {}
    for path in out.glob("*.csv"):
        name = path.stem.removeprefix(f"{workbook.stem}-")
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[name] = list(csv.reader(handle))
    return sheets


def number(text: str) -> float:
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def read_option_sheet(rows: list[list[str]]) -> dict[str, dict[str, Any]]:
    """{view title: {series key: [year values], 'total:<key>': total, 'npv': ..., ...}}."""
    blocks: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    years = sum(1 for c in rows[4][1:] if "/" in c)  # the header's financial years
    for row in rows[7:]:
        label, cells = row[0], row[1:]
        if label and not any(cells):
            current = blocks.setdefault(label, {})
        elif current is not None and label in RISK_LABELS:
            key = RISK_LABELS[label]
            current[key] = [number(c) for c in cells[:years]]
            if key in FLOWS or key in ("risk_costs", "optimism_bias"):
                current[f"total:{key}"] = number(cells[years])
        elif current is not None and label == "NPV":
            current["npv"] = number(cells[0])
        elif current is not None and label == "Benefit-cost ratio":
            current["bcr"] = cells[0]
        elif current is not None and label in ("Payback year", "Payback period", "Gap closed in"):
            current[label] = cells[0]
        elif current is not None and label == "Coverage of final-year gap":
            given = cells[0] not in ("n/a", "no gap given") and not cells[0].startswith("gaps")
            current["coverage"] = number(cells[0]) if given else None
    return blocks


def read_summary(rows: list[list[str]], options: int) -> dict[str, dict[str, list[str]]]:
    blocks: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for row in rows[6:]:
        label, cells = row[0], row[1 : 1 + options]
        if label in COMPARE_ROWS and current is not None:
            current[label] = cells
        elif label:
            current = blocks.setdefault(label, {})
    return blocks


def assert_pennies(got: float, expected: float, what: object, slack: float = 0.005) -> None:
    assert abs(got - expected) <= slack + 1e-9, f"{what}: {got} != {expected}"


def check_against(
    sheets: dict[str, list[list[str]]],
    files: list[str],
    document: dict[str, Any],
) -> None:
    """Every figure of every view to the penny against the JSON: the workbook holds the
    engine's figures, and its formulas compute the same."""
    options = evaluate(files)
    names = sheet_names(options)
    assert set(sheets) == {"Summary", *names}
    for option, name, data in zip(options, names, document["options"], strict=True):
        blocks = read_option_sheet(sheets[name])
        slack = 0.005
        views = {**data["partners"], "total": data["total"]}
        for view in [*option.partners, option.total]:
            block = blocks[view_title(view)]
            expected = views[view.id]
            for key in [*LABELS.values(), "risk_costs", "optimism_bias"]:
                if key not in block:  # rows only options with a register or uplifts have
                    assert all(abs(x) < 0.005 for x in expected[key]), (name, key)
                    continue
                for t, got in enumerate(block[key]):
                    assert_pennies(got, expected[key][t], (name, view.id, key, t), slack)
            for total_key, source in (
                ("total_savings", "savings"),
                ("total_income", "income"),
                ("total_costs", "costs"),
                ("total_one_off_costs", "one_off_costs"),
                ("total_net", "net"),
            ):
                got = block[f"total:{source}"]
                assert_pennies(got, expected[total_key], (name, view.id, total_key), slack)
            assert_pennies(block["npv"], expected["npv"], (name, view.id, "npv"), slack)
            if expected["bcr"] is None:
                assert block["bcr"] == "nothing spent"
            else:  # shown to two decimals
                assert float(block["bcr"]) == pytest.approx(expected["bcr"], abs=0.005)
            if expected["coverage"] is None:
                assert block["coverage"] is None
            else:
                assert block["coverage"] == pytest.approx(expected["coverage"], abs=1e-4)
            words = {
                "not_within_horizon": "not within the horizon",
                "nothing_to_pay_back": "nothing to pay back",
            }
            payback = expected["payback_year"] or words[expected["payback_status"]]
            assert block["Payback year"] == payback
            if expected["payback_period"] is not None:
                got_period = float(block["Payback period"])
                assert got_period == pytest.approx(expected["payback_period"], abs=1e-9)
            if expected["gap_status"] == "no_gap":
                assert block["Gap closed in"] == "no gap given"
    summary = read_summary(sheets["Summary"], len(options))
    for view_id in ("ssdc", "total"):
        title = view_title(options[0].view(view_id))
        npvs = [number(x) for x in summary[title]["NPV"]]
        for option, got in zip(document["options"], npvs, strict=True):
            view = option["total"] if view_id == "total" else option["partners"][view_id]
            assert_pennies(got, view["npv"], (title, option["name"], "npv"))
        nets = [number(x) for x in summary[title]["Net over the horizon"]]
        for option, got in zip(document["options"], nets, strict=True):
            view = option["total"] if view_id == "total" else option["partners"][view_id]
            assert_pennies(got, view["total_net"], (title, option["name"], "net"))


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice")


@pytest.mark.parametrize("cached", [False, True], ids=["recalculated", "cached"])
def test_libreoffice_computes_the_json_figures(
    invoke: Invoke, tmp_path: Path, profiles: Path, cached: bool
) -> None:
    soffice()
    files = [*BUNDLED]
    document = json.loads(invoke("compare", *files, "--format", "json").stdout)
    workbook = tmp_path / "options.xlsx"
    workbook.write_bytes(workbook_bytes(evaluate(files), cached_values=cached))
    # without cached values only a recalculation gives figures; with them, a profile that
    # does not recalculate (the default) shows what bizcase cached
    profile = profiles / ("cached" if cached else "recalc")
    sheets = convert(workbook, profile, recalculate=not cached)
    check_against(sheets, files, document)


def test_libreoffice_three_way_split(
    invoke: Invoke, three_way: str, tmp_path: Path, profiles: Path
) -> None:
    soffice()
    files = [three_way, BUNDLED[0]]
    workbook = tmp_path / "split.xlsx"
    result = invoke("compare", *files, "--format", "xlsx", "--output", str(workbook))
    assert result.exit_code == 0, result.output
    workbook.write_bytes(workbook_bytes(evaluate(files), cached_values=False))
    sheets = convert(workbook, profiles / "split", recalculate=True)
    blocks = read_option_sheet(sheets["Three-way split"])
    council_a = blocks["Council A (a)"]
    # £100 a year and a £10 one-off shared three ways; a's gap £50; 10% a year:
    # savings 33.333..., net 33.333 - 3.333 = 30 then 33.333, cumulative 30 then 63.333,
    # remaining gap 50 - 33.333 = 16.667, npv 30 + 33.333/1.1 = 60.30
    third = 100 / 3
    assert council_a["savings"] == pytest.approx([third, third])
    assert council_a["net"] == pytest.approx([30.0, third])
    assert council_a["cumulative_net"] == pytest.approx([30.0, 30 + third])
    assert council_a["remaining_gap"] == pytest.approx([50 - third, 50 - third])
    assert council_a["npv"] == pytest.approx(30 + third / 1.1)
    total = blocks["Total, all partners"]
    assert total["savings"] == [100.0, 100.0]
    assert total["net"] == [90.0, 100.0]
    assert total["total:net"] == 190.0
    assert total["npv"] == pytest.approx(90 + 100 / 1.1)
    summary = read_summary(sheets["Summary"], 2)
    assert summary["Total, all partners"]["Payback year"][0] == "2016/17"


BIG = """\
    name: County-wide programme
    start: 2016/17
    years: 2
    partners:
      - {id: a, name: Council A}
      - {id: b, name: Council B}
    savings:
      - {name: Everything, annual: £2.5bn}
    """


def test_money_columns_fit_billions_and_sheets_print_landscape(write: Write) -> None:
    files = read_zip(workbook_bytes(evaluate([write("big.yaml", BIG)])))
    option = files["xl/worksheets/sheet2.xml"]
    # the widest figure shown is the total over two years, £5,000,000,000.00: 18 characters,
    # 20 with brackets; a column narrower than that shows ### in Excel
    widths = [float(w) for w in re.findall(r'<col min="2"[^>]*width="([0-9.]+)"', option)]
    assert widths and min(widths) >= len("(£5,000,000,000.00)") + 1
    assert 'orientation="landscape"' in option
    summary = files["xl/worksheets/sheet1.xml"]
    assert 'orientation="landscape"' in summary
    assert 'fitToWidth="1"' in summary or "fitToPage" in summary
    assert '<pageSetUpPr fitToPage="1"/>' in summary


STATEMENTS = """\
    name: Statements
    start: 2016/17
    years: 5
    discount_rate: 0%
    partners:
      - {id: a, name: Council A, budget_gap: {2019/20: £250k}}
      - {id: b, name: Council B}
    savings:
      - {name: Merged staff, annual: £3.1m, from: 2017/18, share: a}
      - {name: Late saving, annual: 300k, from: 2018/19, share: b}
    one_off_costs:
      - {name: Transition, amount: £6.8m, year: 2016/17, share: a}
    """


def test_libreoffice_computes_payback_and_gap_statements(
    write: Write, tmp_path: Path, profiles: Path
) -> None:
    # Council A: £6.8m one-off in 2016/17, £3.1m a year from 2017/18: cumulative -6.8,
    # -3.7, -0.6, +2.5 (£m): paid back in 2019/20, 3 + 0.6 / 3.1 = 3.19 years; its £250k gap
    # first appears in 2019/20 and is never short: closed from 2019/20; coverage 3.1m/250k.
    # Council B: no outlay, no gap. The total: gaps given for 1 of 2 partners.
    soffice()
    workbook = tmp_path / "statements.xlsx"
    workbook.write_bytes(
        workbook_bytes(evaluate([write("statements.yaml", STATEMENTS)]), cached_values=False)
    )
    blocks = read_option_sheet(convert(workbook, profiles / "statements", True)["Statements"])
    a, b, total = blocks["Council A (a)"], blocks["Council B (b)"], blocks["Total, all partners"]
    assert a["Payback year"] == "2019/20"
    assert float(a["Payback period"]) == pytest.approx(3 + 0.6 / 3.1, abs=1e-9)
    assert a["Gap closed in"] == "2019/20"
    assert a["coverage"] == pytest.approx(3_100_000 / 250_000)
    assert (b["Payback year"], b["Payback period"]) == ("nothing to pay back",) * 2
    assert (b["Gap closed in"], b["coverage"]) == ("no gap given", None)
    assert total["Gap closed in"] == "gaps given for 1 of 2 partners"


RISKY = """\
name: Risky merger
kind: joint
start: 2016/17
years: 3
discount_rate: 10%
partners: [{id: ssdc, name: South Somerset}, {id: sdc, name: Sedgemoor}]
savings:
  - {name: Shared management, annual: £600k}
one_off_costs:
  - {name: Redundancy, amount: £500k, year: 2016/17}
risks:
  - {name: Pension strain, probability: 30%, impact: £700k, year: 2017/18}
  - {name: Licence overlap, probability: 50%, annual: £40k, from: 2017/18}
"""


def test_libreoffice_computes_a_risk_register(
    invoke: Invoke, write: Write, tmp_path: Path, profiles: Path
) -> None:
    """Risk costs are a row of their own; net, NPV, the benefit-cost ratio and payback
    follow them in LibreOffice's recalculation as in the engine. Cumulative net: 100,000,
    then 100,000 + 600,000 - 210,000 - 20,000 = 470,000: paid back in 2016/17; with the
    pension strain at £700k the figures still agree to the penny."""
    soffice()
    files = [write("risky.yaml", RISKY)]
    document = json.loads(invoke("compare", *files, "--format", "json").stdout)
    total = document["options"][0]["total"]
    assert total["risk_costs"] == [0.0, 230_000.0, 20_000.0]  # 30% x 700k + 50% x 40k
    workbook = tmp_path / "risky.xlsx"
    workbook.write_bytes(workbook_bytes(evaluate(files), cached_values=False))
    sheets = convert(workbook, profiles / "recalc", recalculate=True)
    check_against(sheets, files, document)
    blocks = read_option_sheet(sheets[sheet_names(evaluate(files))[0]])
    assert blocks["Total, all partners"]["risk_costs"] == [0.0, 230_000.0, 20_000.0]
