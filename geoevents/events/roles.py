"""Roles in a sentence for the event reader: which trigger governs which place, who does
it, which places are only landmarks, origins or consequences (docs/events.md)."""

from __future__ import annotations

import bisect
import re

from ..model import Feature
from ._conjunct import sided_conjunct
from ._nonrestrictive import set_off_relatives
from ._speaker import LIBERATED_RE, speaker_actor
from .sentence import Sentence, Trigger, clause_of, excluded
from .sides import ActorMatch
from .triggers import TERRITORIAL

# a relative clause: its actors are never the subject of the main clause's verbs
_RELATIVE_RE = re.compile(r"^(?:which|who|whom|whose|that|where)\b", re.IGNORECASE)
# a subject-less clause: "after advancing to …", ", and have taken …", a participle
_SUBJECTLESS_RE = re.compile(
    r"^(?:,?\s*(?:and|then|before|after|while|when|since|as|by|having)\s+)?(?:(?:has|have|had|"
    r"were|was|are|is)\s+)?(?:\w+ly\s+|also\s+|then\s+|now\s+)?\w+(?:ing|ed)\b|"
    r"^,?\s*(?:and|then)\s+(?:(?:has|have|had|were|was|are|is)\s+)?(?:also\s+|then\s+|now\s+)?"
    r"\w+", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?:it|they|its|their|them|we|our)\b", re.IGNORECASE)
#: a new clause between a verb and a place after it: ", the army said,", ", bringing …"
_CLAUSE_BREAK_RE = re.compile(r",\s*(?:[\w'’-]+\s+){0,4}?(?:said|says|told|reported|added)\b"
                              r"|,\s*(?!including\s)[a-z]+ing\s")
#: a nominal event after a place that is the circumstance of the verb before it: "… on
#: Monday in a fresh offensive", "… during an assault"
_CIRCUMSTANCE_RE = re.compile(r"\s+(?:on\s+\w+\s+)?(?:in|during|as\s+part\s+of)\s+(?:a|an|the|its|"
                              r"their)\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE)
#: a sentence opening with a nominal taking: "With the capture of X, …", "After the
#: seizure of X, …" (not "the fall of X": whoever opens the main clause may have lost it)
_OPENING_CAPTURE_RE = re.compile(r"\s*(?:With|After|Following)\s+(?:the|its|their)\s+"
                                 r"(?:capture|seizure|recapture)\s+of\b")
#: the kind of the places after a word: "<Azerbaijani> towns of A and B"
_KIND_AFTER_RE = re.compile(r"\s+(?:towns|villages|cities|settlements|localities|districts)"
                            r"\s+of\s", re.IGNORECASE)
#: a possessive before a common noun: "Y's defences" (a noun phrase of its own)
_POSSESSOR_RE = re.compile(r"['’]s\s+[a-z]")
#: a conjunct's lead: ", ", " and ", " and the village of " (the kind of the next place);
#: after a bracketed note ("A (Monday), B"), or dots ("A... B... and C": round fourteen)
_CONJ_RE = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:,|,?\s*(?:and|or)|(?:\.\.\.|…)(?:\s*and)?)"
                      r"\s*(?:the\s+(?:town|city|village|settlement|hamlet)s?\s+of\s+)?$",
                      re.IGNORECASE)
#: a coordinated clause with its own pronoun subject: ", and it / they …"
_NEW_CLAUSE_RE = re.compile(r",\s*(?:and|but|while)\s+(?:it|they|he|she|we)\b", re.IGNORECASE)
#: a region's listed places: "retook most of X province (since May), including A and B"
_INCLUDED_RE = re.compile(r"(?:\s+(?:since|in|by)\s+[\w-]+(?:\s+[\w-]+){0,4}?)?\s*,\s*(?:including|"
                          r"such\s+as|notably|among\s+them)\s+(?:the\s+(?:towns?|villages?|cities|"
                          r"city|settlements?)\s+of\s+)?", re.IGNORECASE)
