"""Events: what happened at each located place, who did it, who holds it, who says so.

:func:`annotate` reads the sentence (and clause) each feature's mention sits in and fills the
event fields of :class:`~geoevents.model.Feature`: ACLED event and sub-event type, the actors
as written and their sides, the control status the report gives the place (and whom it
concerns), fatalities, the claimant and negation. It is rule-based and explainable: verb
lexicons, a few clause-structure rules and a table of actor names (:class:`SideTable`).

How words are assigned to features
----------------------------------
* **Sentences** are those of :func:`geoevents.extract.sentences` (the features' quotes).
  **Clauses** are cut at ``;``, ``:``, dashes, ", which/while/as/after/before/when/where/
  although/killing/slowing/…", a bare "but/while/whereas/although", and an "and" that opens a
  clause of its own ("… and roads are being cleared of mines": a new subject and its verb).
* **Triggers** are found by lexicon (:data:`TRIGGERS`): territorial verbs (take, lose,
  advance, defend, failed attempts, "fell to"), fighting, air strikes, shelling, mines/IEDs,
  suicide bombs, displacement (also "warned/called on <people> to flee/leave"), violence
  against civilians. Not triggers: plans and the future ("would push on toward X", "will",
  "planned/vowed/aimed to"), mine clearance ("cleared of mines", "mine-clearing") and
  attributive participles ("the retreating columns"); a bare participle ("a photo *taken*
  on …") is read as a passive.
* **Which trigger governs a feature.** A territorial verb governs only its object: the first
  feature after it in its clause (plus the features overlapping that one, and conjuncts joined
  by "," / "and"); in the passive ("X was recaptured by …") the feature before it. Every other
  trigger governs every feature of its clause. A feature takes the nearest trigger that
  governs it (preferring one before it); when none in its clause does, the nearest
  non-territorial trigger elsewhere in its sentence ("… died near X while guiding air
  strikes"); when the sentence names no weapon or fighting at all, a death ("an officer was
  killed near X") is an armed clash at the first place of the sentence.
* **Landmarks** — a feature that only locates the previous one ("Al-Tar hilltop *to the west
  of* the city", "X *near* Y") — get no event and no status. Features inside an actor's
  name or the claimant ("*Russia*'s defence ministry", "a *US* air strike") get nothing.
* **Area features** (countries, regions) are never held, lost or contested by an event in a
  town: they get the event type with status ``unknown``.

Status
------
``held`` by the taker (side = taker's side) after take verbs; ``lost`` by the side that
withdrew, or ``held`` by the other side when the text names it ("withdrew … as IS moved in");
``contested`` for fighting, and for "entered / broke into / pushed into X" (fighting inside
it; side = the entrant) — "captured / seized / recaptured / took full control of" stay
``held``; ``advancing`` (side = the advancer) for advance verbs and for an
armed actor said to be "now less than / within N km of" a place — an advance or "push on X"
with no identifiable actor (or one with no side) says nothing about who gains: ``unknown``;
``contested`` with the besieger's side for "surrounded / encircled / besieged / laid siege to
X" (active or passive with "by"; "surrounded by hills" with no actor is no event; the
attributive "the besieged town" is fighting with no side); "overran X" is a take; a nominal
"the fall / capture / seizure / liberation of X" is a past taking: ``held`` by the taker only
when named ("… of X to/by Y", "Y's capture of X"), else ``unknown``; ``held`` by the defender
after "repelled/beat back an attack on X"; ``held`` by the named side for "IS-held X",
"X, which IS has held since …", "IS still held X", "X remained in control of Y", "kept
control of", "X, under IS control" / "held by IS" / "in army hands" when no territorial event
governs the feature; also "X still hold(s) / now control(s) / have held Y (since …)", "Y
remains under Russian / the Taliban's control", "in Ukraine's hands", "Y is now held by X",
"held since 2014 by X", "Y, the IS stronghold" / "the IS stronghold of Y", "Y and Z are the
last towns X holds", "Y, <apposition>, which X still holds", and conjuncts share the phrase
("in full control of A and of B"). **Partial control is ``contested``** with the partial
holder as ``side``: "X controlled (roughly) half of / most of / parts of / the outskirts of Y"
(a part named as its own feature, "the centre of Y", is held). A sentence whose subject is
"the town / city / village" and that says who holds it gives that status to the last place
named before it, when that place's own sentence gave it none (None or ``unknown``).
**Not the battle site** (no event, no status): an origin ("attacking from (the direction of)
X", "counter-attacked from X towards Y"; not after a distance or "the front from X to Y", nor
for take/withdraw/flee verbs, whose "from X" is their object); the object of "left / would
leave X exposed / isolated / vulnerable / cut off"; hypotheticals ("could / might / may /
would / is likely to" before the verb: "could fall", "could encircle"); a capital as the
subject of a speech verb ("Kyiv says", "Moscow claimed", "Damascus denied": a row of the
sides table, the government speaking — such features also do not vote for the report's
country). A withdrawal *toward/to/on* a place ("withdrew east toward X") names
where the side goes: no status. Any other event (air strike, shelling, mines, displacement,
killings) gives ``unknown``; a feature with no event, no held phrase and no fatalities around
it keeps ``status=None`` (and every other event field None). Negated events do not apply
their status: a denial ("the army denied that militants had entered X", "did not enter")
gives ``unknown``; a failed attempt ("failed to take X") gives ``contested`` (there was an
attack) — both with ``negated=True`` and the event type of what was denied or attempted.

Actors and sides
----------------
``actor1`` is the agent of the governing trigger as written (the nearest actor before it in
the sentence; after "by" in the passive; "it/they/its/their" resolved to the claimant when
the claimant is an actor — "The army reported that it had seized …" — else to the nearest
actor before), ``actor2`` another actor of the sentence on a different side. Actors after
"supported by / backed by / alongside …" (the names that follow, else up to the next comma)
are allies and are skipped. Actors inside a relative clause (", which IS has held since …")
are never the agent of a verb outside it, and a subject-less clause ("…, after advancing to
X", a participle) takes the subject of the main clause. In reported speech, generic forces
after "its / their / our" — and a bare generic state force ("forces", "troops") — take the
side of the claimant when the claimant names an armed actor with a side ("Russia's defence
ministry said its forces had captured X", "'Our troops …,' a Russian defence ministry
spokesman said", "Moscow claimed its troops …") before falling back to the report country's
government. Nationality words before control words ("Russian-held", "under Ukrainian
control", "Kyiv's hands") are rows of the sides table that match only there.
Generic names (side ``@context``) take their side from the report's country, see
:class:`SideTable`.

Limits: one sentence at a time (no discourse beyond pronouns); no parser, so long
sentences with several verbs and places can be misassigned; the lexicons are English only.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..model import Feature
from ..text import NUMBERS, clause_breaks, number_value, number_words, sentences

__all__ = ["ActorMatch", "SideRule", "SideTable", "annotate", "load_sides", "report_country"]

#: ACLED actor types (``inter`` codes) this module knows.
INTER = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
         5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/other forces"}
_ARMED = frozenset({1, 2, 3, 4, 8})
_COLUMNS = ("pattern", "actor", "side", "inter", "note")
_SIDE_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_CONTEXT_RE = re.compile(r"@context((?:\s+[A-Z]{2}=[a-z0-9][a-z0-9-]*)*)\s*")

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
    """

    pattern: str
    actor: str
    side: str
    inter: int | None = None
    note: str = ""
    allies: tuple[str, ...] = ()
    line: int = 0

    @property
    def generic(self) -> bool:
        """Whether the side depends on the report (``@context``)."""
        return self.side.startswith("@context")

    def context_side(self, country: str | None) -> str | None:
        """The side of a generic row in a report from ``country`` (ISO alpha-2), or ``None``.

        An explicit ``CC=side`` pair wins; else state forces (``inter`` 1) and militias
        (``inter`` 3) take the government of the country, ``cc-government``.
        """
        if not self.generic:
            return self.side
        if not country:
            return None
        m = _CONTEXT_RE.fullmatch(self.side)
        pairs = dict(p.split("=") for p in m.group(1).split()) if m else {}
        if country.upper() in pairs:
            return pairs[country.upper()]
        if self.inter in (1, 3):
            return f"{country.lower()}-government"
        return None


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regexes", tuple(_compile(r.pattern) for r in self.rules))
        object.__setattr__(self, "_prefixes", tuple(_literal_prefixes(r.pattern)
                                                    for r in self.rules))

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
        for i, rx in enumerate(self._regexes):
            pre = self._prefixes[i]
            if pre is not None and not any(
                    present[p] if p in present else present.setdefault(p, p in low)
                    for p in pre):
                continue  # none of the words it must start with is in the text
            raw.extend((m.start(), m.end(), i) for m in rx.finditer(text) if m.end() > m.start())
        raw.sort(key=lambda t: (t[0], t[0] - t[1], t[2]))
        return raw

    def sided(self, text: str, raw: list[tuple[int, int, int]], *,
              country: str | None = None) -> list[ActorMatch]:
        """:meth:`find` from :meth:`matches`: non-overlapping, longest first, sides resolved
        for ``country``."""
        out: list[ActorMatch] = []
        last_end = -1
        for s, e, i in raw:
            if s < last_end:
                continue
            rule = self.rules[i]
            side = rule.side
            if rule.generic:
                side = None
                if rule.inter not in (1, 3) and not _explicit(rule, country):
                    side = next((a.side for a in reversed(out) if not a.rule.generic
                                 and a.rule.inter == rule.inter and a.side), None)
                side = side or rule.context_side(country)
            out.append(ActorMatch(text[s:e], s, e, rule, side))
            last_end = e
        return out


