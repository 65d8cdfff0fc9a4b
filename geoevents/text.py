"""Text layer shared by every stage: sentences, clauses, number words, page-furniture
lines, cheap prefilters.

Every stage that reads sentences (extraction, dates, events) reads the same spans, from
:func:`sentences`; dates and events cut them into clauses with :func:`clause_breaks`; every
number word any stage reads is a row of :data:`NUMBERS`, read by :func:`number_value`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from ._patterns import (  # noqa: F401 (the old paths)
    class_end,
    existence_starts_pattern,
    group_end,
    literal_prefixes,
    optional_leads,
    split_alternatives,
)

# --------------------------------------------------------------------------- page furniture

_FURNITURE_RE = re.compile(
    r"skip to (?:main )?content|\bsign up\b|\bnewsletters?\b|\bsubscribe\b|©|\(c\)\s*\d{4}|"
    r"copyright|all rights reserved|\bcookies?\b|\bfollow us\b|\bshare (?:this|on)\b|"
    r"\bread more\b|republish|privacy policy|terms of (?:use|service)|^advertisement$|"
    r"click here|can be found here|\bstay informed\b|\bdownload (?:our|the) app\b|"
    r"\bmost (?:read|popular)\b|\brelated (?:articles|stories|content)\b|^(?:home|menu|search)$",
    re.IGNORECASE,
)


#: A literal that every match of ``_FURNITURE_RE`` contains, in lower case (a cheap test
#: before the regex); ``_FURNITURE_WHOLE`` are the lines it matches only whole.
_FURNITURE_NEEDLES = (
    "skip to ", "sign up", "newsletter", "subscribe", "©", "(c)", "copyright",
    "all rights reserved", "cookie", "follow us", "share this", "share on", "read more",
    "republish", "privacy policy", "terms of use", "terms of service", "click here",
    "can be found here", "stay informed", "download our app", "download the app",
    "most read", "most popular", "related articles", "related stories", "related content")
_FURNITURE_WHOLE = frozenset({"advertisement", "home", "menu", "search"})
#: The characters that ``re.IGNORECASE`` matches to an ASCII letter although their
#: ``str.lower()`` is not that letter (İ, ı, ſ, the Kelvin sign; no other character's
#: ``str.lower()`` has an ASCII character in it), and that letter: each a letter for a
#: letter, so word characters and offsets stay (``"İ".lower()`` is two characters).
_FOLD_ODD = "\u0130\u0131\u017f\u212a"
_FOLD_ODD_TO_ASCII = str.maketrans(dict(zip(_FOLD_ODD, "iisk", strict=True)))


def has_odd_folds(text: str) -> bool:
    """Whether ``text`` holds a character of ``_FOLD_ODD`` (U+0130, U+0131, U+017F, U+212A:
    the only non-ASCII characters ``re.IGNORECASE`` matches to an ASCII letter)."""
    # one substring test a character: faster than a set's isdisjoint, which hashes every
    # character of the text (and immediate in a text of narrower characters)
    for ch in _FOLD_ODD:
        if ch in text:
            return True
    return False


def folded_lower(text: str) -> str:
    """``text`` in lower case, for cheap tests before ``re.IGNORECASE`` patterns: wherever
    such a pattern matches a literal of ASCII characters, the lower case text has the
    literal in lower case, at the same place, in the whole text and in any slice of it (a
    character of ``_FOLD_ODD`` is first replaced by the ASCII letter it matches: "Diyarbakır"
    is "diyarbakir")."""
    if has_odd_folds(text):
        return text.translate(_FOLD_ODD_TO_ASCII).lower()
    return text.lower()


def phrases_pretest(phrases: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    """A cheap test before a pattern of whole ``phrases`` (ASCII letters, digits and hyphens,
    single spaces: ``re.escape`` of each, its spaces read as ``\\s+``): their alternation
    without the pattern's boundaries, as a trie (one branch per next character: twice as
    fast as the flat alternation), searched without ``re.IGNORECASE`` — in the text as
    written, or in its :func:`folded_lower` when the pattern reads case-insensitively
    (``ignore_case``; the phrases are then taken in lower case). Wherever the pattern
    matches, this one is found; no search, no match. ``None`` when a phrase holds another
    character (the pattern is always run)."""
    trie: dict = {}
    for phrase in phrases:
        words = (phrase.lower() if ignore_case else phrase).split(" ")
        if not all(w.isascii() and w.replace("-", "").isalnum() for w in words):
            return None
        node = trie
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def alternation(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + alternation(child) if ch else ""
                for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(alternation(trie)) if trie else None


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]
                 ) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields when every match of ``pattern`` in ``text``
    begins at one of ``starts`` (ascending): the pattern is tried only there. ``pattern``
    must not match the empty string."""
    pos = 0
    for start in starts:
        if start >= pos:
            m = pattern.match(text, start)
            if m:
                yield m
                pos = m.end()


