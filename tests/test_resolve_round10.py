"""Terse conflict notes, round 10 (issue 17): a list's members read in the list's country,
people written like places, common nouns matched to small places abroad. The notes are
invented (other words, other districts and countries than the development notes);
docs/resolution.md, "Round ten"."""

from __future__ import annotations

import pytest

from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import locate


def _features(text: str, gaz: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    """(text, place, country) of each feature of ``text``."""
    return [(f.text, f.place, f.country) for f in locate(text, gaz)]


@pytest.mark.parametrize(("text", "member", "country"), [
    # a list of one country's districts: "X, Y" inside it is no place and its parent
    ("Strikes were observed in Jaffna, Kilinochchi, Farah, Mullaitivu and Vavuniya "
     "districts.", "Kilinochchi", "LK"),
    ("Protests were held in Gao, Kidal, Kabo, Mopti and Timbuktu regions.", "Kidal", "ML"),
    ("Bandh was observed in Dhemaji, Lakhimpur, Meru, Sonitpur and Darrang districts.",
     "Lakhimpur", "IN"),
])
def test_a_list_member_is_no_parent_of_the_member_before_it(
        gaz: Gazetteer, text: str, member: str, country: str) -> None:
    feats = _features(text, gaz)
    assert any(t == member and c == country for t, _, c in feats), feats


@pytest.mark.parametrize(("text", "country"), [
    # every member is read in the list's country, or left unplaced: no namesake abroad
    ("Strikes were observed in Jaffna, Kilinochchi, Farah, Mullaitivu and Vavuniya "
     "districts.", "LK"),
    ("Protests were held in Gao, Kidal, Kabo, Mopti and Timbuktu regions.", "ML"),
    ("Shutter-down strikes were held in Hyderabad, Badin, Barishal, Thatta and Sanghar "
     "districts.", "PK"),
    # a district abroad that shares the list's kind (a second-level unit) is no member
    ("Protests were reported in Sindhupalchok, Dolakha, Ramechhap, Moira and Okhaldhunga "
     "districts.", "NP"),
])
def test_a_list_member_takes_the_lists_country_or_none(gaz: Gazetteer, text: str,
                                                       country: str) -> None:
    feats = _features(text, gaz)
    assert feats and all(c == country for _, _, c in feats), feats


def test_a_list_across_a_border_keeps_its_other_side(gaz: Gazetteer) -> None:
    # a member with no reading in the others' country but one across their land border
    feats = _features("Border guards exchanged fire near Dhubri, Mankachar and Rowmari.",
                      gaz)
    assert not any(c not in ("IN", "BD") for _, _, c in feats), feats


@pytest.mark.parametrize(("text", "person"), [
    # initials before a name: a person's ("A.K." with a role before them too)
    ("Opposition workers marched against Transport Minister A.K. Antony on Monday.",
     "Antony"),
    ("Lawyers rallied in support of S.K . Mohan on Friday.", "Mohan"),
    # a role noun before a name: a person's
    ("Fans burned effigies of film actor Raja outside a cinema.", "Raja"),
    ("Unidentified men hacked blogger Antony to death on Sunday.", "Antony"),
    # a person's things after a possessive, the name also a district abroad
    ("Activists waved black flags at Rana's cavalcade on Tuesday.", "Rana"),
    ("Youths threw stones at Pai's convoy on Friday.", "Pai"),
])
def test_a_person_written_like_a_place_is_no_feature(gaz: Gazetteer, text: str,
                                                     person: str) -> None:
    feats = _features(text, gaz)
    assert not any(t == person for t, _, _ in feats), feats


@pytest.mark.parametrize(("text", "place"), [
    # a region after a single initial (an abbreviated compass word) stays
    ("Troops shelled hideouts in S. Kordofan on Sunday.", "Kordofan"),
    # an abbreviation that is itself a place is no initials
    ("Officials from the U.S. Georgia office met in Tbilisi.", "Tbilisi"),
    # a time of day is no initials
    ("A bus was torched at 7:20 P.M. Banani residents said.", "Banani"),
    # a possessive of a person's things after a country stays a place
    ("Protesters blocked Nepal's convoy of trucks at the border.", "Nepal"),
])
def test_initials_that_are_no_persons_leave_the_place(gaz: Gazetteer, text: str,
                                                      place: str) -> None:
    feats = _features(text, gaz)
    assert any(t.endswith(place) for t, _, _ in feats), feats


def test_compass_initials_and_a_sentence_ending_in_a_role_leave_the_place(
        gaz: Gazetteer) -> None:
    feats = _features("Fire guts a warehouse in N.W. Kandy. Police said no one was hurt.",
                      gaz)
    assert any(t == "Kandy" for t, _, _ in feats), feats
    feats = _features("The council will elect a president. KANDY: traders closed their shops.",
                      gaz)
    assert any(t.lower() == "kandy" for t, _, _ in feats), feats


def test_a_middle_initial_or_a_places_prefix_alone_makes_no_person(gaz: Gazetteer) -> None:
    feats = _features("Farmers staged a sit-in at T. Kallupatti demanding water.", gaz)
    before = _features("Farmers staged a sit-in at Kallupatti demanding water.", gaz)
    assert [p for _, p, _ in feats] == [p for _, p, _ in before], (feats, before)


@pytest.mark.parametrize(("text", "noun"), [
    # a common noun beside the note's places: no village in another country
    ("Vendors rallied outside the Metro depot in Multan on Monday.", "Metro"),
    ("Hawkers clashed with police near the Metro works at Kalma Chowk, Lahore.", "Metro"),
])
def test_a_common_noun_needs_more_than_its_letters(gaz: Gazetteer, text: str,
                                                   noun: str) -> None:
    feats = _features(text, gaz)
    assert not any(noun in t for t, _, _ in feats), feats


def test_a_common_noun_place_the_texts_other_names_reach_stays(gaz: Gazetteer) -> None:
    feats = _features("Flooding closed roads in Bath, Maine, and Portland.", gaz)
    assert any(t == "Bath" and c == "US" for t, _, c in feats), feats


def test_a_common_noun_said_to_be_a_towns_name_stays(gaz: Gazetteer) -> None:
    feats = _features("Farmers rallied in the town of Metro on Friday.", gaz)
    assert any(t.endswith("Metro") for t, _, _ in feats), feats