def _explicit(rule: SideRule, country: str | None) -> bool:
    return bool(country) and f" {country.upper()}=" in f" {rule.side} "


def _compile(pattern: str) -> re.Pattern[str]:
    alts = []
    for alt in _split_alternatives(pattern):
        alts.append(re.sub(r"^([A-Z][A-Z0-9]+)(?![a-z])", r"(?-i:\1)", alt.strip()))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def _literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """The lowercase letters every match of ``pattern`` starts with, one string per top-level
    alternative (``"jihadists?|militants?"`` → ``("jihadist", "militant")``), or ``None``
    when an alternative starts with a group or another construct (the rule is always run).
    A cheap substring test on them skips the rules that cannot match a text."""
    out = []
    for alt in _split_alternatives(pattern):
        alt = alt.strip()
        if alt.startswith("(?:"):  # a leading group of alternatives: the starts of each
            depth, end = 0, -1
            for i, ch in enumerate(alt):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    end = i
                    break
            if end < 0 or alt[end + 1 : end + 2] in ("?", "*", "{"):
                return None
            inner = _literal_prefixes(alt[3:end])
            if inner is None:
                return None
            out.extend(inner)
            continue
        m = re.match(r"[A-Za-z]+", alt)
        if not m:
            return None
        word = m.group(0)
        if alt[len(word) : len(word) + 1] in ("?", "*", "{"):
            word = word[:-1]  # the last letter is optional
        if len(word) < 2:
            return None
        out.append(word.lower())
    return tuple(out)


def _split_alternatives(pattern: str) -> list[str]:
    """Split a regular expression at its top-level ``|``."""
    parts, depth, cur, escaped = [], 0, [], False
    for ch in pattern:
        if escaped:
            cur.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


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
                if tuple(header[:5]) != _COLUMNS or header[5:] not in ([], ["allies"]):
                    raise fail(line, "the header must be pattern,actor,side,inter,note"
                                     f"[,allies], not {','.join(cells)[:80]!r}")
                continue
            if len(cells) not in (5, len(header)) and not (len(cells) > len(header)
                                                           and not any(cells[len(header):])):
                raise fail(line, f"{len(cells)} columns, expected {len(header)} "
                                 "(quote a pattern that contains a comma)")
            pattern, actor, side, inter_s, note = cells[:5]
            allies = tuple(cells[5].split()) if len(cells) > 5 and len(header) > 5 else ()
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
            bad = [a for a in allies if not _SIDE_RE.fullmatch(a)]
            if bad:
                raise fail(line, f"allies must be side keys, not {bad[0][:40]!r}")
            rules.append(SideRule(pattern, actor or pattern, side,
                                  int(inter_s) if inter_s else None, note, allies, line))
    except csv.Error as e:
        raise fail(reader.line_num or line, f"not valid CSV ({e})") from None
    if header is None:
        raise InputError(f"{name}: empty sides table (no header row)")
    if not rules:
        raise InputError(f"{name}: the sides table has a header but no rows")
    return SideTable(tuple(rules), name)


# =========================================================================== lexicons

_ADV = r"(?:(?:also|later|earlier|now|reportedly|finally|fully|eventually|again|still|then)\s+)?"
#: Trigger lexicons: category → regular expression (case-insensitive, on word boundaries).
TRIGGERS: dict[str, str] = {
    "fail": r"(?:fail(?:ed|s)?|unable|(?:could|did) not manage) (?:in (?:an|their|its) "
            r"(?:attempt|bid) )?to (?:take|capture|seize|enter|retake|recapture|storm|overrun)"
            r"|(?:failed|unsuccessful|abortive) (?:attempt|bid|push|attack|assault)s? to "
            r"(?:take|capture|seize|enter|retake|recapture|storm|overrun)",
    "defend": r"(?:repel(?:led|s|ling)?|repuls(?:ed|es|ing|e)|beat(?:en)? back|beating back|"
              r"fended off|fought off|fend(?:ing)? off|thwart(?:ed|s|ing)?|foil(?:ed|s)|"
              r"held off|repelling)(?:\s+(?:an?|the|several|two|three|repeated|multiple)?\s*"
              r"(?:[\w-]+\s+){0,3}?(?:attacks?|assaults?|offensive|advance|attempts?|"
              r"incursions?|counter-?attacks?))?",
    "fall": r"f(?:ell|alls|allen) (?:back )?(?:in)?to(?= (?!the hands)\w)|f(?:ell|alls|allen) "
            r"into the hands of",
    "take": r"(?:took|take|takes|taking|taken|wrest(?:ed)?|gain(?:ed)?|seiz(?:e|es|ed|ing)|"
            r"assum(?:e|ed|ing)|regain(?:s|ed|ing)?|establish(?:ed)?) (?:full |complete |total |"
            r"effective |partial )?control (?:of|over)|took over|tak(?:e|es|ing|en) over|"
            r"taken(?! (?:place|part|refuge|shelter|cover|prisoner|hostage|to))|"
            r"seiz(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|"
            r"retak(?:e|es|en|ing)|retook|regain(?:s|ed|ing)?|"
            r"liberat(?:e|es|ed|ing)|storm(?:ed|ing)|overr(?:an|un|unning|"
            r"uns)|conquer(?:ed|ing|s)?|occup(?:ied|y|ies|ying)|took(?! (?:place|part|refuge|"
            r"shelter|cover|part))|drove (?:[\w-]+ ){1,4}?(?:out of|from)|"
            r"(?:drive|driving|drove|push(?:ed|ing)?|forc(?:ed|ing)) (?:[\w-]+ ){1,3}?out of",
    "enter": r"(?:re-?)?enter(?:s|ed|ing)?|br(?:oke|eak|eaks|eaking|oken) (?:through )?into|"
             r"push(?:ed|es|ing)? (?:deeper |further )?into|forc(?:ed|ing) (?:their|its) way into|"
             r"fought (?:their|its) way (?:in)?to|storm(?:ed|ing) into",
    "lose": r"(?:withdr(?:ew|awn|aw|aws|awing)|pull(?:ed|s|ing)? (?:out|back)|retreat(?:ed|s|ing)?"
            r"|fall(?:s|ing)? back|fell back|abandon(?:ed|s|ing)?|evacuat(?:ed|ing) (?:from )?"
            r"(?=its|their)|los(?:t|e|es|ing) (?:full |all )?control (?:of|over)|lost|"
            r"(?:were|was|been|are|is) (?:\w+ly )?(?:driven|forced|pushed|expelled|ousted) "
            r"(?:out|back)|(?:were|was|been) (?:\w+ly )?(?:expelled|ousted|routed))"
            r"(?: (?:of|from))?",
    "fled": r"fled|flee(?:ing|s)?",
    "advance": r"advanc(?:ed|es|ing|e) (?:to|toward|towards|on|into|in|closer to|deeper into|"
               r"further into|to within|within)|advanc(?:ed|ing)|"
               r"clos(?:ed|es|ing|e) in on|clos(?:ed|ing) on|"
               r"push(?:ed|es|ing)? (?:to|toward|towards|on|closer to)|"
               r"mov(?:ed|es|ing|e) (?:toward|towards|on|closer to|into)|"
               r"approach(?:ed|es|ing)|edg(?:ed|es|ing) (?:closer )?(?:to|toward|towards)|"
               r"reach(?:ed|es|ing)? the (?:outskirts|edge|gates) of|"
               r"(?:converg|march|press|drove|driv)(?:ed|ing|es)? (?:on|toward|towards)",
    "prox": r"(?:is|are|was|were|been)(?:\s+(?:now|still|already))?"
            r"(?=\s+(?:(?:less than|within|only|just|some|about|around|barely|roughly|"
            r"no more than)\s|\d+(?:\.\d+)?\s*(?:km|kilomet|mile|met)|(?:one|two|three|four|"
            r"five|six|seven|eight|nine|ten|a few)\s+(?:km|kilomet|mile|met)))",
    "suicide": r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car bombs?|"
               r"truck bombs?|vests?)|blew (?:himself|herself|themselves) up|SVBIEDs?",
    "ied": r"(?:land)?mines?|mined|minefields?|IEDs?|VBIEDs?|improvised explosive devices?|"
           r"roadside bombs?|car bombs?|explosives?|booby[- ]?trap(?:s|ped|ping)?",
    "air": r"air ?strikes?|air ?raids?|air ?attacks?|aerial (?:bombardment|bombing|attacks?)s?|"
           r"jets|sorties|(?<!hunger )strikes|"
           r"bomb(?:ing|ings|ed)|warplanes?|war planes?|fighter jets?|helicopter gunships?|"
           r"gunships?|drone (?:strikes?|attacks?)|barrel bombs?|air power",
    "shell": r"shell(?:ing|ed|s)|artillery|rockets?|rocket fire|mortars?|missiles?|Grads?|"
             r"howitzers?|bombardments?|bombard(?:ed|ing)|Katyushas?",
    "displace": r"displac(?:ed|ing|ement)|evacuat(?:ed|ing|ion)|call(?:ed|s|ing)? on (?:[\w,'’-]+ )"
                r"{0,10}?to (?:leave|flee|evacuate)|(?:urg|order|warn|tell|forc)(?:ed|es|s|ing)? "
                r"(?:[\w,'’-]+ ){0,10}?to (?:leave|flee|evacuate)|told (?:[\w,'’-]+ ){0,10}?to "
                r"(?:leave|flee|evacuate)|exodus",
    "siege": r"surround(?:ed|s)?|(?:is|are|was|were|been)\s+surrounding|encircl(?:ed|es|e|ing)|"
             r"besieg(?:ed|es|e|ing)|(?:laid|lay|lays|laying) siege to",
    "fallof": r"(?:(?:the|its|their)\s+)?(?:eventual\s+|final\s+)?(?:fall|capture|seizure|"
              r"recapture|liberation)\s+of",
    "clash": r"clash(?:es|ed|ing)?|fighting|fought|fights?|battl(?:e|es|ed|ing)|gun ?battles?|"
             r"firefights?|attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|ambush(?:es|ed|ing)?|"
             r"raid(?:s|ed|ing)?|skirmish(?:es)?|counter-?(?:attack|offensive)s?|"
             r"counter-?attack(?:ed|ing)|offensive|"
             r"combat|siege|stormed",
}
_TERRITORIAL = frozenset({"take", "enter", "lose", "advance", "prox", "defend", "fail", "fall",
                          "fled", "siege", "fallof"})
