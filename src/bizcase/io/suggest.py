"""The one "did you mean" hint for misspelt names, so the loader and `--set` paths agree."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest choice, or "" when none is close enough."""
    import difflib  # only when a name is misspelt, to keep start-up fast

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
