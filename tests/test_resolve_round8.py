"""Terse conflict notes, round 8 (issue 17): a capital named by its country or region ("the
capital of Nigeria's Borno state", "the Kenyan capital") or by a note's bare "the capital".
The notes are invented (other words, other places than the development notes);
docs/resolution.md, "Round eight"."""

from __future__ import annotations

import pytest

from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import locate


def _features(text: str, gaz: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    """(text, place, country) of each feature of ``text``."""
    return [(f.text, f.place, f.country) for f in locate(text, gaz)]


@pytest.mark.parametrize(("text", "needle", "seat", "country"), [
    # "the capital of <region>", the region written with its country
    ("Gunmen ambushed a convoy on the outskirts of the capital of Nigeria's Borno state.",
     "capital of", "Maiduguri", "NG"),
    ("Fighters shelled the capital of Helmand province overnight.", "capital of",
     "Lashkar Gāh", "AF"),
    # "<country>'s capital", "the <demonym> capital": the national capital
    ("Traders closed their shops in Somalia's capital on Friday.", "capital", "Mogadishu",
     "SO"),
    ("Students rallied in the Kenyan capital on Tuesday over fees.", "capital", "Nairobi",
     "KE"),
    # a region's seat named by its region and an adjective
    ("Nurses marched in the Shan regional capital to demand back pay.", "capital",
     "Taunggyi", "MM"),
])
def test_a_capital_named_by_its_country_or_region_is_its_seat(
        gaz: Gazetteer, text: str, needle: str, seat: str, country: str) -> None:
    feats = _features(text, gaz)
    assert any(needle in t and p == seat and c == country for t, p, c in feats), feats


@pytest.mark.parametrize(("text", "seat", "country"), [
    # a bare "the capital" in a note whose theatre is one country: that country's capital
    ("MQM workers staged a sit-in in the capital on Friday to protest power cuts.",
     "Islamabad", "PK"),
    ("Nepali Congress cadres clashed with police in the Capital on Monday.", "Kathmandu",
     "NP"),
])
def test_a_notes_bare_capital_is_its_theatres(gaz: Gazetteer, text: str, seat: str,
                                             country: str) -> None:
    feats = _features(text, gaz)
    assert any("apital" in t and p == seat and c == country for t, p, c in feats), feats


@pytest.mark.parametrize("text", [
    # no theatre: no country's capital
    "A bomb went off in the capital on Sunday, witnesses said.",
    # no place: a punishment, an authority's name
    "MQM workers protested against capital punishment on Friday.",
    "MQM workers protested outside the Capital Development Authority office.",
    # a region's or a former capital is no national capital
    "MQM workers rallied in the provincial capital on Friday.",
])
def test_a_capital_with_no_country_or_no_place_is_no_feature(gaz: Gazetteer,
                                                             text: str) -> None:
    feats = _features(text, gaz)
    assert not any("apital" in t for t, _, _ in feats), feats


def test_a_capital_named_in_apposition_is_one_feature(gaz: Gazetteer) -> None:
    feats = _features("Thousands rallied in the Ethiopian capital, Addis Ababa, on Sunday.",
                      gaz)
    assert [p for _, p, _ in feats].count("Addis Ababa") == 1, feats
    assert not any("apital" in t for t, _, _ in feats), feats


def test_an_articles_bare_capital_is_no_feature(gaz: Gazetteer) -> None:
    article = ("MQM workers staged a sit-in in the capital on Friday to protest power cuts. "
               + "The protesters said the outages had lasted for weeks and that the "
               "government had ignored their letters. " * 8)
    feats = _features(article, gaz)
    assert not any("apital" in t for t, _, _ in feats), feats


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geoevents._geodesy import haversine_m

    return haversine_m(a[0], a[1], b[0], b[1]) / 1000.0


@pytest.mark.parametrize(("text", "name", "anchor"), [
    # a spelling variant read as a small namesake of the theatre's country far from every
    # place the report names exactly is no reading of the name (the villages the gazetteer
    # lacks: Synkivka in Kharkiv oblast, not Synookivka in Cherkasy oblast)
    ("Russian troops attacked Synkivka and Kupiansk on Sunday.", "Synkivka", "Kupiansk"),
    ("Shelling hit Storozheve and Vuhledar in Donetsk oblast overnight.", "Storozheve",
     "Vuhledar"),
    ("Fighting raged near Kyslivka and Kupiansk, the general staff said.", "Kyslivka",
     "Kupiansk"),
])
def test_a_far_variant_in_the_theatre_is_no_reading(gaz: Gazetteer, text: str, name: str,
                                                    anchor: str) -> None:
    feats = locate(text, gaz)
    at = next((f.lat, f.lon) for f in feats if f.text == anchor)
    assert all(_km((f.lat, f.lon), at) <= 150 for f in feats if name in f.text), [
        (f.text, f.place, f.country) for f in feats]


@pytest.mark.parametrize(("text", "name", "place"), [
    # a variant near the report's other places is its reading
    ("Shelling hit Marinka and Kurakhove in Donetsk oblast overnight.", "Marinka",
     "Mar'yinka"),
    ("Ukrainian forces took Balakliia and Izium in Kharkiv oblast.", "Balakliia",
     "Balakliya"),
])
def test_a_near_variant_is_kept(gaz: Gazetteer, text: str, name: str, place: str) -> None:
    feats = _features(text, gaz)
    assert (name, place, "UA") in feats, feats


@pytest.mark.parametrize(("text", "country"), [
    # a short form naming two countries: the report's other places choose
    ("Militiamen attacked a health centre near Bunia in eastern Congo.", "CD"),
    ("Fighting in northern Congo displaced thousands near Uvira and Beni.", "CD"),
    ("Police dispersed a march in Dolisie, Congo, on Saturday.", "CG"),
])
def test_a_short_form_naming_two_countries_follows_the_reports_places(
        gaz: Gazetteer, text: str, country: str) -> None:
    feats = _features(text, gaz)
    assert any(t == "Congo" and c == country for t, _, c in feats), feats
