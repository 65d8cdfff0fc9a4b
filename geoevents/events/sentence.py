"""The analysis of one sentence for the event reader: its actors, allies, claimant,
clauses, triggers, fatalities and negation (docs/events.md, "How words are assigned to
features")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._match_starts import finditer_from
from ..model import Feature
from ..text import NUMBERS, clause_breaks, number_value, number_words
from ._fled import fled_from
from ._modifier import hypothetical_taking
from ._refuted import refuted
from ._speaker import speaker_actor
from .sides import ActorMatch
from .triggers import PRIORITY, REMOTE, TRIGGER_INDEX, TRIGGER_RES

_ADV = r"(?:(?:also|later|earlier|now|reportedly|finally|fully|eventually|again|still|then)\s+)?"
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:(?:\w+ly|also|now|"
                                r"then|later|soon|again|all|both)\s+){0,2}$",
                                re.IGNORECASE)
_NOFIGHT_RE = re.compile(
    r"without (?:a |any )?(?:fight|fighting|resistance|a shot (?:being )?fired|bloodshed|clashes)"
    r"|(?:after|under|as part of) (?:an? |the )?(?:agreement|deal|truce|ceasefire|handover)"
    r"|handed (?:\w+ )?over|no (?:fighting|clashes|resistance)|peacefully", re.IGNORECASE)
_ALLY_RE = re.compile(r"\b(?:supported|backed|aided|assisted|helped|joined|accompanied|"
                      r"escorted) by\b|"
                      r"\bwith (?:the )?(?:support|help|backing|cover) (?:of|from)\b|"
                      r"\balongside\b|\btogether with\b|\bunder cover of\b|"
                      r"(?P<conj>\band (?:(?:its|their) )?(?:allied|allies)\b)", re.IGNORECASE)
#: what only asks for or plans a withdrawal: "demanded / called for / ordered the withdrawal"
_WANTED_RE = re.compile(r"\b(?:demand\w*|call\w*\s+for|urg\w*|seek\w*|sought|negotiat\w*|"
                        r"agree\w*\s+(?:on|to)|plan\w*|order\w*|propos\w*|talks\s+on)\s+"
                        r"(?:(?:the|a|an|its|their|full|complete|\w+'s)\s+)*$", re.IGNORECASE)
#: "… against (repeated) attacks": the attacks a defence is against
_AGAINST_RE = re.compile(r"\bagainst\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
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
_NEG_RE = re.compile(r"\b(?:not|never|no longer|neither|nor)\b(?!\s+(?:far|only|least|"
                     r"yet clear|clear))|n[’']t\b", re.IGNORECASE)
#: "no (significant) fighting near X", "no clashes in X": the fighting denied
_NO_NOUN_RE = re.compile(r"\bno\s+(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)
_NOMINAL = frozenset({"clash", "shell", "air"})
_NO_WERE_RE = re.compile(r"\bno(?:\s+[\w-]+){0,3}?\s+(?:were|was|had been|have been|has been)\b",
                         re.IGNORECASE)
_DENY = r"(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)"
_DENY_RE = re.compile(rf"\b{_DENY}\b", re.IGNORECASE)
_DENIAL_END_RE = re.compile(r",\s*(?:saying|adding|insisting|stressing|and\s+(?:said|says|"
                            r"added))\b", re.IGNORECASE)
_CIVIL_VERB_RE = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|execut(?:ed|ing)|massacr(?:ed|ing)|murder(?:ed|ing)|shot dead|"
    r"shot|beheaded|abduct(?:ed|ing)|kidnapp?(?:ed|ing)|attack(?:ed|ing)|target(?:ed|ing))\b",
    re.IGNORECASE)

# reporting verbs
_SAY = (r"(?:said|says|say|reported|reports|claimed|claims|announced|announces|confirmed|"
        r"confirms|stated|states|told|tells|added|insisted|insists|alleged|alleges|"
        r"acknowledged|admitted|admits|warned|" + _DENY[3:-1] + ")")
_NP = r"(?:[\w'’.-]+\s+){0,9}?[\w'’.-]+"
OPENER = (r"(?:(?:On|In|By|Late|Early|Meanwhile|However|But|And|Later|Earlier|Separately)"
           r"\b[^,]{0,30},\s*|(?:But|And|Meanwhile)\s+)?")
_PREPOSED_RE = re.compile(rf"^{OPENER}(?P<np>{_NP})(?:\s*,[^,]{{1,60}},)?\s+{_ADV}"
                          rf"(?:had\s+|has\s+|have\s+)?(?P<verb>{_SAY})\b(?!\s+by\b)"
                          r"(?!\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)\b)")
_POSTPOSED_RE = re.compile(
    rf"(?:,|[,.!?]?[\"”’])\s*(?:(?P<np1>{_NP}(?:\s*,\s*[^,\"”]{{1,60}},)?)\s+{_ADV}"
    rf"(?P<verb1>{_SAY})(?:\s+(?:reporters|journalists))?|(?P<verb2>{_SAY})\s+(?!(?:reporters|"
    rf"journalists)\b)(?P<np2>{_NP}))(?:\s+(?:by|over the)\s+(?:tele)?phone)?"
    r"(?:\s+(?:on|late on|early on)\s+\w+|\s+in a statement|\s+\w+day)?\s*[.!?]?[\"”’]?\s*$")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<np>[^,.;:()]{2,90}?)\s*(?=[,.;:()]|$)",
                           re.IGNORECASE)
_NP_CUT_RE = re.compile(r"\s+(?:quoted|cited|citing|speaking|who|which|in a statement|on "
                        r"(?:condition|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                        r"|late|early)\b.*$")
#: what is said, not who says it: a participle or a finite verb after a name
_REPORTED_RE = re.compile(r"\s(?:[a-z]+(?:ed|en)|taken|held|lost|won|fell|falls|is|was|are|were|"
                          r"has|have|had|remains?|stays?)\b")
_SPEAKER_RE = re.compile(r"\s*(?P<np>(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))")
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



@dataclass(slots=True)
class Trigger:
    """A word of a trigger lexicon in a sentence: its category, offsets, words, and whether
    it is passive ("X was recaptured by …")."""

    cat: str
    start: int
    end: int
    text: str
    passive: bool = False


@dataclass(slots=True)
class Claim:
    """Who says so: the claimant's words and where what they say may start; ``denial`` for
    "denied", "rejected" …"""

    claimant: str
    start: int
    end: int  # of the claimant's words
    verb_end: int  # where the claimed content may start (or the sentence start)
    denial: bool = False


@dataclass(slots=True)
class Sentence:
    """One sentence analysed (:func:`analyse_sentence`): its actors, allies, claim, clauses,
    triggers, fatalities, and a killing that names no weapon (``kill``)."""

    start: int
    end: int
    actors: list[ActorMatch]
    allies: list[tuple[int, int]]
    claim: Claim | None
    clauses: list[tuple[int, int]]
    triggers: list[Trigger]
    nofight: bool
    fatalities: int | None
    fatality_spans: list[tuple[int, int]] = field(default_factory=list)
    kill: Trigger | None = None


#: the trigger lexicons in the order of :data:`TRIGGER_INDEX`
_LEXICONS = tuple(TRIGGER_RES.items())


def analyse_sentence(text: str, s: int, e: int, actors: list[ActorMatch],
                     all_actors: list[ActorMatch]) -> Sentence:
    """Analyse the sentence ``text[s:e]``: its claim, allies, clauses, triggers (longest match
    first, then lexicon order), violence against civilians and fatalities. ``actors`` are the
    sentence's actors (``all_actors`` those of the whole text)."""
    sent = text[s:e]
    claim = find_claim(sent, s)
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
        elif m.group("conj"):
            continue  # "A and allied B captured X" is an ally only when B is an actor
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
    starts = TRIGGER_INDEX.candidates(sent)  # each lexicon run only where it may match
    for i in sorted(TRIGGER_INDEX.always.union(starts)):
        cat, rx = _LEXICONS[i]
        for m in finditer_from(rx, sent, starts.get(i)):
            raw.append(Trigger(cat, s + m.start(), s + m.end(), m.group(0)))
    raw.sort(key=lambda t: (t.start, t.start - t.end, PRIORITY[t.cat]))
    triggers: list[Trigger] = []
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
        if t.cat == "lose" and re.fullmatch(r"[a-z]+ed", t.text) and _ATTRIBUTIVE_RE.search(
                text[max(s, t.start - 30):t.start]):
            continue  # "the abandoned camp at X": a description, no withdrawal
        if t.cat == "siege" and _ATTRIBUTIVE_RE.search(text[max(s, t.start - 30):t.start]):
            t = Trigger("clash", t.start, t.end, t.text)  # "the besieged town": fighting
        if t.cat == "take" and re.fullmatch(r"(?:re)?taken|overrun", t.text, re.IGNORECASE) and \
                not re.search(r"\b(?:has|have|had|having|been|being|be|was|were|is|are|got|"
                              r"get|gets)\s+(?:\w+ly\s+|also\s+|now\s+)?$", text[s:t.start],
                              re.IGNORECASE):
            t.passive = True  # a bare participle: "the town, taken by IS in 2014, …"
        if t.cat == "take" and not t.passive and _headline_passive(text, s, t, actors):
            t.passive = True  # "Ministry: Fuzuli liberated from occupation"
        triggers.append(t)
    nofight = bool(_NOFIGHT_RE.search(sent))
    if nofight:
        spans_nf = [(s + m.start(), s + m.end()) for m in _NOFIGHT_RE.finditer(sent)]
        triggers = [t for t in triggers
                    if not (t.cat == "clash" and any(a <= t.start < b for a, b in spans_nf))]
    defends = [t for t in triggers if t.cat == "defend"]
    if defends:  # "defending X against repeated assaults": the attacks are the defence's
        triggers = [t for t in triggers if not (
            t.cat == "clash" and _AGAINST_RE.search(text, max(s, t.start - 40), t.start)
            and any(d.end <= t.start and not any(d.end <= a < t.start for a, _ in clauses)
                    for d in defends))]
    if not any(t.cat in REMOTE for t in triggers):
        triggers = _civilian_triggers(text, s, e, actors, triggers)
    fatalities, fspans = _fatalities(sent, s)
    kill = None
    if fatalities and not triggers:
        d = _DEATH_RE.search(sent)
        if d:
            kill = Trigger("kill", s + d.start(), s + d.end(), d.group(0),
                            passive=bool(_PASSIVE_BEFORE_RE.search(sent[:d.start()])))
    return Sentence(s, e, actors, allies, claim, clauses, triggers, nofight, fatalities, fspans,
                     kill)


