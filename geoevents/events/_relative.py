"""A relative clause of holding said of "the town" that stands for the last place named:
"…, isolating the town, which IS still holds" (docs/events.md, "Control statements as wire
copy writes them", round four)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Feature
from ..text import find_all, folded_lower
from .sentence import Sentence
from .sides import ActorMatch

#: "the town, which", "the city that": the head of the relative
_TOWN_WHICH_RE = re.compile(r"\b(?:the|that|this)\s+(?:town|city|village|settlement)\s*,?\s*"
                            r"(?:which|that)\s+(?:the\s+)?", re.IGNORECASE)
#: the relative's verb after its subject: "still holds", "has held since 2014", "controls"
_HOLDS_RE = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:(?:still|now|also|"
                       r"firmly|already|long)\s+)*(?:been\s+)?(?:holds?|held|holding|controls?|"
                       r"controlled|controlling|runs?|occup(?:y|ies|ied))\b", re.IGNORECASE)


def town_relative(text: str, f: Feature, sent: Sentence, feats: Sequence[Feature]
                  ) -> ActorMatch | None:
    """The holder of ``f`` when a later "the town, which Y (still) holds" in its sentence
    stands for it: ``f`` is the last place (``relation == "place"``) named before "the town"
    (features derived from it, "the X air base", may stand between)."""
    if f.relation != "place":
        return None
    m = _TOWN_WHICH_RE.search(text, f.end, sent.end)
    if m is None or any(g.relation == "place" and f.end <= g.start < m.start() for g in feats):
        return None
    return next((a for a in sent.actors if a.side and a.armed and m.end() <= a.start
                 <= m.end() + 2 and _HOLDS_RE.match(text, a.end)), None)


#: "… retorted that the town was in Ukrainian hands": "the town" opening a reported clause
_THAT_TOWN_RE = re.compile(r"\b(?:said|says|retorted|insisted|added|stated|replied|claimed)\s+"
                           r"(?:[^.;:]{0,60}?\band\s+)?that\s+(?P<np>(?:the|this)\s+(?:town|"
                           r"city|village|settlement))\b(?!\s+of\b)", re.IGNORECASE)


def that_town(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where "the town" opens a clause of reported speech in the sentence ``text[start:end]``
    ("Kyiv retorted that the town was in Ukrainian hands"): its ``np`` group."""
    return _THAT_TOWN_RE.search(text, start, end)


#: the nouns one of which a match of "the town" (control.the_town) or of that_town holds
_TOWN_NOUNS = ("town", "city", "village", "settlement", "hamlet")


def town_nouns(text: str) -> list[int]:
    """Where a town noun ("town", "city", "village", "settlement", "hamlet", in any case)
    begins in ``text``, ascending: a sentence with none from its start on names no "the
    town" (:func:`that_town`, ``control.the_town``)."""
    return find_all(folded_lower(text), _TOWN_NOUNS)
