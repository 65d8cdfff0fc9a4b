"""The sides table: actor names (patterns) → actor, side and ACLED actor type, loaded from
``geoevents/_sides.csv`` or a user's CSV (docs/events.md, "Actors and sides")."""

from __future__ import annotations

import bisect
import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .._match_starts import StartIndex, finditer_from, match_starts
from .._patterns import literal_prefixes, optional_leads, split_alternatives
from ..errors import InputError
from ..text import folded_lower, phrases_pretest
from ._abbrev import defined_abbreviations
from ._adjectival import THINGS_AFTER
from ._ethnic import people_actors
from ._held_demonym import control_demonyms
from ._named import (
    HEADLINE_MAX_CHARS,  # noqa: F401 (the old path)
    named_actors,
)
from ._periods import PERIOD, Period, chosen_pairs, split_period, within
from ._possessive import country_possessor, possessor_side
from ._state import demonym_table, state_side

__all__ = ["INTER", "ActorMatch", "SideRule", "SideTable", "general_actors", "is_government",
           "load_sides", "speaker_side"]

#: ACLED actor types (``inter`` codes) this module knows.
INTER = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
         5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/other forces"}
_ARMED = frozenset({1, 2, 3, 4, 8})
_COLUMNS = ("pattern", "actor", "side", "inter", "note")
_OPTIONAL = ("allies", "source")
_SIDE_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_CONTEXT_RE = re.compile(
    r"@context((?:\s+[A-Z]{2}=[a-z0-9][a-z0-9-]*(?:\|[a-z0-9][a-z0-9-]*)*" + PERIOD + r")*)\s*")
_ALLY_RE = re.compile(r"[a-z0-9][a-z0-9-]*" + PERIOD)


@cache
def _context_pairs(spec: str, year: int | None = None) -> dict[str, tuple[str, ...]]:
    """The ``CC=side|side…`` pairs of an ``@context`` side, by country, for a report of
    ``year`` (read once a spec and year)."""
    m = _CONTEXT_RE.fullmatch(spec)
    return chosen_pairs(m.group(1).split() if m else (), year)


# =========================================================================== the sides table


