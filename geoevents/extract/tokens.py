"""The tokeniser: the words that may be (part of) a name, their runs, and positions in the
text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .._lexicon import CLAUSE_OPENERS, CONNECTORS
from .._normalize import name_key
from ..text import SpanIndex

_TOKEN_RE = re.compile(
    r"\b(?:[A-Z][a-z]{0,2}\.){2,4}(?![\w])"      # U.S., D.C., W.Va.
    r"|\b(?:St|Ste|Mt|Ft)\.(?=\s+[A-Z])"         # St. Petersburg, Mt. Vernon, Ft. Worth
    r"|[^\W\d_](?:[\w'’ʿʾ\-‑]*[^\W_])?")
_CONTRACTION_RE = re.compile(r"[’'](?:ll|ve|re|d|m|t)$|n[’']t$", re.IGNORECASE)
_ARTICLE_PREFIX_RE = re.compile(
    r"^(?:al|el|ad|ash|as|at|az|ar|an|ed|es|ez|adh|ath|ul|ur)[-‑’'](?=\w)", re.IGNORECASE
)


_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)


@dataclass(slots=True)
class Tok:
    """A word that may be (part of) a name, or a connector (see :func:`tokens`)."""

    text: str
    start: int
    end: int
    cap: bool
    sent: int
    sent_initial: bool
    lower: str  # name_key(text): lower case, diacritics folded ("Homé" → "home")
    possessive: bool = False  # written with 's ("Moore's Ford", "Oxford's leaders")
    run_start: bool = False  # never joined to the token before ("Palmyra" in "Homs-Palmyra")


#: What follows an article prefix (``_ARTICLE_PREFIX_RE``: two or three letters, then one
#: of these).
ARTICLE_SEPARATORS = frozenset("-‑’'")


def is_cap(word: str) -> bool:
    """Whether ``word`` is written as a name: capitalised after any article prefix
    ("al-Raqqa"), or in a script without case."""
    core = word
    if word[2:3] in ARTICLE_SEPARATORS or word[3:4] in ARTICLE_SEPARATORS:
        core = _ARTICLE_PREFIX_RE.sub("", word)
    if not core:
        return False
    ch = core[0]
    if ch.isupper():
        return True
    # scripts without case (Arabic, Hebrew, CJK…) count as name-like
    return ch.isalpha() and not ch.islower() and not ch.isupper()


@functools.lru_cache(maxsize=65536)
def _word_info(raw: str) -> tuple[str, bool, bool, str]:
    """(the word, whether it is written with 's, whether it may be (part of) a name, its
    ``name_key``) of a word as ``_TOKEN_RE`` matches it ("Oxford's": "Oxford", True…). A
    name is capitalised (:func:`is_cap`), not a day or a month, not a contraction ("I'll",
    "We're") and not a modifier saying who holds something ("IS-held Mosul",
    "Russian-controlled Soledar"). Memoised: a pure function of the word."""
    word, poss = raw, False
    if raw.endswith(("'s", "’s")) and len(raw) > 2:
        word, poss = raw[:-2], True
    cap = is_cap(word) and word.lower() not in _CALENDAR
    if cap and ("'" in word or "’" in word):  # each contraction has one
        cap = not _CONTRACTION_RE.search(word)
    if cap and ("-" in word or "‑" in word):  # each modifier has one
        cap = not _HELD_BY_RE.search(word)
    return word, poss, cap, name_key(word)


def regex_trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words`` (non-empty), spelled as a tree of their
    letters ("de", "del", "des": ``d(?:e(?:l|s)?)``), which is faster to try than a list."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = "|".join(alts)
        if len(alts) > 1 or ("" in node and len(body) > 1):
            body = f"(?:{body})"
        return f"{body}?" if "" in node else body

    return emit(tree)


#: What ``_TOKEN_RE`` matches after its first letter.
_TOKEN_CHAR = r"[\w'’ʿʾ\-‑]"
assert not any(c in w for w in CONNECTORS for c in " -‑"), "connectors are single words"
#: ``_TOKEN_RE.finditer``'s matches but for most words that cannot be tokens, as group 1 (a
#: last match without it ends the text).
#:
#: Why it is exact: every ``_TOKEN_RE`` match begins at a letter (``[^\W\d_]``) and one
#: begins at each letter that ``finditer`` reaches (the last alternative matches there), so
#: ``finditer`` steps over the non-letters one by one and over each word by its match. Each
#: match of this pattern does the same with its possessive loop: non-letters, and the words
#: that match the loop's second alternative: written in a-z (with inner hyphens, with or
#: without 's), not a connector and not followed by a character ``_TOKEN_RE`` could take
#: (``_TOKEN_CHAR``); ``_TOKEN_RE`` matches exactly such a word there (its first two
#: alternatives begin with A-Z, its last takes every word character, hyphen and apostrophe
#: up to the end of the word). Then the next word is taken by ``_TOKEN_RE`` itself. The
#: loop's words are not tokens: their ``_word_info`` is not capitalised (every letter is in
#: a-z, after an article prefix too) and their ``name_key`` is the word without its 's, or
#: has a space for each hyphen (no connector has one).
_CANDIDATE_RE = re.compile(
    r"(?:[\W\d_]++"
    rf"|(?!{regex_trie(CONNECTORS)}(?:['’]s)?(?!{_TOKEN_CHAR}))"
    rf"[a-z]++(?:-[a-z]++)*+(?:['’]s)?(?!{_TOKEN_CHAR})"
    rf")*+(?:({_TOKEN_RE.pattern})|\Z)")
#: A letter: where a ``_TOKEN_RE`` match may begin.
_LETTER_RE = re.compile(r"[^\W\d_]")


def _first_word(text: str, pos: int, skip: SpanIndex) -> int:
    """Where the first ``_TOKEN_RE`` match at or after ``pos`` outside the skipped ranges
    begins (the length of ``text`` when there is none). ``text[pos - 1]``, when there is
    one, must be whitespace: no match takes it (no ``_TOKEN_RE`` match does), so
    ``finditer`` reaches the first letter after it and a match begins there. So after a
    skipped range: it ends at a line break (or at the end of the text), which no match
    takes either."""
    while True:
        m = _LETTER_RE.search(text, pos)
        if m is None:
            return len(text)
        s = m.start()
        span = skip.at(s)
        if span is None:
            return s
        pos = span[1]


def tokens(text: str, sents: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[Tok]:
    """The words that may be (part of) a name and the connectors that may join them ("Isle
    of Man", "Dayr az Zawr"), outside the skipped ranges. The other words only
    separate names: a word left out lies between two tokens, which are then never joined
    (:func:`name_runs`) nor read as one demonym (:func:`.mentions.demonyms`): tokens never
    touch.

    The words are ``_TOKEN_RE``'s matches; ``_CANDIDATE_RE`` leaves most of those that
    cannot be tokens out. A token opens its sentence (``sent_initial``) when it is the
    sentence's first word outside the skipped ranges, or a capitalised preposition or
    conjunction (``CLAUSE_OPENERS``), which opens a clause as that word does."""
    toks: list[Tok] = []
    append = toks.append
    si = 0
    n_sents = len(sents)
    # the end of sentence si (past every token when there is none)
    sent_end = sents[0][1] if sents else len(text) + 1
    first = -1  # where sentence si's first word begins (-1: not looked for yet)
    skipped = SpanIndex(skip)  # furniture_lines(): ascending and disjoint
    for m in _CANDIDATE_RE.finditer(text):
        s, e = m.span(1)
        if s < 0:
            continue  # the end of the text
        if skip and skipped.find(s) is not None:
            continue
        if sent_end <= s:
            while si < n_sents and sents[si][1] <= s:
                si += 1
            sent_end = sents[si][1] if si < n_sents else len(text) + 1
            first = -1
        word, poss, cap, lower = _word_info(m.group(1))
        if not cap and lower not in CONNECTORS:
            continue
        if first < 0:
            # a sentence begins after whitespace (sentences() trims only whitespace between
            # them), and every word lies in one
            first = _first_word(text, sents[si][0], skipped)
        # a capitalised preposition or conjunction opens its clause like a sentence's
        # first word ("Protest: In Makeni, …"): CLAUSE_OPENERS
        initial = s == first or (cap and lower in CLAUSE_OPENERS)
        if poss:
            e -= 2
        if cap and "-" in word:
            pair = _ROAD_PAIR_RE.match(text, s)
            if pair and pair.end(2) == e:
                # "the Homs-Palmyra road": two names, not one
                first_name, second = pair.group(1), pair.group(2)
                append(Tok(first_name, s, pair.end(1), True, si, initial,
                            name_key(first_name)))
                append(Tok(second, pair.start(2), e, True, si, False, name_key(second), poss,
                            run_start=True))
                continue
        append(Tok(word, s, e, cap, si, initial, lower, poss))
    return toks


#: A compound saying who holds or backs something ("IS-held", "Kurdish-controlled",
#: "Russian-occupied", "US-backed", "Saudi-led"): a modifier before a name, never part of it.
_HELD_BY_RE = re.compile(r"[-‑](?:held|controlled|occupied|besieged|backed|led|allied|"
                         r"aligned|run|dominated|ruled)$", re.I)

#: Two capitalised names joined by a plain hyphen before a road word ("the Homs-Palmyra
#: road"): split into the two names.
_ROAD_PAIR_RE = re.compile(
    r"([A-Z][\w'’]+)-([A-Z][\w'’]+)(?=(?:['’]s)?\s+(?:road|highway|motorway|expressway|"
    r"railway|railroad|route|front)\b)")



def name_runs(toks: list[Tok], text: str) -> list[list[Tok]]:
    """Maximal runs of capitalised tokens (with connectors) separated by single spaces."""
    runs: list[list[Tok]] = []
    cur: list[Tok] = []
    for t in toks:
        joinable = (
            cur
            and not t.run_start
            and t.sent == cur[-1].sent
            and text[cur[-1].end : t.start] in (" ", "-", "\u00a0")
        )
        if t.cap or (joinable and t.lower in CONNECTORS):
            if cur and not joinable:
                runs.append(cur)
                cur = []
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for r in runs:
        while r and not r[-1].cap:
            r = r[:-1]
        while r and not r[0].cap:
            r = r[1:]
        if r:
            out.append(r)
    return out


def space_before(text: str, i: int) -> int:
    """Where the whitespace before ``text[i]`` begins (``i`` when there is none)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i
