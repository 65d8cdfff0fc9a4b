"""A place described as where a side keeps its garrison or base: "X, a town 55 km away where
the army has a garrison", "X, where the rebels keep their headquarters" (docs/events.md,
"Round seven")."""

from __future__ import annotations

import re

from ..model import Feature
from ._apposed import apposition_end
from .sentence import Sentence
from .sides import ActorMatch

#: from the place to the actor: ", where" or ", a town … where"
_WHERE_RE = re.compile(r"\s*,\s*(?:(?:the|an?)\s+[^,;.]{0,80}?\s)?where\s+(?:the\s+)?")
#: after the actor: "has a garrison", "still keeps its main base", "maintains a large barracks"
_KEEPS_RE = re.compile(
    r"\s+(?:still\s+|also\s+)?(?:has|had|have|keeps?|kept|maintains?|maintained|retains?|"
    r"retained)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:garrison|base|headquarters|"
    r"barracks|command\s+post)\b", re.IGNORECASE)


#: … or has its troops there: "has been assembling troops", "has regrouped", "is stationed"
_STATIONED_RE = re.compile(
    r"\s+(?:(?:has|had|have)\s+(?:been\s+)?(?:still\s+|also\s+)?(?:(?:assembling|massing|"
    r"concentrating|gathering)\s+(?:its\s+|their\s+)?(?:troops|forces|units|reinforcements)|"
    r"regrouped|dug\s+in)|(?:is|are|was|were)\s+(?:still\s+)?(?:based|stationed|garrisoned|"
    r"dug\s+in))\b", re.IGNORECASE)


def garrison_holder(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The armed side the words after ``f`` say keeps a garrison, base or headquarters there
    ("X, a town … where the army has a garrison") or has its troops there ("X, where the
    army has regrouped / has been assembling troops"); else ``None``."""
    for a in sent.actors:
        if a.start < f.end or a.side is None or not a.armed or a.start - f.end > 120:
            continue
        if _WHERE_RE.fullmatch(text, f.end, a.start) and (
                _KEEPS_RE.match(text, a.end) or _STATIONED_RE.match(text, a.end)):
            return a
    return None


#: what a garrison does when it gives its place up: "surrendered", "gave up", "laid down its
#: arms", "capitulated", "withdrew", "pulled out", "was overrun"; how a side's hold on a place
#: ends: "ended", "collapsed", "was broken" (round fourteen)
_GAVE_UP_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:has|had|have)\s+)?(?:(?:finally|later|then|also|eventually|reportedly)"
    r"\s+)?(?:surrender(?:ed|s)?|gave\s+up|gives\s+up|given\s+up|capitulated?|capitulates|"
    r"laid\s+down|lays\s+down|la(?:y|id)\s+down|withdr[ea]w|withdrawn|pulled\s+out|"
    r"pulls\s+out|fled|abandoned|evacuated|ended|ends|came\s+to\s+an\s+end|collapsed|"
    r"crumbled|(?:was|were|has\s+been|had\s+been)\s+(?:broken|ended|"
    r"overrun|wiped\s+out|destroyed|taken\s+prisoner|captured|disarmed|evacuated))\b",
    re.IGNORECASE)


def garrison_gave_up(text: str, end: int, stop: int, after: int | None) -> bool:
    """Whether the garrison named before a place ending at ``end`` gives the place up in
    the words after it, past an apposition ending at ``after``: "the army garrison in X
    surrendered", "the garrison at X, a town …, gave up" (docs/events.md, "Round
    fourteen")."""
    return any(g is not None and _GAVE_UP_RE.match(text, g, stop) is not None
               for g in (end, after))


#: from a side to its place: "the army garrison in X", "Pakistan's garrison of X", the
#: garrison noun in the actor's own name ("the government garrison") or after it
_GARRISON_GAP_RE = re.compile(
    r"(?:['’]s?)?(?:(?P<noun>(?:\s+[\w-]+){0,2}?\s+garrisons?)?\s+(?:of|in|at)|(?P<hold>\s+"
    r"(?:(?:full|firm|tight|effective|complete|continued)\s+)?(?:hold|grip|control)\s+(?:on|of|"
    r"over)))\s+(?:the\s+)?(?:(?:town|city|village|port|fortress|citadel)\s+of\s+)?",
    re.IGNORECASE)


def garrison_loser(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The side whose garrison in ``f`` gives the place up, or whose hold on it ends: "the
    army garrison in X surrendered", "the government garrison at X, a diamond town, gave up",
    "the rebels' hold on X ended" — a loss of that side (docs/events.md, "Round fourteen");
    else ``None``."""
    for a in sent.actors:
        if a.end > f.start or f.start - a.end > 40 or a.side is None or not a.armed:
            continue
        m = _GARRISON_GAP_RE.fullmatch(text, a.end, f.start)
        if m is None or not (m.group("noun") or m.group("hold")
                             or re.search(r"garrisons?$", a.text, re.IGNORECASE)):
            continue
        if garrison_gave_up(text, f.end, sent.end, apposition_end(text, f.end, sent.end)):
            return a
    return None
