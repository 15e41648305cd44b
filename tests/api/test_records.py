"""The long form (option, view, series, year, value) as records and as a DataFrame, and
the HTML a notebook shows."""

from __future__ import annotations

import json
import sys

import pytest

import bizcase
from bizcase.api.tidy import COLUMNS
from bizcase.results.option import SERIES
from tests.api.samples import SMALL
from tests.conftest import Invoke


def test_records_are_one_per_view_series_and_year() -> None:
    result = bizcase.load("scenarios/ssdc-sdc-joint.yaml").run()
    records = result.to_records()
    assert len(records) == 3 * len(SERIES) * 5  # ssdc, sdc, total; five years
    assert all(tuple(record) == COLUMNS for record in records)
    assert records[0] == {"option": result.name, "view": "ssdc", "series": "savings",
                          "year": 2016, "value": 192_000.0}  # fmt: skip
    assert [r["view"] for r in records[:: len(SERIES) * 5]] == ["ssdc", "sdc", "total"]
    assert {type(r["year"]) for r in records} == {int}


def test_record_values_are_the_json_values(invoke: Invoke) -> None:
    file = "scenarios/pioneer-somerset.yaml"
    document = json.loads(invoke("run", file, "--format", "json").stdout)["options"][0]
    years = [int(text[:4]) for text in document["years"]]
    for record in bizcase.run(file).to_records():
        view = document["total"] if record["view"] == "total" else \
            document["partners"][record["view"]]  # fmt: skip
        assert view[record["series"]][years.index(record["year"])] == record["value"]


def test_records_of_chosen_views() -> None:
    result = bizcase.run("scenarios/ssdc-sdc-joint.yaml")
    assert {r["view"] for r in result.to_records(["total"])} == {"total"}


def test_reserves_are_a_series_where_they_are_followed() -> None:
    text = SMALL.replace(
        "partners: [{id: north, name: North Council}]",
        "partners: [{id: north, name: North Council, reserves: {opening: £1m, minimum: £0.5m}}]",
    )
    records = bizcase.loads(text).run().to_records(["north"])
    reserves = [r["value"] for r in records if r["series"] == "reserves"]
    assert len(reserves) == 3
    assert "reserves" not in {r["series"] for r in bizcase.loads(SMALL).run().to_records()}


def test_a_comparison_gives_the_views_compared_of_each_option() -> None:
    both = bizcase.compare(["scenarios/ssdc-sdc-joint.yaml", "scenarios/ssdc-solo.yaml"])
    records = both.to_records()
    assert {(r["option"], r["view"]) for r in records} == {
        ("Joint Authority (SSDC and SDC)", "ssdc"),
        ("Solo transformation (SSDC)", "ssdc"),
    }
    assert both.result("scenarios/ssdc-solo.yaml").name == "Solo transformation (SSDC)"


def test_to_frame_is_the_records_as_a_dataframe() -> None:
    pandas = pytest.importorskip("pandas")
    result = bizcase.loads(SMALL).run()
    frame = result.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.to_dict("records") == result.to_records()
    net = frame[(frame.view == "north") & (frame.series == "net")]
    assert net.set_index("year")["value"].to_dict() == {2024: -50_000, 2025: 100_000,
                                                        2026: 100_000}  # fmt: skip
    assert len(bizcase.compare([result_file := "scenarios/ssdc-solo.yaml"]).to_frame()) == len(
        bizcase.run(result_file).to_records(["ssdc"])
    )


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(bizcase.MissingExtra) as caught:
        bizcase.loads(SMALL).run().to_frame()
    assert "pip install 'bizcase[pandas]'" in str(caught.value)


def test_html_for_a_notebook() -> None:
    text = SMALL.replace("North Council", "North & <South>")
    html = bizcase.loads(text).run()._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert "North &amp; &lt;South&gt; (north)" in html
    assert '<td style="text-align:right">£123,554</td>' in html  # NPV
    assert "2025/26" in html  # the payback year, as the contract writes it
    both = bizcase.compare(["scenarios/ssdc-sdc-joint.yaml", "scenarios/ssdc-solo.yaml"])
    assert both._repr_html_().count("<th>") >= 3


def test_reprs_are_short() -> None:
    option = bizcase.loads(SMALL, name="legal.yaml")
    assert repr(option) == "<bizcase.Option 'Shared legal service' from legal.yaml>"
    assert repr(option.run()) == (
        "<bizcase.Result 'Shared legal service' from legal.yaml: views north, total>"
    )
