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

The **user store** (:func:`geoevents.gazetteer.userdata.store_path`) is an SQLite file apart
from the embedded gazetteer, so imports survive rebuilds of it. Its tables:

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

import os
import sqlite3
import sys
import time
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import GazetteerError
from .dumps import (
    ADMIN1,
    ADMIN2,
    ALTNAMES,
    COUNTRYINFO,
    GEONAMES,
    ORDER,
    RowError,
    Source,
    open_source,
    parse_admin_codes,
    parse_altnames,
    parse_country_info,
    parse_geonames,
)
from .files import (
    STORE_VERSION,
    default_path,
    die_with_parent,
    is_current,
    locked,
    read_only_uri,
    remove_stale,
    stderr_progress,
)
from .integrity import recover_journal
from .rules import name_rules
from .userdata import store_path

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
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx,
                                                  initializer=die_with_parent,
                                                  initargs=(os.getpid(),))
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
    path = path or default_path()
    if not is_current(path):
        return set()
    con = sqlite3.connect(read_only_uri(path), uri=True)
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
        except RowError as exc:
            line, msg = exc.args
            raise GazetteerError(f"{src.where}, line {line}: {msg}") from None
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise GazetteerError(f"{src.where}: truncated or damaged zip ({exc}); download it "
                                 "again") from None
        except OSError as exc:
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
    progress: Callable[[str], None] | None = stderr_progress,
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
        The user store file; :func:`geoevents.gazetteer.userdata.store_path` if omitted.
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
    say = progress or (lambda _m: None)
    sources = sorted((open_source(p) for p in paths), key=lambda s: ORDER[s.kind])
    target = Path(store) if store is not None else store_path()
    with locked(target):  # one import at a time: the next one waits, then adds to the store
        return _import(sources, target, say, (
            workers if workers is not None else (os.cpu_count() or 1), chunk_bytes, every,
            Path(embedded) if embedded else None))


def _import(sources: list[Source], target: Path, say: Callable[[str], None],
            settings: tuple[int, int, int, Path | None]) -> list[FileResult]:
    """:func:`import_files` under the store's lock (``settings``: the :class:`_Importer`'s
    workers, chunk size, progress interval and embedded gazetteer)."""
    remove_stale(target, "importing")  # what a killed import left (this one's too)
    fresh = not target.exists()
    t0 = time.perf_counter()
    if fresh:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"{target.parent}: cannot create ({exc})") from None
        work = target.with_name(f"{target.name}.importing-{os.getpid()}")
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
        imp = _Importer(con, say, *settings)
        results = []
        for src in sources:
            if src.size >= settings[1]:  # (small files: no line before a possible error)
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
    con = sqlite3.connect(read_only_uri(path), uri=True)
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


def attach_store(con: sqlite3.Connection, store: Path) -> None:
    """Attach the user store read-only as ``u`` (checking that it is one).

    Raises
    ------
    GazetteerError
        When it cannot be read or is not a user store of this version (``con`` is closed).
    """
    try:
        recover_journal(store)
    except GazetteerError:
        con.close()
        raise
    try:
        con.execute("ATTACH DATABASE ? AS u", (read_only_uri(store),))
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
