"""Which of many regular expressions may match a text, and where: each pattern is tried
only where one of the words its matches can begin with begins a word of the text (the sides
table's actors, read by the theatre estimate and by the event reader)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ._patterns import class_end, group_end, split_alternatives
from .text import finditer_at, has_odd_folds, word_starts

__all__ = ["StartIndex", "finditer_from", "match_starts"]

_LITERAL_RUN_RE = re.compile(r"[A-Za-z0-9]+")
#: Beyond this many starts per character of the text, one scan of it is cheaper.
_STARTS_PER_CHAR = 1 / 24


def match_starts(pattern: str) -> tuple[str, ...] | None:
    """Strings of lower-case ASCII letters and digits, one of which every match of
    ``pattern`` (read with ``re.IGNORECASE`` or without) begins with — ``"(?:the )?army|
    M23"`` → ``("army", "m23", "the")`` — or ``None`` when that cannot be told (a pattern
    whose matches may begin with another character, an escape, a flag or an empty string).
    Unlike :func:`geoevents._patterns.literal_prefixes` it reads optional groups and classes of
    letters."""
    out: set[str] = set()
    for alt in split_alternatives(pattern):
        starts = _alternative_starts(alt)
        if starts is None:
            return None
        out.update(starts)
    return tuple(sorted(out))


def _alternative_starts(alt: str) -> tuple[str, ...] | None:
    """:func:`match_starts` of one alternative."""
    if alt.startswith("(?:"):
        end = group_end(alt)
        inner = match_starts(alt[3:end]) if end > 0 else None
        quantifier = alt[end + 1 : end + 2]
        if inner is None or quantifier == "{":
            return None
        if quantifier in ("?", "*"):  # the group may be absent: what follows may begin
            rest = alt[end + 2 :]
            after = _alternative_starts(rest[1:] if rest[:1] in ("?", "+") else rest)
            return None if after is None else inner + after
        return inner
    if alt.startswith("["):
        end = class_end(alt, 0)
        chars = _class_letters(alt[1:end]) if end > 0 else None
        return None if chars is None or alt[end + 1 : end + 2] in ("?", "*", "{") else chars
    m = _LITERAL_RUN_RE.match(alt)
    if not m:
        return None
    word = m.group(0)
    if alt[len(word) : len(word) + 1] in ("?", "*", "{"):
        word = word[:-1]  # the last character is optional
    return (word.lower(),) if word else None


def _class_letters(body: str) -> tuple[str, ...] | None:
    """The lower-case characters of a class body of ASCII letters, digits and ranges of
    them (``Tt``, ``1-9``), or ``None`` for any other class."""
    out: set[str] = set()
    i = 0
    while i < len(body):
        a = body[i]
        if i + 2 < len(body) and body[i + 1] == "-":
            b = body[i + 2]
            if not any(lo <= a <= b <= hi for lo, hi in (("0", "9"), ("a", "z"), ("A", "Z"))):
                return None
            out.update(chr(c).lower() for c in range(ord(a), ord(b) + 1))
            i += 3
            continue
        if not (a.isascii() and a.isalnum()):
            return None
        out.add(a.lower())
        i += 1
    return tuple(sorted(out)) if out else None


class StartIndex:
    """Where each of many patterns may match a text: the patterns (given by their
    :func:`match_starts`) indexed by the words their matches begin with, so that one pass
    over the text's words (:func:`word_starts`) gives, for each pattern, the offsets its
    matches can begin at. Sound for a pattern read with or without ``re.IGNORECASE`` whose
    matches begin after a non-word character (``(?<!\\w)``, ``(?<![\\w-])``)."""

    __slots__ = ("_by_start", "_lengths", "_memo", "_words", "always")

    def __init__(self, starts: Iterable[tuple[str, ...] | None]) -> None:
        by_start: dict[str, set[int]] = {}
        always = []
        for i, words in enumerate(starts):
            if words is None:
                always.append(i)
            else:
                for w in words:
                    by_start.setdefault(w, set()).add(i)
        self._by_start = by_start
        self._lengths = sorted({len(w) for w in by_start})
        self._memo: dict[str, tuple[int, ...]] = {}
        self._words = _words_with_starts(by_start)
        #: The patterns of no known starts: to be run on every text.
        self.always: frozenset[int] = frozenset(always)

    def _patterns(self, word: str) -> tuple[int, ...]:
        """The patterns a match of which may begin with ``word`` (memoised per word)."""
        found = self._memo.get(word)
        if found is None:
            hits: set[int] = set()
            for k in self._lengths:
                if k > len(word):
                    break
                hits.update(self._by_start.get(word[:k], ()))
            found = tuple(sorted(hits))
            if len(self._memo) >= 100_000:
                self._memo.clear()
            self._memo[word] = found
        return found

    def candidates(self, text: str) -> dict[int, list[int]]:
        """For each pattern (by index) other than :attr:`always` that may match ``text``, the
        offsets its matches may begin at, ascending; a pattern left out has no match.

        In a text without :func:`~geoevents.text.has_odd_folds` (no character
        ``re.IGNORECASE`` matches to an ASCII letter other than the ASCII letters), the words
        are found in its lower case by :func:`_words_with_starts`, which passes over those no
        pattern can begin with: the words it finds are those of :func:`word_starts` that begin
        with a start. The offsets of a word are gathered first, then given to its patterns (the
        lists may be shared between patterns: do not change them)."""
        at: dict[str, list[int]] = {}
        if has_odd_folds(text):  # the C scan reads ASCII words only
            for pos, word in word_starts(text):
                if word in at:
                    at[word].append(pos)
                else:
                    at[word] = [pos]
        elif self._words is None:
            return {}
        else:
            # (lower() keeps every offset, and what is a word character, in such a text)
            for m in self._words.finditer(text.lower()):
                word = m.group()
                if word in at:
                    at[word].append(m.start())
                else:
                    at[word] = [m.start()]
        out: dict[int, list[int]] = {}
        merged: set[int] = set()  # patterns given the offsets of more than one word
        memo = self._memo
        for word, offsets in at.items():
            found = memo.get(word)
            for i in self._patterns(word) if found is None else found:
                if i in merged:
                    out[i].extend(offsets)
                elif i in out:
                    out[i] = out[i] + offsets  # (the word's list stays as it is)
                    merged.add(i)
                else:
                    out[i] = offsets
        for i in merged:
            out[i].sort()
        return out


def _words_with_starts(starts: Iterable[str]) -> re.Pattern[str] | None:
    """A regular expression finding, in the lower case of a text, the words that begin with
    one of ``starts`` (lower-case ASCII letters and digits): runs of ASCII letters and digits
    after a non-word character, as :func:`word_starts` reads them, whole. The starts make a
    trie (a start that begins with another one is left out), so that one scan in C passes
    over the other words. ``None`` for no starts.

    Sound in a text without a character of ``geoevents.text._FOLD_ODD`` (U+0130, U+0131,
    U+017F, U+212A: :func:`geoevents.text.has_odd_folds`): of all code points, only those match
    an ASCII letter or digit under ``re.IGNORECASE`` besides the ASCII letters and digits, and
    for every other code point ``str.lower`` gives one character, a word character exactly
    when it was one, and an ASCII letter or digit only from one (checked over every code
    point; ``tests/test_match_starts.py``): the matches in the lower case are those of the
    text's words, read case-insensitively, at the same offsets."""
    kept: list[str] = []
    for word in sorted(starts):  # a start that begins with a kept one comes right after it
        if not kept or not word.startswith(kept[-1]):
            kept.append(word)
    if not kept:
        return None
    trie: dict = {}
    for word in kept:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})

    def alternation(node: dict) -> str:
        alts = [ch + alternation(child) for ch, child in node.items()]
        return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(r"(?<!\w)" + alternation(trie) + "[a-z0-9]*")


def finditer_from(pattern: re.Pattern[str], text: str, starts: list[int] | None
                  ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only at ``starts`` (ascending: every
    offset a match may begin at, see :func:`finditer_at`) when they are few; ``None``:
    not known."""
    if starts is None or len(starts) > len(text) * _STARTS_PER_CHAR:
        return pattern.finditer(text)
    return finditer_at(pattern, text, starts)
