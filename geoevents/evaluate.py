"""Evaluation helpers: readers for the geoparsing benchmarks and the standard metrics.

Pure functions, no gazetteer and no pipeline: ``benchmarks/eval_geoparse.py`` runs geoevents
over the benchmark data and hands the numbers to these functions.

Readers
    :func:`read_lgl` (LGL, Lieberman et al. 2010), :func:`read_geovirus` (GeoVirus, Gritta
    et al. 2018) → :class:`Document` objects with :class:`GoldToponym` entries;
    :func:`read_ucdp` (a UCDP GED CSV extract) → :class:`UcdpRow` objects.

Metrics (Gritta, Pilehvar and Collier 2018, "What's missing in geographical parsing?",
*Language Resources and Evaluation* 52:603–623; Gritta, Pilehvar and Collier 2019/2020,
"A pragmatic guide to geoparsing evaluation", *Language Resources and Evaluation* 54:683–712,
arXiv:1810.12368)
    resolution — :func:`accuracy_at` (accuracy@161 km), :func:`mean_error`,
    :func:`median_error`, :func:`auc`, all over a list of errors in km, with
    :data:`UNRESOLVED_KM` standing for "no answer"; recognition — :func:`recognition_scores`
    on exact and on overlapping character spans.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._geodesy import EARTH_RADIUS_M, haversine_m

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = EARTH_RADIUS_M / 1000.0
#: The error charged for a toponym left unresolved: half the Earth's circumference (km), the
#: largest possible great-circle error, as in Gritta et al.'s AUC normalisation.
UNRESOLVED_KM = 20039.0
#: The usual accuracy threshold: 161 km = 100 miles.
ACCURACY_KM = 161.0

Span = tuple[int, int]


# --------------------------------------------------------------------------- distances


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km on a sphere of radius :data:`EARTH_RADIUS_KM`.

    Examples
    --------
    >>> round(great_circle_km(0, 0, 0, 1), 3)
    111.195
    """
    return haversine_m(lat1, lon1, lat2, lon2) / 1000.0


def error_km(pred: tuple[float, float] | None, gold: tuple[float, float]) -> float:
    """The error of a predicted (lat, lon) against the gold one; :data:`UNRESOLVED_KM` for
    ``None`` (no answer)."""
    if pred is None:
        return UNRESOLVED_KM
    return great_circle_km(pred[0], pred[1], gold[0], gold[1])


# --------------------------------------------------------------------------- resolution


def accuracy_at(errors: Sequence[float], km: float = ACCURACY_KM) -> float:
    """Share of errors of at most ``km`` kilometres (``nan`` for no errors).

    Gritta et al.'s code counts ``ln(d + 1) < ln(161)``, i.e. ``d < 160`` km; here an error
    counts when ``d <= km``. The two differ only for errors between 160 and 161 km.
    """
    if not errors:
        return math.nan
    return sum(1 for e in errors if e <= km) / len(errors)


def mean_error(errors: Sequence[float]) -> float:
    """Mean error in km (``nan`` for no errors)."""
    return statistics.fmean(errors) if errors else math.nan


def median_error(errors: Sequence[float]) -> float:
    """Median error in km (``nan`` for no errors)."""
    return statistics.median(errors) if errors else math.nan