@dataclass(frozen=True, slots=True)
class SideRule:
    """One row of a sides table.

    Parameters
    ----------
    pattern : str
        A phrase or regular expression (case-insensitive; an alternative that starts with a
        word in capitals, an acronym such as ``IS`` or ``SDF``, matches that word
        case-sensitively, so "IS" never matches "is").
    actor : str
        The actor's normalised name ("Military Forces of Syria").
    side : str
        A side key (``sy-government``), or ``@context`` optionally followed by
        ``CC=side`` pairs (``@context SY=islamic-state AF=taliban``): see :class:`SideTable`.
    inter : int or None
        ACLED actor type (1 state forces, 2 rebels, 3 political militia, 4 identity militia,
        7 civilians, 8 external forces).
    note : str
        Free text.
    allies : tuple of str
        Sides this one fights with (optional sixth column, space-separated keys): a taker
        allied with the government of the report's country "regains" territory.
    line : int
        The line of the file the row comes from.
    source : str
        What the row's naming rests on (optional seventh column: ACLED actor names, the war
        article's belligerents, ISW/CTP or UN naming).
    periods : tuple of (str, period)
        The allies written with the years of the alliance (``ml-government@2013-2022``).
    """

    pattern: str
    actor: str
    side: str
    inter: int | None = None
    note: str = ""
    allies: tuple[str, ...] = ()
    line: int = 0
    source: str = ""
    periods: tuple[tuple[str, Period], ...] = ()

    @property
    def generic(self) -> bool:
        """Whether the side depends on the report (``@context``)."""
        return self.side.startswith("@context")

    def allied(self, side: str, year: int | None) -> bool:
        """Whether the row's side fights with ``side`` in ``year`` (the alliance's years, if
        the row gives them)."""
        return side in self.allies and all(within(p, year) for a, p in self.periods
                                           if a == side)

    def context_side(self, country: str | None, year: int | None = None) -> str | None:
        """The side of a generic row in a report from ``country`` (ISO alpha-2), or ``None``.

        An explicit ``CC=side`` pair wins; else state forces (``inter`` 1) and militias
        (``inter`` 3) take the government of the country, ``cc-government``.
        """
        if not self.generic:
            return self.side
        sides = self.context_sides(country, year)
        if sides:
            return sides[0]
        if country and self.inter in (1, 3):
            return state_side(country)
        return None

    def context_sides(self, country: str | None, year: int | None = None) -> tuple[str, ...]:
        """The sides of the row's ``CC=side|side…`` pair for ``country``: the default first,
        then the sides the word may name in a report that names one of them (docs/events.md,
        "Sides"); empty without a pair."""
        if not (country and self.generic):
            return ()
        return _context_pairs(self.side, year).get(country.upper(), ())


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor named in a text: the words, their offsets, the row and the resolved side."""

    text: str
    start: int
    end: int
    rule: SideRule
    side: str | None

    @property
    def inter(self) -> int | None:
        """The ACLED actor type of the row."""
        return self.rule.inter

    @property
    def armed(self) -> bool:
        """Whether the actor is an armed group (state forces, rebels, militias, external)."""
        return self.rule.inter in _ARMED


@dataclass(frozen=True)
class SideTable:
    """Who is who: actor names (patterns) → actor, side and ACLED actor type.

    Load one with :func:`load_sides`. Generic words ("troops", "the army", "militants") have
    side ``@context`` and are resolved per report by :meth:`find`: the explicit ``CC=side``
    pair of the report's country if the row has one; else, for rows other than state forces
    and militias, the side of the nearest *specific* actor of the same ``inter`` named
    earlier in the text ("the Taliban … the militants"); else, for state forces (``inter`` 1)
    and militias (``inter`` 3), the government of the report's country
    (``sy-government`` for SY); else ``None`` (side unknown).

    Parameters
    ----------
    rules : tuple of SideRule
        The rows, in file order; on a tie (same start, same length) the earlier row wins, so
        specific rows go before generic ones.
    source : str
        Where the rows come from (a path or ``"geoevents/_sides.csv"``).
    """

    rules: tuple[SideRule, ...]
    source: str = "geoevents/_sides.csv"
    _regexes: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _prefixes: tuple[tuple[str, ...] | None, ...] = field(init=False, repr=False,
                                                          compare=False)
    _index: StartIndex = field(init=False, repr=False, compare=False)
    _leads: tuple[tuple[tuple[int, re.Pattern[str]], ...], ...] = field(
        init=False, repr=False, compare=False)
    _extra: list[SideRule] = field(init=False, repr=False, compare=False)
    _extra_ids: dict[SideRule, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regexes", tuple(_compile(r.pattern) for r in self.rules))
        object.__setattr__(self, "_prefixes", tuple(literal_prefixes(r.pattern)
                                                    for r in self.rules))
        # a row is indexed by the words its matches begin with past a leading optional
        # "(?:the )?": tried at "the" only where such a word follows (_patterns.optional_leads)
        leads = [optional_leads("|".join(_alternatives(r.pattern))) for r in self.rules]
        object.__setattr__(self, "_index", StartIndex(match_starts(s) for s, _ in leads))
        object.__setattr__(self, "_leads", tuple(
            tuple((len(w), re.compile(re.escape(w), re.IGNORECASE)) for w in ws)
            for _, ws in leads))
        object.__setattr__(self, "_extra", [])
        object.__setattr__(self, "_extra_ids", {})

    def __len__(self) -> int:
        return len(self.rules)

    def allies(self, side: str | None) -> frozenset[str]:
        """The sides any row of ``side`` says it fights with."""
        return frozenset(a for r in self.rules if r.side == side for a in r.allies)

    def find(self, text: str, *, country: str | None = None) -> list[ActorMatch]:
        """Every actor named in ``text``, longest match first, in text order, sides resolved.

        Parameters
        ----------
        text : str
        country : str, optional
            ISO 3166-1 alpha-2 code of the report's country, for ``@context`` rows.

        Returns
        -------
        list of ActorMatch
            Non-overlapping matches.
        """
        return self.sided(text, self.matches(text), country=country)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, rule index) of every rule's matches in ``text``, sorted for
        :meth:`sided` (the costly part of :meth:`find`, which does not depend on the
        country)."""
        raw: list[tuple[int, int, int]] = []
        low = text.lower()
        present: dict[str, bool] = {}
        # each row tried only where a word its matches begin with begins (rows without
        # such words everywhere)
        starts = self._index.candidates(text)
        for i in sorted(self._index.always.union(starts)):
            pre = self._prefixes[i]
            if pre is not None and not any(
                    present[p] if p in present else present.setdefault(p, p in low)
                    for p in pre):
                continue  # none of the words it must start with is in the text
            at = starts.get(i)
            if at is not None and self._leads[i]:
                at = _with_leads(text, at, self._leads[i])
            found = finditer_from(self._regexes[i], text, at)
            raw.extend((m.start(), m.end(), i) for m in found if m.end() > m.start())
        n = len(self.rules)
        raw.extend(defined_abbreviations(text, raw))
        specific = sorted((s, e) for s, e, i in raw if not self.rules[i].generic)
        # a short form of a name the table knows ("the Liberation Army" after "the Kosovo
        # Liberation Army"): that row
        long_names = {text[s:e]: i for s, e, i in raw if not self.rules[i].generic
                      and len(text[s:e].split()) >= 3}
        for s, e, rule in general_actors(text):
            if rule.line == _NAMED and _holds_one(specific, s, e):
                continue  # a known actor with words around it ("U.S.-backed SDF")
            owner = next((i for name, i in long_names.items() if name.endswith(
                " " + text[s:e])), None) if rule.line == _NAMED else None
            raw.append((s, e, n + self._extra_index(rule) if owner is None else owner))
        # on a tie the table's rows win, then the demonym rule, then a name from the text
        raw.sort(key=lambda t: (t[0], t[0] - t[1], t[2] >= n,
                                t[2] if t[2] < n else -self._rule(t[2]).line))
        return raw

    def _rule(self, i: int) -> SideRule:
        n = len(self.rules)
        return self.rules[i] if i < n else self._extra[i - n]

    def _extra_index(self, rule: SideRule) -> int:
        """The index (past the table's rows) of a rule made by a general rule, kept per table."""
        idx = self._extra_ids.get(rule)
        if idx is None:
            idx = self._extra_ids[rule] = len(self._extra)
            self._extra.append(rule)
        return idx

    def allied(self, a: str, b: str, year: int | None) -> bool:
        """Whether some row has ``a`` and ``b`` fight together in ``year`` (one lists the
        other as an ally, within the alliance's years if it gives them)."""
        return any((r.side == a and r.allied(b, year)) or (r.side == b and r.allied(a, year))
                   for r in self.rules if r.side in (a, b))

    def sided(self, text: str, raw: list[tuple[int, int, int]], *, country: str | None = None,
              year: int | None = None) -> list[ActorMatch]:
        """:meth:`find` from :meth:`matches`: non-overlapping, longest first, sides resolved
        for ``country`` and the report's ``year`` (the periods of ``@context`` pairs)."""
        out: list[ActorMatch] = []
        last_end = -1
        named_side: dict[int, str] = {}  # by actor type: the side of the last actor named
        # the sides of the non-state armed groups the report names by their own names
        rules = [self._rule(i) for _, _, i in raw]
        rebels = {r.side for r in rules if r.inter == 2 and not r.generic and r.line > 0} or {
            r.side for r in rules if r.note == _NAMED_NOTE and r.inter == 2
            and not _ORGANISATION_RE.search(r.pattern)}  # the table's rows, else the text's
        for s, e, i in raw:
            if s < last_end:
                continue
            rule = self._rule(i)
            side = rule.side
            prev = out[-1] if out else None
            if (rule.generic and prev is not None and not prev.rule.generic
                    and prev.rule.inter not in (7, None)
                    and re.fullmatch(r"(?:['’]s?)? ", text[prev.end:s])):
                # "the YPG militia", "Hezbollah forces", "the TPLF's forces": a generic word
                # after a name (or its possessive) is the name's own noun
                out[-1] = ActorMatch(text[prev.start:e], prev.start, e, prev.rule, prev.side)
                last_end = e
                continue
            if (not rule.generic and prev is not None and prev.rule.generic
                    and prev.side == _OWNED and _OF_RE.fullmatch(text, prev.end, s)):
                # "the forces of the Alliance of X": the named group's own forces
                out[-1] = ActorMatch(text[prev.start:e], prev.start, e, rule, side)
                last_end = e
                continue
            of = _OWNER_RE.match(text, e) if rule.generic else None
            owner = (possessor_side(text, s, out) or country_possessor(text, s, speaker_side)
                     if rule.generic else None)
            if of is not None:  # "troops of Russia", "forces of the Alliance" (round 14)
                side = speaker_side(of.group("name")) or _OWNED
            elif owner is not None:  # "the coalition says its troops …": the coalition's
                side = owner
            elif rule.generic:
                side = None
                ctx = rule.context_sides(country, year)  # the row's pair for the country
                explicit = bool(ctx)
                if rule.inter not in (1, 3) and not explicit:
                    # the group named before; else the one group the report names
                    side = named_side.get(rule.inter) or (
                        next(iter(rebels)) if rule.inter == 2 and len(rebels) == 1 else None)
                alts = rebels.intersection(ctx[1:])
                # "rebels" in a Syrian report that names HTS and no other opposition group
                side = side or (alts.pop() if len(alts) == 1 and not rebels.intersection(
                    ctx[:1]) else rule.context_side(country, year))
                if explicit and side and rule.inter not in (1, 3):
                    # "al-Shabaab" in Somalia names its group: "the group" after it is it
                    named_side[rule.inter] = side
            elif side and not _ORGANISATION_RE.search(rule.pattern):
                named_side[rule.inter] = side
            out.append(ActorMatch(text[s:e], s, e, rule, side))
            last_end = e
        return [a if a.side != _OWNED else ActorMatch(a.text, a.start, a.end, a.rule, None)
                for a in out]


