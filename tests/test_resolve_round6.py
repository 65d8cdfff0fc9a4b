"""Terse conflict notes, round 6 (issue 17): a spelling variant needs the note's other places
or a cue. The notes are invented (other words, other places than the development notes);
docs/resolution.md, "Round six"."""

from __future__ import annotations

from collections import Counter

import pytest

from geoevents._loose_coherence import cohere_loose
from geoevents._theatre import unit_cues
from geoevents.gazetteer import Gazetteer
from geoevents.model import Mention, Place
from geoevents.pipeline import analyse, locate


def _places(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str | None] | None]:
    """Each toponym or named mention's chosen place: (name, country), or None."""
    ex, _ = analyse(text, gaz)
    return {m.name: (m.place.name, m.place.country) if m.place is not None else None
            for m in ex.mentions if m.role in ("toponym", "named")}


@pytest.mark.parametrize(("text", "exact", "country", "loose"), [
    # a spelling variant in another country than every exact place of the note, and far from
    # them all, is no reading of the name — however big the place abroad
    ("Gunmen killed two farmers in Kandahar and Marseyli.", "Kandahar", "AF", "Marseyli"),
    ("Militants attacked a checkpoint near Mogadishu and Hamburga.", "Mogadishu", "SO",
     "Hamburga"),
    # a neighbour's town 600 km away is no nearer a reading
    ("Militants attacked a police post in Quetta and Balkha.", "Quetta", "PK", "Balkha"),
])
def test_a_spelling_variant_away_from_every_other_place_is_unplaced(
        gaz: Gazetteer, text: str, exact: str, country: str, loose: str) -> None:
    placed = _places(text, gaz)
    assert placed[exact] is not None and placed[exact][1] == country
    assert placed[loose] is None or placed[loose][1] == country


@pytest.mark.parametrize(("text", "loose", "country"), [
    # a variant in the country of the note's other places stays
    ("Protesters marched in Peshawar and Charsada.", "Charsada", "PK"),
    ("Shelling hit Donetsk and Yasinovata overnight.", "Yasinovata", "UA"),
    # a variant alone in a note with no cue: a town is still a reading of the name
    ("Protesters blocked the highway in Jaranwalah.", "Jaranwalah", "PK"),
])
def test_a_coherent_or_sizeable_variant_stays(gaz: Gazetteer, text: str, loose: str,
                                               country: str) -> None:
    placed = _places(text, gaz)
    assert placed[loose] is not None and placed[loose][1] == country


@pytest.mark.parametrize(("text", "loose"), [
    # alone, with nothing in the note to say where it is, a spelling variant of a hamlet
    # abroad is a guess, not a place
    ("Gunmen killed a herder in Turnaua.", "Turnaua"),
    ("Soldiers opened fire on traders in Legauu.", "Legauu"),
])
def test_a_lone_variant_of_a_hamlet_is_unplaced(gaz: Gazetteer, text: str, loose: str) -> None:
    assert _places(text, gaz)[loose] is None


def test_a_namesake_chosen_among_countries_makes_no_other_place_far(gaz: Gazetteer) -> None:
    # "Bara" has namesakes in five countries and nothing to choose among them: its reading
    # must not make the city named beside it a far-away homonym
    placed = _places("Jets bombed Bara and Dayr al-Zawr.", gaz)
    assert placed["Dayr al-Zawr"] is not None and placed["Dayr al-Zawr"][1] == "SY"


def test_a_small_namesake_outside_the_theatre_pulls_no_city_abroad(gaz: Gazetteer) -> None:
    # the LNA says Libya: "Abu Salim" (read "Salim", a village of Palestine and nothing else)
    # is no reading, and "Tripoli" is Libya's, not Lebanon's
    placed = _places("LNA artillery shelled Abu Salim and the airport road (Tripoli).", gaz)
    assert placed["Tripoli"] is not None and placed["Tripoli"][1] == "LY"
    assert placed.get("Salim") is None


def test_a_facility_s_loosely_read_town_agrees_with_the_note(gaz: Gazetteer) -> None:
    # "Kalma camp": the gazetteer knows no camp, and reads "Kalma" only as a hamlet of the
    # United States; beside Nyala it is no town the camp is named after
    feats = locate("Armed men attacked displaced people near Kalma camp, Nyala.", gaz)
    assert all(f.country == "SD" for f in feats)


