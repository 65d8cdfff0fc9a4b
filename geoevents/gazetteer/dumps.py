"""GeoNames dump files: which kind a file is (by name and columns), reading it as a stream
(a ``.txt`` or the ``.txt`` member of a zip) in blocks of whole lines, and the parsers of
their rows into the user store's rows (:mod:`geoevents.gazetteer.geonames` writes them)."""

from __future__ import annotations

import contextlib
import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .._normalize import name_key, skeleton_of_key
from ..errors import GazetteerError
from .rules import settlement_kind, usable_alt

GEONAMES, ALTNAMES, ADMIN1, ADMIN2, COUNTRYINFO = (
    "geonames", "alternateNames", "admin1Codes", "admin2Codes", "countryInfo")
#: The order in which files are imported: geoname tables first.
ORDER = {GEONAMES: 0, ALTNAMES: 1, ADMIN1: 2, ADMIN2: 3, COUNTRYINFO: 4}
ORIGIN_GEONAME, ORIGIN_ALT, ORIGIN_ADMIN, ORIGIN_COUNTRY = 0, 1, 2, 3

#: alternateNames "languages" that are links or codes, not names.
SKIP_LANGUAGES = frozenset(
    {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "phon", "tcid"})

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
        return "neighbourhood" if fcode == "PPLX" else settlement_kind(population)
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

#: No GeoNames row is this long (allCountries' longest are a few kB): a longer line means the
#: file is not a dump (or a decompression bomb of one line), and reading stops there.
MAX_LINE_BYTES = 1 << 20
#: A zip member may not decompress to more than this many times the zip file's size (GeoNames'
#: zips expand 3–5 times; a bomb, hundreds or thousands).
MAX_EXPANSION = 50


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
        """(first line number, whole lines) in blocks of about ``size`` bytes.

        Raises
        ------
        GazetteerError
            When a line is longer than :data:`MAX_LINE_BYTES` (no GeoNames row is: a file
            with no line breaks, such as a decompression bomb, stops there), or a zip member
            yields more than its stated size or more than :data:`MAX_EXPANSION` times the
            zip file's size.
        """
        line = 1
        rest = b""
        total = 0
        # what a zip member may decompress to (a plain file is read as it is)
        limit = (None if self.member is None
                 else min(self.size, MAX_EXPANSION * max(self.path.stat().st_size, 1)))
        with self.open() as fh:
            while True:
                block = fh.read(size)
                if not block:
                    break
                total += len(block)
                if limit is not None and total > limit:
                    raise GazetteerError(
                        f"{self.where}: decompresses to more than "
                        f"{'its stated size' if limit == self.size else 'expected'} "
                        f"({limit:,} bytes): a damaged or malicious archive")
                block = rest + block
                cut = block.rfind(b"\n") + 1
                if cut == 0:
                    if len(block) > MAX_LINE_BYTES:
                        raise GazetteerError(f"{self.where}: line {line} is longer than "
                                             f"{MAX_LINE_BYTES:,} bytes: not a GeoNames dump")
                    rest = block
                    continue
                data, rest = block[:cut], block[cut:]
                lines = data.count(b"\n")
                if len(rest) > MAX_LINE_BYTES:
                    raise GazetteerError(f"{self.where}: line {line + lines} is longer than "
                                         f"{MAX_LINE_BYTES:,} bytes: not a GeoNames dump")
                yield line, data
                line += lines
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
            with open(path, "rb") as fh:
                magic = fh.read(4)
            if magic == b"PK\x03\x04" or path.suffix.lower() == ".zip":
                raise GazetteerError(f"{path}: truncated or damaged zip (no central "
                                     "directory); download it again")
            size = path.stat().st_size
        src = Source(path, member, "", size)
        with src.open() as fh:
            head = fh.read(1 << 16)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise GazetteerError(f"{path}: truncated or damaged zip ({exc}); download it "
                             "again") from None
    except (OSError, RuntimeError) as exc:
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


class RowError(Exception):
    """A malformed row: (line number, what is wrong)."""


_KINDS: dict[tuple[str, str], str] = {}

#: name_key and skeleton_of_key, memoised (names repeat: "Mill Creek", "Tall Ali").
_key = functools.lru_cache(maxsize=300_000)(name_key)
_skel = functools.lru_cache(maxsize=300_000)(skeleton_of_key)