def auc(errors: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, scaled to 0..1 (lower is better).

    With the errors sorted ascending, ``e_0 <= … <= e_(n-1)`` (km), each is scaled to

        y_i = ln(e_i + 1) / ln(UNRESOLVED_KM + 1)      (UNRESOLVED_KM = 20,039 km)

    and the curve ``y`` is integrated by the trapezoid rule over ``x_i = i / (n - 1)``:

        AUC = [ Σ_i y_i − (y_0 + y_(n-1)) / 2 ] / (n − 1)

    so 0 means every error is 0 km and 1 means every toponym was unresolved (or 20,039 km
    off). For ``n == 1`` the AUC is ``y_0``; for ``n == 0`` it is ``nan``.

    This is the AUC of Gritta, Pilehvar and Collier (2018, "What's missing in geographical
    parsing?", LRE 52; 2019, "A pragmatic guide to geoparsing evaluation", LRE 54,
    arXiv:1810.12368), whose reference code (``print_stats`` in
    github.com/milangritta/Geocoding-with-Map-Vector) computes
    ``np.trapz(np.log(errors + 1)) / (np.log(20039) * (len(errors) - 1))``. The only
    difference is the normaliser, ``ln(20040)`` here against ``ln(20039)`` there (a relative
    difference of 5·10⁻⁶), chosen so that an unresolved toponym scores exactly 1.
    """
    n = len(errors)
    if n == 0:
        return math.nan
    top = math.log(UNRESOLVED_KM + 1)
    y = [math.log(max(0.0, e) + 1) / top for e in sorted(errors)]
    if n == 1:
        return y[0]
    return (sum(y) - (y[0] + y[-1]) / 2) / (n - 1)


def resolution_summary(errors: Sequence[float]) -> dict[str, float]:
    """``n``, ``acc161``, ``mean_km``, ``median_km``, ``auc`` and ``unresolved`` (the share of
    errors equal to :data:`UNRESOLVED_KM`) of a list of errors."""
    errors = list(errors)
    n = len(errors)
    return {
        "n": n,
        "acc161": accuracy_at(errors),
        "mean_km": mean_error(errors),
        "median_km": median_error(errors),
        "auc": auc(errors),
        "unresolved": (sum(1 for e in errors if e >= UNRESOLVED_KM) / n) if n else math.nan,
    }


def within_area(kind: str, centre: tuple[float, float], extent_m: float | None,
                gold: tuple[float, float], outline: Any = None) -> bool:
    """Whether an area answer (a country, first-level region or continent) contains the gold
    point.

    Parameters
    ----------
    kind : str
        The answer's kind; only ``country``, ``admin1`` and ``continent`` are areas here,
        anything else returns ``False``.
    centre : (lat, lon)
        The answer's point.
    extent_m : float or None
        Its extent (centre to furthest edge), metres.
    gold : (lat, lon)
        The gold point.
    outline : dict or shapely geometry, optional
        The area's outline (a country outline: a GeoJSON geometry dict, or a shapely
        geometry already built from one). When given it decides alone (shapely
        ``contains`` of the gold point, lon/lat); otherwise the gold point must lie within
        ``extent_m`` of ``centre`` (never, without an extent).
    """
    if kind not in ("country", "admin1", "continent", "region"):
        return False
    if outline is not None:
        from shapely.geometry import Point, shape

        geom = shape(outline) if isinstance(outline, dict) else outline
        return bool(geom.contains(Point(gold[1], gold[0])))
    if extent_m is None:
        return False
    return great_circle_km(centre[0], centre[1], gold[0], gold[1]) * 1000.0 <= extent_m


# --------------------------------------------------------------------------- recognition


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts they come from.

    ``tp_pred`` predicted spans matched a gold span (of ``n_pred``); ``tp_gold`` gold spans
    were matched by a predicted one (of ``n_gold``). For exact matching the two are equal.
    """

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else math.nan

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if p == 0 or r == 0:
            return 0.0
        if math.isnan(p) or math.isnan(r):
            return math.nan
        return 2 * p * r / (p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp_pred + other.tp_pred, self.n_pred + other.n_pred,
                   self.tp_gold + other.tp_gold, self.n_gold + other.n_gold)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp_pred": self.tp_pred, "n_pred": self.n_pred, "tp_gold": self.tp_gold,
                "n_gold": self.n_gold}


def overlaps(a: Span, b: Span) -> bool:
    """Whether two half-open character spans ``[start, end)`` share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def exact_prf(gold: Iterable[Span], pred: Iterable[Span]) -> PRF:
    """Exact matching: a predicted span is right when a gold span has the same start and end.
    Duplicate spans count once."""
    g, p = set(gold), set(pred)
    tp = len(g & p)
    return PRF(tp, len(p), tp, len(g))


def overlap_prf(gold: Iterable[Span], pred: Iterable[Span]) -> PRF:
    """Lenient matching: a predicted span is right when it overlaps any gold span (precision),
    and a gold span is found when any predicted span overlaps it (recall). Duplicate spans
    count once."""
    g, p = sorted(set(gold)), sorted(set(pred))
    tp_pred = sum(1 for s in p if any(overlaps(s, t) for t in g))
    tp_gold = sum(1 for t in g if any(overlaps(s, t) for s in p))
    return PRF(tp_pred, len(p), tp_gold, len(g))


def recognition_scores(docs: Iterable[tuple[Iterable[Span], Iterable[Span]]]) -> dict[str, PRF]:
    """Micro-averaged recognition scores over documents.

    Parameters
    ----------
    docs : iterable of (gold spans, predicted spans)
        One pair per document.

    Returns
    -------
    dict
        ``{"exact": PRF, "overlap": PRF}``, counts summed over the documents.
    """
    exact, lenient = PRF(0, 0, 0, 0), PRF(0, 0, 0, 0)
    for gold, pred in docs:
        gold, pred = list(gold), list(pred)
        exact += exact_prf(gold, pred)
        lenient += overlap_prf(gold, pred)
    return {"exact": exact, "overlap": lenient}


def best_overlap(gold: Span, pred: Sequence[Span]) -> int | None:
    """Index of the predicted span sharing most characters with ``gold`` (the first on ties),
    or ``None`` when none overlaps it."""
    best, best_len = None, 0
    for i, s in enumerate(pred):
        n = min(s[1], gold[1]) - max(s[0], gold[0])
        if n > best_len:
            best, best_len = i, n
    return best


# --------------------------------------------------------------------------- readers


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its span in the document text and, when annotated, its location.

    ``lat``/``lon`` are ``None`` for LGL toponyms without a gaztag. ``geonameid`` and
    ``fcode``/``fclass`` come from LGL; ``page`` (a Wikipedia URL) from GeoVirus; ``name`` is
    the gazetteer's name for the entry (LGL ``gaztag/name``) when given.
    """

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None
    fcode: str | None = None
    fclass: str | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    page: str | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Document:
    """A benchmark document: an id, its text and its gold toponyms."""

    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    return float(text)


