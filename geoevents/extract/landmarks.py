"""Landmarks named in passing ("the chemical plant", "the airport of X"): definite nouns from
a table, placed relative to their town by :mod:`geoevents.geometry` (docs/geometry.md)."""

from __future__ import annotations

import bisect
import re

from ..model import Mention
from ..text import SpanIndex

#: The landmark nouns read after "the" (lower case, as written in running text), each with
#: its kind (a key of ``geometry.KIND_EXTENT_M``) and where it lies from its town: ``in``
#: (within the town's extent) or ``near`` (outside it, within the 2020 guide's "near"). Data,
#: not grammar: a noun missing here is not a landmark. Airports, air bases and dams are
#: usually built outside their town; the rest stand in it.
LANDMARKS: dict[str, tuple[str, str]] = {
    "airport": ("airport", "near"), "airfield": ("airport", "near"),
    "air base": ("base", "near"), "airbase": ("base", "near"), "dam": ("dam", "near"),
    "military base": ("base", "near"),
    "bridge": ("bridge", "in"), "citadel": ("landmark", "in"), "castle": ("landmark", "in"),
    "fortress": ("landmark", "in"), "railway station": ("landmark", "in"),
    "train station": ("landmark", "in"), "bus station": ("landmark", "in"),
    "hospital": ("landmark", "in"), "stadium": ("landmark", "in"),
    "chemical plant": ("landmark", "in"), "chemical factory": ("landmark", "in"),
    "coke plant": ("landmark", "in"), "steel plant": ("landmark", "in"),
    "steelworks": ("landmark", "in"), "cement factory": ("landmark", "in"),
    "cement plant": ("landmark", "in"), "power plant": ("landmark", "in"),
    "power station": ("landmark", "in"), "refinery": ("landmark", "in"),
    "oil refinery": ("landmark", "in"), "sugar factory": ("landmark", "in"),
    "salt mine": ("landmark", "in"), "grain silos": ("landmark", "in"),
    "university": ("landmark", "in"), "city hall": ("landmark", "in"),
    "town hall": ("landmark", "in"), "central square": ("landmark", "in"),
    "main square": ("landmark", "in"), "port": ("landmark", "in"),
    "seaport": ("landmark", "in"), "prison": ("landmark", "in"),
    "governor's palace": ("landmark", "in"), "presidential palace": ("landmark", "in"),
    "army headquarters": ("landmark", "in"), "police headquarters": ("landmark", "in"),
}

#: "the <noun>" and "the town's <noun>" with the noun in lower case; an optional word of
#: place ("main", "old", "northern"…) between. "The" may open a sentence. (``[Tt](?<!\w[Tt])``
#: is ``\b[Tt]``: a pattern that opens with a character class is scanned for in C.)
_LANDMARK_RE = re.compile(
    r"[Tt](?<!\w[Tt])he\s+(?:(?:city|town|village)(?:'s|’s)\s+)?"
    r"(?:(?:main|central|old|new|local|northern|southern|eastern|western|military|regional"
    r"|city|town)\s+)?(?P<noun>"
    + "|".join(re.escape(n) for n in sorted(LANDMARKS, key=len, reverse=True))
    + r")\b(?![-’'\w])")

#: What may stand between a landmark and the town it is of: "the airport of X", "the
#: bridge near X"; the relation word decides ``in`` or ``near`` (``near``, ``outside``).
_HOST_GAP_RE = re.compile(r"\s+(?:(?P<in>of|in|at)|(?P<near>near|outside))\s+$")


def landmarks(text: str, skip: list[tuple[int, int]], mentions: list[Mention]
              ) -> list[Mention]:
    """Landmark mentions (role ``"landmark"``, ``name`` the noun, ``feature`` its kind) that
    overlap no other mention (``mentions``, in text order) and no furniture line (``skip``).
    A landmark followed by "of/in/at/near/outside" and a name takes that name's mention as
    its ``antecedent`` (the town it is of); ``in_name`` marks "near"/"outside" there."""
    if "he " not in text and "he\n" not in text:
        return []
    starts = [m.start for m in mentions]
    skipped = SpanIndex(skip)  # furniture_lines(): ascending and disjoint
    out: list[Mention] = []
    for lm in _LANDMARK_RE.finditer(text):
        a, b = lm.start(), lm.end()
        if skipped.find(a) is not None:
            continue
        i = bisect.bisect_left(starts, b)
        if (i and mentions[i - 1].end > a) or (i < len(mentions) and mentions[i].start < b):
            continue  # part of a name ("the Kunduz airport" is read as a name)
        noun = lm.group("noun")
        kind, _ = LANDMARKS[noun]
        m = Mention(text=text[a:b], start=a, end=b, role="landmark", name=noun, feature=kind)
        if i < len(mentions) and mentions[i].role in ("toponym", "named", "reference"):
            gap = _HOST_GAP_RE.fullmatch(text, b, mentions[i].start)
            if gap is not None and "\n" not in gap.group(0):
                m.antecedent = mentions[i]
                m.in_name = gap.group("near") is not None
        out.append(m)
    return out


def placement(m: Mention) -> str:
    """``"in"`` or ``"near"``: where a landmark lies from its town (``near`` when the text
    says "near X" or "outside X", else the table's)."""
    return "near" if m.in_name else LANDMARKS[m.name][1]
