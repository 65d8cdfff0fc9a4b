"""The front line's dispute rule, round six (issue 14): a standing state, then a taking a day
later, is a change of hands, not a claim and its counter-claim."""

from __future__ import annotations

from _helpers import place_claim

from geoevents.frontline import estimate
from geoevents.timeline import Claim

GOV, REBELS = "sy-government", "hts"


def _claim(status: str, side: str, date: str, event_type: str | None = "Battles",
           **kw: str | None) -> Claim:
    return place_claim(status, side, date, lat=35.1, lon=36.7, event_type=event_type, **kw)


def test_a_standing_state_then_a_taking_a_day_later_is_a_change_of_hands():
    standing = _claim("held", GOV, "2024-12-04", None)  # "X remains under government control"
    taken = _claim("held", REBELS, "2024-12-05", "Battles")  # "rebels seized X"
    place = estimate([standing, taken], on="2024-12-05").place("p")
    assert (place.status, place.side) == ("held", REBELS)


def test_a_taking_then_a_standing_state_a_day_later_is_still_disputed():
    taken = _claim("held", REBELS, "2024-12-04", "Battles")
    standing = _claim("held", GOV, "2024-12-05", None)  # "the army says X is in its hands"
    place = estimate([taken, standing], on="2024-12-05").place("p")
    assert (place.status, place.side) == ("contested", None)