#: a name alone before a participle, opening the sentence or after a colon or "says": "X
#: liberated", "Ministry: X city liberated", "Kyiv says X retaken"; or a list of names
#: ("Rebels say X, Y and Z captured")
_NAME = r"[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*){0,3}(?:\s+(?i:city|town|village))?"
_NAME_LEAD_RE = re.compile(rf"(?:^|:|\b(?i:says?|claims?))\s*(?P<name>{_NAME}"
                           rf"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+){_NAME}){{0,5}})\s+$")
#: what follows a participle that is no active verb: no object ("from occupation", ",", end)
_NO_OBJECT_RE = re.compile(r"\s*(?:$|[,;:.]|(?:from|by|on|in|after|and|as|amid|without)\b)",
                           re.IGNORECASE)


def _headline_passive(text: str, s: int, t: Trigger, actors: list[ActorMatch]) -> bool:
    """Whether the taking ``t`` is a participle said of a name before it with no auxiliary,
    as headlines write it ("X liberated from occupation", "Ministry: X liberated"): only a
    name (no actor) stands before it and no object after it."""
    if not re.fullmatch(r"[a-z]+(?:ed|en)", t.text):
        return False
    m = _NAME_LEAD_RE.search(text, s, t.start)
    if m is None or not _NO_OBJECT_RE.match(text, t.end):
        return False
    return not any(m.start("name") <= a.start < t.start for a in actors)


