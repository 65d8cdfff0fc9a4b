"""An entry that is a taking: "troops entered X" — the whole place, in the past — with no
fighting in it said to go on is the entrant's taking of X, not a contest (docs/events.md,
"Round seven")."""

from __future__ import annotations

import re

from ..text import SpanIndex, sentences

#: A completed entry: "entered", "re-entered", "moved into" (not "broke / pushed / fought
#: their way / stormed into", which say the place was fought for, nor "is entering").
_COMPLETED_RE = re.compile(r"(?:re-?)?entered|moved into", re.IGNORECASE)
#: The whole place after the verb: a name, or "the town / city / village (of)".
_WHOLE_RE = re.compile(
    r"\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|settlement|capital|port)\b"
    r"(?!\s*['’]s)|[A-Z])")
#: Fighting in the place said to go on after the entry.
_FIGHT_GOES_ON_RE = re.compile(
    r"\b(?:(?:fighting|clashes|battles?|combat|resistance|gunfights?|firefights?|skirmishes)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:continu\w*|go(?:es)?\s+on|went\s+on|going\s+on|rag\w*|"
    r"(?:is|are|was|were)\s+(?:still\s+)?under\s*way|ongoing|persist\w*)|"
    r"still\s+(?:fighting|resisting|holding\s+out|clashing)|"
    r"continu\w*\s+to\s+(?:fight|resist|hold\s+out)|street[- ]fighting|"
    r"(?:house|street)[- ]to[- ](?:house|street)|pockets?\s+of\s+resistance|"
    r"(?:fighting|clashes|battles?)\s+(?:in|inside|for)\s+(?:the\s+(?:town|city|village)|it)\b)",
    re.IGNORECASE)


def _sentence(text: str, start: int) -> str:
    """The sentence of ``text`` (:func:`~geoevents.text.sentences`) holding ``start``."""
    spans = sentences(text)
    i = SpanIndex(spans).find(start)
    return text if i is None else text[spans[i][0]:spans[i][1]]


def entry_is_taking(text: str, start: int, end: int) -> bool:
    """Whether the entry trigger at ``start:end`` of ``text`` takes the place: a completed
    entry ("entered", "moved into") of the whole place ("entered X", "entered the town") in a
    sentence that says no fighting in it goes on ("fighting continues", "still resisting",
    "street fighting", "clashes inside the town").

    Parameters
    ----------
    text : str
        The report.
    start, end : int
        The trigger's span.

    Returns
    -------
    bool
    """
    if not _COMPLETED_RE.fullmatch(text, start, end) or not _WHOLE_RE.match(text, end):
        return False
    return not fighting_goes_on(_sentence(text, start))


def fighting_goes_on(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` says fighting in the place goes on ("fighting continues",
    "still resisting", "street fighting", "clashes inside the town"): what makes an entry no
    taking. Fighting that ended with the entry ("entered the town after brief clashes") is
    none (docs/events.md, "Round nine": one rule for every entry).

    Parameters
    ----------
    text : str
    start, end : int
        The span read (the whole text by default).

    Returns
    -------
    bool
    """
    return _FIGHT_GOES_ON_RE.search(text, start, len(text) if end is None else end) is not None
