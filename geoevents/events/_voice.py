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
from ._speaker import LIBERATED_RE, speaker_actor
from .sentence import Sentence, Trigger
from .sides import ActorMatch

#: "our troops", "our own forces": the possessive just before a generic actor word
_OUR_RE = re.compile(r"\bour\s+(?:own\s+)?$", re.IGNORECASE)


@functools.cache
def _capitals() -> dict[str, tuple[str, str]]:
    """Country (ISO alpha-2) → (its name, the name of its national capital), from
    ``_capitals.csv``."""
    return {r["country"]: (r["region"], r["capital"]) for r in read_table("_capitals.csv")
            if not r["admin1"]}


def dateline_voice(text: str, features: Sequence[Feature],
                   spans: Sequence[tuple[int, int]]) -> ActorMatch | None:
    """The state the report speaks for when its dateline is a national capital ("NEW DELHI,
    Dec 9 - Following is the text of the briefing …"): that country as a speaking state
    actor (:func:`speaker_actor`), or ``None`` when the dateline names no capital (or there
    is none)."""
    for f in features:
        if f.start > 400:
            break
        country = _capitals().get(f.country or "")
        if country is None or f.place != country[1]:
            continue
        span = next(((s, e) for s, e in spans if s <= f.start < e), None)
        if span is not None and dateline_span(text, f, *span):
            return speaker_actor(country[0], f.start, f.end)
    return None


def voiced_liberation(t: Trigger | None, sent: Sentence, voice: ActorMatch | None
                      ) -> ActorMatch | None:
    """The taker of a passive liberation with no agent and no speaker in its sentence
    ("Comilla town was liberated yesterday", in a briefing filed from New Delhi): the
    report's voice (:func:`dateline_voice`); else ``None``."""
    if voice is None or t is None or not t.passive or t.cat != "take" or sent.claim:
        return None
    return voice if LIBERATED_RE.match(t.text) else None


def our_forces(text: str, actors: list[ActorMatch], voice: ActorMatch | None
               ) -> list[ActorMatch]:
    """``actors`` with the generic state forces after "our" ("our troops") given the side
    of ``voice`` (:func:`dateline_voice`); the same list when ``voice`` is ``None``. A
    speaker named in the sentence still speaks for its own forces (events.sentence)."""
    if voice is None:
        return actors
    return [ActorMatch(a.text, a.start, a.end, a.rule, voice.side)
            if a.rule.generic and a.rule.inter == 1 and a.side != voice.side
            and _OUR_RE.search(text, max(0, a.start - 12), a.start) else a for a in actors]
