"""Events: what happened at each located place, who did it, who holds it, who says so.

:func:`annotate` reads the sentence (and clause) each feature's mention sits in and fills the
event fields of :class:`~geoevents.model.Feature`: ACLED event and sub-event type, the actors
and their sides, the control status, fatalities, the claimant and negation. The rules are
specified in docs/events.md. The parts: :mod:`.sides` (the sides table), :mod:`.triggers`
(the trigger lexicons), :mod:`.sentence` (one sentence analysed), :mod:`.roles` (which trigger
governs which place, and who does it), :mod:`.control` (control status) and :mod:`.classify`
(the one table from cue to ACLED event type and status rule).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Feature, Theatre
from ..text import SpanIndex, sentences, starting_within
from ._attack_on import attack_on
from ._both import both_towns
from ._camp import local_camp
from ._dateline import is_dateline
from ._district import district_places, is_district, unit_before
from ._ellipsis import ellipsis_holds
from ._entry import holder_entries
from ._former import former_hold
from ._garrison import garrison_loser
from ._in_name import drop_name_triggers
from ._inside import advance_inside
from ._it_holds import it_holds
from ._locator import locators_to_places, regional
from ._lost import out_of_control
from ._modifier import names_region
from ._natural import names_nature
from ._parse import parse_enabled, second_opinion
from ._parts import part_of_place
from ._periods import report_year
from ._speaker import said_in
from ._voice import dateline_voice, our_forces, voiced_liberation
from .classify import classify
from .control import (
    Scene,
    held_phrase,
    is_region,
    pronoun_hold,
    settle,
    stated_contested,
    the_town,
)
from .roles import (
    NOT_ORIGIN,
    agent_of,
    counterpart,
    governing_trigger,
    is_exposed,
    is_landmark,
    is_origin,
    loser_after,
    unarmed_relative,
)
from .sentence import Sentence, Trigger, analyse_sentence, excluded, is_negated
from .sides import INTER, ActorMatch, SideRule, SideTable, load_sides
from .triggers import TERRITORIAL, TRIGGERS

__all__ = ["INTER", "TRIGGERS", "ActorMatch", "SideRule", "SideTable", "annotate",
           "load_sides", "report_country"]

def report_country(features: Iterable[Feature]) -> str | None:
    """The report's country: the commonest ``country`` of its features, areas (countries,
    regions) counting only when nothing else does; ties go to the first named. ``None`` when
    no feature has one."""
    feats = list(features)
    for pool in ([f for f in feats if not is_region(f)], feats):
        counts = Counter(f.country for f in pool if f.country)
        if counts:
            best = max(counts.values())
            return next(f.country for f in pool if f.country and counts[f.country] == best)
    return None


def annotate(text: str, features: Sequence[Feature], *, sides: SideTable | None = None,
             country: str | None = None, theatre: Theatre | None = None) -> list[Feature]:
    """Fill the event fields of each feature from the sentence its mention sits in.

    Fills the event fields of the features in place (as every stage after extraction fills
    the fields it owns: README, "The pipeline") and returns them in a new list.

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
    theatre : Theatre, optional
        Where the report is known to be from (``--country``): without ``country``, the
        report's country is voted among the features in the theatre's countries first
        (docs/events.md, "The theatre").

    Returns
    -------
    list of Feature
        The same features, in the same order, with ``event_type``, ``sub_event_type``,
        ``actor1``, ``side1``, ``actor2``, ``side2``, ``status``, ``side``, ``fatalities``,
        ``claimed_by`` and ``negated`` set (None/False where the text says nothing), and one
        ``explain`` line saying why.
    """
    table = sides if sides is not None else load_sides()
    raw = table.matches(text)
    if country is None:
        named = _Within(table.sided(text, raw))
        pool = [f for f in features if not named.holds(f.start, f.end)]
        if theatre is not None and theatre.countries:
            country = report_country([f for f in pool if f.country in theatre.countries])
        country = country or report_country(pool) or report_country(features)
    cc = country
    year = report_year([f.report_date for f in features], [f.date for f in features])
    actors = table.sided(text, raw, country=cc, year=year)  # in text order
    spans = sentences(text)
    # "our troops" in a briefing filed from a capital: that state's forces
    voice = dateline_voice(text, features, spans)
    actors = our_forces(text, actors, voice)
    actor_starts = [a.start for a in actors]
    index = SpanIndex(spans)
    feature_starts = [f.start for f in features]
    in_order = all(a <= b for a, b in itertools.pairwise(feature_starts))
    districts = district_places(text, features)
    done: dict[int, Sentence] = {}
    found: list[tuple[Feature, dict[str, Any]]] = []  # read first, filled in after
    for f in features:
        idx = index.find(f.start)
        if idx is None:
            continue
        s, e = spans[idx]
        sent_feats = (features[starting_within(feature_starts, s, e)] if in_order else
                      [g for g in features if s <= g.start < e])
        if idx not in done:
            done[idx] = drop_name_triggers(analyse_sentence(
                text, s, e, actors[starting_within(actor_starts, s, e)], actors), sent_feats)
        sent = done[idx]
        values = _annotate_one(text, f, sent, sent_feats, table, cc, actors, districts,
                               voice)
        camp = local_camp(values.get("side"), sent.actors, table, cc, year)
        if camp != values.get("side"):  # "French and Malian troops took X": Mali's camp
            values["_why"] += f"; a foreign ally's claim with {camp}'s own forces: {camp}"
            values["side"] = camp
        found.append((f, values))
    for f, values in found:
        f.explain = [*f.explain, values.pop("_why")]
        for key, value in values.items():
            setattr(f, key, value)
    out = list(features)
    the_town(text, spans, features, out, actors)
    ellipsis_holds(text, spans, out)  # "X is in federal hands, as is Y"
    both_towns(text, spans, out, actors)  # "… X and Y. Both towns are held by Z"
    it_holds(text, spans, out, actors)  # "X … is cut off. It remains under Y's control"
    locators_to_places(text, out)  # "X, …, some 25 km south of Y, remains …": X's state
    holder_entries(out)  # "X seized by Y … Y's fighters entered X": Y's own taking
    if parse_enabled():  # opt-in: a dependency parse reads what the grammar left open
        second_opinion(text, spans, out, actors)
    return out



class _Within:
    """Non-overlapping spans in text order (the actors named): does one hold a range."""

    def __init__(self, actors: list[ActorMatch]) -> None:
        self._spans = [(a.start, a.end) for a in actors]
        self._starts = [s for s, _ in self._spans]

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._spans[i][1]


#: relations of a place's edge: a force there is near the place, not in it
_EDGES = frozenset({"edge", "outskirts"})

_BLANK = {"event_type": None, "sub_event_type": None, "actor1": None, "side1": None,
          "actor2": None, "side2": None, "status": None, "side": None, "fatalities": None,
          "claimed_by": None, "negated": False}


def _no_event(text: str, f: Feature, sent: Sentence) -> str | None:
    """Why the mention ``f`` carries no event whatever its sentence says, or None."""
    if excluded(f, sent):
        return "the mention is part of an actor's or claimant's name"
    if is_dateline(text, f, sent):
        return "the dateline: where the report was filed"
    if said_in(text, f.start):
        return "where a statement was made"
    if names_nature(text, f):
        return "a river's or valley's name, not the town's"
    return None


def _counts_fatalities(text: str, f: Feature, sent: Sentence, feats: list[Feature]) -> bool:
    """Whether ``f`` is the sentence's first place (not a landmark or an actor's name), the
    one its fatalities are counted at."""
    first = next((g for g in feats if not excluded(g, sent)
                  and not is_landmark(text, g, feats)), None)
    return first is not None and (first is f or (first.start < f.end and f.start < first.end
                                                 and first.start == f.start))


def _said_or_region(text: str, f: Feature, trig: Trigger | None, status: str | None,
                    side: str | None, why: list[str], *, stated: bool
                    ) -> tuple[str | None, str | None]:
    """The status and side of ``f`` once a place said to be contested in so many words
    (``stated``) is contested, and the name of a region or route has no control status; each
    change is said in ``why``."""
    if stated and status in (None, "unknown", "advancing"):
        status, side = "contested", None  # "X is contested", in so many words
        why.append("said to be contested")
    if status in ("held", "contested", "lost", "advancing") and names_region(text, f.start, f.end,
                                           defence=trig is not None and trig.cat == "defend"):
        status, side = None, None  # "fighting in the X countryside": no state of X
        why.append("the name of a region or route: no control status")
    return status, side


def _part_only(text: str, f: Feature, trig: Trigger | None, cat: str | None,
               held: Any, districts: frozenset[str]) -> bool:
    """Whether a taking or hold of ``f`` is of a part or a facility of the place ("took the
    port of X"), not of the place (a district named with its unit word excepted)."""
    return (cat == "take" or held is not None) and part_of_place(
        text, f, trig if cat == "take" else None) and not (
        is_district(f, districts) and unit_before(text, f))


def _annotate_one(text: str, f: Feature, sent: Sentence, feats: list[Feature],
                  table: SideTable, cc: str | None, all_actors: list[ActorMatch],
                  districts: frozenset[str] = frozenset(),
                  voice: ActorMatch | None = None) -> dict:
    """The event fields of ``f`` (and ``_why``, its explain line) from its sentence; an area
    of ``districts`` is held or fought over as a whole; ``voice``: the state a briefing
    filed from its capital speaks for (``_voice``)."""
    blank = dict(_BLANK)
    skip = _no_event(text, f, sent)
    if skip is not None:
        return {**blank, "_why": f"event: none ({skip})"}
    landmark = is_landmark(text, f, feats)
    claimed = sent.claim.claimant if sent.claim else None
    out = dict(blank, claimed_by=claimed)
    trig = None if landmark else governing_trigger(text, f, sent, feats, all_actors)
    if not landmark and is_exposed(text, f, sent):
        return {**blank, "claimed_by": claimed,
                "_why": "event: none (a consequence or a threat: 'left X exposed')"}
    # "the army garrison in X surrendered", "the rebels' hold on X ended": a loss, no hold
    given_up = None if landmark else garrison_loser(text, f, sent)
    held = None if landmark or given_up else held_phrase(text, f, sent, feats)
    if held is None and trig is None and not landmark:  # "They have held X since April"
        held = pronoun_hold(text, f, sent, all_actors)
    if trig is not None and trig.cat not in NOT_ORIGIN and is_origin(text, f, sent):
        if held is None:
            return {**blank, "claimed_by": claimed,
                    "_why": "event: none (an origin: where the attack came from)"}
        trig = None  # "fighters from X, a government-held town, …": the hold, not the attack
    if held is not None and trig is None and former_hold(text, f, sent, held[0]):
        held = None  # "X had been under IS control since 2014": a former state
    stated = not landmark and held is None and stated_contested(text, f, sent)
    # "X was completely out of their control": a loss, said with a noun
    loser = given_up or (None if landmark or held is not None else
                         out_of_control(text, f, sent))
    if trig is None and held is None and not stated and loser is None and (
            sent.fatalities is None or landmark):
        return {**blank, "claimed_by": claimed,
                "_why": "event: none in its sentence" if not landmark
                else "event: none (a landmark locating another place)"}
    why = []
    # who
    agent = agent_of(text, trig, sent, all_actors) if trig else None
    cat = trig.cat if trig else None
    dropped = loser_after(text, trig, sent) if trig and agent is None else None
    if agent is None:  # "X was liberated", in a briefing filed from a capital
        agent = voiced_liberation(trig, sent, voice)
    if cat in TERRITORIAL and held is None and unarmed_relative(text, trig, sent):
        return {**blank, "claimed_by": claimed,
                "_why": f"event: none ({trig.text!r} said of people who are no actor)"}
    if cat == "fled":
        cat = "lose" if agent is not None and agent.armed else "displace"
    other = None
    if dropped is not None:  # "X retaken as Y pull out": Y lost X, it did not take it
        other = dropped
    elif trig is not None:
        agent, other = counterpart(sent, agent, cat,
                                   trigger_start=None if trig.passive else trig.start,
                                   text=text)
    if agent is not None:
        out.update(actor1=agent.text, side1=agent.side)
    if other is not None:
        out.update(actor2=other.text, side2=other.side)
    # a negation is of its own verb: "X still control Y, and Z have not attacked them" denies
    # the attack, not the holding
    negated = is_negated(text, sent, trig, f.start, cat) and not (
        held is not None and cat not in TERRITORIAL)
    # what
    event_type, sub_event_type, status, side = classify(
        cat, Scene(text, trig, agent, other), nofight=sent.nofight, table=table, country=cc)
    out.update(event_type=event_type, sub_event_type=sub_event_type)
    if trig is not None:
        why.append(f"event: {trig.text!r} → {event_type} / {sub_event_type}")
    status, side, notes = settle(status, side, cat=cat, negated=negated, held=held,
                                 region=(is_region(f) or regional(f))
                                 and not is_district(f, districts),
                                 edge=f.relation in _EDGES)
    why.extend(notes)
    status = advance_inside(status, text, trig.start if trig else None, f.start, why)
    attacked = attack_on(status, cat, text, trig.start if trig else None, f.start, agent,
                         negated, why)
    if attacked is not None:  # "attacked X": an advance on X by the attacker
        status, side = attacked
    if status == "held" and _part_only(text, f, trig, cat, held, districts):
        status = "contested"  # "took the port of X": fighting in X, not its fall
        why.append("a part or a facility of the place")
    if loser is not None and not negated and (trig is None or cat not in TERRITORIAL):
        status, side = "lost", loser.side
        why.append(f"out of the control of {loser.text!r}")
    status, side = _said_or_region(text, f, trig, status, side, why,
                                   stated=stated and not negated)
    out.update(status=status, side=side, negated=negated)
    if sent.fatalities is not None and _counts_fatalities(text, f, sent, feats):
        out["fatalities"] = sent.fatalities
        why.append(f"fatalities {sent.fatalities}")
    if out["fatalities"] is None and trig is None and held is None and not stated and (
            loser is None):
        return {**blank, "claimed_by": claimed, "_why": "event: none in its sentence"}
    why.append(f"status {status}" + (f" ({side})" if side else ""))
    out["_why"] = "; ".join(why + ([f"claimed by {claimed!r}"] if claimed else []))
    return out
