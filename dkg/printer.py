"""The one way the `dkg` command prints tables, trees and notes to a terminal, built on rich.

Why rich: it measures the terminal, wraps cells instead of cutting them, draws tree guides with
the right corner on last branches, and drops colour where the output is not a terminal or
`NO_COLOR` is set. Every text that comes from data passes `for_terminal` first, so a label
holding a control or bidi character cannot move the cursor or reorder what a reader sees, and
is printed as rich `Text`, never parsed as rich markup.

`--wide` prints every cell whole on one line, for a wide screen or for `grep`.
"""

from __future__ import annotations

import re
import sys
from typing import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from dkg.schema.text import for_terminal as _escape


def for_terminal(text: object) -> str:
    """Data text made safe to print (dkg.schema.text.for_terminal, the one escaper); None prints as nothing."""
    return "" if text is None else _escape(text)


def _amount_unit() -> re.Pattern:
    """A number and one of the units schema/units.py declares (or 'times'), as printed."""
    from dkg.schema.units import PROPERTY_UNITS

    units = sorted(set().union(*(c.units for c in PROPERTY_UNITS.values())) | {"times"}, key=len, reverse=True)
    return re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?) (?P<unit>" + "|".join(map(re.escape, units)) + r")\b")


_AMOUNT_UNIT = _amount_unit()


def naturally(text: str) -> str:
    """Figures read as English: '28 year' -> '28 years', 'more than 18,000 person' -> '... people'
    (the plural of queries/words.py, for every unit a figure may count)."""
    from dkg.queries.words import plural

    def one_or_more(m: re.Match) -> str:
        return m.group(0) if m.group("num") == "1" else f"{m.group('num')} {plural(m.group('unit'))}"

    return _AMOUNT_UNIT.sub(one_or_more, text)


def cell(value: object) -> Text:
    """A table cell from data: whitespace collapsed, made safe, units read naturally."""
    if value is None:
        return Text("")
    return Text(naturally(for_terminal(" ".join(str(value).split()))))


class Whole(Text):
    """A cell holding a word that must never be broken (a claim key, to copy and paste): a table
    with one is never printed narrower than its narrowest layout, which holds every word whole."""


def whole_cell(label: str | None, key: str) -> Whole:
    """A label (wrapping as it must) with a key beneath it, dim, printed whole on its own line."""
    text = Whole()
    if label:
        text.append_text(cell(label))
        text.append("\n")
    text.append(for_terminal(key), style="dim" if label else None)
    return text


class Printer:
    """Output of one command run: a rich Console on stdout (or a given file)."""

    def __init__(self, wide: bool = False, file=None):
        self.wide = wide
        kwargs = {"file": file or sys.stdout, "highlight": False, "emoji": False}
        if wide:
            kwargs["width"] = 100_000
        self.console = Console(**kwargs, soft_wrap=wide)

    # ------------------------------------------------------------------ plain lines

    def line(self, *parts: object, style: str | None = None) -> None:
        """A line of data text (escaped), optionally styled."""
        text = Text()
        for p in parts:
            if isinstance(p, Text):
                text.append_text(p)
            else:
                text.append(naturally(for_terminal(p)))
        if style:
            text.stylize(style)
        self.console.print(text, overflow="fold", crop=False)

    def heading(self, *parts: object) -> None:
        self.line(*parts, style="bold")

    def note(self, text: str) -> None:
        self.line(text, style="dim")

    def blank(self) -> None:
        self.console.print()

    # ------------------------------------------------------------------ tables

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]], title: str | None = None) -> None:
        """Columns that share the terminal's width and wrap their cells; whole cells with --wide."""
        t = Table(
            title=Text(for_terminal(title), style="bold") if title else None,
            title_justify="left",
            show_edge=False,
            box=None if self.wide else _box(),
            header_style="bold",
            pad_edge=False,
            expand=False,
        )
        rows = [[v if isinstance(v, Text) else cell(v) for v in r] for r in rows]
        widths = None
        if not self.wide and any(isinstance(v, Whole) for r in rows for v in r):
            widths = _layout(headers, rows, self.console.width)
        for i, h in enumerate(headers):
            t.add_column(Text(h), overflow="fold", no_wrap=self.wide, width=widths[i] if widths else None)
        for r in rows:
            t.add_row(*r)
        if widths:  # as wide as the keys need, even past a narrow terminal
            width = self.console.width
            self.console.width = max(width, sum(widths) + 3 * (len(widths) - 1))
            try:
                self.console.print(t, crop=False)
            finally:
                self.console.width = width
            return
        self.console.print(t)

    # ------------------------------------------------------------------ trees

    def tree(self, label: object) -> Tree:
        return Tree(label if isinstance(label, Text) else Text(naturally(for_terminal(label))), guide_style="dim")

    @staticmethod
    def branch(tree: Tree, *parts: object, style: str | None = None) -> Tree:
        text = Text()
        for p in parts:
            text.append_text(p) if isinstance(p, Text) else text.append(naturally(for_terminal(p)))
        if style:
            text.stylize(style)
        return tree.add(text)

    def print_tree(self, tree: Tree) -> None:
        self.console.print(tree)


def _layout(headers: Sequence[str], rows: list[list[Text]], total: int) -> list[int] | None:
    """Column widths for a table holding keys (`Whole` cells): each key column as wide as its
    longest key, the others sharing what is left in proportion to their longest line, none
    narrower than its longest word. None when everything fits on one line per cell."""
    n = len(headers)
    cols = [[r[i].plain for r in rows if i < len(r)] for i in range(n)]
    word = [max([len(w) for w in headers[i].split()] + [len(w) for c in cols[i] for w in c.split()] or [1]) for i in range(n)]
    line = [max([len(headers[i])] + [len(x) for c in cols[i] for x in c.split("\n")] or [1]) for i in range(n)]
    gaps = 3 * (n - 1)  # each gap: a space of padding either side and the box's separator
    if sum(line) + gaps <= total:
        return None
    fixed = [any(isinstance(r[i], Whole) for r in rows if i < len(r)) for i in range(n)]
    widths = [word[i] if fixed[i] else 0 for i in range(n)]
    left = total - gaps - sum(widths)
    free = [i for i in range(n) if not fixed[i]]
    want = sum(line[i] for i in free) or 1
    for i in free:
        widths[i] = max(word[i], min(line[i], left * line[i] // want))
    return widths


def _box():
    from rich import box

    return box.SIMPLE_HEAD


def styled(text: object, style: str) -> Text:
    """A piece of data text with a style (the style is dropped where colour is off)."""
    return Text(naturally(for_terminal(text)), style=style)
