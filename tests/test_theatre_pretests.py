"""The theatre's cheap tests: the unit words' pretest (:func:`geoevents.text.phrases_pretest`)
is found wherever their pattern matches, and the actor index read past a leading optional
"(?:the )?" (:func:`geoevents._patterns.existence_starts_pattern`) still finds every actor."""

from __future__ import annotations

from geoevents._match_starts import StartIndex
from geoevents._patterns import existence_starts_pattern, optional_leads
from geoevents._theatre import _unit_patterns, _unit_table, side_countries, theatre_cues, unit_cues
from geoevents.events.sides import SideTable, load_sides
from geoevents.model import Extraction
from geoevents.text import folded_lower, phrases_pretest


def test_every_unit_word_passes_its_pretest_as_the_pattern_reads_it() -> None:
    for regex, upper, pretest in _unit_patterns():
        assert pretest is not None
        for word in _unit_table():
            if (word == word.upper()) is not upper:
                continue
            for said in (word, word.upper(), word.title(), word.lower() + "s",
                         word.replace(" ", " \n\t"), word.replace("k", "\u212a")):
                text = f"in the {said} of X"
                if regex.search(text):
                    haystack = text if upper else folded_lower(text)
                    assert pretest.search(haystack), (word, said)


def test_a_text_without_unit_words_has_no_cue_and_one_with_them_has() -> None:
    assert not unit_cues("Fighting was reported in Tel Afar on Monday.")
    assert unit_cues("Clashes in Sadar Upazilas and a Mai-Mai attack in Bassa LGA.")


def test_phrases_pretest_declines_what_it_cannot_read() -> None:
    assert phrases_pretest(["côte"], ignore_case=True) is None
    assert phrases_pretest(["two  spaces"], ignore_case=True) is None
    assert phrases_pretest([], ignore_case=False) is None
    pretest = phrases_pretest(["union parishad", "PML-N"], ignore_case=False)
    assert pretest is not None
    assert pretest.search("the union\u00a0parishad") and pretest.search("PML-N")
    assert not pretest.search("the union of parishads")


def test_existence_starts_pattern_drops_only_leading_optional_words_ending_in_a_space() -> None:
    assert existence_starts_pattern("(?:the )?(?:Three )?Brotherhood Alliance|the alliance") \
        == "Brotherhood Alliance|the alliance"
    assert existence_starts_pattern("(?:the |a )?army") == "army"
    for kept in ("(?:the )?", "(?:Al)?Shabaab", "(?:the )?(?<=x)y", "(?:the )??army",
                 "(?:al-)?Shabaab", "(?:the )+army"):
        assert existence_starts_pattern(kept) == kept


def test_an_actor_named_with_its_article_is_still_found() -> None:
    """Every actor pattern whose alternatives open with an optional group is found in a text
    that names it with the group's words (the index reads the words after them)."""
    for regex, countries, _ in side_countries():
        for said in ("The Brotherhood Alliance took Lashio.", "the Three Brotherhood Alliance",
                     "Fighters of the Military Operations Command advanced."):
            if regex.search(said):
                ex = Extraction([], [], [], [], {}, text=said)
                assert theatre_cues(ex, [])[countries[0]] > 0, (regex.pattern[:60], said)


def test_optional_leads_are_every_text_the_dropped_groups_match() -> None:
    assert optional_leads("(?:the )?(?:Three )?Brotherhood|M23") \
        == ("Brotherhood|M23", ("Three ", "the ", "the Three "))
    assert optional_leads("(?:the )??army") == ("(?:the )??army", ())


def test_the_side_table_finds_what_its_patterns_find_when_tried_everywhere() -> None:
    """The events' actor search, which tries a row with a leading "(?:the )?" at "the" only
    where one of its words follows, finds every match a plain scan of each row finds."""
    table = load_sides()
    plain = SideTable(table.rules, table.source)
    object.__setattr__(plain, "_index", StartIndex([None] * len(table.rules)))  # everywhere
    texts = ["The SDF and THE Army clashed; the  army, the\tarmy and other armies.",
             "Fighters of the Three Brotherhood Alliance and the Brotherhood Alliance, "
             "theArmy, the M23 rebels and the Arakan Army took the town.",
             "Kelvin-case: THE \u212aurdish forces and the kurdish Peshmerga.",
             "Fighters of the Military Operations Command and THE Department of Military "
             "Operations, not other Military Operations Command units, advanced."]
    filler = "Nothing of note happened in the valley that week. " * 40  # sparse starts
    for text in texts:
        assert table.matches(filler + text) == plain.matches(filler + text), text
