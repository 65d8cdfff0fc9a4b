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


def test_only_the_fold_odd_characters_match_ascii_under_ignorecase() -> None:
    """What _words_with_starts relies on: besides ASCII letters and digits, no code point but
    the four of geoevents.text._FOLD_ODD matches one of them under re.IGNORECASE."""
    from geoevents.text import _FOLD_ODD

    ascii_ = re.compile(r"[A-Za-z0-9]|" + "|".join("abcdefghijklmnopqrstuvwxyz0123456789"),
                        re.IGNORECASE)
    odd = {chr(cp) for cp in range(0x110000)
           if not (chr(cp).isascii() and chr(cp).isalnum()) and ascii_.match(chr(cp))}
    assert odd == set(_FOLD_ODD)


def test_lower_keeps_offsets_and_word_characters() -> None:
    """What StartIndex.candidates relies on when it reads the words in a text's lower case:
    but for the four of geoevents.text._FOLD_ODD, every code point's lower case is one
    character, a word character exactly when the code point is one, and an ASCII letter or
    digit only when the code point is one."""
    from geoevents.text import _FOLD_ODD

    word = re.compile(r"\w")
    for cp in range(0x110000):
        ch = chr(cp)
        if ch in _FOLD_ODD:
            continue
        low = ch.lower()
        assert len(low) == 1, hex(cp)
        assert bool(word.match(low)) == bool(word.match(ch)), hex(cp)
        assert (low.isascii() and low.isalnum()) == (ch.isascii() and ch.isalnum()), hex(cp)


def _candidates_by_words(index: StartIndex, text: str) -> dict[int, list[int]]:
    """StartIndex.candidates as it was: every word of word_starts looked up."""
    out: dict[int, list[int]] = {}
    for pos, word in word_starts(text):
        for i in index._patterns(word):
            out.setdefault(i, []).append(pos)
    return out


@pytest.mark.parametrize("text", [
    "The army and the ARMY; army-led, x_army, 2army, armyX, Army's (army) «army»",
    "Al-Shabaab, al-Qaeda and AQAP: al_Qaeda, Ál-Qaeda, éal-Qaeda, M23 M230 m23s",
    "İstanbul ſtate Kelvin \u212aurdish forces: the Syrian army",  # the odd characters
    "forces\u00a0forces\tforces\nforces—forces…FORCES", "", "   ", "123 4th 5th-Brigade",
])
def test_candidates_as_word_by_word(text: str) -> None:
    index = load_sides()._index
    assert index.candidates(text) == _candidates_by_words(index, text)
    rng = random.Random(18)
    words = ["army", "the", "al-Qaeda", "Ál", "forces", "M23", "x", "ARMY", "_", "-", "3rd",
             "Hezbollah", "ħ", "militants", "jihadist", ",", "(", "\u00e9"]
    for _ in range(200):
        t = "".join(rng.choice(words) + rng.choice([" ", "", "-", "_", ". "])
                    for _ in range(12))
        assert index.candidates(t) == _candidates_by_words(index, t), t


def test_words_with_starts_trie() -> None:
    from geoevents._match_starts import _words_with_starts

    rx = _words_with_starts(["ab", "abc", "b", "x1"])  # "abc" begins with "ab": left out
    assert rx is not None and "abc" not in rx.pattern
    assert [m.group(0) for m in rx.finditer("abd ABCD a b1 xb x1y _ab -ab".lower())] == [
        "abd", "abcd", "b1", "x1y", "ab"]
    assert _words_with_starts([]) is None