_REMOTE = frozenset({"air", "shell", "ied", "suicide"})
_TRIGGER_RES = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w-])", re.IGNORECASE)
                for k, v in TRIGGERS.items()}
_PRIORITY = {k: i for i, k in enumerate(TRIGGERS)}

_SUB_EVENTS = {
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "shell": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "displace": ("Strategic developments", "Other"),
    "clash": ("Battles", "Armed clash"),
    "enter": ("Battles", "Armed clash"),
    "kill": ("Battles", "Armed clash"),
    "advance": ("Battles", "Armed clash"),
    "prox": ("Battles", "Armed clash"),
    "defend": ("Battles", "Armed clash"),
    "fail": ("Battles", "Armed clash"),
    "siege": ("Battles", "Armed clash"),
}

_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$",
                                re.IGNORECASE)
_NOFIGHT_RE = re.compile(
    r"without (?:a |any )?(?:fight|fighting|resistance|a shot (?:being )?fired|bloodshed|clashes)"
    r"|(?:after|under|as part of) (?:an? |the )?(?:agreement|deal|truce|ceasefire|handover)"
    r"|handed (?:\w+ )?over|no (?:fighting|clashes|resistance)|peacefully", re.IGNORECASE)
_ALLY_RE = re.compile(r"\b(?:supported|backed|aided|assisted|helped|joined) by\b|"
                      r"\bwith (?:the )?(?:support|help|backing|cover) (?:of|from)\b|"
                      r"\balongside\b|\btogether with\b|\bunder cover of\b", re.IGNORECASE)
# a relative clause: its actors are never the subject of the main clause's verbs
_RELATIVE_RE = re.compile(r"^(?:which|who|whom|whose|that|where)\b", re.IGNORECASE)
# a subject-less clause: "after advancing to …", ", and have taken …", a participle
_SUBJECTLESS_RE = re.compile(
    r"^(?:,?\s*(?:and|then|before|after|while|when|since|as|by|having)\s+)?(?:(?:has|have|had|"
    r"were|was|are|is)\s+)?(?:\w+ly\s+|also\s+|then\s+|now\s+)?\w+(?:ing|ed)\b|"
    r"^,?\s*(?:and|then)\s+(?:(?:has|have|had|were|was|are|is)\s+)?(?:also\s+|then\s+|now\s+)?"
    r"\w+", re.IGNORECASE)
# future and intentions: no event yet
_FUTURE_RE = re.compile(
    r"\b(?:would|will|shall|could|might|(?-i:may)|(?:is|are|was|were)\s+likely\s+to|"
    r"(?:plann?|aim|hope|intend|vow|threaten|expect|prepar|promis|pledg|want|seek|tr)(?:s|ed|ing|es|ied|ies|e)?\s+to|(?:is|are|was|were)\s+(?:set|"
    r"going|due|about)\s+to|ready\s+to|in\s+order\s+to)\s+(?:(?:\w+ly|also|then|soon|now|"
    r"again|eventually|push\s+on|continue\s+to|be\s+able\s+to|try\s+to|attempt\s+to|be|"
    r"soon\s+be)\s+){0,2}$",
    re.IGNORECASE)
# mine clearance: not an IED attack
_DEMINING_RE = re.compile(
    r"\b(?:clear(?:ed|ing|s)?|remov(?:ed|ing|es?)|defus(?:ed|ing|es?)|dismantl(?:ed|ing|es?)|"
    r"swe(?:pt|ep|eping)|de-?min(?:ed|ing))\s+(?:(?:of|from|for|away|up|the|all|any|its|their)\s+)*"
    r"(?:[\w-]+\s+(?:and|or)\s+|[\w-]+,\s+)*$", re.IGNORECASE)
# an attributive participle: "the retreating columns", "the advancing units"
_ATTRIBUTIVE_RE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?:it|they|its|their|them|we|our)\b", re.IGNORECASE)
_NEG_RE = re.compile(r"\b(?:not|never|no longer|neither|nor)\b(?!\s+(?:far|only|least|"
                     r"yet clear|clear))|n[’']t\b", re.IGNORECASE)
_NO_WERE_RE = re.compile(r"\bno(?:\s+[\w-]+){0,3}?\s+(?:were|was|had been|have been|has been)\b",
                         re.IGNORECASE)
_DENY = r"(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)"
_DENY_RE = re.compile(rf"\b{_DENY}\b", re.IGNORECASE)
_CIVIL_VERB_RE = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|execut(?:ed|ing)|massacr(?:ed|ing)|murder(?:ed|ing)|shot dead|"
    r"shot|beheaded|abduct(?:ed|ing)|kidnapp?(?:ed|ing)|attack(?:ed|ing)|target(?:ed|ing))\b",
    re.IGNORECASE)
_CONJ_RE = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*$", re.IGNORECASE)
_LANDMARK_RE = re.compile(
    r"\s*,?\s*(?:(?:some |about |around )?(?:to|in|on|at) the (?:[\w-]+ ){0,2}?(?:north|south|east|"
    r"west|edge|outskirts|side|part|heart|centre|center|approaches)\w*(?:[- ]?\w+)? of|"
    r"(?:north|south|east|west)\w*(?:[- ](?:north|south|east|west)\w*)? of|of|near|outside|"
    r"in|inside|on|at|close to|not far from|overlooking|in the \w+ of)\s+(?:the\s+)?$",
    re.IGNORECASE)

# reporting verbs
_SAY = (r"(?:said|says|say|reported|reports|claimed|claims|announced|announces|confirmed|"
        r"confirms|stated|states|told|tells|added|insisted|insists|alleged|alleges|"
        r"acknowledged|admitted|admits|warned|" + _DENY[3:-1] + ")")
_NP = r"(?:[\w'’.-]+\s+){0,9}?[\w'’.-]+"
_OPENER = (r"(?:(?:On|In|By|Late|Early|Meanwhile|However|But|And|Later|Earlier|Separately)"
           r"\b[^,]{0,30},\s*|(?:But|And|Meanwhile)\s+)?")
_PREPOSED_RE = re.compile(rf"^{_OPENER}(?P<np>{_NP})(?:\s*,[^,]{{1,60}},)?\s+{_ADV}"
                          rf"(?:had\s+|has\s+|have\s+)?(?P<verb>{_SAY})\b(?!\s+by\b)")
