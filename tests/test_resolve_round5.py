"""Terse conflict notes, round 5 (issue 17): what a note's smaller names may not outvote. The
notes are invented (other words, other places than the development notes);
docs/resolution.md, "Round five"."""

from __future__ import annotations

from collections import Counter

import pytest

from geoevents._named_regions import settle_in_named_regions
from geoevents._seats import place_seats
from geoevents._theatre import unit_cues
from geoevents.gazetteer import Gazetteer
from geoevents.model import Mention, Place
from geoevents.pipeline import analyse, locate


def _places(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str | None] | None]:
    """Each toponym or named mention's chosen place: (name, country), or None."""
    ex, _ = analyse(text, gaz)
    return {m.name: (m.place.name, m.place.country) if m.place is not None else None
            for m in ex.mentions if m.role in ("toponym", "named")}


def test_a_hamlet_abroad_does_not_unplace_a_town(gaz: Gazetteer) -> None:
    # the gazetteer knows the bazar's name only as a hamlet of Italy: its cue for Italy must
    # not make Sirajganj (a district town of Bangladesh) a far-away namesake; the hamlet
    # itself stays unplaced
    placed = _places("Arsonists torched a lorry in Sirajganj near Tamai bazar.", gaz)
    assert placed["Sirajganj"] is not None and placed["Sirajganj"][1] == "BD"
    assert placed["Tamai"] is None


def test_an_institution_s_town_is_where_a_note_s_event_was(gaz: Gazetteer) -> None:
    # "the Multan Press Club" sits in Multan: the sit-in was there
    feats = locate("Lawyers staged a sit-in outside the Multan Press Club over an arrest.", gaz)
    assert [(f.text, f.country) for f in feats] == [("Multan", "PK")]


def _modifier(name: str, place: Place, start: int) -> Mention:
    return Mention(text=name, start=start, end=start + len(name), role="toponym", name=name,
                   candidates=(place,), place=place, modifier=True)


@pytest.mark.parametrize(("text", "place", "seat"), [
    # a town of its own name, with a seat word after it (words between allowed)
    ("Nurses of Rivertown District Hospital struck.",
     Place("t:1", "Rivertown", 0, 0, "city", "XX", population=250_000), True),
    # a town known by that name only as an alternate name: the institution honours someone
    ("Nurses of Rivertown District Hospital struck.",
     Place("t:2", "Saint Amand", 0, 0, "city", "XX", population=250_000), False),
    # a region: its centre is no seat
    ("Nurses of Rivertown District Hospital struck.",
     Place("t:3", "Rivertown", 0, 0, "admin1", "XX", population=2_500_000), False),
    # a small village with nothing else in the note for its country
    ("Nurses of Rivertown District Hospital struck.",
     Place("t:4", "Rivertown", 0, 0, "village", "XX", population=900), False),
    # a body that acts over an area, not a building
    ("Officers of Rivertown Police struck.",
     Place("t:5", "Rivertown", 0, 0, "city", "XX", population=250_000), False),
])
def test_seats_are_towns_of_their_own_name(text: str, place: Place, seat: bool) -> None:
    m = _modifier("Rivertown", place, text.index("Rivertown"))
    place_seats(text, [m], Counter())
    assert m.modifier is not seat


def _mention(name: str, *cands: Place, chosen: Place | None = None) -> Mention:
    return Mention(text=name, start=0, end=len(name), role="toponym", name=name,
                   candidates=cands, place=chosen or cands[0])


_STATE = Place("t:s", "Northshire", 0, 0, "admin1", "XX", "07", 9_000_000)
_BIG = Place("t:b", "Millbury", 0, 0, "city", "XX", "02", 1_200_000)
_SMALL = Place("t:m", "Millbury", 1, 1, "town", "XX", "07", 60_000)
_HAMLET = Place("t:h", "Millbury", 1, 1, "village", "XX", "07", 0)


@pytest.mark.parametrize(("cands", "expected"), [
    ((_BIG, _SMALL), "t:m"),  # the town inside the state the note names
    ((_BIG, _HAMLET), "t:b"),  # a hamlet there does not unseat a city of a million
    ((_SMALL,), "t:m"),
])
def test_a_named_region_settles_a_namesake(cands: tuple[Place, ...], expected: str) -> None:
    state = _mention("Northshire", _STATE)
    town = _mention("Millbury", *cands)
    settle_in_named_regions([town, state], lambda p, m: True)
    assert town.place is not None and town.place.id == expected


def test_a_region_does_not_settle_itself() -> None:
    # the region's own name is no cue for its own other readings
    region = Place("t:r", "Millbury", 0, 0, "admin1", "XX", "02", 3_000_000)
    m = _mention("Millbury", region, _SMALL, chosen=_SMALL)
    settle_in_named_regions([m], lambda p, m: True)
    assert m.place is _SMALL


_CAPITAL = Place("t:c", "Portbay", 10, 10, "city", "XX", "01", 8_000_000)
_NAMESAKE = Place("t:n", "Portbay", 30, 30, "town", "YY", "05", 20_000)


def test_a_world_city_beats_a_small_namesake_abroad() -> None:
    # coherence with a loosely read neighbour chose the town; the capital is what is meant
    town = _mention("Portbay", _CAPITAL, _NAMESAKE, chosen=_NAMESAKE)
    loose = _mention("Hillsby", Place("t:l", "Hilsbi", 30.1, 30.1, "town", "YY", "05", 9_000))
    settle_in_named_regions([town, loose], lambda p, m: True)
    assert town.place is _CAPITAL


def test_a_small_namesake_a_neighbour_supports_stays() -> None:
    # another name of the note, under its own name, lies beside the small town
    town = _mention("Portbay", _CAPITAL, _NAMESAKE, chosen=_NAMESAKE)
    near = _mention("Hillsby", Place("t:k", "Hillsby", 30.2, 30.2, "town", "YY", "05", 9_000))
    settle_in_named_regions([town, near], lambda p, m: True)
    assert town.place is _NAMESAKE


def test_a_leader_s_name_before_led_is_no_place(gaz: Gazetteer) -> None:
    # "the Rupa Sharma-led wing": Rupa is a leader, not a village of India
    assert _places("Activists of the Rupa Sharma-led wing rallied.", gaz)["Rupa"] is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Awami League activists clashed with BNP men.", {"BD": 6.0}),  # two organisations
    ("MINUSCA peacekeepers patrolled the town.", {"CF": 3.0}),
    ("The bnp paribas branch closed.", {}),  # capitals as written only
])
def test_organisations_of_one_country_cue_it(text: str, expected: dict[str, float]) -> None:
    assert dict(unit_cues(text)) == expected


def test_a_party_says_which_hyderabad(gaz: Gazetteer) -> None:
    # the MQM is a party of Pakistan: its Hyderabad, not India's larger one
    placed = _places("MQM workers rallied in Hyderabad against load shedding.", gaz)
    assert placed["Hyderabad"] is not None and placed["Hyderabad"][1] == "PK"
