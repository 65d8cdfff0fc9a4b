"""The small data model that flows through the pipeline.

read → :class:`Report`; extract → :class:`Mention` and :class:`Expression`;
gazetteer → :class:`Place`; resolve → mentions with a chosen place;
geometry → :class:`Feature`; export/render consume features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: Feature kinds of the GeoJSON contract.
KINDS: tuple[str, ...] = ("place", "offset", "disc", "sector", "band", "buffer", "between", "area")


@dataclass(frozen=True, slots=True)
class Report:
    """A report's text and where it came from.

    Parameters
    ----------
    text : str
        The report text (Unicode, newlines normalised to ``\\n``).
    source : str
        The file name, ``"-"`` for standard input, or a caller-chosen label.
    id : str
        A short, stable label for the report in combined outputs (a slug of the file name,
        ``name-3`` for the third record of a ``.jsonl``/``.csv`` file, or the record's own id).
        Empty: derived from ``source`` by :attr:`label`.
    title, date, url : str or None
        What the input says of itself: a saved page's title, publication date (ISO 8601
        ``YYYY-MM-DD`` when it could be read) and address; a table's ``title``/``date``/``url``
        columns. Untrusted text, like the report itself.
    """

    text: str
    source: str = "-"
    id: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        """``id``, or a slug of the source's file name (``"report"`` for standard input)."""
        if self.id:
            return self.id
        return slug(self.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0])


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``id`` is namespaced (``geonames:163808``, ``overlay:sy-palmyra-castle``);
    ``extent_m`` is the distance from the centre to the furthest edge when a source
    gives it, else ``None`` (geometry then estimates it, see :mod:`geoevents.geometry`).
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str | None = None
    admin1: str | None = None
    population: int = 0
    source: str = ""
    coord_method: str = ""
    extent_m: float | None = None

    @property
    def is_settlement(self) -> bool:
        """True for populated places (cities, towns, villages)."""
        return self.kind in {"city", "town", "village", "settlement"}

    @property
    def is_area(self) -> bool:
        """True for countries, continents and administrative regions."""
        return self.kind in {"country", "continent", "admin1", "admin2", "region"}


@dataclass(slots=True)
class Mention:
    """A reference to a place in the text.

    ``role`` is ``"toponym"`` (a name the gazetteer may know), ``"named"`` (a name recognised
    from a feature word, such as "the X neighbourhood"), or ``"reference"`` ("the city").
    A toponym with ``modifier`` set is a demonym (``feature == "demonym"``) or a place name
    inside an organisation's name.
    """

    text: str
    start: int
    end: int
    role: str
    name: str
    feature: str | None = None
    candidates: tuple[Place, ...] = ()
    place: Place | None = None
    confidence: float = 0.0
    antecedent: Mention | None = None
    host: Place | None = None  # the settlement a facility is named after ("Kunduz airport")
    in_name: bool = False  # the feature word is part of the name ("Tal Abyad", "Kafr Nabl")
    #: The name qualifies something else rather than saying where it is: a demonym ("Russian
    #: forces"), a place in an organisation's name ("the Texas Department of Health"). Such
    #: mentions are recognised and resolved, but make no feature of their own.
    modifier: bool = False
    loose: bool = False  # the candidates are spelling variants: the text's name is none of theirs

    @property
    def resolved(self) -> Place | None:
        """The place this mention stands for, following references to their antecedent."""
        if self.role == "reference" and self.antecedent is not None:
            return self.antecedent.resolved
        return self.place


@dataclass(slots=True)
class Expression:
    """A spatial expression: a relation between a location and one or two anchors.

    Parameters
    ----------
    relation : str
        One of ``place``, ``within``, ``offset``, ``direction``, ``inside``, ``edge``,
        ``outskirts``, ``surrounding``, ``near``, ``centre``, ``distance``, ``between``,
        ``road`` ("on the road to Z": anchors [Z], and the place named last before it in
        the sentence as the road's origin when there is one), ``corridor`` ("the X–Y
        highway": anchors [X, Y]), ``along`` ("3 km along the road from X to Y": anchors
        [X, Y], ``distance_m`` from X).
    anchors : list of Mention
        What the location is relative to (two for ``between``, ``corridor`` and ``along``).
    subject : Mention or None
        A named place the expression locates ("Al-Tar hilltop" in "Al-Tar hilltop to the
        west of the city").
    """

    relation: str
    text: str
    start: int
    end: int
    anchors: list[Mention]
    subject: Mention | None = None
    distance_m: float | None = None
    distance_precision_m: float = 0.0
    bearing_deg: float | None = None
    bearing_precision_deg: float | None = None
    hedge: str | None = None
    anchor_part: str | None = None  # "centre" for "the heart of X"
    #: A written range ("10–15 km"): (low, high) in metres; ``distance_m`` is its midpoint and
    #: ``distance_precision_m`` half its width plus the numbers' precision.
    range_m: tuple[float, float] | None = None
    #: Two offsets from one anchor ("3 km north and 2 km east of X"), as written:
    #: (distance, distance precision, bearing) each; ``distance_m``/``bearing_deg`` hold their
    #: vector sum.
    components: list[tuple[float, float, float]] | None = None


