"""The match-start prefilter of many patterns over one text (geoevents._match_starts:
match_starts, StartIndex, finditer_from): it finds what a plain finditer finds."""

from __future__ import annotations

import random
import re

import pytest

from geoevents._match_starts import StartIndex, finditer_from, match_starts
from geoevents.events.sides import load_sides
from geoevents.text import word_starts


@pytest.mark.parametrize(("pattern", "starts"), [
    ("jihadists?|militants?", ("jihadist", "militant")),
    ("(?:the )?army|M23", ("army", "m23", "the")),
    ("(?:the )?(?:Three )?Brotherhood Alliance", ("brotherhood", "the", "three")),
    ("[Tt]he army", ("t",)),
    ("[1-9][0-9]*th", tuple("123456789")),
    ("al-Qaeda(?:-linked)?", ("al",)),
    ("ab?c|x", ("a", "x")),
    ("(?:a|bc)+d", ("a", "bc")),
])
def test_match_starts(pattern: str, starts: tuple[str, ...]) -> None:
    assert match_starts(pattern) == starts


@pytest.mark.parametrize("pattern", [
    "", "a|", "(?:the )?", r"\bfoo", "(?i)foo", "[^a]b", "[a-]b", "(?:ab){0,2}c", " foo",
    "(?:x", ".foo", "a?b",
])
def test_match_starts_unknown(pattern: str) -> None:
    assert match_starts(pattern) is None


def test_split_reads_classes() -> None:
    # a "|" after a class holding ")" is top-level: "yz" begins matches too
    assert match_starts("x[)]|yz") == ("x", "yz")


def test_word_starts_fold_odd() -> None:
    # "İS" is matched by a case-insensitive "is": the word counts as "is", offsets kept
    assert word_starts("x \u0130S y") == [(0, "x"), (2, "is"), (5, "y")]


@pytest.mark.parametrize("ratio", [None, 1e9])  # as set, or always at the starts
def test_same_matches_as_finditer(ratio: float | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if ratio is not None:
        monkeypatch.setattr("geoevents._match_starts._STARTS_PER_CHAR", ratio)
    table = load_sides()
    regexes = [re.compile(r"(?<![\w-])(?:" + r.pattern + r")(?!\w)", re.IGNORECASE)
               for r in table.rules]
    index = StartIndex(match_starts(r.pattern) for r in table.rules)
    words = sorted({w for r in table.rules for w in re.findall(r"[A-Za-z]{2,}", r.pattern)}
                   | {"the", "-", "(", "\u0130S", "\u017fdf"})
    rng = random.Random(7)
    for _ in range(30):
        text = " ".join(rng.choice(words)
                        for _ in range(80))
        text = text.upper() if rng.random() < 0.3 else text
        starts = index.candidates(text)
        for i, rx in enumerate(regexes):
            expected = [m.span() for m in rx.finditer(text)]
            if i not in starts and i not in index.always:
                assert expected == []
            else:
                got = [m.span() for m in finditer_from(rx, text, starts.get(i))]
                assert got == expected
