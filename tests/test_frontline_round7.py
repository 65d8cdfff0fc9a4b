"""The front line's policy, round seven (issue 14): allies hold together, and a hold stands
past the memory window until a newer claim changes it. Claims invented for these tests."""

from __future__ import annotations

from _helpers import place_claim

from geoevents.frontline import estimate
from geoevents.timeline import Claim

GOV, ALLY, REBELS = "sy-government", "russia", "hts"


def _claim(status: str, side: str, date: str, event_type: str | None = "Battles",
           **kw: str | None) -> Claim:
    return place_claim(status, side, date, lat=24.1, lon=97.2, event_type=event_type, **kw)


def test_allies_do_not_contest_each_others_hold():
    # the sides table: Russia fights with the Syrian government (the 'russia' rows' allies)
    from geoevents.events.sides import load_sides
    assert any(r.side == ALLY and GOV in r.allies for r in load_sides().rules) or any(
        r.side == GOV and ALLY in r.allies for r in load_sides().rules)
    entered = _claim("held", ALLY, "2024-03-02")  # "the ally's police entered X"
    retaken = _claim("held", GOV, "2024-03-03")  # "the army retakes X", a day later
    place = estimate([entered, retaken], on="2024-03-03").place("p")
    assert (place.status, place.side) == ("held", GOV)
    same_day = estimate([_claim("held", ALLY, "2024-03-03"), retaken, _claim(
        "held", GOV, "2024-03-03", report="s")], on="2024-03-03").place("p")
    assert (same_day.status, same_day.side) == ("held", GOV)  # the camp's leading side


def test_enemies_still_contest():
    taken = _claim("held", REBELS, "2024-03-02")
    counter = _claim("held", GOV, "2024-03-03", event_type=None)  # "the army says X is its"
    place = estimate([taken, counter], on="2024-03-03").place("p")
    assert place.status == "contested"


def test_a_hold_stands_past_the_memory_window_until_a_newer_claim():
    held = _claim("held", REBELS, "2024-01-05", event_type=None)  # "X, held by Y since May"
    place = estimate([held], on="2024-03-01").place("p")  # 56 days on: stale, still drawn
    assert (place.status, place.side, place.certainty) == ("held", REBELS, "stale")
    taken = _claim("held", GOV, "2024-03-01")
    place = estimate([held, taken], on="2024-03-02").place("p")
    assert (place.status, place.side) == ("held", GOV)
