"""The committee report: every section, the right figures (checked by hand from the
bundled scenarios), escaping of names from files, and the Markdown variant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bizcase.appraisal.option import open_options
from bizcase.render import charts
from bizcase.render.report import md_escape, report_html, report_markdown
from tests.conftest import Invoke
from tests.report.conftest import ALLIANCE, JOINT, PIONEER, SOLO, appraised_report

SECTIONS = (
    "Options considered",
    "Financial implications",
    "Comparison of options",
    "Sensitivity and switching values",
    "Assumptions",
)
needs_matplotlib = pytest.mark.skipif(not charts.charts_available(), reason="no matplotlib")


@pytest.fixture(scope="module")
def ssdc_html() -> str:
    evaluated, _ = open_options([JOINT, SOLO, ALLIANCE])
    return report_html(appraised_report(evaluated))


def text_of(page: str) -> str:
    """The page's words, tags dropped and entities left as they are."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_every_section_in_order(ssdc_html: str) -> None:
    headings = re.findall(r"<h2>(\d+)\. ([^<]+)</h2>", ssdc_html)
    assert headings == [(str(n), title) for n, title in enumerate(SECTIONS, start=1)]
    assert ssdc_html.startswith("<!DOCTYPE html>")
    assert "@media print" in ssdc_html


def test_implications_in_words_match_the_figures(ssdc_html: str) -> None:
    words = text_of(ssdc_html)
    # Joint: SSDC's 48% of a £2.5m pot in 2020/21; gap £4.1m from 2019/20; one-off costs
    # with optimism bias £1.5m x 1.1 + £0.6m + £0.4m x 1.2 = £2.73m, 48% of it £1,310,400
    # (540,000, 612,000, 158,400); savings 192,000, 540,000, 792,000, 1,044,000, 1,200,000;
    # cumulative net -348,000, -420,000, then +213,600.
    # Payback period: 2 + (158,400 one-off + 420,000 still to recover) / 792,000 = 2.73.
    assert (
        "The Joint Authority (SSDC and SDC) option gives South Somerset District Council "
        "£1.20m a year by 2020/21 against a budget gap of £4.10m, leaving £2.90m; its "
        "one-off costs of £1.31m (48% of £2.73m, shared South Somerset 48%, Sedgemoor 52%) "
        "are paid back by 2018/19, 2.7 years from the start of 2016/17." in words
    )
    # net 3,768,000 - 1,310,400 = 2,457,600; NPV 2,268,679.59 before the uplift, less
    # 36,000 + 60,000 / 1.035 + 14,400 / 1.035^2 = 107,413.57: 2,161,266.02
    assert "its net (cash) is £2.46m and its net present value £2.16m" in words
    # Solo: £4.2m a year against £4.1m; 2017/18 savings £2.26m against a £2.2m gap.
    # Payback: cumulative -600,000 after 2016/17; in 2017/18 a £1.6m one-off at the start,
    # then £2.26m through the year: 1 + (1.6m + 0.6m) / 2.26m = 1.97 years.
    assert (
        "gives South Somerset District Council £4.20m a year by 2020/21 against a budget gap "
        "of £4.10m, closing it from 2017/18, with £100,000 a year to spare; its one-off "
        "costs of £4.00m are paid back by 2017/18, 2.0 years from the start of 2016/17." in words
    )
    # Alliance: its £60k one-off cost falls in 2017/18, after savings have built up.
    assert (
        "one-off costs of £30,000 (50% of £60,000, shared South Somerset 50%, Sedgemoor 50%)"
        in words
    )
    assert "are met as they fall: its cumulative net is never below zero" in words
    assert (
        "Only Solo transformation (SSDC) closes the budget gap of South Somerset District "
        "Council by the final year." in words
    )


