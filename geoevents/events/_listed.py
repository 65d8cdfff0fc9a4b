"""The lists of places a hold names after its object: "Y holds the valley, including A and
B", "…, A and B among them" (docs/events.md, "Round seven" and "Round eight")."""

from __future__ import annotations

import re

#: a place's kind before its name in a list: "the town of", "the district of", "the oil port
#: of"
_KIND = (r"(?:the\s+(?:[\w-]+\s+)?(?:towns?|villages?|cities|city|settlements?|districts?|"
         r"ports?|provinces?|regions?|areas?|suburbs?|camps?|oasis|oases)\s+of\s+)")
#: ", including X", ", such as X", ", notably X" before a place (or a conjunct of it; a
#: conjunct may carry a noun-phrase apposition: "among them A, about 15 km east, and B", or a
#: short description: "the district of A north-west of B with its oilfields, the town of C")
_INCLUDING_RE = re.compile(r",\s*(?:including|such\s+as|notably|among\s+them)\s+" + _KIND + r"?"
                           r"(?:[\w'’-]+(?:\s+[\w'’-]+){0,9}?\s*(?:,\s*(?:and\b)?|\band\b)"
                           r"\s*)*" + _KIND + r"?$",
                           re.IGNORECASE)
#: a list put after its place: "…, X among them", "…, X, Y and Z among them" (any of them)
_AMONG_AFTER_RE = re.compile(r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[\w'’-]+"
                             r"(?:[\s-]+[\w'’-]+){0,3}?)*\s+(?:among|amongst)\s+them\b",
                             re.IGNORECASE)
_LIST_BEFORE_RE = re.compile(r",\s*(?:[\w'’-]+(?:\s+[\w'’-]+){0,3}?\s*(?:,|\band\b)\s*)*$")
#: the object of a hold before such a list: "the river valley", "most of the coast", "the
#: city and the towns of the plain between it and the front line" (no verb, no comma) …
_OBJECT_RE = re.compile(r"(?:(?!(?:which|who|whom|that|is|are|was|were|has|have|had|said|says|"
                        r"will|would)\b)[\w'’-]+\s+){0,15}[\w'’-]+", re.IGNORECASE)
#: … which may end in a relative clause of its own with no comma: "a belt of territory that
#: they took over in 2014"
_OBJECT_RELATIVE_RE = re.compile(r"\s+(?:that|which)\s+[^,;:.()]{1,100}$")


def list_head(text: str, start: int, end: int, lo: int, hi: int) -> int | None:
    """Where the noun before a list of places ends, when the words ``text[start:end]`` are
    in one: "…, including / among them A and B", "…, A and B among them"; ``None`` when
    they are not.

    Parameters
    ----------
    text : str
    start, end : int
        The place's offsets.
    lo, hi : int
        The offsets of its sentence.

    Returns
    -------
    int or None
    """
    if (inc := _INCLUDING_RE.search(text, lo, start)) is not None:
        return inc.start()
    if _AMONG_AFTER_RE.match(text, end, hi) and (
            lead := _LIST_BEFORE_RE.search(text, lo, start)) is not None:
        return lead.start()
    return None


def is_held_object(text: str, start: int, head: int) -> bool:
    """Whether ``text[start:head]`` is the object of a hold whose list begins at ``head``
    (a noun phrase with no verb nor comma, perhaps ending in a relative clause of its own).

    Parameters
    ----------
    text : str
    start, head : int

    Returns
    -------
    bool
    """
    if _OBJECT_RE.fullmatch(text, start, head):
        return True
    rel = _OBJECT_RELATIVE_RE.search(text, start, head)
    return rel is not None and _OBJECT_RE.fullmatch(text, start, rel.start()) is not None
