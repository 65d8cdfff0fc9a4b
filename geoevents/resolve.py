"""Resolution: choose each mention's place from its candidates, using the document's context.

The evidence and its order are specified in docs/resolution.md.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from ._calibration import calibrated, is_terse
from ._coherence import Coherence, Geo, best_of
from ._geodesy import haversine_m
from ._homonyms import (
    DOMINANT_CUE_SHARE,
    FAR_M,
    FAR_MAX_POPULATION,
    INCOHERENT_M,
    drop_far_homonyms,
    drop_far_variants,
    drop_incoherent,
    drop_outside_theatre,
    drop_strays,
)
from ._list_mates import kind_class, settle_list_mates
from ._loose_coherence import cohere_loose, discount_unsupported
from ._named_regions import settle_in_named_regions
from ._normalize import name_key
from ._persons import drop_people
from ._references import link_references
from ._seats import place_seats
from ._theatre import (
    infer_theatre,
    is_loose,
    looseness,
    prune_loose,
    theatre_cues,
    unit_cues,
)
from ._theatre_exact import (
    is_generic,
    keep_capital_in_theatre,
    prune_areas_abroad,
    prune_outside_theatre,
)
from .model import Extraction, Mention, Place, Theatre

__all__ = [
    "DOMINANT_CUE_SHARE", "DOMINANT_REGION_RATIO", "FAR_M", "FAR_MAX_POPULATION", "INCOHERENT_M",
    "LIST_KIND_BONUS", "MAIN_NAME_BONUS", "MAJOR_CITY_POPULATION", "OUTSIDE_PARENT_M",
    "OWN_NAME_CITY_POPULATION", "PARENT_BONUS", "PARENT_NEAR_M", "REGIONAL_WORD_BONUS",
    "SEQUENTIAL_MAX", "SETTLEMENT_FEATURES", "THEATRE_BONUS", "WORLD_CITY_POPULATION",
    "resolve",
]

#: Feature words that name a settlement; other feature words never resolve to one.
SETTLEMENT_FEATURES = {"village", "town", "city", "area", "region", None}
_KIND_FOR_FEATURE = {
    "hill": {"hill", "mountain"}, "mountain": {"hill", "mountain"},
    "neighbourhood": {"neighbourhood", "district"},
    "district": {"neighbourhood", "district", "admin2", "admin1"},
    "base": {"base", "airport"}, "airport": {"airport", "base"},
}


#: Penalty of a match on an alternate name when a place of the same country bears the name as
#: its own (0.25 is worth a hundredfold population).
MAIN_NAME_BONUS = 0.25


#: A city this populous bearing a name as its own (or a place a quarter as populous as the
#: candidate) demotes the candidates of other countries that bear the name only as an
#: alternate name by :data:`MAIN_NAME_BONUS` (:func:`_priors`).
OWN_NAME_CITY_POPULATION = 500_000

#: Weight of a region for a name the text calls a region, province, governorate or oblast.
REGIONAL_WORD_BONUS = 1.0
#: Weight of lying in the user's theatre (``--country``, ``--bbox``): as much as a report
#: whose every cue names the candidate's country.
THEATRE_BONUS = 2.0


class _Prior(NamedTuple):
    """What a candidate's score owes to itself and its mention alone (:func:`_priors`), the
    same in both passes; :func:`_scores` adds what the rest of the document says."""

    size: float  #: log-population (a region named after its city shrunk), + the regional word
    country: str | None
    cue_factor: float  #: 2.0; 1.0 when a world city of another country overshadows it
    bonuses: tuple[float, ...]  #: kind, overlay, theatre, −alternate name: added in this order


def _priors(mention: Mention, places: Iterable[Place], theatre: Theatre | None = None, *,
            regional: bool = False) -> list[_Prior]:
    """The fixed part of the evidence for each of ``places`` (candidates of ``mention``):
    size, the regional word (``regional``: the text says "state", :func:`_said_state`), the
    kind, the user's theatre and the alternate-name penalty."""
    # "Luhansk region", "Idlib governorate", "Washington state"
    regional_word = mention.feature == "region" or regional
    key = name_key(mention.name)
    # a village named like a world city ("Moscow", Idaho's is a town; "Cairo, Illinois") does
    # not win on the report's country alone: the city is named from afar
    world_cities = [(q.country, q.population) for q in mention.candidates
                    if q.population >= WORLD_CITY_POPULATION]
    # the candidates bearing the name as their own
    mains = [(q.country, q.is_area, q.population) for q in mention.candidates
             if name_key(q.name) == key]
    # the names of the candidate towns in each (country, admin1), when first wanted
    towns: dict[tuple[str | None, str | None], list[str]] | None = None
    out: list[_Prior] = []
    for p in places:
        pop = p.population
        if p.kind in ("admin1", "admin2") and not regional_word:
            if towns is None:
                towns = {}
                for q in mention.candidates:
                    if q.is_settlement:
                        towns.setdefault((q.country, q.admin1), []).append(name_key(q.name))
            own_towns = towns.get((p.country, p.admin1))
            if not own_towns and any(
                    country == p.country and q_pop >= MAJOR_CITY_POPULATION and not q_area
                    for country, q_area, q_pop in mains):
                # a major city of the same country bears the name the text uses: the city,
                # as for a region named after its own city ("Washington" is the capital; the
                # state when the text says so, lists states, or names its places)
                own_towns = [key]
            if own_towns:
                # a region named after its own city ("Kunduz", "Kidal", "Tombouctou"): the
                # city, as gazetteers and event datasets code a bare name; the region only
                # when the text says so ("Kidal region") or its context outweighs the city. A
                # region's population is the sum of its places: a twentieth of it; nothing at
                # all when the city bears the region's very name (Kidal), unlike New York City
                # in New York State.
                pop = 0 if name_key(p.name) in own_towns else pop // 20
        s = math.log10(pop + 10) / 8.0
        if regional_word and p.kind in (("admin1",) if regional  # a state: never a county
                                        else ("admin1", "admin2", "region")):
            s += REGIONAL_WORD_BONUS
        overshadowed = bool(world_cities) and any(
            country != p.country and 100 * p.population < big for country, big in world_cities)
        bonuses: tuple[float, ...] = ()
        if p.kind in ("country", "continent") or (p.kind == "region" and p.country is None):
            bonuses += (1.5,)  # (a region of several countries: the Middle East, West Africa)
        if p.id.startswith("overlay:"):
            bonuses += (0.5,)
        if theatre and theatre.contains(p):
            bonuses += (THEATRE_BONUS,)
        if name_key(p.name) != key:
            area = p.is_area
            if any(country == p.country and (area or not q_area)
                   and 100 * q_pop >= p.population for country, q_area, q_pop in mains):
                # within a country, "Maryville" is Maryville, not a town that once bore the
                # name; across countries an alternate name is often the exonym ("Palmyra" for
                # Tadmur); a region's own name does not demote its city ("Tombouctou" for
                # Timbuktu), nor does a hamlet a hundred times smaller (Şanā', population 0,
                # for Sanaa)
                bonuses += (-MAIN_NAME_BONUS,)
            elif any(country != p.country and not q_area and (
                    q_pop >= OWN_NAME_CITY_POPULATION or 4 * q_pop >= p.population)
                     for country, q_area, q_pop in mains):
                # a city known by the name as its own is what the name means, not a place
                # elsewhere that once bore it ("Islamabad" is not Chattogram's old name), nor
                # is a town a quarter of its size ("Tura" is not Tours); smaller namesakes do
                # not demote an exonym ("Palmyra" for Tadmur, seven times Palmyra, NJ)
                bonuses += (-MAIN_NAME_BONUS,)
        out.append(_Prior(s, p.country, 2.0 * (1.0 if not overshadowed else 0.5), bonuses))
    return out