def test_a_country_named_agrees_with_its_neighbours_places(gaz: Gazetteer) -> None:
    # a country named is a container whose border a report's place may lie across: a
    # variant in a land neighbour is not unplaced by it alone
    country = Place("c:1", "Serbia", 44.0, 21.0, "country", "RS", population=7_000_000)
    town = Place("t:1", "Nevesinje", 43.26, 18.11, "town", "BA", population=4_000)
    named = [Mention(text="Nevesinjie", start=0, end=10, role="toponym", name="Nevesinjie",
                     candidates=(town,), place=town, confidence=0.7),
             Mention(text="Serbia", start=20, end=26, role="toponym", name="Serbia",
                     candidates=(country,), place=country, confidence=0.9)]
    cohere_loose(named, Counter({"RS": 2}), None)
    assert named[0].place is town


@pytest.mark.parametrize(("text", "country"), [
    # armed groups and forces of one country the sides table lacks cue it, as parties do
    ("TTP fighters ambushed a convoy on the Bannu road.", "PK"),
    ("SSPDF soldiers looted cattle near the river.", "SS"),
    ("ANDSF units shelled a compound on the ring road.", "AF"),
    ("ISWAP fighters overran a base near the lake.", "NG"),
    ("Koglweogo members killed two herders.", "BF"),
])
def test_an_armed_group_of_one_country_cues_it(text: str, country: str) -> None:
    cues = unit_cues(text)
    assert cues and max(cues, key=lambda c: cues[c]) == country


@pytest.mark.parametrize(("text", "countries"), [
    # the Islamic State's provinces share the side key of their parent, whose countries are
    # the Levant's and a few provinces': each province's own name says where it fights
    ("ISGS fighters raided a cattle market near the border.", {"ML", "NE", "BF"}),
    ("Militants of the Islamic State in the Greater Sahara burned a school.", {"ML", "NE", "BF"}),
    ("ISCAP fighters attacked a village north of the town.", {"CD"}),
    ("IS Mozambique claimed the attack on the ferry.", {"MZ"}),
    ("ISKP claimed the bombing of a mosque.", {"AF", "PK"}),
])
def test_an_islamic_state_province_cues_its_countries(text: str, countries: set[str]) -> None:
    cues = unit_cues(text)
    top = max(cues.values(), default=0)
    assert top > 0 and {c for c, w in cues.items() if w == top} == countries


@pytest.mark.parametrize(("text", "name"), [
    # "the Centre" is the federal government in Pakistani (and Indian) English: no region of
    # Burkina Faso, Cameroon or Haiti in a note about Pakistan
    ("Lawyers in Lahore protested against the Centre's decision to cut funds for the Punjab "
     "police.", "Centre"),
    ("Teachers rallied in Faisalabad, urging the Centre to release their salaries.", "Centre"),
    # nor in a note with no cue at all: nothing says which Centre is meant
    ("Nurses protested outside the health ministry, urging the Centre to pay arrears.",
     "Centre"),
    # a generic region name read only abroad: Uganda's Central Region beside Kandy
    ("Tamil Tigers attacked an army camp near Kandy, in the Central Region.", "Central Region"),
    ("Farmers protested in Dak Lak against low coffee prices across the Highlands.",
     "Highlands"),
])
def test_a_generic_region_name_is_no_region_abroad(gaz: Gazetteer, text: str,
                                                    name: str) -> None:
    assert _places(text, gaz)[name] is None


@pytest.mark.parametrize(("text", "name", "country"), [
    # a region named from afar stays: a supranational one, a country's in a note about it
    ("Students in Dhaka marched to condemn attacks on Christians in the Middle East.",
     "Middle East", None),
    # the theatre's namesake is read, not a region abroad
    ("Naga militants ambushed an Assam Rifles patrol in Mon district of Nagaland.", "Mon",
     "IN"),
])
def test_a_region_named_from_afar_or_in_the_theatre_stays(gaz: Gazetteer, text: str, name: str,
                                                          country: str | None) -> None:
    placed = _places(text, gaz)
    assert placed[name] is not None and placed[name][1] == country
