"""`simulate` of several files, and the progress bar of a long simulation."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bizcase.cli.common import emit, note_certain, open_files, show
from bizcase.cli.options import SimulateFormat

if TYPE_CHECKING:
    from bizcase.results.convergence import Precision


def simulate_together(
    files: list[str],
    draws: int,
    seed: int,
    partner: str | None,
    jobs: int | None,
    precision: Precision | None,
    output_format: SimulateFormat,
    output: str | None,
) -> None:
    """Several options on common random numbers, for the views they share."""
    from bizcase.appraisal.risk import choice_of
    from bizcase.appraisal.views import select_views

    options = open_files(files)
    for option in options:
        if option.risk_model.is_certain:
            note_certain(option.file)
    views = select_views([option.result for option in options], partner)
    with progress_bar(draws * len(options)) as progress:
        result = choice_of(options, views, draws, seed, jobs, progress, precision)
    names = [option.name for option in options]
    paths = [option.file for option in options]
    partners = options[0].partner_names
    if output_format is SimulateFormat.json:
        from bizcase.render.choice_out import choice_json

        emit(choice_json(result, names, paths), output, files)
    elif output_format is SimulateFormat.md:
        from bizcase.render.choice_md import choice_markdown

        emit(choice_markdown(result, names, paths, partners), output, files)
    else:
        from bizcase.render.choice_out import choice_tables

        show([choice_tables(result, names, paths, partners)], output, files)


PROGRESS_THRESHOLD = 500_000
"""Draws above which a progress bar is shown (on stderr, and only on a terminal)."""


@contextmanager
def progress_bar(draws: int) -> Iterator[Callable[[int, int], None] | None]:
    if draws < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Simulating", total=draws)
        yield lambda done, _total: bar.update(task, completed=done)
