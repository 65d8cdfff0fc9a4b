"""The demonym rule's state nouns ("Kenyan troops", "the Malian 2nd battalion") are found by a
scan that turns away, before trying its alternatives, every word no modifier or noun begins
with (``events.sides._TAIL_RE``): the same matches as the scan without that lookahead."""

from __future__ import annotations

import random
import re

from geoevents.events import sides
from geoevents.events._adjectival import THINGS_AFTER

# the scan as it reads without the lookahead
_PLAIN = re.compile(r"(?<=[A-Za-z'’])\s+(?:(?:" + sides._STATE_MODIFIERS + r")\s+){0,3}(?:"
                    + sides._STATE_NOUNS + r")(?![\w-])" + THINGS_AFTER, re.IGNORECASE)

# invented sentences of the constructions the rule reads
_SENTENCES = {
    "Kenyan troops entered the village of Marvo.": " troops",
    "The Chadian army said it had retaken the post.": " army",
    "Malian 2nd battalion soldiers held the bridge.": " 2nd battalion",
    "Nigerien special forces and police patrolled the market.": " special forces",
    "Sudanese Armed Forces jets struck the depot.": " Armed Forces",
    "Zambian government air strikes hit the camp.": " government air strikes",
    "Togolese Defence Ministry officials denied it.": " Defence Ministry",
}


def test_state_nouns_are_found() -> None:
    for text, tail in _SENTENCES.items():
        found = [m.group(0) for m in sides._TAIL_RE.finditer(text)]
        assert tail in found, text


def test_no_tail_without_a_state_noun() -> None:
    for text in ("Kenyan officials said the road was open.",
                 "The state of the bridge worries Malian engineers.",
                 "Chadian national elections were held in May."):
        assert list(sides._TAIL_RE.finditer(text)) == [], text


def test_same_matches_as_without_the_lookahead() -> None:
    rnd = random.Random(18)
    words = ["Kenyan", "the", "troops", "Army", "special", "FORCES", "2nd", "31st", "air",
             "force", "airforce", "strike", "strikes", "national", "guard", "armoured",
             "armored", "brigades", "police", "bases", "operations", "Defence", "ministry",
             "of", "defense", "general", "staff", "positions", "'", "’", "-", "\n", "5",
             "state", "regime", "jets", "ARMY's", "a"]
    matched = 0
    for _ in range(5_000):
        text = "".join(rnd.choice(words) + rnd.choice((" ", "  ", "\n", "", "-"))
                       for _ in range(rnd.randint(1, 10)))
        plain = [(m.span(), m.group(0)) for m in _PLAIN.finditer(text)]
        assert [(m.span(), m.group(0)) for m in sides._TAIL_RE.finditer(text)] == plain, text
        matched += bool(plain)
    assert matched >= 1_000  # (the texts exercise the pattern)
