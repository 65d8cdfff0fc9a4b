"""Names recognised by their feature words ("the X neighbourhood", "the village of X",
"Jabal X") and references ("the city", "near there")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._lexicon import ACTORS, NOT_PLACES, OF_FEATURES, PREFIX_FEATURES, SUFFIX_FEATURES, TITLES
from .._normalize import name_key
from ..gazetteer import Gazetteer
from ..model import Mention
from ..text import SpanIndex, find_all, finditer_at
from .tokens import is_cap, regex_trie, space_before

_NAME = r"(?:(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez)[-‑’']|\b)[A-Z][\w'’ʿʾ\-‑]*"
_NAME_RUN = rf"{_NAME}(?:[ \-](?:(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez|de|del|of)\s)?{_NAME})*"
#: Runs of capitals (A-Z).
_CAPITALS_RE = re.compile(r"[A-Z]+")
_SUFFIX_RE = re.compile(
    rf"(?P<name>{_NAME_RUN})\s+(?P<feat>(?i:"
    + "|".join(sorted((re.escape(k) for k in SUFFIX_FEATURES), key=len, reverse=True))
    + r"))\b",
)
#: The feature words before a name that do not begin with another ("tal", not "tall"):
#: where one of them is written, one of these is.
_PREFIX_STARTS = tuple(f for f in PREFIX_FEATURES
                       if not any(g != f and f.startswith(g) for g in PREFIX_FEATURES))
_PREFIX_RE = re.compile(
    r"\b(?P<feat>(?i:" + "|".join(sorted(PREFIX_FEATURES, key=len, reverse=True)) + r"))"
    rf"\s+(?P<name>{_NAME_RUN})",
)
_OF_RE = re.compile(
    r"\b(?i:the|a)\s+(?:(?i:small|large|nearby|historic|ancient|strategic|key|border|desert|"
    r"frontline|front-line|rebel-held|government-held|embattled|besieged|contested)\s+|"
    r"[A-Z][a-z]+(?:ian|i|ese|ish)\s+)*"
    r"(?P<feat>(?i:" + "|".join(OF_FEATURES) + rf"))\s+of\s+(?P<name>{_NAME_RUN})",
)

#: The feature words after a name or before "of" that do not begin with another: where one
#: of them is written, one of these is.
_FEATURE_STARTS = tuple(f for f in {*SUFFIX_FEATURES, *OF_FEATURES}
                        if not any(g != f and f.startswith(g) for g in SUFFIX_FEATURES)
                        and not any(g != f and f.startswith(g) for g in OF_FEATURES))
#: Whitespace before a feature word, in lower case: where the whitespace before the feature
#: word of a match of ``_SUFFIX_RE`` or ``_OF_RE`` may end (``m.end()``). A lookahead, so
#: that a feature word inside another is found too ("field" of "oil field").
_FEATURE_AFTER_SPACE_RE = re.compile(r"[\s](?=" + regex_trie(_FEATURE_STARTS) + ")")
#: What a match of ``_OF_RE`` holds from its feature word on, in lower case.
_OF_TAIL_RE = re.compile("(?:" + regex_trie(OF_FEATURES) + r")\s+of\s")
#: A character that no name run (``_NAME_RUN``) holds, nor the whitespace after it: a match
#: of ``_SUFFIX_RE`` begins after the last one before its feature word.
_NOT_NAME_RUN_RE = re.compile(r"[^\w'’ʿʾ\-‑\s]")
#: What follows an article prefix (see ``ARTICLE_SEPARATORS``).
_ARTICLE_SEPARATOR_RE = re.compile("[-‑’']")


def _suffix_starts(text: str, feats: list[int]) -> list[int]:
    """Where a match of ``_SUFFIX_RE`` may begin, ascending, given where a feature word may
    follow whitespace (``feats``, ascending; see ``_FEATURE_AFTER_SPACE_RE``). A name begins
    with a capital (A-Z) or with an article prefix before a separator (after a capital in a
    run of them there is no word boundary), after the last character before the feature
    word that no name run holds (``_NOT_NAME_RUN_RE``, looked for in the reversed text)."""
    rev = text[::-1]
    n = len(text)
    out: set[int] = set()
    done = 0  # the names that may begin before this position are in ``out``
    for q in feats:
        bar = _NOT_NAME_RUN_RE.search(rev, n - q)
        # the window before this feature word, but for its part before ``done``: the last
        # window ended there and began no later (the last such character before q is no
        # earlier than the one before that window's feature word)
        a = max(n - bar.start() if bar else 0, done)
        if a < q:
            out.update(m.start() for m in _CAPITALS_RE.finditer(text, a, q))
            out.update(m.start() - d for m in _ARTICLE_SEPARATOR_RE.finditer(text, a, q)
                       for d in (2, 3) if m.start() >= d)
            done = q
    return sorted(out)


#: A feature word after a prefixed name ("Hayy al-Gharf neighbourhood").
_SUFFIX_TAIL_RE = re.compile(r"\s+(" + "|".join(SUFFIX_FEATURES) + r")\b", re.I)


def named(text: str, skip: list[tuple[int, int]], gaz: Gazetteer, low: str
           ) -> list[Mention]:
    """Names recognised from their feature words, known to the gazetteer or not (``low``:
    ``folded_lower(text)``)."""
    out: list[Mention] = []

    def ok_name(name: str) -> bool:
        words = name.split()
        if not words or words[0].lower() in TITLES or words[0].lower() in NOT_PLACES:
            return False
        if name_key(name) in ACTORS or any(gaz.demonym(w) for w in words):
            return False
        if len(words) == 1 and gaz.word_zipf(name.lower()) >= 4.0:
            return False
        return is_cap(words[0])

    # every match begins with a feature word: try only where one is written
    for m in finditer_at(_PREFIX_RE, text, find_all(low, _PREFIX_STARTS)):
        feat = PREFIX_FEATURES[m.group("feat").lower()]
        if not m.group("feat")[0].isupper() or not ok_name(m.group("name")):
            continue
        # "Hayy al-Gharf neighbourhood": swallow a following feature word too
        end = m.end()
        tail = _SUFFIX_TAIL_RE.match(text, end)  # (not text[end:]: a copy of the rest)
        if tail:
            feat = SUFFIX_FEATURES[tail.group(1).lower()]
            end = tail.end()
        out.append(Mention(text=text[m.start() : end], start=m.start(), end=end, role="named",
                           name=text[m.start() : m.end()], feature=feat, in_name=not tail))
    # the matches below have whitespace and a feature word in them: look only there
    feats = [m.end() for m in _FEATURE_AFTER_SPACE_RE.finditer(low)]
    for m in finditer_at(_SUFFIX_RE, text, _suffix_starts(text, feats)):
        name = m.group("name")
        # strip leading sentence openers / determiners captured by IGNORECASE
        words = name.split()
        while words and words[0].lower() in {"the", "a", "an", "of", "in", "on", "at", "near"}:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = m.start("name") + m.group("name").find(words[0])
        if not ok_name(name) or (not name[0].isupper() and not is_cap(name)):
            continue
        if re.match(r"\s+of\s", text[m.end() : m.end() + 4]):
            continue  # "the Kurdish town of Kobani": the name follows, see _OF_RE
        feat = SUFFIX_FEATURES[m.group("feat").lower()]
        out.append(Mention(text=text[start : m.end()], start=start, end=m.end(), role="named",
                           name=name, feature=feat))
    of_matches = (_OF_RE.finditer(text) if any(_OF_TAIL_RE.match(low, q) for q in feats)
                  else ())
    for m in of_matches:
        if not ok_name(m.group("name")):
            continue
        out.append(Mention(text=m.group("name"), start=m.start("name"), end=m.end("name"),
                           role="named", name=m.group("name"),
                           feature=OF_FEATURES[m.group("feat").lower()]))
    skipped = SpanIndex(skip)  # furniture_lines(): ascending and disjoint
    return [m for m in out if skipped.find(m.start) is None]


_REF_RE = re.compile(
    r"\b(?:the|this|that)\s+(?P<noun>city|town|village|area|base|hill|hilltop|neighbourhood|"
    r"neighborhood|district|(?P<old>old\s+(?:city|town|quarter)))\b(?!\s+(?:of|in)\b)",
    re.IGNORECASE,
)


#: How each noun of ``_REF_RE`` begins.
_REF_NOUNS = ("city", "town", "village", "area", "base", "hill", "neighbo", "district", "old")

#: "there" as an anchor: "2 km east of there", "fighting near there".
_THERE_BEFORE = ("of", "from", "near", "around", "beyond", "outside")
_THERE_RE = re.compile(rf"\b(?:{'|'.join(_THERE_BEFORE)})\s+(?P<there>there)\b", re.I)


def _starts_before(text: str, low: str, anchors: Iterable[str], words: Iterable[str]
                   ) -> list[int]:
    """Where one of ``words`` would begin if it ended just before the whitespace before one
    of ``anchors`` (``low``: see :func:`geoevents.text.folded_lower`): where a pattern "word,
    whitespace, anchor" may begin. Ascending."""
    lengths = {len(w) for w in words}
    out = set()
    for q in find_all(low, anchors):
        j = space_before(text, q)
        if j < q:
            out.update(j - n for n in lengths if j >= n)
    return sorted(out)


def references(text: str, skip: list[tuple[int, int]], low: str) -> list[Mention]:
    """ "the city", "near there" (``low``: ``folded_lower(text)``)."""
    out = []
    skipped = SpanIndex(skip)  # furniture_lines(): ascending and disjoint
    # both patterns begin with a word, whitespace and a word: try only before the latter
    there = finditer_at(_THERE_RE, text, _starts_before(text, low, ("there",), _THERE_BEFORE))
    for m in there:
        if skipped.find(m.start()) is None:
            out.append(Mention(text=m.group("there"), start=m.start("there"),
                               end=m.end("there"), role="reference", name="there",
                               feature="there"))
    refs = finditer_at(_REF_RE, text,
                       _starts_before(text, low, _REF_NOUNS, ("the", "this", "that")))
    for m in refs:
        if skipped.find(m.start()) is not None:
            continue
        noun = m.group("noun").lower()
        if m.group("old"):  # "the Old City": the historic core of the city under discussion
            noun = "town" if noun.endswith("town") else "city"
        out.append(Mention(text=m.group(0), start=m.start(), end=m.end(), role="reference",
                           name=m.group(0), feature=noun))
    return out
