"""How well does geoevents find and place toponyms? LGL, GeoVirus and a UCDP GED sample.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/eval_geoparse.py [--data ../shared/eval] [--limit N]
        [--json OUT.json] [--errors OUT.tsv] [--gazetteer FILE] [--jobs N]
        [--corpora lgl,geovirus,ucdp]

``--data`` defaults to ``../shared/eval`` beside the repository (see its README for the
formats); ``--limit N`` takes the first N documents of each corpus (N rows of UCDP) for a
quick run; ``--jobs`` runs documents in that many worker processes (default: the number of
CPUs). The gazetteer is ``--gazetteer``, else ``$GEOEVENTS_GAZETTEER``, else the default
cache file; it is built first when missing or stale (its fingerprint differs from the
installed sources). A file built by an older checkout with the same fingerprint is *not*
rebuilt: after gazetteer changes, pass a fresh path. The user's own data (GeoNames imports,
the user overlay) are left out: the figures are those of the embedded gazetteer.

What it reports (metrics: :mod:`geoevents.evaluate`, after Gritta et al. 2018, 2019):

1. **Resolution with gold spans** (LGL, GeoVirus): :func:`geoevents.pipeline.resolve_spans`
   on the gold spans of each document; over gold toponyms with coordinates (LGL toponyms
   without a gaztag are left out). An unresolved toponym (``None``) is charged 20,039 km,
   half the Earth's circumference. n, accuracy@161 km, mean and median error, AUC, share
   unresolved; *area-aware accuracy*, where a country, first-level region or continent
   answer also counts when the gold point lies inside it (a country: inside its outline
   from ``Gazetteer.shape``; a region or continent, or a country without outline: within
   ``Place.extent_m`` of its point); the *gazetteer ceiling*, the share of toponyms for which
   any candidate of ``gaz.lookup_many([name_key(phrase)])`` lies within 161 km of gold, and
   accuracy / ceiling; for LGL the exact GeoNames-id accuracy (answer id ==
   ``geonames:<gold geonameid>``).
2. **Recognition** (end to end, :func:`geoevents.pipeline.analyse`): the predicted toponym
   spans are the extraction's mentions of role ``toponym`` or ``named`` that resolved to a
   place (``mention.place`` set) or that became a feature (a feature with the mention's
   start and end: named places located from the text). References ("the city") and
   spatial expressions are not toponyms. Against *all* gold spans (LGL toponyms without a
   gaztag included): precision, recall and F1 on exact spans and on overlapping spans.
3. **End-to-end resolution**: each gold toponym with coordinates takes the predicted span
   overlapping it most; its error is that prediction's place (or, for a named place located
   from the text, its feature point). Accuracy@161 km over all gold toponyms with
   coordinates, a missed toponym counting as wrong (20,039 km).
4. **UCDP GED sample**: each event is geocoded in the text
   ``"{where_description}. {where_coordinates}, {country}."`` with ``resolve_spans`` on the
   span of the place name inside ``where_coordinates`` — UCDP appends a type word ("Rami
   village", "Nangarhar province"), which :func:`geoevents.evaluate.ucdp_name_span` leaves
   out of the span (it stays in the text) — against the event's ``latitude``/``longitude``:
   accuracy@161 and @25 km, median error, share unresolved and the gazetteer ceilings
   (a candidate within 161 / 25 km), overall and by ``where_prec`` (1–2: the place itself
   or within 25 km of it; 3+: second-order region, first-order region, country …); and,
   for comparison, the same with the literal ``where_coordinates`` span. The gazetteer
   overlay ``landmarks-ucdp-ged.csv`` is copied from UCDP GED, so it is left out of this
   part (any other overlays stay).

``--errors OUT.tsv`` writes every miss of the gold-span resolution (error > 161 km or
unresolved; LGL, GeoVirus and UCDP — for UCDP the place-name span) with the gold, the
answer, the candidate nearest to gold, the ceiling flag and an automatic ``pattern`` label;
see :data:`ERROR_COLUMNS`. A strict miss that the area-aware score accepts is listed too,
with ``area_ok`` = 1.
``--json OUT.json`` writes every figure. Exit status 0, or 2 on a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing as mp
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from geoevents._normalize import name_key
from geoevents.evaluate import (
    ACCURACY_KM,
    UNRESOLVED_KM,
    Document,
    GoldToponym,
    UcdpRow,
    accuracy_at,
    best_overlap,
    error_km,
    great_circle_km,
    median_error,
    read_geovirus,
    read_lgl,
    read_ucdp,
    recognition_scores,
    resolution_summary,
    ucdp_name_span,
    within_area,
)
from geoevents.gazetteer import Gazetteer, default_path, overlay_dir
from geoevents.model import Place
from geoevents.pipeline import analyse, resolve_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval"
UCDP_OVERLAY = "landmarks-ucdp-ged.csv"
AREA_KINDS = ("country", "admin1", "continent")

#: Published accuracy@161 km with gold spans (../shared/eval/README.md): LGL, GeoVirus, note.
PUBLISHED_RESOLUTION: tuple[tuple[str, float | None, float | None, str], ...] = (
    ("CamCoder (ACL 2018)", 0.76, 0.82, "neural, map-vector prior"),
    ("Edinburgh Geoparser", 0.76, 0.78, "rule-based, GeoNames"),
    ("most-populous-candidate baseline", 0.70, 0.80, ""),
    ("CLAVIN", 0.71, 0.79, "Lucene GeoNames"),
    ("Mordecai 3 (2025 README)", 0.83, None,
     "only mentions whose gold entry is among its candidates"),
)
#: Published recognition F1 on LGL (Gritta et al. 2018).
PUBLISHED_RECOGNITION_LGL = (("Topocluster", 0.71), ("GeoTxt", 0.68), ("Edinburgh", 0.62),
                             ("CLAVIN", 0.57))

#: Columns of the ``--errors`` TSV, in order.
#:
#: * ``pattern``: an automatic label (:func:`pattern`); ``gold_kind``: :func:`gold_kind`;
#: * ``error_km``: 20039 when unresolved; ``area_ok``: 1 when the area-aware score accepts
#:   the answer;
#: * ``ceiling``: 1 when an exact-name candidate of the phrase (``lookup_many``) lies within
#:   161 km of gold; ``ceiling_loose``: the same over the candidates the resolver saw
#:   (exact-name, else ``lookup_loose``); ``match``: ``exact``, ``loose`` or ``none``, where
#:   those came from;
#: * ``gold_ref``: ``geonames:<id>`` (LGL), the Wikipedia page (GeoVirus) or ``where_prec N``
#:   (UCDP); ``gold_name``: the gold entry's name (LGL) or ``where_coordinates`` (UCDP);
#: * ``pred_*``: the answer; ``pred_cand_rank``: its rank among the resolver's candidates (by
#:   population, overlays first; empty when it is not among them);
#:   ``gold_id_cand_rank``: the rank of the gold GeoNames id among them (LGL);
#: * ``near_*``: the resolver's candidate nearest to gold and its distance;
#: * ``demonym_of``: the country, when the phrase had no candidate and is a demonym the
#:   gazetteer knows; ``context``: the text around the phrase, marked ``[[…]]``.
ERROR_COLUMNS = (
    "corpus", "doc_id", "start", "end", "phrase", "pattern", "gold_kind", "error_km", "area_ok",
    "ceiling", "ceiling_loose", "match", "gold_lat", "gold_lon", "gold_ref", "gold_name",
    "gold_fcode", "gold_country", "gold_admin1", "pred_id", "pred_name", "pred_country",
    "pred_kind", "pred_population", "pred_lat", "pred_lon", "pred_cand_rank", "n_candidates",
    "gold_id_cand_rank", "near_id", "near_name", "near_country", "near_kind", "near_population",
    "near_km", "near_cand_rank", "demonym_of", "context",
)

# --------------------------------------------------------------------------- workers

_GAZ: Gazetteer | None = None
_OUTLINES: dict[str, Any] = {}


def _init_worker(path: str, overlays: list[str] | None) -> None:
    global _GAZ
    _GAZ = Gazetteer.open(path, overlays=overlays, auto_build=False, user_data=False)
    _OUTLINES.clear()


def _gaz() -> Gazetteer:
    assert _GAZ is not None, "worker not initialised"
    return _GAZ


def _outline(place: Place) -> Any:
    """The shapely outline of a country (cached per worker), or None."""
    if place.id not in _OUTLINES:
        geo = _gaz().shape(place)
        if geo is None:
            _OUTLINES[place.id] = None
        else:
            from shapely.geometry import shape

            _OUTLINES[place.id] = shape(geo)
    return _OUTLINES[place.id]


def _place_dict(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.id, "name": p.name, "country": p.country, "kind": p.kind,
            "population": p.population, "lat": p.lat, "lon": p.lon}


def candidates(keys: Sequence[str]) -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    """For name keys: the exact-name candidates (``gaz.lookup_many``) and, for keys with none,
    the loosely matched ones (``gaz.lookup_loose``, when the gazetteer has it) — the same
    candidate sets :func:`geoevents.pipeline.resolve_spans` works from."""
    gaz = _gaz()
    exact = gaz.lookup_many(keys)
    missing = [k for k in dict.fromkeys(keys) if not exact.get(k)]
    loose: dict[str, list[Place]] = {}
    if missing and hasattr(gaz, "lookup_loose"):
        loose = {k: v for k, v in gaz.lookup_loose(missing).items() if v}
    return exact, loose


def _nearest(cands: Sequence[Place], gold: tuple[float, float]) -> tuple[int | None, float]:
    near_i, near_km = None, math.inf
    for i, c in enumerate(cands):
        d = great_circle_km(c.lat, c.lon, gold[0], gold[1])
        if d < near_km:
            near_i, near_km = i, d
    return near_i, near_km


def _judge(phrase: str, gold: tuple[float, float], place: Place | None,
           exact: Sequence[Place], loose: Sequence[Place], gold_id: str | None
           ) -> dict[str, Any]:
    """Everything about one gold-span answer: error, area check, the candidates' ceilings.

    ``ceiling`` uses the exact-name candidates only; ``ceiling_loose`` and the ``near_*``,
    ``n_candidates`` and rank fields use what the resolver saw: the exact-name candidates,
    else the loose ones (``match`` says which).
    """
    err = error_km(None if place is None else (place.lat, place.lon), gold)
    area_ok = False
    if place is not None and place.kind in AREA_KINDS:
        outline = _outline(place) if place.kind == "country" else None
        area_ok = within_area(place.kind, (place.lat, place.lon), place.extent_m, gold,
                              outline)
    cands = list(exact) or list(loose)
    _, exact_km = _nearest(exact, gold)
    near_i, near_km = _nearest(cands, gold)
    ids = [c.id for c in cands]
    return {
        "phrase": phrase, "gold": gold, "error_km": err, "area_ok": area_ok,
        "pred": _place_dict(place),
        "pred_cand_rank": ids.index(place.id) if place is not None and place.id in ids
        else None,
        "match": "exact" if exact else ("loose" if loose else "none"),
        "n_candidates": len(cands), "ceiling": exact_km <= ACCURACY_KM,
        "ceiling_loose": near_km <= ACCURACY_KM,
        "gold_id_cand_rank": ids.index(gold_id) if gold_id and gold_id in ids else None,
        "near": _place_dict(cands[near_i]) if near_i is not None else None,
        "near_km": near_km if near_i is not None else None, "near_cand_rank": near_i,
        "demonym_of": _gaz().demonym(phrase),
    }


def _doc_task(doc: Document) -> dict[str, Any]:
    """Gold-span resolution and end-to-end analysis of one document (in a worker)."""
    gaz = _gaz()
    t0 = time.perf_counter()
    located = [t for t in doc.toponyms if t.has_coords]
    places = resolve_spans(doc.text, [(t.start, t.end) for t in located], gaz) if located \
        else []
    keys = [name_key(t.phrase) for t in located]
    exact, loose = candidates(keys)
    gold_results = []
    for t, p, k in zip(located, places, keys, strict=True):
        assert t.lat is not None and t.lon is not None
        gid = f"geonames:{t.geonameid}" if t.geonameid else None
        r = _judge(t.phrase, (t.lat, t.lon), p, exact.get(k, ()), loose.get(k, ()), gid)
        r.update(start=t.start, end=t.end, exact_id=(p is not None and gid is not None
                                                     and p.id == gid))
        gold_results.append(r)
    t1 = time.perf_counter()
    ex, features = analyse(doc.text, gaz)
    at_span: dict[tuple[int, int], Any] = {}
    for f in features:
        at_span.setdefault((f.start, f.end), f)
    predicted: dict[tuple[int, int], dict[str, Any]] = {}
    for m in ex.mentions:
        if m.role not in ("toponym", "named") or (m.start, m.end) in predicted:
            continue
        f = at_span.get((m.start, m.end))
        if m.place is not None:
            loc, pid = (m.place.lat, m.place.lon), m.place.id
        elif f is not None:
            loc, pid = (f.lat, f.lon), f.place_id
        else:
            continue
        predicted[(m.start, m.end)] = {"span": (m.start, m.end), "loc": loc, "id": pid,
                                       "role": m.role, "text": m.text}
    t2 = time.perf_counter()
    return {"doc_id": doc.doc_id, "gold": gold_results,
            "predicted": sorted(predicted.values(), key=lambda d: d["span"]),
            "seconds_resolve": t1 - t0, "seconds_analyse": t2 - t1}


def ucdp_text(row: UcdpRow) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The text a UCDP event is geocoded in, the span of its ``where_coordinates`` and the span
    of the place name within it (:func:`geoevents.evaluate.ucdp_name_span`)."""
    head = f"{row.where_description}. " if row.where_description else ""
    tail = f", {row.country}." if row.country else "."
    text = head + row.where_coordinates + tail
    s, e = ucdp_name_span(row.where_coordinates)
    return (text, (len(head), len(head) + len(row.where_coordinates)),
            (len(head) + s, len(head) + e))