#: a generic force noun's owner named after it: "troops of Russia", "the forces of the
#: Alliance", "fighters of the Jamiat-e-Islami" (docs/events.md, "Round fourteen"); a name
#: that is no country leaves the noun to the named group, or with no side
_OWNER_RE = re.compile(r"\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)")
_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
#: the side, while the table is read, of a generic noun owned by a name after it
_OWNED = "\x00owned"


# =========================================================================== general rules
# docs/events.md, "Sides": actors the table lacks. Rules made here carry line -1 (the demonym
# rule) or -2 (a name from the text), so that on a tie the demonym rule goes first.
_DEMONYM, _NAMED = -1, -2
_NAMED_NOTE = "a name from the text (not in the table)"
#: a name from the text that is no armed group's: "the World Health Organisation"
_ORGANISATION_RE = re.compile(r"Organi[sz]ation$")

#: What follows a demonym for the state's forces ("Kenyan troops", "the Chadian army").
_STATE_NOUNS = (r"forces|troops|army|armies|soldiers|servicemen|units|military|marines|navy|"
                r"air ?force|brigades?|divisions?|battalions?|regiments?|contingents?|"
                r"peacekeepers|police|gendarmes|gendarmerie|paratroopers|commandos|"
                r"artillery|warplanes|jets|aircraft|helicopters|drones|air ?strikes?|"
                r"defen[cs]e ministry|ministry of defen[cs]e|general staff|positions|"
                r"government|regime|junta|guardsmen|guards|national guard|reservists|"
                r"conscripts|infantry|infantrymen|gunners|tanks|armou?r|columns?|convoys?|"
                r"garrisons?|defenders|flags?(?=\s+(?:(?:is|was|were|are|has\s+been|had\s+been)\s+)?"
                r"(?:(?:still|now|again|already)\s+)?(?:flies|fly|flew|flying|flown|hangs|hung|"
                r"waves|waved)\b)")
