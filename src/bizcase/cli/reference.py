"""`green-book`: the Treasury constants bizcase uses, with their sources, for a reviewer."""

from __future__ import annotations

import json

from bizcase.cli.common import command, emit, print_out
from bizcase.cli.options import Format, FormatOpt


@command("green-book")
def green_book(output_format: FormatOpt = Format.table) -> None:
    """Show the HM Treasury Green Book constants bizcase uses: the discount schedules a
    scenario may name, and the optimism bias table, each with its source and edition, so
    that they can be checked against the published tables.

    Example:

      bizcase green-book
    """
    from bizcase.model.green_book import bias_categories, schedules, source

    if output_format is Format.json:
        document = {
            "discount": {
                "source": source("discount")[0],
                "schedules": {
                    s.name: {"bands": [[end, rate] for end, rate in s.bands], "meaning": s.meaning}
                    for s in schedules().values()
                },
            },
            "optimism_bias": {
                "source": source("optimism_bias")[0],
                "categories": {
                    c.name: {
                        "upper": c.upper,
                        "lower": c.lower,
                        "duration": None if c.duration is None else list(c.duration),
                        "applies_to": c.applies_to,
                    }
                    for c in bias_categories().values()
                },
            },
        }
        emit(json.dumps(document, indent=2) + "\n")
        return
    from bizcase.render.reference import green_book_tables

    print_out(green_book_tables(schedules(), bias_categories(), source))
