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

