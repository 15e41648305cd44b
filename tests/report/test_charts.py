"""Charts: every kind renders for the bundled scenarios, as real PNG (and SVG) files."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from bizcase.appraisal.option import open_options
from bizcase.engine.plan import compile_plan
from bizcase.render import charts
from bizcase.results.simulation import FAN_PERCENTILES
from bizcase.risk.fan import cumulative_fan
from bizcase.risk.sampler import risk_model
from bizcase.risk.sensitivity import sensitivity
from bizcase.risk.simulate import simulate
from tests.conftest import Invoke
from tests.report.conftest import ALLIANCE, JOINT, PIONEER, SOLO

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_axis_money_reads_like_a_committee_paper() -> None:
    assert charts.axis_money(0) == "£0"
    assert charts.axis_money(1_200_000) == "£1.2m"
    assert charts.axis_money(1_250_000) == "£1.25m"
    assert charts.axis_money(2_000_000) == "£2m"
    assert charts.axis_money(350_000) == "£350k"
    assert charts.axis_money(-500_000) == "-£500k"
    assert charts.axis_money(2.5e9) == "£2.5bn"
    assert charts.axis_money(13) == "£13"


@pytest.mark.parametrize("files", [[JOINT, SOLO, ALLIANCE], [PIONEER], [SOLO]])
def test_gap_cumulative_and_overview_render(files: list[str]) -> None:
    options = [item.result for item in open_options(files)[0]]
    view = options[0].partner_ids[0]
    for data in (
        charts.gap_chart(options, view),
        charts.cumulative_chart(options, view),
        charts.overview_chart(options, [view, "total"]),
    ):
        width, height = png_size(data)
        assert width >= 600 and height >= 400
        assert len(data) > 20_000
    overview = png_size(charts.overview_chart(options, [view]))
    assert overview[0] > overview[1]  # side by side


def test_one_row_per_view() -> None:
    options = [item.result for item in open_options([JOINT, ALLIANCE])[0]]
    one = png_size(charts.overview_chart(options, ["ssdc"]))
    two = png_size(charts.overview_chart(options, ["ssdc", "sdc"]))
    assert two[0] == one[0] and two[1] > 1.8 * one[1]


@pytest.mark.parametrize("file", [JOINT, SOLO, ALLIANCE, PIONEER])
def test_tornado_renders_for_each_bundled_scenario(file: str) -> None:
    [item], _ = open_options([file])
    scenario = item.scenario
    result = sensitivity(scenario, compile_plan(scenario), "npv", None, 0.2, 0.24)
    data = charts.tornado_chart([(scenario.name, result)])
    width, height = png_size(data)
    assert width >= 1200 and height >= 400


def test_fan_percentiles_agree_with_simulate(risky: str) -> None:
    [item], _ = open_options([risky])
    scenario = item.scenario
    plan = compile_plan(scenario)
    model = risk_model(scenario)
    fan = cumulative_fan(plan, model, 3000, 7, "north")
    # Same chunks, same seeds: the final year's spread is simulate's net over the horizon.
    summary = simulate(plan, model, 3000, 7, ["north"], jobs=1).views["north"]
    for p in (5, 50, 95):
        assert fan.percentiles[p][-1] == pytest.approx(summary.total_net.percentiles[p])
    assert fan.p_payback == pytest.approx(summary.p_payback)
    assert fan.as_written == item.result.view("north").series["cumulative_net"]
    for year in range(len(fan.years)):
        column = [fan.percentiles[p][year] for p in FAN_PERCENTILES]
        assert column == sorted(column)
    png_size(charts.fan_chart([("North", fan)]))


def test_fan_of_a_certain_scenario_is_the_option_as_written() -> None:
    [item], _ = open_options([JOINT])
    scenario = item.scenario
    fan = cumulative_fan(compile_plan(scenario), risk_model(scenario), 10, 0, "ssdc")
    for p in FAN_PERCENTILES:
        assert fan.percentiles[p] == pytest.approx(fan.as_written)


def test_svg_output() -> None:
    options = [item.result for item in open_options([JOINT, SOLO])[0]]
    svg = charts.gap_chart(options, "ssdc", "svg")
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert charts.gap_chart(options, "ssdc", "svg") == svg  # reproducible


def test_chart_command_writes_each_kind(invoke: Invoke, tmp_path: Path, risky: str) -> None:
    for kind, files in (
        (None, [JOINT, SOLO, ALLIANCE]),
        ("gap", [JOINT, SOLO]),
        ("cumulative", [JOINT]),
        ("tornado", [JOINT, SOLO]),
        ("fan", [risky]),
    ):
        out = tmp_path / f"{kind}.png"
        args = ["chart", *files, "--output", str(out), "--draws", "500"]
        if kind:
            args += ["--kind", kind]
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        png_size(out.read_bytes())
    svg = tmp_path / "chart.svg"
    assert invoke("chart", JOINT, "-o", str(svg), "--partner", "total").exit_code == 0
    assert b"<svg" in svg.read_bytes()


def test_chart_command_refuses_bad_output(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("chart", JOINT, "--output", str(tmp_path / "chart.pdf"))
    assert result.exit_code == 2
    assert ".png or .svg" in result.stderr
    result = invoke("chart", JOINT, "--output", JOINT.replace(".yaml", ".png"), "-p", "nope")
    assert result.exit_code == 2
    assert "not a partner" in result.stderr
    assert invoke("chart", JOINT).exit_code == 2  # --output is required


def test_chart_command_without_matplotlib(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "charts_available", lambda: False)
    result = invoke("chart", JOINT, "--output", str(tmp_path / "c.png"))
    assert result.exit_code == 2
    assert "pip install '.[charts]'" in result.stderr
    assert not (tmp_path / "c.png").exists()


def test_help_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from bizcase.cli import app\n"
        "for args in (['--help'], ['chart', '--help'], ['report', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_tornado_legend_tells_a_delay_from_optimism_bias() -> None:
    from matplotlib.figure import Figure

    [item], _ = open_options([JOINT])
    scenario = item.scenario
    result = sensitivity(scenario, compile_plan(scenario), "npv", None, 0.2, 0.24)
    ax = Figure().subplots()
    charts.draw_tornado(ax, result, "NPV", top=30)
    labels = set(ax.get_legend_handles_labels()[1])
    assert {"A year late", "Optimism bias"} <= labels
    assert "A year late / optimism bias" not in labels
