"""`withdraw`: the option again without each partner in turn, and what changes for the
others."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.appraisal.option import Option
from bizcase.engine.result import evaluate
from bizcase.model.withdrawal import without
from bizcase.problems import InputError, Problem
from bizcase.results.metrics import BY_NAME, Value
from bizcase.results.option import View
from bizcase.results.withdrawal import FIGURES, Change, Withdrawal, Withdrawals


def withdrawals_of(option: Option, partners: Sequence[str] | None) -> Withdrawals:
    """For each partner named (default: every partner), the option without it."""
    ids = [p.id for p in option.scenario.partners]
    if option.result.exists is not None:
        raise InputError(
            [
                Problem(
                    option.file,
                    "withdraw does not yet take councils that change shape (`from`, `until`, "
                    "`succeeds`): run it on the option before the change",
                )
            ]
        )
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
    names = option.partner_names
    found = []
    for pid in partners or ids:
        withdrawn = without(option.scenario, pid)
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
        found.append(Withdrawal(pid, names[pid], withdrawn.dropped, changes))
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
    if view.gap_status in ("no_gap", "partial"):
        found["remaining_gap"] = None  # no gap to be short of
    return found
