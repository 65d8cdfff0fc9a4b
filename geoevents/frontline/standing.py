"""What stands on a day: each place's state from the claims about it (docs/frontlines.md,
steps 1 and 2, and the supersession of step 3)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import shapely

from .._geodesy import distance_m
from ..timeline import Claim
from ._allies import leader, one_camp
from ._fighting import kept_by_fighting
from .model import CONTROL_STATUSES, NON_COMBATANTS, FrontlineParams, PlaceState


def claim_order(c: Claim) -> tuple:
    """The sort key of a claim: by date, then place, status, side and first source."""
    return (c.date or "", c.place_key, c.status or "", c.side or "", c.negated,
            c.sources[0] if c.sources else ())



def _support(c: Claim) -> int:
    """How many distinct reports, or distinct named claimants if more, make a claim."""
    return max(c.corroborated, c.claimants, 1)


def corroborated(claims: Iterable[Claim], params: FrontlineParams) -> bool:
    """Whether ``min_sources`` distinct reports, or named claimants, make the claims."""
    claims = list(claims)
    reports = {s.report for c in claims for s in c.sources}
    claimants = {s.claimed_by for c in claims for s in c.sources if s.claimed_by}
    return len(reports) >= params.min_sources or len(claimants) >= params.min_sources


def _stands(c: Claim, day: _dt.date, params: FrontlineParams) -> bool:
    """Whether a claim says something about control on ``day`` (docs/frontlines.md, step 1)."""
    d = c.day
    if c.negated or c.status not in CONTROL_STATUSES or d is None:
        return False
    age = (day - d).days
    if age < 0 or (params.forget_days is not None and age > params.forget_days):
        return False
    if c.status == "held":
        return bool(c.side)
    if c.status == "advancing":  # an advance with no side never changes control
        return bool(c.side)  # past advance_days, only what it infers stands (_current)
    return True


def _current(group: list[Claim], day: _dt.date, prior: _Resolved | None,
             opponents: _Opponents, params: FrontlineParams) -> list[Claim]:
    """A day's claims as they stand on ``day``: an advance more than ``advance_days`` old is
    no longer news, so it is dropped — unless the day's claims are all advances that gave
    the place, which nobody held before, to the attackers' one opponent (that inferred
    hold is a standing state, docs/frontlines.md, step 2, round 9b)."""
    d = group[0].day
    if d is None or (day - d).days <= params.advance_days or all(
            c.status != "advancing" for c in group):
        return group
    rest = [c for c in group if c.status != "advancing"]
    if rest or prior is not None or _attacked_holder(group, None, opponents) is None:
        return rest
    return group


class _Opponents:
    """Who fights whom near a place, from every claim given that names two sides (its
    ``side`` and ``counterpart``), whatever its date, and which sides the claims put in the
    war at all: what a ``lost`` with no named winner hands the place to."""

    def __init__(self, claims: Sequence[Claim], params: FrontlineParams) -> None:
        live = [c for c in claims if not c.negated and c.status in CONTROL_STATUSES]
        self.pairs = [c for c in live if c.side and c.counterpart and c.side != c.counterpart]
        self.in_play = sorted({s for c in live for s in (c.side, c.counterpart)
                               if s and s not in NON_COMBATANTS})
        self.reach = params.contact_m
        self.cache: dict[tuple[str, str], str | None] = {}

    def winner(self, lost: Claim) -> str | None:
        """The side most often named against the loser in the claims within ``contact_m``
        of the place, when exactly one side is named most often; else, when the claims put
        exactly two sides in play, the loser's opponent; else None."""
        if not lost.side:
            return None
        key = (lost.place_key, lost.side)
        if key not in self.cache:
            counts: dict[str, int] = {}
            for c in self.pairs:
                if lost.side not in (c.side, c.counterpart):
                    continue
                if distance_m(lost.lat, lost.lon, c.lat, c.lon) > self.reach:
                    continue
                other = c.counterpart if c.side == lost.side else c.side
                counts[other] = counts.get(other, 0) + 1
            top = max(counts.values(), default=0)
            best = sorted(s for s, n in counts.items() if n == top)
            if top and len(best) == 1:
                self.cache[key] = best[0]
            elif len(self.in_play) == 2 and lost.side in self.in_play:
                self.cache[key] = next(s for s in self.in_play if s != lost.side)
            else:
                self.cache[key] = None
        return self.cache[key]


@dataclass(frozen=True, slots=True)
class _Resolved:
    status: str
    side: str | None
    claims: tuple[Claim, ...]
    certainty: str
    basis: str | None = None
    hold: tuple[Claim, ...] = ()  # a hold kept through fighting (round 10b): its own claims