@dataclass(slots=True)
class Feature:
    """A located mention: what the GeoJSON and the map show.

    ``geometry`` is a shapely geometry in lon/lat (WGS84); ``properties`` returns the
    GeoJSON properties contract.
    """

    id: str
    kind: str
    text: str
    quote: str
    start: int
    end: int
    relation: str
    lat: float
    lon: float
    uncertainty_m: float
    precision: int
    confidence: float
    geometry: Any
    place: str | None = None
    place_id: str | None = None
    country: str | None = None
    distance_m: float | None = None
    bearing_deg: float | None = None
    name: str | None = None
    derived_from: str | None = None
    place_source: str | None = None
    #: Provenance: the report the feature comes from (:attr:`Report.label`) and what the
    #: report says of itself (title, publication date, address); ``None`` when unknown.
    report: str | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_url: str | None = None
    #: What happened there (:mod:`geoevents.events`): ACLED's event type and sub-event type,
    #: the actors as named and their sides (keys of the sides table), and the control status
    #: the report gives the place: ``held`` (by ``side``), ``contested``, ``advancing``
    #: (``side`` advancing on it), ``lost`` (by ``side``) or ``unknown``.
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    side1: str | None = None
    actor2: str | None = None
    side2: str | None = None
    status: str | None = None
    side: str | None = None
    fatalities: int | None = None
    #: Who says so, when the report attributes the claim ("state television", "the
    #: Observatory"); ``negated`` when it is denied or said not to have happened.
    claimed_by: str | None = None
    negated: bool = False
    #: When (:mod:`geoevents.dates`): ``YYYY-MM-DD`` (the first day of the period for a
    #: vaguer date), ACLED's ``time_precision`` (1 the day, 2 the week, 3 the month or
    #: vaguer), and the words it comes from (or "report date").
    date: str | None = None
    date_precision: int | None = None
    date_text: str | None = None
    explain: list[str] = field(default_factory=list)

    def properties(self) -> dict[str, Any]:
        """The GeoJSON properties of this feature, in contract order."""
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "place_id": self.place_id,
            "country": self.country,
            "relation": self.relation,
            "distance_m": _round(self.distance_m, 1),
            "bearing_deg": _round(self.bearing_deg, 2),
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "uncertainty_m": round(self.uncertainty_m, 1),
            "precision": self.precision,
            "confidence": round(self.confidence, 3),
            "name": self.name,
            "derived_from": self.derived_from,
            "place_source": self.place_source,
            "report": self.report,
            "report_title": self.report_title,
            "report_date": self.report_date,
            "report_url": self.report_url,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "side1": self.side1,
            "actor2": self.actor2,
            "side2": self.side2,
            "status": self.status,
            "side": self.side,
            "fatalities": self.fatalities,
            "claimed_by": self.claimed_by,
            "negated": self.negated,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
        }


def slug(value: str) -> str:
    """A file-name- and URL-safe label: ASCII letters, digits, ``-`` and ``_`` (``"report"``
    when nothing is left)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_).strip("-_").lower()
    return out[:80].rstrip("-_") or "report"


def unique_label(label: str, taken: set[str]) -> str:
    """``label``, or ``label-2``, ``label-3``… — the first not in ``taken``, which it joins."""
    out, n = label, 1
    while out in taken:
        n += 1
        out = f"{label}-{n}"
    taken.add(out)
    return out


def _round(value: float | None, ndigits: int) -> float | None:
    return None if value is None else round(value, ndigits)


@dataclass(frozen=True, slots=True)
class Theatre:
    """Where the user knows their reports are from: a bias for resolution, not a filter.

    ``countries`` are ISO 3166-1 alpha-2 codes; ``bbox`` is (west, south, east, north) in
    degrees, west > east for a box across the antimeridian. Places inside the theatre are
    preferred to their namesakes elsewhere; a small place outside it that nothing else in the
    report supports is left unresolved; places named from afar (countries, capitals) still
    resolve.
    """

    countries: frozenset[str] = frozenset()
    bbox: tuple[float, float, float, float] | None = None

    def __bool__(self) -> bool:
        return bool(self.countries) or self.bbox is not None

    def contains(self, place: Place) -> bool:
        """Whether ``place`` lies in the theatre (in one of its countries or inside its box)."""
        if place.country and place.country in self.countries:
            return True
        if self.bbox is None:
            return False
        west, south, east, north = self.bbox
        if not south <= place.lat <= north:
            return False
        if west <= east:
            return west <= place.lon <= east
        return place.lon >= west or place.lon <= east


@dataclass(slots=True)
class Extraction:
    """What :func:`geoevents.extract.extract` finds: mentions, expressions, sentence spans and
    skipped ranges."""

    mentions: list[Mention]
    expressions: list[Expression]
    sentences: list[tuple[int, int]]
    furniture: list[tuple[int, int]]
    cue_countries: dict[str, int]
    text: str = ""