def _int(elem: ET.Element, tag: str) -> int:
    value = elem.findtext(tag)
    if value is None:
        raise ValueError(f"<{elem.tag}> lacks <{tag}>")
    return int(value.strip())


def read_lgl(path: Path | str) -> list[Document]:
    """Read the LGL corpus (``lgl.xml``).

    ``<article docid>`` holds ``<text>`` and ``<toponyms>``; each ``<toponym>`` has
    ``<start>``, ``<end>`` (character offsets into the text, end exclusive), ``<phrase>`` and,
    for most, a ``<gaztag geonameid>`` with ``<name>``, ``<fclass>``, ``<fcode>``, ``<lat>``,
    ``<lon>``, ``<country>`` and ``<admin1>``. Toponyms without a gaztag are kept with no
    coordinates.

    Raises
    ------
    ValueError
        When a toponym's offsets do not select its phrase in the text.
    """
    root = ET.parse(path).getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = Document(art.get("docid") or str(len(docs)), text)
        for tp in art.iter("toponym"):
            start, end = _int(tp, "start"), _int(tp, "end")
            phrase = tp.findtext("phrase") or ""
            if text[start:end] != phrase:
                raise ValueError(f"LGL {doc.doc_id}: offsets {start}:{end} select "
                                 f"{text[start:end]!r}, not {phrase!r}")
            g = tp.find("gaztag")
            if g is None:
                doc.toponyms.append(GoldToponym(start, end, phrase))
                continue
            doc.toponyms.append(GoldToponym(
                start, end, phrase, lat=_float(g.findtext("lat")), lon=_float(g.findtext("lon")),
                geonameid=(g.get("geonameid") or "").strip() or None,
                fcode=g.findtext("fcode"), fclass=g.findtext("fclass"), name=g.findtext("name"),
                country=g.findtext("country"), admin1=g.findtext("admin1"),
            ))
        docs.append(doc)
    return docs


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """Offsets that select ``name`` in ``text``: as given, else shifted by up to 3 characters
    (the nearest shift wins, earlier on ties)."""
    for d in (0, -1, 1, -2, 2, -3, 3):
        s, e = start + d, end + d
        if 0 <= s and text[s:e] == name:
            return s, e
    return None


def read_geovirus(path: Path | str) -> list[Document]:
    """Read the GeoVirus corpus (``GeoVirus.xml``).

    ``<article>`` holds ``<source>`` (the WikiNews URL), ``<text>`` and ``<locations>``; each
    ``<location>`` has ``<name>``, ``<start>``, ``<end>``, ``<lat>``, ``<lon>`` and ``<page>``.
    Document ids are ``gv<index>`` (several articles share a source URL).

    The offsets of the distributed file are one character late (``start`` and ``end`` both
    +1: ``text[start - 1:end - 1] == name`` for every location). Each location is aligned to
    the nearest offsets (shift of 0, ±1, ±2, ±3) that select its name, so a corrected file
    reads the same.

    Raises
    ------
    ValueError
        When no such shift selects the name.
    """
    root = ET.parse(path).getroot()
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc = Document(f"gv{i}", text)
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            span = _align(text, _int(loc, "start"), _int(loc, "end"), name)
            if span is None:
                raise ValueError(f"GeoVirus {doc.doc_id}: location {name!r} not found at "
                                 f"{loc.findtext('start')}:{loc.findtext('end')}")
            doc.toponyms.append(GoldToponym(
                span[0], span[1], name, lat=_float(loc.findtext("lat")),
                lon=_float(loc.findtext("lon")), page=(loc.findtext("page") or None),
            ))
        docs.append(doc)
    return docs


