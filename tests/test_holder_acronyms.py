"""Acronyms written as holders ("ZLF-held", "in ZLF hands", "under ZLF control") are read
wherever a text writes them, and only texts holding a word such a phrase needs are scanned
for them (``events._named``)."""

from __future__ import annotations

import random

from geoevents.events import _named


def _make(name: str, key: str, inter: int) -> tuple[str, str, int]:
    return (name, key, inter)


def _holders(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, row[1]) for s, e, row in _named.named_actors(text, {}, {}, _make)]


# invented sentences, one per way of writing a holder
_SENTENCES = {
    "held": "Fighting went on near the ZLF-held village of Marvo on Tuesday.",
    "controlled": "Aid reached the KRM-controlled districts at last.",
    "occupied": "Shelling hit the PDA-occupied hills north of the town.",
    "hands": "By nightfall the bridge was in QRT hands again.",
    "control": "The valley has been under ZLF control since spring.",
    "rule": "Life under KRM rule was described as harsh.",
    "administration": "Schools under PDA administration reopened in May.",
}


def test_each_way_of_writing_a_holder_is_read() -> None:
    for way, text in _SENTENCES.items():
        found = _holders(text)
        assert len(found) == 1, way
        s, e, key = found[0]
        assert text[s:e] in ("ZLF", "KRM", "PDA", "QRT") and key == text[s:e].lower(), way


def test_no_holder_without_its_words() -> None:
    for text in ("The ZLF said the village was quiet.",
                 "Under the plan, KRM fighters withdrew.",  # "Under" capitalised, no acronym
                 "ZLF held talks with the mayor.",  # no hyphen
                 "It was under review by the PDA council."):
        assert _holders(text) == [], text


def test_the_pretest_never_hides_a_holder() -> None:
    rnd = random.Random(14)
    words = ["ZLF", "KRM", "the", "town", "-held", "-controlled", "-occupied", " hands",
             "under", " control", " rule", " administration", "in", "held", "Hands", "Under",
             "\n", "  ", "-", "QRT"]
    matched = 0
    for _ in range(5_000):
        text = "".join(rnd.choice(words) + rnd.choice(("", " "))
                       for _ in range(rnd.randint(1, 9)))
        full = [(m.span(), m.groups()) for m in _named._HOLDER_ACRONYM_RE.finditer(text)]
        assert [(m.span(), m.groups()) for m in _named.holder_acronyms(text)] == full, text
        matched += bool(full)
    assert matched >= 150  # (the texts exercise the pattern: 221 of them match)
