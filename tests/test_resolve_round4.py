"""Terse conflict notes, round 4 (issue 17): administrative-unit words as country cues, and
small namesakes abroad that nothing but their own name supports. The notes are invented (other
words, other places than the development notes); docs/resolution.md."""

from __future__ import annotations

import pytest

from geoevents._theatre import unit_cues
from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import analyse, resolve_spans


def _places(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str | None] | None]:
    """Each toponym or named mention's chosen place: (name, country), or None."""
    ex, _ = analyse(text, gaz)
    return {m.name: (m.place.name, m.place.country) if m.place is not None else None
            for m in ex.mentions if m.role in ("toponym", "named")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Two rickshaws were torched in Sadar upazila.", {"BD": 3.0}),
    ("Strikes in three upazilas and two VDCs.", {"BD": 3.0, "NP": 3.0}),
    ("Herders clashed in Bassa LGA and in a tehsil nearby.", {"NG": 3.0, "IN": 1.5, "PK": 1.5}),
    ("A kebele militia and another kebele militia.", {"ET": 3.0}),  # each word once
    ("The vdc of the lga met.", {}),  # the capitalised abbreviations only as written
    ("Protesters gathered in the township.", {}),  # a word many countries use
])
def test_unit_words_cue_their_country(text: str, expected: dict[str, float]) -> None:
    assert dict(unit_cues(text)) == expected


def test_a_unit_word_keeps_a_loose_namesake_abroad_out(gaz: Gazetteer) -> None:
    # an Ethiopian note: the woreda makes Ethiopia the theatre, so a variant of a Colorado
    # town is no reading of the village's name
    placed = _places("Police shot two protesters in Awaday town of Babile woreda.", gaz)
    assert placed["Awaday"] is None
    assert placed["Babile"] is not None and placed["Babile"][1] == "ET"


def test_a_lone_namesake_abroad_is_left_unresolved(gaz: Gazetteer) -> None:
    # "Sadar upazila" names a subdistrict of Bangladesh; the gazetteer knows only a hamlet of
    # Indonesia by the name: coherence with the note's other place beats it
    placed = _places(
        "Unknown assailants torched two rickshaws in Sadar upazila of Bhola district.", gaz)
    assert placed["Sadar"] is None
    assert placed["Bhola"] == ("Bhola", "BD")


def test_a_lone_name_with_no_other_cue_is_kept(gaz: Gazetteer) -> None:
    # with nothing else to go on, the only candidate is the best guess
    assert _places("Gunmen killed a farmer in Sadar.", gaz)["Sadar"] == ("Sadar", "ID")


def test_a_demonym_is_no_home_to_be_far_from(gaz: Gazetteer) -> None:
    # the contractor's nationality says nothing of where the road is
    placed = _places("Farmers in Parachinar blocked a road against a Chinese contractor.", gaz)
    assert placed["Parachinar"] == ("Parachinar", "PK")



@pytest.mark.parametrize("text", [
    "Lawyers marched to the high court in Islamabad on Monday.",
    "A sit-in outside the press club in Islamabad entered its third day.",
])
def test_a_city_bearing_the_name_beats_a_city_that_once_bore_it(gaz: Gazetteer,
                                                                  text: str) -> None:
    # Chattogram, three million, lists "Islamabad" among its old names; the capital of
    # Pakistan bears the name as its own
    placed = _places(text, gaz)["Islamabad"]
    assert placed is not None and placed[1] == "PK"


def test_a_town_bearing_the_name_beats_a_larger_city_that_once_bore_it(
        gaz: Gazetteer) -> None:
    # Tours lists "Tura" among its other names; Tura in Meghalaya, half its size, bears it
    placed = _places("A grenade blast near a market in Tura injured two.", gaz)["Tura"]
    assert placed is not None and placed[1] == "IN"


def test_a_small_namesake_does_not_demote_an_exonym(gaz: Gazetteer) -> None:
    placed = _places("Fighting was reported near Palmyra.", gaz)["Palmyra"]
    assert placed is not None and placed[1] == "SY"


@pytest.mark.parametrize(("text", "name", "place"), [
    ("Border guards caught Rasel near the fence at Benapole.", "Rasel", None),  # an object
    ("A crowd gathered in front of Mondal's residence in Natore.", "Mondal", "Natore"),
    ("Militants of Harkat-ul-Mujahideen (HuM) attacked a post in Kupwara.", "HuM", "Kupwara"),
])
def test_people_and_abbreviations_are_no_places(gaz: Gazetteer, text: str, name: str,
                                                place: str | None) -> None:
    placed = _places(text, gaz)
    assert placed[name] is None
    assert place is None or placed[place] is not None


