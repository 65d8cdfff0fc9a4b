"""In a terse note, the inferred theatre is a prior on exactly named places too: a small
namesake far outside it is no reading of the name, nor is a region abroad read from a generic
name or beside the theatre's namesake; a bare "the capital" is the theatre's.
Specification: docs/resolution.md, "Round six" and "Round eight"."""

from __future__ import annotations

from collections import Counter

from ._homonyms import DOMINANT_CUE_SHARE
from ._theatre import is_loose, neighbours
from .extract import BARE_CAPITAL
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


#: Words of a generic region name ("Centre", "Central Region", "Highlands"): compass and
#: position words and the words for a region. Such a name says no country: in a note it is
#: read as a region only where the note is, and is no cue.
_GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center middle "
    "upper lower highlands lowlands midlands interior coast region province state district "
    "county zone".split())
#: Kinds of a region of one country (a supranational region, "the Middle East", has none).
_REGIONS = frozenset({"admin1", "admin2", "region"})


def is_generic(name: str) -> bool:
    """Whether ``name`` is made of generic region words only ("Centre", "Central Region")."""
    words = name.lower().replace("-", " ").split()
    return bool(words) and all(w in _GENERIC_WORDS for w in words)


def prune_areas_abroad(named: list[Mention], theatre: Theatre | None, cues: Counter) -> None:
    """In a terse note, drop a region reading of an exact name that lies outside where the
    note is — the inferred ``theatre`` and its countries' land neighbours, else the countries
    its ``cues`` weigh most and their neighbours — when the name is generic (:func:`is_generic`:
    "the Centre", Pakistani and Indian English for the federal government, is no region of
    Burkina Faso) or has a reading in the theatre ("Palpa" in a note about Nepal is Nepal's,
    not Peru's). A generic name with no reading where the note is, or in a note with no cue
    at all, is left unplaced: nothing says which is meant. A name with a supranational
    reading ("the Middle East") is named from afar and kept."""
    if theatre is not None:
        where = set(theatre.countries)
    else:  # (an actor's secondary countries, at half weight, say little)
        top = max(cues.values(), default=0)
        where = {c for c, w in cues.items() if w > 0 and w == top}
    near = where.union(*(neighbours(c) for c in where))
    for m in named:
        if (m.role != "toponym" or is_loose(m) or not m.candidates
                or any(p.kind in _REGIONS and not p.country for p in m.candidates)):
            continue  # (a supranational region, "the Middle East", is named from afar)
        generic = is_generic(m.name)
        if not generic and (theatre is None or not any(theatre.contains(p)
                                                       for p in m.candidates)):
            continue
        if generic and not near:
            m.candidates = ()
            continue
        keep = tuple(p for p in m.candidates if p.kind not in _REGIONS or not p.country
                     or p.country in near or (theatre is not None and theatre.contains(p)))
        if generic and not any(p.country in near for p in keep):
            keep = ()
        if len(keep) != len(m.candidates):
            m.candidates = keep


def keep_capital_in_theatre(named: list[Mention], theatre: Theatre | None, *, terse: bool
                            ) -> None:
    """A note's bare "the capital" (:data:`~geoevents.extract.BARE_CAPITAL`: every country's
    capital its candidates, a modifier) is the capital of the note's ``theatre`` (inferred or
    the user's) when it holds one country, and a place of the note; with none, or in an
    article (not ``terse``: it ranges over many places), it is left unplaced, a modifier
    (docs/resolution.md, "Round eight")."""
    for m in named:
        if m.name != BARE_CAPITAL or m.role != "named":
            continue
        keep = (tuple(p for p in m.candidates if theatre.contains(p))
                if terse and theatre is not None else ())
        m.candidates = keep if len(keep) == 1 else ()
        m.modifier = not m.candidates  # a place of the note now
