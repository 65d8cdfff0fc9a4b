"""Resolution: choose each mention's place from its candidates, using the document's context.

Evidence, in the order it is weighed:

* country cues — demonyms ("Syrian"), countries named in the text, and the countries of
  unambiguous places — favour candidates in those countries;
* coherence — candidates near the other places chosen in the document are favoured;
* size — population (log scale) breaks the remaining ties, and countries, regions and
  continents win for their own names;
* lists — in "Georgia, Oklahoma, Pennsylvania and California" the members are the same kind
  of place, and a list of peers is not "X, Y" ("Oklahoma, Pennsylvania" is no village);
* the feature word — "the village of X" wants a settlement; "X hilltop" or "the X
  neighbourhood" never takes a far-away town of the same name (such names are placed from
  what the text says about them instead);
* distance — a small place (under 500,000 people) in a country the report never cues, more
  than 2,000 km from every other place chosen, is dropped as a far-away homonym when one
  country dominates the cues (≥ 60 %): an honest "not found" beats a wrong place.

References ("the city", "the town") take the nearest preceding settlement in the last few
sentences, or else the settlement the document mentions most.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from ._normalize import name_key
from .extract import Extraction
from .model import Mention, Place, Theatre

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


#: Weight of a region for a name the text calls a region, province, governorate or oblast.
REGIONAL_WORD_BONUS = 1.0
#: Weight of lying in the user's theatre (``--country``, ``--bbox``): as much as a report
#: whose every cue names the candidate's country.
THEATRE_BONUS = 2.0


def _score(p: Place, mention: Mention, cues: Counter, near: list[Place],
           theatre: Theatre | None = None,
           world_cities: list[tuple[str | None, int]] | None = None) -> float:
    """Evidence for one candidate (higher is better); ``near`` holds the places chosen for the
    document's *other* names; ``world_cities`` the (country, population) of the mention's
    candidates of :data:`WORLD_CITY_POPULATION` or more (computed here when not given)."""
    pop = p.population
    regional_word = mention.feature == "region"  # "Luhansk region", "Idlib governorate"
    towns = [q for q in mention.candidates if q.is_settlement and q.country == p.country
             and q.admin1 == p.admin1] if p.kind in ("admin1", "admin2") else []
    if towns and not regional_word:
        # a region named after its own city ("Kunduz", "Kidal", "Tombouctou"): the city, as
        # gazetteers and event datasets code a bare name; the region only when the text
        # says so ("Kidal region") or its context outweighs the city. A region's population
        # is the sum of its places: a twentieth of it; nothing at all when the city bears
        # the region's very name (Kidal), unlike New York City in New York State.
        own = name_key(p.name)
        pop = 0 if any(name_key(q.name) == own for q in towns) else pop // 20
    s = math.log10(pop + 10) / 8.0
    if regional_word and p.kind in ("admin1", "admin2", "region"):
        s += REGIONAL_WORD_BONUS
    # a village named like a world city ("Moscow", Idaho's is a town; "Cairo, Illinois") does
    # not win on the report's country alone: the city is named from afar
    if world_cities is None:
        world_cities = _world_cities(mention)
    overshadowed = any(country != p.country and 100 * p.population < pop
                       for country, pop in world_cities)
    cue_weight = 1.0 if not overshadowed else 0.5
    total = sum(cues.values())
    if total and p.country:
        s += 2.0 * cue_weight * cues.get(p.country, 0) / total
    if p.kind in ("country", "continent"):
        s += 1.5
    if p.id.startswith("overlay:"):
        s += 0.5
    if theatre and theatre.contains(p):
        s += THEATRE_BONUS
    key = name_key(mention.name)
    if name_key(p.name) != key and any(
            q.country == p.country and name_key(q.name) == key and (p.is_area or not q.is_area)
            and 100 * q.population >= p.population
            for q in mention.candidates):
        # within a country, "Maryville" is Maryville, not a town that once bore the name;
        # across countries an alternate name is often the exonym ("Palmyra" for Tadmur);
        # a region's own name does not demote its city ("Tombouctou" for Timbuktu), nor does
        # a hamlet a hundred times smaller (Şanā', population 0, for Sanaa)
        s -= MAIN_NAME_BONUS
    others = [q for q in near if q.id != p.id]
    if others:
        d = min(_gap_m(p, q) for q in others)
        s += 1.0 * math.exp(-d / 150_000)
    return s


def _world_cities(mention: Mention) -> list[tuple[str | None, int]]:
    return [(q.country, q.population) for q in mention.candidates
            if q.population >= WORLD_CITY_POPULATION]


#: A settlement this populous is named from afar: a namesake a hundred times smaller in the
#: report's country gets half the country cue (:func:`_score`).
WORLD_CITY_POPULATION = 1_000_000


def _gap_m(p: Place, q: Place) -> float:
    """How far apart two places are for coherence: between points; between two regions, less
    their extents (Oregon and Washington share a border; their centres lie 500 km apart). A
    region is not brought nearer to a town by its extent: that would favour the governorate
    over the city of the same name in every report about the region."""
    d = _haversine_m(p.lat, p.lon, q.lat, q.lon)
    if p.kind in ("admin1", "admin2") and q.kind in ("admin1", "admin2"):
        d -= (p.extent_m or 0.0) + (q.extent_m or 0.0)
    return max(0.0, d)


def _haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres: plenty for weighing evidence, far faster than WGS84."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12_742_017.6 * math.asin(min(1.0, math.sqrt(a)))


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
    cues: Counter = Counter(ex.cue_countries)
    for m in ex.mentions:
        if m.feature == "demonym" and m.candidates:  # already counted as a cue
            m.place, m.confidence = m.candidates[0], 0.95
    named = [m for m in ex.mentions if m.role in ("toponym", "named") and m.candidates
             and m.feature != "demonym"]
    for m in named:
        countries = {p.country for p in m.candidates if p.kind == "country"}
        if (len(m.candidates) == 1 and m.role == "toponym") or countries:
            for c in countries or {m.candidates[0].country}:
                if c:
                    cues[c] += 2
    parents = _parents(ex, named)
    lists = _lists(ex, named)
    list_kind: dict[int, str] = {}
    chosen: dict[int, Place] = {}
    keys = {id(m): name_key(m.name) for m in named}
    cues2 = cues
    for rnd in range(2):
        new_chosen: dict[int, Place] = {}
        for m in named:
            cands = [p for p in m.candidates if _compatible(p, m)]
            if not cands:
                m.place, m.confidence = None, 0.0
                m.host = _host_candidate(m, cues, theatre)
                continue
            # the other names' places, each once (a country named ten times is one place)
            near = list({p.id: p for mid, p in chosen.items()
                         if keys[mid] != keys[id(m)]}.values()) if rnd else []
            own = chosen.get(id(m)) if rnd else None
            # the second pass's cues, less the mention's own first choice (which must not
            # vote for itself)
            mine = cues2 - Counter([own.country]) if own is not None and own.country else cues2
            within = parents.get(id(m), ())
            peers = list_kind.get(id(m))
            big = _world_cities(m)
            scored = sorted(((_score(p, m, cues if not rnd else mine, near, theatre, big)
                              + (PARENT_BONUS if _inside_any(p, within) else 0.0)
                              + (LIST_KIND_BONUS if peers == _kind_class(p) else 0.0), p)
                             for p in cands),
                            key=lambda sp: (-sp[0], sp[1].id))
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            m.place = best
            m.confidence = round(min(1.0, 0.55 + 0.45 * math.tanh(2 * (best_s - second))), 3) \
                if len(scored) > 1 else 0.95
            new_chosen[id(m)] = best
        chosen = new_chosen
        # second pass: the countries of the places chosen in the first are cues too, so a
        # local report's focus ("Athens" among Georgia towns) pulls its ambiguous names home
        cues2 = cues + Counter(p.country for p in chosen.values() if p.country)
        list_kind = _list_kinds(lists, chosen)
    _drop_far_homonyms(named, cues, theatre)
    if theatre:
        _drop_outside_theatre(named, cues, theatre)
    _link_references(ex)
    return ex.mentions


#: Weight of "X, Y" / "X in Y" when a candidate for X lies in a candidate for Y.
PARENT_BONUS = 1.5
_PARENT_GAP_RE = re.compile(r"\s*,\s*|\s+in\s+(?:the\s+)?", re.I)


def _parents(ex: Extraction, named: list[Mention]) -> dict[int, tuple[Place, ...]]:
    """For "Athens, Ga.", "Lexington, Kentucky" or "Douma in Syria": the regions and countries
    the following name may stand for, keyed by the first mention."""
    out: dict[int, tuple[Place, ...]] = {}
    ordered = sorted(named, key=lambda m: m.start)
    for m, nxt in itertools.pairwise(ordered):
        if not ex.text or not _PARENT_GAP_RE.fullmatch(ex.text[m.end : nxt.start]):
            continue
        areas = tuple(p for p in nxt.candidates if p.kind in ("country", "admin1", "admin2"))
        if any((p.kind, p.country) == (a.kind, a.country) for p in m.candidates for a in areas):
            continue  # peers in a list ("Georgia, Oklahoma, Pennsylvania"), not "X, Y"
        if areas:
            out[id(m)] = areas
    return out


#: Weight of matching the kind of place most other members of a list were resolved to.
LIST_KIND_BONUS = 1.0
_LIST_GAP_RE = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)


def _kind_class(p: Place) -> str:
    return "settlement" if p.is_settlement else p.kind


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
            kinds = Counter(_kind_class(chosen[id(o)]) for o in group
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
        if a.kind == "admin2" and a.admin1 == p.admin1 and _haversine_m(
                a.lat, a.lon, p.lat, p.lon) <= (a.extent_m or 0.0):
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
    return max(towns, key=lambda p: (_score(p, m, cues, [], theatre), p.id))


_FACILITIES = {"airport", "base", "bridge", "crossing", "checkpoint", "dam", "camp", "landmark"}


#: How well a settlement's size fits the noun used for it ("the city" → a city).
_NOUN_FIT = {
    "city": {"city": 3.0, "town": 1.5, "village": 0.0},
    "town": {"town": 3.0, "village": 2.0, "city": 0.5},
    "village": {"village": 3.0, "town": 1.5, "city": 0.0},
}


def _link_references(ex: Extraction) -> None:
    """Link "the city", "the town" (and implicit anchors) to a settlement named before them.

    Each candidate is scored on how its size fits the noun (a city for "the city"), whether it
    was named in the same or the previous sentence (+1.5), how often the report names it
    (+0.25 a mention, at most +1) and whether it is the settlement the report names most
    (+1); the best wins.
    """
    # settlements named, and facilities named after one ("Kunduz airport" names Kunduz)
    named_at: list[tuple[Mention, Place]] = [
        (m, p) for m in ex.mentions
        for p in [m.place if m.place is not None and m.place.is_settlement else m.host]
        if p is not None
    ]
    counts = Counter(p.id for _, p in named_at)
    focus_id = None
    if counts:
        top = max(counts.values())
        focus_id = next(p.id for _, p in named_at if counts[p.id] == top)
    implicit = [a for e in ex.expressions for a in e.anchors if a.feature == "implicit"]
    sent_starts = [s for s, _ in ex.sentences]

    def sent_index(pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    subjects = {id(e.subject) for e in ex.expressions if e.subject is not None}
    # the anchor of a place located from it ("Bartella" in "Bazwaya, 4 km north-west of
    # Bartella") is not what "there" points back to: the place located is
    helpers = {id(a) for e in ex.expressions if e.subject is not None for a in e.anchors}
    for ref in [m for m in ex.mentions if m.role == "reference"] + implicit:
        si = sent_index(ref.start)
        if ref.feature == "there":
            # "there": the place last named or located before it, in this sentence or the
            # one before — a text-derived place too ("the village of Bazwaya, 4 km
            # north-west of Bartella … 2 km east of there")
            prior = [m for m in ex.mentions
                     if m.end <= ref.start and m.role in ("toponym", "named") and not m.modifier
                     and (m.place is not None or id(m) in subjects) and id(m) not in helpers
                     and si - sent_index(m.start) <= 1]
            ref.antecedent = prior[-1] if prior else None
            ref.confidence = 0.6 if prior else 0.0
            continue
        before = [(m, p) for m, p in named_at if m.end <= ref.start]
        if not before:
            focus = next((m for m, p in named_at if p.id == focus_id and m.place is p), None)
            ref.antecedent, ref.confidence = focus, (0.5 if focus else 0.0)
            continue
        latest: dict[str, tuple[Mention, Place]] = {}
        for m, p in before:
            latest[p.id] = (m, p)
        fit_table = _NOUN_FIT.get(ref.feature or "", {})

        def score(mp: tuple[Mention, Place], table: dict[str, float] = fit_table,
                  si: int = si) -> tuple:
            m, p = mp
            s = table.get(p.kind, 1.5)
            s += 1.5 if si - sent_index(m.start) <= 1 else 0.0
            s += min(1.0, 0.25 * counts[p.id]) + (1.0 if p.id == focus_id else 0.0)
            return (s, m.start)

        ranked = sorted(latest.values(), key=score, reverse=True)
        best_m, best_p = ranked[0]
        ref.antecedent = best_m if best_m.place is best_p else _stand_in(best_m, best_p)
        margin = score(ranked[0])[0] - (score(ranked[1])[0] if len(ranked) > 1 else 0.0)
        ref.confidence = round(min(0.9, 0.5 + 0.15 * margin), 3)


def _stand_in(m: Mention, p: Place) -> Mention:
    """A mention standing for the settlement a facility is named after."""
    return Mention(text=m.text, start=m.start, end=m.end, role="toponym", name=p.name,
                   place=p, confidence=0.7)


#: A place is dropped as a far-away homonym when the report is this clearly about other countries…
DOMINANT_CUE_SHARE = 0.6
#: …it lies this far from every other place chosen…
FAR_M = 2_000_000.0
#: …and it is smaller than this (countries and big cities are legitimately named from afar).
FAR_MAX_POPULATION = 500_000


def _drop_far_homonyms(named: list[Mention], cues: Counter, theatre: Theatre | None = None
                       ) -> None:
    """Prefer an honest "not found" to a far-away homonym that nothing in the report supports
    (a place inside the user's theatre is supported by it)."""
    total = sum(cues.values())
    if not total:
        return
    chosen = [m.place for m in named if m.place is not None]
    for m in named:
        p = m.place
        if p is None or p.kind in ("country", "continent") or p.population >= FAR_MAX_POPULATION:
            continue
        if theatre and theatre.contains(p):
            continue
        # the cue an unambiguous name gives its own country does not support that name
        # (a lone, loosely matched "Hammam al-Alil" in Yemen in a report about Mosul)
        own = sum(2 for o in named if len(o.candidates) == 1 and o.role == "toponym"
                  and o.candidates[0].country == p.country and name_key(o.name) == name_key(m.name))
        if cues.get(p.country, 0) - own > 0 or max(cues.values()) / total < DOMINANT_CUE_SHARE:
            continue
        # measured to the other chosen *places*: a country's or region's point says little
        # about what is near it (Iraq's point is 1,700 km from Yemen's Hammam Ali)
        others = [q for q in chosen if q is not None and q.id != p.id and not q.is_area]
        if others and min(_haversine_m(p.lat, p.lon, q.lat, q.lon) for q in others) > FAR_M:
            m.place, m.confidence = None, 0.0


def _drop_outside_theatre(named: list[Mention], cues: Counter, theatre: Theatre) -> None:
    """With a theatre given, a small place outside it stays unresolved unless the report
    itself supports it: its country is cued (named, a demonym, an unambiguous place there)."""
    for m in named:
        p = m.place
        if p is None or theatre.contains(p) or p.population >= FAR_MAX_POPULATION:
            continue
        if p.kind in ("country", "continent", "region", "admin1") or cues.get(p.country, 0):
            continue
        m.place, m.confidence = None, 0.0
