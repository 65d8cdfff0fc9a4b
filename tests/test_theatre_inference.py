"""The report's theatre inferred from its cues (actors, "(District, Region)" notation), the
prior on loose matches, and names inside idioms (issue 17). The notes are invented, about
countries other than those of the development sets."""

from __future__ import annotations

from collections import Counter

from geoevents._theatre import infer_theatre, side_countries, theatre_cues
from geoevents.extract import extract
from geoevents.gazetteer import Gazetteer
from geoevents.gazetteer.loose import is_variant, similarity
from geoevents.model import Mention, Place, Theatre
from geoevents.pipeline import locate


def _cues(text: str, gaz: Gazetteer) -> Counter:
    ex = extract(text, gaz)
    return theatre_cues(ex, [m for m in ex.mentions if m.candidates])


def test_actors_cue_their_countries_of_operation(gaz: Gazetteer) -> None:
    assert infer_theatre(_cues("Houthi forces shelled a market on Tuesday.", gaz)) == Theatre(
        countries=frozenset({"YE"}))
    assert "SD" in infer_theatre(_cues("The RSF attacked a convoy on 3 May.", gaz)).countries
    assert "LY" in infer_theatre(_cues("LNA aircraft struck a depot.", gaz)).countries


def test_no_cue_no_theatre() -> None:
    assert infer_theatre(Counter()) is None
    assert infer_theatre(Counter({"YE": 1.0, "SA": 1.0})) is None  # too weak


def test_every_side_country_is_a_code() -> None:
    for _, countries, _ in side_countries():
        assert countries and all(len(c) == 2 and c.isupper() for c in countries)


def test_every_start_word_holds_a_literal_prefix() -> None:
    """What theatre_cues relies on to skip its substring test for a pattern the start index
    found words for: each word a match may begin with begins with one of the pattern's
    literal_prefixes."""
    from geoevents._match_starts import match_starts
    from geoevents._theatre import _ACTOR_WRAP

    a, b = len(_ACTOR_WRAP[0]), len(_ACTOR_WRAP[1])
    checked = 0
    for regex, _, prefixes in side_countries():
        words = match_starts(regex.pattern[a:-b])
        if prefixes is not None and words is not None:
            checked += 1
            assert all(w.startswith(prefixes) for w in words), regex.pattern
    assert checked > 50


def test_variants() -> None:
    assert similarity("Al Arish", "Arīsh") == 1.0
    assert is_variant("Jowhar", "Jawhar")
    assert not is_variant("North Sinai", "Shamāl Sīnā'")  # another name, not a variant


def test_loose_match_abroad_is_not_taken(gaz: Gazetteer) -> None:
    """A spelling variant far outside the theatre (an actor names it) stays unplaced."""
    feats = locate("Houthi fighters attacked Qarn Awaday village, killing two.", gaz)
    assert all(f.country in (None, "YE", "SA") for f in feats)


def test_loose_prune_keeps_the_theatre_and_the_prominent() -> None:
    from geoevents._theatre import prune_loose

    far = Place("t:1", "Arvada", 39.8, -105.1, "city", "US", population=120_000)
    home = Place("t:2", "Arvadi", 15.0, 44.0, "village", "YE")
    big = Place("t:3", "Arvadia", 10.0, 10.0, "city", "NG", population=2_000_000)
    m = Mention("Arvady", 0, 6, "toponym", "Arvady", candidates=(far, home, big))
    prune_loose([m], Theatre(countries=frozenset({"YE"})))
    assert [p.id for p in m.candidates] == ["t:2", "t:3"]


def test_loose_prune_without_a_theatre_wants_a_cue_or_a_town() -> None:
    """A note that cues a country but too weakly for a theatre: a spelling variant stands for
    a place in a cued country, or for a town of some size; a hamlet abroad is no reading of
    it. A note that cues nothing gives no prior at all ("Fighting was reported in X.")."""
    from geoevents._theatre import LOOSE_ALONE_POPULATION, prune_loose

    hamlet = Place("t:1", "Messel", 49.9, 8.7, "village", "DE", population=4_000)
    town = Place("t:2", "Meselo", 7.2, 38.6, "city", "ET",
                 population=LOOSE_ALONE_POPULATION * 2)
    cued = Place("t:3", "Mesell", 13.0, 25.0, "village", "SD", population=500)
    m = Mention("Mesel", 0, 5, "toponym", "Mesel", candidates=(hamlet, town, cued))
    prune_loose([m], None, Counter())
    assert [p.id for p in m.candidates] == ["t:1", "t:2", "t:3"]
    prune_loose([m], None, Counter({"SD": 1.0}))
    assert [p.id for p in m.candidates] == ["t:2", "t:3"]


def test_loose_prune_without_a_theatre_keeps_a_cued_countrys_neighbours() -> None:
    """A note that cues Armenia may be about a village across the border in Azerbaijan: a
    land neighbour of a cued country is as credible as the country (``_neighbours.csv``)."""
    from geoevents._theatre import neighbours, prune_loose

    assert "AZ" in neighbours("AM") and "AM" in neighbours("AZ")
    across = Place("t:1", "Kalbajar", 40.1, 46.0, "village", "AZ", population=7_000)
    far = Place("t:2", "Kelbaja", 10.0, 10.0, "village", "NG", population=7_000)
    m = Mention("Kelbajar", 0, 8, "toponym", "Kelbajar", candidates=(across, far))
    prune_loose([m], None, Counter({"AM": 1.0}))
    assert [p.id for p in m.candidates] == ["t:1"]


def test_a_name_inside_an_actors_name_is_no_place(gaz: Gazetteer) -> None:
    """"Boko Haram", "Al Shabaab" are groups (the lexicon's actors): a village named Haram
    in Norway is not in the note, wherever the group's name falls in the sentence."""
    for text in ("Boko Haram raided a village near Gwoza, killing two.",
                 "Soldiers repelled an attack by Boko Haram near Gwoza."):
        names = [m.name for m in extract(text, gaz).mentions if m.role == "toponym"]
        assert "Gwoza" in names and "Haram" not in names


def test_feasts_and_months_of_other_calendars_are_no_places(gaz: Gazetteer) -> None:
    text = "Police dispersed protesters in Peshawar during Ramadan and again after Eid."
    names = [m.name for m in extract(text, gaz).mentions if m.role == "toponym"]
    assert names == ["Peshawar"]
