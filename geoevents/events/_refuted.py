"""A report of an event called untrue in the same sentence: "Reports that Russian forces
occupied X are not true", "Claims that the rebels took X were false" (docs/events.md,
"Round eight")."""

from __future__ import annotations

import re

#: "reports / claims / statements … that": what follows is what the sentence refutes
_REPORTED_RE = re.compile(r"\b(?:reports?|claims?|statements?|allegations?|rumou?rs?|"
                          r"suggestions?|assertions?)\s+(?:by\s+[^,;.]{1,60}?\s+)?that\b",
                          re.IGNORECASE)
#: the predicate that refutes it
_UNTRUE_RE = re.compile(r"\s(?:is|are|was|were)\s+(?:(?:simply|completely|totally|also)\s+)?"
                        r"(?:not\s+(?:true|correct|accurate)|untrue|false|baseless|groundless|"
                        r"unfounded|fabricated|fabrications|lies|incorrect|inaccurate|fake)\b",
                        re.IGNORECASE)


def refuted(text: str, start: int, end: int, pos: int) -> bool:
    """Whether the place at ``pos`` stands in a report the sentence ``text[start:end]``
    calls untrue: between "reports / claims … that" and "are not true / false / baseless".

    Parameters
    ----------
    text : str
    start, end : int
        The sentence's offsets.
    pos : int
        The place's start.

    Returns
    -------
    bool
    """
    for m in _REPORTED_RE.finditer(text, start, pos):
        u = _UNTRUE_RE.search(text, pos, end)
        if u is not None and ";" not in text[m.end():u.start()]:
            return True
    return False
