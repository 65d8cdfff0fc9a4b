"""A coordinated subject whose nearer conjunct has no side: "Russian troops and local
militia seized X" is the taking of the conjunct that has one (docs/events.md, "Round
eight"); a subject of two sided actors straight before a verb of taking or entering ("A and
B have taken X") is the first one's, the leading side (round twelve)."""

from __future__ import annotations

import re

from .sides import ActorMatch

#: between two conjuncts of one subject: "and (the / their / its)" and at most two words
#: ("and Ossetian", "and allied local"), no comma nor verb of a clause of its own
_AND_RE = re.compile(r"\s+and\s+(?:the\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)


#: the verb right after the last conjunct: "A and B have taken X" (a subject of two)
_VERB_AFTER_RE = re.compile(r"\s+(?:(?:have|has|had)\s+(?:now\s+|also\s+|jointly\s+)?)?"
                            r"(?:took|taken|captured|seized|entered|retook|recaptured|overran)\b",
                            re.IGNORECASE)


def sided_conjunct(text: str, before: list[ActorMatch]) -> ActorMatch | None:
    """The armed actor with a side coordinated directly before the last of ``before`` (the
    actors before a verb, in text order) when that last one has no side, or when a verb of
    taking or entering follows it straight away ("A and B have taken X"); else ``None``.

    Parameters
    ----------
    text : str
    before : list of ActorMatch
        The usable actors before the verb, in text order.

    Returns
    -------
    ActorMatch or None
    """
    if len(before) < 2:
        return None
    prev, last = before[-2], before[-1]
    if last.side and not _VERB_AFTER_RE.match(text, last.end):
        return None
    if prev.armed and prev.side and _AND_RE.fullmatch(text, prev.end, last.start):
        return prev
    return None