LANDMARK_RE = re.compile(
    r"\s*,?\s*(?:(?:some |about |around )?(?:to|in|on|at) the (?:[\w-]+ ){0,2}?(?:north|south|east|"
    r"west|edge|outskirts|side|part|heart|centre|center|approaches)\w*(?:[- ]?\w+)? of|"
    r"(?:north|south|east|west)\w*(?:[- ](?:north|south|east|west)\w*)? of|of|near|outside|"
    r"in|inside|on|at|close to|not far from|overlooking|in the \w+ of)\s+(?:the\s+)?$",
    re.IGNORECASE)



def is_landmark(text: str, f: Feature, feats: list[Feature]) -> bool:
    """Whether ``f`` only locates an earlier feature of the sentence ("X to the west of f")."""
    for g in feats:
        if g is f or g.end > f.start or g.start >= f.start:
            continue
        if LANDMARK_RE.fullmatch(text[g.end:f.start] + " ") or \
                LANDMARK_RE.fullmatch(text[g.end:f.start]):
            return True
    return False


def governed(text: str, t: Trigger, sent: Sentence, feats: list[Feature]) -> list[Feature]:
    """The features a trigger applies to (docs/events.md, "Which trigger governs a feature")."""
    c0, c1 = clause_of(sent, t.start)
    inside = [g for g in feats if c0 <= g.start < c1 and not excluded(g, sent)]
    if t.cat not in TERRITORIAL:
        return [g for g in inside if not is_landmark(text, g, feats)]
    passive = t.passive or t.cat == "fall"
    if passive:
        pool = sorted([g for g in inside if g.end <= t.start], key=lambda g: -g.end)
    else:
        pool = sorted([g for g in inside if g.start >= t.end - 1], key=lambda g: g.start)
    # "the Azerbaijani towns of A and B": a country's word before the kind is no object
    pool = [g for g in pool if not is_landmark(text, g, feats)
            and not _KIND_AFTER_RE.match(text, g.end)]
    if not pool:
        return []
    if passive:  # "X, the capital of Y province, fell to …": X, not the place inside
        pool = [g for g in pool if not any(
            h.end <= g.start and _APPOSED_SUBJECT_RE.fullmatch(text, h.end, t.start)
            for h in pool)] or pool
    head = pool[0]
    if not passive and _CLAUSE_BREAK_RE.search(text, t.end, head.start):
        return []  # "troops pulled out, the army said, bringing the rebels near X"
    if t.cat == "fallof" and not re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?",
                                              text[t.end:head.start], re.IGNORECASE):
        return []
    chosen = [g for g in inside if g.start < head.end and head.start < g.end]
    prev = head
    for g in pool[1:]:
        gap = text[prev.end:g.start] if not passive else text[g.end:prev.start]
        if any(g.start < c.end and c.start < g.end for c in chosen):
            continue
        if not passive and _POSSESSOR_RE.match(text, g.end):
            break  # "took X airport, Y's defences collapsed": Y owns the next clause's noun
        if _CONJ_RE.fullmatch(" " + gap) or _CONJ_RE.fullmatch(gap) or (
                not passive and prev is head and head.kind == "area"
                and head.relation == "place" and _INCLUDED_RE.fullmatch(gap)):
            chosen.extend(x for x in inside if x.start < g.end and g.start < x.end)
            prev = g
        else:
            break
    return chosen