def _kind(fclass: str, fcode: str, population: int) -> str:
    if fclass == "P" and fcode != "PPLX":
        return settlement_kind(population)
    kind = _KINDS.get((fclass, fcode))
    if kind is None:
        kind = _KINDS[(fclass, fcode)] = feature_kind(fclass, fcode, population)
    return kind


def _name_rows(place: int, origin: int, name: str, alts: Sequence[str],
               main: int = 1) -> list[tuple]:
    """Name rows as the embedded build makes them (:func:`~geoevents.gazetteer.rules.name_keys`):
    the name itself, then usable alternate names, each key once."""
    out = []
    seen: set[str] = set()
    if name:
        k = _key(name)
        if k:
            seen.add(k)
            out.append((place, origin, k, _skel(k), main, None))
    for a in alts:
        if not a or a == name or not usable_alt(a):
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
        raise RowError(first + data.count(b"\n", 0, exc.start), "not UTF-8 text") from None
    for i, line in enumerate(text.split("\n")):
        if line.endswith("\r"):
            line = line[:-1]
        if line:
            yield first + i, line


#: The largest id or population a row may hold (SQLite's largest integer). Beyond it (or
#: below 0) a row is malformed: the import stops naming file and line, like any bad row.
_MAX_ID = 2**63 - 1


def _int(value: str, what: str, line: int, empty: int | None = None) -> int:
    if not value and empty is not None:
        return empty
    try:
        number = int(value)
    except ValueError:
        raise RowError(line, f"{what} {value!r} is not a whole number") from None
    if not 0 <= number <= _MAX_ID:
        raise RowError(line, f"{what} {value} is out of range (0…{_MAX_ID:,})")
    return number


def _coord(value: str, what: str, limit: float, line: int) -> float:
    try:
        x = float(value)
    except ValueError:
        raise RowError(line, f"{what} {value!r} is not a number") from None
    if not -limit <= x <= limit:
        raise RowError(line, f"{what} {value} is outside -{limit:g}…{limit:g}")
    return x


def _bad_numbers(c: list[str], line: int) -> None:
    """Raise the precise error for a geoname row whose numbers do not parse."""
    _int(c[0], "geonameid", line)
    _coord(c[4], "latitude", 90, line)
    _coord(c[5], "longitude", 180, line)
    _int(c[14], "population", line, empty=0)
    raise RowError(line, "malformed numbers")  # pragma: no cover (one of the above raised)


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
            raise RowError(line, f"expected 19 tab-separated columns (geoname table), "
                                  f"found {len(c)}")
        try:
            gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
            pop = int(c[14]) if c[14] else 0
        except ValueError:
            _bad_numbers(c, line)
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and 0 <= gid <= _MAX_ID
                and 0 <= pop <= _MAX_ID):
            _bad_numbers(c, line)
        name = c[1].strip()
        if not name:
            raise RowError(line, "empty name")
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
            if c[2] and c[2] != name and usable_alt(c[2]):
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
            raise RowError(line, f"expected 10 tab-separated columns (alternateNamesV2) or "
                                  f"8 (alternateNames), found {len(c)}")
        alt = _int(c[0], "alternateNameId", line)
        gid = _int(c[1], "geonameid", line)
        n += 1
        name = c[3].strip()
        if c[2] in SKIP_LANGUAGES or c[6] == "1" or not name or not usable_alt(name):
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
            raise RowError(line, f"expected 4 tab-separated columns (code, name, asciiname, "
                                  f"geonameid), found {len(c)}")
        if c[0].count(".") != dots:
            raise RowError(line, f"{c[0]!r} is not an admin{dots} code")
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
            raise RowError(line, f"expected 19 tab-separated columns (countryInfo), "
                                  f"found {len(c)}")
        c += [""] * (19 - len(c))
        if not re.fullmatch(r"[A-Z]{2}", c[0]):
            raise RowError(line, f"{c[0]!r} is not an ISO 3166-1 alpha-2 code")
        try:
            area = float(c[6]) if c[6] else None
        except ValueError:
            raise RowError(line, f"area {c[6]!r} is not a number") from None
        pop = _int(c[7], "population", line, empty=0)
        gid = _int(c[16], "geonameid", line, empty=-1)
        rows.append((c[0], c[1] or None, c[4], c[5] or None, area, pop, c[8] or None,
                     gid if gid >= 0 else None, c[17] or None, src))
        if gid >= 0 and c[4]:
            names.extend(_name_rows(gid, ORIGIN_COUNTRY, c[4], (), main=0))
        n += 1
    return rows, names, n
