"""Which views (partners, or the total) a command shows: decided once, before anything is
calculated beyond the options themselves, with a clear error for a partner not there."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.model.units import printable
from bizcase.problems import InputError, Problem
from bizcase.results.option import TOTAL, OptionResult


def select_views(options: Sequence[OptionResult], partner: str | None) -> list[str]:
    """`--partner` (checked against every option), else every partner common to all the
    options, else the total."""
    if partner is not None:
        problems = [
            Problem(
                printable(option.file),
                f"--partner {partner}: not a partner of this option "
                f"(partners: {', '.join(option.partner_ids)})",
            )
            for option in options
            if partner != TOTAL and partner not in option.partner_ids
        ]
        if problems:
            raise InputError(problems)
        return [partner]
    common = [
        pid
        for pid in options[0].partner_ids
        if all(pid in option.partner_ids for option in options[1:])
    ]
    return common or [TOTAL]


def one_view(option: OptionResult, partner: str | None) -> str:
    """The single view of a risk command: `--partner`, else the total."""
    return select_views([option], partner or TOTAL)[0]


def simulated_views(option: OptionResult, partner: str | None) -> list[str]:
    """`--partner`, else every partner and the total (a lone partner stands for both)."""
    if partner is not None:
        return select_views([option], partner)
    if len(option.partner_ids) == 1:
        return option.partner_ids
    return [*option.partner_ids, TOTAL]


def partner_of(view: str) -> str | None:
    """The engine's name for a view: a partner id, or None for the total."""
    return None if view == TOTAL else view
