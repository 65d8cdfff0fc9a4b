"""A capital named by its country or region ("the capital of Iraq's Anbar province", "Cambodia's
capital") or by a note's bare "the capital": a mention whose candidates are the seats of the
places it may stand for (the table ``_capitals.csv``; docs/resolution.md, "Round eight")."""

from __future__ import annotations

import functools
import re
import weakref

from .._normalize import name_key
from .._tables import read_table
from ..gazetteer import Gazetteer
from ..model import Mention, Place

__all__ = ["BARE_CAPITAL", "capitals"]

#: The name of a bare "the capital" ("In the capital, a bus was torched"): its candidates are
#: every country's capital, which resolution keeps to the note's theatre; a modifier until
#: then.
BARE_CAPITAL = "the capital"

#: Words before "capital" that make it a seat of the place named after it.
_SEAT_ADJECTIVES = r"(?:(?:provincial|regional|state|administrative|national|federal)\s+)?"
# "the capital of X", "the provincial capital of X", "capital city of X"
_OF_RE = re.compile(rf"\b(?:the\s+)?{_SEAT_ADJECTIVES}capital(?:\s+(?:city|town))?\s+of\s+"
                    r"(?:the\s+)?", re.I)
# "X's capital", "X's provincial capital", "X regional capital"
_AFTER_RE = re.compile(rf"(?:['’]s)?\s+{_SEAT_ADJECTIVES}capital(?:\s+city)?\b", re.I)
# "the capital", "the nation's capital", "in capital" (a note's own country's capital)
_BARE_RE = re.compile(r"\b(?P<the>the\s+)?"
                      r"(?:(?:nation|country)['’]s\s+|(?:national|federal)\s+)?"
                      r"(?P<word>capital)(?:\s+city)?\b", re.I)
_PRECEDING_RE = re.compile(r"\b(?:in|at|to)\s$", re.I)
#: Nouns after "capital" that make it no place ("capital punishment").
_NOT_PLACE_AFTER = frozenset({
    "punishment", "punishments", "gain", "gains", "market", "markets", "flight", "expenditure",
    "investment", "investments", "budget", "goods", "offence", "offences", "offense", "crime",
    "crimes", "case", "cases", "charge", "charges", "sentence", "sentences", "murder", "letter",
    "letters", "city's", "region", "territory", "works", "account", "spending", "cost", "costs"})
_NEXT_WORD_RE = re.compile(r"\s+([\w’']+)")
_APPOSITION_RE = re.compile(r"(?:\s*,\s*|\s+)")
_POSSESSIVE_RE = re.compile(r"['’]s\s+")


@functools.cache
def _seat_names() -> dict[tuple[str, str], str]:
    """(country, first-level region's code or "" for the country) → its capital's name."""
    return {(r["country"], r["admin1"]): r["capital"] for r in read_table("_capitals.csv")}


_SEATS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _seats(gaz: Gazetteer) -> dict[tuple[str, str], Place]:
    """The seats of :func:`_seat_names` as the gazetteer's places: the most populous
    settlement of the name in the country (in the region, for a region's seat, when one
    is), computed once for each gazetteer."""
    memo = _SEATS.get(gaz)
    if memo is None:
        names = _seat_names()
        found = gaz.lookup_many({name_key(n) for n in names.values()})
        memo = {}
        for (iso, admin1), cap in names.items():
            towns = [p for p in found.get(name_key(cap), ()) if p.country == iso
                     and p.is_settlement]
            inside = [p for p in towns if admin1 and p.admin1 == admin1]
            if towns:
                memo[iso, admin1] = max(inside or towns, key=lambda p: (p.population, p.id))
        _SEATS[gaz] = memo
    return memo


def _seats_of(places: tuple[Place, ...], gaz: Gazetteer) -> tuple[Place, ...]:
    """The seats of the countries and first-level regions among ``places``, each once."""
    seats = _seats(gaz)
    out: dict[str, Place] = {}
    for p in places:
        key = ((p.country, "") if p.kind == "country"
               else (p.country, p.admin1) if p.kind == "admin1" else None)
        seat = seats.get(key) if key and key[0] else None
        if seat is not None:
            out.setdefault(seat.id, seat)
    return tuple(out.values())


def _followed_by_name(text: str, end: int, starts: dict[int, Mention]) -> bool:
    """Whether a name comes right after ``end`` ("the capital Dhaka", "the capital,
    Peshawar", "Zimbabwe's capital of Harare"): the capital is named, and is that name's
    mention."""
    gap = _APPOSITION_RE.match(text, end)
    return gap is not None and (gap.end() in starts or (
        text.startswith("of ", gap.end()) and gap.end() + 3 in starts))


