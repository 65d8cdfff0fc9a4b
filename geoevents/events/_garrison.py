"""A place described as where a side keeps its garrison or base: "X, a town 55 km away where
the army has a garrison", "X, where the rebels keep their headquarters" (docs/events.md,
"Round seven")."""

from __future__ import annotations

import re

from ..model import Feature
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
