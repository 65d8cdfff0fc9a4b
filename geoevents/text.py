"""Text layer shared by every stage: sentences, page-furniture lines, cheap prefilters.

Every stage that reads sentences (extraction, dates, events) reads the same spans, from
:func:`sentences`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

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
#: ``str.lower()`` has an ASCII character in it).
_FOLD_ODD = "\u0130\u0131\u017f\u212a"


def folded_lower(text: str) -> str | None:
    """``text`` in lower case, for cheap tests before ``re.IGNORECASE`` patterns: wherever
    such a pattern matches a literal of ASCII characters, the lower case text has the
    literal in lower case, at the same place (only U+0130 changes length in lower case), in
    the whole text and in any slice of it. ``None`` when that does not hold (a character of
    ``_FOLD_ODD``)."""
    # one substring test a character: faster than a set's isdisjoint, which hashes every
    # character of the text (and immediate in a text of narrower characters)
    for ch in _FOLD_ODD:
        if ch in text:
            return None
    return text.lower()


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
    return (low is None or low in _FURNITURE_WHOLE
            or any(n in low for n in _FURNITURE_NEEDLES))


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
    """
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
    return out


class SpanIndex:
    """Which of a list of spans (ascending and disjoint, as :func:`sentences` and
    :func:`furniture_lines` give them) holds an offset, by bisection: asking for every
    mention of a report costs n·log n, not n². The list must not change once indexed."""

    __slots__ = ("_starts", "spans")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The span holding ``pos``, or ``None``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.spans[i] if i >= 0 and pos < self.spans[i][1] else None

    def index(self, pos: int) -> int:
        """The index of the last span that begins at or before ``pos`` (0 before the first)."""
        return max(0, bisect.bisect_right(self._starts, pos) - 1)


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
