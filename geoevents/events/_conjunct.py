"""A coordinated subject whose nearer conjunct has no side: "Russian troops and local
militia seized X" is the taking of the conjunct that has one (docs/events.md, "Round
eight")."""

from __future__ import annotations

import re

from .sides import ActorMatch

#: between two conjuncts of one subject: "and (the / their / its)" and at most two words
#: ("and Ossetian", "and allied local"), no comma nor verb of a clause of its own
_AND_RE = re.compile(r"\s+and\s+(?:the\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)


def sided_conjunct(text: str, before: list[ActorMatch]) -> ActorMatch | None:
    """The armed actor with a side coordinated directly before the last of ``before`` (the
    actors before a verb, in text order) when that last one has no side; else ``None``.

    Parameters
    ----------
    text : str
    before : list of ActorMatch
        The usable actors before the verb, in text order.

    Returns
    -------
    ActorMatch or None
    """
    if len(before) < 2 or before[-1].side:
        return None
    prev, last = before[-2], before[-1]
    if prev.armed and prev.side and _AND_RE.fullmatch(text, prev.end, last.start):
        return prev
    return None