def _civilian_triggers(text: str, s: int, e: int, actors: list[ActorMatch],
                       triggers: list[Trigger]) -> list[Trigger]:
    """Violence against civilians in ``text[s:e]``: a kill/attack verb whose target is
    civilians becomes a ``civil`` (or ``abduct``) trigger, replacing the triggers it overlaps
    and turning the sentence's ``clash`` triggers into its own when no armed actor follows."""
    sent = text[s:e]
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
                triggers = [Trigger(cat, t.start, t.end, t.text) if t.cat == "clash"
                            else t for t in triggers]
            triggers.append(Trigger(cat, vs, ve, m.group(0)))
    triggers.sort(key=lambda t: t.start)
    return triggers


def _claimant_sides(text: str, actors: list[ActorMatch], claim: Claim | None
                    ) -> list[ActorMatch]:
    """Generic forces in what a claimant with a side says take the claimant's side: "Russia's
    defence ministry said its forces had captured X", "'Our troops …,' a Ukrainian military
    spokesman said", "A Russian defence ministry spokesman said forces had taken X"."""
    if claim is None:
        return actors
    inside = [a for a in actors if claim.start <= a.start < claim.end and a.armed]
    # "the rebels' military spokesman": the possessor speaks, not the generic word after it
    owner = next((a for a in inside if re.match(r"['’]s?\s", text[a.end:a.end + 3])), None)
    if owner is not None and owner.side is None and owner.rule.inter in (2, 4):
        return _group_speaker(text, actors, claim)
    own = [owner] if owner is not None else [a for a in inside if a.side]
    # "Russia said its troops …": a speaker named by its country speaks of its own forces
    named = None if own else speaker_actor(claim.claimant, claim.start, claim.end)
    if not own and named is None:
        # "'Our forces …,' the rebels' spokesman said": a group the report does not name
        # speaks; its own forces are no state's
        return _group_speaker(text, actors, claim) if any(
            claim.start <= a.start < claim.end and a.armed and a.rule.inter in (2, 4)
            for a in actors) else actors
    speaker = next((a for a in own if not a.rule.generic), own[0]) if own else named
    out = []
    for a in actors:
        if a.rule.generic and a.side != speaker.side and a.start >= claim.verb_end and not (
                claim.start <= a.start < claim.end):
            possessive = re.search(r"\b(?:its|their|our)\s+(?:own\s+)?$",
                                   text[max(0, a.start - 12):a.start], re.IGNORECASE)
            # a state's bare forces are a state speaker's own, not a group's ("the Zeta
            # Front said government-held X fell": the government's)
            if possessive or (a.rule.inter in (1, 3) and named is None
                              and speaker.rule.inter not in (2, 4)):
                a = ActorMatch(a.text, a.start, a.end, a.rule, speaker.side)
        out.append(a)
    return out


