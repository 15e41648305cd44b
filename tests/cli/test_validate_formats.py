"""`validate --format github` (workflow commands that put each problem on its line of the
pull request) and `--format json` (the problems as data), for a file with several problems,
a warning and a valid file."""

from __future__ import annotations

import json

from tests.conftest import Invoke

BAD = """\
name: "North, West: 100%"
start: 2016/17
years: 3
partners:
  - id: a
    name: A
savings:
  - name: S
    annual: lots
  - name: T
    annual: £1k
    confidence: 150%
"""

GOOD = """\
name: Good
start: 2016/17
years: 3
partners:
  - id: a
    name: A
savings:
  - name: S
    annual: £1k
"""


def test_github_annotations(invoke: Invoke, write) -> None:
    bad, good = write("bad.yaml", BAD), write("good.yaml", GOOD)
    result = invoke("validate", "--format", "github", bad, good)
    assert result.exit_code == 2
    # GitHub unescapes %25 to %, %3A to : and %2C to , (runner's workflow-command rules).
    where = bad.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines() == [
        f"::error file={where},line=9,col=13::savings[0].annual: 'lots' is not an amount of "
        "money: write pounds as 350000, £13,400, 350k, £4.1m or £2.5bn",
        f"::error file={where},line=12,col=17::savings[1].confidence: '150%25' is above "
        "100%25: it must be between 0%25 and 100%25",
    ]


NEARLY = """\
name: Three-way split
start: 2016/17
years: 3
partners:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
savings:
  - name: Shared team
    annual: £300k
    share: {a: 33.33%, b: 33.33%, c: 33.33%}
"""


def test_a_warning_in_a_valid_file(invoke: Invoke, write) -> None:
    nearly = write("nearly.yaml", NEARLY)
    result = invoke("validate", "--format", "github", nearly)
    assert result.exit_code == 0
    assert result.stdout == (
        f"::warning file={nearly.replace(':', '%3A')},line=11,col=12::savings[0].share: "
        "shares sum to 99.99%25: 0.01%25 of this figure goes to no partner\n"
    )


def test_line_breaks_and_no_position() -> None:
    from bizcase.problems import Problem
    from bizcase.render.problems_out import github_annotations

    problems = [
        Problem("a,b.yaml", "first\r\nsecond", line=3, column=None, severity="warning"),
        Problem("c.yaml", "no position"),
    ]
    assert github_annotations(problems) == (
        "::warning file=a%2Cb.yaml,line=3,col=1::first%0D%0Asecond\n"
        "::error file=c.yaml::no position\n"
    )


def test_json_problems(invoke: Invoke, write) -> None:
    bad, good = write("bad.yaml", BAD), write("good.yaml", GOOD)
    result = invoke("validate", "--format", "json", bad, good)
    assert result.exit_code == 2
    found = json.loads(result.stdout)
    assert found["valid"] is False
    assert found["files"] == [{"file": bad, "valid": False}, {"file": good, "valid": True}]
    assert [
        (p["file"], p["line"], p["column"], p["path"], p["severity"]) for p in found["problems"]
    ] == [
        (bad, 9, 13, "savings[0].annual", "error"),
        (bad, 12, 17, "savings[1].confidence", "error"),
    ]
    assert found["problems"][1]["message"] == "'150%' is above 100%: it must be between 0% and 100%"


def test_all_valid(invoke: Invoke, write) -> None:
    good = write("good.yaml", GOOD)
    assert invoke("validate", "--format", "github", good).stdout == ""
    result = invoke("validate", "--format", "json", good)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True