def agent_of(text: str, t: Trigger, sent: Sentence, all_actors: list[ActorMatch]
           ) -> ActorMatch | None:
    """Who does what the trigger says (docs/events.md, "Actors and sides")."""
    t_clause = clause_of(sent, t.start)
    set_off = [(x, y) for x, y in set_off_relatives(text, sent.start, sent.end)
               if not x <= t.start < y]

    def usable(a: ActorMatch) -> bool:
        in_ally = any(x <= a.start < y for x, y in sent.allies) or any(
            x < a.start < y for x, y in set_off)
        in_claim = sent.claim is not None and sent.claim.start <= a.start < sent.claim.end
        a_clause = clause_of(sent, a.start)
        # (its longest word and the character after it: not a copy of the rest of the text)
        relative = a_clause != t_clause and bool(
            _RELATIVE_RE.match(text[a_clause[0] : a_clause[0] + 6]))
        return not in_ally and not in_claim and not relative

    if t.cat == "fallof" and not re.match(r"(?:its|their)\b", t.text, re.IGNORECASE):
        # "the fall of X to Y", "the capture of X by Y", "Y's capture of X"; else no taker
        c1 = clause_of(sent, t.start)[1]
        m = re.match(r"\s*(?:[\w'’-]+\s+){1,6}?(?:to|by)\s", text[t.end:c1])
        for a in sent.actors:
            if a.end <= t.start and a.armed and a.side and _ANNOUNCED_RE.fullmatch(
                    text, a.end, t.start):
                return a  # "the army announced the capture of X": its own taking
            if not usable(a):
                continue
            if m and t.end + m.end() <= a.start <= t.end + m.end() + 4:
                return a
            if a.end <= t.start and re.fullmatch(r"(?:['’]s?)?\s+", text[a.end:t.start]):
                return a
        if _OPENING_CAPTURE_RE.match(text, sent.start) and t.start - sent.start < 30:
            # "With the capture of X on 29 October, Y forces now control …": the main
            # clause's subject took X
            comma = text.find(",", t.end, sent.end)
            after = [a for a in sent.actors if comma >= 0 and comma < a.start <= comma + 30
                     and a.armed and a.side and usable(a)]
            if after:
                return after[0]
        for a in sent.actors:  # "the capture of X, which Y completed in May"
            if a.start > t.end and _FALLOF_WHICH_RE.fullmatch(text, t.end, a.start) and \
                    _COMPLETED_RE.match(text, a.end):
                return a
        return None
    if t.passive or t.cat == "fall":
        c1 = clause_of(sent, t.start)[1]
        m = re.match(r"\s*(?:\w+\s+){0,3}?(?:by|to)\s", text[t.end:c1])
        if m is None and t.cat == "fall" and re.search(r"to$", t.text):
            # "X, the rebels' stronghold, fell to the police": the trigger holds the "to"
            m = re.match(r"\s*(?:the\s+)?", text[t.end:c1])
        if m:
            return next((a for a in sent.actors if t.end <= a.start <= t.end + m.end() + 3
                         and usable(a)), None)
        if t.cat == "take" and sent.claim is not None and sent.claim.verb_end <= t.start:
            # "Kyiv says Kupiansk retaken": no taker named, the claimant claims the taking
            own = next((a for a in sent.actors if sent.claim.start <= a.start < sent.claim.end
                        and a.armed and a.side), None)
            if own is None and LIBERATED_RE.match(t.text):
                # "Ukrainian officials said X had been liberated": by the speaker's side
                own = speaker_actor(sent.claim.claimant, sent.claim.start, sent.claim.end)
            return own
        return None
    # an actor whose name contains the trigger ("a US air strike", "Russian warplanes"), or
    # one the trigger names ("the withdrawal of Ukrainian troops from X")
    for a in sent.actors:
        if (a.start <= t.start < a.end or (t.start < a.start < t.end and t.text.lower(
                ).startswith("withdrawal"))) and usable(a):
            return a
    if t.text.lower().startswith("withdrawal"):  # a nominal one: its subject, in its clause
        named = [a for a in sent.actors if t_clause[0] <= a.start and a.end <= t.start
                 and usable(a)]
        return named[-1] if named else None
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
                # the last armed actor before the sentence (all_actors: in text order,
                # disjoint, so their ends ascend)
                i = bisect.bisect_right(all_actors, sent.start, key=lambda a: a.end)
                return next((all_actors[j] for j in range(i - 1, -1, -1)
                             if all_actors[j].armed), None)
    return sided_conjunct(text, before) or nearest


#: a noun-phrase apposition between a passive's subject and its verb: "X, the capital of Y
#: province, fell to …", "X, a town of 20,000, was recaptured …"
_APPOSED_SUBJECT_RE = re.compile(
    r"\s*,\s*(?:the|an?|its|their|one|some|about|around|nearly|\d)"
    r"(?:[^,;.()]|(?<=\d)[,.](?=\d)){1,100},\s*"
    r"(?:(?:has|had|have|was|were|is|are)\s+(?:been\s+)?)?(?:(?:\w+ly|also|now|then|later)\s+){0,2}",
    re.IGNORECASE)