_POSTPOSED_RE = re.compile(
    rf"(?:,|[,.!?]?[\"”’])\s*(?:(?P<np1>{_NP})\s+{_ADV}(?P<verb1>{_SAY})"
    rf"|(?P<verb2>{_SAY})\s+(?P<np2>{_NP}))"
    r"(?:\s+(?:on|late on|early on)\s+\w+|\s+in a statement|\s+\w+day)?\s*[.!?]?[\"”’]?\s*$")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<np>[^,.;:()]{2,90}?)\s*(?=[,.;:()]|$)",
                           re.IGNORECASE)
_NP_CUT_RE = re.compile(r"\s+(?:quoted|cited|citing|speaking|who|which|in a statement|on "
                        r"(?:condition|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                        r"|late|early)\b.*$")
_NP_BAD_RE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|that|and|when|after)\b",
                        re.IGNORECASE)

# numbers: the fatality column of geoevents.text.NUMBERS (ACLED's counts for vague words)
_COUNTED = number_words("fatalities")
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:"
        + "|".join(w for w in _COUNTED if NUMBERS[w].kind == "tens") + r")(?:[- ](?:"
        + "|".join(w for w in _COUNTED if NUMBERS[w].kind == "cardinal") + r"))?|"
        + "|".join(re.escape(w) for w in sorted(
            (w for w in _COUNTED if NUMBERS[w].kind != "tens"), key=len, reverse=True)) + ")")
_NOT_COUNTED = (r"(?:km|kilomet\w*|miles?|met(?:re|er)s?|days?|weeks?|months?|years?|hours?|"
                r"minutes?|times|per|percent|%|January|February|March|April|May|June|July|"
                r"August|September|October|November|December)")
_DEATH_RE = re.compile(r"\b(?:killed|killing|kills|kill|died|dead|slain|perished|lost their "
                       r"lives|lost his life|lost her life)\b", re.IGNORECASE)
_NUM_AFTER_RE = re.compile(rf"^\s+(?:at least |some |about |around |nearly |almost |more than "
                           rf"|over |up to |as many as )?(?P<n>{_NUM})\b(?!\s+{_NOT_COUNTED}\b)",
                           re.IGNORECASE)
_NUM_BEFORE_RE = re.compile(rf"(?<![\w-])(?P<n>{_NUM})\s+(?!{_NOT_COUNTED}\b)[\w'’-]+",
                            re.IGNORECASE)
_ZERO_RE = re.compile(r"\bno(?: one|body|\s+(?:[\w-]+\s+){0,2}?(?:casualties|deaths|fatalities|"
                      r"civilians|soldiers|people))\b[^.;]{0,30}?\b(?:killed|died|dead|reported|"
                      r"were|was)\b", re.IGNORECASE)


def _number(word: str) -> int | None:
    value = number_value(word, reader="fatalities")
    return None if value is None else int(value)


# =========================================================================== analysis


@dataclass(slots=True)
class _Trigger:
    cat: str
    start: int
    end: int
    text: str
    passive: bool = False


@dataclass(slots=True)
class _Claim:
    claimant: str
    start: int
    end: int  # of the claimant's words
    verb_end: int  # where the claimed content may start (or the sentence start)
    denial: bool = False


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    actors: list[ActorMatch]
    allies: list[tuple[int, int]]
    claim: _Claim | None
    clauses: list[tuple[int, int]]
    triggers: list[_Trigger]
    nofight: bool
    fatalities: int | None
    fatality_spans: list[tuple[int, int]] = field(default_factory=list)
    kill: _Trigger | None = None


def report_country(features: Iterable[Feature]) -> str | None:
    """The report's country: the commonest ``country`` of its features, areas (countries,
    regions) counting only when nothing else does; ties go to the first named. ``None`` when
    no feature has one."""
    feats = list(features)
    for pool in ([f for f in feats if not _is_region(f)], feats):
        counts = Counter(f.country for f in pool if f.country)
        if counts:
            best = max(counts.values())
            return next(f.country for f in pool if f.country and counts[f.country] == best)
    return None


def annotate(text: str, features: Sequence[Feature], *, sides: SideTable | None = None,
             country: str | None = None) -> list[Feature]:
    """Fill the event fields of each feature from the sentence its mention sits in.

    A pure function: returns copies (:func:`dataclasses.replace`); the inputs are unchanged.

    Parameters
    ----------
    text : str
        The report text the features' offsets refer to.
    features : sequence of Feature
        Located features (:func:`geoevents.pipeline.locate`).
    sides : SideTable, optional
        Actor names → sides (:func:`load_sides`); default the shipped table.
    country : str, optional
        The report's country (ISO alpha-2) for generic actor words ("troops", "the army");
        default :func:`report_country` of the features.

    Returns
    -------
    list of Feature
        One copy per feature, in the same order, with ``event_type``, ``sub_event_type``,
        ``actor1``, ``side1``, ``actor2``, ``side2``, ``status``, ``side``, ``fatalities``,
        ``claimed_by`` and ``negated`` set (None/False where the text says nothing), and one
        ``explain`` line saying why.
    """
    table = sides if sides is not None else load_sides()
    raw = table.matches(text)
    if country is None:
        names = [(a.start, a.end) for a in table.sided(text, raw)]
        country = report_country([f for f in features if not any(
            x <= f.start and f.end <= y for x, y in names)]) or report_country(features)
    cc = country
    actors = table.sided(text, raw, country=cc)
    spans = sentences(text)
    done: dict[int, _Sentence] = {}
    out: list[Feature] = []
    for f in features:
        idx = next((i for i, (s, e) in enumerate(spans) if s <= f.start < e), None)
        if idx is None:
            out.append(replace(f, explain=list(f.explain)))
            continue
        if idx not in done:
            s, e = spans[idx]
            done[idx] = _analyse(text, s, e, [a for a in actors if s <= a.start < e], actors)
        sent = done[idx]
        sent_feats = [g for g in features if sent.start <= g.start < sent.end]
        values = _annotate_one(text, f, sent, sent_feats, table, cc, actors)
        out.append(replace(f, explain=[*f.explain, values.pop("_why")], **values))
    _the_town(text, spans, features, out, actors)
    return out


_THE_TOWN_RE = re.compile(rf"{_OPENER}(?:the|that|this)\s+(?:small\s+|embattled\s+|frontline\s+"
                          r"|front-line\s+)?(?:town|city|village|settlement|hamlet)\b(?!\s+of\b)",
                          re.IGNORECASE)


def _the_town(text: str, spans: list[tuple[int, int]], features: Sequence[Feature],
              out: list[Feature], actors: list[ActorMatch]) -> None:
    """A sentence whose subject is "the town/city/village" and that says who holds it ("The
    town is now held by Russian forces", "The city remains under Taliban control") gives that
    status to the last place named before it, when that place's own sentence gave it none
    (``status`` None or ``unknown``). In place on ``out``."""
    for s, e in spans:
        m = _THE_TOWN_RE.match(text, s)
        if m is None:
            continue
        before = [i for i, f in enumerate(features) if f.start < s and not _is_region(f)
                  and f.relation == "place"]
        if not before or any(s <= f.start < e and f.start < m.end() for f in features):
            continue
        sent = _analyse(text, s, e, [a for a in actors if s <= a.start < e], actors)
        i = before[-1]
        if out[i].status not in (None, "unknown") or (out[i].explain and "actor's" in \
                out[i].explain[-1]):
            continue
        if any(t.start < s + 80 for t in sent.triggers if t.cat in _TERRITORIAL):
            continue
        held = _held_span(text, m.end() - len(m.group(0).split()[-1]), m.end(), sent,
                          [f for f in features if s <= f.start < e])
        if held is None:
            continue
        holder, partial = held
        status = "contested" if partial else "held"
        why = (f"{out[i].explain[-1]}; status {status} ({holder.side}) from the next mention: "
               f"{text[m.start():m.end()].strip()!r} {'partly ' if partial else ''}held by "
               f"{holder.text!r}")
        claimed = out[i].claimed_by or (sent.claim.claimant if sent.claim else None)
        out[i] = replace(out[i], status=status, side=holder.side, claimed_by=claimed,
                         explain=[*out[i].explain[:-1], why])


