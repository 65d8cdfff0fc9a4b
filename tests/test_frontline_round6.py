"""The front line's dispute rule, round six (issue 14): a standing state, then a taking a day
later, is a change of hands, not a claim and its counter-claim."""

from __future__ import annotations

from shapely.geometry import Point

from geoevents.frontline import estimate
from geoevents.timeline import Claim, Source

GOV, REBELS = "sy-government", "hts"


def _claim(status: str, side: str, date: str, event_type: str | None) -> Claim:
    sources = (Source("r", f"p-{date}", None, date, None, None, "p quote"),)
    return Claim(place_key="p", place="p", status=status, side=side, counterpart=None,
                 date=date, date_precision=1, lat=35.1, lon=36.7, uncertainty_m=1000.0,
                 geometry=Point(36.7, 35.1), event_type=event_type, negated=False,
                 sources=sources)


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
