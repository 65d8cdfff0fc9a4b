"""The front line's policy, round fourteen (issue 14, points 1 and 4): what was measured and
not kept (docs/frontlines.md, "Round fourteen (policy)"). An attack the reader reads as an
advance names the holder (round 9b); fighting the reader reads as ``contested`` by a named
side — an entry, a push into the place, a part of it held — stays grey even with a
counterpart named; side-less fighting after a hold older than ``memory_days`` stays grey,
whoever is on the offensive. Claims invented for these tests."""

from __future__ import annotations

from _helpers import coast_claim, coast_elsewhere

from geoevents.frontline import estimate, series

ARMY, REBELS = "mz-government", "islamic-state"

_claim, _elsewhere = coast_claim, coast_elsewhere


def test_an_advance_with_a_counterpart_names_the_holder_under_attack():
    # "the insurgents advanced on P, held by the army": the army's, claimed, and said why
    claims = [_elsewhere(REBELS), _claim("advancing", REBELS, "2021-05-05", counterpart=ARMY)]
    place = estimate(claims, on="2021-05-05").place("p")
    assert (place.status, place.side, place.certainty) == ("held", ARMY, "claimed")
    assert place.basis is not None and "inferred from an attack by islamic-state" in place.basis


def test_fighting_by_a_named_side_with_a_counterpart_stays_grey():
    # "the insurgents pushed into P" / "hold the northern part of P" (contested by them,
    # the army their counterpart): fighting inside the place, not an attack on it —
    # candidate 1 of round fourteen, rejected (Soledar, Dudchany, Ramadi)
    claims = [_elsewhere(REBELS), _claim("contested", REBELS, "2021-05-05", counterpart=ARMY)]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_fighting_by_a_named_side_after_a_standing_hold_of_its_counterpart_stays_grey():
    # "P remains in army hands" (no event) on the 2nd, the insurgents push into P on the 5th
    claims = [_elsewhere(REBELS), _claim("held", ARMY, "2021-05-02", event_type=None),
              _claim("contested", REBELS, "2021-05-05", counterpart=ARMY)]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_side_less_fighting_after_an_old_taking_stays_grey():
    # taken by the insurgents on 1 April, side-less fighting on 5 May (34 days later):
    # candidate 3 (any age) kept Marib and Sukhumi but held Mosul and Hodeidah, where
    # the fighting was in the streets — rejected
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-04-01"),
              _claim("contested", None, "2021-05-05")]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"
    # within memory_days the taking is kept (round ten b), for contrast
    fresh = [_elsewhere(ARMY), _claim("held", REBELS, "2021-04-25"),
             _claim("contested", None, "2021-05-05")]
    assert estimate(fresh, on="2021-05-05").place("p").side == REBELS


def test_side_less_fighting_after_an_old_taking_by_the_side_on_the_offensive_stays_grey():
    # the holder advances elsewhere in the sequence: still grey (variant 3m, rejected)
    elsewhere_advance = _elsewhere(REBELS, key="r")
    from dataclasses import replace
    elsewhere_advance = replace(elsewhere_advance, status="advancing")
    claims = [_elsewhere(ARMY), elsewhere_advance, _claim("held", REBELS, "2021-04-01"),
              _claim("contested", None, "2021-05-05")]
    for day in series(claims, start="2021-05-04", end="2021-05-06"):
        assert day.dumps() == estimate(claims, on=day.date).dumps()
        if day.date >= "2021-05-05":
            assert day.place("p").status == "contested"