def _scores(priors: list[_Prior], cues: Counter, less: str | None = None) -> list[float]:
    """Evidence for each candidate (higher is better) but its closeness to the document's
    other places (:func:`_closeness`, added last): its :class:`_Prior` and the share of the
    country ``cues`` naming its country, less one cue for the country ``less`` (which
    ``cues`` must count: a mention's own first choice does not vote for itself)."""
    total = sum(cues.values()) - (1 if less else 0)
    out: list[float] = []
    for size, country, cue_factor, bonuses in priors:
        s = size
        if total and country:
            s += cue_factor * (cues.get(country, 0) - (1 if less and country == less else 0)) \
                / total
        for bonus in bonuses:
            s += bonus
        out.append(s)
    return out


#: A settlement this populous is named from afar: a namesake a hundred times smaller in the
#: report's country gets half the country cue (:func:`_priors`).
WORLD_CITY_POPULATION = 1_000_000
#: A city this populous, named by a first- or second-level region of its own country
#: elsewhere, is what the bare name means (:func:`_priors`): Washington, D.C., over the state.
MAJOR_CITY_POPULATION = 500_000

_STATE_AFTER_RE = re.compile(r"\s+state\b", re.IGNORECASE)
_STATE_BEFORE_RE = re.compile(r"\bstate\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _said_state(text: str, m: Mention) -> bool:
    """Whether the text calls the name a state: "Washington state", "the state of
    Washington" (a regional word, as "province" or "oblast" after a name)."""
    return bool(text) and (_STATE_AFTER_RE.match(text, m.end) is not None
                           or _STATE_BEFORE_RE.search(text, max(0, m.start - 16), m.start)
                           is not None)


#: A first-level region this many times as populous as every other candidate of its name is
#: as good as unambiguous: a country cue (:func:`resolve`).
DOMINANT_REGION_RATIO = 100


def _dominant_region(cands: Iterable[Place]) -> Place | None:
    """The first-level region that dwarfs a name's other candidates ("England", 63 million,
    beside a village of 2,800 in Arkansas), or None."""
    ranked = sorted(cands, key=lambda p: -p.population)
    top = ranked[0]
    if (top.kind == "admin1" and top.country and len(ranked) > 1
            and top.population >= DOMINANT_REGION_RATIO * ranked[1].population):
        return top
    return None


def _compatible(p: Place, mention: Mention) -> bool:
    feat = mention.feature
    if mention.role != "named" or feat in SETTLEMENT_FEATURES:
        return True
    if mention.in_name and p.is_settlement:
        return True  # "Tal Abyad", "Kafr Nabl", "Deir Hafer": towns named after a hill, a monastery
    return p.kind in _KIND_FOR_FEATURE.get(feat, {feat})


def resolve(ex: Extraction, *, theatre: Theatre | None = None) -> list[Mention]:
    """Choose a place for every toponym and named mention; link references to antecedents.

    Sets ``mention.place`` and ``mention.confidence`` (0–1) in place and returns the mentions.

    Parameters
    ----------
    ex : Extraction
        The report's mentions, expressions and country cues.
    theatre : Theatre, optional
        Where the user knows the report is from: candidates inside it are preferred, and a
        small place outside it that nothing in the report supports is left unresolved.
    """
    for m in ex.mentions:
        if m.feature == "demonym" and m.candidates:  # already counted as a cue
            m.place, m.confidence = m.candidates[0], 0.95
    named = [m for m in ex.mentions if m.role in ("toponym", "named") and m.candidates
             and m.feature != "demonym"]
    named = drop_people(ex, named)  # "Driver Ripon", "LeJ": no places, no cues
    theatre, inferred, cues, early = _theatre_and_cues(ex, named, theatre)
    keys = {id(m): name_key(m.name) for m in named}
    lists = _lists(ex, named)
    # a spelling variant is a guess: no cue for the choice of the other names ("the Ismaili
    # community" is no call for Azerbaijan's Ismayilli to pull "Karachi" to a village there)
    loose = [m for m in named if is_loose(m)]
    choice_cues = cues - _country_cues(ex, loose, own=False) if loose else cues
    pairs = _parent_pairs(ex, named)  # "X, Y": X's id → Y
    options = _options(ex, named, keys, choice_cues, theatre, pairs)
    terse = is_terse(ex.text or "")
    _choose(options, lists, keys, choice_cues, hold=terse)
    mates = settle_list_mates(lists, _compatible)  # "Parsa, Bara, Rautahat": one country
    if terse:  # a note names the event's places; an article ranges wider
        paired = set(pairs) | {id(y) for y in pairs.values()}  # "X, Y" decides for itself
        settle_in_named_regions([m for m in named if id(m) not in paired], _compatible,
                                context=named, theatre=theatre)
        _drop_outside_parents(named, pairs, mates)
    drop_far_homonyms(named, cues, theatre, terse=terse)
    drop_incoherent(named, cues, theatre)
    if terse:
        # (a demonym is no home: "their Chinese boss", "a Polish oil firm")
        drop_strays(named, cues - Counter(ex.cue_countries), theatre)
    if theatre:
        drop_outside_theatre(named, cues, theatre)
    if terse:  # "Robotyne and Verbove": no Rybotyn 500 km away
        drop_far_variants(named)
    if terse:  # a note's spelling variant agrees with its other places
        cohere_loose(named, choice_cues + early, theatre)
        discount_unsupported(named, inferred)  # a variant with no theatre: a guess
    _calibrate(named, terse=terse)
    if terse:  # "outside the Lahore Press Club": the protest was in Lahore
        place_seats(ex.text or "", named, cues)
    link_references(ex)
    return ex.mentions


def _calibrate(named: list[Mention], *, terse: bool) -> None:
    """Confidence as the probability that the place is right (:mod:`geoevents._calibration`)."""
    for m in named:
        if m.place is not None:
            m.confidence = calibrated(m.confidence, loose=looseness(m) > 0, terse=terse)


def _theatre_and_cues(ex: Extraction, named: list[Mention], theatre: Theatre | None
                      ) -> tuple[Theatre | None, Theatre | None, Counter, Counter]:
    """The user's theatre, the report's (the user's, else inferred from its cues, actors
    and "(District, Region)" notation: :mod:`geoevents._theatre`) and its country cues, once
    loose matches outside the theatre are pruned (their cues would vote for the wrong
    country), and names in idioms ("the US dollar") are no cue: they take their most
    populous candidate, apart; and the cues the theatre was inferred from (actors, notation:
    none with a user's theatre)."""
    for m in named:
        if m.feature == "idiom":
            m.place, m.confidence = max(m.candidates, key=lambda p: (p.population, p.id)), 0.5
    named[:] = cued = [m for m in named if m.feature != "idiom"]
    inferred, early = theatre, Counter()
    units = unit_cues(ex.text or "")  # "Sadar upazila": Bangladesh
    terse = is_terse(ex.text or "")
    if theatre is None:  # (in a note, "the Centre" or "Central Region" says no country)
        exact = [m for m in cued if not is_loose(m) and not (terse and is_generic(m.name))]
        early = _country_cues(ex, exact) + theatre_cues(ex, exact) + units
        inferred = infer_theatre(early)
    prune_loose(named, inferred, early, terse=terse)
    keep_capital_in_theatre(named, inferred, terse=terse)  # "in the capital"
    if theatre is None and terse:
        if inferred is not None:
            prune_outside_theatre(named, inferred, early)  # "Abu Salim" in an LNA note
        prune_areas_abroad(named, inferred, early)  # "the Centre" in an Indian note
    named[:] = [m for m in named if m.candidates]
    return theatre, inferred, _country_cues(ex, named) + units, early


def _country_cues(ex: Extraction, named: list[Mention], *, own: bool = True) -> Counter:
    """The report's country cues: those extraction found (demonyms…; unless not ``own``),
    and 2 for each unambiguous name, country named or dominant first-level region."""
    cues: Counter = Counter(ex.cue_countries if own else ())
    for m in named:
        # a country's name is a cue, unless a bigger namesake shares it (the US state of
        # Georgia has three times the country's people)
        # (the largest population and the countries among the candidates, in one pass)
        top, country, n_countries = m.candidates[0].population, None, 0
        for p in m.candidates:
            if p.population > top:
                top = p.population
            if p.kind == "country":
                country, n_countries = p, n_countries + 1
        if n_countries > 1:
            continue  # "Congo" names two countries: a cue for neither
        countries = {country.country} if country is not None and country.population >= top \
            else set()
        if (len(m.candidates) == 1 and m.role == "toponym") or countries:
            for c in countries or {m.candidates[0].country}:
                if c:
                    cues[c] += 2
        elif m.role == "toponym" and (big := _dominant_region(m.candidates)) is not None:
            cues[big.country] += 2  # "England": the region, not England, Arkansas
    return cues


#: A mention, its compatible candidates, their priors, parent bonuses and kind classes.
_Option = tuple[Mention, list[Place], list["_Prior"], list[float], list[str]]


def _options(ex: Extraction, named: list[Mention], keys: dict[int, str], cues: Counter,
             theatre: Theatre | None, pairs: dict[int, Mention]) -> list[_Option]:
    """What each mention may be (a feature word rules some candidates out) and what does not
    change between the passes of :func:`_choose`: the candidates' priors, whether they lie in
    "X, Y"'s Y, and their kinds (for lists); all but the second are alike for the mentions of
    a name with the same role, feature word and candidates. A mention left with no candidate
    is unresolved here (and given the settlement a facility is named after, if any).
    ``pairs``: :func:`_parent_pairs`."""
    by_id = {id(m): m for m in named}
    parents = _parents(pairs, by_id)
    # the other way round: for Y of "X, Y", the candidates of X (a Y holding one is favoured)
    children = {id(nxt): by_id[k].candidates for k, nxt in pairs.items() if k in parents}
    options: list[_Option] = []
    alike: dict[tuple, tuple[list[Place], list[_Prior], list[str]]] = {}
    for m in named:
        state = _said_state(ex.text, m)
        like = (keys[id(m)], m.feature, m.role, m.in_name, state, tuple(map(id, m.candidates)))
        if like not in alike:
            cands = [p for p in m.candidates if _compatible(p, m)]
            alike[like] = (cands, _priors(m, cands, theatre, regional=state)
                           if len(cands) > 1 else [], [kind_class(p) for p in cands])
        cands, priors, kinds = alike[like]
        if not cands:
            m.place, m.confidence = None, 0.0
            m.host = _host_candidate(m, cues, theatre)
            continue
        within = parents.get(id(m), ())
        inner = children.get(id(m), ())  # "Atlanta, Georgia": Georgia is Atlanta's state
        # "X, Y" names two places: X is not the place that bears Y's name ("Aleksandrovka,
        # Donetsk" is no old name of Donetsk)
        parent_key = keys[id(pairs[id(m)])] if within else None
        options.append((m, cands, priors,
                        [-PARENT_BONUS if parent_key is not None
                         and name_key(p.name) == parent_key
                         else PARENT_BONUS if _inside_any(p, within)
                         or (inner and p.is_area and any(_inside_any(c, (p,)) for c in inner))
                         else 0.0 for p in cands]
                        if len(cands) > 1 else [], kinds))
    return options


def _choose(options: list[_Option], lists: list[list[Mention]], keys: dict[int, str],
            cues: Counter, *, hold: bool = False) -> None:
    """Two passes of choice: the first on priors, cues, parents and lists; the second also on
    the countries chosen in the first and on coherence with the other chosen places (``hold``:
    a first-level region chosen holds its settlements, :class:`Coherence`). In a
    report of at most :data:`SEQUENTIAL_MAX` names the second pass is sequential: each name,
    in text order, is chosen again given the others' current choices ("Kamenka, Donetsk"
    no longer swap namesakes with each other)."""
    list_kind: dict[int, str] = {}
    chosen: dict[int, Place] = {}
    geos: dict[str, Geo] = {}
    for rnd in range(2):
        new_chosen: dict[int, Place] = {}
        coherence = None
        sequential = rnd and len(options) <= SEQUENTIAL_MAX
        current = dict(chosen) if sequential else chosen  # the choices the others see
        if rnd:
            # second pass: the countries of the places chosen in the first are cues too, so a
            # local report's focus ("Athens" among Georgia towns) pulls its ambiguous names
            # home; a mention's own first choice does not vote for itself
            counts: Counter = cues + Counter(p.country for p in current.values() if p.country)
            coherence = Coherence(current, keys, geos, hold=hold)
        else:
            counts = cues
        # the mentions of a name alike (one list of candidates) with the same first choice's
        # country, list kind and parent bonuses are weighed alike: once
        weighed: dict[tuple, tuple[float, Place, float]] = {}
        for m, cands, priors, parent_bonuses, kinds in options:
            if len(cands) == 1:  # nothing to weigh
                m.place = new_chosen[id(m)] = cands[0]
                m.confidence = 0.95
                continue
            own = current.get(id(m)) if rnd else None
            less = own.country if own is not None else None
            peers = list_kind.get(id(m))
            same = (id(cands), less, peers, tuple(parent_bonuses))
            if same not in weighed:
                pre = _scores(priors, counts, less)
                list_bonuses = [LIST_KIND_BONUS if peers == kind else 0.0 for kind in kinds]
                weighed[same] = best_of(
                    cands, pre, parent_bonuses, list_bonuses,
                    None if coherence is None else functools.partial(coherence.of, keys[id(m)]))
            best_s, best, second = weighed[same]
            m.place = new_chosen[id(m)] = best
            m.confidence = round(min(1.0, 0.55 + 0.45 * math.tanh(2 * (best_s - second))), 3)
            if sequential and own is not None and best.id != own.id:
                # the names after it see its new choice
                current[id(m)] = best
                counts = cues + Counter(p.country for p in current.values() if p.country)
                coherence = Coherence(current, keys, geos, hold=hold)
                weighed.clear()
        chosen = new_chosen
        list_kind = _list_kinds(lists, chosen)


#: The most names whose second pass of choice is sequential (:func:`_choose`): rebuilding the
#: coherence after each change would make a long report quadratic.
SEQUENTIAL_MAX = 60


#: Weight of "X, Y" / "X in Y" when a candidate for X lies in a candidate for Y.
PARENT_BONUS = 1.5
_UNIT_WORDS = (r"area|district|sector|town|township|village|upazila|tehsil|sub-district|county|"
               r"province|region|division|municipality")
_PARENT_GAP_RE = re.compile(
    rf"\s*,\s*|\s+(?:(?:{_UNIT_WORDS})\s+)?(?:in|of)\s+(?:the\s+)?", re.I)
_POSSESSIVE_GAP_RE = re.compile(r"[’']s\s+")
#: A settlement named as the parent of a place ("Shahdara, Lahore") holds what lies this near.
PARENT_NEAR_M = 100_000.0


def _parent_pairs(ex: Extraction, named: list[Mention]) -> dict[int, Mention]:
    """The names written "X, Y", "X in (the) Y", "X area of Y" or "X of Y" (two names:
    extraction splits "X of Y" only as a place and its parent) or "Y's X", keyed by X's id:
    Y (peers included)."""
    ordered = sorted(named, key=lambda m: m.start)
    out = {}
    for m, nxt in itertools.pairwise(ordered):
        between = ex.text[m.end : nxt.start] if ex.text else ""
        if _PARENT_GAP_RE.fullmatch(between):
            out[id(m)] = nxt
        elif _POSSESSIVE_GAP_RE.fullmatch(between):  # "Borno's Gwoza area"
            out[id(nxt)] = m
    return out


def _parents(pairs: dict[int, Mention], by_id: dict[int, Mention]
             ) -> dict[int, tuple[Place, ...]]:
    """For "Athens, Ga.", "Lexington, Kentucky" or "Douma in Syria": the regions and countries
    the following name may stand for, keyed by the first mention. ``pairs``:
    :func:`_parent_pairs`; ``by_id``: the mentions by id."""
    out: dict[int, tuple[Place, ...]] = {}
    for k, nxt in pairs.items():
        if _peers(by_id[k], nxt):
            continue  # peers in a list ("Georgia, Oklahoma, Pennsylvania"), not "X, Y"
        # (a town only under its own name: a namesake's alternate name holds nothing)
        areas = tuple(p for p in nxt.candidates if p.kind in ("country", "admin1", "admin2")
                      or (p.is_settlement and name_key(p.name) == name_key(nxt.name)))
        if areas:
            out[k] = areas
    return out


#: A place this far from its parent's place, in none of the parent's candidates, is a namesake.
OUTSIDE_PARENT_M = 500_000.0


def _drop_outside_parents(named: list[Mention], pairs: dict[int, Mention],
                          mates: set[int]) -> None:
    """Coherence beats a namesake: in "X, Y" or "X in Y", a small place chosen for X (under
    :data:`FAR_MAX_POPULATION`, not an area) that lies in none of Y's candidates and more
    than :data:`OUTSIDE_PARENT_M` from Y's place stands for a place the gazetteer lacks
    ("Boi, Balochistan" is no town of Kenya): unresolved. ``pairs``: :func:`_parent_pairs`;
    ``mates``: the ids of a list's members read in its country (no place and its parent)."""
    by_id = {id(m): m for m in named}
    for k, areas in _parents(pairs, by_id).items():
        if k in mates and id(pairs[k]) in mates:
            continue
        m, y = by_id[k], pairs[k].place
        p = m.place
        if (p is None or y is None or p.is_area or p.population >= FAR_MAX_POPULATION
                or _inside_any(p, areas)):
            continue
        far = haversine_m(p.lat, p.lon, y.lat, y.lon) - (y.extent_m or 0.0 if y.is_area
                                                         else 0.0)
        if far > OUTSIDE_PARENT_M:
            m.place, m.confidence = None, 0.0


def _peers(a: Mention, b: Mention) -> bool:
    """Whether two names side by side are peers ("Georgia, Oklahoma": two states) rather than
    a place and its parent ("Houston, Texas"): their most populous candidates are the same
    kind of place in the same country. (Any pair of candidates would not do: Houston County
    and Texas County are both US counties.)"""
    top_a = max(a.candidates, key=lambda p: (p.population, p.id))
    top_b = max(b.candidates, key=lambda p: (p.population, p.id))
    return (kind_class(top_a), top_a.country) == (kind_class(top_b), top_b.country)


#: Weight of matching the kind of place most other members of a list were resolved to.
LIST_KIND_BONUS = 1.0
_LIST_GAP_RE = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)


