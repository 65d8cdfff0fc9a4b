"""Terse conflict notes, round 11 (issue 17): a first-level region named in a note no longer
turns its towns into the districts named after them. The notes are invented (other words,
other towns than the development notes); docs/resolution.md, "Round eleven"."""

from __future__ import annotations

import pytest

from geoevents._coherence import Coherence
from geoevents.gazetteer import Gazetteer
from geoevents.model import Place
from geoevents.pipeline import analyse


def _placed(text: str, gaz: Gazetteer, name: str) -> Place | None:
    """The place chosen for the first mention of ``name`` in ``text``."""
    ex, _ = analyse(text, gaz)
    return next((m.place for m in ex.mentions if m.text.split()[0] == name), None)


@pytest.mark.parametrize(("text", "name"), [
    # the region as the town's parent
    ("Traders staged a protest in Ghotki, Sindh.", "Ghotki"),
    ("Shopkeepers shut their shops in Jhelum, Punjab on Monday.", "Jhelum"),
    ("Lawyers boycotted the courts in Loralai, Balochistan.", "Loralai"),
    # the region elsewhere in the note
    ("Shopkeepers shut their shops in Sukkur. Police in Sindh arrested two men.", "Sukkur"),
    ("Students rallied in Sargodha against fee hikes across Punjab.", "Sargodha"),
    ("Teachers protested in Swabi. The Khyber Pakhtunkhwa government promised talks.",
     "Swabi"),
])
def test_a_town_in_a_named_region_stays_a_town(gaz: Gazetteer, text: str, name: str) -> None:
    p = _placed(text, gaz, name)
    assert p is not None and p.is_settlement and p.country == "PK", p


@pytest.mark.parametrize(("text", "name"), [
    # the note calls it a district: the district
    ("Police raided villages in Ghotki district, Sindh.", "Ghotki"),
    ("Floods hit Jhelum district in Punjab.", "Jhelum"),
])
def test_a_district_said_stays_a_district(gaz: Gazetteer, text: str, name: str) -> None:
    p = _placed(text, gaz, name)
    assert p is not None and p.kind == "admin2" and p.country == "PK", p


def test_a_town_is_on_top_of_the_region_that_holds_it(gaz: Gazetteer) -> None:
    # closeness 1 for a town of the region chosen for another name; a town of another region
    # measured from the region's point as before
    sindh = next(p for p in gaz.lookup("sindh") if p.kind == "admin1")
    ghotki = next(p for p in gaz.lookup("ghotki") if p.is_settlement)
    quetta = next(p for p in gaz.lookup("quetta") if p.is_settlement)
    coh = Coherence({1: sindh}, {1: "sindh"}, {}, hold=True)
    assert coh.of("ghotki", ghotki) == 1.0
    far = coh.of("quetta", quetta)
    assert far is not None and far < 0.5
    # in an article a state named holds nothing: the town measured from the region's point
    measured = Coherence({1: sindh}, {1: "sindh"}, {}).of("ghotki", ghotki)
    assert measured is not None and measured < 1.0



def _located(text: str, gaz: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    """(text, place, country) of each feature of ``text``."""
    _, feats = analyse(text, gaz)
    return [(f.text, f.place, f.country) for f in feats]


@pytest.mark.parametrize(("text", "name", "country"), [
    # "X (District) of (the) Y": two names, not one long name the gazetteer does not know
    ("Police arrested nine cadres in Chitwan District of the Central Nepal on Friday.",
     "Chitwan", "NP"),
    ("Shops were shut in Siraha of the eastern Tarai during the strike.", "Siraha", "NP"),
    ("A trader was shot dead in Mingora City of Upper Swat on Friday.", "Mingora", "PK"),
    ("Two traders were robbed in Mardan of Khyber Pakhtunkhwa on Sunday.", "Mardan", "PK"),
])
def test_a_place_before_of_is_a_place(gaz: Gazetteer, text: str, name: str,
                                      country: str) -> None:
    feats = _located(text, gaz)
    assert any(t.startswith(name) and c == country for t, _, c in feats), feats


@pytest.mark.parametrize(("text", "absent"), [
    # no place before "of": the run stays one name
    ("Students of the University of Dhaka protested.", "University"),
    ("The Bank of England raised rates on Thursday.", "Bank"),
    ("Officials of the Church of Scotland met on Monday.", "Church"),
    # a place before "of" but none after it: a band's name, not a place and its parent
    ("Tickets for Queens of the Stone Age sold out in an hour.", "Queens"),
])
def test_no_place_before_of_no_split(gaz: Gazetteer, text: str, absent: str) -> None:
    feats = _located(text, gaz)
    assert not any(t.startswith(absent) for t, _, _ in feats), feats


def test_a_known_name_with_of_stays_whole(gaz: Gazetteer) -> None:
    feats = _located("Ferries to the Isle of Man were cancelled on Monday.", gaz)
    assert [(t, c) for t, _, c in feats] == [("Isle of Man", "IM")], feats
