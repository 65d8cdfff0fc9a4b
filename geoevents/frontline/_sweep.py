"""The standing states of a day series, kept day after day instead of drawn afresh: a
place's state changes only on the days a claim about it enters, ages past
``advance_days`` or ``forget_days``, or its state goes stale (``memory_days``), so only
the places with such a day since the last one are asked again (docs/frontlines.md, The
day series)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from ..timeline import Claim
from .model import FrontlineParams, PlaceState
from .standing import opponents_in, states_on

_Entry = tuple[PlaceState, list[tuple[PlaceState, Claim]]]


class StandingSweep:
    """The states of :func:`~geoevents.frontline.standing.states_on` on successive days.

    Parameters
    ----------
    claims : sequence of Claim
        Every claim, sorted by :func:`~geoevents.frontline.standing.claim_order`.
    params : FrontlineParams
        The method's parameters.
    """

    def __init__(self, claims: Sequence[Claim], params: FrontlineParams) -> None:
        self.params = params
        self.opponents = opponents_in(claims, params)
        self.by_place: dict[str, list[Claim]] = {}
        events: dict[_dt.date, set[str]] = {}
        after = {params.memory_days, params.advance_days}
        if params.forget_days is not None:
            after.add(params.forget_days)
        for c in claims:
            d = c.day
            if d is None:
                continue
            self.by_place.setdefault(c.place_key, []).append(c)
            for n in (0, *(a + 1 for a in after)):
                events.setdefault(d + _dt.timedelta(days=n), set()).add(c.place_key)
        self.events = sorted(events.items())
        self.next_event = 0
        self.current: dict[str, _Entry] = {}

    def advance(self, day: _dt.date
                ) -> tuple[bool, list[PlaceState], list[tuple[PlaceState, Claim]]]:
        """The states and standing advances on ``day`` (later than the previous call's), and
        whether they differ from the previous call's in anything but the day."""
        dirty: set[str] = set()
        while self.next_event < len(self.events) and self.events[self.next_event][0] <= day:
            dirty |= self.events[self.next_event][1]
            self.next_event += 1
        changed = False
        if dirty:
            keys = sorted(dirty)
            states, advancing = states_on([c for k in keys for c in self.by_place[k]], day,
                                          self.params, opponents=self.opponents)
            fresh: dict[str, _Entry] = {s.place_key: (s, []) for s in states}
            for state, claim in advancing:
                fresh[state.place_key][1].append((state, claim))
            for key in keys:
                new, old = fresh.get(key), self.current.get(key)
                if new is None:
                    if old is not None:
                        del self.current[key]
                        changed = True
                elif old is None or not _same(new, old):
                    self.current[key] = new
                    changed = True
        order = sorted(self.current)
        return (changed, [self.current[k][0] for k in order],
                [a for k in order for a in self.current[k][1]])


def _same(a: _Entry, b: _Entry) -> bool:
    """Whether two entries of a place say the same, from the same claims."""
    (sa, aa), (sb, ab) = a, b
    return ((sa.place, sa.status, sa.side, sa.date, sa.lat, sa.lon, sa.radius_m, sa.certainty,
             sa.beneath)
            == (sb.place, sb.status, sb.side, sb.date, sb.lat, sb.lon, sb.radius_m,
                sb.certainty, sb.beneath)
            and len(sa.claims) == len(sb.claims)
            and all(x is y for x, y in zip(sa.claims, sb.claims, strict=True))
            and len(aa) == len(ab) and all(x[1] is y[1] for x, y in zip(aa, ab, strict=True)))
