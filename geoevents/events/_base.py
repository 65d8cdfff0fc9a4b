"""A place named as a side's base or stronghold: "X, al-Shabaab's main base", "X, which
remains the rebels' last stronghold", "X, a town that has become their main base"
(docs/events.md, "Round five")."""

from __future__ import annotations

import re

from ..model import Feature
from .sentence import Sentence
from .sides import ActorMatch

#: from the place to the possessor: an apposition's opening, or a relative that makes the place
#: one ("which remains", "a port that has become"); not "once" or "former" (a past base)
_LEAD = (r"(?:\s+itself)?\s*,\s*(?:(?:the|an?)\s+[^,;.]{0,60}?\s(?:that|which)\s+"
         r"(?:(?:has|had)\s+become|became|(?:still\s+)?remains?|is|was)\s+|(?:which|that)\s+"
         r"(?:(?:has|had)\s+become|became|(?:still\s+)?remains?|remained|is)\s+)?"
         r"(?:(?:now|still|also)\s+)?(?:one\s+of\s+)?(?:the\s+)?")
_LEAD_RE = re.compile(_LEAD, re.IGNORECASE)
_PRONOUN_RE = re.compile(_LEAD + r"(?:their|its)\s", re.IGNORECASE)
#: the base itself, after the possessor: "'s main base", "' last stronghold", "main base"
_BASE = (r"(?:(?:last|main|key|remaining|major|principal|biggest|largest|chief|only|rear|"
         r"forward|military|operational|logistics|[a-z]+ern)\s+){0,3}(?:strongholds?|bastions?|"
         r"bases?|headquarters|redoubts?|fortress(?:es)?|heartland|garrisons?|capital)\b")
_POSSESSED_RE = re.compile(r"['’]s?\s+" + _BASE, re.IGNORECASE)
_BASE_RE = re.compile(r"\s*" + _BASE, re.IGNORECASE)
#: … or before it, with "of": "X, the seat of the FN", "X, the de facto capital of the LTTE"
#: (round nine)
_OF_BASE_RE = re.compile(_LEAD + r"(?:(?:so-called|de\s+facto|self-declared|self-styled|"
                         r"[a-z]+)\s+){0,3}?(?:seat|headquarters|strongholds?|bastion|base|"
                         r"capital)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def base_holder(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The armed side whose base or stronghold the words after ``f`` say it is: a possessor
    named there ("X, the LNA's main base", "X, which remains the rebels' last stronghold",
    "X, the de facto capital of the Tigers"), or "their / its" for the last armed actor
    named before ``f`` in its sentence."""
    for a in sent.actors:
        if a.start < f.end or a.side is None or not a.armed or a.start - f.end > 90:
            continue
        if _LEAD_RE.fullmatch(text, f.end, a.start) and _POSSESSED_RE.match(text, a.end):
            return a
        if _OF_BASE_RE.fullmatch(text, f.end, a.start) and not (
                a.rule.generic and a.rule.inter in (1, 3)) and not text.startswith("-", a.end):
            # not a state's generic words ("the seat of the government"), nor a holder of the
            # region named ("the summer capital of Indian-controlled Kashmir")
            return a
    p = _PRONOUN_RE.match(text, f.end, sent.end)
    if p is None or not _BASE_RE.match(text, p.end()):
        return None
    before = [a for a in sent.actors if a.end <= f.start and a.armed and a.side]
    return before[-1] if before else None