def test_comparison_and_year_by_year_tables(ssdc_html: str) -> None:
    assert "Comparison of options: South Somerset District Council" in ssdc_html
    row = re.search(
        r"<tr class=\"strong\"><th scope=\"row\" class=\"left\">NPV</th>(.*?)</tr>", ssdc_html
    )
    assert row is not None
    assert re.findall(r">([^<]+)</td>", row.group(1)) == ["£2.16m", "£9.95m", "£655,772"]
    remaining = re.search(r">Remaining gap, final year</th>(.*?)</tr>", ssdc_html)
    assert remaining is not None
    assert re.findall(r">([^<]+)</td>", remaining.group(1)) == ["£2.90m", "(£100,000)", "£3.88m"]
    assert "Year by year: South Somerset District Council" in ssdc_html
    # Joint, SSDC, cumulative net by year -348,000, -420,000, 213,600, 1,257,600, 2,457,600:
    # one unit across the row (£m, to two decimals) so the row adds up as displayed
    cumulative = re.findall(
        r">Cumulative net</td>((?:<td[^>]*>[^<]*</td>)+)</tr>", ssdc_html.replace("\n", "")
    )[0]
    assert re.findall(r">([^<]+)</td>", cumulative) == [
        "(£0.35m)",
        "(£0.42m)",
        "£0.21m",
        "£1.26m",
        "£2.46m",
    ]
    assert ">Income</td>" in ssdc_html and ">Recurring costs</td>" in ssdc_html


def test_risk_and_assumptions(ssdc_html: str) -> None:
    words = text_of(ssdc_html)
    assert "Sensitivity of NPV: Joint Authority (SSDC and SDC): South Somerset District" in words
    assert "It is most sensitive to saving \u2018Shared senior management team\u2019" in words
    assert "Switching values: Solo transformation (SSDC): South Somerset District Council" in words
    assert "NPV negative at" in words
    assert "budget gap 2016/17 £1.20m, 2017/18 £2.20m, 2018/19 £3.20m, 2019/20 £4.10m" in words
    assert "Saving: Integrated service teams" in words
    assert "from 2017/18; build-up 25%, 50%, 75%" in words
    assert "ssdc 48%, sdc 52%" in words


@needs_matplotlib
def test_html_is_self_contained(ssdc_html: str) -> None:
    # One overview for SSDC, one tornado per option.
    assert ssdc_html.count('src="data:image/png;base64,') == 4
    assert "<script" not in ssdc_html and "<link" not in ssdc_html
    assert not re.search(r"(src|href)=\"(https?:)?//", ssdc_html)
    assert "url(" not in ssdc_html


def test_names_from_files_are_escaped(risky: str) -> None:
    evaluated, _ = open_options([risky])
    page = report_html(appraised_report(evaluated, charts=False))
    assert "<draft>" not in page and "<Council>" not in page and "<MTFS>" not in page
    assert "North &amp; West &lt;draft&gt; option" in page
    assert "North &lt;Council&gt; &amp; Co" in page
    assert "Savings from the &lt;senior team&gt; &amp; integrated teams are uncertain" in page
    assert "From the &lt;2015&gt; structure chart &amp; pay scales" in page
    assert "Gap from the &lt;MTFS&gt; &amp; the 2016 budget" in page
    assert "Merge the &lt;back office&gt; &amp; share &quot;everything&quot;." in page
    # Its uncertainties are simulated for the report.
    assert "Simulation (2,000 cases, seed 0)" in page
    assert "range -30% to +10%" in page


def test_markdown_report(risky: str) -> None:
    evaluated, _ = open_options([JOINT, risky])
    report = appraised_report(evaluated, "total")
    text, files = report_markdown(report, "paper")
    for number, title in enumerate(SECTIONS, start=1):
        assert f"\n## {number}. {title}\n" in text
    assert "North &amp; West &lt;draft&gt; option" in text
    assert "Source: budget book 2015/16 \\| page 4" in text
    assert "| NPV" in text or "| **NPV**" in text
    for name in files:
        assert name.startswith("paper-") and name.endswith(".png")
        assert f"]({name})" in text
    if charts.charts_available():
        assert "paper-overview-total.png" in files
        assert "paper-fan-2-total.png" in files


