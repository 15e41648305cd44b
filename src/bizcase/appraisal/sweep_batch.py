"""A sweep's combinations that change only some items' amounts, projected together.

The plan is compiled once; each combination is a draw whose changed items have their own
rows (`Draws.rows`), so a thousand combinations are one `project()` call. The block sums
take the same vector-matrix product per draw as a lone run, and everything after them is
element by element along the draws, so each combination's figures are those its own
scenario gives when compiled and run alone, to the bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bizcase.appraisal.option import Option
from bizcase.engine.arrays import Array
from bizcase.engine.plan import item_row
from bizcase.engine.projection import Draws, project
from bizcase.engine.result import view_of
from bizcase.io.sweep_edits import Edit
from bizcase.model.scenario import Item
from bizcase.results.option import View

BLOCK_OF = {"risks": "risk_costs"}
"""The plan's block of a file's section, where the names differ."""

BATCH_BYTES = 16 * 1024 * 1024
"""About the most memory one batch's per-draw item matrices take: enough draws to make
Python's share small, few enough to stay in cache-friendly sizes."""

MAX_BATCH = 1024


def batched_views(base: Option, edits: Sequence[Edit], view_id: str) -> list[View]:
    """The view `view_id` of each edit (every one with `items`), in order. Every figure a
    sweep row reads is the edit's own; the series the plan alone holds (optimism bias,
    non-cashable savings) stay the base scenario's, which no row shows."""
    plan = base.plan
    if not edits:
        return []
    changed = _positions(edits[0])
    per_draw = sum(
        plan.blocks[block].weighted[0].size for block, positions in changed.items() if positions
    )
    size = max(1, min(MAX_BATCH, BATCH_BYTES // max(1, per_draw * 8)))
    rows_of: dict[int, Array] = {}
    views: list[View] = []
    for first in range(0, len(edits), size):
        chunk = edits[first : first + size]
        rows = {
            block: (positions, _rows(base, chunk, block, positions, rows_of))
            for block, positions in changed.items()
        }
        projection = project(plan, Draws(count=len(chunk), rows=rows))
        views += [view_of(plan, projection, d, view_id) for d in range(len(chunk))]
    return views


def _positions(edit: Edit) -> dict[str, tuple[int, ...]]:
    """The items an edit replaces, by plan block: every combination replaces the same."""
    assert edit.items is not None
    found: dict[str, list[int]] = {}
    for section, position, _ in edit.items:
        found.setdefault(BLOCK_OF.get(section, section), []).append(position)
    return {block: tuple(positions) for block, positions in found.items()}


def _rows(
    base: Option,
    chunk: Sequence[Edit],
    block: str,
    positions: tuple[int, ...],
    rows_of: dict[int, Array],
) -> Array:
    """(draws, positions, views x years): each draw's rows of the replaced items, each
    distinct item computed once (the editor hands out one model per distinct value)."""
    width = base.plan.blocks[block].weighted[0].shape[1]
    out = np.empty((len(chunk), len(positions), width))
    for d, edit in enumerate(chunk):
        assert edit.items is not None
        items: dict[int, Item] = {
            p: item for s, p, item in edit.items if BLOCK_OF.get(s, s) == block
        }
        for j, position in enumerate(positions):
            item = items[position]
            row = rows_of.get(id(item))
            if row is None:
                row = rows_of[id(item)] = item_row(base.plan, block, position, item)
            out[d, j] = row
    return out
