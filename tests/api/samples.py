"""Scenarios the API's tests share; every API test runs from the repository's top (see
conftest), as the examples in the README and the docstrings do (`scenarios/...`)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "scenarios").glob("*.yaml"))

SMALL = """\
name: Shared legal service
kind: solo
start: 2024/25
years: 3
discount_rate: 10%
partners: [{id: north, name: North Council}]
savings: [{name: Legal, annual: £100k}]
one_off_costs: [{name: Set-up, amount: £150k, year: 2024/25, share: north}]
"""
"""Small enough to work by hand: net -£50k, £100k, £100k; NPV at 10% £123,553.72."""