def _lists(ex: Extraction, named: list[Mention]) -> list[list[Mention]]:
    """Runs of three or more names joined by commas and "and"/"or" ("Georgia, Oklahoma,
    Pennsylvania, Wisconsin and California"): their members tend to be the same kind of
    place."""
    ordered = sorted(named, key=lambda m: m.start)
    groups: list[list[Mention]] = []
    cur: list[Mention] = []
    for m in ordered:
        if cur and ex.text and _LIST_GAP_RE.fullmatch(ex.text[cur[-1].end : m.start]):
            cur.append(m)
            continue
        if len(cur) >= 3:
            groups.append(cur)
        cur = [m]
    if len(cur) >= 3:
        groups.append(cur)
    return groups


def _list_kinds(lists: list[list[Mention]], chosen: dict[int, Place]) -> dict[int, str]:
    """For each list member, the kind most of the *other* members were resolved to, when at
    least two thirds of them agree."""
    out: dict[int, str] = {}
    for group in lists:
        for m in group:
            kinds = Counter(kind_class(chosen[id(o)]) for o in group
                            if o is not m and id(o) in chosen)
            if kinds:
                kind, n = kinds.most_common(1)[0]
                if n * 3 >= 2 * (len(group) - 1):
                    out[id(m)] = kind
    return out


