"""The terminal printer uses the one escaper (dkg.schema.text): line and paragraph separators and
the byte-order mark, which the printer's former copy let through, are shown as escapes in
lines, table cells and trees."""

import io

import pytest

from dkg.printer import Printer, cell, for_terminal, styled


@pytest.mark.parametrize("char, shown", [("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\ufeff", "\\ufeff"), ("\x1b", "\\x1b"), ("\u202e", "\\u202e")])
def test_every_way_of_printing_escapes_separators_and_bom(char, shown):
    text = f"Kuz{char}minov"
    assert for_terminal(text) == f"Kuz{shown}minov"
    assert char not in cell(text).plain  # a table cell collapses whitespace, separators included
    assert styled(text, "bold").plain == f"Kuz{shown}minov"
    buf = io.StringIO()
    out = Printer(file=buf)
    out.line(text)
    out.table(["name"], [[text]])
    tree = out.tree(text)
    out.branch(tree, text)
    out.print_tree(tree)
    printed = buf.getvalue()
    assert char not in printed
    assert printed.count(shown) >= 3  # the line, the tree and its branch


def test_none_prints_as_nothing():
    assert for_terminal(None) == ""
