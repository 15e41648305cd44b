"""`PlainTable` prints exactly what rich's `Table` prints on a console without colour.

Random tables (columns, justifications, multi-line headers and cells, `£`, wide and
combining characters, styles, titles, boxes, padding, sections, and the features the fast
path leaves to rich) are printed both ways through the console `rendered_text` uses, and
the text must be identical. Other tests make sure the fast path is really taken where it
should be, so that a fast path that always falls back cannot pass unnoticed.
"""

from __future__ import annotations

import io
import re
from typing import Any

from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from bizcase.render.plain_table import _UNSAFE, PlainTable, _unsafe, plain_lines, plain_tables

SAFE = "ab XYZ019£-(),.%/é漢字\u0301\u200bΩ€😀"
UNSAFE = "\t\r\x07\xa0\u3000\ufe0f\u200d\u2028\x85"
STYLES = ["", "bold", "red", "dim", "bold red", "italic"]
JUSTIFY = ["left", "right", "center", "default"]
BOXES = [box.HEAVY_HEAD, box.HEAVY_HEAD, None, box.SIMPLE, box.ROUNDED, box.MINIMAL, box.ASCII]


def console(width: int, **changes: Any) -> Console:
    """The console `bizcase.cli.common.rendered_text` prints to."""
    settings: dict[str, Any] = {
        "file": io.StringIO(),
        "width": width,
        "color_system": None,
        "force_terminal": False,
        "highlight": False,
        "soft_wrap": False,
        "markup": False,
        "emoji": False,
    }
    return Console(**(settings | changes))


def printed(renderable: object, width: int, **changes: Any) -> str:
    out = console(width, **changes)
    out.print(renderable)
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def words(odd: bool = False, long: bool = True) -> st.SearchStrategy[str]:
    """Cell text: mostly short figures and words, multi-line or empty, with `long` sometimes
    long; with `odd`, sometimes with a character the fast path leaves to rich."""
    safe = st.text(st.sampled_from(SAFE), max_size=14)
    lines = st.lists(safe, min_size=1, max_size=3).map("\n".join)
    figures = st.sampled_from(["£1.00m", "(£250,000)", "-£3.5k", "2019/20", "", "-", "102%"])
    unsafe = st.tuples(safe, st.sampled_from(UNSAFE), safe).map("".join)
    choices = [figures, figures, figures, safe, safe, lines]
    if long:
        choices.append(st.text(st.sampled_from(SAFE), min_size=20, max_size=70))
    return st.one_of(*choices, unsafe) if odd else st.one_of(*choices)


