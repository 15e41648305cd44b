"""`bizcase diff` on files: a saving raised by £100k, its effect on the figures worked by
hand, the inputs that changed, `--fail-on` either side of its threshold, and bad input.

HAND: the bundled solo option's first saving, £2.5m a year with a ramp of 20%, 50%, 80%
then 100% (five years from 2016/17, Green Book 3.5%, discounting from the second year).
Raised to £2.6m it saves £100k x (0.2, 0.5, 0.8, 1, 1) more: £350k over the horizon and
100,000 x (0.2 + 0.5/1.035 + 0.8/1.035^2 + 1/1.035^3 + 1/1.035^4) = £320,328.53 of NPV.
Its final-year remaining gap, (£100k) with £4.2m of savings against £4.1m, becomes (£200k).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.diff.conftest import REPO, edit

NPV_CHANGE = 100_000 * (0.2 + 0.5 / 1.035 + 0.8 / 1.035**2 + 1 / 1.035**3 + 1 / 1.035**4)

HAND = """\
name: Hand-worked
start: 2016/17
years: 3
partners:
  - id: a
    name: Council A
    budget_gap: £80k
savings:
  - name: Saving
    annual: £100k
one_off_costs:
  - name: Set-up
    amount: £150k
    year: 2016/17
"""


@pytest.fixture
def versions(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    shutil.copy(REPO / "scenarios" / "ssdc-solo.yaml", old)
    shutil.copy(old, new)
    edit(new, "annual: £2.5m", "annual: £2.6m")
    return str(old), str(new)


def diff_json(invoke: Invoke, *args: str) -> dict:
    result = invoke("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_saving_raised_by_100k(invoke: Invoke, versions: tuple[str, str]) -> None:
    found = diff_json(invoke, *versions)
    assert found["inputs"] == [
        {"path": "savings[0].annual", "change": "changed", "old": "£2.5m", "new": "£2.6m"}
    ]
    assert list(found["views"]) == ["ssdc"]  # one partner: the total would repeat it
    figures = found["views"]["ssdc"]["figures"]
    assert figures["npv"]["change"] == pytest.approx(NPV_CHANGE, abs=0.01)
    assert figures["total_net"]["change"] == pytest.approx(350_000)
    assert figures["savings"]["old"] == 4_200_000
    assert figures["savings"]["percent_change"] == pytest.approx(100_000 / 4_200_000)
    assert (figures["remaining_gap"]["old"], figures["remaining_gap"]["new"]) == (
        -100_000,
        -200_000,
    )
    assert figures["remaining_gap"]["percent_change"] == pytest.approx(-1.0)
    assert figures["payback_year"] == {
        "old": "2017/18", "new": "2017/18", "change": 0, "percent_change": None
    }  # fmt: skip
    assert found["fail_on"] == {"failed": False, "conditions": []}


def test_the_npv_change_is_that_of_run_json(invoke: Invoke, versions: tuple[str, str]) -> None:
    npvs = []
    for file in versions:
        ran = invoke("run", file, "--format", "json")
        npvs.append(json.loads(ran.stdout)["options"][0]["partners"]["ssdc"]["npv"])
    figures = diff_json(invoke, *versions)["views"]["ssdc"]["figures"]
    assert figures["npv"]["old"] == npvs[0]
    assert figures["npv"]["change"] == pytest.approx(npvs[1] - npvs[0], abs=1e-4)


@pytest.mark.parametrize(
    ("condition", "status"),
    [
        ("npv > £320k", 1),  # +£320,328.53
        ("npv > £321k", 0),
        ("npv > 3.2%", 1),  # of £9.95m: +3.22%
        ("npv > 3.3%", 0),
        ("npv < -5%", 0),
        ("ssdc.remaining_gap < -£99k", 1),  # -£100k
        ("remaining_gap < -£100k", 0),
        ("total_net == £350k", 1),
        ("payback_year > 0", 0),
        ("coverage > 2%", 1),  # 102.44% -> 104.88%: +2.44 points
        ("coverage > 2.5%", 0),
    ],
)
def test_fail_on_either_side_of_its_threshold(
    invoke: Invoke, versions: tuple[str, str], condition: str, status: int
) -> None:
    result = invoke("diff", *versions, "--fail-on", condition, "--format", "json")
    assert result.exit_code == status, result.output
    [check] = json.loads(result.stdout)["fail_on"]["conditions"]
    assert check["held"] is bool(status)


def test_payback_lost_is_a_later_payback(invoke: Invoke, write) -> None:
    old = write("old.yaml", HAND)
    new = write("new.yaml", HAND.replace("£150k", "£400k"))  # -300k, -200k, -100k: never
    result = invoke("diff", old, new, "--format", "md", "--fail-on", "payback_year > 5")
    assert result.exit_code == 1, result.output
    assert "Payback: 2017/18 → never (no longer within the horizon)." in result.stdout
    back = invoke("diff", new, old, "--fail-on", "payback_year > 0")
    assert back.exit_code == 0, back.output


def md_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_markdown_for_a_pull_request(invoke: Invoke, versions: tuple[str, str]) -> None:
    result = invoke("diff", *versions, "--format", "md", "--fail-on", "npv < -5%")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("### bizcase diff: Solo transformation (SSDC)\n")
    rows = md_rows(text)
    assert ["**NPV**", "£9.95m", "£10.27m", "+£320,329", "+3.2%"] in rows
    assert ["`savings[0].annual`", "changed", "£2.5m", "£2.6m"] in rows
    assert ["npv &lt; -5%", "total", "-5.0%", "+3.2%", "does not hold"] in rows
    assert "✅ No --fail-on condition held (1 tested)." in text


def test_items_are_matched_by_name_not_position(invoke: Invoke, write) -> None:
    added = HAND.replace("savings:\n", "savings:\n  - name: New\n    annual: £5k\n")
    found = diff_json(invoke, write("old.yaml", HAND), write("new.yaml", added))
    assert found["inputs"] == [
        {"path": "savings[0]", "change": "added", "old": None,
         "new": {"name": "New", "annual": "£5k"}}
    ]  # fmt: skip
    back = diff_json(invoke, write("new2.yaml", added), write("old2.yaml", HAND))
    assert [(c["path"], c["change"]) for c in back["inputs"]] == [("savings[0]", "removed")]


def test_partners_in_common_and_the_total(invoke: Invoke) -> None:
    solo, joint = (str(REPO / "scenarios" / n) for n in ("ssdc-solo.yaml", "ssdc-sdc-joint.yaml"))
    found = diff_json(invoke, solo, joint)
    assert list(found["views"]) == ["ssdc", "total"]
    assert found["views"]["ssdc"]["figures"]["gap_closed_year"] == {
        "old": "2017/18", "new": None, "change": None, "percent_change": None
    }  # fmt: skip
    assert diff_json(invoke, solo, joint, "--partner", "total")["views"].keys() == {"total"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["missing.yaml"], "missing.yaml: no such file"),
        (["--fail-on", "npv <"], "--fail-on: 'npv <': no value after '<'"),
        (["--fail-on", "p_payback > 0"], "p_payback needs a simulation"),
        (["--fail-on", "gap_status == closed"], "gap_status is a word"),
        (["--fail-on", "payback_year > 5%"], "a number of years, such as 1, not a %"),
        (["--fail-on", "sdc.npv > 0"], "'sdc' is not a partner of"),
        (["--partner", "sdc"], "--partner sdc: not a partner of this option"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    invoke: Invoke, versions: tuple[str, str], args: list[str], said: str
) -> None:
    files = list(versions)
    if args[0].endswith(".yaml"):
        files[0], args = args[0], args[1:]
    result = invoke("diff", *files, *args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_output_is_never_written_over_an_input(invoke: Invoke, versions: tuple[str, str]) -> None:
    before = Path(versions[1]).read_bytes()
    result = invoke("diff", *versions, "--format", "md", "--output", versions[1])
    assert result.exit_code == 2
    assert "is an input file" in result.stderr
    assert Path(versions[1]).read_bytes() == before
