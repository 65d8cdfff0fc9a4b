"""A place fronted at the head of its sentence ("In X, …,") and a side said later in it to be
in control of the town, in its positions or to have entered or taken "the town": "In
Konduga, which the militants have attacked many times, the soldiers are still in their
positions", "In Tuz Khurmatu, residents said the militia was in control of the whole town",
"In Makhmur, Iraqi forces entered the town" (docs/events.md, "Round eight")."""

from __future__ import annotations

import re

from ..model import Feature
from ._entry_taking import fighting_goes_on
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


#: … or to have entered or taken "the town": the fronted place
_TOOK_TOWN_RE = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:also\s+|then\s+)?(?:(?:re-?)?entered|moved\s+into|took|seized|"
    r"captured|retook|recaptured|(?:took|seized|gained|assumed)\s+(?:full\s+)?control\s+of)\s+"
    r"the\s+(?:whole\s+|entire\s+)?(?:town|city|village)\b", re.IGNORECASE)
def fronted_holder(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The armed side said to be in control of the town, still in its positions, or to have
    entered or taken "the town", in a sentence that opens with ``f`` ("In X, …, the soldiers
    are still in their positions", "In X, …, Iraqi forces entered the town"), with no
    fighting said after it to go on (:func:`~._entry_taking.fighting_goes_on`); else
    ``None``.

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
        if a.start <= f.end or not a.side or not a.armed:
            continue
        if _PRESENT_RE.match(text, a.end) or (
                (took := _TOOK_TOWN_RE.match(text, a.end)) is not None
                and not fighting_goes_on(text, took.end(), sent.end)):
            return a
    return None