def _ucdp_task(row: UcdpRow) -> dict[str, Any]:
    gaz = _gaz()
    text, full, span = ucdp_text(row)
    gold = (row.latitude, row.longitude)
    name = text[span[0] : span[1]]
    place = resolve_spans(text, [span], gaz)[0]
    k = name_key(name)
    exact, loose = candidates([k])
    r = _judge(name, gold, place, exact.get(k, ()), loose.get(k, ()), None)
    literal = place if full == span else resolve_spans(text, [full], gaz)[0]
    r.update(start=span[0], end=span[1], text=text, id=row.id, where_prec=row.where_prec,
             country=row.country, where_coordinates=row.where_coordinates,
             literal_error_km=error_km(None if literal is None else (literal.lat, literal.lon),
                                       gold))
    return r


def run_tasks(task: Callable[[Any], dict[str, Any]], items: Sequence[Any], gaz_path: str,
              overlays: list[str] | None, jobs: int, label: str) -> list[dict[str, Any]]:
    """Run ``task`` over ``items`` in ``jobs`` worker processes (in this one for 1), in order,
    printing progress to stderr."""
    out: list[dict[str, Any]] = []
    step = max(1, len(items) // 10)

    def progress(i: int) -> None:
        if i % step == 0 or i == len(items):
            print(f"  {label}: {i}/{len(items)}", file=sys.stderr, flush=True)

    if jobs <= 1:
        _init_worker(gaz_path, overlays)
        for i, item in enumerate(items, 1):
            out.append(task(item))
            progress(i)
        return out
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(gaz_path, overlays)) as pool:
        for i, r in enumerate(pool.imap(task, items, chunksize=2), 1):
            out.append(r)
            progress(i)
    return out