def find_all(text: str, words: Iterable[str]) -> list[int]:
    """Where in ``text`` any of ``words`` begins, ascending."""
    out = set()
    for word in words:
        i = text.find(word)
        while i >= 0:
            out.add(i)
            i = text.find(word, i + 1)
    return sorted(out)


def _may_be_furniture(line: str) -> bool:
    """Whether ``_FURNITURE_RE`` may match ``line`` (stripped): false only when it cannot."""
    low = folded_lower(line)
    return low in _FURNITURE_WHOLE or any(n in low for n in _FURNITURE_NEEDLES)


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are page furniture (navigation, newsletter, copyright)."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if (stripped and len(stripped) < 600 and _may_be_furniture(stripped)
                and _FURNITURE_RE.search(stripped)):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


# --------------------------------------------------------------------------- sentences

_SENT_END_RE = re.compile(
    r"(?<=[.!?])"
    # not after the abbreviations that precede names ("St. Petersburg", "Sen. Brown")
    + "".join(rf"(?<!\b{a}\.)" for a in ("St", "Mt", "Ft", "Mr", "Ms", "Dr", "Sen", "Gov",
                                          "Rep", "Gen", "Col", "Sgt", "Lt", "Capt", "Mrs",
                                          "Ste", "Rev", "Prof"))
    + r"[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n")
_WRAPPED_LINE = 60  # a line this long that ends mid-sentence continues on the next line


