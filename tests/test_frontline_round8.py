"""The front line's policy, round eight (issue 14): a holder's own withdrawal is no
counter-claim. Claims invented for these tests."""

from __future__ import annotations

from dataclasses import replace

from _helpers import place_claim

from geoevents.frontline import estimate
from geoevents.timeline import Claim

GOV, REBELS = "so-government", "al-shabaab"


def _claim(status: str, side: str, date: str, event_type: str | None = "Battles",
           **kw: str | None) -> Claim:
    return place_claim(status, side, date, lat=2.1, lon=45.2, event_type=event_type, **kw)


def test_the_holders_withdrawal_a_few_days_on_is_a_change_of_hands():
    # "the rebels hold X" (a standing state), then "the rebels withdrew from X" with no
    # winner named, in a war of two sides: the other side holds it, not a dispute
    held = _claim("held", REBELS, "2024-03-01", event_type=None)
    elsewhere = replace(_claim("held", GOV, "2024-03-01"), place_key="q", place="q")
    left = _claim("lost", REBELS, "2024-03-02", event_type="Strategic developments")
    place = estimate([held, elsewhere, left], on="2024-03-02").place("p")
    assert (place.status, place.side) == ("held", GOV)


def test_a_counter_claim_a_few_days_on_still_disputes():
    held = _claim("held", REBELS, "2024-03-01")
    counter = _claim("held", GOV, "2024-03-02", event_type=None)
    place = estimate([held, counter], on="2024-03-02").place("p")
    assert place.status == "contested"