def test_md_escape() -> None:
    assert md_escape("a_b *c* [d] <e> & f|g") == r"a\_b \*c\* \[d\] &lt;e&gt; &amp; f\|g"
    assert md_escape("x|y", pipe=False) == "x|y"


@needs_matplotlib
def test_report_command_html_and_md(invoke: Invoke, tmp_path: Path) -> None:
    html_out = tmp_path / "report.html"
    result = invoke("report", JOINT, SOLO, "--output", str(html_out))
    assert result.exit_code == 0, result.output
    assert "Financial implications" in html_out.read_text(encoding="utf-8")
    md_out = tmp_path / "paper.md"
    result = invoke("report", JOINT, SOLO, "--output", str(md_out), "--no-risk")
    assert result.exit_code == 0, result.output
    text = md_out.read_text(encoding="utf-8")
    assert "Sensitivity and switching values" not in text
    assert (tmp_path / "paper-overview-ssdc.png").read_bytes()[:4] == b"\x89PNG"
    assert "![" in text and "(paper-overview-ssdc.png)" in text


def test_report_command_without_matplotlib(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "charts_available", lambda: False)
    out = tmp_path / "report.html"
    result = invoke("report", JOINT, "--output", str(out), "--no-risk")
    assert result.exit_code == 0, result.output
    assert "matplotlib is not installed" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "matplotlib is not installed" in page
    assert "data:image/png" not in page


def test_report_command_bad_input(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("report", JOINT, "-o", str(tmp_path / "r.pdf")).exit_code == 2
    result = invoke("report", JOINT, SOLO, "-o", str(tmp_path / "r.html"), "-p", "sdc")
    assert result.exit_code == 2
    assert "not a partner" in result.stderr
    result = invoke("report", JOINT, "-o", JOINT)
    assert result.exit_code == 2


def test_many_partners_without_gaps() -> None:
    evaluated, _ = open_options([PIONEER])
    page = report_html(appraised_report(evaluated, "tdbc", charts=False))
    words = text_of(page)
    assert "Taunton Deane Borough Council" in words
    # §6.1: Taunton Deane's £13,400 is drawn from reserves
    assert "(no budget gap is given); its one-off costs of £13,400" in words
    assert "Its one-off costs are funded £13,400 from reserves." in words


def test_a_scenario_without_uncertainty_says_so_instead_of_a_fan(ssdc_html: str) -> None:
    # none of the bundled options gives an `uncertainty` or a `delay`
    words = text_of(ssdc_html)
    assert "No simulation: the scenario gives no" in words
    assert "simulated cases" not in words
    assert "Fan chart" not in ssdc_html


def test_title_block_and_citable_paragraph_numbers(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke(
        "report", JOINT, SOLO, "--no-risk", "-o", str(out),
        "--title", "Joint working: financial case", "--author", "Chief Finance Officer",
        "--date", "1 March 2016",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<h1>Joint working: financial case</h1>" in page
    assert '<p class="byline">Prepared by Chief Finance Officer · 1 March 2016</p>' in page
    # body paragraphs numbered within their section, 1.1 then 2.1, 2.2, ...
    numbers = re.findall(r'<span class="para">([0-9.]+)</span>', page)
    assert numbers[:3] == ["1.1", "2.1", "2.2"]
    assert len(numbers) == len(set(numbers))
    assert "counter(page)" in page  # page numbers when printed
    md = tmp_path / "report.md"
    assert (
        invoke("report", JOINT, "--no-risk", "-o", str(md), "--date", "1 March 2016").exit_code == 0
    )
    text = md.read_text(encoding="utf-8")
    assert "*1 March 2016*" in text
    assert "\n2.1 The Joint Authority" in text


def test_headings_name_councils_not_ids(ssdc_html: str) -> None:
    headings = re.findall(r"<h3>([^<]*)</h3>", ssdc_html)
    assert "For South Somerset District Council" in headings
    assert not any("(ssdc)" in heading or "(sdc)" in heading for heading in headings)
