"""Import GeoNames dumps into the user store, streamed with bounded memory.

Accepted files (``.txt``, or a ``.zip`` whose ``.txt`` member is read as a stream), told
apart by name and column count:

* the **geoname table** — a country file (``SY.txt``), ``allCountries``, ``cities500``…: 19
  tab-separated columns (geonameid, name, asciiname, alternatenames, latitude, longitude,
  feature class, feature code, country code, cc2, admin1–4, population, elevation, dem,
  timezone, modification date);
* **alternate names** — ``alternateNamesV2`` (10 columns) or the older ``alternateNames``
  (8), whole-world or per country; links, postal codes, airport and other codes
  (``link``, ``post``, ``iata``, ``icao``, ``faac``, ``abbr``, ``wkdt``, ``unlc``, ``phon``,
  ``tcid``) and colloquial names are skipped, historic names kept (old reports use them);
* ``admin1CodesASCII`` and ``admin2Codes`` (code, name, asciiname, geonameid);
* ``countryInfo`` (``#`` comment lines; the area gives imported countries their extent by
  the embedded build's rule).

Names from alternate-name, admin-code and countryInfo files are kept for places the user
store or the embedded gazetteer holds (import the geoname table first, or in the same
command: files are imported geoname tables first).

The **user store** (:func:`geoevents._userdata.store_path`) is an SQLite file apart from the
embedded gazetteer, so imports survive rebuilds of it. Its tables:

* ``places(id = geonameid, name, lat, lon, kind, country, admin1, admin2, population,
  fcode, src, extent_m)`` and the view ``place_rows`` with the embedded ``places`` columns
  (``gid``, ``source`` "GeoNames dump SY.txt (imported 2026-11-25), feature T.HLL",
  ``coord_method``…);
* ``names(place, origin, key, skel, main, alt)``, keyed by (place, origin, key): the same
  normalised keys and skeletons as the embedded ``names``; ``origin`` 0 for the geoname row's
  own names, 1 alternate names (``alt`` = alternateNameId), 2 admin codes, 3 countryInfo;
* ``imports`` (one row per imported file), ``admin_codes``, ``countries``, ``meta``.

Re-importing a file updates its rows in place (upsert by geonameid; a place's own names are
replaced, alternate names are added without duplicates). An import is all or nothing: into a
new store it writes a temporary file (``journal_mode=OFF``) moved into place at the end; into
an existing store it runs in one transaction with a rollback journal, so a malformed row at
line 9,000,000 leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import sqlite3
import sys
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ._normalize import name_key, skeleton_of_key
from .errors import GazetteerError
from .gazetteer import _settlement_kind, _usable_alt

STORE_VERSION = "1"

GEONAMES, ALTNAMES, ADMIN1, ADMIN2, COUNTRYINFO = (
    "geonames", "alternateNames", "admin1Codes", "admin2Codes", "countryInfo")
_ORDER = {GEONAMES: 0, ALTNAMES: 1, ADMIN1: 2, ADMIN2: 3, COUNTRYINFO: 4}
ORIGIN_GEONAME, ORIGIN_ALT, ORIGIN_ADMIN, ORIGIN_COUNTRY = 0, 1, 2, 3

#: alternateNames "languages" that are links or codes, not names.
SKIP_LANGUAGES = frozenset(
    {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "phon", "tcid"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS imports(id INTEGER PRIMARY KEY, file TEXT NOT NULL,
    kind TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, rows INTEGER NOT NULL,
    imported TEXT NOT NULL, imported_at TEXT NOT NULL, seconds REAL);
CREATE TABLE IF NOT EXISTS places(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL, country TEXT, admin1 TEXT,
    admin2 TEXT, population INTEGER NOT NULL, fcode TEXT NOT NULL, src INTEGER NOT NULL,
    extent_m REAL);
CREATE TABLE IF NOT EXISTS names(place INTEGER NOT NULL, origin INTEGER NOT NULL,
    key TEXT NOT NULL, skel TEXT NOT NULL, main INTEGER NOT NULL, alt INTEGER,
    PRIMARY KEY (place, origin, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin_codes(code TEXT PRIMARY KEY, name TEXT NOT NULL,
    asciiname TEXT, geonameid INTEGER, src INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries(iso TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL,
    capital TEXT, area_km2 REAL, population INTEGER, continent TEXT, geonameid INTEGER,
    neighbours TEXT, src INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS place_rows AS
    SELECT p.id AS id, 'geonames:' || p.id AS gid, p.name AS name, p.lat AS lat, p.lon AS lon,
           p.kind AS kind, p.country AS country, p.admin1 AS admin1,
           p.population AS population,
           'GeoNames dump ' || i.file || ' (imported ' || i.imported || '), feature ' || p.fcode
               AS source,
           'GeoNames point' AS coord_method, p.extent_m AS extent_m
    FROM places p JOIN imports i ON i.id = p.src;
"""
#: Secondary indexes, created after a bulk insert (the two on names are the big ones).
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS names_key ON names(key)",
    "CREATE INDEX IF NOT EXISTS names_skel ON names(skel) WHERE skel <> ''",
    "CREATE INDEX IF NOT EXISTS places_settlements ON places(lat, lon) "
    "WHERE kind IN ('city','town','village')",
    "CREATE INDEX IF NOT EXISTS places_countries ON places(country) WHERE kind = 'country'",
)
_BULK_INDEXES = ("names_key", "names_skel")


