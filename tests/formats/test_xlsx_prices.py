"""A workbook with price indices, funding and reserves, recalculated by LibreOffice: its
formulas (cash = base x index, NPV over the deflator, the reserves' running balance)
compute the JSON figures to the penny."""

from __future__ import annotations

import json
from pathlib import Path

from bizcase.render.labels import FUNDING_ROWS, view_title
from bizcase.render.xlsx_out import sheet_names, workbook_bytes
from tests.formats.test_xlsx import (
    RISK_LABELS,
    assert_pennies,
    convert,
    evaluate,
    number,
    read_option_sheet,
    soffice,
)

HERE = Path(__file__).parent
FILE = str(HERE / "prices_funded.yaml")
FUNDING_LABELS = {label: key for key, label in FUNDING_ROWS}


def test_libreoffice_computes_cash_real_npv_and_reserves(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    soffice()
    document = json.loads(invoke("run", FILE, "--format", "json").stdout)
    option = document["options"][0]
    workbook = tmp_path / "prices.xlsx"
    results = evaluate([FILE])
    workbook.write_bytes(workbook_bytes(results, cached_values=False))
    sheets = convert(workbook, tmp_path / "profile", recalculate=True)
    rows = sheets[sheet_names(results)[0]]
    blocks = read_option_sheet(rows)
    funding = _funding_rows(rows)
    views = {**option["partners"], "total": option["total"]}
    for view in results[0].views:
        title = view_title(view)
        expected = views[view.id]
        for key in [*RISK_LABELS.values()]:
            if key in blocks[title]:
                for t, got in enumerate(blocks[title][key]):
                    assert_pennies(got, expected[key][t], (view.id, key, t))
        assert_pennies(blocks[title]["npv"], expected["npv"], (view.id, "npv"))
        for key, got_row in funding[title].items():
            want = expected[key]
            for t, got in enumerate(got_row):
                assert_pennies(got, want[t], (view.id, key, t))
    # The total's reserves are followed (both partners give them): 4 years of balances.
    assert len(funding["Total, all partners"]["reserves"]) == 4


def _funding_rows(rows: list[list[str]]) -> dict[str, dict[str, list[float]]]:
    years = sum(1 for c in rows[4][1:] if "/" in c)
    found: dict[str, dict[str, list[float]]] = {}
    current: dict[str, list[float]] | None = None
    for row in rows[7:]:
        label, cells = row[0], row[1:]
        if label and not any(cells):
            current = found.setdefault(label, {})
        elif current is not None and label in FUNDING_LABELS:
            current[FUNDING_LABELS[label]] = [number(c) for c in cells[:years]]
    return found


def test_the_summary_compares_the_reserves(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Summary has the optional rows compare shows: "Reserves, lowest" as MIN of the
    option sheet's reserves row, recalculated by LibreOffice to the JSON's figure."""
    soffice()
    solo = str(HERE.parents[1] / "scenarios" / "ssdc-solo.yaml")
    document = json.loads(invoke("compare", FILE, solo, "--format", "json").stdout)
    results = evaluate([FILE, solo])
    workbook = tmp_path / "summary.xlsx"
    workbook.write_bytes(workbook_bytes(results, cached_values=False))
    sheets = convert(workbook, tmp_path / "profile", recalculate=True)
    # no partner in common: the totals are compared
    rows = {row[0]: row[1:3] for row in sheets["Summary"] if row and row[0]}
    total = document["options"][0]["total"]
    assert_pennies(number(rows["Reserves, lowest"][0]), total["reserves_lowest"], "lowest")
    assert total["reserves_breach_year"] is None
    assert rows["Reserves below minimum in"][0] == "never"
    assert rows["Reserves, lowest"][1] == "no reserves given"  # the solo option
