"""Appositions after a place for the event reader: where one closes ("X, a town of 18,000 on
the Donets, has been held …"), and a chain of them ("X, the capital of Y, at the southern end
of the lake, which is held by …"); docs/events.md, "Control statements as wire copy writes
them" and "Round six"."""

from __future__ import annotations

import re

#: an apposition between a place and its predicate: "Kreminna, a town of 18,000 on the Donets,
#: has been held …", "Tel Afar, some 60 km west, remained …" (no verb, no relative pronoun)
_APPOSED_RE = re.compile(r"(?:\s+itself)?\s*,\s*(?P<app>(?:[^,;.()\"“”]|(?<=\d)[,.](?=\d)){2,130}?)"
                         r"\s*,(?!\d)", re.IGNORECASE)
#: a place named as one of the subject's members: "the district towns, X among them, remain …"
_AMONG_THEM_RE = re.compile(r"\s+(?:among|amongst)\s+them\s*,(?!\d)", re.IGNORECASE)
#: a relative clause inside a noun-phrase apposition, to its end: "a refuge for people who fled"
_NP_RELATIVE_RE = re.compile(r"\b(?:who|which|that)\b.*", re.IGNORECASE | re.DOTALL)
#: an attribution set off by commas: "according to aid workers", "rebel commanders said",
#: "a Kurdish officer told reporters" (round fifteen)
_ATTRIBUTION_RE = re.compile(r"\s*(?:according\s+to\s+[^,;:]{2,80}|(?:[\w'’-]+\s+){1,6}?"
                             r"(?:said|says|say|told\s+(?:[\w-]+\s+)?(?:reporters|journalists|"
                             r"correspondents|AFP|Reuters|the\s+[\w-]+)|reported|claimed)"
                             r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                             r"Saturday|Sunday|today|yesterday))?)\s*", re.IGNORECASE)
_APPOSED_BAD_RE = re.compile(r"\b(?:which|who|whom|whose|that|where|when|while|as|and|but|is|was|"
                             r"are|were|has|have|had|said|says|say|after|before|since)\b",
                             re.IGNORECASE)
#: a noun phrase opening an apposition: "the capital of …", "about 110 km to the north", "a town",
#: "Syria's second city" (a proper name's possessive)
NOUN_PHRASE_RE = re.compile(r"(?:the|an?|its|their|one|some|about|around|nearly|almost|just|"
                            r"roughly|\d[\d,.]*|(?-i:[A-Z])[\w-]*['’]s)\s", re.IGNORECASE)
#: what a noun-phrase apposition may hold: "… and seat of …" (not "and has …"), "… stronghold
#: since 2014", "the town that locals call …" (a relative inside the noun phrase)
_NP_ALLOWED_RE = re.compile(
    r"\band\b(?!\s+(?:has|have|had|is|was|are|were|\w+ed)\b)|\bsince\b(?=\s+(?:\d+|early|late|"
    r"last|the|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b)|\bthat\b(?=\s+(?:the\s+)?\w+\s+(?:call|calls|called|know|knew|name|named)\b)",
    re.IGNORECASE)


#: The text last asked about in :func:`apposition_end` and its answers by (end, stop): the
#: event reader asks again for every earlier place of a sentence at each place (about five
#: times each); one text is kept, not a cache of many (which would hold their strings).
_MEMO: tuple[str, dict[tuple[int, int], int | None]] = ("", {})


def apposition_end(text: str, end: int, stop: int) -> int | None:
    """Where an apposition after a place ending at ``end`` closes (after its second comma),
    when one stands there before ``stop``; else ``None``. A noun phrase ("the capital of A
    and seat of B", "about 110 km north and its stronghold since 2014", "the town that locals
    call C") may hold "and", "since <time>" and a naming relative (memoised for the last
    text asked about)."""
    global _MEMO
    memo_text, memo = _MEMO
    if memo_text is not text:
        memo = {}
        _MEMO = (text, memo)
    found = memo.get((end, stop), -1)
    if found == -1:
        found = memo[end, stop] = _apposition_end(text, end, stop)
    return found


def _apposition_end(text: str, end: int, stop: int) -> int | None:
    """:func:`apposition_end`, computed."""
    among = _AMONG_THEM_RE.match(text, end, stop)
    if among is not None:  # "the district towns, X among them, remain …": X is one of them
        return among.end()
    m = _APPOSED_RE.match(text, end, stop)
    if m is None:
        return None
    app = m.group("app")
    if _ATTRIBUTION_RE.fullmatch(app):
        return m.end()  # "X, according to Y, has been held …": the attribution is skipped
    if re.match(r"\s*(?!during\b)[a-z]+ing\b", app):
        return None  # "…, raising fears for X, …": a participial clause, no apposition
    if NOUN_PHRASE_RE.match(app):
        app = _NP_RELATIVE_RE.sub(" ", _NP_ALLOWED_RE.sub(" ", app))
    elif len(app) > 90:
        return None
    if _APPOSED_BAD_RE.search(app):
        return None
    return m.end()


#: a locative phrase closed by a comma after an apposition: "at the southern end of the
#: lake,", "on the Oskil river," (no verb, no relative pronoun)
_LOCATIVE_RE = re.compile(r"\s*(?:at|on|in|near|by|along|off|across|beside|close\s+to)\s+"
                          r"(?P<app>[^,;.()\"“”]{2,60}?)\s*,(?!\d)", re.IGNORECASE)


def apposition_chain_end(text: str, end: int, stop: int) -> int | None:
    """Where a chain of appositions after a place ending at ``end`` closes: a noun-phrase
    apposition (:func:`apposition_end`) followed by further ones or by locative phrases, each
    closed by a comma ("X, the capital of Y, at the southern end of the lake, …"); ``None``
    when the chain has a single link or none."""
    first = apposition_end(text, end, stop)
    pos, links = first, 1
    while pos is not None and links < 4:
        loc = _LOCATIVE_RE.match(text, pos, stop)
        nxt = loc.end() if loc is not None and not _APPOSED_BAD_RE.search(loc.group("app")) \
            else apposition_end(text, pos - 1, stop)
        if nxt is None:
            break
        pos, links = nxt, links + 1
    return pos if links > 1 else None
