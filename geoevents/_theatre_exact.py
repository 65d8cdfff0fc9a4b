"""In a terse note, the inferred theatre is a prior on exactly named places too: a small
namesake far outside it is no reading of the name. Specification: docs/resolution.md,
"Round six"."""

from __future__ import annotations

from collections import Counter

from ._homonyms import DOMINANT_CUE_SHARE
from ._theatre import is_loose, neighbours
from .model import Mention, Theatre

#: A settlement outside the inferred theatre and its land neighbours stays a reading of its
#: name from this size on (a town the size of Kunduz is named from afar; the threshold of
#: :data:`geoevents._homonyms.STRAY_MAX_POPULATION`).
OUTSIDE_MIN_POPULATION = 100_000
#: Kinds that are no small namesake: a country or a region is named from afar.
_AREAS = frozenset({"country", "continent", "admin1", "region"})


def prune_outside_theatre(named: list[Mention], theatre: Theatre, cues: Counter) -> None:
    """Leave unplaced an exact name whose every reading lies outside the ``theatre`` (inferred
    from the note's cues) and its countries' land neighbours and is neither an area nor a
    settlement of :data:`OUTSIDE_MIN_POPULATION`: "Abu Salim" in a note about the LNA is no
    village of Palestine, and so pulls "Tripoli" to Lebanon no more. A name with some other
    reading keeps all its candidates: the choice weighs them (an inferred theatre may be
    wrong; loose matches: :func:`geoevents._theatre.prune_loose`). Only a theatre that holds
    :data:`~geoevents._homonyms.DOMINANT_CUE_SHARE` of the ``cues`` it was inferred from is
    such a prior: "Russian artillery" says Ukraine no more than Georgia."""
    total = sum(cues.values())
    if not total or sum(cues.get(c, 0) for c in theatre.countries) / total < DOMINANT_CUE_SHARE:
        return
    near = set(theatre.countries).union(*(neighbours(c) for c in theatre.countries))
    for m in named:
        if m.role != "toponym" or is_loose(m):
            continue
        if not any(p.country in near or theatre.contains(p) or p.kind in _AREAS
                   or p.population >= OUTSIDE_MIN_POPULATION for p in m.candidates):
            m.candidates = ()