def _analyse(text: str, s: int, e: int, actors: list[ActorMatch],
             all_actors: list[ActorMatch]) -> _Sentence:
    sent = text[s:e]
    claim = _find_claim(sent, s)
    actors = _claimant_sides(text, actors, claim)
    # allies: from "supported by" to the next comma or clause end
    allies = []
    for m in _ALLY_RE.finditer(sent):
        stop = re.search(r"[,;.]", sent[m.end():])
        end = s + m.end() + (stop.start() if stop else len(sent))
        pos, chained = s + m.end(), False
        for a in actors:  # "backed by allied militias and Russian aircraft" and no further
            if a.start < pos:
                continue
            gap = text[pos:a.start]
            if re.fullmatch(r"\s*(?:(?:,|and|as well as)\s*)?(?:both\s+)?(?:the\s+|an?\s+)?"
                            r"(?:[\w-]+\s+){0,2}?", gap, re.IGNORECASE) and (
                    not chained or re.match(r"\s*(?:,|and|as well as)", gap)):
                pos, chained = a.end, True
            else:
                break
        if chained:
            end = min(end, pos)
        allies.append((s + m.start(), end))
    # clauses
    cuts = [0]
    for a, b in clause_breaks(text, s, e, reader="events"):
        cuts.extend([a - s, b - s])
    if claim and claim.verb_end > s and claim.start == s:
        cuts.extend([claim.verb_end - s, claim.verb_end - s])
    cuts.append(len(sent))
    cuts.sort()
    clauses = [(s + cuts[i], s + cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)
               if cuts[i + 1] >= cuts[i]]
    # triggers: longest match wins overlaps, then lexicon order
    raw = []
    for cat, rx in _TRIGGER_RES.items():
        for m in rx.finditer(sent):
            raw.append(_Trigger(cat, s + m.start(), s + m.end(), m.group(0)))
    raw.sort(key=lambda t: (t.start, t.start - t.end, _PRIORITY[t.cat]))
    triggers: list[_Trigger] = []
    last = -1
    for t in raw:
        if t.start < last:
            continue
        if any(a <= t.start < b for a, b in allies):
            continue
        if claim and claim.start <= t.start < claim.end:
            continue
        if t.cat in ("take", "lose", "siege") and _PASSIVE_BEFORE_RE.search(text[s:t.start]) and \
                not t.text.lower().startswith(("were", "was", "been", "are", "is")):
            t.passive = True
        last = t.end
        if _dropped(text, s, t):
            continue
        if t.cat == "siege" and _ATTRIBUTIVE_RE.search(text[max(s, t.start - 30):t.start]):
            t = _Trigger("clash", t.start, t.end, t.text)  # "the besieged town": fighting
        if t.cat == "take" and re.fullmatch(r"(?:re)?taken|overrun", t.text, re.IGNORECASE) and \
                not re.search(r"\b(?:has|have|had|having|been|being|be|was|were|is|are|got|"
                              r"get|gets)\s+(?:\w+ly\s+|also\s+|now\s+)?$", text[s:t.start],
                              re.IGNORECASE):
            t.passive = True  # a bare participle: "the town, taken by IS in 2014, …"
        triggers.append(t)
    nofight = bool(_NOFIGHT_RE.search(sent))
    if nofight:
        spans_nf = [(s + m.start(), s + m.end()) for m in _NOFIGHT_RE.finditer(sent)]
        triggers = [t for t in triggers
                    if not (t.cat == "clash" and any(a <= t.start < b for a, b in spans_nf))]
    # violence against civilians: a kill/attack verb whose target is civilians
    if not any(t.cat in _REMOTE for t in triggers):
        for m in _CIVIL_VERB_RE.finditer(sent):
            vs, ve = s + m.start(), s + m.end()
            after = [a for a in actors if ve <= a.start <= ve + 40 and
                     re.fullmatch(rf"\s+(?:(?:at least |some |about )?{_NUM}\s+)?(?:[\w-]+\s+)?",
                                  text[ve:a.start], re.IGNORECASE)]
            before = [a for a in actors if a.end <= vs and
                      re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}?(?:were|was|had been|have been|"
                                   r"have|has|had|are)\s+(?:\w+ly\s+)?(?:been\s+)?",
                                   text[a.end:vs], re.IGNORECASE)]
            target = (after or before)[:1]
            if target and target[0].inter == 7 and m.group(0).lower() not in ("target", "shot"):
                cat = "abduct" if re.match(r"abduct|kidnap", m.group(0), re.I) else "civil"
                triggers = [t for t in triggers if not (t.start < ve and t.end > vs)]
                if not any(a.armed and a.rule.inter != 7 for a in after[1:]):
                    triggers = [_Trigger(cat, t.start, t.end, t.text) if t.cat == "clash"
                                else t for t in triggers]
                triggers.append(_Trigger(cat, vs, ve, m.group(0)))
        triggers.sort(key=lambda t: t.start)
    fatalities, fspans = _fatalities(sent, s)
    kill = None
    if fatalities and not triggers:
        d = _DEATH_RE.search(sent)
        if d:
            kill = _Trigger("kill", s + d.start(), s + d.end(), d.group(0),
                            passive=bool(_PASSIVE_BEFORE_RE.search(sent[:d.start()])))
    return _Sentence(s, e, actors, allies, claim, clauses, triggers, nofight, fatalities, fspans,
                     kill)


def _claimant_sides(text: str, actors: list[ActorMatch], claim: _Claim | None
                    ) -> list[ActorMatch]:
    """Generic forces in what a claimant with a side says take the claimant's side: "Russia's
    defence ministry said its forces had captured X", "'Our troops …,' a Ukrainian military
    spokesman said", "A Russian defence ministry spokesman said forces had taken X"."""
    if claim is None:
        return actors
    own = [a for a in actors if claim.start <= a.start < claim.end and a.armed and a.side]
    if not own:
        return actors
    speaker = next((a for a in own if not a.rule.generic), own[0])
    out = []
    for a in actors:
        if a.rule.generic and a.side != speaker.side and a.start >= claim.verb_end and not (
                claim.start <= a.start < claim.end):
            possessive = re.search(r"\b(?:its|their|our)\s+(?:own\s+)?$",
                                   text[max(0, a.start - 12):a.start], re.IGNORECASE)
            if possessive or a.rule.inter in (1, 3):
                a = ActorMatch(a.text, a.start, a.end, a.rule, speaker.side)
        out.append(a)
    return out


def _dropped(text: str, s: int, t: _Trigger) -> bool:
    """Triggers that report no event: a plan or intention ("would push on toward X",
    "vowed to retake X"), mine clearance ("roads cleared of mines"), an attributive
    participle ("the retreating columns")."""
    lead = text[max(s, t.start - 60):t.start]
    if _FUTURE_RE.search(lead):
        return True
    if t.cat == "ied" and (_DEMINING_RE.search(lead) or re.match(
            r"[- ](?:clear(?:ing|ance)|sweep(?:ing|er)s?|removal|disposal)\b",
            text[t.end:t.end + 12], re.IGNORECASE)):
        return True
    return (t.cat in ("lose", "advance", "fled") and bool(re.fullmatch(r"\w+ing", t.text))
            and bool(_ATTRIBUTIVE_RE.search(lead)))


def _find_claim(sent: str, offset: int) -> _Claim | None:
    def clean(np: str) -> str:
        np = _NP_CUT_RE.sub("", np).strip(" ,;:\"“”’'").rstrip(".")
        return re.sub(r"^(?:and|but)\s+", "", np, flags=re.IGNORECASE)

    m = _ACCORDING_RE.search(sent)
    if m:
        np = clean(m.group("np"))
        if np:
            st = offset + m.start("np")
            return _Claim(np, st, st + len(np), offset)
    m = _PREPOSED_RE.search(sent)
    if m and re.fullmatch(r"warned|told|tells|warns", m.group("verb"), re.IGNORECASE) and \
            re.match(r"\s+(?!that\b)(?:[\w,'’-]+\s+){1,10}?to\s+\w+", sent[m.end("verb"):]):
        m = None  # "warned the residents to leave": an order, not a report
    if m and not _NP_BAD_RE.search(m.group("np")) and not _passive_say(sent, m.start("verb")):
        np = clean(m.group("np"))
        if np and not re.fullmatch(r"(?:it|they|he|she|we|i)", np, re.IGNORECASE):
            st = offset + m.start("np")
            return _Claim(np, st, st + len(np), offset + m.end("verb"),
                          bool(_DENY_RE.fullmatch(m.group("verb"))))
    m = _POSTPOSED_RE.search(sent)
    if m:
        key = "np1" if m.group("np1") else "np2"
        np = clean(m.group(key))
        verb = m.group("verb1") or m.group("verb2")
        if np and not _NP_BAD_RE.search(np) and not (key == "np1" and _passive_say(
                sent, m.start("verb1"))):
            st = offset + m.start(key)
            return _Claim(np, st, st + len(np), offset, bool(_DENY_RE.fullmatch(verb)))
    return None


def _passive_say(sent: str, verb_start: int) -> bool:
    return bool(re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$",
                          sent[:verb_start], re.IGNORECASE))