def _group_speaker(text: str, actors: list[ActorMatch], claim: Claim) -> list[ActorMatch]:
    """Generic forces after "our / its / their" in what a group with no side says: no side."""
    out = []
    for a in actors:
        if a.rule.generic and a.side and a.start >= claim.verb_end and not (
                claim.start <= a.start < claim.end) and re.search(
                r"\b(?:its|their|our)\s+(?:own\s+)?$", text[max(0, a.start - 12):a.start],
                re.IGNORECASE):
            a = ActorMatch(a.text, a.start, a.end, a.rule, None)
        out.append(a)
    return out


def _dropped(text: str, s: int, t: Trigger) -> bool:
    """Triggers that report no event: a plan or intention ("would push on toward X",
    "vowed to retake X"), mine clearance ("roads cleared of mines"), an attributive
    participle ("the retreating columns")."""
    lead = text[max(s, t.start - 60):t.start]
    if _FUTURE_RE.search(lead):
        return True
    if t.cat == "fallof" and hypothetical_taking(text, t.end):
        return True  # "a Y capture of X would remove …": a hypothesis
    if t.text.lower().startswith("withdrawal") and _WANTED_RE.search(lead):
        return True  # "called for the withdrawal of troops from X": not done
    if t.cat == "clash" and fled_from(text, t.start, t.end):
        return True  # "people who escaped the fighting are in camps around X": not at X
    if t.cat == "ied" and (_DEMINING_RE.search(lead) or re.match(
            r"[- ](?:clear(?:ing|ance)|sweep(?:ing|er)s?|removal|disposal)\b",
            text[t.end:t.end + 12], re.IGNORECASE)):
        return True
    return (t.cat in ("lose", "advance", "fled") and bool(re.fullmatch(r"\w+ing", t.text))
            and bool(_ATTRIBUTIVE_RE.search(lead)))