def _attacked_holder(group: Sequence[Claim], prior: _Resolved | None,
                     opponents: _Opponents) -> str | None:
    """Who holds a place the day's claims only report attacked (docs/frontlines.md, step 2,
    round 9b): the one opponent of the attackers — the side each attack names against its
    attacker, else :meth:`_Opponents.winner` of the attacker — when every claim of the day is
    an advance by a named side on a named place (not a point derived from another: "within
    2 km of X" is where the attackers are) and the opponent is one, neither an attacker nor
    an ally of one; when the place was held before, by a side neither an attacker nor an
    ally of one, that side (the hold is kept); else None."""
    if any(c.status != "advancing" or not c.side for c in group):
        return None
    attackers = {c.side for c in group}
    if prior is not None:  # a hold by a side none of the attackers fights with is kept
        if prior.status != "held" or not prior.side or any(
                a == prior.side or one_camp({a, prior.side}, day=group[0].day) for a in attackers):
            return None
        return prior.side
    if group[0].place_key.startswith("pt:"):
        return None  # "advanced to within 2 km of X": where the attackers are, not a target
    holders = {c.counterpart if c.counterpart and c.counterpart != c.side
               else opponents.winner(c) for c in group}
    if len(holders) != 1:
        return None
    holder = holders.pop()
    if holder is None or holder in NON_COMBATANTS or any(
            a == holder or one_camp({a, holder}, day=group[0].day) for a in attackers):
        return None
    return holder


def _resolve(group: Sequence[Claim], prior: _Resolved | None, opponents: _Opponents,
             params: FrontlineParams) -> _Resolved:
    """The state one day's claims about a place give it (docs/frontlines.md, step 2),
    ``prior`` being the state the earlier days gave."""
    holder = _attacked_holder(group, prior, opponents)
    if holder is not None:  # an attack alone: the hold before stands, or one is inferred
        if prior is not None:
            return prior
        attackers = ", ".join(sorted({c.side or "" for c in group}))
        return _Resolved("held", holder, tuple(group), "claimed",
                         f"held by {holder}: inferred from an attack by {attackers} (of which "
                         f"{holder} is the one opponent); no report says who holds it")
    if prior is not None and prior.status == "held":  # fighting in a held place (round 10b)
        hold = prior.hold or prior.claims
        kept = kept_by_fighting(group, prior.side, hold, params)
        if kept is not None:
            certainty = "claimed" if prior.certainty == "assessed" else prior.certainty
            return _Resolved("held", prior.side, (*group, *prior.claims), certainty, kept, hold)
    votes: list[tuple[str | None, float, Claim, bool]] = []  # (held side or None, weight…)
    held_today = {c.side for c in group if c.status == "held"}
    for c in group:
        w = _support(c)
        if c.status == "held":
            votes.append((c.side, params.held_weight * w, c, False))
        elif c.status == "lost":
            named = c.counterpart if c.counterpart and c.counterpart != c.side else None
            winner = named or (opponents.winner(c) if c.side else None) or (
                _keeper(c, held_today, prior))
            if winner and winner != c.side:
                votes.append((winner, params.held_weight * w, c, named is None))
            else:
                votes.append((None, params.contested_weight * w, c, False))
        elif c.status == "contested":
            votes.append((None, params.contested_weight * w, c, False))
        elif c.status == "advancing":
            holder = held_today or ({prior.side} if prior and prior.status == "held" else set())
            if holder != {c.side}:  # an advance by the side holding the place changes nothing
                votes.append((None, params.advancing_weight * w, c, False))
    if not votes and prior is not None:
        return prior
    sides = {v[0] for v in votes if v[0]}
    if len(sides) > 1 and one_camp(sides, day=group[0].day):
        # allies hold together (in the day's year): the camp's leading side
        weights = {s: sum(v[1] for v in votes if v[0] == s) for s in sides}
        head = leader(weights, prior.side if prior is not None else None)
        votes = [(head if v[0] else None, *v[1:]) for v in votes]
        sides = {head}
    if _disputed(group, prior, sides, params):
        # a claim and its counter-claim a day apart: both claimants, the place contested
        return _Resolved("contested", None, (*prior.claims, *group), "contested")
    if len(sides) == 1:
        side = sides.pop()
        pro = sum(v[1] for v in votes if v[0] == side)
        con = sum(v[1] for v in votes if v[0] is None)
        if pro > con:
            direct = [v[2] for v in votes if v[0] == side and not v[3]]
            certainty = "assessed" if direct and corroborated(direct, params) else "claimed"
            return _Resolved("held", side, tuple(group), certainty)
    return _Resolved("contested", None, tuple(group), "contested")


def _keeper(lost: Claim, held_today: set[str | None], prior: _Resolved | None) -> str | None:
    """Who already holds a place its loser gives up with no winner named: the one other side
    held it that day, else the other side that held it before (docs/frontlines.md, step 2)."""
    if not lost.side:
        return None
    others = held_today - {lost.side, None}
    if others:
        return others.pop() if len(others) == 1 else None
    if prior is not None and prior.status == "held" and prior.side != lost.side:
        return prior.side
    return None


