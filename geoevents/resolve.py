"""Resolution: choose each mention's place from its candidates, using the document's context.

Evidence, in the order it is weighed:

* country cues — demonyms ("Syrian"), countries named in the text, and the countries of
  unambiguous places — favour candidates in those countries;
* coherence — candidates near the other places chosen in the document are favoured;
* size — population (log scale) breaks the remaining ties, and countries, regions and
  continents win for their own names;
* the feature word — "the village of X" wants a settlement; "X hilltop" or "the X
  neighbourhood" never takes a far-away town of the same name (such names are placed from
  what the text says about them instead).

References ("the city", "the town") take the nearest preceding settlement in the last few
sentences, or else the settlement the document mentions most.
"""

from __future__ import annotations

import math
from collections import Counter

from ._geodesy import distance_m
from .extract import Extraction
from .model import Mention, Place

#: Feature words that name a settlement; other feature words never resolve to one.
SETTLEMENT_FEATURES = {"village", "town", "city", "area", "region", "district", None}
_KIND_FOR_FEATURE = {
    "hill": {"hill", "mountain"}, "mountain": {"hill", "mountain"},
    "neighbourhood": {"neighbourhood", "district"}, "district": {"neighbourhood", "district",
                                                                 "admin2", "admin1"},
    "base": {"base", "airport"}, "airport": {"airport", "base"},
}


def _score(p: Place, mention: Mention, cues: Counter, near: list[Place]) -> float:
    s = math.log10(p.population + 10) / 8.0
    total = sum(cues.values())
    if total and p.country:
        s += 2.0 * cues.get(p.country, 0) / total
    if p.kind in ("country", "continent"):
        s += 1.5
    elif p.kind == "admin1":
        s += 0.6
    if p.id.startswith("overlay:"):
        s += 0.5
    if near:
        d = min(distance_m(p.lat, p.lon, q.lat, q.lon) for q in near if q is not p) \
            if any(q is not p for q in near) else None
        if d is not None:
            s += 1.0 * math.exp(-d / 150_000)
    return s


def _compatible(p: Place, mention: Mention) -> bool:
    feat = mention.feature
    if mention.role != "named" or feat in SETTLEMENT_FEATURES:
        return True
    return p.kind in _KIND_FOR_FEATURE.get(feat, {feat})


def resolve(ex: Extraction) -> list[Mention]:
    """Choose a place for every toponym and named mention; link references to antecedents.

    Sets ``mention.place`` and ``mention.confidence`` (0–1) in place and returns the mentions.
    """
    cues: Counter = Counter(ex.cue_countries)
    named = [m for m in ex.mentions if m.role in ("toponym", "named") and m.candidates]
    for m in named:
        countries = {p.country for p in m.candidates if p.kind == "country"}
        if len(m.candidates) == 1 or countries:
            for c in countries or {m.candidates[0].country}:
                if c:
                    cues[c] += 2
    chosen: list[Place] = []
    for rnd in range(2):
        new_chosen: list[Place] = []
        for m in named:
            cands = [p for p in m.candidates if _compatible(p, m)]
            if not cands:
                m.place, m.confidence = None, 0.0
                continue
            scored = sorted(((_score(p, m, cues, chosen if rnd else []), p) for p in cands),
                            key=lambda sp: (-sp[0], sp[1].id))
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            m.place = best
            m.confidence = round(min(1.0, 0.55 + 0.45 * math.tanh(2 * (best_s - second))), 3) \
                if len(scored) > 1 else 0.95
            new_chosen.append(best)
        chosen = new_chosen
    _link_references(ex)
    return ex.mentions


def _link_references(ex: Extraction) -> None:
    settlements = [m for m in ex.mentions if m.place is not None and m.place.is_settlement]
    counts = Counter(m.place.id for m in settlements if m.place)
    focus = None
    if counts:
        top = max(counts.values())
        focus = next(m for m in settlements if m.place and counts[m.place.id] == top)
    implicit = [a for e in ex.expressions for a in e.anchors if a.feature == "implicit"]
    sent_starts = [s for s, _ in ex.sentences]

    def sent_index(pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    for ref in [m for m in ex.mentions if m.role == "reference"] + implicit:
        si = sent_index(ref.start)
        prev = [m for m in settlements if m.end <= ref.start and si - sent_index(m.start) <= 3]
        ref.antecedent = prev[-1] if prev else focus
        ref.confidence = 0.8 if prev else (0.6 if focus else 0.0)