def _after_name(text: str, start: int, ends: dict[int, Mention]) -> bool:
    """Whether a name stands in apposition right before ``start`` ("Bor, the capital of
    Jonglei state", "Luanda, Angola's capital"): the capital is that name's place."""
    head = text[max(0, start - 3):start]
    cut = len(head) - len(head.rstrip(" ,("))
    return cut > 0 and start - cut in ends and head.rstrip(" ")[-1:] in (",", "(")


def capitals(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` with a mention for each capital named by its country or region ("the
    capital of Iraq's Anbar province": its candidates the seats of the region's
    candidates; the names inside become modifiers, resolved but no place of their own), and
    for each bare "the capital" (named :data:`BARE_CAPITAL`, its candidates every country's
    capital), unless a name follows in apposition ("the capital Dhaka")."""
    if "apital" not in text:
        return mentions
    named = sorted((m for m in mentions if m.role in ("toponym", "named") and not m.modifier
                    and m.feature != "demonym"), key=lambda m: m.start)
    starts = {m.start: m for m in named}
    named_ends = {m.end: m for m in named}
    # "Cambodia's capital", and "the Afghan capital": a demonym names its country (right
    # after "the": "the southern Sudanese capital" was Juba)
    ends = dict(named_ends)
    ends.update((m.end, m) for m in mentions if m.feature == "demonym"
                and text[max(0, m.start - 4):m.start].lower() == "the ")
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for match in _OF_RE.finditer(text):
        x = starts.get(match.end())
        if x is None:
            continue
        inner = [x]
        while (after := _POSSESSIVE_RE.match(text, x.end)) and (
                nxt := starts.get(after.end())) is not None:
            x = nxt  # "the capital of Iraq's Anbar province": the province's
            inner.append(x)
        seats = _seats_of(x.candidates, gaz)
        if (seats and not _followed_by_name(text, x.end, starts)
                and not _after_name(text, match.start(), named_ends)):
            out.append(_mention(text, match.start(), x.end, seats, inner))
            taken.append((match.start(), x.end))
    for end, x in ends.items():
        after = _AFTER_RE.match(text, end)
        if after is None or any(s <= end < e for s, e in taken):
            continue
        # (with its "the": "In Maiduguri, the Borno state capital")
        start = x.start - 4 if text[max(0, x.start - 4):x.start].lower() == "the " else x.start
        seats = _seats_of(x.candidates, gaz)
        if (seats and not _followed_by_name(text, after.end(), starts)
                and not _after_name(text, start, named_ends)
                # (not "Nepal's Capital Kathmandu" read as one name)
                and not any(m.start < after.end() and end < m.end for m in mentions)):
            out.append(_mention(text, x.start, after.end(), seats, [x]))
            taken.append((x.start, after.end()))
    out += _bare(text, mentions, taken, starts, gaz)
    if not out:
        return mentions
    return sorted(mentions + out, key=lambda m: m.start)


def _mention(text: str, start: int, end: int, seats: tuple[Place, ...],
             inner: list[Mention]) -> Mention:
    for m in inner:
        m.modifier = True  # "Iraq", "Anbar province" of "the capital of Iraq's Anbar province"
    return Mention(text=text[start:end], start=start, end=end, role="named",
                   name=text[start:end], candidates=seats)


def _bare(text: str, mentions: list[Mention], taken: list[tuple[int, int]],
          starts: dict[int, Mention], gaz: Gazetteer) -> list[Mention]:
    """The bare "the capital"s of ``text`` not inside a mention or a span ``taken``."""
    out = []
    ends = {m.end: m for m in mentions}
    capitals_ = None  # every country's capital, looked up at the first bare "the capital"
    for match in _BARE_RE.finditer(text):
        s, e = match.span()
        if match.group("the") is None and not _PRECEDING_RE.search(text, max(0, s - 4), s):
            continue
        nxt = _NEXT_WORD_RE.match(text, e)
        if nxt is not None and (nxt.group(1).lower() in _NOT_PLACE_AFTER
                                or (match.group("word")[0] == "C" and nxt.group(1)[0].isupper()
                                    and nxt.start(1) == e + 1)):
            continue  # "capital punishment", "the Capital Development Authority"
        if (text.startswith(" of ", e) or _followed_by_name(text, e, starts)
                or _after_name(text, s, ends)):
            continue
        if any(ts < e and s < te for ts, te in taken) or any(
                m.start < e and s < m.end for m in mentions):
            continue
        if capitals_ is None:
            seats = _seats(gaz)
            capitals_ = tuple(seats[k] for k in sorted(seats) if not k[1])
        # a modifier (no place of its own, no anchor of a relation) until resolution finds
        # the note's country: an article's "south-west of the capital" is left as it was
        out.append(Mention(text=text[s:e], start=s, end=e, role="named", name=BARE_CAPITAL,
                           candidates=capitals_, modifier=True))
    return out
