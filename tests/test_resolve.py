"""Resolution choices that depend on the document: capitals and same-named regions, "state",
and what coherence may measure from."""

from __future__ import annotations

import pytest

from geoevents.pipeline import analyse


def _placed(gaz, text: str) -> dict[str, object]:
    ex, _ = analyse(text, gaz)
    return {m.text: m.place for m in ex.mentions if m.place is not None}


@pytest.mark.parametrize("text", [
    "Egypt hopes for better ties with Washington, officials in Cairo said.",
    "Officials in Washington said the talks with Tehran would resume.",
])
def test_washington_alone_is_the_capital(gaz, text: str) -> None:
    """A bare "Washington" in foreign news is the US capital (a major city bearing the name),
    not the state of Washington, whose population is thirty times its own."""
    place = _placed(gaz, text)["Washington"]
    assert place.kind == "city" and place.admin1 == "DC"


@pytest.mark.parametrize("text", [
    "A cow from a Washington state farm tested positive, officials in central California said.",
    "The first case was found in the state of Washington. Officials in Ottawa were told.",
])
def test_the_text_saying_state_makes_it_the_state(gaz, text: str) -> None:
    """"Washington state" and "the state of Washington" are the first-level region — not the
    capital and not a Washington County (a state is never a county)."""
    place = _placed(gaz, text)["Washington"]
    assert place.kind == "admin1" and place.country == "US"


def test_a_state_named_with_its_word_keeps_its_candidates(gaz) -> None:
    assert _placed(gaz, "Fighting spread across Borno State, and gunmen attacked Maiduguri.")[
        "Borno State"].kind == "admin1"


def test_coherence_is_not_measured_from_a_countrys_point(gaz) -> None:
    """The United States' reference point lies in Kansas: a report naming "the US" often must
    not pull "Washington" to Washington, Kansas (1,085 people) by closeness to that point."""
    text = ("US officials said the US would keep its aid to Egypt. The US embassy in Cairo "
            "confirmed it, and a US envoy said Washington would not cut the aid.")
    place = _placed(gaz, text)["Washington"]
    assert place.admin1 == "DC" and place.population > 500_000


def test_a_name_known_with_its_feature_word_is_placed(gaz) -> None:
    """"Kurdistan Region" is read as a region named with its feature word; the gazetteer
    knows the whole phrase, which gives the mention its candidates (it was left unplaced)."""
    placed = _placed(gaz, "Turkish drones struck targets near Sulaymaniyah, the Kurdistan "
                          "Region's security council said.")
    assert placed["Kurdistan Region"].id == "region:kurdistan-region"
    assert _placed(gaz, "Shelling hit the Luhansk region overnight.")[
        "Luhansk region"].kind == "admin1"


def test_a_region_that_dwarfs_its_namesakes_is_a_country_cue(gaz) -> None:
    """"England" (63 million; a village of 2,800 in Arkansas shares the name) says Britain as
    surely as an unambiguous name: a surname that only a US village bears ("Biggs") must not
    make the report American and take Cornwall and Devon to Pennsylvania."""
    text = ("Three people died in a caravan park in Cornwall in South West England. Devon and "
            "Cornwall police were alerted. The dead are a woman and her husband. David "
            "Biggs, a member of the town council, said it came as a shock.")
    placed = _placed(gaz, text)
    assert placed["England"].kind == "admin1" and placed["England"].country == "GB"
    assert placed["Cornwall"].country == "GB" and placed["Devon"].country == "GB"


def test_a_place_and_its_state_are_not_peers(gaz) -> None:
    """"Houston, Texas" is a place in Texas: that both names have US counties among their
    candidates (Houston County, Texas County) does not make them a list of peers."""
    placed = _placed(gaz, "One death was confirmed in a boy in Houston, Texas. Schools were "
                          "shut in Texas and Alabama.")
    assert placed["Houston"].admin1 == "TX" and placed["Texas"].kind == "admin1"
    peers = _placed(gaz, "Cases in Georgia, Oklahoma, Pennsylvania and California rose.")
    assert peers["Georgia"].kind == "admin1" and peers["Georgia"].country == "US"


def test_georgia_the_state_and_georgia_the_country(gaz) -> None:
    """"Atlanta, Georgia" is the US state (Y of "X, Y" holds X); a country's name is no cue
    when a bigger namesake shares it — but Georgia is the country beside Tbilisi."""
    assert _placed(gaz, "Samples were sent to the CDC in Atlanta, Georgia, officials said.")[
        "Georgia"].country == "US"
    placed = _placed(gaz, "Russian troops entered Georgia; fighting near Tbilisi and Gori "
                          "continued.")
    assert placed["Georgia"].kind == "country" and placed["Georgia"].country == "GE"