#: "Y (has) announced / claimed / declared / confirmed": Y announces its own taking
_ANNOUNCED_RE = re.compile(r"\s+(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(?:announced|announces|"
                           r"claimed|claims|declared|declares|confirmed|confirms|celebrated)\s+",
                           re.IGNORECASE)
#: "the capture of X, which …" and "… Y completed/achieved …": Y is the taker
#: (the object may carry an apposition: "the capture of X and Y, the largest, which …")
_FALLOF_WHICH_RE = re.compile(r"\s+(?:of\s+)?(?:the\s+)?[^,;.]{1,50}(?:,[^,;.]{1,40})?,\s+"
                              r"(?:which|that)\s+(?:the\s+)?", re.IGNORECASE)
_COMPLETED_RE = re.compile(r"\s+(?:had\s+|has\s+)?(?:\w+ly\s+)?(?:completed|finished|"
                           r"achieved|accomplished|secured|announced|claimed)\b", re.IGNORECASE)


#: verbs whose agent is their subject: an actor after them is not the one who acts
_ACTIVE_TAKING = frozenset({"take", "enter", "advance"})
#: … and of losing, when a semicolon parts the actor from it: "the clan fighters abandoned X;
#: Ethiopian troops entered the town" is no Ethiopian loss (round fourteen)
_ACTIVE_LOSING = frozenset({"lose", "fled"})
#: categories whose "from X" is what the verb is about ("withdrew from X", "drove … from X")
NOT_ORIGIN = frozenset({"take", "lose", "fled", "displace", "fall", "fallof", "prox"})
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


def is_origin(text: str, f: Feature, sent: Sentence) -> bool:
    """Whether ``f`` is where an attack or advance came from ("attacking from (the direction
    of) X"), not where it happened."""
    c0 = clause_of(sent, f.start)[0]
    m = _ORIGIN_RE.search(text, c0, f.start)
    return m is not None and not _NOT_ORIGIN_LEAD_RE.search(text, c0, m.start())



def is_exposed(text: str, f: Feature, sent: Sentence) -> bool:
    """Whether ``f`` is the object of "left / would leave X exposed / isolated / cut off": a
    consequence or a threat, not a battle site."""
    return bool(_EXPOSED_BEFORE_RE.search(text[clause_of(sent, f.start)[0]:f.start])
                and _EXPOSED_AFTER_RE.match(text, f.end))


#: a destination just before a place: "towards X", "in the direction of X"
_DESTINATION_RE = re.compile(r"\b(?:towards?|in\s+the\s+direction\s+of)\s+(?:the\s+)?$",
                             re.IGNORECASE)


#: a clause that is a relative describing what comes before it: "…, which links A to X"
_RELATIVE_OPEN_RE = re.compile(r"[\s,]*which\b", re.IGNORECASE)


def governing_trigger(text: str, f: Feature, sent: Sentence, feats: list[Feature],
                      all_actors: list[ActorMatch]) -> Trigger | None:
    """The trigger that governs ``f``: the nearest one that governs it (preferring one before
    it); else the nearest non-territorial trigger outside its clause; else, for the first
    place of a sentence that names a killing and no weapon, that killing."""
    best: tuple[float, Trigger] | None = None
    for t in sent.triggers:
        if f not in governed(text, t, sent, feats):
            continue
        if t.cat == "prox":
            ag = agent_of(text, t, sent, all_actors)
            if ag is None or not ag.armed:
                continue
        if t.cat == "siege" and t.passive and agent_of(text, t, sent, all_actors) is None:
            continue  # "a village surrounded by fields"
        dist = f.start - t.end if t.end <= f.start else (t.start - f.end) + 0.5
        if t.start >= f.end and _NEW_CLAUSE_RE.search(text, f.end, t.start):
            dist += len(text)  # "took A, and it shells B": a trigger before governs first
        if t.start >= f.end and _CIRCUMSTANCE_RE.fullmatch(text, f.end, t.start):
            dist += len(text)  # "took A and B on Monday in a fresh offensive": the taking's
        dist = max(dist, 0)
        if best is None or dist < best[0]:
            best = (dist, t)
    if best is not None:
        return best[1]
    # sentence level: the nearest non-territorial trigger, unless the place is where people
    # are heading ("streamed out of X towards Y as fighting …")
    c0, c1 = clause_of(sent, f.start)
    others = [t for t in sent.triggers if t.cat not in TERRITORIAL and not (c0 <= t.start < c1)]
    if others and not _DESTINATION_RE.search(text, max(c0, f.start - 40), f.start) and not (
            c0 > sent.start and _RELATIVE_OPEN_RE.match(text, c0)):
        return min(others, key=lambda t: abs(t.start - f.start))
    if sent.kill is not None and f is next(
            (g for g in feats if not excluded(g, sent) and not is_landmark(text, g, feats)), None):
        return sent.kill  # a killing, no weapon named: an armed clash where it was
    return None


