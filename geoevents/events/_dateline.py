"""A report's dateline: the place (or places) the report was filed from, which opens its first
paragraph ("KUNDUZ, Aug 7 - …", "KIEV/ARTEMIVSK, Feb 19 - …") and says nothing of what happened
there (docs/events.md, "Datelines")."""

from __future__ import annotations

import re

from ..model import Feature
from .sentence import Sentence

#: other places of the dateline before this one: "KIEV/"
_BEFORE_RE = re.compile(r"\s*(?:[A-Z][A-Za-z'’.-]*(?:[ -][A-Z][A-Za-z'’.-]*)*\s*/\s*)*")
#: what follows a dateline place: more places ("/ARTEMIVSK"), up to two comma groups (a
#: country, a date: ", Ukraine, Sept 10"), an agency in brackets, then the dash of the dateline
_AFTER_RE = re.compile(r"(?:\s*/\s*[A-Z][A-Za-z'’.-]*(?:[ -][A-Z][A-Za-z'’.-]*)*)*"
                       r"(?:\s*,\s*[A-Z0-9][\w'’. ]{0,30}?){0,2}\s*(?:\([A-Z][\w .]{0,20}\)\s*)?"
                       r"(?:[-–—]\s|\.(?=\s|$))")
_DATE_RE = re.compile(r",\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
                      r"\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")


def is_dateline(text: str, f: Feature, sent: Sentence) -> bool:
    """Whether ``f`` is a place of the dateline opening its sentence: written in capitals, or
    followed by a date, and closed by the dateline's dash."""
    return dateline_span(text, f, sent.start, sent.end)


def dateline_span(text: str, f: Feature, start: int, end: int) -> bool:
    """:func:`is_dateline` for the sentence ``text[start:end]``."""
    if not _BEFORE_RE.fullmatch(text, start, f.start):
        return False
    i = start  # a dateline opens a paragraph: only blanks back to a line break
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i > 0 and text[i - 1] != "\n":
        return False
    m = _AFTER_RE.match(text, f.end, end)
    if m is None:
        return False
    return f.text.isupper() or _DATE_RE.search(text, f.end, m.end()) is not None
