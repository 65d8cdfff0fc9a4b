"""First-person forces with no speaker: "our troops entered X" in a briefing filed from a
national capital ("NEW DELHI, Dec 9 - Following is the text of the briefing …") are the
forces of the state speaking from that capital, not those of the report's country
(docs/events.md, "Round twelve")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .._tables import read_table
from ..model import Feature
from ._dateline import dateline_span
from ._state import state_side
from .sides import ActorMatch

#: "our troops", "our own forces": the possessive just before a generic actor word
_OUR_RE = re.compile(r"\bour\s+(?:own\s+)?$", re.IGNORECASE)


@functools.cache
def _capitals() -> dict[str, str]:
    """Country (ISO alpha-2) → the name of its national capital (``_capitals.csv``)."""
    return {r["country"]: r["capital"] for r in read_table("_capitals.csv") if not r["admin1"]}


def dateline_state(text: str, features: Sequence[Feature],
                   spans: Sequence[tuple[int, int]]) -> str | None:
    """The state side of the national capital the report was filed from (its dateline), or
    ``None`` when the dateline names no capital (or there is none)."""
    for f in features:
        if f.start > 400:
            break
        if not f.country or f.place != _capitals().get(f.country):
            continue
        span = next(((s, e) for s, e in spans if s <= f.start < e), None)
        if span is not None and dateline_span(text, f, *span):
            return state_side(f.country)
    return None


def our_forces(text: str, actors: list[ActorMatch], voice: str | None) -> list[ActorMatch]:
    """``actors`` with the generic state forces after "our" ("our troops") given the side
    ``voice`` (:func:`dateline_state`); the same list when ``voice`` is ``None``. A speaker
    named in the sentence still speaks for its own forces (events.sentence)."""
    if voice is None:
        return actors
    return [ActorMatch(a.text, a.start, a.end, a.rule, voice)
            if a.rule.generic and a.rule.inter == 1 and a.side != voice
            and _OUR_RE.search(text, max(0, a.start - 12), a.start) else a for a in actors]