#: Names whose keys and skeletons fingerprint the normalisation rules (:func:`name_rules`).
_PROBES = (
    "Dayr az Zawr", "Deir ez-Zor", "Jisr ash Shughūr", "Ālbū Kamāl", "Tall Abyaḑ", "Tal Abyad",
    "Sievierodonetsk", "Siverskodonetsk", "Kharkiv", "Kharkov", "Palmyra's", "Ḩayy al Quşūr",
    "Hai el-Gharf", "Jebel Zawiya", "Jabal Zawiyah", "Maʿarrat al-Nuʿmān", "Dar'a", "Kafr Nabl",
    "Mykolayivka", "Chernihiv", "São Paulo", "Ørsta", "Straße", "Đakovo", "Işıklar",
    "تدمر", "دير الزور", "Северодонецк", "Харків", "Qaraqosh", "Khan Shaykhun", "Tell Rifaat",
    "Bir al-Sabʿ", "Ain al-Arab", "al-Qāmishlī", "PMS", "K123", "Ab", "Mill Creek",
)


def name_rules() -> str:
    """A fingerprint of the name normalisation (keys, skeletons, which alternate names are
    kept), recorded in the user store: when the rules change, stored keys go stale."""
    import hashlib

    parts = [f"{n}|{name_key(n)}|{skeleton_of_key(name_key(n))}|{_usable_alt(n)}"
             for n in _PROBES]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _stderr(message: str) -> None:
    print(f"geoevents: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- feature kinds

_HILLS = {"HLL", "HLLS", "MND", "MNDS", "RDGE", "RDGS", "SPUR", "CRTR", "DUNE", "DUNS"}
_MOUNTAINS = {"MT", "MTS", "PK", "PKS", "VLC", "MESA", "BUTE"}
_VALLEYS = {"VAL", "VALS", "VALG", "GRGE", "CNYN", "RVN", "GULY", "DPR"}
_AIRPORTS = {"AIRP", "AIRF", "AIRH", "AIRQ"}
_BASES = {"AIRB", "MLTY", "INSM", "BRKS", "NVB", "MILB"}
_CROSSINGS = {"CSTM", "PSTB", "PSTC", "BDGQ"}
_COUNTRIES = {"PCLI", "PCL", "PCLD", "PCLF", "PCLS"}
_REGIONS_A = {"PCLH", "PCLIX", "TERR", "ZN", "ZNB", "LTER", "PRSH"}
_ROADS = {"RD", "RDA", "RR", "RRQ", "TRL", "ST", "RDB", "RDCUT", "RDCR"}


def feature_kind(fclass: str, fcode: str, population: int) -> str:
    """The gazetteer kind of a GeoNames feature class and code.

    P → settlement by population (``city``/``town``/``village``, the embedded build's rule),
    P.PPLX → ``neighbourhood``; A.ADM1/ADM2 → ``admin1``/``admin2``, finer divisions →
    ``district``, PCLI and kin → ``country``; T hills/mountains/valleys; S airports, bases,
    bridges, camps, crossings, dams, other S → ``landmark``; L.AREA/RGN → ``region``,
    L.MILB → ``base``, L.CONT → ``continent``, other L and V → ``area``; H (sea, river, lake,
    well…) → ``water`` except wadis (``valley``); R roads → ``road``, other R ``landmark``;
    U → ``water``; no class → ``area``.
    """
    if fclass == "P":
        return "neighbourhood" if fcode == "PPLX" else _settlement_kind(population)
    if fclass == "A":
        if fcode in ("ADM1", "ADM1H"):
            return "admin1"
        if fcode in ("ADM2", "ADM2H"):
            return "admin2"
        if fcode in _COUNTRIES:
            return "country"
        if fcode in _REGIONS_A:
            return "region"
        return "district"  # ADM3–5, ADMD
    if fclass == "T":
        if fcode in _HILLS:
            return "hill"
        if fcode in _MOUNTAINS:
            return "mountain"
        if fcode in _VALLEYS:
            return "valley"
        return "area"
    if fclass == "S":
        if fcode in _AIRPORTS:
            return "airport"
        if fcode in _BASES:
            return "base"
        if fcode in ("BDG",):
            return "bridge"
        if fcode.startswith("CMP"):
            return "camp"
        if fcode in _CROSSINGS:
            return "crossing"
        if fcode.startswith("DAM"):
            return "dam"
        return "landmark"
    if fclass == "L":
        if fcode in ("AREA", "RGN", "RGNE", "RGNH", "RGNL"):
            return "region"
        if fcode == "CONT":
            return "continent"
        if fcode in _BASES:
            return "base"
        return "area"
    if fclass == "H":
        return "valley" if fcode in ("WAD", "WADS", "WADB", "WADJ", "WADX") else "water"
    if fclass == "R":
        return "road" if fcode in _ROADS else "landmark"
    if fclass == "U":
        return "water"
    return "area"


# --------------------------------------------------------------------------- sources


@dataclass
class Source:
    """One input file: where it is, what it holds, how big it is uncompressed."""

    path: Path
    member: str | None  # the .txt member of a zip
    kind: str
    size: int

    @property
    def label(self) -> str:
        """The file name shown in sources and messages (the member of a zip)."""
        return Path(self.member).name if self.member else self.path.name

    @property
    def where(self) -> str:
        """The file as named in error messages."""
        return f"{self.path} ({self.member})" if self.member else str(self.path)

    @contextlib.contextmanager
    def open(self) -> Iterator[io.BufferedIOBase]:
        """A binary stream of the text (decompressed as it is read, for a zip)."""
        if self.member is None:
            with open(self.path, "rb") as fh:
                yield fh
            return
        with zipfile.ZipFile(self.path) as zf, zf.open(self.member) as fh:
            yield fh

    def chunks(self, size: int) -> Iterator[tuple[int, bytes]]:
        """(first line number, whole lines) in blocks of about ``size`` bytes."""
        line = 1
        rest = b""
        with self.open() as fh:
            while True:
                block = fh.read(size)
                if not block:
                    break
                block = rest + block
                cut = block.rfind(b"\n") + 1
                if cut == 0:
                    rest = block
                    continue
                data, rest = block[:cut], block[cut:]
                yield line, data
                line += data.count(b"\n")
        if rest:
            yield line, rest + b"\n"


def open_source(path: Path | str) -> Source:
    """Identify a GeoNames file by its name and columns.

    Raises
    ------
    GazetteerError
        Naming the file when it is missing, unreadable, empty or not a GeoNames dump.
    """
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.is_dir():
        raise GazetteerError(f"{path}: is a directory, not a GeoNames dump")
    member = None
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                txts = [i for i in zf.infolist() if i.filename.lower().endswith(".txt")
                        and not i.is_dir()]
                same = [i for i in txts if Path(i.filename).stem.lower() == path.stem.lower()]
                useful = [i for i in txts if Path(i.filename).name.lower()
                          not in ("readme.txt", "iso-languagecodes.txt")]
                pick = same or useful
                if len(pick) != 1:
                    found = ", ".join(i.filename for i in txts) or "none"
                    raise GazetteerError(
                        f"{path}: expected one GeoNames .txt file in the zip, found {found}")
                member, size = pick[0].filename, pick[0].file_size
        else:
            size = path.stat().st_size
        src = Source(path, member, "", size)
        with src.open() as fh:
            head = fh.read(1 << 16)
    except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
        raise GazetteerError(f"{path}: cannot read ({exc})") from None
    src.kind = _detect(src, head)
    return src


def _detect(src: Source, head: bytes) -> str:
    name = src.label.lower()
    lines = [ln for ln in head.split(b"\n")[:-1] if ln.strip()] or \
        ([head] if head.strip() else [])
    if not lines:
        raise GazetteerError(f"{src.where}: empty file")
    first_data = next((ln for ln in lines if not ln.startswith(b"#")), b"")
    cols = first_data.decode("utf-8", "replace").rstrip("\r").split("\t")
    digits = [c.isdigit() for c in cols[:2]]
    if name.startswith("countryinfo"):
        return COUNTRYINFO
    if name.startswith("admin1codes"):
        return ADMIN1
    if name.startswith("admin2codes"):
        return ADMIN2
    if name.startswith("alternatenames"):
        return ALTNAMES
    if len(cols) == 19 and digits[0]:
        return GEONAMES
    if len(cols) in (8, 10) and all(digits):
        return ALTNAMES
    if len(cols) == 4 and re.fullmatch(r"[A-Z]{2}\.[^.\s]+", cols[0]):
        return ADMIN1
    if len(cols) == 4 and re.fullmatch(r"[A-Z]{2}\.[^.\s]+\.[^.\s]+", cols[0]):
        return ADMIN2
    if lines[0].startswith(b"#") and len(cols) >= 17 and re.fullmatch(r"[A-Z]{2}", cols[0]):
        return COUNTRYINFO
    raise GazetteerError(
        f"{src.where}: not a GeoNames dump (expected the 19-column geoname table of a country "
        "file or allCountries, alternateNamesV2, admin1CodesASCII, admin2Codes or "
        "countryInfo)")


# --------------------------------------------------------------------------- row parsers


class _RowError(Exception):
    """A malformed row: (line number, what is wrong)."""


_KINDS: dict[tuple[str, str], str] = {}

#: name_key and skeleton_of_key, memoised (names repeat: "Mill Creek", "Tall Ali").
_key = functools.lru_cache(maxsize=300_000)(name_key)
_skel = functools.lru_cache(maxsize=300_000)(skeleton_of_key)


def _kind(fclass: str, fcode: str, population: int) -> str:
    if fclass == "P" and fcode != "PPLX":
        return _settlement_kind(population)
    kind = _KINDS.get((fclass, fcode))
    if kind is None:
        kind = _KINDS[(fclass, fcode)] = feature_kind(fclass, fcode, population)
    return kind


def _name_rows(place: int, origin: int, name: str, alts: Sequence[str],
               main: int = 1) -> list[tuple]:
    """Name rows as the embedded build makes them (:func:`geoevents.gazetteer._name_keys`):
    the name itself, then usable alternate names, each key once."""
    out = []
    seen: set[str] = set()
    if name:
        k = _key(name)
        if k:
            seen.add(k)
            out.append((place, origin, k, _skel(k), main, None))
    for a in alts:
        if not a or a == name or not _usable_alt(a):
            continue
        k = _key(a)
        if k and k not in seen:
            seen.add(k)
            out.append((place, origin, k, _skel(k), 0, None))
    return out


def _lines(first: int, data: bytes) -> Iterator[tuple[int, str]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _RowError(first + data.count(b"\n", 0, exc.start), "not UTF-8 text") from None
    for i, line in enumerate(text.split("\n")):
        if line.endswith("\r"):
            line = line[:-1]
        if line:
            yield first + i, line


def _int(value: str, what: str, line: int, empty: int | None = None) -> int:
    if not value and empty is not None:
        return empty
    try:
        return int(value)
    except ValueError:
        raise _RowError(line, f"{what} {value!r} is not a whole number") from None


def _coord(value: str, what: str, limit: float, line: int) -> float:
    try:
        x = float(value)
    except ValueError:
        raise _RowError(line, f"{what} {value!r} is not a number") from None
    if not -limit <= x <= limit:
        raise _RowError(line, f"{what} {value} is outside -{limit:g}…{limit:g}")
    return x


def _bad_numbers(c: list[str], line: int) -> None:
    """Raise the precise error for a geoname row whose numbers do not parse."""
    _int(c[0], "geonameid", line)
    _coord(c[4], "latitude", 90, line)
    _coord(c[5], "longitude", 180, line)
    _int(c[14], "population", line, empty=0)
    raise _RowError(line, "malformed numbers")  # pragma: no cover (one of the above raised)


_FCODES: dict[tuple[str, str], str] = {}


def parse_geonames(src: int, first: int, data: bytes) -> tuple[list, list, int]:
    """Rows of the geoname table → (place rows, name rows, rows read). (The hot loop of an
    import: checks are inlined, and the precise message is worked out only on failure.)"""
    places: list[tuple] = []
    names: list[tuple] = []
    add_place, add_names = places.append, names.extend
    n = 0
    for line, text in _lines(first, data):
        c = text.split("\t")
        if len(c) != 19:
            raise _RowError(line, f"expected 19 tab-separated columns (geoname table), "
                                  f"found {len(c)}")
        try:
            gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
            pop = int(c[14]) if c[14] else 0
        except ValueError:
            _bad_numbers(c, line)
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            _bad_numbers(c, line)
        name = c[1].strip()
        if not name:
            raise _RowError(line, "empty name")
        fclass, fcode = c[6], c[7]
        fc = _FCODES.get((fclass, fcode))
        if fc is None:
            fc = _FCODES[(fclass, fcode)] = (f"{fclass.strip()}.{fcode.strip()}"
                                             if fclass.strip() or fcode.strip() else "unknown")
        add_place((gid, name, lat, lon, _kind(fclass.strip(), fcode.strip(), pop),
                   c[8].strip().upper() or None, c[10].strip() or None,
                   c[11].strip() or None, pop, fc, src, None))
        if c[3]:
            add_names(_name_rows(gid, ORIGIN_GEONAME, name, [c[2], *c[3].split(",")]))
        else:
            k = _key(name)
            if k:
                add_names(((gid, ORIGIN_GEONAME, k, _skel(k), 1, None),))
            if c[2] and c[2] != name and _usable_alt(c[2]):
                k2 = _key(c[2])
                if k2 and k2 != k:
                    add_names(((gid, ORIGIN_GEONAME, k2, _skel(k2), 0, None),))
        n += 1
    return places, names, n


def parse_altnames(src: int, first: int, data: bytes) -> tuple[list, int, int]:
    """Rows of alternateNames(V2) → (name rows, rows read, rows skipped as links/codes)."""
    rows, n, skipped = [], 0, 0
    for line, text in _lines(first, data):
        c = text.split("\t")
        if len(c) not in (8, 10):
            raise _RowError(line, f"expected 10 tab-separated columns (alternateNamesV2) or "
                                  f"8 (alternateNames), found {len(c)}")
        alt = _int(c[0], "alternateNameId", line)
        gid = _int(c[1], "geonameid", line)
        n += 1
        name = c[3].strip()
        if c[2] in SKIP_LANGUAGES or c[6] == "1" or not name or not _usable_alt(name):
            skipped += 1
            continue
        k = _key(name)
        if not k:
            skipped += 1
            continue
        rows.append((gid, ORIGIN_ALT, k, _skel(k), 0, alt))
    return rows, n, skipped


def parse_admin_codes(src: int, first: int, data: bytes, dots: int) -> tuple[list, list, int]:
    """admin1CodesASCII / admin2Codes → (code rows, name rows, rows read)."""
    codes, names, n = [], [], 0
    for line, text in _lines(first, data):
        c = text.split("\t")
        if len(c) != 4:
            raise _RowError(line, f"expected 4 tab-separated columns (code, name, asciiname, "
                                  f"geonameid), found {len(c)}")
        if c[0].count(".") != dots:
            raise _RowError(line, f"{c[0]!r} is not an admin{dots} code")
        gid = _int(c[3], "geonameid", line, empty=-1)
        gid_or_none = gid if gid >= 0 else None
        codes.append((c[0], c[1], c[2] or None, gid_or_none, src))
        if gid_or_none is not None:
            names.extend(_name_rows(gid, ORIGIN_ADMIN, c[1], [c[2]], main=0))
        n += 1
    return codes, names, n


def parse_country_info(src: int, first: int, data: bytes) -> tuple[list, list, int]:
    """countryInfo → (country rows, name rows, rows read); ``#`` lines are comments."""
    rows, names, n = [], [], 0
    for line, text in _lines(first, data):
        if text.startswith("#"):
            continue
        c = text.split("\t")
        if not 17 <= len(c) <= 19:
            raise _RowError(line, f"expected 19 tab-separated columns (countryInfo), "
                                  f"found {len(c)}")
        c += [""] * (19 - len(c))
        if not re.fullmatch(r"[A-Z]{2}", c[0]):
            raise _RowError(line, f"{c[0]!r} is not an ISO 3166-1 alpha-2 code")
        try:
            area = float(c[6]) if c[6] else None
        except ValueError:
            raise _RowError(line, f"area {c[6]!r} is not a number") from None
        pop = _int(c[7], "population", line, empty=0)
        gid = _int(c[16], "geonameid", line, empty=-1)
        rows.append((c[0], c[1] or None, c[4], c[5] or None, area, pop, c[8] or None,
                     gid if gid >= 0 else None, c[17] or None, src))
        if gid >= 0 and c[4]:
            names.extend(_name_rows(gid, ORIGIN_COUNTRY, c[4], (), main=0))
        n += 1
    return rows, names, n


# --------------------------------------------------------------------------- import


@dataclass
class FileResult:
    """What one file's import did."""

    file: str
    kind: str
    rows: int
    places: int
    names: int
    skipped: int
    seconds: float


def _mapped(fn: Callable, tasks: Iterator[tuple], workers: int) -> Iterator:
    """``fn(*task)`` for every task, in order; on ``workers`` processes with at most
    ``2 × workers`` tasks in flight (so memory stays bounded however big the file)."""
    if workers <= 1:
        for t in tasks:
            yield fn(*t)
        return
    import concurrent.futures
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx)
    pending: deque = deque()
    try:
        for t in tasks:
            pending.append(pool.submit(fn, *t))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _embedded_ids(path: Path | None) -> set[int]:
    """GeoNames ids of the embedded gazetteer (when built), for names of its places."""
    from .gazetteer import _is_current, default_path

    path = path or default_path()
    if not _is_current(path):
        return set()
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {int(g[9:]) for (g,) in con.execute(
            "SELECT gid FROM places WHERE gid LIKE 'geonames:%'") if g[9:].isdigit()}
    finally:
        con.close()


class _Importer:
    def __init__(self, con: sqlite3.Connection, say: Callable[[str], None], workers: int,
                 chunk_bytes: int, every: int, embedded: Path | None):
        self.con, self.say, self.workers = con, say, workers
        self.chunk_bytes, self.every = chunk_bytes, every
        self._embedded_path = embedded
        self._embedded: set[int] | None = None

    def known(self, ids: set[int]) -> set[int]:
        """The ids among ``ids`` that the user store or the embedded gazetteer holds."""
        if self._embedded is None:
            self._embedded = _embedded_ids(self._embedded_path)
        out = ids & self._embedded
        todo = sorted(ids - out)
        for i in range(0, len(todo), 900):
            chunk = todo[i : i + 900]
            q = "SELECT id FROM places WHERE id IN ({})".format(",".join("?" * len(chunk)))
            out.update(r[0] for r in self.con.execute(q, chunk))
        return out

    def run(self, src: Source) -> FileResult:
        t0 = time.perf_counter()
        today = date.today().isoformat()
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        cur = self.con.execute(
            "INSERT INTO imports(file, kind, path, size, rows, imported, imported_at) "
            "VALUES (?,?,?,?,0,?,?)",
            (src.label, src.kind, str(src.path.resolve()), src.size, today, stamp))
        imp = int(cur.lastrowid or 0)
        had_places = self.con.execute("SELECT EXISTS(SELECT 1 FROM places)").fetchone()[0]
        workers = self.workers if src.size >= 4 * self.chunk_bytes else 0
        tasks = ((imp, first, data) for first, data in src.chunks(self.chunk_bytes))
        rows = places = names = skipped = 0
        next_report = self.every
        con = self.con
        try:
            if src.kind == GEONAMES:
                for p_rows, n_rows, n in _mapped(parse_geonames, tasks, workers):
                    if had_places:
                        ids = {r[0] for r in p_rows}
                        old = self.known_in_store(ids)
                        con.executemany("DELETE FROM names WHERE place = ? AND origin = 0",
                                        [(i,) for i in old])
                    con.executemany("INSERT OR REPLACE INTO places VALUES "
                                    "(?,?,?,?,?,?,?,?,?,?,?,?)", p_rows)
                    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?)", n_rows)
                    rows, places, names = rows + n, places + len(p_rows), names + len(n_rows)
                    if rows >= next_report:
                        next_report = self._progress(src, rows, t0, next_report)
            elif src.kind == ALTNAMES:
                for n_rows, n, skip in _mapped(parse_altnames, tasks, workers):
                    keep = self.known({r[0] for r in n_rows})
                    good = [r for r in n_rows if r[0] in keep]
                    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?)", good)
                    rows, names = rows + n, names + len(good)
                    skipped += skip + len(n_rows) - len(good)
                    if rows >= next_report:
                        next_report = self._progress(src, rows, t0, next_report)
            elif src.kind in (ADMIN1, ADMIN2):
                dots = 1 if src.kind == ADMIN1 else 2
                for first, data in src.chunks(self.chunk_bytes):
                    codes, n_rows, n = parse_admin_codes(imp, first, data, dots)
                    con.executemany("INSERT OR REPLACE INTO admin_codes VALUES (?,?,?,?,?)",
                                    codes)
                    keep = self.known({r[0] for r in n_rows})
                    good = [r for r in n_rows if r[0] in keep]
                    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?)", good)
                    rows, names = rows + n, names + len(good)
                    skipped += len(n_rows) - len(good)
            else:
                for first, data in src.chunks(self.chunk_bytes):
                    c_rows, n_rows, n = parse_country_info(imp, first, data)
                    con.executemany("INSERT OR REPLACE INTO countries VALUES "
                                    "(?,?,?,?,?,?,?,?,?,?)", c_rows)
                    keep = self.known({r[0] for r in n_rows})
                    good = [r for r in n_rows if r[0] in keep]
                    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?)", good)
                    rows, names = rows + n, names + len(good)
                    skipped += len(n_rows) - len(good)
        except _RowError as exc:
            line, msg = exc.args
            raise GazetteerError(f"{src.where}, line {line}: {msg}") from None
        except (OSError, zipfile.BadZipFile, EOFError) as exc:
            raise GazetteerError(f"{src.where}: cannot read ({exc})") from None
        if rows == 0 and src.kind != COUNTRYINFO:
            raise GazetteerError(f"{src.where}: no rows")
        secs = time.perf_counter() - t0
        con.execute("UPDATE imports SET rows = ?, seconds = ? WHERE id = ?",
                    (rows, round(secs, 3), imp))
        return FileResult(src.label, src.kind, rows, places, names, skipped, secs)

    def known_in_store(self, ids: set[int]) -> list[int]:
        out: list[int] = []
        todo = sorted(ids)
        for i in range(0, len(todo), 900):
            chunk = todo[i : i + 900]
            q = "SELECT id FROM places WHERE id IN ({})".format(",".join("?" * len(chunk)))
            out.extend(r[0] for r in self.con.execute(q, chunk))
        return out

    def _progress(self, src: Source, rows: int, t0: float, mark: int) -> int:
        dt = max(1e-9, time.perf_counter() - t0)
        self.say(f"{src.label}: {rows:,} rows, {rows / dt:,.0f} rows/s")
        while mark <= rows:
            mark += self.every
        return mark


