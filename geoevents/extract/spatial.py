"""The spatial grammar: the relations written around a mention (distances, compass
directions, edges, centres, "between"…) as expressions, anchorless ones, and their subjects."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator

from .._lexicon import COMPASS, NUMBER_WORDS, OF_FEATURES, SUFFIX_FEATURES, UNITS
from ..model import Expression, Mention
from ..text import DisjointSpans, SpanIndex, SpanReach, find_all, finditer_at, sentence_index
from .distances import (
    END,
    HEDGE,
    HEDGE_WORDS,
    NUM,
    NUM_RAW,
    THE,
    UNIT,
    distance_precision,
    measure,
    parse_number,
)
from .tokens import space_before

_DIRS = sorted((k for k in COMPASS if len(k) > 3 or k in ("n", "e", "s", "w")), key=len,
               reverse=True)
_DIR_WORD = r"(?P<dir>" + "|".join(re.escape(d) for d in _DIRS if len(d) > 1) + r")"
_DIR_ABBR = r"(?P<abbr>N|S|E|W|NE|NW|SE|SW|NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW)"
_PART = (r"(?:the\s+)?(?P<part>heart|centre|center|middle|city centre|town centre|"
         r"old\s+city|old\s+town|old\s+quarter)\s+of\s+")


def _dir_group(name: str) -> str:
    words = "|".join(re.escape(d) for d in _DIRS if len(d) > 1)
    return (rf"(?:(?P<{name}>{words})|(?-i:(?P<{name}_abbr>N|S|E|W|NE|NW|SE|SW|NNE|ENE|ESE|SSE|"
            rf"SSW|WSW|WNW|NNW)))")


#: "3 km north and 2 km east of X": two offsets from one anchor (one point, their vector sum).
_TWO_OFFSETS_RE = re.compile(
    rf"(?:{HEDGE})?\b(?P<num>{NUM_RAW})\s*-?\s*{UNIT}\s+(?:to\s+the\s+)?{_dir_group('dir1')}"
    rf"\s*(?:,\s*)?(?:and|then)\s+(?:(?:a\s+further|another|then)\s+)?(?P<num2>{NUM_RAW})"
    rf"\s*-?\s*(?P<unit2>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?"
    rf"\s+(?:to\s+the\s+)?{_dir_group('dir2')}\s+(?:of|from)\s+{THE}{END}", re.I)

#: The patterns read to the left of a mention: (relation, pattern, the last words the pattern
#: may end in before the mention and an optional "the", in lower case, words one of which
#: every match holds in lower case or ``()``). Each of the last words is one of
#: ``_LEFT_TRIGGER_RE`` (a cheap test run first, which finds the word): a new pattern ending
#: in another word must add it there. The words a match holds are a cheap test before the
#: pattern's search (the patterns ``_TAILS`` tests have none, nor those whose last word is
#: one).
_LeftPattern = tuple[str, re.Pattern[str], set[str], tuple[str, ...]]
_LEFT_PATTERNS: list[_LeftPattern] = [
    ("within", re.compile(
        rf"(?:\bwithin|\b(?P<lt>less than|under|no more than|fewer than))\s+{NUM}\s*-?\s*{UNIT}"
        rf"\s+(?:of|from)\s+(?:{_PART})?{THE}{END}", re.I), {"of", "from"},
     ("within", "than", "under")),
    ("offset2", _TWO_OFFSETS_RE, {"of", "from"}, ()),
    ("offset", re.compile(
        rf"(?:{HEDGE})?{NUM}\s*-?\s*{UNIT}\s+(?:to\s+the\s+)?(?:(?:{_DIR_WORD})|(?-i:{_DIR_ABBR}))"
        rf"\s+(?:of|from)\s+{THE}{END}", re.I), {"of", "from"}, ()),
    ("distance", re.compile(
        rf"(?:{HEDGE})?{NUM}\s*-?\s*{UNIT}\s+(?:outside|from|away\s+from|out\s+of)\s+{THE}{END}",
        re.I), {"outside", "from", "of"}, ()),
    ("between", re.compile(rf"\bbetween\s+{THE}{END}", re.I), {"between"}, ()),
    ("inside", re.compile(
        rf"\b(?:in|inside|within|into|across)\s+the\s+{_DIR_WORD}\s+"
        rf"(?:(?P<area>part|parts|section|districts|neighbourhoods|neighborhoods|quarters|"
        rf"outskirts|edge|suburbs)\s+)?of\s+{THE}{END}", re.I), {"of"},
     ("north", "south", "east", "west")),  # how each compass word begins
    ("edge", re.compile(
        rf"\b(?:the\s+)?(?:{_DIR_WORD}\s+)?(?P<edge>edge|edges|outskirts|periphery|fringes|"
        rf"entrance|gates|suburbs|outer\s+edge|approaches)\s+(?:of|to)\s+{THE}{END}", re.I),
     {"of", "to"}, ()),
    # "across the river from X", "on the other bank of the river from X": no river data, so
    # a band at the town's edge (relation label "across river")
    ("across river", re.compile(
        r"\b(?:across\s+the\s+(?P<river>river|water|stream)|(?:on|from)\s+the\s+(?:other|opposite|far)\s+"
        r"(?:side|bank)\s+of\s+the\s+(?:river|water))\s+(?:from|to)\s+" + THE + END, re.I),
     {"from", "to"}, ("river", "water", "stream")),
    ("centre", re.compile(rf"\b{_PART}{THE}{END}", re.I), {"of"},
     ("heart", "centre", "center", "middle", "old")),
    # "downtown X", "central X" is too often part of a name to be read so
    ("centre", re.compile(rf"\b(?P<part>downtown)\s+{END}", re.I), {"downtown"}, ()),
    ("surrounding", re.compile(
        rf"\b(?:the\s+)?(?:(?:\w+\s+){{0,2}})?(?P<surr>surrounding|encircling|around)\s+{THE}{END}",
        re.I), {"surrounding", "encircling", "around"}, ()),
    # "the countryside of X", "the rural areas of X": the band about the town, not the town
    ("surrounding", re.compile(
        rf"\b(?:the\s+)?(?:(?:northern|southern|eastern|western|\w+ern)\s+)?"
        rf"(?P<surr>countryside|hinterland|surroundings|environs|rural\s+areas|"
        rf"surrounding\s+(?:area|areas|villages|countryside))\s+(?:of|around)\s+{THE}{END}",
        re.I), {"of", "around"}, ("countryside", "hinterland", "surrounding", "environs", "rural")),
    ("direction", re.compile(
        rf"(?:\b(?:to|on)\s+the\s+|\bjust\s+)?(?:{_DIR_WORD}|(?-i:{_DIR_ABBR}))\s+of\s+{THE}{END}",
        re.I), {"of"}, ()),
    ("near", re.compile(
        rf"\b(?P<near>near|nearby|close\s+to|in\s+the\s+vicinity\s+of|not\s+far\s+from|"
        rf"next\s+to|outside|"
        rf"in\s+the\s+environs\s+of|overlooking|overlooks|overlook)\s+{THE}{END}", re.I),
     {"near", "nearby", "to", "of", "from", "outside", "overlooking", "overlooks", "overlook"},
     ("near", "close", "vicinity", "far", "next", "outside", "environs", "overlook")),
]

_RIGHT_POSSESSIVE_RE = re.compile(
    rf"^['’]s\s+(?:{_DIR_WORD}\s+)?(?P<edge>outskirts|edge|edges|periphery|suburbs|centre|"
    rf"center|heart|countryside|surroundings|environs)\b", re.I)

_ANCHORLESS_WITHIN_RE = re.compile(
    rf"\b(?:within|(?P<lt>less than|under))\s+{NUM}\s*-?\s*{UNIT}(?!\s+(?:of|from)\b)", re.I)
_ANCHORLESS_OFFSET_RE = re.compile(
    rf"(?:{HEDGE})?\b{NUM}\s*-?\s*{UNIT}\s+(?:to\s+the\s+)?{_DIR_WORD}\b"
    rf"(?!\s+(?:of|from)\b)", re.I)

#: How a match of ``_ANCHORLESS_WITHIN_RE`` begins, in lower case.
_WITHIN_STARTS = ("within", "less than", "under")
#: How a number of ``NUM`` may begin, in lower case ("between", the number words that do
#: not begin with another); its digits are found apart.
_NUM_STARTS = tuple(w for w in {"between", *NUMBER_WORDS}
                    if not any(v != w and w.startswith(v) for v in NUMBER_WORDS))
_DIGITS_RE = re.compile(r"\d+")
#: A word character: what ``\b`` tells from the others.
_WORD_CHAR_RE = re.compile(r"\w")


def _offset_starts(text: str, low: str) -> list[int]:
    """Where a match of ``_ANCHORLESS_OFFSET_RE`` may begin, ascending (``low``: see
    :func:`geoevents.text.folded_lower`): at a hedge word (anywhere: no word boundary before
    it), or at a word boundary before "between", a number word or digits (``NUM`` begins with
    ``\b``)."""
    out = set(find_all(low, HEDGE_WORDS))
    out.update(p for p in find_all(low, _NUM_STARTS)
               if p == 0 or not _WORD_CHAR_RE.match(text, p - 1))
    out.update(m.start() for m in _DIGITS_RE.finditer(text))
    return sorted(out)


#: A unit followed by a compass word ("km north", "miles to the east"): in every match of
#: ``_ANCHORLESS_OFFSET_RE`` (after the number), a cheaper scan run first. The units are
#: spelled as in ``_ANY_UNIT_LOW_RE``; every compass word begins with one of the four.
_UNIT_HEADING_RE = re.compile(
    r"(?=[kmy])(?:k(?:ms?|ilomet(?:re|er)s?)|m(?:i(?:les?)?|et(?:re|er)s?)?|yards?|yds)\b\.?"
    r"\s+(?:to\s+the\s+)?(?:north|south|east|west)", re.I)
assert all(d.startswith(("north", "south", "east", "west")) for d in _DIRS if len(d) > 1)


#: Any unit of length as a word ("km", "miles", "metres"…) in the lower case text (see
#: :func:`geoevents.text.folded_lower`): a cheap test before the scans that need one. The
#: words of ``UNITS``, each spelled from its first letter, so that the search skips to those
#: letters, and the word boundary before it tested behind that letter. (``str.lower()``
#: keeps every character a word character or not, but for U+0130, which ``folded_lower``
#: replaces.)
_ANY_UNIT_LOW_RE = re.compile(
    r"(?:k(?<=\bk)(?:ms?|ilomet(?:re|er)s?)|m(?<=\bm)(?:i(?:les?)?|et(?:re|er)s?)?"
    r"|y(?<=\by)(?:ards?|ds))\b")
assert set(UNITS) == {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "m",
                      "mi", "mile", "miles", "metre", "metres", "meter", "meters", "yard", "yards",
                      "yds"}, "the words _ANY_UNIT_LOW_RE and _UNIT_HEADING_RE spell"

#: The last word of every left pattern (see ``_LEFT_PATTERNS``), with an optional "the".
_LEFT_TRIGGER_RE = re.compile(
    r"\b(of|from|between|outside|around|surrounding|encircling|near|nearby|to|overlooking|"
    r"overlooks|overlook|downtown)\s+(?:the\s+)?$", re.I)
#: What a text that ``_LEFT_TRIGGER_RE`` matches ends in, but for whitespace.
_TRIGGER_ENDINGS = ("of", "from", "between", "outside", "around", "surrounding", "encircling",
                    "near", "nearby", "to", "overlooking", "overlooks", "overlook", "downtown",
                    "the")

#: The left patterns that may end in a word (see ``_LEFT_PATTERNS``), in their order: only
#: these can match before the word ``_LEFT_TRIGGER_RE`` finds (it is the last word but "the"
#: before the mention, so it is any match's last word). A spelling not listed (other than
#: lower case after ``str.lower()``) is looked for with every pattern.
_LEFT_BY_WORD: dict[str, list[_LeftPattern]] = {}
for _entry in _LEFT_PATTERNS:
    for _word in _entry[2]:
        _LEFT_BY_WORD.setdefault(_word, []).append(_entry)

#: What ends just before the whitespace before the last word (see ``_LEFT_BY_WORD``) in some
#: left patterns, at most so many characters long: a cheap test before those patterns. The
#: end of a compass word ("north-east": "east") or abbreviation ("NE": "E") in "direction" and
#: the offsets, before "of"/"from"; an edge
#: word ("outer edge" ends in "edge") before "of"/"to"; a unit (and a dot), "away" or "out"
#: before "outside", "from" or "of" in "distance".
_DIR_TAIL_RE = re.compile(
    r"(?:(?:north|south|east|west)(?:ern|erly|wards|ward)?|(?-i:[NSEW]))$", re.I)
assert all(_DIR_TAIL_RE.search(d) for d in _DIRS if len(d) > 1), "how compass words end"
_EDGE_TAIL_RE = re.compile(
    r"(?:edge|edges|outskirts|periphery|fringes|entrance|gates|suburbs|approaches)$", re.I)
_DISTANCE_TAIL_RE = re.compile(
    r"(?:(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?|away|out)$", re.I)
_TAILS: dict[str, tuple[re.Pattern[str], int]] = {
    "direction": (_DIR_TAIL_RE, len("northwards")),
    "offset": (_DIR_TAIL_RE, len("northwards")),
    "offset2": (_DIR_TAIL_RE, len("northwards")),
    "edge": (_EDGE_TAIL_RE, len("approaches")),
    "distance": (_DISTANCE_TAIL_RE, max(map(len, UNITS)) + 1),
}


def _heading(m: re.Match[str], key: str = "dir") -> tuple[float, float] | None:
    d = m.groupdict()
    word = (d.get(key) or d.get("abbr" if key == "dir" else f"{key}_abbr") or "").lower()
    word = re.sub(r"[\s‐‑–]+", " ", word).replace(" -", "-").replace("- ", "-")
    return COMPASS.get(word) or COMPASS.get(word.replace(" ", "-"))


def _two_offsets(g: dict[str, str | None], m: re.Match[str]
                 ) -> tuple[float, float, float, float, list[tuple[float, float, float]]] | None:
    """ "3 km north and 2 km east": the vector sum in the anchor's local plane.

    Returns (distance, distance precision, bearing, bearing precision, components), with
    components (distance, precision, bearing) as written. The point is the destination at
    bearing atan2(ΣE, ΣN) and distance hypot(ΣE, ΣN); its distance precision is the two
    precisions combined as the corner of their box, hypot(p₁, p₂) (the guide's "× √2" for
    orthogonal offsets when they are equal); the bearing precision is the angle that corner
    subtends at the distance, atan(hypot(p₁, p₂) / d) — the offsets themselves carry no
    heading uncertainty.
    """
    h1, h2 = _heading(m, "dir1"), _heading(m, "dir2")
    u1 = UNITS.get((g.get("unit") or "km").lower().rstrip("."), 1000.0)
    u2 = UNITS.get((g.get("unit2") or "km").lower().rstrip("."), 1000.0)
    n1, n2 = parse_number(g.get("num") or ""), parse_number(g.get("num2") or "")
    if h1 is None or h2 is None or n1 is None or n2 is None:
        return None
    comps = [(n1 * u1, distance_precision(g["num"] or "", u1), h1[0]),
             (n2 * u2, distance_precision(g["num2"] or "", u2), h2[0])]
    east = sum(d * math.sin(math.radians(b)) for d, _, b in comps)
    north = sum(d * math.cos(math.radians(b)) for d, _, b in comps)
    dist = math.hypot(east, north)
    if dist < 1.0:
        return None
    prec = math.hypot(comps[0][1], comps[1][1])
    bearing = math.degrees(math.atan2(east, north)) % 360.0
    alpha = math.degrees(math.atan2(prec, dist))
    return dist, prec, bearing, alpha, comps


def left_contexts(text: str, by_start: list[Mention], sents: list[tuple[int, int]]
                  ) -> Iterator[tuple[int, Mention, int, str, Mention | None]]:
    """For each mention (``by_start``: in text order), what the grammars read around it:
    (its index, it, where its sentence starts, up to 120 characters of that sentence before
    it, the next mention or None). One walk for the spatial and the road grammars."""
    sent_of = sentence_index(sents)
    for i, m in enumerate(by_start):
        s0 = sents[sent_of(m.start)][0] if sents else 0
        nxt = by_start[i + 1] if i + 1 < len(by_start) else None
        yield i, m, s0, text[max(s0, m.start - 120) : m.start], nxt


def expressions(text: str, mentions: list[Mention], sents: list[tuple[int, int]],
                folded: str) -> list[Expression]:
    """The relations read around each mention (``folded``: ``folded_lower(text)``)."""
    out: list[Expression] = []
    by_start = sorted(mentions, key=lambda m: m.start)
    for _, m, _, left, nxt in left_contexts(text, by_start, sents):
        expr = _left_expression(text, m, nxt, left, folded)
        if expr is None:
            expr = _right_expression(text, m)
        if expr is not None:
            out.append(expr)
    # drop an expression nested inside a longer one (the second anchor of "between")
    return drop_nested(out)


def drop_nested(exprs: list[Expression]) -> list[Expression]:
    """``exprs`` by start, but for each that lies inside another one (the longer first)."""
    kept: list[Expression] = []
    reach = -1  # the furthest end of those kept, which all begin at or before the next
    for e in sorted(exprs, key=lambda e: (e.start, -(e.end - e.start))):
        if e.end <= reach:
            continue
        kept.append(e)
        reach = max(reach, e.end)
    return kept


def _left_expression(text: str, m: Mention, nxt: Mention | None, left: str,
                     folded: str) -> Expression | None:
    """The relation of the first left pattern (see ``_LEFT_PATTERNS``) that reads one before
    ``m`` (``left``: the text before it; ``nxt``: the next mention, the second anchor of
    "between"; ``folded``: ``folded_lower(text)``)."""
    # every left pattern ends in one of these words before the anchor: a cheap test
    # first (most names follow "in", a comma or nothing), and only the patterns that end
    # in the word found are tried
    tail = left[-40:]
    low = folded[m.start - len(tail) : m.start]
    tm = _LEFT_TRIGGER_RE.search(tail) if low.rstrip().endswith(_TRIGGER_ENDINGS) else None
    patterns = _LEFT_BY_WORD.get(tm.group(1).lower(), _LEFT_PATTERNS) if tm else []
    # where the whitespace before that word begins (what precedes it must end there)
    word_at = len(left) - len(tail) + tm.start() if tm else 0
    space_at = len(left[:word_at].rstrip())
    # ``left`` in lower case, for the words a match holds (see _LEFT_PATTERNS)
    left_low = folded[m.start - len(left) : m.start] if patterns else ""
    for relation, pat, _, needles in patterns:
        if relation in _TAILS:
            tail_re, longest = _TAILS[relation]
            if (space_at == word_at
                    or not tail_re.search(left, max(0, space_at - longest), space_at)):
                continue
        if needles and not any(w in left_low for w in needles):
            continue
        lm = pat.search(left)
        if not lm:
            continue
        e = _left_match(text, relation, lm, m.start - len(left) + lm.start(), m, nxt)
        if e is not None:
            return e
    return None


def _left_match(text: str, relation: str, lm: re.Match[str], start: int, m: Mention,
                nxt: Mention | None) -> Expression | None:
    """The expression a left pattern's match ``lm`` (beginning at ``start`` in ``text``)
    writes before ``m``, or None when it does not read one (see :func:`_left_expression`)."""
    g = lm.groupdict()
    e = Expression(relation=relation, text=text[start : m.end], start=start, end=m.end,
                   anchors=[m], hedge=(g.get("hedge") or g.get("lt") or None))
    if relation == "offset2":
        two = _two_offsets(g, lm)
        if two is None:
            return None
        e.relation = "offset"
        e.distance_m, e.distance_precision_m, e.bearing_deg, e.bearing_precision_deg, \
            e.components = two
        return e
    if g.get("num") and g.get("unit"):
        got = measure(g)
        if got is None:
            return None
        e.distance_m, e.distance_precision_m = got
        if g.get("lo") or g.get("lob"):
            unit = UNITS.get(g["unit"].lower().rstrip("."), 1000.0)
            lo = parse_number(g.get("lo") or g.get("lob") or "") or 0.0
            hi = parse_number(g["num"]) or 0.0
            e.range_m = (min(lo, hi) * unit, max(lo, hi) * unit)
    if relation == "across river":
        # no river data: a band at the town's edge, labelled "across river"
        e.relation, e.hedge = "edge", "across river"
    if relation == "centre" and (g.get("part") or "").lower() == "downtown":
        e.hedge = "downtown"
    if relation == "surrounding" and g.get("surr"):
        e.hedge = re.sub(r"\s+", " ", g["surr"].lower())
    if relation in ("offset", "direction", "inside") or g.get("dir") or g.get("abbr"):
        h = _heading(lm)
        if h is None and relation in ("offset", "direction", "inside"):
            return None
        if h is not None:
            e.bearing_deg, e.bearing_precision_deg = h
    if relation == "within" and g.get("part"):
        e.anchor_part = "centre"
    area = (g.get("area") or "").lower()
    if relation == "inside" and area in ("outskirts", "edge", "suburbs"):
        e.relation, e.hedge = "edge", area
    if relation == "edge":
        e.hedge = g.get("edge", "").lower()
    if relation == "between":
        gap = text[m.end : nxt.start] if nxt is not None else ""
        if nxt is None or not re.fullmatch(r"\s+and\s+(?:the\s+)?", gap, re.I):
            return None
        e.anchors.append(nxt)
        e.end = nxt.end
        e.text = text[start : nxt.end]
    return e


def _right_expression(text: str, m: Mention) -> Expression | None:
    """The relation written just after ``m`` with a possessive ("X's outskirts", "X's
    northern suburbs", "X's centre")."""
    rm = _RIGHT_POSSESSIVE_RE.match(text[m.end : m.end + 60])
    if not rm:
        return None
    word = rm.group("edge").lower()
    rel = "edge"
    if word in ("centre", "center", "heart"):
        rel = "centre"
    elif word in ("countryside", "surroundings", "environs"):
        rel = "surrounding"
    expr = Expression(relation=rel, text=text[m.start : m.end + rm.end()],
                      start=m.start, end=m.end + rm.end(), anchors=[m], hedge=word)
    h = _heading(rm)
    if h:
        expr.bearing_deg, expr.bearing_precision_deg = h
    return expr


_ITS_PART_RE = re.compile(
    rf"\b(?:its|the\s+city['’]s|the\s+town['’]s)\s+{_DIR_WORD}\s+(?P<area>parts?|districts|"
    r"neighbourhoods|neighborhoods|quarters|sections?|suburbs|outskirts|edges?|periphery|"
    r"fringes|side)\b", re.I)


def _its_part_starts(text: str, low: str) -> list[int]:
    """Where a match of ``_ITS_PART_RE`` may begin: "its", or "the" of "the city's" or "the
    town's", before the whitespace before each compass word (each begins with north, south,
    east or west; ``low``: see :func:`geoevents.text.folded_lower`)."""
    out = set()
    for q in find_all(low, ("north", "south", "east", "west")):
        j = space_before(text, q)
        if j == q:
            continue
        out.add(j - 3)  # "its"
        if low[max(0, j - 6) : j] in ("city's", "city’s", "town's", "town’s"):
            k = space_before(text, j - 6)
            if k < j - 6:
                out.add(k - 3)  # "the"
    return sorted(s for s in out if s >= 0)


def anchorless(text: str, skip: list[tuple[int, int]], exprs: list[Expression],
                low: str) -> list[Expression]:
    """ "advanced to within two kilometres" with no "of X": the anchor is implicit (``low``:
    ``folded_lower(text)``)."""
    out: list[Expression] = []
    matches = []
    skipped = SpanIndex(skip)
    taken = _Taken(exprs)
    # both need a unit of length: skip the costly scans without
    if _ANY_UNIT_LOW_RE.search(low):
        # each is tried only where a match may begin, as the lower-case text shows it
        within = finditer_at(_ANCHORLESS_WITHIN_RE, text, find_all(low, _WITHIN_STARTS))
        matches = [("within", m) for m in within]
        if _UNIT_HEADING_RE.search(text):  # part of every offset: a cheaper scan first
            offsets = finditer_at(_ANCHORLESS_OFFSET_RE, text, _offset_starts(text, low))
            matches += [("offset", m) for m in offsets]
    for m in finditer_at(_ITS_PART_RE, text, _its_part_starts(text, low)):
        # "its southern districts": a part of the settlement named before (the antecedent
        # of an implicit anchor, as for "the city")
        if skipped.at(m.start()) is not None or taken.holds(m.start()):
            continue
        h = _heading(m)
        if h is None:
            continue
        implicit = Mention(text="", start=m.start(), end=m.start(), role="reference", name="",
                           feature="implicit")
        part = m.group("area").lower()
        edge = part in ("outskirts", "edge", "edges", "suburbs", "periphery", "fringes")
        e = Expression(relation="edge" if edge else "inside", text=m.group(0), start=m.start(),
                       end=m.end(), anchors=[implicit], hedge=part if edge else None)
        e.bearing_deg, e.bearing_precision_deg = h
        out.append(e)
        taken.add(e)
    for relation, m in matches:
        if skipped.at(m.start()) is not None:
            continue
        if taken.holds(m.start()) or taken.begins_in(m.start(), m.end()):
            continue
        got = measure(m.groupdict())
        if got is None:
            continue
        implicit = Mention(text="", start=m.end(), end=m.end(), role="reference", name="",
                           feature="implicit")
        e = Expression(relation=relation, text=m.group(0), start=m.start(), end=m.end(),
                       anchors=[implicit], distance_m=got[0], distance_precision_m=got[1],
                       hedge=m.groupdict().get("lt") or m.groupdict().get("hedge"))
        if relation == "offset":
            h = _heading(m)
            if h is None:
                continue
            e.bearing_deg, e.bearing_precision_deg = h
        out.append(e)
        taken.add(e)
    return out


class _Taken:
    """The spans of expressions already read, for :func:`anchorless`: does one hold an
    offset, does one begin in a range — by bisection instead of a scan of every expression.

    ``exprs`` may overlap one another (a running maximum of their ends answers "holds");
    those added are the anchorless ones, which never hold another's start, so are disjoint.
    """

    def __init__(self, exprs: list[Expression]) -> None:
        self._exprs = SpanReach((e.start, e.end) for e in exprs)
        self._added = DisjointSpans()

    def holds(self, pos: int) -> bool:
        """Whether an expression's span holds ``pos``."""
        return (self._exprs.overlaps(pos, pos + 1)
                or bool(self._added.overlapping(pos, pos + 1)))

    def begins_in(self, start: int, end: int) -> bool:
        """Whether an expression begins at or after ``start`` and before ``end``."""
        return self._exprs.begins_in(start, end) or self._added.begins_in(start, end)

    def add(self, e: Expression) -> None:
        self._added.add(e.start, e.end)


_SUBJECT_GAP_RE = re.compile(
    r"^[\s,]*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?P<feat>"
    + "|".join(sorted({*SUFFIX_FEATURES, *OF_FEATURES}, key=len, reverse=True))
    + r")\s+)?"
    r"(?:(?:which|that)\s+(?:(?:is|lies|sits)\s+)?|(?:located|situated|lying)\s+)?"
    r"(?:on|in|at)?\s*$",
    re.I)


#: What no gap of ``_SUBJECT_GAP_RE`` holds (it reads words, hyphens, commas and spaces),
#: and the most words one holds: an article, three words, a feature word, "which lies on".
_NOT_A_GAP_RE = re.compile(
    "[^-\\w\\s," + re.escape("".join(sorted({c for f in {*SUFFIX_FEATURES, *OF_FEATURES}
                                              for c in f if not (c.isalnum() or c.isspace()
                                                                 or c in "-_,")}))) + "]")
_GAP_WORD_RE = re.compile(r"[\w-]+")
_GAP_WORDS = 1 + 3 + max(len(_GAP_WORD_RE.findall(f)) for f in {*SUFFIX_FEATURES, *OF_FEATURES}
                         ) + 3


def attach_subjects(text: str, mentions: list[Mention], exprs: list[Expression]) -> None:
    """Give each expression but those along a line ("between", the road relations) its
    subject: the last name before it that only a comma, a feature word or "which lies"
    separates from it ("Bazwaya, a village 5 km east of Mosul"), and not one of its anchors.
    The name takes that feature word when it has none."""
    # in text order and disjoint (as merged), the names before an expression are read from
    # the nearest back, and only while a gap could still match: a gap holds every nearer one
    # (its words but the first, which may run on into the name before it: hence the + 1)
    ends = [m.end for m in mentions]
    ordered = all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    for e in exprs:
        # a road relation locates no name before it: in "Bartella, 20 km east of Mosul, on
        # the road to Erbil" Mosul is not on the road to Erbil
        if e.relation in ("between", "corridor", "along", "road") or e.hedge == "road to":
            continue
        best = None
        feat = None
        if ordered:
            for i in range(bisect.bisect_right(ends, e.start) - 1, -1, -1):
                m = mentions[i]
                gap = text[m.end : e.start]
                if _NOT_A_GAP_RE.search(gap) or len(_GAP_WORD_RE.findall(gap)) > _GAP_WORDS + 1:
                    break
                gm = _SUBJECT_GAP_RE.match(gap) if m.role in ("named", "toponym") else None
                if gm:
                    best, feat = m, gm.group("feat")
                    break
        else:
            for m in mentions:
                if m.end > e.start or m.role not in ("named", "toponym"):
                    continue
                gm = _SUBJECT_GAP_RE.match(text[m.end : e.start])
                if gm:
                    best, feat = m, gm.group("feat")
        if best is not None and best not in e.anchors:
            e.subject = best
            if best.feature is None and feat:
                best.feature = SUFFIX_FEATURES.get(feat.lower(), feat.lower())
