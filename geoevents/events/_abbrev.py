"""Abbreviations a report uses for an actor the sides table names: defined ("the Arakan Army
(AA) … the AA has held X") or the initials of the name the report gives it ("the Arakan
Army … the AA") (docs/events.md, "Round eight")."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: "(AA)" right after a name
_DEFINED_RE = re.compile(r"\s*\((?P<abbr>[A-Z][A-Z0-9]{1,7})\)")
#: a capitalised word of a name, with what separates it from the next
_CAPITALISED_RE = re.compile(r"[A-Z][a-z]+\s*")


def defined_abbreviations(text: str, raw: Sequence[tuple[int, int, int]]
                          ) -> list[tuple[int, int, int]]:
    """The uses of an abbreviation of an actor's own name, as matches of that name's row:
    (start, end, row index). The abbreviation is the one the text defines in parentheses
    right after the name (its uses after the definition), else the initials of a name made
    of capitalised words only (its uses anywhere).

    Parameters
    ----------
    text : str
    raw : sequence of (int, int, int)
        The matches of the table's rows: start, end, row index.

    Returns
    -------
    list of (int, int, int)
        Uses that no match of ``raw`` covers, in text order.
    """
    out: list[tuple[int, int, int]] = []
    seen: set[str] = set()
    for s, e, i in sorted(raw):
        if (m := _DEFINED_RE.match(text, e)) is not None:
            abbr, pos = m["abbr"], m.end()
        else:  # the initials of a name of two or more capitalised words
            abbr, pos = "".join(w[0] for w in _CAPITALISED_RE.findall(text, s, e)), 0
            if len(abbr) < 2 or _CAPITALISED_RE.sub("", text[s:e]).strip(" -'’"):
                continue
        if abbr in seen:
            continue
        seen.add(abbr)
        use = re.compile(rf"(?<![\w-]){re.escape(abbr)}(?!\w)")
        for w in use.finditer(text, pos):
            if not any(s2 <= w.start() < e2 for s2, e2, _ in raw):
                out.append((w.start(), w.end(), i))
    return sorted(out)
