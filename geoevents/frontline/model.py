"""The parameters of the front-line method and the states and shapes it draws."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..timeline import Claim

#: Claim statuses that say something about control.
CONTROL_STATUSES = ("held", "contested", "advancing", "lost")
#: Side keys that are no party to the war: never an inferred winner, never one of the
#: "two sides in play" (docs/frontlines.md, step 2).
NON_COMBATANTS = frozenset({"civilians"})
#: Certainties of a held place and its control area, most certain first.
CERTAINTIES = ("assessed", "claimed", "stale")
#: Layers of :meth:`Frontline.to_geojson`, in output order.
LAYERS = ("control", "grey_zone", "contact_line", "advance")


@dataclass(frozen=True, slots=True)
class FrontlineParams:
    """The parameters of :func:`estimate` (see ``docs/frontlines.md`` for why these values).

    Parameters
    ----------
    memory_days : int
        How long a state stays as certain as its claims make it: a place whose latest claim
        is older than this on the day is still drawn, as its claims say, but with certainty
        ``stale`` (a standing state lasts until a newer claim; see ``forget_days``).
        Default 14.
    forget_days : int or None
        A state whose latest claim is older than this on the day is not drawn at all; None
        (the default): never forgotten, a state stands until a newer claim about the place
        or near it. At least ``memory_days``.
    min_radius_m : float
        The smallest disc drawn about a place (a village's built-up area, a hilltop and its
        slopes). Default 2,000 m.
    contact_m : float
        Two places of different sides make a line of contact only when at most this far
        apart; the line is cut to within this distance of both. Default 25,000 m (about the
        range of the field artillery in such wars: farther apart, two positions are not in
        contact).
    line_reach : float
        How far a pair's line of contact runs along its bisector: every point of it is at
        most ``line_reach`` times the pair's separation (and at most ``contact_m``) from
        both places. Default 1.0: two positions 6 km apart support about 10 km of line, not
        the 50 km that ``contact_m`` alone would allow.
    max_arrow_m : float
        The farthest a side's held place may be from a place it advances on to be the
        arrow's origin. Default 30,000 m.
    min_sources : int
        A claim is corroborated (``assessed``) when at least this many distinct reports, or
        distinct named claimants, make it. Default 2.
    advance_days : int
        How long an ``advancing`` claim stands: on its day and this many days after (never
        longer than ``memory_days``). An advance is news of its day, not a state: once it
        has passed, the place falls back on what its other claims say. Default 0.
    held_weight, contested_weight, advancing_weight : float
        The status strength of a ``held``/``lost`` claim, a ``contested`` one and an
        ``advancing`` one when a place's latest day has conflicting claims: a claim weighs
        its strength times its support (the larger of its distinct reports and distinct
        named claimants). Defaults 3, 2, 1: one report that a side holds the place outweighs
        one report of fighting there, not two.
    dispute_days : int
        A claim and its counter-claim: when a side's hold of a place rests on claims at most
        this many days older than a day whose claims give it to another side (a capture
        claimed on the 4th, "our forces repelled the attacks there" on the 5th), the place
        is contested, with both claimants, rather than changing hands. 0 turns it off.
        Default 1.
    quad_segs : int
        Segments per quarter circle of a disc. Default 16.
    """

    memory_days: int = 14
    forget_days: int | None = None
    min_radius_m: float = 2_000.0
    contact_m: float = 25_000.0
    line_reach: float = 1.0
    max_arrow_m: float = 30_000.0
    min_sources: int = 2
    advance_days: int = 0
    held_weight: float = 3.0
    contested_weight: float = 2.0
    advancing_weight: float = 1.0
    dispute_days: int = 1
    quad_segs: int = 16

    def __post_init__(self) -> None:
        if self.memory_days < 0 or self.advance_days < 0 or self.dispute_days < 0:
            raise ValueError("memory_days, advance_days and dispute_days must be >= 0")
        if self.forget_days is not None and self.forget_days < self.memory_days:
            raise ValueError("forget_days must be None or >= memory_days")
        if min(self.held_weight, self.contested_weight, self.advancing_weight) <= 0:
            raise ValueError("held_weight, contested_weight and advancing_weight must be > 0")
        if min(self.min_radius_m, self.contact_m, self.max_arrow_m, self.line_reach) <= 0:
            raise ValueError("min_radius_m, contact_m, line_reach and max_arrow_m must be > 0")
        if self.min_sources < 1 or self.quad_segs < 1:
            raise ValueError("min_sources and quad_segs must be >= 1")


@dataclass(frozen=True, slots=True)
class PlaceState:
    """What is known of one place on the day.

    ``status`` is ``held`` (by ``side``) or ``contested``; ``certainty`` is ``assessed``,
    ``claimed`` or ``contested``; ``claims`` are the claims of the day it rests on (the
    latest, unless that day only reports an advance by the holder) and ``date`` that day.
    ``beneath``: when the day's claims only report an advance on a place claimed before, the
    state it stood in before (status, side, date) — what it still retires (``supersede``).
    ``basis``: why the place is held when no claim of its day says so (an attack alone gives
    it to the attacker's one opponent: "held by X: inferred from an attack by Y, …"; fighting
    keeps a recent taking: "held by X: fighting reported on D, …"), else None.
    """

    place_key: str
    place: str | None
    status: str
    side: str | None
    date: str
    lat: float
    lon: float
    radius_m: float
    certainty: str
    claims: tuple[Claim, ...]
    beneath: tuple[str, str | None, str] | None = None
    basis: str | None = None

    @property
    def sources(self) -> tuple[tuple[str | None, str], ...]:
        """(report label, feature id) of every source, sorted."""
        return sources(self.claims)


@dataclass(frozen=True, slots=True)
class Shape:
    """One drawn shape: a control area, a grey zone, a line of contact or an advance.

    ``geometry`` is in lon/lat; ``sides`` are sorted (the advancing side alone for an
    arrow); ``places`` are the place keys and ``sources`` the (report label, feature id)
    pairs it rests on; ``inferred`` says, for each of those places held by inference alone
    (``PlaceState.basis``), why ("Place: held by X: inferred from an attack by Y …").
    """

    layer: str
    sides: tuple[str, ...]
    date: str
    certainty: str
    geometry: Any
    places: tuple[str, ...]
    sources: tuple[tuple[str | None, str], ...]
    inferred: tuple[str, ...] = ()

    @property
    def reports(self) -> tuple[str, ...]:
        """The distinct report labels behind the shape, sorted."""
        return tuple(sorted({r for r, _ in self.sources if r}))



def sources(claims: Iterable[Claim]) -> tuple[tuple[str | None, str], ...]:
    """The distinct (report label, feature id) pairs behind ``claims``, sorted."""
    return tuple(sorted({(s.report, s.feature_id) for c in claims for s in c.sources},
                        key=lambda rs: (rs[0] or "", rs[1])))