def _inside_any(p: Place, areas: tuple[Place, ...]) -> bool:
    for a in areas:
        if a.id == p.id or a.country != p.country:
            continue
        if a.kind == "country" or (a.kind == "admin1" and a.admin1 == p.admin1):
            return True
        if a.kind == "admin2" and a.admin1 == p.admin1 and haversine_m(
                a.lat, a.lon, p.lat, p.lon) <= (a.extent_m or 0.0):
            return True
        if a.is_settlement and not p.is_area and haversine_m(
                a.lat, a.lon, p.lat, p.lon) <= PARENT_NEAR_M:
            return True
    return False


def _host_candidate(m: Mention, cues: Counter, theatre: Theatre | None = None) -> Place | None:
    """For "Kunduz airport" or "the Mürşitpınar border crossing": the settlement it is named
    after, when the gazetteer knows no facility of that name."""
    if m.role != "named" or m.feature not in _FACILITIES:
        return None
    towns = [p for p in m.candidates if p.is_settlement]
    if not towns:
        return None
    scored = zip(_scores(_priors(m, towns, theatre), cues), towns, strict=True)
    return max(scored, key=lambda sp: (sp[0], sp[1].id))[1]


_FACILITIES = {"airport", "base", "bridge", "crossing", "checkpoint", "dam", "camp", "landmark"}
