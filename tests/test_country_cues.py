"""The report's country cues from its names (``resolve._country_cues``): a country named is a
cue unless a bigger namesake shares its name or the name is two countries'; an unambiguous
name cues its country; a first-level region that dwarfs its namesakes cues its own."""

from __future__ import annotations

from collections import Counter

from geoevents.model import Extraction, Mention, Place
from geoevents.resolve import _country_cues


def _place(pid: str, kind: str, country: str | None, population: int) -> Place:
    return Place(f"test:{pid}", pid.title(), 0.0, 0.0, kind, country, None, population)


def _mention(name: str, *cands: Place, role: str = "toponym") -> Mention:
    return Mention(text=name, start=0, end=len(name), role=role, name=name,
                   candidates=tuple(cands))


_EX = Extraction([], [], [], [], {"ZZ": 1})


def test_a_country_named_is_a_cue() -> None:
    varnia = _mention("Varnia", _place("varnia", "country", "VA", 5_000_000),
                      _place("varnia town", "settlement", "QQ", 2_000))
    assert _country_cues(_EX, [varnia]) == Counter({"VA": 2, "ZZ": 1})
    assert _country_cues(_EX, [varnia], own=False) == Counter({"VA": 2})


def test_a_country_with_a_bigger_namesake_is_none() -> None:
    # (the US state of Georgia has three times the country's people)
    name = _mention("Corsan", _place("corsan", "country", "CO", 3_700_000),
                    _place("corsan state", "admin1", "US", 10_700_000),
                    _place("corsan village", "settlement", "CO", 500))
    assert _country_cues(_EX, [name], own=False) == Counter()


def test_a_country_as_big_as_its_namesake_is_a_cue() -> None:
    name = _mention("Tarsa", _place("tarsa state", "admin1", "US", 1_000_000),
                    _place("tarsa", "country", "TA", 1_000_000))
    assert _country_cues(_EX, [name], own=False) == Counter({"TA": 2})


def test_a_name_of_two_countries_is_none() -> None:
    name = _mention("Mondo", _place("mondo", "country", "MA", 5_000_000),
                    _place("mondo republic", "country", "MB", 90_000_000))
    assert _country_cues(_EX, [name], own=False) == Counter()


def test_an_unambiguous_name_cues_its_country_only_as_a_toponym() -> None:
    town = _place("belvo", "settlement", "BE", 40_000)
    assert _country_cues(_EX, [_mention("Belvo", town)], own=False) == Counter({"BE": 2})
    assert _country_cues(_EX, [_mention("Belvo", town, role="named")], own=False) == Counter()


def test_a_dominant_region_cues_its_country() -> None:
    region = _place("estmark", "admin1", "EM", 63_000_000)
    village = _place("estmark village", "settlement", "US", 2_800)
    assert _country_cues(_EX, [_mention("Estmark", village, region)], own=False) == Counter(
        {"EM": 2})
    # not when the next is more than a hundredth of it
    town = _place("estmark town", "settlement", "US", 640_000)
    assert _country_cues(_EX, [_mention("Estmark", region, town)], own=False) == Counter()


def test_cues_add_up_over_names() -> None:
    varnia = _place("varnia", "country", "VA", 5_000_000)
    names = [_mention("Varnia", varnia), _mention("Varnia", varnia),
             _mention("Belvo", _place("belvo", "settlement", "VA", 40_000))]
    assert _country_cues(_EX, names) == Counter({"VA": 6, "ZZ": 1})
