"""Characters that must never reach a terminal raw, and the one escaper for them.

Text from curated data, bulk tables, file names and query results is untrusted: an ESC starts a
terminal control sequence (`ESC ] 0 ; title BEL` rewrites the window title, others move the
cursor or recolour what follows), and a bidirectional control such as U+202E makes text display
in an order that differs from what it says. Whatever prints such text to a terminal passes it
through `for_terminal`, which shows each of these characters as a visible escape (`\\x1b`,
`\\u202e`) and leaves all other text, any script included, as it is. The models refuse the same
characters in curated names and text (schema/models.py builds its check from the sets here).
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: one message is one line), DEL, and the C1 controls.
CONTROL_CHARS = "\x00-\x1f\x7f-\x9f"
# Bidirectional formatting: LRM, RLM, the embeddings and overrides, the isolates; ALM.
BIDI_CHARS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
# Line and paragraph separators and the byte-order mark also break a line or hide in one.
OTHER_INVISIBLE = "\u2028\u2029\ufeff"

BIDI_RE = re.compile(f"[{BIDI_CHARS}]")
_UNSAFE_RE = re.compile(f"[{CONTROL_CHARS}{BIDI_CHARS}{OTHER_INVISIBLE}]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: object) -> str:
    """`text` (any object: its str()) with every control, bidi or line-breaking character shown
    as a visible escape. Idempotent: its output contains none of those characters."""
    return _UNSAFE_RE.sub(_escape, str(text))


def for_terminal_lines(text: object) -> str:
    """Like for_terminal, but keeps the newlines of a message made of several lines."""
    return "\n".join(for_terminal(line) for line in str(text).split("\n"))