#: Bytes of input per name row, roughly (measured on dumps): a geoname row (≈125 bytes) gives
#: ≈1.75 names; an alternateNames row (≈41 bytes) ≈0.7 once links and codes are dropped.
_BYTES_PER_NAME = {GEONAMES: 70, ALTNAMES: 60, ADMIN1: 40, ADMIN2: 40, COUNTRYINFO: 200}


def _bulk_pays(con: sqlite3.Connection, sources: Sequence[Source]) -> bool:
    """Whether dropping the name indexes and building them again after the insert is cheaper
    than keeping them up to date row by row. Rebuilding costs ≈5 µs a name already in the
    store, keeping them ≈20 µs a new name (random writes into two big B-trees): it pays from
    about a quarter as many new names as there are; we switch at a fifth."""
    row = con.execute("SELECT v FROM meta WHERE k = 'names'").fetchone()
    existing = int(row[0]) if row and str(row[0]).isdigit() else 0
    new = sum(s.size / _BYTES_PER_NAME[s.kind] for s in sources)
    return new > 0.2 * existing


def _check_store(con: sqlite3.Connection, path: Path, *, rules: bool = True) -> None:
    try:
        row = con.execute("SELECT v FROM meta WHERE k = 'store_version'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if not row:
        raise GazetteerError(f"{path}: exists but is not a geoevents user store; move it away")
    if row[0] != STORE_VERSION:
        raise GazetteerError(f"{path}: user store version {row[0]}, this geoevents reads "
                             f"version {STORE_VERSION}; move it away and import again")
    made = con.execute("SELECT v FROM meta WHERE k = 'name_rules'").fetchone()
    if rules and (not made or made[0] != name_rules()):
        raise GazetteerError(f"{path}: its names were normalised by older rules; move it away "
                             "and import the files again")


def import_files(
    paths: Sequence[Path | str],
    *,
    store: Path | str | None = None,
    embedded: Path | str | None = None,
    progress: Callable[[str], None] | None = _stderr,
    workers: int | None = None,
    chunk_bytes: int = 4 << 20,
    every: int = 500_000,
) -> list[FileResult]:
    """Import GeoNames files into the user store, all or nothing.

    Parameters
    ----------
    paths : sequence of path-like
        Geoname tables, alternate names, admin codes, countryInfo (``.txt`` or ``.zip``);
        imported geoname tables first, whatever their order.
    store : path-like, optional
        The user store file; :func:`geoevents._userdata.store_path` if omitted.
    embedded : path-like, optional
        The embedded gazetteer whose places may take alternate names; the default one.
    progress : callable, optional
        Receives progress lines (every ``every`` rows, with rows/s); ``None`` for silence.
    workers : int, optional
        Processes that parse and normalise names (default: one per core); the main process
        writes. Files under ``4 × chunk_bytes`` are parsed in-process.

    Raises
    ------
    GazetteerError
        Naming the file (and line) that is not a GeoNames dump or is malformed; the store
        is then left as it was.
    """
    from ._userdata import store_path

    say = progress or (lambda _m: None)
    sources = sorted((open_source(p) for p in paths), key=lambda s: _ORDER[s.kind])
    target = Path(store) if store is not None else store_path()
    fresh = not target.exists()
    t0 = time.perf_counter()
    if fresh:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"{target.parent}: cannot create ({exc})") from None
        work = target.with_name(f"{target.name}.importing-{os.getpid()}")
        work.unlink(missing_ok=True)
    else:
        work = target
    try:
        con = sqlite3.connect(work, isolation_level=None)
    except sqlite3.Error as exc:
        raise GazetteerError(f"{target}: cannot open ({exc})") from None
    ok = False
    try:
        if fresh:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            con.executescript(_SCHEMA)
            con.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("store_version", STORE_VERSION), ("name_rules", name_rules())])
        else:
            _check_store(con, target)
            con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-524288")  # 512 MB of page cache
        con.execute("PRAGMA temp_store=FILE")
        con.execute("BEGIN IMMEDIATE")
        bulk = fresh or _bulk_pays(con, sources)
        if bulk:
            for name in _BULK_INDEXES:
                con.execute(f"DROP INDEX IF EXISTS {name}")
        imp = _Importer(con, say, workers if workers is not None else (os.cpu_count() or 1),
                        chunk_bytes, every, Path(embedded) if embedded else None)
        results = []
        for src in sources:
            if src.size >= chunk_bytes:  # (small files: no line before a possible error)
                say(f"importing {src.where} ({src.kind}, {src.size / 1e6:,.1f} MB)…")
            r = imp.run(src)
            results.append(r)
            extra = f", {r.skipped:,} skipped" if r.skipped else ""
            say(f"{r.file}: {r.rows:,} rows → {r.places:,} places, {r.names:,} names{extra} "
                f"in {r.seconds:.1f} s ({r.rows / max(r.seconds, 1e-9):,.0f} rows/s)")
        _finish(con, say)
        con.execute("COMMIT")
        ok = True
    except sqlite3.Error as exc:
        raise GazetteerError(f"{target}: import failed ({exc})") from None
    finally:
        if not ok and con.in_transaction:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        con.close()
        if fresh and not ok:
            work.unlink(missing_ok=True)
    if fresh:
        os.replace(work, target)
    say(f"user store {target}: {sum(r.rows for r in results):,} rows imported in "
        f"{time.perf_counter() - t0:.1f} s")
    return results