# --------------------------------------------------------------------------- scoring


_SETTLEMENT_KINDS = ("city", "town", "village", "settlement")
_WATER_RE = re.compile(
    r"\b(?:rivers?|lakes?|creek|bay|sea|ocean|sound|gulf|harbou?r|port|falls|reservoir|canal|"
    r"strait|channel|atlantic|pacific|mediterranean|caribbean|bayou)\b", re.IGNORECASE)
_TERRAIN_RE = re.compile(
    r"\b(?:mountains?|mount|mt|hills?|valley|islands?|isles?|peninsula|desert|plains?|ridge|"
    r"caucasus|urals?|alps|himalayas?)\b", re.IGNORECASE)
_FACILITY_RE = re.compile(
    r"\b(?:airport|air ?base|airfield|base|fort|camp|hospital|university|college|school|park|"
    r"stadium|station|bridge|dam|prison|jail|junction|crossing|checkpoint|highway|road|street|"
    r"st|avenue|ave|mall|center|centre|church|mosque|square|brigade|plant|field|farms?)\b",
    re.IGNORECASE)
_ADMIN2_RE = re.compile(
    r"\b(?:county|parish|township|twp|borough|district|municipality|rayon|agency|woreda|lga|"
    r"commune)\b", re.IGNORECASE)
