"""Payback and gap closure as live spreadsheet formulas, so they follow an edited input.

The same rules as the engine (`bizcase.engine.projection.payback` and `gap_closure`),
written with SUMPRODUCT so that they evaluate as arrays in Excel and LibreOffice alike,
without array entry. A hundredth of a penny counts as zero, as in the engine.
"""

from __future__ import annotations

from collections.abc import Sequence

TOLERANCE = "0.0001"
FAR = 100000
"""Larger than any column number: the first matching column is FAR minus the largest
(FAR - column) among the matches."""


def _last_column(condition: str, span: str) -> str:
    """The sheet column number of the last cell of `span` meeting `condition`, 0 if none."""
    return f"SUMPRODUCT(MAX(({condition})*COLUMN({span})))"


def _first_column(condition: str, span: str) -> str:
    return f"({FAR}-SUMPRODUCT(MAX(({condition})*({FAR}-COLUMN({span})))))"


def _any(condition: str) -> str:
    return f"(SUMPRODUCT(--({condition}))>0)"


def payback_formulas(
    years: str,
    one_off: str,
    net: str,
    net_recurring: str,
    cumulative: str,
    last_cum: str,
    first_column: int,
    risks: str | None = None,
) -> tuple[str, str]:
    """(payback year, payback period): `years` is the row of year labels over the same
    columns; the period counts one-off costs (and risk costs, where there is a register) at
    the start of their year and the net recurring saving evenly through it."""
    spent = [f"{one_off}>{TOLERANCE}", *([f"{risks}>{TOLERANCE}"] if risks else [])]
    outlays = "OR(" + ",".join(_any(c) for c in [*spent, f"{net}<-{TOLERANCE}"]) + ")"
    short = _last_column(f"{cumulative}<-{TOLERANCE}", cumulative)
    column = f"MAX({short}+1,{first_column})"
    k = f"({column}-{first_column})"  # 0-based year index of payback
    at_start = f"INDEX({one_off},{k}+1)" + (f"+INDEX({risks},{k}+1)" if risks else "")
    owed = f"({at_start}-IF({k}=0,0,INDEX({cumulative},{k})))"
    rate = f"INDEX({net_recurring},{k}+1)"
    fraction = f"IF(AND({owed}>{TOLERANCE},{rate}>0),MIN(1,MAX(0,{owed}/{rate})),0)"
    head = (
        f'IF(NOT({outlays}),"nothing to pay back",'
        f'IF({last_cum}<-{TOLERANCE},"not within the horizon",'
    )
    year = f"={head}INDEX({years},{column}-{first_column}+1)))"
    period = f"={head}{k}+{fraction}))"
    return year, period


def gap_formulas(
    years: str,
    gap: str,
    remaining: str,
    net_recurring_last: str,
    gap_last: str,
    first_column: int,
    last_column: int,
    partner_gaps: Sequence[str] | None = None,
) -> tuple[str, str]:
    """(gap closed in, coverage). For the total, `partner_gaps` (each partner's gap row)
    makes it `gaps given for n of m partners` when only some partners give one."""
    has_gap = _any(f"ABS({gap})>{TOLERANCE}")
    short = _last_column(f"{remaining}>{TOLERANCE}", remaining)
    first_gap = _first_column(f"ABS({gap})>{TOLERANCE}", gap)
    closed = f"INDEX({years},MAX({short}+1,{first_gap})-{first_column}+1)"
    year = (
        f'IF(NOT({has_gap}),"no gap given",'
        f'IF({short}={last_column},"not within the horizon",{closed}))'
    )
    coverage = (
        f'IF(NOT({has_gap}),"no gap given",'
        f'IF(ABS({gap_last})<={TOLERANCE},"n/a",{net_recurring_last}/{gap_last}))'
    )
    if partner_gaps:
        given = "+".join(_any(f"ABS({span})>{TOLERANCE}") + "*1" for span in partner_gaps)
        count = len(partner_gaps)
        partial = f"AND(({given})>0,({given})<{count})"
        text = f'"gaps given for "&({given})&" of {count} partners"'
        year = f"IF({partial},{text},{year})"
        coverage = f"IF({partial},{text},{coverage})"
    return f"={year}", f"={coverage}"
