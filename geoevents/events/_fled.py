"""Fighting that people fled is no fighting where they are: "people who escaped the fighting
are held in camps around X", "families fleeing the fighting reached X" — unless the place
of the fighting follows ("fleeing the fighting in X") (docs/events.md, "Round nine")."""

from __future__ import annotations

import re

#: what people do to the fighting: flee it, escape it, be displaced by it
_FLED_RE = re.compile(r"\b(?:fled|flee(?:ing|s)?|escap(?:ed|ing|es?)|displaced\s+by|driven\s+"
                      r"(?:out\s+)?by|away\s+from)\s+(?:the\s+)?(?:(?:heavy|fierce|recent|"
                      r"renewed)\s+)?$", re.IGNORECASE)
#: the place of the fighting after it
_WHERE_RE = re.compile(r"\s+(?:in|at|around|near|for|inside|on)\b", re.IGNORECASE)


def fled_from(text: str, start: int, end: int) -> bool:
    """Whether the fighting trigger at ``start:end`` is what people fled ("escaped the
    fighting"), with no place of its own after it.

    Parameters
    ----------
    text : str
    start, end : int
        The trigger's span.

    Returns
    -------
    bool
    """
    return bool(_FLED_RE.search(text, max(0, start - 40), start)) and not _WHERE_RE.match(
        text, end)