_ADMIN1_RE = re.compile(r"\b(?:province|governorate|state|oblast|region|republic)\b",
                        re.IGNORECASE)
_SECTION_RE = re.compile(r"\b(?:suburb|neighbou?rhood|quarter)\b", re.IGNORECASE)
_SETTLEMENT_RE = re.compile(r"\b(?:city|town|village|locality|location|selo|poselok)\b",
                            re.IGNORECASE)


def gold_kind(phrase: str, gold: GoldToponym | None, r: dict[str, Any]) -> str:
    """What the gold entry is: from its GeoNames feature code (LGL), else from feature words in
    the phrase (for UCDP: in ``where_coordinates``, "Rami village"), else from the kind of the
    candidate nearest to gold when one is within 161 km, else ``"?"``."""
    code = (gold.fcode or "") if gold is not None else ""
    fclass = (gold.fclass or "") if gold is not None else ""
    if code:
        if code.startswith("PCL") or code == "TERR":
            return "country"
        if code == "ADM1":
            return "admin1"
        if code.startswith("ADM"):
            return "admin2"
        if code == "CONT":
            return "continent"
        if code in ("PPLX", "PPLL"):
            return "section"
        mapped = {"P": "settlement", "H": "water", "T": "terrain", "S": "facility",
                  "R": "facility", "L": "area", "V": "area", "U": "water", "A": "admin2"}
        if fclass in mapped:
            return mapped[fclass]
    written = r.get("where_coordinates") or phrase  # UCDP: the name with its type word
    for rx, kind in ((_WATER_RE, "water"), (_TERRAIN_RE, "terrain"),
                     (_FACILITY_RE, "facility"), (_ADMIN2_RE, "admin2"),
                     (_ADMIN1_RE, "admin1"), (_SECTION_RE, "section"),
                     (_SETTLEMENT_RE, "settlement")):
        if rx.search(written):
            return kind
    near = r.get("near")
    if r.get("ceiling") and near:
        return "settlement" if near["kind"] in _SETTLEMENT_KINDS else near["kind"]
    return "?"