def _wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text is wrapped at (the 90th percentile of its line lengths),
    or ``None`` when its lines are paragraphs (that percentile is over 120 characters: a
    line ending without punctuation there is a headline or a caption, not a wrap)."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return None
    p90 = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    return p90 if p90 <= 120 else None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) with surrounding whitespace trimmed.

    Sentences end at ``.``/``!``/``?`` before a capital, at blank lines, and at line breaks,
    except a line break inside hard-wrapped prose (a line ending mid-sentence that is about
    as long as the text's wrapping width, :func:`_wrap_width`).

    Computed once per report: extraction, dates and events each ask for the same text's
    sentences, so the last few texts' splits are remembered (a new list each call).
    """
    return list(_sentences(text))


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentences`, memoised."""
    spans = []
    start = 0
    width = _wrap_width(text)
    # a sentence end begins after ".", "!" or "?", or at a line break: try only there
    ends = finditer_at(_SENT_END_RE, text, sorted(
        {i + 1 for i in find_all(text, (".", "!", "?"))} | set(find_all(text, ("\n",)))))
    for m in ends:
        if m.group(0) == "\n":
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
            if (width and len(line) >= max(_WRAPPED_LINE, 0.7 * width)
                    and line[-1:] not in ".!?:\"”"):
                continue
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return tuple(out)


class SpanIndex:
    """Which of a list of spans (ascending and disjoint, as :func:`sentences` and
    :func:`furniture_lines` give them) holds an offset, by bisection: asking for every
    mention of a report costs n·log n, not n². The list must not change once indexed."""

    __slots__ = ("_starts", "spans")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def find(self, pos: int) -> int | None:
        """The index of the span holding ``pos``, or ``None``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos < self.spans[i][1] else None

    def at(self, pos: int) -> tuple[int, int] | None:
        """The span holding ``pos``, or ``None``."""
        i = self.find(pos)
        return None if i is None else self.spans[i]

    def index(self, pos: int) -> int:
        """The index of the last span that begins at or before ``pos`` (0 before the first)."""
        return max(0, bisect.bisect_right(self._starts, pos) - 1)


def starting_within(starts: list[int], start: int, end: int) -> slice:
    """The slice of a list sorted by start (``starts``: their start offsets) whose items
    begin at or after ``start`` and before ``end``."""
    return slice(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))


class SpanReach:
    """Spans in any order, overlapping one another or not (expressions): does one overlap a
    range, does one begin in it — by bisection over their starts and a running maximum of
    their ends, instead of a scan of every span. The spans must not change once indexed."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span ``[s, e)`` has ``s < end`` and ``e > start``."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start

    def begins_in(self, start: int, end: int) -> bool:
        """Whether a span begins at or after ``start`` and before ``end``."""
        return bisect.bisect_left(self._starts, start) < bisect.bisect_left(self._starts, end)


class DisjointSpans:
    """A growing set of pairwise disjoint spans, each of some length, added in any order:
    which overlap a range, by bisection (a scan of every span made long reports quadratic).
    A span is known by the number it was added as (0, 1, …). Kept in chunks of at most
    :attr:`CHUNK` spans in text order, so adding one moves at most a chunk, not every span
    after it."""

    __slots__ = ("_chunks", "_firsts", "_n")
    CHUNK = 256

    def __init__(self) -> None:
        self._chunks: list[list[tuple[int, int, int]]] = []  # (start, end, number)
        self._firsts: list[int] = []  # the first start of each chunk
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def _after(self, pos: int) -> tuple[int, int]:
        """(chunk, index) of the first span that ends after ``pos``."""
        ci = max(0, bisect.bisect_right(self._firsts, pos) - 1)
        chunk = self._chunks[ci]
        # the spans are disjoint: their ends ascend as their starts do
        j = bisect.bisect_right(chunk, pos, key=lambda t: t[1])
        return (ci, j) if j < len(chunk) else (ci + 1, 0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """The numbers of the spans that overlap ``[start, end)`` (a span ``[s, e)`` with
        ``s < end`` and ``e > start``), in text order."""
        out: list[int] = []
        if not self._n:
            return out
        ci, j = self._after(start)
        while ci < len(self._chunks):
            chunk = self._chunks[ci]
            while j < len(chunk):
                s, _, k = chunk[j]
                if s >= end:
                    return out
                out.append(k)
                j += 1
            ci, j = ci + 1, 0
        return out

    def begins_in(self, start: int, end: int) -> bool:
        """Whether a span begins at or after ``start`` and before ``end``."""
        if not self._n:
            return False
        ci = max(0, bisect.bisect_right(self._firsts, start) - 1)
        chunk = self._chunks[ci]
        j = bisect.bisect_left(chunk, start, key=lambda t: t[0])
        if j == len(chunk):
            if ci + 1 == len(self._chunks):
                return False
            s = self._chunks[ci + 1][0][0]
        else:
            s = chunk[j][0]
        return start <= s < end

    def add(self, start: int, end: int) -> int:
        """Add ``[start, end)``, disjoint from every span added before; its number."""
        k = self._n
        self._n += 1
        if not self._chunks:
            self._chunks.append([(start, end, k)])
            self._firsts.append(start)
            return k
        ci = max(0, bisect.bisect_right(self._firsts, start) - 1)
        chunk = self._chunks[ci]
        bisect.insort(chunk, (start, end, k))
        self._firsts[ci] = chunk[0][0]
        if len(chunk) > self.CHUNK:
            half = len(chunk) // 2
            self._chunks.insert(ci + 1, chunk[half:])
            self._firsts.insert(ci + 1, chunk[half][0])
            del chunk[half:]
        return k


#: The span list last asked about in :func:`sentence_span`, indexed.
_LAST = SpanIndex([])


def sentence_span(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """:meth:`SpanIndex.at` for callers that keep no index: the index of the list last asked
    about is kept, so asking about one report's sentences again and again stays cheap."""
    global _LAST
    index = _LAST
    if index.spans is not spans:
        index = _LAST = SpanIndex(spans)
    return index.at(pos)


def sentence_index(sents: list[tuple[int, int]]) -> Callable[[int], int]:
    """A function giving the index of the sentence (of ``sents``, ascending) that holds a
    position: the last that begins at or before it (0 before the first)."""
    return SpanIndex(sents).index


# --------------------------------------------------------------------------- clauses

#: Where a sentence is cut into clauses: one row a cue, ``(pattern, reader, example)``, the
#: reader being the stage that cuts there (``events`` or ``dates``). Each reader tries its
#: rows in this order, as one alternation. The readers cut differently, and neither's rows can
#: replace the other's without changing what it reads: the event reader cuts finely, before
#: ", which …", "while …", "and roads are being cleared" (a verb governs only its own clause),
#: but not at ", and government troops shelled X", where the date reader must cut (each
#: place takes the date of its own clause); the date reader cuts only at ";", dashes and ",
#: and/but/while …". Event rows are case-insensitive, date rows are not.
CLAUSE_BREAKS: tuple[tuple[str, str, str], ...] = (
    (r"(?i:\s*[;:]\s*)", "events", "X fell; Y held"),
    (r"(?i:\s+[—–]\s+)", "events", "X fell — Y held"),
    (r"(?i:\s--\s)", "events", "X fell -- Y held"),
    (r"(?i:,\s*(?=(?:but|while|whereas|as|after|before|which|who|where|when|although|though|"
     r"since|until|slowing|killing|leaving|forcing|prompting|wounding|causing|amid)\b))",
     "events", "X fell, which …"),
    (r"(?i:\s+(?=(?:but|while|whereas|although|as)\s))", "events", "X fell but Y held"),
    # "… and roads are being cleared": "and" before a new subject and its own finite verb
    (r"(?i:,?\s+(?=and\s+(?:the\s+|its\s+|their\s+)?(?!(?:one|two|three|four|five|six|seven|"
     r"eight|nine|ten|\d+|several|many|dozens|at)\b)[a-z][\w-]*\s+(?:are|is|were|was|have|has|"
     r"had)\s+(?:now\s+|still\s+|also\s+)?(?:being|been|\w+ed|\w+en|\w+ing)\b))",
     "events", "X fell and roads are being cleared"),
    (r";", "dates", "X fell on Monday; Y held"),
    (r"\s[–—-]\s", "dates", "X fell on Monday - Y held"),
    (r"[–—]", "dates", "X fell on Monday—Y held"),
    (r",\s+(?:and|but|while|whereas|although|though|yet)\b", "dates",
     "X fell on Monday, but Y held"),
)


@cache
def _clause_break_re(reader: str) -> re.Pattern[str]:
    rows = [pattern for pattern, who, _ in CLAUSE_BREAKS if who == reader]
    if not rows:
        raise ValueError(f"no clause breaks for the reader {reader!r}")
    return re.compile("|".join(rows))


def clause_breaks(text: str, start: int, end: int, *, reader: str) -> list[tuple[int, int]]:
    """Where ``text[start:end]`` (a sentence) is cut into clauses for ``reader``.

    Parameters
    ----------
    text : str
    start, end : int
        The sentence's span.
    reader : str
        ``events`` or ``dates``: whose rows of :data:`CLAUSE_BREAKS` cut.

    Returns
    -------
    list of (start, end)
        The separators, in text order, never empty and never overlapping; the clauses are
        the stretches between them.
    """
    return [m.span() for m in _clause_break_re(reader).finditer(text, start, end)]


# --------------------------------------------------------------------------- number words

#: The value of a word that a reader reads as a number of unknown size ("several days ago").
VAGUE = "vague"


class NumberWord(NamedTuple):
    """What a number word counts in each reader that reads it (``None``: not read there).

    Parameters
    ----------
    kind : str
        ``cardinal`` (zero to nineteen), ``tens`` (twenty to ninety), ``article`` ("a",
        "an"), ``fraction``, ``vague`` (a quantity without a definite value) or ``other``.
    distance : float or None
        In a distance or a count of places (extraction's grammar: "several kilometres" is
        5 km, "a few" 3).
    fatalities : int or None
        In a count of the dead, as ACLED codes vague numbers: "several" and "many" are 10,
        "a dozen" and "dozens" 12, "scores" 20, "hundreds" 100. ("an officer was killed"
        counts one by the event reader's own rule, not through this column.)
    date : int, str or None
        In a time expression ("two days ago"); :data:`VAGUE` for a count the date grammar
        leaves open ("several days ago" is a window, not a number of days).
    """

    kind: str
    distance: float | None
    fatalities: int | None
    date: int | str | None


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _numbers() -> dict[str, NumberWord]:
    """The rows of :data:`NUMBERS`, in the order :data:`geoevents._lexicon.NUMBER_WORDS`
    (the distance column) has always listed them."""
    n = NumberWord
    rows: dict[str, NumberWord] = {
        "a": n("article", 1, None, 1), "an": n("article", 1, None, 1),
        **{w: n("cardinal", i or None, i, i) for i, w in enumerate(_ONES)},
        **{w: n("tens", 20 + 10 * i, 20 + 10 * i, 20 + 10 * i) for i, w in enumerate(_TENS)},
        "hundred": n("other", 100, None, None), "a hundred": n("other", 100, None, None),
        "half a": n("fraction", 0.5, None, None), "half": n("fraction", 0.5, None, None),
        "a couple of": n("other", 2, None, 2), "a few": n("vague", 3, None, VAGUE),
        "several": n("vague", 5, 10, VAGUE), "a dozen": n("other", 12, 12, None),
        "a quarter of a": n("fraction", 0.25, None, None),
        "quarter of a": n("fraction", 0.25, None, None),
        "a quarter": n("fraction", 0.25, None, None),
        "three quarters of a": n("fraction", 0.75, None, None),
        "three-quarters of a": n("fraction", 0.75, None, None),
        "a third of a": n("fraction", 1 / 3, None, None),
        "dozens": n("vague", None, 12, None), "dozens of": n("vague", None, 12, None),
        "many": n("vague", None, 10, VAGUE), "scores": n("vague", None, 20, None),
        "scores of": n("vague", None, 20, None), "hundreds": n("vague", None, 100, None),
        "hundreds of": n("vague", None, 100, None),
        "a couple": n("other", None, None, 2), "couple of": n("other", None, None, 2),
        "few": n("vague", None, None, VAGUE), "some": n("vague", None, None, VAGUE),
    }
    # "one and a half", "two-and-a-half", "three and a quarter" … (distances only)
    for word in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty"):
        value = rows[word].distance or 0
        for frac, part in (("half", 0.5), ("quarter", 0.25)):
            rows[f"{word} and a {frac}"] = n("fraction", value + part, None, None)
            rows[f"{word}-and-a-{frac}"] = n("fraction", value + part, None, None)
    return rows


#: Every number word a reader reads, and its value in each (:class:`NumberWord`).
NUMBERS: dict[str, NumberWord] = _numbers()
_READERS = ("distance", "fatalities", "date")


def number_words(reader: str) -> dict[str, float | int | str]:
    """The words ``reader`` (``distance``, ``fatalities`` or ``date``) reads as numbers, and
    their values there, in the order of :data:`NUMBERS`."""
    if reader not in _READERS:
        raise ValueError(f"no number column {reader!r}")
    column = _READERS.index(reader) + 1
    return {w: row[column] for w, row in NUMBERS.items() if row[column] is not None}


def number_value(word: str | None, *, reader: str) -> float | int | None:
    """The value of a numeral ("12", "1,200") or number word for ``reader``.

    A word of :data:`NUMBERS` has its column's value; a tens word and a unit ("twenty-five",
    "thirty two") add up. ``None`` for anything else, for a word ``reader`` does not read,
    and for a :data:`VAGUE` one.
    """
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    row = NUMBERS.get(w)
    if row is not None:
        value = row[_READERS.index(reader) + 1]
        return None if value == VAGUE else value
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        tens, unit = NUMBERS[parts[0]], NUMBERS[parts[1]]
        column = _READERS.index(reader) + 1
        if tens[column] is not None and unit[column] is not None:
            return tens[column] + unit[column]
    return None


# --------------------------------------------------------------------------- words

#: A word of the text: where a pattern guarded by ``(?<!\w)`` or ``(?<![\w-])`` may begin.
_WORD_START_RE = re.compile(r"(?<!\w)[A-Za-z0-9]+")
#: The letters ``re.IGNORECASE`` matches the characters of ``_FOLD_ODD`` to (all word
#: characters, as they are).
_FOLD_ASCII = str.maketrans(_FOLD_ODD, "iisk")


@lru_cache(maxsize=4)
def word_starts(text: str) -> list[tuple[int, str]]:
    """Each word of ``text`` that begins after a character other than a letter, a digit or
    ``_``: (its offset, its run of ASCII letters and digits in lower case, where a
    character of ``_FOLD_ODD`` counts as the letter ``re.IGNORECASE`` matches it to).
    Memoised (do not change the list): the theatre estimate and the sides table read the
    same report."""
    for ch in _FOLD_ODD:
        if ch in text:
            text = text.translate(_FOLD_ASCII)  # one character for one: offsets kept
            break
    return [(m.start(), m.group(0).lower()) for m in _WORD_START_RE.finditer(text)]