@st.composite
def cells(draw: st.DrawFn, odd: bool = False, long: bool = True) -> object:
    """A cell as bizcase writes them: a `str`, a styled `Text` (sometimes justified on its
    own, or made of styled pieces), or None (an empty cell)."""
    plain = draw(words(odd, long))
    kind = draw(st.sampled_from(["str", "text", "text", "pieces", "none"]))
    if kind == "str":
        return plain
    if kind == "none":
        return None
    if kind == "pieces":
        text = Text(plain[: len(plain) // 2], style=draw(st.sampled_from(STYLES)))
        text.append(plain[len(plain) // 2 :], style=draw(st.sampled_from(STYLES)))
        return text
    justify = draw(st.sampled_from([None, None, None, None, "right", "center", "left"]))
    return Text(plain, style=draw(st.sampled_from(STYLES)), justify=justify)


ODD_TABLES: list[dict[str, Any]] = [
    {"caption": "A caption"},
    {"show_footer": True},
    {"width": 60},
    {"min_width": 70},
    {"expand": True},
    {"leading": 1},
    {"collapse_padding": True},
    {"padding": (1, 1)},
    {"padding": (0, 1, 1, 1)},
    {"title_justify": "full"},
    {"box": box.DOUBLE_EDGE},
]
"""One of these in a table makes rich's `Table` print it (or, for a box, tries another)."""
ODD_COLUMNS: list[dict[str, Any]] = [
    {"width": 8},
    {"max_width": 10},
    {"min_width": 12},
    {"ratio": 2},
    {"justify": "full"},
]


@st.composite
def tables(draw: st.DrawFn, odd: bool = True) -> Table:
    """A random table; with `odd`, a third of them have a feature the fast path leaves to
    rich (one of `ODD_TABLES`, `ODD_COLUMNS`, or a character it does not lay out); a third
    have long cells (too wide for many consoles: rich wraps them)."""
    long = draw(st.sampled_from([True, False, False]))
    oddity = draw(st.sampled_from(["table", "column", "cell", None, None, None])) if odd else None
    short = st.text(st.sampled_from(SAFE), max_size=12)
    title = draw(
        st.one_of(
            st.none(),
            short,
            words(),
            st.builds(Text, short, style=st.sampled_from(STYLES)),
            st.sampled_from(["Total, all partners", "Total, all partners (continued)"]),
        )
    )
    table = Table(
        title=title,
        title_justify=draw(st.sampled_from([*JUSTIFY, "left", "left"])),
        title_style=draw(st.sampled_from(["bold", None])),
        header_style=draw(st.sampled_from(["bold", "dim", ""])),
        box=draw(st.sampled_from(BOXES)),
        padding=draw(st.sampled_from([(0, 1), (0, 1), (0, 2, 0, 0), 0, (0, 1, 0, 3)])),
        pad_edge=draw(st.booleans()),
        show_header=draw(st.sampled_from([True, True, False])),
        show_edge=draw(st.sampled_from([True, True, False])),
        show_lines=draw(st.sampled_from([False, False, True])),
    )
    if oddity == "table":
        for name, value in draw(st.sampled_from(ODD_TABLES)).items():
            setattr(table, name, value)
    for _ in range(draw(st.integers(1, 6))):
        header = draw(
            st.one_of(words(long=long), st.builds(Text, words(long=long)), cells(long=long))
        )
        table.add_column(
            header if header is not None else "",
            justify=draw(st.sampled_from([*JUSTIFY, "right", "right"])),
            vertical=draw(st.sampled_from(["top", "top", "middle", "bottom"])),
            no_wrap=draw(st.booleans()),
            overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            style=draw(st.sampled_from(STYLES)),
        )
    if oddity == "column":
        column = draw(st.sampled_from(table.columns))
        for name, value in draw(st.sampled_from(ODD_COLUMNS)).items():
            setattr(column, name, value)
    odd_cell = draw(st.integers(0, 6 * len(table.columns))) if oddity == "cell" else -1
    for number in range(draw(st.integers(0, 6))):
        row = [
            draw(cells(odd=number * len(table.columns) + index == odd_cell, long=long))
            for index, _ in enumerate(table.columns)
        ]
        table.add_row(*row, end_section=draw(st.sampled_from([False, False, False, True])))
    return table


WIDTHS = st.one_of(
    st.sampled_from([40, 60, 80, 100, 120, 160, 200, 240, 300]), st.integers(10, 240)
)


def fast_or_not(table: Table, width: int) -> bool:
    out = console(width)
    return plain_lines(table, out, out.options) is not None


@seed(20260301)
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), width=WIDTHS)
def test_plain_table_prints_what_rich_prints(table: Table, width: int) -> None:
    fast = fast_or_not(table, width)
    event("fast path" if fast else "rich's Table")
    assert printed(PlainTable(table), width) == printed(table, width)


@seed(20260302)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(odd=False), width=WIDTHS)
def test_groups_of_tables_print_what_rich_prints(table: Table, width: int) -> None:
    group = Group(Text("before"), table, Text("after"))
    plain = plain_tables([group, table, "a line"])
    assert [printed(item, width) for item in plain] == [
        printed(item, width) for item in [group, table, "a line"]
    ]


def bizcase_table(title: str = "Total, all partners") -> Table:
    """A table as `compare` draws it: a label column, options right-justified."""
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("Joint\njoint, 2016/17 to 2020/21", justify="right", no_wrap=True)
    table.add_column("Solo (SSDC)\nsolo, 2016/17 to 2020/21", justify="right", no_wrap=True)
    table.add_row("NPV", Text("£4.50m", style="bold"), Text("(£1.2m)", style="red bold"))
    table.add_row("Payback year", Text("2018/19"), Text("never", style="dim"), end_section=True)
    table.add_row("Gap closed in", Text(""), "2017/18")
    return table


def test_a_compare_table_is_printed_by_the_fast_path() -> None:
    table = bizcase_table()
    assert fast_or_not(table, 240)
    assert printed(PlainTable(table), 240) == printed(table, 240)
    title, top, heading = printed(PlainTable(table), 240).splitlines()[:3]
    assert title == "Total, all partners".ljust(len(top))  # padded to the table's width
    assert top == "┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┓"
    assert heading == "┃               ┃                     Joint ┃              Solo (SSDC) ┃"


def test_random_simple_tables_mostly_take_the_fast_path() -> None:
    taken = []

    @seed(20260303)
    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(table=tables(odd=False))
    def count(table: Table) -> None:
        taken.append(fast_or_not(table, 240))

    count()
    assert sum(taken) > 0.6 * len(taken)


def test_what_the_fast_path_leaves_to_rich() -> None:
    table = bizcase_table()
    assert not fast_or_not(table, 40)  # too wide: rich wraps or squeezes it
    colour = console(240, color_system="truecolor", force_terminal=True)
    assert plain_lines(table, colour, colour.options) is None
    for markup in (console(240, markup=True), console(240, emoji=True)):
        assert plain_lines(table, markup, markup.options) is None
    ascii_only = console(240)
    options = ascii_only.options.copy()
    options.encoding = "ascii"  # rich draws the box in ASCII then
    assert plain_lines(table, ascii_only, options) is None
    for change in (
        {"caption": "c"},
        {"show_footer": True},
        {"width": 100},
        {"min_width": 100},
        {"expand": True},
        {"leading": 1},
        {"padding": (1, 1)},
        {"collapse_padding": True},
        {"title": "A title much wider than the table it sits above, so that it wraps " * 2},
        {"title_justify": "full"},
    ):
        changed = bizcase_table()
        for name, value in change.items():
            setattr(changed, name, value)
        assert not fast_or_not(changed, 240), change
        assert printed(PlainTable(changed), 240) == printed(changed, 240)
    odd = bizcase_table()
    odd.add_row("tab\there", "£1", "£2")
    assert not fast_or_not(odd, 240)
    odd = bizcase_table()
    odd.columns[1].max_width = 5
    assert not fast_or_not(odd, 240)


@given(st.text(alphabet=st.sampled_from(SAFE + UNSAFE + "\n\x1c\u2029") | st.characters()))
def test_unsafe_text_is_found_as_the_pattern_finds_it(text: str) -> None:
    # `_unsafe` clears printable text without the pattern: it must agree with the pattern.
    assert _unsafe(text) == (re.search(_UNSAFE, text) is not None)