def _abbreviation(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return ("." in phrase and len(letters) <= 6) or (phrase.isupper() and len(letters) <= 4)


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def pattern(r: dict[str, Any], gold: GoldToponym | None = None) -> str:
    """An automatic label for one miss: what the gold is and what went wrong (the first rule
    that applies, in the order written here)."""
    pred, near, phrase = r["pred"], r["near"], r["phrase"]
    kind = gold_kind(phrase, gold, r)
    demonym = r.get("demonym_of")
    if pred is None:
        if demonym:
            return "demonym/adjective left unresolved (Russian, American, Palestinians)"
        if r["n_candidates"]:
            return ("unresolved although a candidate lies within 161 km" if r["ceiling_loose"]
                    else "unresolved; the gazetteer has only far-away candidates")
        if _abbreviation(phrase):
            return "no candidate: an abbreviation (W.Va., D.C., NSW, DRC)"
        labels = {"admin2": "a county/parish/township/district",
                  "admin1": "a state/province/region", "water": "a water body",
                  "terrain": "a mountain/valley/island", "facility": "a facility/street/site",
                  "section": "a neighbourhood", "area": "a park/area",
                  "continent": "a continent/world region", "country": "a country name variant",
                  "settlement": "a settlement (missing or spelled otherwise)"}
        return f"no candidate: {labels.get(kind, 'other (Darfur, West Africa, Jutland)')}"
    pk, nk = name_key(phrase), name_key(pred["name"])
    if r["area_ok"]:
        return f"{pred['kind']} answered; gold point inside it (area-aware hit)"
    if demonym and pred["kind"] != "country":
        return "demonym resolved to a same-spelled place (Canadian → Canadian TX)"
    if pred["kind"] in ("admin1", "admin2") and near is not None and near["id"] == pred["id"]:
        return ("the region itself answered; gold > 161 km from its point, outside its extent "
                "(Ontario)")
    if _abbreviation(phrase) and pred["kind"] in _SETTLEMENT_KINDS:
        return "abbreviation matched a same-spelled place (US → Us FR, Kan. → Ganzhou)"
    if r["match"] == "loose":
        return "no exact-name candidate; a loose (transliteration) match answered wrongly"
    if pred["kind"] not in AREA_KINDS and pk not in nk and nk not in pk:
        if r["ceiling_loose"] and near is not None and name_key(near["name"]) == pk:
            return ("alternate-name candidate beat the main-name place at gold "
                    "(Berea → Aleppo, Maryville → Beeville)")
        return "answer matched through an alternate name; no candidate fits gold"
    if kind in ("admin1", "country", "continent") and pred["kind"] in _SETTLEMENT_KINDS:
        return f"{kind} name resolved to a same-named settlement (New York → NYC, California)"
    if pred["kind"] == "country" and kind == "admin1":
        return "state/region resolved to a same-named country (Georgia)"
    if pred["kind"] == "country" and kind == "settlement":
        return "town named like a country resolved to the country (Palestine TX, Lebanon)"
    if not r["ceiling_loose"]:
        return "gold place not in the gazetteer; a same-named place elsewhere answered"
    if near is None:
        return "other"
    if pred["kind"] == near["kind"] and pred["kind"] in ("admin1", "admin2"):
        return f"wrong same-named {pred['kind']} chosen (Henry County in another state)"
    if {pred["kind"], near["kind"]} & {"admin1", "admin2"} and \
            {pred["kind"], near["kind"]} & set(_SETTLEMENT_KINDS):
        return ("region and settlement of the same name confused (Douglas → Douglas County "
                "elsewhere)")
    bigger = pred["population"] > near["population"]
    if pred["kind"] in _SETTLEMENT_KINDS and near["kind"] in _SETTLEMENT_KINDS:
        where = "same-country" if pred["country"] == near["country"] else "foreign"
        return (f"{'larger' if bigger else 'smaller'} {where} homonym chosen over the right "
                f"settlement")
    return f"{_a(pred['kind'])} answered; the right candidate is {_a(near['kind'])}"


def summarise_gold_spans(results: list[dict[str, Any]], with_ids: bool) -> dict[str, Any]:
    errors = [r["error_km"] for r in results]
    out: dict[str, Any] = resolution_summary(errors)
    n = len(results)
    area_ok = sum(1 for r in results if r["error_km"] <= ACCURACY_KM or r["area_ok"])
    out["acc161_area_aware"] = area_ok / n if n else math.nan
    ceiling = sum(1 for r in results if r["ceiling"]) / n if n else math.nan
    out["ceiling"] = ceiling
    loose = sum(1 for r in results if r["ceiling_loose"]) / n if n else math.nan
    out["ceiling_loose"] = loose
    out["acc_over_ceiling_loose"] = out["acc161"] / loose if loose else math.nan
    out["acc_over_ceiling"] = out["acc161"] / ceiling if ceiling else math.nan
    if with_ids:
        has = [r for r in results if r.get("gold_id") is not None]
        out["exact_id_n"] = len(has)
        out["exact_id_acc"] = (sum(1 for r in has if r["exact_id"]) / len(has)
                               if has else math.nan)
        out["gold_id_in_candidates"] = (
            sum(1 for r in has if r["gold_id_cand_rank"] is not None) / len(has)
            if has else math.nan)
    return out


def end_to_end(docs: list[Document], results: list[dict[str, Any]]) -> dict[str, Any]:
    errors, matched = [], []
    for doc, res in zip(docs, results, strict=True):
        spans = [p["span"] for p in res["predicted"]]
        for t in doc.toponyms:
            if not t.has_coords:
                continue
            assert t.lat is not None and t.lon is not None
            i = best_overlap((t.start, t.end), spans)
            err = UNRESOLVED_KM if i is None else error_km(res["predicted"][i]["loc"],
                                                           (t.lat, t.lon))
            errors.append(err)
            if i is not None:
                matched.append(err)
    n = len(errors)
    return {"n": n, "acc161": accuracy_at(errors),
            "matched_share": len(matched) / n if n else math.nan,
            "acc161_matched": accuracy_at(matched), "median_km_matched": median_error(matched)}


def recognition(docs: list[Document], results: list[dict[str, Any]]) -> dict[str, Any]:
    pairs = [([(t.start, t.end) for t in d.toponyms], [p["span"] for p in r["predicted"]])
             for d, r in zip(docs, results, strict=True)]
    return {k: v.as_dict() for k, v in recognition_scores(pairs).items()}


def summarise_ucdp(results: list[dict[str, Any]]) -> dict[str, Any]:
    def block(rs: list[dict[str, Any]], key: str = "error_km") -> dict[str, Any]:
        errs = [r[key] for r in rs]
        n = len(rs)
        return {"n": n, "acc161": accuracy_at(errs), "acc25": accuracy_at(errs, 25.0),
                "median_km": median_error(errs),
                "unresolved": sum(1 for e in errs if e >= UNRESOLVED_KM) / n if n else math.nan,
                "ceiling161": (sum(1 for r in rs if r["ceiling"]) / n if n else math.nan)
                if key == "error_km" else math.nan,
                "ceiling161_loose": (sum(1 for r in rs if r["ceiling_loose"]) / n
                                     if n else math.nan) if key == "error_km" else math.nan,
                "ceiling25_loose": (sum(1 for r in rs if r["near_km"] is not None
                                        and r["near_km"] <= 25.0) / n if n else math.nan)
                if key == "error_km" else math.nan}

    precise = [r for r in results if r["where_prec"] in (1, 2)]
    rest = [r for r in results if r["where_prec"] not in (1, 2)]
    return {"all": block(results), "where_prec 1-2": block(precise),
            "where_prec 3+": block(rest),
            "all, literal where_coordinates span": block(results, "literal_error_km"),
            "where_prec 1-2, literal span": block(precise, "literal_error_km")}


# --------------------------------------------------------------------------- output


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        if math.isnan(v):
            return "–"
        return f"{v:,.{digits}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    rows = [[_fmt(c) if not isinstance(c, str) else c for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    lines = [title, "  " + "  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                                     for i, (h, w) in enumerate(zip(headers, widths,
                                                                    strict=True)))]
    lines.append("  " + "  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                      for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    return "\n".join(lines)


def _km(v: float) -> str:
    return "–" if v is None or math.isnan(v) else f"{v:,.1f}"


def report(res: dict[str, Any]) -> str:
    out = []
    gs = res.get("gold_spans", {})
    corpora = [c for c in ("lgl", "geovirus") if c in gs]
    names = {"lgl": "LGL", "geovirus": "GeoVirus"}
    if corpora:
        g = [gs[c] for c in corpora]
        rows = [
            ("documents", *[res["docs"][c] for c in corpora]),
            ("toponyms with coordinates (n)", *[x["n"] for x in g]),
            ("accuracy@161 km", *[x["acc161"] for x in g]),
            ("area-aware accuracy@161 km", *[x["acc161_area_aware"] for x in g]),
            ("mean error km", *[_km(x["mean_km"]) for x in g]),
            ("median error km", *[_km(x["median_km"]) for x in g]),
            ("AUC (lower is better)", *[x["auc"] for x in g]),
            ("unresolved share (20,039 km each)", *[x["unresolved"] for x in g]),
            ("gazetteer ceiling (exact-name candidate ≤ 161 km)", *[x["ceiling"] for x in g]),
            ("accuracy / ceiling", *[x["acc_over_ceiling"] for x in g]),
            ("ceiling with loose matches (resolver's candidates)",
             *[x["ceiling_loose"] for x in g]),
            ("accuracy / ceiling with loose matches", *[x["acc_over_ceiling_loose"] for x in g]),
        ]
        if "lgl" in gs:
            lg = gs["lgl"]
            pad = [""] * (len(corpora) - 1)
            rows.append((f"exact GeoNames id accuracy (n={lg['exact_id_n']:,})",
                         lg["exact_id_acc"], *pad))
            rows.append(("gold GeoNames id among candidates", lg["gold_id_in_candidates"],
                         *pad))
        out.append(table("1. Resolution with gold spans (resolve_spans)",
                         ["", *[names[c] for c in corpora]], rows))
        pub = [("geoevents, this run", *[gs[c]["acc161"] if c in gs else None
                                         for c in ("lgl", "geovirus")], ""),
               ("geoevents, area-aware", *[gs[c]["acc161_area_aware"] if c in gs else None
                                           for c in ("lgl", "geovirus")], "")]
        pub += [(n, a, b, note) for n, a, b, note in PUBLISHED_RESOLUTION]
        out.append(table("   accuracy@161 km beside published figures (gold spans)",
                         ["system", "LGL", "GeoVirus", "note"], pub))
    rec = res.get("recognition", {})
    if rec:
        rows = []
        for c in corpora:
            for mode in ("exact", "overlap"):
                x = rec[c][mode]
                rows.append((f"{names[c]} {mode}", x["precision"], x["recall"], x["f1"],
                             x["n_pred"], x["n_gold"]))
        out.append(table("2. Recognition (analyse: toponym/named mentions placed or located)",
                         ["", "P", "R", "F1", "predicted", "gold"], rows))
        if "lgl" in rec:
            pub = [("geoevents exact, this run", rec["lgl"]["exact"]["f1"]),
                   ("geoevents overlap, this run", rec["lgl"]["overlap"]["f1"])]
            pub += list(PUBLISHED_RECOGNITION_LGL)
            out.append(table("   LGL recognition F1 beside published figures (Gritta 2018)",
                             ["system", "F1"], pub))
        e2e = res["end_to_end"]
        rows = [(names[c], e2e[c]["n"], e2e[c]["acc161"], e2e[c]["matched_share"],
                 e2e[c]["acc161_matched"], _km(e2e[c]["median_km_matched"])) for c in corpora]
        out.append(table("3. End-to-end resolution (missed toponym = wrong)",
                         ["", "gold n", "acc@161", "found share", "acc@161 found",
                          "median km found"], rows))
    if "ucdp" in res:
        u = res["ucdp"]
        rows = [(k, v["n"], v["acc161"], v["acc25"], _km(v["median_km"]), v["unresolved"],
                 v["ceiling161"], v["ceiling161_loose"], v["ceiling25_loose"])
                for k, v in u.items()]
        out.append(table(f"4. UCDP GED sample: resolve_spans on the place name of "
                         f"where_coordinates (type word dropped: 'Rami village' -> 'Rami'); "
                         f"overlay {UCDP_OVERLAY} excluded; {res['ucdp_skipped']} rows without"
                         f" a place name skipped",
                         ["", "n", "acc@161", "acc@25", "median km", "unresolved",
                          "ceiling@161", "+loose@161", "+loose@25"], rows))
    t = res["seconds"]
    out.append("wall time: " + ", ".join(f"{k} {v:.1f} s" for k, v in t.items())
               + f" ({res['jobs']} worker process(es))")
    return "\n\n".join(out)


def pattern_table(errors: list[dict[str, Any]], top: int) -> str:
    """The ``top`` most frequent error patterns, with counts per corpus."""
    corpora = sorted({e["corpus"] for e in errors})
    by = Counter((e["pattern"], e["corpus"]) for e in errors)
    total = Counter(e["pattern"] for e in errors)
    rows = [(pat, n, *[by[(pat, c)] for c in corpora]) for pat, n in total.most_common(top)]
    return table(f"most frequent error patterns ({len(rows)} of {len(total)})",
                 ["pattern", "all", *corpora], rows)


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def error_rows(corpus: str, docs: list[Document], results: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    rows = []
    for doc, res in zip(docs, results, strict=True):
        gold_by_span = {(t.start, t.end): t for t in doc.toponyms}
        for r in res["gold"]:
            if r["error_km"] <= ACCURACY_KM:
                continue
            t = gold_by_span[(r["start"], r["end"])]
            ctx = (_clean(doc.text[max(0, t.start - 80) : t.start]) + " [[" + t.phrase + "]] "
                   + _clean(doc.text[t.end : t.end + 80])).strip()
            rows.append(_error_row(corpus, doc.doc_id, r, t, ctx,
                                   t.page or (f"geonames:{t.geonameid}" if t.geonameid else "")))
    return rows


def _error_row(corpus: str, doc_id: str, r: dict[str, Any], t: GoldToponym | None, ctx: str,
               gold_ref: str, gold_name: str = "") -> dict[str, Any]:
    pred, near = r["pred"] or {}, r["near"] or {}
    return {
        "corpus": corpus, "doc_id": doc_id, "start": r["start"], "end": r["end"],
        "phrase": _clean(r["phrase"]), "pattern": pattern(r, t),
        "gold_kind": gold_kind(r["phrase"], t, r),
        "error_km": round(r["error_km"], 1), "area_ok": int(r["area_ok"]),
        "ceiling": int(r["ceiling"]), "ceiling_loose": int(r["ceiling_loose"]),
        "match": r["match"], "gold_lat": r["gold"][0], "gold_lon": r["gold"][1],
        "gold_ref": gold_ref, "gold_name": (t.name if t else gold_name) or "",
        "gold_fcode": (t.fcode if t else "") or "", "gold_country": (t.country if t else "")
        or "", "gold_admin1": (t.admin1 if t else "") or "",
        "pred_id": pred.get("id", ""), "pred_name": pred.get("name", ""),
        "pred_country": pred.get("country") or "", "pred_kind": pred.get("kind", ""),
        "pred_population": pred.get("population", ""),
        "pred_lat": round(pred["lat"], 5) if pred else "",
        "pred_lon": round(pred["lon"], 5) if pred else "",
        "pred_cand_rank": "" if r["pred_cand_rank"] is None else r["pred_cand_rank"],
        "n_candidates": r["n_candidates"],
        "gold_id_cand_rank": "" if r["gold_id_cand_rank"] is None else r["gold_id_cand_rank"],
        "near_id": near.get("id", ""), "near_name": near.get("name", ""),
        "near_country": near.get("country") or "", "near_kind": near.get("kind", ""),
        "near_population": near.get("population", ""),
        "near_km": "" if r["near_km"] is None else round(r["near_km"], 1),
        "near_cand_rank": "" if r["near_cand_rank"] is None else r["near_cand_rank"],
        "demonym_of": r.get("demonym_of") or "", "context": ctx,
    }


def write_errors(path: Path, rows: list[dict[str, Any]]) -> None:
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ERROR_COLUMNS, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


def _git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--",
                                "geoevents"], capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes under geoevents/" if dirty else "")


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA,
                   help="folder with lgl.xml, GeoVirus.xml, ucdp_ged_sample.csv "
                        "(default: %(default)s)")
    p.add_argument("--limit", type=int, default=None,
                   help="first N documents of each corpus (N UCDP rows)")
    p.add_argument("--json", type=Path, default=None, metavar="OUT", help="write all figures")
    p.add_argument("--errors", type=Path, default=None, metavar="OUT.tsv",
                   help="write every gold-span resolution miss (> 161 km or unresolved)")
    p.add_argument("--gazetteer", type=Path, default=None,
                   help="gazetteer file, built first when missing or stale (default: "
                        "$GEOEVENTS_GAZETTEER or the user cache)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: %(default)s)")
    p.add_argument("--corpora", default="lgl,geovirus,ucdp",
                   help="comma-separated subset of lgl, geovirus, ucdp (default: all)")
    args = p.parse_args(argv)
    args.corpora = [c.strip().lower() for c in args.corpora.split(",") if c.strip()]
    bad = [c for c in args.corpora if c not in ("lgl", "geovirus", "ucdp")]
    if bad:
        p.error(f"unknown corpus {', '.join(bad)}")
    if args.limit is not None and args.limit < 1:
        p.error("--limit must be at least 1")
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    files = {"lgl": "lgl.xml", "geovirus": "GeoVirus.xml", "ucdp": "ucdp_ged_sample.csv"}
    for c in args.corpora:
        if not (args.data / files[c]).is_file():
            p.error(f"{args.data / files[c]}: not found (see --data)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    t_start = time.perf_counter()
    gaz_path = args.gazetteer or default_path()
    gaz = Gazetteer.open(gaz_path)  # built here when missing or stale, never in the workers
    meta = gaz.stats()
    gaz.close()
    gaz_path = str(gaz_path)
    res: dict[str, Any] = {"gazetteer": gaz_path, "gazetteer_meta": meta,
                           "code": _git_state(), "limit": args.limit,
                           "jobs": args.jobs, "docs": {}, "gold_spans": {}, "recognition": {},
                           "end_to_end": {}, "seconds": {}}
    errors: list[dict[str, Any]] = []
    readers = {"lgl": (read_lgl, "lgl.xml"), "geovirus": (read_geovirus, "GeoVirus.xml")}
    for corpus in ("lgl", "geovirus"):
        if corpus not in args.corpora:
            continue
        read, fname = readers[corpus]
        t0 = time.perf_counter()
        docs = read(args.data / fname)[: args.limit]
        results = run_tasks(_doc_task, docs, gaz_path, None, args.jobs, corpus)
        gold = [dict(r, gold_id=(f"geonames:{t.geonameid}" if t.geonameid else None))
                for d, dr in zip(docs, results, strict=True)
                for r, t in zip(dr["gold"], [t for t in d.toponyms if t.has_coords],
                                strict=True)]
        res["docs"][corpus] = len(docs)
        res["gold_spans"][corpus] = summarise_gold_spans(gold, with_ids=corpus == "lgl")
        res["recognition"][corpus] = recognition(docs, results)
        res["end_to_end"][corpus] = end_to_end(docs, results)
        res["seconds"][corpus] = time.perf_counter() - t0
        res["seconds"][f"{corpus} cpu resolve_spans"] = sum(r["seconds_resolve"]
                                                            for r in results)
        res["seconds"][f"{corpus} cpu analyse"] = sum(r["seconds_analyse"] for r in results)
        errors += error_rows(corpus, docs, results)
    if "ucdp" in args.corpora:
        t0 = time.perf_counter()
        rows = read_ucdp(args.data / "ucdp_ged_sample.csv")[: args.limit]
        usable = [r for r in rows if r.where_coordinates]
        overlays = [str(f) for f in sorted(overlay_dir().glob("*.csv")) if f.name != UCDP_OVERLAY]
        results = run_tasks(_ucdp_task, usable, gaz_path, overlays, args.jobs, "ucdp")
        res["ucdp"] = summarise_ucdp(results)
        res["ucdp_skipped"] = len(rows) - len(usable)
        res["ucdp_overlays"] = overlays
        res["seconds"]["ucdp"] = time.perf_counter() - t0
        for r in results:
            if r["error_km"] > ACCURACY_KM:
                ctx = (r["text"][: r["start"]] + "[[" + r["phrase"] + "]]"
                       + r["text"][r["end"] :])
                errors.append(_error_row("ucdp", r["id"], r, None, _clean(ctx),
                                         f"where_prec {r['where_prec']}",
                                         r["where_coordinates"]))
    res["seconds"]["total"] = time.perf_counter() - t_start
    print(f"geoevents evaluation — gazetteer {gaz_path}; code {res['code']}"
          + (f"; --limit {args.limit}" if args.limit else ""))
    print()
    print(report(res))
    if args.errors:
        write_errors(args.errors, errors)
        print(f"\n{len(errors):,} misses written to {args.errors}")
        print(pattern_table(errors, 25))
    if args.json:
        res["error_patterns"] = dict(Counter(e["pattern"] for e in errors).most_common())
        args.json.write_text(json.dumps(_jsonable(res), indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