_STATE_MODIFIER_WORDS = (r"government|regime|state|army|armed|security|special|regular|federal|"
                         r"national|defen[cs]e|military|ground|naval|air|border|elite|"
                         r"mechani[sz]ed|infantry|armou?red|airborne|assault")
_STATE_MODIFIERS = _STATE_MODIFIER_WORDS + r"|(?:\d+(?:st|nd|rd|th))"
#: What a match of _TAIL_RE holds right after its spaces: the letters its first modifier or
#: noun begins with, or a digit ("2nd"). A lookahead on them (a trie) turns the other words
#: away before the ~60 alternatives are tried: a third off the scan.
_MODIFIER_LEADS = literal_prefixes(_STATE_MODIFIER_WORDS)
_NOUN_LEADS = literal_prefixes(_STATE_NOUNS)
assert _MODIFIER_LEADS is not None and _NOUN_LEADS is not None, "each opens with letters"
_TAIL_LEAD = phrases_pretest(_MODIFIER_LEADS + _NOUN_LEADS, ignore_case=True)
assert _TAIL_LEAD is not None, "letters only"
_TAIL_RE = re.compile(r"(?<=[A-Za-z'’])\s+(?=" + _TAIL_LEAD.pattern + r"|\d)(?:(?:"
                      + _STATE_MODIFIERS + r")\s+){0,3}(?:" + _STATE_NOUNS + r")(?![\w-])"
                      + THINGS_AFTER, re.IGNORECASE)
