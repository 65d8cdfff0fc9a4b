"""A place coordinated with a noun phrase that is no place before a plural predicate: "X and
the area of the old airport remain under Y control", "X and the south of the capital are now
secured by Y" (docs/events.md, "Round five")."""

from __future__ import annotations

import re

#: "and <up to eight words, no comma>" up to a plural verb of state: the predicate is said of
#: the coordinated subject, so of the place before "and" too; the conjunct may carry an
#: apposition between commas ("and Y, with its port, also remain …": Y perhaps no place found)
_CONJUNCT_RE = re.compile(
    r"\s+(?:and|as\s+well\s+as)\s+(?:the\s+)?(?:(?!(?:and|which|who|that|is|was|has|had)\b)"
    r"[\w'’-]+(?:\s+|(?=,))){1,8}?(?:,[^,;.()]{1,80},\s+)?(?:(?:also|still|now|both)\s+)?"
    r"(?=(?:remain|remained|are|were|stay|stayed|have\s+been|had\s+been)\b)",
    re.IGNORECASE)


def conjunct_end(text: str, pos: int) -> int | None:
    """Where a coordinated noun phrase after a place ending at ``pos`` ends, just before its
    plural verb of state; ``None`` when none stands there."""
    m = _CONJUNCT_RE.match(text, pos)
    return m.end() - 1 if m else None