def test_the_syntax_of_people_spares_places(gaz: Gazetteer) -> None:
    # a place where something befell people, a place after a preposition, a country
    placed = _places("A horse in Laksam was killed. Protesters marched in Natore. "
                     "India was criticised.", gaz)
    assert placed["Laksam"] is not None and placed["Natore"] is not None
    assert placed["India"] == ("India", "IN")


def test_is_person_and_is_abbreviation_read_the_syntax() -> None:
    from geoevents._persons import is_abbreviation, is_person
    from geoevents.model import Mention

    def mention(text: str, name: str) -> Mention:
        start = text.rindex(name)
        return Mention(name, start, start + len(name), "toponym", name)

    for text, name in [("helper Polash died", "Polash"), ("as Rubel (22) of", "Rubel"),
                       ("Rubel was critically injured", "Rubel"), ("Sumon, 34, a", "Sumon")]:
        assert is_person(text, mention(text, name)), text
    for text, name in [("fighting in Rubel was reported", "Rubel"),
                       ("a bomb in Sumon was defused", "Sumon")]:
        assert not is_person(text, mention(text, name)), text
    text = "Lashkar-e-Jhangvi claimed it. LeJ is banned. The PA met in Punjab Assembly hall."
    assert is_abbreviation(text, mention(text, "LeJ"))
    assert is_abbreviation(text, mention(text, "PA"))
    assert not is_abbreviation("Troops in Kupwara", mention("Troops in Kupwara", "Kupwara"))


def test_a_namesake_far_outside_its_parent_is_left_unresolved(gaz: Gazetteer) -> None:
    # "Boi, Balochistan": the gazetteer knows no Boi in Balochistan; Voi in Kenya is no
    # reading of it
    placed = _places("Two militants were killed in Boi, Balochistan.", gaz)
    assert placed["Boi"] is None
    assert placed["Balochistan"] == ("Balochistan", "PK")


def test_a_place_inside_its_parent_stays(gaz: Gazetteer) -> None:
    placed = _places("Two militants were killed in Turbat, Balochistan.", gaz)
    assert placed["Turbat"] is not None and placed["Turbat"][1] == "PK"


def test_a_parent_pair_settles_on_one_reading(gaz: Gazetteer) -> None:
    # the second pass is sequential: the village is chosen again given the city, then the
    # city given the village, so the two no longer swap namesakes (Donetsk in Rostov oblast)
    placed = _places("Two shells hit Kamenka, Donetsk, on Friday.", gaz)
    assert placed["Donetsk"] == ("Donetsk", "UA")


def test_x_comma_y_names_two_places(gaz: Gazetteer) -> None:
    # Donetsk lists "Aleksandrovka" among its other names; in "X, Y" X is not Y itself
    placed = _places("Militia fighters attacked Aleksandrovka, Donetsk.", gaz)
    assert placed["Aleksandrovka"] is not None
    assert placed["Aleksandrovka"][0] != "Donetsk"


def test_a_stray_between_two_cued_countries_is_left_unresolved(gaz: Gazetteer) -> None:
    # no country dominates a note about a border, but Italy neither is nor borders either
    placed = _places("Troops of India and Pakistan exchanged fire in Nanno sector overnight.",
                     gaz)
    assert placed["Nanno"] is None
    assert placed["Pakistan"] == ("Pakistan", "PK")


def test_a_country_named_elsewhere_supports_its_places(gaz: Gazetteer) -> None:
    # the cue an unambiguous name gives its own country does not support that name, but it
    # supports the report's other places there ("Douma in Syria"); and a town the size of
    # Kunduz is named from afar, whoever the note's agent is
    text = "Officials in Athens, Ga., said Douma in Syria was hit."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Athens", "Ga.", "Douma",
                                                              "Syria")]
    douma = resolve_spans(text, spans, gaz)[2]
    assert douma is not None and douma.country == "SY"
    placed = _places("A US air strike hit the hospital in Kunduz, killing twelve civilians.",
                     gaz)
    assert placed["Kunduz"] is not None and placed["Kunduz"][1] == "AF"


@pytest.mark.parametrize(("text", "name", "place"), [
    ("Members of the Ismaili community marched through Karachi after the attack.",
     "Ismaili", "Karachi"),
    ("Gunmen fired on worshippers after the Isha prayer in Quetta.", "Isha", "Quetta"),
])
def test_peoples_and_prayers_are_no_places(gaz: Gazetteer, text: str, name: str,
                                           place: str) -> None:
    _, feats = analyse(text, gaz)
    assert not any(f.text == name for f in feats)  # no feature, no cue
    placed = _places(text, gaz)
    assert placed[place] is not None and placed[place][1] == "PK"