#: a state's military institution named with "of <Country>": "the Ministry of Defence of X",
#: "the General Staff of the Armed Forces of X"
_INSTITUTIONS = (r"Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|General\s+Staff"
                 r"(?:\s+of\s+the\s+Armed\s+Forces)?|Armed\s+Forces|Army|"
                 r"Joint\s+Operations\s+Command")
_OF_COUNTRY_RE = re.compile(
    r"(?<![\w-])(?:the\s+)?(?:" + _INSTITUTIONS + r")"
    r"\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*){0,2})")
#: Words (lower case) one of which a match of _TAIL_RE, _OF_COUNTRY_RE, _NAME_RE contains
#: (the starts of its nouns): a text without any of them is not scanned for it
_TAIL_WORDS = literal_prefixes(_STATE_NOUNS)
_OF_COUNTRY_WORDS = literal_prefixes(_INSTITUTIONS)
_REFUSED_BEFORE = re.compile(r"(?:\bethnic|\bpro-|\banti-|\bnon-)\s*$|(?<=\w)-$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Demonyms:
    """The demonym table (``geoevents/_demonyms.csv``): word → (ISO code, state side)."""

    words: dict[str, tuple[str, str]]
    names: dict[str, tuple[str, str]]
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def _demonyms() -> _Demonyms:
    return _Demonyms(*demonym_table(), _TAIL_RE)


def speaker_side(words: str) -> str | None:
    """The state side of a speaker named by its country or a demonym: "Russia", "Ukraine's
    defence ministry", "Ukrainian officials" (the first words after "the"); else ``None``."""
    dem = _demonyms()
    m = re.match(r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)", words.strip())
    for name in ((m.group(1), m.group(1).split()[0]) if m else ()):
        name = re.sub(r"['’]s$", "", name)
        if name in dem.names or name in dem.words:
            return (dem.names.get(name) or dem.words[name])[1]
    return None


def _holds_one(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted ``spans`` lies within ``start``–``end``."""
    # (only those that begin before ``end``: not a copy of the rest, spans[i:])
    for j in range(bisect.bisect_left(spans, (start, start)), len(spans)):
        s, e = spans[j]
        if s >= end:
            return False
        if e <= end:
            return True
    return False


def _demonym_before(text: str, pos: int, dem: _Demonyms
                    ) -> tuple[int, str, tuple[str, str]] | None:
    """The demonym ("Kenyan", "Central African") or possessive country name ("Zambia's")
    ending at ``pos``: (its start, the word, (ISO code, side)), the longest first."""
    words = list(re.finditer(r"[\w'’.-]+", text[max(0, pos - 60):pos]))
    offset = max(0, pos - 60)
    for k in range(min(5, len(words)), 0, -1):
        start = offset + words[-k].start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            continue
        phrase = " ".join(w.group(0) for w in words[-k:])
        if not phrase[:1].isupper() and not phrase.startswith("the "):
            continue
        poss = re.sub(r"['’]s$", "", phrase)
        if poss != phrase and poss in dem.names:
            return start, poss, dem.names[poss]
        for form in (phrase, phrase[:-1] if phrase.endswith("s") else None):
            if form and form in dem.words:
                return start, form, dem.words[form]
    return None


def _has_any(low: str, words: tuple[str, ...] | None) -> bool:
    """Whether one of ``words`` is in ``low`` (:func:`~geoevents.text.folded_lower`); true
    for ``None`` (words not known)."""
    return words is None or any(w in low for w in words)


def general_actors(text: str) -> list[tuple[int, int, SideRule]]:
    """Actors found by the general rules rather than the table (docs/events.md, "Sides").

    "<Demonym> forces/troops/army/…" and "<Country>'s army" are that country's state side
    (``ke-government``; ``russia`` for Russian forces) unless "ethnic", "pro-" or "anti-"
    stands before the demonym; an armed group named in the text and missing from the table
    ("the Zeta Liberation Front (ZLF)") gets a side of its own name (``zeta-liberation-front``),
    and its abbreviation in brackets is that side too wherever the text uses it.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (start, end, SideRule)
    """
    out: list[tuple[int, int, SideRule]] = []
    dem = _demonyms()
    low = folded_lower(text)
    for m in dem.regex.finditer(text) if _has_any(low, _TAIL_WORDS) else ():
        # the state nouns; then the demonym before them
        found = _demonym_before(text, m.start(), dem)
        if found is None:
            continue
        start, word, (iso, side) = found
        if not _REFUSED_BEFORE.search(text, max(0, start - 8), start):
            out.append((start, m.end(), _demonym_rule(word, iso, side)))
    for m in control_demonyms(text, dem.words):  # "Georgian-held", "in Chadian hands"
        if not _REFUSED_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            out.append((m.start(), m.end(), _demonym_rule(m["dem"], *dem.words[m["dem"]])))
    for m in _OF_COUNTRY_RE.finditer(text) if _has_any(low, _OF_COUNTRY_WORDS) else ():
        # "the Ministry of Defence of Azerbaijan"
        words = m.group("country").split()
        name = next((" ".join(words[:k]) for k in range(len(words), 0, -1)
                     if " ".join(words[:k]) in dem.names), None)
        if name is not None:
            iso_side = dem.names[name]
            end = m.start("country") + len(name)
            out.append((m.start(), end, SideRule(
                text[m.start():end], f"Military Forces of {iso_side[0]}", iso_side[1], 1,
                "the demonym rule (an institution of a named country)", (), _DEMONYM,
                "geoevents/_demonyms.csv")))
    people = people_actors(text, dem.words, lambda name, key: SideRule(  # type: ignore
        name, name, key, 2, "a people named with a demonym", (), _NAMED, "the report"))
    spans = {(s, e) for s, e, _r in people}  # "Uzbek-held" is the people's, not the state's
    out = [o for o in out if (o[0], o[1]) not in spans] + people
    out.extend(named_actors(text, dem.words, dem.names, lambda name, key, inter: SideRule(
        name, name, key, inter, _NAMED_NOTE, (),
        _DEMONYM if inter == 1 else _NAMED, "the report")))  # type: ignore[arg-type]
    return out


def _demonym_rule(word: str, iso: str, side: str) -> SideRule:
    """The state side the demonym rule gives ``word``, a demonym of the country ``iso``."""
    return SideRule(word, f"Military Forces of {iso}", side, 1, "the demonym rule", (),
                    _DEMONYM, "geoevents/_demonyms.csv")


def _with_leads(text: str, starts: list[int],
                leads: tuple[tuple[int, re.Pattern[str]], ...]) -> list[int]:
    """``starts`` and the offsets at which one of ``leads`` (its length, its pattern)
    matches the text right before one of them, ascending."""
    extra = [s - n for s in starts for n, lead in leads
             if s >= n and lead.fullmatch(text, s - n, s)]
    return sorted({*starts, *extra}) if extra else starts


def _alternatives(pattern: str) -> list[str]:
    """The alternatives of a row's pattern as :func:`_compile` reads them."""
    return [alt.strip() for alt in split_alternatives(pattern)]


def _compile(pattern: str) -> re.Pattern[str]:
    alts = [re.sub(r"^([A-Z][A-Z0-9]+)(?![a-z])", r"(?-i:\1)", alt)
            for alt in _alternatives(pattern)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def load_sides(path: str | Path | None = None) -> SideTable:
    """Read a sides table from CSV.

    Columns ``pattern,actor,side,inter,note`` and an optional ``allies``; a header row
    naming them comes first; lines starting with ``#`` are comments; blank lines are skipped.

    Parameters
    ----------
    path : str or Path, optional
        A CSV file (UTF-8). Default: the table shipped with geoevents
        (``geoevents/_sides.csv``).

    Returns
    -------
    SideTable

    Raises
    ------
    geoevents.errors.InputError
        When the file cannot be read or a line is malformed: a one-line message naming the
        file and the line ("sides.csv, line 4: inter must be an ACLED actor type 1–8, not 'x'").
    """
    if path is None:
        return _default_sides()
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a sides table") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read the sides table ({e.strerror or e})") from None
    return _parse_sides(text, name)


@lru_cache(maxsize=1)
def _default_sides() -> SideTable:
    text = resources.files("geoevents").joinpath("_sides.csv").read_text(encoding="utf-8")
    return _parse_sides(text, "geoevents/_sides.csv")


def _parse_sides(text: str, name: str) -> SideTable:
    def fail(line: int, problem: str) -> InputError:
        return InputError(f"{name}, line {line}: {problem}")

    reader = csv.reader(io.StringIO(text))
    rules: list[SideRule] = []
    header: list[str] | None = None
    line = 0
    try:
        for row in reader:
            line = reader.line_num
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in row]
            if header is None:
                header = [c.lower() for c in cells]
                if tuple(header[:5]) != _COLUMNS or tuple(header[5:]) not in (
                        (), _OPTIONAL[:1], _OPTIONAL):
                    raise fail(line, "the header must be pattern,actor,side,inter,note"
                                     f"[,allies[,source]], not {','.join(cells)[:80]!r}")
                continue
            if not 5 <= len(cells) <= len(header) and not (len(cells) > len(header)
                                                           and not any(cells[len(header):])):
                raise fail(line, f"{len(cells)} columns, expected {len(header)} "
                                 "(quote a pattern that contains a comma)")
            pattern, actor, side, inter_s, note = cells[:5]
            written = cells[5].split() if len(cells) > 5 and len(header) > 5 else []
            periods = tuple(split_period(a) for a in written)
            allies = tuple(a for a, _ in periods)
            source = cells[6] if len(cells) > 6 and len(header) > 6 else ""
            if not pattern:
                raise fail(line, "empty pattern")
            try:
                rx = _compile(pattern)
            except re.error as e:
                raise fail(line, f"bad regular expression {pattern[:60]!r}: {e}") from None
            if rx.search(""):
                raise fail(line, f"pattern {pattern[:60]!r} matches the empty string")
            if not (_SIDE_RE.fullmatch(side) or _CONTEXT_RE.fullmatch(side)):
                raise fail(line, f"side must be a key such as sy-government or @context "
                                 f"[CC=side …], not {side[:40]!r}")
            if inter_s and not (inter_s.isdigit() and 1 <= int(inter_s) <= 8):
                raise fail(line, f"inter must be an ACLED actor type 1–8, not {inter_s[:20]!r}")
            bad = [a for a in written if not _ALLY_RE.fullmatch(a)]
            if bad:
                raise fail(line, f"allies must be side keys, not {bad[0][:40]!r}")
            rules.append(SideRule(pattern, actor or pattern, side,
                                  int(inter_s) if inter_s else None, note, allies, line,
                                  source, tuple(p for p in periods if p[1])))
    except csv.Error as e:
        raise fail(reader.line_num or line, f"not valid CSV ({e})") from None
    if header is None:
        raise InputError(f"{name}: empty sides table (no header row)")
    if not rules:
        raise InputError(f"{name}: the sides table has a header but no rows")
    return SideTable(tuple(rules), name)


def is_government(actor: ActorMatch, table: SideTable, cc: str | None) -> bool:
    """Whether ``actor`` is the government of the report's country ``cc`` or fights with it
    (a taker that "regains" territory); without a country, whether it is a state force."""
    if cc:
        gov = state_side(cc)
        return actor.side == gov or gov in actor.rule.allies or gov in table.allies(actor.side)
    return actor.inter == 1