#: a subject relative before the verb: "… who left X", "… who had fled X"
_WHO_BEFORE_RE = re.compile(r"(?P<head>\S)\s*,?\s+(?:who|that)\s+(?:(?:had|have|has)\s+)?"
                            r"(?:(?:just|recently|also)\s+)?$", re.IGNORECASE)


def unarmed_relative(text: str, t: Trigger, sent: Sentence) -> bool:
    """Whether the trigger is the verb of a subject relative ("… who left X") whose head noun
    is no actor: "Aid workers who left Makeni said …" is people leaving, not a side's loss
    (docs/events.md, "Round twelve")."""
    m = _WHO_BEFORE_RE.search(text, max(sent.start, t.start - 40), t.start)
    if m is None:
        return False
    head_end = m.end("head")
    return not any(a.end == head_end for a in sent.actors)


def loser_after(text: str, t: Trigger, sent: Sentence) -> ActorMatch | None:
    """For a passive taking with no taker ("X retaken as Y pull out", "X was recaptured,
    while Y fell back"): the armed actor after it that is the subject of a verb of losing
    within a few words, the side that lost X (docs/events.md, "Round twelve"); else None."""
    if not (t.passive and t.cat == "take"):
        return None
    for a in sent.actors:
        if a.start < t.end or not (a.armed and a.side):
            continue
        if any((u.cat == "lose" or re.match(r"f(?:ell|alls|allen) back", u.text, re.I))
               and 0 <= u.start - a.end <= 12 for u in sent.triggers):
            return a
        return None
    return None


def counterpart(sent: Sentence, agent: ActorMatch | None, cat: str | None, *,
                trigger_start: int | None = None, text: str = ""
                ) -> tuple[ActorMatch | None, ActorMatch | None]:
    """``(actor1, actor2)``: the agent, and another actor of the sentence on a different side
    (civilians first for violence against them, else armed actors first; allies and the
    claimant never); with no agent, that other actor becomes the agent (except for violence
    against civilians, a nominal "the fall of X", and an actor named after a verb of taking,
    entering or advancing at ``trigger_start``: "marines raised the flag over X, ending the
    Russian occupation" is no Russian taking; nor one named after a verb of losing and a
    semicolon in ``text``: "the courts abandoned X; government forces entered the port")."""
    others = [a for a in sent.actors if a is not agent and (agent is None or a.side !=
              agent.side) and not any(x <= a.start < y for x, y in sent.allies)
              and not (sent.claim and sent.claim.start <= a.start < sent.claim.end)]
    if cat in ("civil", "abduct"):
        others = [a for a in others if a.inter == 7] or others
    elif cat in TERRITORIAL:  # civilians hold no ground: "left X to spare civilians"
        others = [a for a in others if a.inter != 7]
    else:
        others = [a for a in others if a.inter != 7] or others
    other = others[0] if others else None
    if agent is None and other is not None and cat not in ("civil", "abduct", "fallof") and not (
            trigger_start is not None and other.start > trigger_start and (
                cat in _ACTIVE_TAKING or (cat in _ACTIVE_LOSING
                and ";" in text[trigger_start:other.start]))):
        agent, other = other, None
    return agent, other
