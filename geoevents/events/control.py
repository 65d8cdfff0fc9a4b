"""Control status for the event reader: who the text says holds a place (held phrases,
"the town …" sentences) and the status an event gives it (held, contested, advancing, lost,
unknown); docs/events.md, "Status"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Feature
from ..text import starting_within
from ._apposed import NOUN_PHRASE_RE, apposition_chain_end, apposition_end
from ._base import base_holder
from ._coordinated import coordinated_hold
from ._entry_taking import entry_is_taking
from ._fronted import fronted_holder
from ._garrison import garrison_gave_up, garrison_holder
from ._heading import heading_place
from ._listed import is_held_object, list_head
from ._nonrestrictive import relative_end
from ._pronoun_hold import pronoun_subject
from ._relative import that_town, town_nouns, town_relative
from ._subject import conjunct_end
from ._why import add_why
from .roles import LANDMARK_RE
from .sentence import OPENER, Sentence, Trigger, analyse_sentence
from .sides import ActorMatch
from .triggers import TERRITORIAL


def is_region(f: Feature) -> bool:
    """A country or region named as such (not a part of a town)."""
    return f.kind == "area" and f.relation == "place"



_THE_TOWN_RE = re.compile(rf"{OPENER}(?:the|that|this)\s+(?:small\s+|embattled\s+|frontline\s+"
                          r"|front-line\s+)?(?:town|city|village|settlement|hamlet)\b(?!\s+of\b)",
                          re.IGNORECASE)


def the_town(text: str, spans: list[tuple[int, int]], features: Sequence[Feature],
             out: list[Feature], actors: list[ActorMatch]) -> None:
    """A sentence whose subject is "the town/city/village" and that says who holds it ("The
    town is now held by Russian forces", "The city remains under Taliban control") gives that
    status to the last place named before it, when that place's own sentence gave it none
    (``status`` None or ``unknown``). Fills the features of ``out`` in place."""
    # in text order (the pipeline's order already): the places a later "the town" may stand
    # for, and every feature's start, to find a sentence's features by bisection
    order = sorted(range(len(features)), key=lambda i: features[i].start)
    starts = [features[i].start for i in order]
    places = [i for i in order if not is_region(features[i]) and features[i].relation == "place"]
    place_starts = [features[i].start for i in places]
    actor_starts = [a.start for a in actors]  # in text order
    nouns = town_nouns(text)  # none from a sentence's start on: no match
    for s, e in spans:
        k = bisect.bisect_left(nouns, s)
        if k == len(nouns):
            continue
        head = heading_place(text, s, features, order, starts)  # "Najaf: The city is …"
        at = head[1] if head and head[1] > s else s
        m = _THE_TOWN_RE.match(text, at) or (that_town(text, s, e) if nouns[k] < e else None)
        if m is None:
            continue
        last = bisect.bisect_left(place_starts, s) - 1
        named = starting_within(starts, at, min(e, m.end()))  # a place named in the subject
        if (last < 0 and head is None) or named.stop > named.start:
            continue
        sent = analyse_sentence(text, s, e, actors[starting_within(actor_starts, s, e)], actors)
        i = head[0] if head else places[last]
        if out[i].explain and "actor's" in out[i].explain[-1]:
            continue
        lost = out[i].status == "lost"  # "The units left Soledar. The town is held by …"
        if out[i].status not in (None, "unknown") and not lost:
            continue
        if any(m.start() <= t.start < m.start() + 80 for t in sent.triggers
               if t.cat in TERRITORIAL):
            continue
        held = held_span(text, m.end() - len(m.group(0).split()[-1]), m.end(), sent,
                          [features[k] for k in order[starting_within(starts, s, e)]])
        if held is None:
            continue
        holder, partial = held
        if lost and (partial or holder.side == out[i].side):
            continue
        status = "contested" if partial else "held"
        claimed = out[i].claimed_by or (sent.claim.claimant if sent.claim else None)
        f = out[i]
        f.status, f.side, f.claimed_by = status, holder.side, claimed
        add_why(f, f"status {status} ({holder.side}) from the next mention: "
                   f"{text[m.start():m.end()].strip()!r} {'partly ' if partial else ''}held by "
                   f"{holder.text!r}")


_HELD_WORDS = r"(?:held|controlled|occupied|dominated|run|administered|governed|secured)"
_STILL = (r"(?:(?:still|now|also|likewise|equally|already|firmly|fully|largely|then|yet|"
          r"effectively|long|"
          r"completely|entirely|totally|wholly|securely|by\s+now|continu(?:e|es|ed|ing)\s+to)"
          r"\s+|[\"“](?=\w))*")
_HOLD = (r"(?:hold|holds|held|holding|control|controls|controlled|controlling|occup(?:y|ies|ied|"
         r"ying)|dominated|run|runs|ran|running|administer(?:s|ed|ing)?|govern(?:s|ed|ing)?)")
_KEEP = (r"(?:kept|keeps?|keeping|retained|retains?|retaining|maintained|maintains?|maintaining|"
         r"had|has|have)\s+(?:full\s+|firm\s+|effective\s+|complete\s+)?control\s+(?:of|over)")
_IN_CONTROL = (rf"(?:remained|remains?|remaining|stay(?:s|ed)?|was|were|is|are|be)\s+{_STILL}in\s+"
               r"(?:full\s+|firm\s+|complete\s+|effective\s+|total\s+)?control\s+(?:of|over)"
               # "its forces remained in X": a presence kept
               r"|(?:remained|remains?|stay(?:s|ed)?)\s+(?:on\s+)?in(?:side)?"
               # "the rebels are now in X", "troops are still in X": there, holding it
               r"|(?:(?<=\bis now )|(?<=\bare now )|(?<=\bis still )|(?<=\bare still ))"
               r"in(?:side)?")
#: a part of a place: "half of", "most of", "parts of", "the eastern districts of"
_PART = (r"(?:(?:roughly|about|around|nearly|almost|only|just|some|large|small|big|much|more than|"
         r"over|less than|the|a|an|two|three|\d+|[\w-]+ern|central)\s+){0,3}(?:half|halves|parts?|"
         r"most|much|some|thirds?|quarters?|portions?|pockets?|swathes?|swaths?|areas?|districts?|"
         r"neighbou?rhoods?|sections?|sectors?|side|outskirts|centre|center|rest|percent|per\s+cent"
         r"|%)\s+of\s+(?:the\s+)?")
#: "IS still held X", "the army now holds X", "X have held Y since …", "X kept control of Y",
#: "X remained in control of Y"; group ``part`` when only a part of Y is meant
_HELD_VERB_RE = re.compile(
    rf"(?:\s*,\s*(?:who|which|that))?\s+(?:(?:has|have|had)\s+(?:been\s+)?|(?:is|are|was|were)\s+)?{_STILL}(?:{_HOLD}|{_KEEP}|"
    rf"{_IN_CONTROL})\s+(?:(?:on\s+)?to\s+)?(?:the\s+)?(?:(?:their|its)\s+positions\s+(?:in|inside|"
    rf"within)\s+|(?P<part>{_PART}|(?:(?:some|several|the)\s+)?positions\s+(?:in|inside|within)\s+))?(?:(?:(?:their|its|the)\s+)?positions\s+"
    rf"(?:on|at|around|near)\s+)?(?:(?-i:[A-Z][\w-]+\s+)?(?:towns?|city|cities|villages?|"
    r"settlements?|localities|centre|center|areas?)\s+of\s+)?", re.IGNORECASE)
#: a nominal hold: "the Taliban's hold on X", "IS's grip on X", "the SDF's control of X"
_NOMINAL_HOLD_RE = re.compile(
    r"['’]s?\s+(?:(?:full|firm|tight|effective|complete|continued|undisputed)\s+)?(?:hold|grip|"
    r"control)\s+(?:on|of|over)\s+(?:the\s+)?", re.IGNORECASE)
#: "…, except (for) …", "…, apart from …": the hold before is of a part
_EXCEPT_RE = re.compile(r"\s*,?\s*(?:except|save\s+for|apart\s+from|other\s+than)\b",
                        re.IGNORECASE)
_STRONGHOLD = r"(?:strongholds?|bastions?|redoubts?|heartland|enclaves?|fortress(?:es)?)"
#: "the IS stronghold of Raqqa", "the Taliban's stronghold Kunduz"
_STRONGHOLD_BEFORE_RE = re.compile(
    rf"(?:['’]s?)?\s+(?:last\s+|main\s+|key\s+|remaining\s+|major\s+|eastern\s+|western\s+|"
    rf"northern\s+|southern\s+)?{_STRONGHOLD}\s+(?:of\s+)?(?:the\s+)?", re.IGNORECASE)
#: "the Syrian army garrison of X", "Ukrainian defenders of X", "the army's garrison in X": a
#: force stationed in a place to hold it (round thirteen); group ``noun`` when the actor's
#: own words end in the noun ("defenders" is a state noun after a demonym)
_GARRISON_BEFORE_RE = re.compile(
    r"(?:['’]s?)?(?P<noun>\s+(?:garrisons?|defenders))?\s+(?:of|in|at)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|port|fortress|citadel)\s+of\s+)?", re.IGNORECASE)
_GARRISON_WORD_RE = re.compile(r"(?:garrisons?|defenders)$", re.IGNORECASE)
#: "the Iraqi flag now flies over X", "the Houthis' flag was flying over X" (round thirteen):
#: after the actor's own words, or after "flag" when the actor ends in it
_FLAG_OVER_RE = re.compile(
    r"(?:['’]s?)?(?P<flag>\s+flags?)?\s+(?:(?:is|was|were|are|has\s+been|had\s+been)\s+)?"
    r"(?:(?:still|now|again|once\s+again|once\s+more|already)\s+)?(?:flies|fly|flew|flying|"
    r"flown|hangs|hung|hanging|waves|waved|waving)\s+(?:(?:again|once\s+more|once\s+again)\s+)?"
    r"(?:over|above)\s+(?:the\s+)?(?:(?:town|city|village|port)\s+of\s+)?", re.IGNORECASE)
_FLAG_OF_RE = re.compile(r"\bflags?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_DIRECTION_RE = re.compile(r"\s*,?\s*(?:(?:to|in|on)\s+the\s+(?:north|south|east|west)[\w-]*)",
                           re.IGNORECASE)
_CONJ_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|,?\s*(?:and|or|as well as)\s+)(?:of\s+|"
                          r"in\s+)?(?:the\s+)?", re.IGNORECASE)
_HOLD_AFTER = (rf"\s+(?:(?:has|had|have|is|are|was|were)\s+)?{_STILL}(?:\w+ly\s+)?{_STILL}"
               r"(?:been\s+)?"
               rf"(?:{_HOLD}\b|(?:kept|keeps?|retained|retains?|maintained|maintains?)\s+control\b|"
               r"(?:(?<=has\s)|(?<=have\s))defended\b|defends\b)")
#: "X, which the army recaptured in May": a past taking said of the place is a standing hold
_TAKE_AFTER = (r"\s+(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(?:captured|recaptured|seized|took|"
               r"retook|liberated|overran|won\s+back|wrested)\b")
#: "X, a town IS has held since 2015", "X, the river town 40 km south that the army retook":
#: an apposition naming the place's kind, with a relative (or none) whose subject is the actor
_TOWN_REL_RE = re.compile(
    r"\s*,?\s*(?:the|an?)\s+(?:[^,;.]{0,60}?\s)?(?:town|city|village|settlement|capital|hub|"
    r"port|base|stronghold|junction)\b(?:(?:[^,;.]|(?<=\d)[,.](?=\d)){0,40}?\s(?:that|which)\s+|"
    r"\s+)(?:the\s+)?",
    re.IGNORECASE)
#: "X, which IS (still) holds", "X, a town on the river, which the army has held since May",
#: "X in Y territory, which the army still holds"
_WHICH_RE = re.compile(r"(?:\s+(?:in|on|near)\s+[^,;.]{1,40}?|\s+(?:territory|province|district|"
                       r"region|county|oblast|governorate|state|valley))?"
                       r"\s*,\s*(?:(?P<apposition>[^,;.]{1,60}),\s*)?(?:which|that)\s+"
                       r"(?:(?:has|had|have)\s+(?:been\s+)?)?(?:the\s+)?", re.IGNORECASE)
#: "X, which the army and the militias of the Young Patriots hold": an ally coordinated after
#: the holder of a relative clause (round nine)
_AND_ANOTHER = r"(?:\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+(?=\s))?"
#: "X and Y are the last towns IS holds", "X, the only city the army still controls"
_LAST_RE = re.compile(
    r"\s*,?\s*(?:(?:is|are|was|were|remains?|remained)\s+)?(?:one\s+of\s+)?the\s+(?:last|only|"
    r"few|remaining|final)\s+(?:[\w-]+\s+){0,2}?(?:towns?|cities|city|villages?|settlements?|"
    r"strongholds?|positions?|areas?|places?|footholds?|bastions?)\s+(?:(?:that|which)\s+)?"
    r"(?:the\s+)?", re.IGNORECASE)
#: "…, as have X", "…, as did X": the predicate before is repeated for X
_AS_DID_RE = re.compile(r",?\s+as\s+(?:did|do|does|have|has|had)\s+(?:the\s+(?:town|city|"
                        r"village)s?\s+of\s+)?$", re.IGNORECASE)
_SUBJECT_RELATIVE_RE = re.compile(r"\s*,\s*(?:which|who)\s[^,;:]{1,80},", re.IGNORECASE)


#: "X, held by IS", "X is now held by …", "X remained under the control of …", "in the hands of"
_BY_RE = re.compile(
    rf"\s*\)?,?\s*(?:itself\s*,?\s*)?(?:(?:which|that)\s+)?(?:(?:is|was|are|were|has been|"
    rf"had been|have been|remains?|"
    rf"remained|stays?|stayed)\s+)?(?:(?:the|an?)\s+(?:[\w-]+\s+){{0,3}}?(?:town|city|village|"
    rf"settlement|capital|hub|port|stronghold)\s+|and\s+(?:the\s+)?other\s+(?:towns|cities|"
    rf"villages|localities|places)\s+)?{_STILL}(?:(?:firmly|fully|back|again)\s+)?(?:{_HELD_WORDS}(?:\s+since"
    rf"(?:\s+[\w-]+){{1,4}}?)?\s+by|under\s+(?:the\s+)?(?:full\s+|firm\s+|total\s+|complete\s+)?(?:control|occupation)\s+of"
    rf"|in\s+the"
    r"\s+hands?\s+of)"
    r"\s+(?:the\s+)?(?:(?:armed\s+)?(?:men|elements|fighters|units)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE)
#: "X remained under IS control", "X is in Ukraine's hands", "under the Taliban's control"
_UNDER_RE = re.compile(r"\s*\)?,?\s*(?:itself\s*,?\s*)?(?:(?:which|that)\s+)?"
                       # a first predicate: "X is calm and remains under Y control"
                       r"(?:(?:is|was|are|were)\s+(?:\w+\s+){0,2}?and\s+)?(?:(?:is|was|are|were|"
                       r"remains?|remained|"
                       r"stays?|stayed|"
                       rf"has\s+been|had\s+been)\s+)?{_STILL}(?:(?:(?:has|had|have)\s+)?"
                       r"(?:return(?:s|ed|ing)?|(?:came|come|comes|coming|fell|falls|fallen)"
                       r"(?:\s+back)?|back)\s+)?"
                       r"(?:under|in)\s+(?:the\s+)?",
                       re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"\s*(?:[,.;:)]|$|(?:since|for|as|and|until)\b)", re.IGNORECASE)
_CONTROL_AFTER_RE = re.compile(r"(?:['’]s?)?\s+(?:full\s+|firm\s+|effective\s+|complete\s+)?"
                               r"(?:control|hands?|administration|rule)\b", re.IGNORECASE)
#: "X is now IS-held", "X and Y remain rebel-controlled": a copula before the holder
_COPULA_RE = re.compile(rf"\s*\)?,?\s*(?:is|are|was|were|remains?|remained|stays?|stayed|has\s+"
                        rf"been|have\s+been|had\s+been)\s+{_STILL}", re.IGNORECASE)
#: "Raqqa, the IS stronghold", "Kunduz, a Taliban stronghold"
_APPOSITION_RE = re.compile(r"\s*,\s*(?:(?:the|an?|one\s+of\s+the)\s+)?(?:last\s+|main\s+|key\s+|"
                            r"remaining\s+|major\s+)?", re.IGNORECASE)


#: "X, (a town …,) where (the) <actor>": a relative of the place opening on its actor
_WHERE_BEFORE_RE = re.compile(r"\s*,\s*(?:[^,;:.()\n]{1,120},\s*)?where\s+(?:the\s+)?",
                              re.IGNORECASE)
#: a presence set up there: "has massed armour", "have deployed two battalions", "had
#: installed firing points", "are based" (round twelve)
_PRESENCE_AFTER_RE = re.compile(
    # a second conjunct first: "where the army and the National Guard have massed …"
    r"(?:\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
    r"\s+(?:(?:has|have|had)\s+(?:now\s+|also\s+)?|(?:is|are|were|was)\s+)?(?:massed|"
    r"deployed|stationed|installed|positioned|based|garrisoned|headquartered|set\s+up\s+"
    r"(?:its|their|a|an)\s+(?:\w+\s+)?(?:headquarters|base|positions|command))\b",
    re.IGNORECASE)


_ACTOR_TAIL_RE = re.compile(r"\s+(?:fighters|forces|troops|militants|rebels|units|soldiers|"
                            r"militiamen|militias?|insurgents)\b", re.IGNORECASE)


def held_phrase(text: str, f: Feature, sent: Sentence, feats: Sequence[Feature] = (),
                _depth: int = 0) -> tuple[ActorMatch, bool] | None:
    """Who the sentence says holds ``f`` when no event does, and whether only in part.

    "IS-held X", "IS still held/holds X", "X have held Y since …", "X controlled half of Y"
    (partly: ``contested``), "X, which IS has held since May", "X, under IS control",
    "X, held by IS", "X is now held by IS", "X remained in army hands / in Ukraine's hands",
    "X, the IS stronghold", "the IS stronghold of X", "X and Y are the last towns IS holds",
    "in full control of X and of Y" (conjuncts share the phrase). Returns ``(actor, partial)``.
    """
    held = held_span(text, f.start, f.end, sent, feats, _depth)
    if held is None and (holder := town_relative(text, f, sent, feats)) is not None:
        return holder, False  # "…, isolating the town, which IS still holds"
    if held is None and (holder := base_holder(text, f, sent)) is not None:
        return holder, False  # "X, the LNA's main base"
    if held is None and (holder := garrison_holder(text, f, sent)) is not None:
        return holder, False  # "X, a town where the army has a garrison"
    if held is None and (holder := fronted_holder(text, f, sent)) is not None:
        return holder, False  # "In X, …, the soldiers are still in their positions"
    return held


def pronoun_hold(text: str, f: Feature, sent: Sentence, actors: Sequence[ActorMatch]
                 ) -> tuple[ActorMatch, bool] | None:
    """The holder of ``f`` when its sentence opens with "they" / "it" and a held verb ("They
    have held X since April"): the last actor of ``actors`` named before the sentence
    (:func:`pronoun_subject`)."""
    return pronoun_subject(text, sent.start, f.start, actors, _HELD_VERB_RE)


def held_span(text: str, start: int, end: int, sent: Sentence, feats: Sequence[Feature] = (),
              _depth: int = 0) -> tuple[ActorMatch, bool] | None:
    """:func:`held_phrase` for the words ``text[start:end]``."""
    ordered = sorted(feats, key=lambda g: g.start)
    # inside an apposition of an earlier place, a place is not the subject of what follows
    apposed = any(g.end <= start and (x := apposition_end(text, g.end, sent.end)) is not None
                  and x > start and not LANDMARK_RE.fullmatch(text[g.end:start])
                  for g in ordered) or (  # "The city itself, <apposition naming X>, remains …"
        (t := _THE_TOWN_RE.match(text, sent.start)) is not None and t.end() <= start
        and (x := apposition_end(text, t.end(), sent.end)) is not None and x > start)
    app_end = apposition_end(text, end, sent.end)
    chain_end = apposition_chain_end(text, end, sent.end)  # "X, the capital of Y, at …, which"
    rel_end = relative_end(text, end, sent.end)  # "X, which never fell to Y, remains …"
    # "X, 40 km south-east of Y, where …, is under Z's control": a relative after the
    # apposition
    rel_end = rel_end or next((r for x in (app_end, chain_end) if x is not None and (
        r := relative_end(text, x - 1 if text[x - 1:x] == "," else x, sent.end))), None)
    inner: ActorMatch | None = None  # a holder named inside the apposition
    for a in sent.actors:
        if a.side is None or not a.armed:
            continue
        if not apposed and a.start >= end and _WHERE_BEFORE_RE.fullmatch(text, end, a.start) and \
                _PRESENCE_AFTER_RE.match(text, a.end):
            return a, False  # "X, where the army has massed armour": there, holding X
        if a.end <= start:
            # the head noun the table's row may leave out: "Houthi fighters", "IS militants"
            tail = _ACTOR_TAIL_RE.match(text, a.end, start)
            gap = text[tail.end() if tail else a.end:start]
            if re.fullmatch(rf"-{_HELD_WORDS}\s+(?:[\w-]+\s+){{0,3}}?(?:the\s+)?(?:\w+\s+of\s+)?",
                            gap, re.IGNORECASE) or _STRONGHOLD_BEFORE_RE.fullmatch(gap) or (
                    (_NOMINAL_HOLD_RE.fullmatch(gap) or _garrison_of(a, tail, gap)) and not
                    garrison_gave_up(text, end, sent.end, app_end)) or (
                    _flag_over(text, a, tail, gap)):
                return a, False
            m = _HELD_VERB_RE.fullmatch(gap) or coordinated_hold(gap, _HELD_VERB_RE)
            if m:  # "in full control of X, except for …" holds a part of X
                return a, bool(m.group("part") or _EXCEPT_RE.match(text, end))
        if a.start >= end and not apposed and any(
                _held_after(text, g0, a, feats) for g0 in (end, app_end, chain_end, rel_end)
                if g0 is not None and a.start - g0 <= 120 and g0 <= a.start):
            if a.start < max(app_end or 0, chain_end or 0):  # "X, the last IS stronghold,
                inner = inner or a  # is held by Iraqi forces": the predicate's holder first
                continue
            return a, False
    if inner is not None:
        return inner, False
    if not apposed and (holder := pronoun_holder(text, end, sent, app_end)) is not None:
        return holder, False
    if _depth < 4 and (head := list_head(text, start, end, sent.start, sent.end)) is not None:
        held = _list_hold(text, head, sent, feats, _depth)
        if held is not None:
            return held
    if _depth < 4:  # a conjunct shares the phrase of the one before: "of A and (of) B"
        for g in sorted(feats, key=lambda g: -g.start):
            if g.end <= start and _CONJ_GAP_RE.fullmatch(text[g.end:start]) and (
                    sent.start <= g.start):
                return held_span(text, g.start, g.end, sent, feats, _depth + 1)
        if _AS_DID_RE.search(text, sent.start, start):  # "…, as have X": the predicate again
            before = [g for g in ordered if sent.start <= g.start and g.end <= start]
            for g in reversed(before):
                held = held_span(text, g.start, g.end, sent, feats, _depth + 1)
                if held is not None:
                    return held
    return None


def _flag_over(text: str, a: ActorMatch, tail: re.Match[str] | None, gap: str) -> bool:
    """Whether ``gap``, the words between the actor ``a`` (and its ``tail``) and a place,
    says the actor's flag flies over the place: "the Iraqi flag now flies over X", "the flag
    of the Houthis was flying over X" (round thirteen)."""
    m = _FLAG_OVER_RE.fullmatch(gap)
    if m is None:
        return False
    own = (tail.group(0) if tail else a.text).rstrip().lower()
    return bool(m.group("flag")) or own.endswith(("flag", "flags")) or bool(
        _FLAG_OF_RE.search(text, max(0, a.start - 20), a.start))


def _garrison_of(a: ActorMatch, tail: re.Match[str] | None, gap: str) -> bool:
    """Whether ``gap``, the words between the actor ``a`` (and its ``tail``) and a place,
    makes the actor the place's garrison or defenders: "the Syrian army garrison of X",
    "Ukrainian defenders of X" (round thirteen)."""
    m = _GARRISON_BEFORE_RE.fullmatch(gap)
    if m is None:
        return False
    return bool(m.group("noun")) or bool(_GARRISON_WORD_RE.search(
        tail.group(0) if tail else a.text))


def _list_hold(text: str, head: int, sent: Sentence, feats: Sequence[Feature], depth: int
               ) -> tuple[ActorMatch, bool] | None:
    """The hold a list shares, its noun ending at ``head``: "Y controls the valley (and the
    towns of the plain …), including A and B" (a hold verb and its object), or "X is held
    by Y, as have the towns …, A among them" (the predicate of the place before)."""
    for a in sent.actors:
        # "IS, which overran X in 2014, still controls …": past the subject's relative
        rel = _SUBJECT_RELATIVE_RE.match(text, a.end, head)
        verb = rel.end() if rel else a.end
        m = (_HELD_VERB_RE.match(text, verb) or _NOMINAL_HOLD_RE.match(text, verb)
             ) if a.side and a.armed else None
        if m and a.end < head and is_held_object(text, m.end(), head):
            # a part of the region ("much of the valley, including A") holds A whole; a
            # presence ("positions in the villages, including A") does not
            part = m.groupdict().get("part") or ""
            return a, "position" in part.lower()
    as_did = re.compile(r",?\s+as\s+(?:did|do|does|have|has|had)\s+", re.IGNORECASE)
    for m in as_did.finditer(text, sent.start, head):
        if is_held_object(text, m.end(), head):
            before = [g for g in feats if sent.start <= g.start and g.end <= m.start()]
            for g in sorted(before, key=lambda g: -g.start):
                held = held_span(text, g.start, g.end, sent, feats, depth + 1)
                if held is not None:
                    return held
    return None


#: "X is contested", "X, a town west of Y, remains fiercely contested"
_CONTESTED_AFTER_RE = re.compile(
    r"\s+(?:is|was|are|were|remains?|remained|stays?|stayed)\s+(?:(?:still|now|heavily|"
    r"fiercely|hotly|bitterly|largely)\s+)*(?:contested|disputed)\b", re.IGNORECASE)


def stated_contested(text: str, f: Feature, sent: Sentence) -> bool:
    """Whether the sentence says in so many words that ``f`` is contested ("X is contested",
    "X, <apposition>, remains fiercely contested")."""
    ends = (f.end, apposition_end(text, f.end, sent.end))
    return any(_CONTESTED_AFTER_RE.match(text, g0, sent.end) for g0 in ends if g0 is not None)


#: words that may stand between a determiner and an actor's word: "the former rebels", "the
#: ex-insurgents", "the retreating militants"
_ACTOR_MODIFIER_RE = re.compile(r"(?:(?:former|ex-|erstwhile|same|local|rival|retreating|"
                                r"remaining|victorious|advancing|separatist)\s*)+$",
                                re.IGNORECASE)


def actor_lead(text: str, a: ActorMatch) -> int:
    """Where ``a``'s words begin, with the modifiers before it ("the former rebels")."""
    m = _ACTOR_MODIFIER_RE.search(text, max(0, a.start - 40), a.start)
    return m.start() if m else a.start


#: "X, which they now control", "X, which it has held since May": a pronoun for the holder
_WHICH_PRONOUN_RE = re.compile(
    rf"\s*,\s*(?:which|that)\s+(?:they|it)\s+(?:(?:has|have|had)\s+(?:been\s+)?|"
    rf"(?:is|are|was|were)\s+)?{_STILL}(?:{_HOLD})\b", re.IGNORECASE)


def pronoun_holder(text: str, end: int, sent: Sentence, app_end: int | None
                   ) -> ActorMatch | None:
    """The holder of "X, which they now control": the last armed actor with a side named
    before X in its sentence (a non-state one first: "fighters of the CSP inside the camp at
    X, which they control")."""
    if not any(_WHICH_PRONOUN_RE.match(text, g0) for g0 in (end, app_end) if g0 is not None):
        return None
    before = [a for a in sent.actors if a.end <= end and a.armed and a.side]
    nonstate = [a for a in before if a.rule.inter != 1]
    pool = nonstate or before
    return pool[-1] if pool else None


def _held_after(text: str, g0: int, a: ActorMatch, feats: Sequence[Feature]) -> bool:
    """Whether the words from ``g0`` (just after a place) say that ``a``, named after them,
    holds the place: "X, which IS holds", "X, held by IS", "X remained under IS control",
    "X and Y are the last towns IS holds", "X, the IS stronghold"."""
    for g in sorted(feats, key=lambda g: g.start):
        # skip a landmark locating f ("X west of Y remained in …") and conjuncts
        # ("X and Y are the last towns …")
        if g.start >= g0 and g.end <= a.start and not text.startswith(("'s", "’s"), g.end) and (
                LANDMARK_RE.fullmatch(text[g0:g.start])
                or _CONJ_GAP_RE.fullmatch(text[g0:g.start])):  # ("X, Y's port": no conjunct)
            # a conjunct's own apposition: "X, a rail town, and Y, the main base, remain …"
            g0 = apposition_end(text, g.end, a.start) or g.end
    if (c := conjunct_end(text, g0)) is not None and c < a.start:
        g0 = c  # "X and the area of the airport remain under Y control"
    d = _DIRECTION_RE.match(text, g0)
    gap = text[d.end() if d else g0:actor_lead(text, a)]
    after = text[a.end:a.end + 60]
    m = _WHICH_RE.fullmatch(gap)
    if m and re.match(f"{_AND_ANOTHER}(?:{_HOLD_AFTER}|{_TAKE_AFTER})", text[a.end:a.end + 100],
                      re.IGNORECASE) and not (
            m.group("apposition") and not NOUN_PHRASE_RE.match(m.group("apposition"))
            and any(g0 + m.start("apposition") <= g.start < a.start for g in feats)):
        return True
    if _TOWN_REL_RE.fullmatch(gap) and re.match(f"{_HOLD_AFTER}|{_TAKE_AFTER}", after,
                                                re.IGNORECASE):
        return True
    if a.start - g0 > 60:
        return False
    return bool(
        (_LAST_RE.fullmatch(gap) and re.match(_HOLD_AFTER, after, re.IGNORECASE))
        or _BY_RE.fullmatch(gap)
        or (_UNDER_RE.fullmatch(gap) and _CONTROL_AFTER_RE.match(after))
        or (_UNDER_RE.fullmatch(gap) and re.search(r"\bunder\s+(?:the\s+)?$", gap, re.I)
            and a.armed and _CLAUSE_END_RE.match(after))  # "X remains under the Y authorities."
        or (_COPULA_RE.fullmatch(gap) and re.match(rf"-{_HELD_WORDS}\b", after))
        or (_APPOSITION_RE.fullmatch(gap) and re.match(
            rf"(?:['’]s?)?\s+(?:last\s+|main\s+|key\s+)?(?:-held\s+)?{_STRONGHOLD}\b|"
            rf"-(?:{_HELD_WORDS}|aligned)\b", after, re.IGNORECASE)))  # "X, a Ukrainian-held town"



# =========================================================================== status rules

# "retreated to X": X is where they went, not what they lost
_RETREAT_TO_RE = re.compile(
    # a manner first: "withdrew in disorder towards X", "pulled back hastily to X"
    r"\s*(?:back\s+)?(?:(?:in\s+(?:disorder|haste|good\s+order|confusion)|\w+ly)\s+)?"
    r"(?:back\s+)?(?:(?:north|south|east|west)\w*(?:-\w+)?\s+|further\s+|deeper\s+)?"
    r"(?:(?:across|through|along|over)\s+(?:[\w-]+\s+){1,3}?)?(?:to|toward|towards|into|on|in "
    r"the direction of)\b", re.IGNORECASE)


# "left X (on Monday) heading north / bound for Y": a journey, not a withdrawal ("left X for Y"
# is one)
_DEPARTURE_RE = re.compile(r"\s+[^.;]{0,60}?\b(?:heading|headed|bound|en route|on (?:a|their|its) "
                           r"way)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Scene:
    """What a status rule sees: the report text, the governing trigger, its agent (actor1)
    and the actor on the other side (actor2)."""

    text: str
    trigger: Trigger | None
    agent: ActorMatch | None
    other: ActorMatch | None


def _taken(sc: Scene) -> tuple[str, str | None]:
    """``held`` by the taker; for a passive taking with no taker, ``lost`` by the armed actor
    of another clause ("X retaken as Y pull out": round twelve); else ``unknown``."""
    if sc.agent is not None:
        return "held", sc.agent.side
    if sc.trigger is not None and sc.trigger.passive and sc.other is not None and \
            sc.other.armed and sc.other.side:
        return "lost", sc.other.side
    return "unknown", None


def _lost(sc: Scene) -> tuple[str, str | None]:
    """``held`` by the other side when it is named ("withdrew … as IS moved in"), else
    ``lost`` by the side that withdrew; nothing for "withdrew toward X"."""
    if sc.trigger is not None and _RETREAT_TO_RE.match(sc.text, sc.trigger.end):
        return "unknown", None
    if sc.trigger is not None and re.fullmatch(r"left|quit\w*", sc.trigger.text, re.I) and \
            _DEPARTURE_RE.match(sc.text, sc.trigger.end):
        return "unknown", None  # "a convoy left Gao heading north": a departure, not a loss
    if sc.other is not None and sc.other.armed and sc.other.side:
        return "held", sc.other.side
    if sc.agent is not None:
        return "lost", sc.agent.side
    return "unknown", None


def _entered(sc: Scene) -> tuple[str, str | None]:
    """``contested``, with the entrant's side: fighting inside the place; ``held`` by an armed
    entrant whose entry takes the place (:func:`entry_is_taking`: "troops entered X")."""
    side = sc.agent.side if sc.agent else None
    if side and sc.agent.armed and sc.trigger is not None and entry_is_taking(
            sc.text, sc.trigger.start, sc.trigger.end):
        return "held", side
    return "contested", side


def _advancing(sc: Scene) -> tuple[str, str | None]:
    """``advancing`` by the advancer; an advance by no one identifiable says nothing about who
    gains: ``unknown``."""
    if sc.agent is not None and sc.agent.side:
        return "advancing", sc.agent.side
    return "unknown", None


def _besieged(sc: Scene) -> tuple[str, str | None]:
    """``contested``, with the besieger's side when it is armed."""
    return "contested", sc.agent.side if sc.agent is not None and sc.agent.armed else None


def _defended(sc: Scene) -> tuple[str, str | None]:
    """``held`` by the defender; ``contested`` when no one is named; nothing when the one
    "dug in" or "holed up" is no armed actor ("residents are holed up in X": round twelve)."""
    if sc.agent is not None and not sc.agent.armed:
        return "unknown", None
    return ("held", sc.agent.side) if sc.agent else ("contested", None)


#: Control status rules by name (the ``status`` column of
#: :data:`geoevents.events.classify.EVENT_TYPES`): scene → (status, side).
STATUS_RULES: dict[str, Callable[[Scene], tuple[str, str | None]]] = {
    "taken": _taken, "lost": _lost, "entered": _entered, "advancing": _advancing,
    "besieged": _besieged, "defended": _defended,
    "contested": lambda sc: ("contested", None), "unknown": lambda sc: ("unknown", None),
}


def settle(status: str, side: str | None, *, cat: str | None, negated: bool,
           held: tuple[ActorMatch, bool] | None, region: bool, edge: bool = False
           ) -> tuple[str, str | None, list[str]]:
    """The final status of a place from its event's (``status``, ``side``): a negated event
    applies none (a failed attempt is ``contested``); a held phrase wins over a
    non-territorial event or an ``unknown`` status; an area is never held, lost or contested
    by an event in a town; a hold or defence of a place's edge (``edge``: "the outskirts of
    X") is ``advancing`` on it; ``held`` by no known side is ``unknown``. Returns (status, side,
    the explain notes)."""
    why = []
    if negated:
        status, side = ("contested" if cat == "fail" else "unknown"), None
        why.append("negated")
    elif held is not None and (cat not in TERRITORIAL or status in ("unknown", "advancing")):
        holder, partial = held
        status, side = ("contested" if partial else "held"), holder.side
        why.append(f"{'partly ' if partial else ''}held by {holder.text!r}")
    if edge and status == "held" and cat in (None, "defend", "prox"):
        status = "advancing"  # "dug in on the outskirts of X": a presence at X, no hold of it
        why.append("a presence at its edge")
    if region and status in ("held", "lost", "contested"):
        status, side = "unknown", None
    if status == "held" and side is None:
        status = "unknown"
    return status, side, why