def _disputed(group: Sequence[Claim], prior: _Resolved | None, sides: set[str | None],
              params: FrontlineParams) -> bool:
    """Whether the day's claims give the place to one side while the prior state, held by
    another, rests on claims at most ``dispute_days`` older (a claim and its counter-claim);
    not when the prior state rests only on standing states (no event) and the day's claims
    report a taking by the fight (a change of hands), nor when the prior holder itself
    gives the place up that day."""
    if prior is None or prior.status != "held" or len(sides) != 1 or prior.side in sides:
        return False
    if prior.side and one_camp({prior.side, *sides}, day=group[0].day):
        return False  # an ally's claim: no counter-claim
    if all(c.event_type is None for c in prior.hold or prior.claims) and any(
            c.event_type == "Battles" and c.status == "held" for c in group):
        return False  # a standing state ("X remains under Y control"), then a taking: it fell
    if any(c.status == "lost" and c.side == prior.side for c in group):
        return False  # the holder's own withdrawal: it concedes the place, no counter-claim
    day = group[0].day
    then = max((c.day for c in prior.hold or prior.claims if c.day), default=None)
    return day is not None and then is not None and (day - then).days <= params.dispute_days


def states_on(claims: Sequence[Claim], day: _dt.date, params: FrontlineParams, *,
              opponents: _Opponents | None = None,
              ) -> tuple[list[PlaceState], list[tuple[PlaceState, Claim]]]:
    by_place: dict[str, dict[str, list[Claim]]] = {}
    for c in claims:  # sorted by date
        if _stands(c, day, params):
            by_place.setdefault(c.place_key, {}).setdefault(c.date or "", []).append(c)
    if opponents is None:  # given by a series: built once from every claim
        opponents = _Opponents(claims, params)
    states, advancing = [], []
    for key in sorted(by_place):
        days = by_place[key]
        resolved = before = None
        for d in sorted(days):  # each day's claims replace the earlier days' state
            group = _current(days[d], day, resolved, opponents, params)
            if group:
                before, resolved = resolved, _resolve(group, resolved, opponents, params)
        if resolved is None:  # only advances that have passed
            continue
        beneath = None
        if before is not None and all(c.status == "advancing" for c in resolved.claims):
            beneath = (before.status, before.side, before.claims[0].date or "")
        group = resolved.claims
        best = min(group, key=lambda c: (c.uncertainty_m, claim_order(c)))
        certainty = resolved.certainty
        since = group[0].day
        if certainty != "contested" and since and (day - since).days > params.memory_days:
            certainty = "stale"  # a standing state no newer claim has confirmed or changed
        state = PlaceState(place_key=key, place=best.place, status=resolved.status,
                           side=resolved.side, date=group[0].date or "", lat=best.lat,
                           lon=best.lon, radius_m=max(best.uncertainty_m, params.min_radius_m),
                           certainty=certainty, claims=group, beneath=beneath,
                           basis=resolved.basis)
        states.append(state)
        latest = days[max(days)]
        advancing.extend((state, c) for c in latest if c.status == "advancing"
                         and c.day and (day - c.day).days <= params.advance_days)
    return states, advancing


def supersede(states: list[PlaceState], xy: dict[str, tuple[float, float]]
               ) -> list[PlaceState]:
    """The states not overridden by a newer claim nearby: a place is dropped when a place
    claimed on a later day, in another state (another side holds it, or one is grey and the
    other held), lies within the larger of the two places' radii (each at least
    ``min_radius_m``): the town retaken on the 27th supersedes the claim of the 25th about
    one of its districts, and a village taken on the 20th the claim of the 12th about the
    area round it. A newer claim that agrees leaves the older one drawn; a place grey only
    because of an advance reported that day supersedes only what the state beneath the
    advance supersedes (else, once the advance has passed, what it retired would reappear
    and vanish again — an area that shrinks with no news)."""
    if len(states) < 2:
        return states
    pts = shapely.points([xy[s.place_key] for s in states])
    reach = max(s.radius_m for s in states)
    tree = shapely.STRtree(pts)
    left, right = tree.query(pts, predicate="dwithin", distance=reach)
    apart = shapely.distance(pts[left], pts[right]).tolist()
    dropped: set[int] = set()
    for i, j, d in zip(left.tolist(), right.tolist(), apart, strict=True):
        new, old = states[i], states[j]  # i the newer place, j the older one
        if new.date <= old.date or (new.status, new.side) == (old.status, old.side):
            continue
        if all(c.status == "advancing" for c in new.claims):
            # an advance is news of its day, not a state: it retires nothing, but the state
            # the place stood in beneath it still retires what it retired the day before
            if new.beneath is None:
                continue
            status, side, date = new.beneath
            if date <= old.date or (status, side) == (old.status, old.side):
                continue
        if d <= max(new.radius_m, old.radius_m):
            dropped.add(j)
    return [s for n, s in enumerate(states) if n not in dropped]


def opponents_in(claims: Sequence[Claim], params: FrontlineParams) -> _Opponents:
    """Who fights whom near each place, from every claim (whatever its date): what
    :func:`states_on` is given by a series that asks it about a few places at a time."""
    return _Opponents(claims, params)
