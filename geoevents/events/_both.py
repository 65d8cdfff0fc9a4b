"""A sentence whose subject is "both towns" / "the two towns" and that says who holds them
gives that status to the two places named last before it: "… around Argun and Urus-Martan.
Both towns are still held by the separatists" (docs/events.md, "Round nine")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Feature
from ._why import add_why
from .control import held_span, is_region
from .sentence import OPENER, analyse_sentence
from .sides import ActorMatch

_BOTH_RE = re.compile(rf"{OPENER}(?:both|the\s+two)\s+(?:towns|cities|villages|settlements|"
                      r"places)\b", re.IGNORECASE)


def both_towns(text: str, spans: Sequence[tuple[int, int]], out: list[Feature],
               actors: list[ActorMatch]) -> None:
    """Give the two places named last before a sentence whose subject is "both towns" or
    "the two towns" the holder its predicate names ("are still held by Y", "remain in Y's
    hands"), each place that has no status of its own from its own sentence; the features
    of ``out`` are changed in place.

    Parameters
    ----------
    text : str
    spans : sequence of (int, int)
        The sentences.
    out : list of Feature
    actors : list of ActorMatch
        The report's actors, in text order.
    """
    if "both" not in text.lower() and "two" not in text.lower():
        return
    places = sorted((f for f in out if f.relation == "place" and not is_region(f)),
                    key=lambda f: f.start)
    for s, e in spans:
        m = _BOTH_RE.match(text, s)
        if m is None:
            continue
        before = [f for f in places if f.end <= s]
        pair = []
        for f in reversed(before):
            if all(f.text != g.text for g in pair):
                pair.append(f)
            if len(pair) == 2:
                break
        if len(pair) < 2:
            continue
        sent = analyse_sentence(text, s, e, [a for a in actors if s <= a.start < e], actors)
        held = held_span(text, m.end() - len(m.group(0).split()[-1]), m.end(), sent)
        if held is None:
            continue
        holder, partial = held
        status = "contested" if partial else "held"
        for f in pair:
            if f.status not in (None, "unknown"):
                continue
            f.status, f.side = status, None if partial else holder.side
            add_why(f, f"status {status} from the next sentence: {m.group(0).strip()!r} held "
                       f"by {holder.text!r}")