def _fatalities(sent: str, offset: int) -> tuple[int | None, list[tuple[int, int]]]:
    total, spans = None, []
    if _ZERO_RE.search(sent):
        total = 0
    taken: list[tuple[int, int]] = []
    prev_end = 0
    for m in _DEATH_RE.finditer(sent):
        word = m.group(0).lower()
        active = word in ("killing", "kills", "kill") or (
            word == "killed" and not re.search(r"\b(?:were|was|been|be|are|is|being)\s+"
                                               r"(?:\w+ly\s+)?$", sent[:m.start()], re.I)
            and re.match(r"\s+(?:at least |some |about |around |nearly |more than |over )?"
                         rf"{_NUM}\b", sent[m.end():], re.I) is not None)
        n = None
        if active:
            prev_end = m.end()
            a = _NUM_AFTER_RE.match(sent[m.end():])
            if a:
                n, span = _number(a.group("n")), (m.end() + a.start("n"), m.end() + a.end("n"))
        else:
            base = max(0, m.start() - 80, prev_end)
            window = sent[base:m.start()]
            found = [b for b in _NUM_BEFORE_RE.finditer(window)
                     if not re.search(r"\bof\s+(?:the\s+)?$", window[:b.start()])]
            if found:
                n = sum(_number(b.group("n")) or 0 for b in found)
                span = (base + found[0].start("n"), base + found[-1].end("n"))
            else:
                b = re.search(r"(?<![\w-])an?\s+(?:[\w-]+\s+){1,5}?(?:of\s+(?:[\w'’-]+\s+)"
                              r"{1,4}?)?(?:was|has been|had been|is)\s+(?:\w+ly\s+)?$|"
                              r"(?<![\w-])an?\s+(?:[\w-]+\s+){1,3}?(?:has |had )?$", window,
                              re.IGNORECASE)
                if b and (word != "killed" or re.search(r"(?:was|been|is)\s+(?:\w+ly\s+)?$",
                                                        window)):
                    n, span = 1, (base + b.start(), base + b.start() + 2)
        prev_end = m.end()
        if n is None or any(x < span[1] and span[0] < y for x, y in taken):
            continue
        taken.append(span)
        spans.append((offset + span[0], offset + span[1]))
        total = (total or 0) + n
    return total, spans


def _clause_of(sent: _Sentence, pos: int) -> tuple[int, int]:
    for a, b in sent.clauses:
        if a <= pos < b:
            return a, b
    return sent.start, sent.end


def _excluded(f: Feature, sent: _Sentence) -> bool:
    """Inside an actor's name or the claimant's words."""
    if sent.claim and sent.claim.start <= f.start and f.end <= sent.claim.end:
        return True
    return any(a.start <= f.start and f.end <= a.end for a in sent.actors)


def _landmark(text: str, f: Feature, feats: list[Feature]) -> bool:
    """Whether ``f`` only locates an earlier feature of the sentence ("X to the west of f")."""
    for g in feats:
        if g is f or g.end > f.start or g.start >= f.start:
            continue
        if _LANDMARK_RE.fullmatch(text[g.end:f.start] + " ") or \
                _LANDMARK_RE.fullmatch(text[g.end:f.start]):
            return True
    return False


def _governed(text: str, t: _Trigger, sent: _Sentence, feats: list[Feature]) -> list[Feature]:
    """The features a trigger applies to (see the module docstring)."""
    c0, c1 = _clause_of(sent, t.start)
    inside = [g for g in feats if c0 <= g.start < c1 and not _excluded(g, sent)]
    if t.cat not in _TERRITORIAL:
        return [g for g in inside if not _landmark(text, g, feats)]
    passive = t.passive or t.cat == "fall"
    if passive:
        pool = sorted([g for g in inside if g.end <= t.start], key=lambda g: -g.end)
    else:
        pool = sorted([g for g in inside if g.start >= t.end - 1], key=lambda g: g.start)
    pool = [g for g in pool if not _landmark(text, g, feats)]
    if not pool:
        return []
    head = pool[0]
    if t.cat == "fallof" and not re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?",
                                              text[t.end:head.start], re.IGNORECASE):
        return []
    chosen = [g for g in inside if g.start < head.end and head.start < g.end]
    prev = head
    for g in pool[1:]:
        gap = text[prev.end:g.start] if not passive else text[g.end:prev.start]
        if any(g.start < c.end and c.start < g.end for c in chosen):
            continue
        if _CONJ_RE.fullmatch(" " + gap) or _CONJ_RE.fullmatch(gap):
            chosen.extend(x for x in inside if x.start < g.end and g.start < x.end)
            prev = g
        else:
            break
    return chosen


def _agent(text: str, t: _Trigger, sent: _Sentence, all_actors: list[ActorMatch]
           ) -> ActorMatch | None:
    """Who does what the trigger says (see the module docstring)."""
    t_clause = _clause_of(sent, t.start)

    def usable(a: ActorMatch) -> bool:
        in_ally = any(x <= a.start < y for x, y in sent.allies)
        in_claim = sent.claim is not None and sent.claim.start <= a.start < sent.claim.end
        a_clause = _clause_of(sent, a.start)
        relative = a_clause != t_clause and bool(_RELATIVE_RE.match(text[a_clause[0]:]))
        return not in_ally and not in_claim and not relative

    if t.cat == "fallof" and not re.match(r"(?:its|their)\b", t.text, re.IGNORECASE):
        # "the fall of X to Y", "the capture of X by Y", "Y's capture of X"; else no taker
        c1 = _clause_of(sent, t.start)[1]
        m = re.match(r"\s*(?:[\w'’-]+\s+){1,6}?(?:to|by)\s", text[t.end:c1])
        for a in sent.actors:
            if not usable(a):
                continue
            if m and t.end + m.end() <= a.start <= t.end + m.end() + 4:
                return a
            if a.end <= t.start and re.fullmatch(r"(?:['’]s?)?\s+", text[a.end:t.start]):
                return a
        return None
    if t.passive or t.cat == "fall":
        c1 = _clause_of(sent, t.start)[1]
        m = re.match(r"\s*(?:\w+\s+){0,3}?(?:by|to)\s", text[t.end:c1])
        if m:
            return next((a for a in sent.actors if t.end <= a.start <= t.end + m.end() + 3
                         and usable(a)), None)
        return None
    # an actor whose name contains the trigger ("a US air strike", "Russian warplanes")
    for a in sent.actors:
        if a.start <= t.start < a.end and usable(a):
            return a
    before = [a for a in sent.actors if a.end <= t.start and usable(a)]
    nearest = before[-1] if before else None
    c0 = t_clause[0]
    if before and c0 > sent.start and nearest.start < c0 and not _PRONOUN_RE.search(
            text[c0:t.start]) and _SUBJECTLESS_RE.match(text[c0:t.start]):
        # a subject-less clause ("…, after advancing to …") has the main clause's subject
        return before[0]
    gap_from = nearest.end if nearest else sent.start
    if sent.claim and sent.claim.end > gap_from and sent.claim.end <= t.start:
        gap_from = sent.claim.end
    if _PRONOUN_RE.search(text[gap_from:t.start]) or (nearest is None and sent.claim):
        if _PRONOUN_RE.search(text[gap_from:t.start]):
            if sent.claim:
                own = [a for a in sent.actors if sent.claim.start <= a.start < sent.claim.end]
                if own:
                    return own[0]
            if nearest is None:
                earlier = [a for a in all_actors if a.end <= sent.start and a.armed]
                return earlier[-1] if earlier else None
    return nearest