def _finish(con: sqlite3.Connection, say: Callable[[str], None]) -> None:
    """Derived values, indexes and counts, after the rows are in."""
    import math

    # a country's extent from its area, the embedded build's rule (radius of a disc of that
    # area, × 1.3 for shapes that are not discs)
    for gid, area in con.execute(
            "SELECT geonameid, area_km2 FROM countries WHERE area_km2 > 0 "
            "AND geonameid IS NOT NULL").fetchall():
        con.execute("UPDATE places SET extent_m = ? WHERE id = ? AND kind = 'country'",
                    (1000.0 * 1.3 * math.sqrt(area / math.pi), gid))
    t = time.perf_counter()
    missing = [sql for sql in _INDEXES if not con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
        (sql.split()[5],)).fetchone()]
    if missing:
        say("indexing…")
        for sql in missing:
            con.execute(sql)
        say(f"  indexed in {time.perf_counter() - t:.1f} s")
    counts = {
        "places": con.execute("SELECT count(*) FROM places").fetchone()[0],
        "names": con.execute("SELECT count(*) FROM names").fetchone()[0],
    }
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [(k, str(v)) for k, v in counts.items()])


def store_summary(path: Path) -> dict[str, str]:
    """What the user store holds: counts and the files imported (for ``gazetteer info``)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check_store(con, path, rules=False)
        meta = dict(con.execute("SELECT k, v FROM meta"))
        files = [f"{f} ({k}, {r:,} rows, {d})" for f, k, r, d in con.execute(
            "SELECT file, kind, rows, imported FROM imports WHERE id IN "
            "(SELECT max(id) FROM imports GROUP BY file, kind) ORDER BY id")]
    finally:
        con.close()
    return {"user store places": meta.get("places", "0"),
            "user store names": meta.get("names", "0"),
            "user store files": "; ".join(files) or "none"}