def find_claim(sent: str, offset: int) -> Claim | None:
    """The claimant of a sentence ("according to X", "X said", "…, X said"), or ``None``."""
    def clean(np: str) -> str:
        np = _NP_CUT_RE.sub("", np).strip(" ,;:\"“”’'").rstrip(".")
        return re.sub(r"^(?:and|but)\s+", "", np, flags=re.IGNORECASE)

    m = _ACCORDING_RE.search(sent)
    if m:
        np = clean(m.group("np"))
        if np:
            st = offset + m.start("np")
            return Claim(np, st, st + len(np), offset)
    m = _PREPOSED_RE.search(sent)
    if m and re.fullmatch(r"warned|told|tells|warns", m.group("verb"), re.IGNORECASE) and \
            re.match(r"\s+(?!that\b)(?:[\w,'’-]+\s+){1,10}?to\s+\w+", sent[m.end("verb"):]):
        m = None  # "warned the residents to leave": an order, not a report
    if m and not _NP_BAD_RE.search(m.group("np")) and not _passive_say(sent, m.start("verb")):
        np = clean(m.group("np"))
        if np and not re.fullmatch(r"(?:it|they|he|she|we|i)", np, re.IGNORECASE):
            st = offset + m.start("np")
            return Claim(np, st, st + len(np), offset + m.end("verb"),
                          bool(_DENY_RE.fullmatch(m.group("verb"))))
    m = _POSTPOSED_RE.search(sent)
    if m and m.group("np2") and _REPORTED_RE.search(m.group("np2")):
        # "Kyiv wary, says Snihurivka retaken": what follows is what is said; the speaker is
        # the name that opens the clause before the verb
        c0 = max(sent.rfind(";", 0, m.start()), sent.rfind(":", 0, m.start())) + 1
        who = _SPEAKER_RE.match(sent, c0)
        if who is None:
            return None
        st = offset + who.start("np")
        return Claim(who.group("np"), st, st + len(who.group("np")), offset + m.end("verb2"),
                     bool(_DENY_RE.fullmatch(m.group("verb2"))))
    if m:
        key = "np1" if m.group("np1") else "np2"
        np = clean(m.group(key))
        verb = m.group("verb1") or m.group("verb2")
        if np and not _NP_BAD_RE.search(np) and not (key == "np1" and _passive_say(
                sent, m.start("verb1"))):
            st = offset + m.start(key)
            return Claim(np, st, st + len(np), offset, bool(_DENY_RE.fullmatch(verb)))
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


def clause_of(sent: Sentence, pos: int) -> tuple[int, int]:
    """The clause of ``sent`` that holds ``pos`` (the whole sentence between clauses)."""
    for a, b in sent.clauses:
        if a <= pos < b:
            return a, b
    return sent.start, sent.end


def excluded(f: Feature, sent: Sentence) -> bool:
    """Inside an actor's name or the claimant's words."""
    if sent.claim and sent.claim.start <= f.start and f.end <= sent.claim.end:
        return True
    return any(a.start <= f.start and f.end <= a.end for a in sent.actors)



def is_negated(text: str, sent: Sentence, trig: Trigger | None, pos: int, cat: str | None
               ) -> bool:
    """Whether the event of ``trig`` at a place at ``pos`` is negated: "not" / "never" / "no
    longer" before the trigger, "no … were", a denial that covers ``pos``, a report called
    untrue ("reports that … are not true"), or a failed attempt (category ``fail``)."""
    negated = False
    if trig is not None:
        c0, c1 = clause_of(sent, trig.start)
        lead = text[max(c0, trig.start - 30):trig.start]
        if _NEG_RE.search(lead) or (_NO_WERE_RE.search(text[c0:c1]) and trig.cat != "fail") or (
                trig.cat in _NOMINAL and _NO_NOUN_RE.search(lead)):
            negated = True
    if sent.claim and sent.claim.denial and pos >= sent.claim.verb_end and not \
            _DENIAL_END_RE.search(text, sent.claim.verb_end, pos):
        negated = True  # what is denied, up to ", saying …" (what the denier asserts)
    return negated or cat == "fail" or refuted(text, sent.start, sent.end, pos)