def _annotate_one(text: str, f: Feature, sent: _Sentence, feats: list[Feature],
                  table: SideTable, cc: str | None, all_actors: list[ActorMatch]) -> dict:
    blank = {"event_type": None, "sub_event_type": None, "actor1": None, "side1": None,
             "actor2": None, "side2": None, "status": None, "side": None, "fatalities": None,
             "claimed_by": None, "negated": False}
    if _excluded(f, sent):
        return {**blank, "_why": "event: none (the mention is part of an actor's or "
                                 "claimant's name)"}
    landmark = _landmark(text, f, feats)
    claimed = sent.claim.claimant if sent.claim else None
    out = dict(blank, claimed_by=claimed)
    # the governing trigger
    trig = None
    if not landmark:
        best: tuple[float, _Trigger] | None = None
        for t in sent.triggers:
            if f not in _governed(text, t, sent, feats):
                continue
            if t.cat == "prox":
                ag = _agent(text, t, sent, all_actors)
                if ag is None or not ag.armed:
                    continue
            if t.cat == "siege" and t.passive and _agent(text, t, sent, all_actors) is None:
                continue  # "a village surrounded by fields"
            dist = f.start - t.end if t.end <= f.start else (t.start - f.end) + 0.5
            dist = max(dist, 0)
            if best is None or dist < best[0]:
                best = (dist, t)
        if best is None:  # sentence level: the nearest non-territorial trigger
            c0, c1 = _clause_of(sent, f.start)
            others = [t for t in sent.triggers if t.cat not in _TERRITORIAL
                      and not (c0 <= t.start < c1)]
            if others:
                trig = min(others, key=lambda t: abs(t.start - f.start))
            elif sent.kill is not None and f is next(
                    (g for g in feats if not _excluded(g, sent) and not _landmark(text, g, feats)),
                    None):
                trig = sent.kill  # a killing, no weapon named: an armed clash where it was
        else:
            trig = best[1]
    if not landmark and _EXPOSED_BEFORE_RE.search(text[_clause_of(sent, f.start)[0]:f.start]) \
            and _EXPOSED_AFTER_RE.match(text, f.end):
        return {**blank, "claimed_by": claimed,
                "_why": "event: none (a consequence or a threat: 'left X exposed')"}
    if trig is not None and trig.cat not in _NOT_ORIGIN and _origin(text, f, sent):
        return {**blank, "claimed_by": claimed,
                "_why": "event: none (an origin: where the attack came from)"}
    held = None if landmark else _held_phrase(text, f, sent, feats)
    if trig is None and held is None and (sent.fatalities is None or landmark):
        return {**blank, "claimed_by": claimed,
                "_why": "event: none in its sentence" if not landmark
                else "event: none (a landmark locating another place)"}
    why = []
    # who
    agent = _agent(text, trig, sent, all_actors) if trig else None
    cat = trig.cat if trig else None
    if cat == "fled":
        cat = "lose" if agent is not None and agent.armed else "displace"
    other = None
    if trig is not None:
        others = [a for a in sent.actors if a is not agent and (agent is None or a.side !=
                  agent.side) and not any(x <= a.start < y for x, y in sent.allies)
                  and not (sent.claim and sent.claim.start <= a.start < sent.claim.end)]
        if cat in ("civil", "abduct"):
            others = [a for a in others if a.inter == 7] or others
        else:
            others = [a for a in others if a.inter != 7] or others
        other = others[0] if others else None
        if agent is None and other is not None and cat not in ("civil", "abduct", "fallof"):
            agent, other = other, None
    if agent is not None:
        out.update(actor1=agent.text, side1=agent.side)
    if other is not None:
        out.update(actor2=other.text, side2=other.side)
    # negation
    negated = False
    if trig is not None:
        c0, _ = _clause_of(sent, trig.start)
        lead = text[max(c0, trig.start - 30):trig.start]
        if _NEG_RE.search(lead) or (_NO_WERE_RE.search(text[c0:_clause_of(sent, trig.start)[1]])
                                    and trig.cat != "fail"):
            negated = True
    if sent.claim and sent.claim.denial and f.start >= sent.claim.verb_end:
        negated = True
    if cat == "fail":
        negated = True
    # what
    status, side = "unknown", None
    if cat in ("take", "fall", "fallof"):
        taker = agent
        if taker is not None:
            status, side = "held", taker.side
            gov = _is_government(taker, table, cc)
            sub = "Government regains territory" if gov else "Non-state actor overtakes territory"
        else:
            sub = "Armed clash"
        out.update(event_type="Battles", sub_event_type=sub)
    elif cat == "lose":
        loser = agent
        if re.match(r"\s*(?:back\s+)?(?:(?:north|south|east|west)\w*(?:-\w+)?\s+|further\s+|"
                    r"deeper\s+)?(?:(?:across|through|along|over)\s+(?:[\w-]+\s+){1,3}?)?(?:to|"
                    r"toward|towards|into|on|in the direction of)\b", text[trig.end:], re.I):
            pass  # "retreated to X": X is where they went, not what they lost
        elif other is not None and other.armed and other.side:
            status, side = "held", other.side
        elif loser is not None:
            status, side = "lost", loser.side
        if sent.nofight:
            out.update(event_type="Strategic developments",
                       sub_event_type="Non-violent transfer of territory")
        else:
            out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat == "enter":
        status, side = "contested", agent.side if agent else None
        out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat in ("advance", "prox"):
        # an advance by no one identifiable says nothing about who gains: unknown
        status, side = ("advancing", agent.side) if agent is not None and agent.side else (
            "unknown", None)
        out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat == "siege":
        status, side = "contested", agent.side if agent is not None and agent.armed else None
        out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat == "defend":
        status, side = ("held", agent.side) if agent else ("contested", None)
        out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat in ("fail", "clash"):
        status = "contested"
        out.update(event_type="Battles", sub_event_type="Armed clash")
    elif cat in ("civil", "abduct"):
        out.update(event_type="Violence against civilians",
                   sub_event_type="Attack" if cat == "civil" else "Abduction/forced disappearance")
    elif cat in _SUB_EVENTS:
        out.update(dict(zip(("event_type", "sub_event_type"), _SUB_EVENTS[cat], strict=True)))
    if trig is not None:
        why.append(f"event: {trig.text!r} → {out['event_type']} / {out['sub_event_type']}")
    if negated:
        status, side = ("contested" if cat == "fail" else "unknown"), None
        why.append("negated")
    elif held is not None and (cat not in _TERRITORIAL or status == "unknown"):
        holder, partial = held
        status, side = ("contested" if partial else "held"), holder.side
        why.append(f"{'partly ' if partial else ''}held by {holder.text!r}")
    if _is_region(f) and status in ("held", "lost", "contested"):
        status, side = "unknown", None
    if status == "held" and side is None:
        status = "unknown"
    out.update(status=status, side=side, negated=negated)
    if sent.fatalities is not None:
        first = next((g for g in feats if not _excluded(g, sent)
                      and not _landmark(text, g, feats)), None)
        if first is not None and (first is f or (first.start < f.end and f.start < first.end
                                                 and first.start == f.start)):
            out["fatalities"] = sent.fatalities
            why.append(f"fatalities {sent.fatalities}")
    if out["fatalities"] is None and trig is None and held is None:
        return {**blank, "claimed_by": claimed, "_why": "event: none in its sentence"}
    why.append(f"status {status}" + (f" ({side})" if side else ""))
    if claimed:
        why.append(f"claimed by {claimed!r}")
    out["_why"] = "; ".join(why)
    return out


#: categories whose "from X" is what the verb is about ("withdrew from X", "drove … from X")
_NOT_ORIGIN = frozenset({"take", "lose", "fled", "displace", "fall", "fallof", "prox"})
_ORIGIN_RE = re.compile(
    r"(?<![\w-])from\s+(?:the\s+(?:direction|area|side|outskirts|vicinity)\s+of\s+|(?:(?:their|its|"
    r"the)\s+)?(?:positions?|bases?|lines)\s+(?:in|near|around|outside)\s+|the\s+(?:north|south|"
    r"east|west)\w*\s+(?:of\s+)?)?(?:the\s+)?$", re.IGNORECASE)
# "from X" after a distance or a stretch of front is where, not whence
_NOT_ORIGIN_LEAD_RE = re.compile(
    r"(?:km|kilomet\w*|miles?|met(?:re|er)s?|far|away|distance|front(?:\s*line)?|line|stretch|"
    r"sector|areas?|everywhere|all)\s+$", re.IGNORECASE)
_EXPOSED_BEFORE_RE = re.compile(r"\b(?:left|leave|leaves|leaving)\s+(?:the\s+(?:town|city|"
                                r"village)\s+of\s+)?$", re.IGNORECASE)
_EXPOSED_AFTER_RE = re.compile(
    r"\s*,?\s*(?:\w+ly\s+|more\s+)?(?:exposed|isolated|vulnerable|open|threatened|at risk|in "
    r"danger|cut off|defen[cs]eless|outflanked|within range|surrounded|encircled|next)\b",
    re.IGNORECASE)


def _origin(text: str, f: Feature, sent: _Sentence) -> bool:
    """Whether ``f`` is where an attack or advance came from ("attacking from (the direction
    of) X"), not where it happened."""
    c0 = _clause_of(sent, f.start)[0]
    m = _ORIGIN_RE.search(text, c0, f.start)
    return m is not None and not _NOT_ORIGIN_LEAD_RE.search(text, c0, m.start())


def _is_region(f: Feature) -> bool:
    """A country or region named as such (not a part of a town)."""
    return f.kind == "area" and f.relation == "place"


def _is_government(actor: ActorMatch, table: SideTable, cc: str | None) -> bool:
    if cc:
        gov = f"{cc.lower()}-government"
        return actor.side == gov or gov in actor.rule.allies or gov in table.allies(actor.side)
    return actor.inter == 1


_HELD_WORDS = r"(?:held|controlled|occupied|dominated|run)"
_STILL = r"(?:(?:still|now|also|firmly|fully|largely|then|yet|effectively|long)\s+)*"
_HOLD = (r"(?:hold|holds|held|holding|control|controls|controlled|controlling|occup(?:y|ies|ied|"
         r"ying)|dominated|run)")
