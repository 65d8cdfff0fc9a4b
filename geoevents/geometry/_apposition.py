"""The place named before an offset or direction apposition ("X, 5 km west of Y, …"): is it
where the gazetteer puts it, or where the text does (docs/geometry.md, "Appositive relations")."""

from __future__ import annotations

import shapely
from shapely.geometry import Point

from .._geodesy import lonlat_to_local
from ..model import Mention, Place
from .relations import Loc, extent_m

#: A subject's gazetteer point within this distance of the region the text gives it (or
#: within the subject's own extent, when larger) is where the text puts it.
SUBJECT_TOLERANCE_M = 2_000.0


def _gap_m(p: Place, loc: Loc, region: shapely.Geometry) -> float:
    """How far ``p`` lies outside the region the text gives (0 inside), less its tolerance."""
    x, y = lonlat_to_local(p.lat, p.lon, loc.lat0, loc.lon0)
    return max(0.0, region.distance(Point(x, y)) - max(SUBJECT_TOLERANCE_M, extent_m(p)[0]))


#: Feature words under which a name is a settlement ("the village of X"): a hilltop, a
#: neighbourhood or a base named like a town is no firm match for the town.
_SETTLEMENT_FEATURES = frozenset({None, "village", "town", "city"})


#: How far outside the apposition's region a firmly resolved subject may lie and keep its
#: point: this, or this share of the distance the text states, whichever is larger (reports
#: round distances and measure them from another town than the anchor read).
FIRM_GAP_M = 50_000.0
FIRM_GAP_SHARE = 2.0


def _firm(subject: Mention, p: Place, loc: Loc, gap_m: float, distance_m: float | None) -> bool:
    """A settlement, written as one, resolved in the anchor's own country, not far off the
    apposition's region: its gazetteer point stands even when the offset disagrees (a
    homonym abroad or across a large country, or a hilltop named like a town, yields to the
    text)."""
    return (p.is_settlement and subject.feature in _SETTLEMENT_FEATURES
            and bool(p.country) and p.country == loc.anchor.country
            and gap_m <= max(FIRM_GAP_M, FIRM_GAP_SHARE * (distance_m or 0.0)))


def subject_known(subject: Mention, loc: Loc, region: shapely.Geometry, notes: list[str], *,
                  distance_m: float | None = None) -> bool:
    """Whether the place named before an apposition keeps its own gazetteer point.

    The offset is checked against the subject's point: one within
    :data:`SUBJECT_TOLERANCE_M` (or the subject's own extent) of the region agrees; failing
    that, a namesake among the candidates of a subject written as a settlement that agrees is
    taken instead; failing that, a firmly resolved subject (:func:`_firm`) is kept at its
    point and the disagreement is noted. Otherwise the subject's place is dropped (the text wins).

    Parameters
    ----------
    subject
        The mention the apposition describes.
    loc
        The apposition's anchor, located.
    region
        Where the apposition puts its subject, in the anchor's local plane (metres).
    notes
        The apposition feature's explanation, added to.
    distance_m
        The distance the apposition states, if any.

    Returns
    -------
    bool
        True when the subject stays at (one of) its gazetteer point(s).
    """
    p = subject.place
    gap = _gap_m(p, loc, region) if p is not None else 0.0
    if p is not None and gap == 0.0:
        return True
    namesakes = subject.candidates if subject.feature in _SETTLEMENT_FEATURES else ()
    for c in namesakes:  # "Kunduz airport" is no namesake of the city
        if c is not p and not c.is_area and _gap_m(c, loc, region) == 0.0:
            subject.place = c
            notes.append(f"the apposition picks the namesake of {subject.name} it agrees "
                         f"with ({c.id})")
            return True
    if p is not None and _firm(subject, p, loc, gap, distance_m):
        notes.append(f"the apposition disagrees with {subject.name}'s own point "
                     f"({gap / 1000:,.0f} km off): {subject.name} kept at its gazetteer point")
        return True
    subject.place = None  # a homonym elsewhere: the text wins
    return False
