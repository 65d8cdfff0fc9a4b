"""A sentence whose subject is "It" and that says who holds it gives that status to the
place that is the subject of the sentence before: "The Zeta district … is now cut off. It
remains under the control of government units" (docs/events.md, "Round ten")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ..model import Feature
from ._why import add_why
from .control import held_span, is_region
from .sentence import analyse_sentence
from .sides import ActorMatch

#: "It" opening a sentence, before a verb of state
_IT_RE = re.compile(r"\s*It(?=\s+(?:still\s+|now\s+|also\s+)*(?:remains?|remained|is|was|"
                    r"has\s+been|had\s+been|stays?|stayed)\b)")
#: what may stand before the subject of the sentence before: "The", "The town of"
_SUBJECT_LEAD_RE = re.compile(r"\s*(?:The\s+(?:(?:town|city|village|district|region)\s+of\s+)?)?")


def it_holds(text: str, spans: Sequence[tuple[int, int]], out: list[Feature],
             actors: list[ActorMatch]) -> None:
    """Give the place that opens a sentence the holder the next sentence names when that one
    opens with "It" and a predicate of holding ("It remains under the control of Y", "It is
    held by Y"), if the place has no status of its own; the features of ``out`` are changed
    in place.

    Parameters
    ----------
    text : str
    spans : sequence of (int, int)
        The sentences, in text order.
    out : list of Feature
    actors : list of ActorMatch
        The report's actors, in text order.
    """
    if "It " not in text:
        return
    # a district too: "The X district … It remains under …" (districts are held like towns)
    places = sorted((f for f in out if f.relation == "place"
                     and (not is_region(f) or re.search(r"\bdistrict\b", f.text, re.I))),
                    key=lambda f: f.start)
    for (ps, pe), (s, e) in itertools.pairwise(spans):
        m = _IT_RE.match(text, s)
        if m is None:
            continue
        lead = _SUBJECT_LEAD_RE.match(text, ps)
        subject = next((f for f in places if f.start == lead.end() and f.end <= pe), None)
        if subject is None or subject.status not in (None, "unknown"):
            continue
        sent = analyse_sentence(text, s, e, [a for a in actors if s <= a.start < e], actors)
        held = held_span(text, m.end() - 2, m.end(), sent)
        if held is None:
            continue
        holder, partial = held
        status = "contested" if partial else "held"
        subject.status, subject.side = status, holder.side
        subject.claimed_by = subject.claimed_by or (sent.claim.claimant if sent.claim else None)
        add_why(subject, f"status {status} ({holder.side}) from the next sentence: 'It' "
                         f"{'partly ' if partial else ''}held by {holder.text!r}")
