"""A place fronted at the head of its sentence ("In X, …,") and a side said later in it to be
in control of the town or in its positions: "In Konduga, which the militants have attacked
many times, the soldiers are still in their positions", "In Tuz Khurmatu, residents said the
militia was in control of the whole town" (docs/events.md, "Round eight")."""

from __future__ import annotations

import re

from ..model import Feature
from .sentence import Sentence
from .sides import ActorMatch

#: the sentence's head before the place: "In ", "In the town of "
_HEAD_RE = re.compile(r"\s*(?:In|Inside)\s+(?:the\s+(?:town|city|village|district)\s+of\s+)?")
#: after the actor: in control of the (whole) town, in its positions
_PRESENT_RE = re.compile(
    r"\s+(?:is|are|was|were|remains?|remained|stays?|stayed)\s+(?:(?:still|now|firmly|fully|"
    r"also)\s+)*in\s+(?:(?:full|firm|complete|total)\s+control\s+of\s+the\s+(?:whole\s+|entire\s+)?"
    r"(?:town|city|village|district)\b|control\s+of\s+the\s+(?:whole\s+|entire\s+)?(?:town|city|"
    r"village|district)\b|(?:their|its)\s+positions\b(?!\s+(?:on|at|near|around|outside)\b))",
    re.IGNORECASE)


def fronted_holder(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The armed side said to be in control of the town, or still in its positions, in a
    sentence that opens with ``f`` ("In X, …, the soldiers are still in their positions");
    else ``None``.

    Parameters
    ----------
    text : str
    f : Feature
    sent : Sentence

    Returns
    -------
    ActorMatch or None
    """
    if not _HEAD_RE.fullmatch(text, sent.start, f.start) or "," not in text[f.end:f.end + 2]:
        return None
    for a in sent.actors:
        if a.start > f.end and a.side and a.armed and _PRESENT_RE.match(text, a.end):
            return a
    return None