_KEEP = (r"(?:kept|keeps?|keeping|retained|retains?|retaining|maintained|maintains?|maintaining|"
         r"had|has|have)\s+(?:full\s+|firm\s+|effective\s+|complete\s+)?control\s+(?:of|over)")
_IN_CONTROL = (rf"(?:remained|remains?|remaining|was|were|is|are|be)\s+{_STILL}in\s+(?:full\s+|"
               r"firm\s+|complete\s+|effective\s+|total\s+)?control\s+(?:of|over)")
#: a part of a place: "half of", "most of", "parts of", "the eastern districts of"
_PART = (r"(?:(?:roughly|about|around|nearly|almost|only|just|some|large|small|big|much|more than|"
         r"over|less than|the|a|an|two|three|\d+|[\w-]+ern|central)\s+){0,3}(?:half|halves|parts?|"
         r"most|much|some|thirds?|quarters?|portions?|pockets?|swathes?|swaths?|areas?|districts?|"
         r"neighbou?rhoods?|sections?|sectors?|side|outskirts|centre|center|rest|percent|per\s+cent"
         r"|%)\s+of\s+(?:the\s+)?")
#: "IS still held X", "the army now holds X", "X have held Y since …", "X kept control of Y",
#: "X remained in control of Y"; group ``part`` when only a part of Y is meant
_HELD_VERB_RE = re.compile(
    rf"\s+(?:(?:has|have|had)\s+(?:been\s+)?|(?:is|are|was|were)\s+)?{_STILL}(?:{_HOLD}|{_KEEP}|"
    rf"{_IN_CONTROL})\s+(?:(?:on\s+)?to\s+)?(?:the\s+)?(?P<part>{_PART})?(?:(?:town|city|village|"
    r"settlement|centre|center|area)\s+of\s+)?", re.IGNORECASE)
_STRONGHOLD = r"(?:strongholds?|bastions?|redoubts?|heartland|enclaves?|fortress(?:es)?)"
#: "the IS stronghold of Raqqa", "the Taliban's stronghold Kunduz"
_STRONGHOLD_BEFORE_RE = re.compile(
    rf"(?:['’]s?)?\s+(?:last\s+|main\s+|key\s+|remaining\s+|major\s+|eastern\s+|western\s+|"
    rf"northern\s+|southern\s+)?{_STRONGHOLD}\s+(?:of\s+)?(?:the\s+)?", re.IGNORECASE)
_DIRECTION_RE = re.compile(r"\s*,?\s*(?:(?:to|in|on)\s+the\s+(?:north|south|east|west)[\w-]*)",
                           re.IGNORECASE)
_CONJ_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|,?\s*(?:and|or|as well as)\s+)(?:of\s+|"
                          r"in\s+)?(?:the\s+)?", re.IGNORECASE)
_HOLD_AFTER = (rf"\s+(?:(?:has|had|have)\s+)?{_STILL}(?:\w+ly\s+)?{_STILL}(?:been\s+)?"
               rf"(?:{_HOLD}\b|(?:kept|keeps?|retained|retains?|maintained|maintains?)\s+control\b)")
#: "X, which IS (still) holds", "X, a town on the river, which the army has held since May"
_WHICH_RE = re.compile(r"\s*,\s*(?:(?P<apposition>[^,;.]{1,60}),\s*)?(?:which|that)\s+"
                       r"(?:(?:has|had|have)\s+(?:been\s+)?)?(?:the\s+)?", re.IGNORECASE)
#: "X and Y are the last towns IS holds", "X, the only city the army still controls"
_LAST_RE = re.compile(
    r"\s*,?\s*(?:(?:is|are|was|were|remains?|remained)\s+)?(?:one\s+of\s+)?the\s+(?:last|only|"
    r"few|remaining|final)\s+(?:[\w-]+\s+){0,2}?(?:towns?|cities|city|villages?|settlements?|"
    r"strongholds?|positions?|areas?|places?|footholds?|bastions?)\s+(?:(?:that|which)\s+)?"
    r"(?:the\s+)?", re.IGNORECASE)
#: "X, held by IS", "X is now held by …", "X remained under the control of …", "in the hands of"
_BY_RE = re.compile(
    rf"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|are|were|has been|had been|have been|remains?|"
    rf"remained)\s+)?{_STILL}(?:(?:firmly|fully)\s+)?(?:{_HELD_WORDS}(?:\s+since(?:\s+[\w-]+)"
    rf"{{1,4}}?)?\s+by|under\s+(?:the\s+)?(?:full\s+|firm\s+)?control\s+of|in\s+the\s+hands\s+of)"
    r"\s+(?:the\s+)?", re.IGNORECASE)
#: "X remained under IS control", "X is in Ukraine's hands", "under the Taliban's control"
_UNDER_RE = re.compile(r"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|are|were|remains?|remained|"
                       rf"has\s+been|had\s+been)\s+)?{_STILL}(?:under|in)\s+(?:the\s+)?",
                       re.IGNORECASE)
_CONTROL_AFTER_RE = re.compile(r"(?:['’]s?)?\s+(?:full\s+|firm\s+|effective\s+|complete\s+)?"
                               r"(?:control|hands)\b", re.IGNORECASE)
#: "Raqqa, the IS stronghold", "Kunduz, a Taliban stronghold"
_APPOSITION_RE = re.compile(r"\s*,\s*(?:the|an?|one\s+of\s+the)\s+(?:last\s+|main\s+|key\s+|"
                            r"remaining\s+|major\s+)?", re.IGNORECASE)


def _held_phrase(text: str, f: Feature, sent: _Sentence, feats: Sequence[Feature] = (),
                 _depth: int = 0) -> tuple[ActorMatch, bool] | None:
    """Who the sentence says holds ``f`` when no event does, and whether only in part.

    "IS-held X", "IS still held/holds X", "X have held Y since …", "X controlled half of Y"
    (partly: ``contested``), "X, which IS has held since May", "X, under IS control",
    "X, held by IS", "X is now held by IS", "X remained in army hands / in Ukraine's hands",
    "X, the IS stronghold", "the IS stronghold of X", "X and Y are the last towns IS holds",
    "in full control of X and of Y" (conjuncts share the phrase). Returns ``(actor, partial)``.
    """
    return _held_span(text, f.start, f.end, sent, feats, _depth)


def _held_span(text: str, start: int, end: int, sent: _Sentence, feats: Sequence[Feature] = (),
               _depth: int = 0) -> tuple[ActorMatch, bool] | None:
    for a in sent.actors:
        if a.side is None or not a.armed:
            continue
        if a.end <= start:
            gap = text[a.end:start]
            if re.fullmatch(rf"-{_HELD_WORDS}\s+(?:[\w-]+\s+){{0,3}}?(?:the\s+)?(?:\w+\s+of\s+)?",
                            gap, re.IGNORECASE) or _STRONGHOLD_BEFORE_RE.fullmatch(gap):
                return a, False
            m = _HELD_VERB_RE.fullmatch(gap)
            if m:
                return a, bool(m.group("part"))
        if a.start >= end and a.start - end <= 120:
            g0 = end
            for g in sorted(feats, key=lambda g: g.start):
                # skip a landmark locating f ("X west of Y remained in …") and conjuncts
                # ("X and Y are the last towns …")
                if g.start >= g0 and g.end <= a.start and (
                        _LANDMARK_RE.fullmatch(text[g0:g.start])
                        or _CONJ_GAP_RE.fullmatch(text[g0:g.start])):
                    g0 = g.end
            d = _DIRECTION_RE.match(text, g0)
            gap = text[d.end() if d else g0:a.start]
            after = text[a.end:a.end + 60]
            m = _WHICH_RE.fullmatch(gap)
            if m and re.match(_HOLD_AFTER, after, re.IGNORECASE) and not (
                    m.group("apposition") and any(g0 + m.start("apposition") <= g.start < a.start
                                                  for g in feats)):
                return a, False
            if a.start - g0 > 60:
                continue
            if _LAST_RE.fullmatch(gap) and re.match(_HOLD_AFTER, after, re.IGNORECASE):
                return a, False
            if _BY_RE.fullmatch(gap):
                return a, False
            if _UNDER_RE.fullmatch(gap) and _CONTROL_AFTER_RE.match(after):
                return a, False
            if _APPOSITION_RE.fullmatch(gap) and re.match(
                    rf"(?:['’]s?)?\s+(?:last\s+|main\s+|key\s+)?(?:-held\s+)?{_STRONGHOLD}\b",
                    after, re.IGNORECASE):
                return a, False
    if _depth < 4:  # a conjunct shares the phrase of the one before: "of A and (of) B"
        for g in sorted(feats, key=lambda g: -g.start):
            if g.end <= start and _CONJ_GAP_RE.fullmatch(text[g.end:start]) and (
                    sent.start <= g.start):
                return _held_span(text, g.start, g.end, sent, feats, _depth + 1)
    return None
