"""A loss said with a noun phrase of control: "X was (completely) out of their control"
(docs/events.md, "Control statements as wire copy writes them", round four)."""

from __future__ import annotations

import re

from ..model import Feature
from .sentence import Sentence
from .sides import ActorMatch

#: "X was completely out of their control", "X, <apposition>, is now beyond the army's
#: control", "X slipped out of government control": group ``pron`` when a pronoun stands for
#: the loser, else the loser is named in the words after "of"
_OUT_OF_RE = re.compile(
    r"(?:\s*,[^,;.]{1,80},)?\s+(?:(?:is|was|are|were|had\s+been|has\s+been|have\s+been|"
    r"remains?|remained|fell|slipped|passed)\s+)?(?:(?:now|completely|entirely|totally|fully|"
    r"effectively|already|largely)\s+)*(?:out\s+of|beyond)\s+(?:(?P<pron>their|its|his|our)\s+|"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,4}?)(?:full\s+)?control\b", re.IGNORECASE)


def out_of_control(text: str, f: Feature, sent: Sentence) -> ActorMatch | None:
    """The side that lost ``f`` when the sentence says "X was out of their control": the
    last actor with a side named before X in the sentence for a pronoun ("their", "its"),
    else the actor named just before "control" ("out of the army's control", "out of
    Russian control"); ``None`` when the sentence does not say so."""
    m = _OUT_OF_RE.match(text, f.end, sent.end)
    if m is None:
        return None
    if m.group("pron"):
        before = [a for a in sent.actors if a.end <= f.start and a.side]
        return before[-1] if before else None
    tail = m.end() - len("control")
    return next((a for a in sent.actors if a.side and f.end < a.start and a.end <= tail + 1
                 and re.fullmatch(r"(?:['’]s?)?\s*(?:full\s+)?", text[a.end:tail])), None)