@dataclass(frozen=True)
class UcdpRow:
    """The fields of a UCDP GED event that a geocoding evaluation needs (``raw``: all of them).

    ``where_prec`` is UCDP's spatial precision code (1 = exact place … 7 = international
    waters); ``None`` when missing.
    """

    id: str
    where_coordinates: str
    where_description: str
    country: str
    adm_1: str
    adm_2: str
    latitude: float
    longitude: float
    where_prec: int | None
    raw: dict[str, str] = field(repr=False, compare=False, default_factory=dict)


def read_ucdp(path: Path | str) -> list[UcdpRow]:
    """Read a UCDP GED CSV extract (``ucdp_ged_sample.csv``); rows without a latitude or
    longitude are skipped. Ids such as ``300380.0`` are given as ``300380``."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
            if lat is None or lon is None:
                continue
            prec = _float(row.get("where_prec"))
            rid = (row.get("id") or "").strip()
            if rid.endswith(".0"):
                rid = rid[:-2]
            out.append(UcdpRow(
                id=rid, where_coordinates=(row.get("where_coordinates") or "").strip(),
                where_description=(row.get("where_description") or "").strip(),
                country=(row.get("country") or "").strip(), adm_1=(row.get("adm_1") or "").strip(),
                adm_2=(row.get("adm_2") or "").strip(), latitude=lat, longitude=lon,
                where_prec=None if prec is None else int(prec), raw=dict(row),
            ))
    return out


#: Type words UCDP appends to (or, in transliterated Russian, puts before) the place names of
#: ``where_coordinates`` ("Rami village", "Nangarhar province", "poselok Dachu-Borzoy").
UCDP_TYPE_WORDS = (
    "town", "village", "city", "district", "sub-district", "subdistrict", "province",
    "governorate", "suburb", "municipality", "area", "state", "township", "department",
    "locality", "oblast", "region", "location", "rayon", "woreda", "lga", "commune", "agency",
    "republic", "territory", "county", "prefecture", "division", "sub-division", "colline",
    "neighbourhood", "neighborhood",
)
_UCDP_SUFFIX_RE = re.compile(
    r"\s+(?:" + "|".join(re.escape(w) for w in UCDP_TYPE_WORDS) + r")\s*$", re.IGNORECASE
)
_UCDP_PREFIX_RE = re.compile(r"^(?:poselok(?:\s+gorodskogo\s+tipa)?|selo|barangay)\s+",
                             re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*\([^()]*\)\s*$")


def ucdp_name_span(where_coordinates: str) -> tuple[int, int]:
    """The span of the place name inside a UCDP ``where_coordinates`` value.

    UCDP writes the name of the place whose coordinates it used followed by its type
    ("Rami village", "Nangarhar province", "Marjah town (Marja)"), sometimes with a second,
    larger unit after a comma or dash ("Telemarenga town, Jagdalpur sub-district"). The span
    keeps the first part (up to a comma, " - " or " / " outside parentheses), without a
    trailing parenthesis, without a trailing type word from :data:`UCDP_TYPE_WORDS` and
    without a leading Russian settlement type ("selo", "poselok"); it never becomes empty
    (the whole value is returned instead).

    Examples
    --------
    >>> ucdp_name_span("Chaghcharan (Feroz Koh) town")
    (0, 11)
    """
    end = len(where_coordinates)
    depth = 0
    for i, ch in enumerate(where_coordinates):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and i > 0 and (ch == "," or where_coordinates.startswith((" - ", " / "),
                                                                             i)):
            end = i
            break
    start = 0
    changed = True
    while changed:
        changed = False
        head = where_coordinates[:end]
        for rx in (_PAREN_RE, _UCDP_SUFFIX_RE):
            m = rx.search(head, start)
            if m and m.start() > start:
                end, changed = m.start(), True
                break
    m = _UCDP_PREFIX_RE.match(where_coordinates, start, end)
    if m and m.end() < end:
        start = m.end()
    while end > start and where_coordinates[end - 1].isspace():
        end -= 1
    if end <= start:
        return 0, len(where_coordinates)
    return start, end
