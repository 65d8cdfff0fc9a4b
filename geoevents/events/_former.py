"""A hold told in the pluperfect outside reported speech: a former state that the report's
events have ended ("X, a symbol of the uprising, had been under opposition control since
2012", after its capture), not one standing on the report's day (docs/events.md, "Round
five")."""

from __future__ import annotations

import re

from ..model import Feature
from .sentence import Sentence
from .sides import ActorMatch

#: "had been (held / under / in)", "had held", "had long controlled"; not "had (full) control
#: of" (a simple past of "has control of")
_HAD_RE = re.compile(r"\bhad\s+(?:(?:still|long|already|also)\s+)*(?!(?:full\s+|firm\s+|"
                     r"effective\s+|complete\s+)?control\b)(?:been|held|controlled|occupied|"
                     r"run|kept)\b", re.IGNORECASE)


def former_hold(text: str, f: Feature, sent: Sentence, holder: ActorMatch) -> bool:
    """Whether the hold of ``f`` by ``holder`` is told in the pluperfect between the two,
    in a sentence that reports no one's words (a speaker's "had been" may be a backshift)."""
    if sent.claim is not None:
        return False
    lo, hi = min(f.end, holder.end), max(f.start, holder.start)
    return _HAD_RE.search(text, lo, hi) is not None if lo < hi else False
