"""Terse conflict notes, round 9 (issue 17): a spelling variant found through a city's
alternate name is a loose match like any other, and a loose match outside a note's theatre,
far from its other places, is no reading of the name however big the place. The notes are
invented (other words, other places than the development notes); docs/resolution.md, "Round
nine"."""

from __future__ import annotations

import pytest

from geoevents._calibration import calibrated
from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import analyse, locate


def _features(text: str, gaz: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    """(text, place, country) of each feature of ``text``."""
    return [(f.text, f.place, f.country) for f in locate(text, gaz)]


@pytest.mark.parametrize(("text", "name", "abroad"), [
    # a variant reached through an alternate name (Rangoon → Yangon) in a Taliban note
    ("Taliban fighters attacked a police post in Rangooni on Monday, killing two officers.",
     "Rangooni", "MM"),
    # a variant of a city of a million abroad (Raipur, India) in an Al Shabaab note
    ("Al Shabaab militants raided Raipuri overnight and abducted a teacher.", "Raipuri", "IN"),
])
def test_a_variant_outside_the_theatre_is_no_reading(gaz: Gazetteer, text: str, name: str,
                                                     abroad: str) -> None:
    feats = _features(text, gaz)
    assert not any(name in t and c == abroad for t, _, c in feats), feats


@pytest.mark.parametrize(("text", "name", "country"), [
    # a variant in the theatre is kept
    ("Taliban fighters overran a checkpoint in Qandahari district on Sunday.", "Qandahari",
     "AF"),
])
def test_a_variant_in_the_theatre_is_kept(gaz: Gazetteer, text: str, name: str,
                                          country: str) -> None:
    feats = _features(text, gaz)
    assert any(name in t and c == country for t, _, c in feats), feats


def test_a_variant_through_an_alternate_name_is_loose(gaz: Gazetteer) -> None:
    # a note with no cue at all keeps the reading, but its confidence is a loose match's
    ex, _ = analyse("Shops were looted in Rangooni on Friday night.", gaz)
    m = next(m for m in ex.mentions if m.name == "Rangooni")
    assert m.loose
    if m.place is not None:
        assert m.confidence <= calibrated(1.0, loose=True, terse=True), m.confidence


def test_a_variant_with_no_theatre_is_less_sure_than_one_in_the_theatre(gaz: Gazetteer) -> None:
    def confidence(text: str, name: str) -> float:
        ex, _ = analyse(text, gaz)
        m = next(m for m in ex.mentions if m.name == name)
        assert m.place is not None
        return m.confidence

    alone = confidence("Shops were looted in Qandahari on Friday night.", "Qandahari")
    cued = confidence("Taliban fighters overran a checkpoint in Qandahari on Sunday.",
                      "Qandahari")
    assert alone < cued, (alone, cued)
