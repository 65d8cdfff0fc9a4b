"""A capitalised preposition or conjunction in mid-sentence opens a clause, as at the start of
a sentence: terse event notes write "Protest: In Makeni, …" and "On 12 May, In Khulna, …",
and the place after it is still a place (invented notes, docs/extraction.md)."""

from __future__ import annotations

import pytest

from geoevents.gazetteer import Gazetteer
from geoevents.pipeline import locate


def _names(text: str, gaz: Gazetteer) -> list[str]:
    return [f.place for f in locate(text, gaz) if f.place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Protest: In Makeni, traders marched against the new market tax.", "Makeni"),
        ("On 12 May, In Khulna, police arrested 12 activists of a student union.", "Khulna"),
        ("Violence against civilians: On 4 March, In Jessore town, two men were shot.",
         "Jessore"),
        ("Armed clash (Kenema district): Near Kenema, soldiers exchanged fire with poachers.",
         "Kenema"),
    ],
)
def test_a_capitalised_opener_mid_sentence_is_not_part_of_the_name(
        text: str, place: str, gaz: Gazetteer) -> None:
    assert place in _names(text, gaz)


def test_a_place_whose_name_begins_with_such_a_word_keeps_it(gaz: Gazetteer) -> None:
    # "In Salah" is a town of Algeria: the longer name still wins
    assert "In Salah" in _names("Workers protested on Monday in In Salah over gas drilling.",
                                gaz)
