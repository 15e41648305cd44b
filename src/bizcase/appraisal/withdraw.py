"""`withdraw`: the option again without each partner in turn, and what changes for the
others."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.appraisal.option import Option
from bizcase.engine.result import evaluate
from bizcase.model.rules import check
from bizcase.model.withdrawal import why_not, without
from bizcase.problems import InputError, Problem
from bizcase.results.metrics import BY_NAME, Value
from bizcase.results.option import View
from bizcase.results.withdrawal import FIGURES, Change, Withdrawal, Withdrawals


def withdrawals_of(option: Option, partners: Sequence[str] | None) -> Withdrawals:
    """For each partner named (default: every partner), the option without it."""
    ids = [p.id for p in option.scenario.partners]
    if len(ids) < 2:
        raise InputError(
            [Problem(option.file, "a one-partner option has no one else to bear its figures")]
        )
    unknown = [pid for pid in partners or () if pid not in ids]
    if unknown:
        raise InputError(
            [
                Problem(
                    "--partner",
                    f"'{pid}' is not a partner of {option.file} (partners: {', '.join(ids)})",
                )
                for pid in unknown
            ]
        )
    refused = [(pid, why_not(option.scenario, pid)) for pid in partners or ()]
    if any(reason for _, reason in refused):
        raise InputError(
            [Problem("--partner", f"{pid} cannot withdraw: {why}") for pid, why in refused if why]
        )
    names = option.partner_names
    found = []
    for pid in partners or [pid for pid in ids if why_not(option.scenario, pid) is None]:
        withdrawn = without(option.scenario, pid)
        invalid = [f for f in check(withdrawn.scenario) if f.severity == "error"]
        if invalid:
            raise InputError([Problem(option.file, f"without {pid}: {f.message}") for f in invalid])
        after = evaluate(withdrawn.scenario, option.file)
        changes = tuple(
            Change(
                view.id,
                view.name,
                _figures(option.result.view(view.id)),
                _figures(view),
            )
            for view in (*after.partners, after.total)
        )
        found.append(Withdrawal(pid, names[pid], withdrawn.dropped, changes, withdrawn.notes))
    years = option.result.years
    return Withdrawals(option.name, option.file, (years[0], years[-1]), tuple(found))


def cost_increase(option: Option, view: str) -> float | None:
    """The largest fractional rise in `view`'s costs over the horizon if any one other
    partner withdrew (a fall counts as 0); None for a one-partner option, or a view with
    no costs to rise from."""
    if len(option.scenario.partners) < 2:
        return None
    rises = []
    for withdrawal in withdrawals_of(option, None).withdrawals:
        for change in withdrawal.changes:
            if change.view == view and withdrawal.partner != view:
                rise = change.change_fraction("costs")
                if rise is None:
                    return None
                rises.append(max(rise, 0.0))
    return round(max(rises), 10) + 0.0 if rises else None


def _figures(view: View) -> dict[str, Value]:
    totals = view.totals
    costs = totals["total_costs"] + totals["total_one_off_costs"] + totals["total_risk_costs"]
    found: dict[str, Value] = {"costs": costs}
    for key, _ in FIGURES[1:]:
        read = BY_NAME[key].read
        assert read is not None
        found[key] = read(view)
    found["payback_status"] = view.payback_status  # shown, not a figure of its own
    if view.gap_status in ("no_gap", "partial"):
        found["remaining_gap"] = None  # no gap to be short of
    return found
