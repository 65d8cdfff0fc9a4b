"""An offset or direction apposition after a place the gazetteer knows ("X, 5 km west of Y,
…") describes X: X stays at its own point and keeps the sentence's status; the offset only
confirms it, picks among X's namesakes, or is noted as disagreeing (docs/geometry.md)."""

from __future__ import annotations

import pytest

from geoevents._geodesy import distance_m
from geoevents.gazetteer import Gazetteer
from geoevents.geometry import SUBJECT_TOLERANCE_M
from geoevents.model import Feature
from geoevents.pipeline import analyse


def _features(text: str, gaz: Gazetteer) -> list[Feature]:
    return analyse(text, gaz)[1]


def _own(features: list[Feature], name: str) -> Feature:
    (f,) = [f for f in features if f.text == name]
    return f


def _plain(name: str, predicate: str, gaz: Gazetteer) -> Feature:
    return _own(_features(f"{name} {predicate}", gaz), name)


CASES = [
    # (place, apposition, predicate, its own point): the apposition agrees with the point
    ("Vuhledar", "about 50 km south-west of Donetsk", "was captured by Russian forces.",
     (47.78, 37.25)),
    ("Sloviansk", "some 12 km north of Kramatorsk", "was shelled by Russian forces.",
     (48.85, 37.60)),
    ("Tal Afar", "60 km west of Mosul", "was retaken by Iraqi forces.", (36.38, 42.45)),
    # ... and one it disagrees with (the place is some 45 km north of the town)
    ("Izium", "10 km north of Kramatorsk", "was liberated by Ukrainian forces.",
     (49.21, 37.28)),
]


@pytest.mark.parametrize(("name", "apposition", "predicate", "point"), CASES)
def test_place_stays_at_its_own_point(gaz: Gazetteer, name: str, apposition: str,
                                      predicate: str, point: tuple[float, float]) -> None:
    fs = _features(f"{name}, {apposition}, {predicate}", gaz)
    own = _own(fs, name)
    assert distance_m(own.lat, own.lon, *point) < 5_000
    assert own.derived_from is None and own.place_id is not None
    assert own.kind == "place"
    assert own.status == _plain(name, predicate, gaz).status
    offset = [f for f in fs if f.text == apposition]
    assert offset, "the apposition is kept as its own relative feature"
    assert offset[0].name is None
    assert offset[0].status in (None, "unknown")


def test_disagreement_is_noted(gaz: Gazetteer) -> None:
    fs = _features("Izium, 10 km north of Kramatorsk, was liberated by Ukrainian forces.", gaz)
    (offset,) = [f for f in fs if f.text == "10 km north of Kramatorsk"]
    assert any("disagrees with Izium" in n for n in offset.explain)


def test_agreement_is_within_the_uncertainty(gaz: Gazetteer) -> None:
    fs = _features("Vuhledar, about 50 km south-west of Donetsk, was captured.", gaz)
    own = _own(fs, "Vuhledar")
    (offset,) = [f for f in fs if f.text.endswith("of Donetsk")]
    gap = distance_m(own.lat, own.lon, offset.lat, offset.lon)
    assert gap <= offset.uncertainty_m + SUBJECT_TOLERANCE_M
    assert not any("disagrees" in n for n in offset.explain)


def test_to_the_direction_of_the_focus(gaz: Gazetteer) -> None:
    text = ("Heavy fighting was reported around Kramatorsk. Sloviansk, about 12 km to the "
            "north, was shelled by Russian forces.")
    own = _own(_features(text, gaz), "Sloviansk")
    assert distance_m(own.lat, own.lon, 48.85, 37.60) < 5_000
    assert own.derived_from is None and own.kind == "place"


def test_offset_picks_the_namesake_it_agrees_with(gaz: Gazetteer) -> None:
    # two Krasnohorivkas: a town by Donetsk and a village some 60 km west of Poltava
    fs = _features("Krasnohorivka, 60 km west of Poltava, was shelled.", gaz)
    own = _own(fs, "Krasnohorivka")
    assert own.derived_from is None
    assert own.lon < 34.5  # the Poltava one, not the town by Donetsk (37.5° E)


def test_a_homonym_across_a_large_country_yields_to_the_text(gaz: Gazetteer) -> None:
    # the gazetteer's Shamshabad is by Hyderabad, some 1,000 km from Agra
    fs = _features("Police fired tear gas in Shamshabad, a village 20 km south of Agra.", gaz)
    (own,) = [f for f in fs if f.text.startswith("Shamshabad")]
    assert own.derived_from is not None
    assert distance_m(own.lat, own.lon, 27.18, 78.02) < 40_000
