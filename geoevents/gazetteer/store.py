"""Read access to the built gazetteer, the overlays and the user's own data: the queries of
the :class:`Gazetteer` (building, when needed, is :mod:`geoevents.gazetteer.builder`'s)."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .._geodesy import haversine_m
from .._normalize import name_key, skeleton
from ..model import Place
from .builder import ensure_built
from .files import default_path, overlay_dir, read_only_uri
from .geonames import attach_store, store_summary
from .integrity import CheckedConnection
from .loose import LOOSE_ALT_MIN_POPULATION, LOOSE_ALT_MIN_SIMILARITY, LooseBound, bare
from .overlay import read_overlay
from .userdata import USER_OVERLAY_LABEL, data_dir, overlay_path, store_path

#: Bytes of the gazetteer file read through a memory map (:meth:`Gazetteer.open`).
MMAP_SIZE = 1 << 30
#: The places table's columns in :class:`~geoevents.model.Place` order (``Place(*row)``).
_PLACE_COLS = ("gid, name, lat, lon, kind, country, admin1, population, source, coord_method, "
               "extent_m")
#: The same, of the places table aliased ``p``.
_P_PLACE_COLS = ", ".join(f"p.{c.strip()}" for c in _PLACE_COLS.split(","))


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
            The SQLite file; :func:`~geoevents.gazetteer.files.default_path` if omitted.
        overlays : iterable of path-like, optional
            Overlay CSVs; every ``*.csv`` in
            :func:`~geoevents.gazetteer.files.overlay_dir` if omitted.
        auto_build : bool
            Build (or rebuild) when the file is missing or was built from other sources.
        user_data : path-like or bool, optional
            The folder of the user's own data — the user overlay ``overlay.csv`` and the
            store of imported dumps ``imports.sqlite`` — both used when present;
            :func:`geoevents.gazetteer.userdata.data_dir` if omitted or ``True``, none if ``False``.
            (Independent of ``overlays``.)
        """
        target = Path(path) if path is not None else default_path()
        ensure_built(target, auto_build=auto_build)
        files = sorted(overlay_dir().glob("*.csv")) if overlays is None else list(overlays)
        rows: list[tuple[Place, list[str]]] = []
        for f in files:
            rows.extend(read_overlay(f))
        store = user_overlay = base = None
        if user_data is not False:
            base = data_dir() if user_data is None or user_data is True else Path(user_data)
            if overlay_path(base).is_file():
                user_overlay = overlay_path(base)
                rows.extend(read_overlay(user_overlay, label=USER_OVERLAY_LABEL))
            if store_path(base).is_file():
                store = store_path(base)
        # one entry per overlay id: a later file (the user overlay) replaces an earlier one
        by_id = {p.id: (p, alts) for p, alts in rows}
        con = sqlite3.connect(read_only_uri(target), uri=True,
                              factory=CheckedConnection)
        con.label = f"{target}" + (f" (or the user store {store})" if store else "")
        # read through a memory map rather than a system call a page: about a fifth off the
        # queries' time (SQLite caps the size where the platform cannot map that much)
        con.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
        # keep the shared lock on the gazetteer between queries instead of taking it (and
        # checking the file for changes) at every statement: about a tenth off the queries'
        # time. Nothing writes the file in place (a build writes a new file and renames it
        # over this one); the user store, which imports write, keeps the normal mode.
        con.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        if store is not None:
            attach_store(con, store)
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
            for r in self._con.execute(q, chunk).fetchall():
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
                 keep: LooseBound | None = None,
                 kinds: frozenset[str] | None = None
                 ) -> dict[str, list[tuple[str, Place]]]:
        """(name key, place) for every name whose ``column`` (``key`` or ``skel``) is one of
        ``values``, from the embedded gazetteer and the user store, ordered by population
        (largest first) and id; an imported place replaces the embedded one of its id.
        ``keep(value, name key)``, when given, drops a row before its place is built (the
        loose lookup's cheap similarity bound, :class:`~geoevents.gazetteer.loose.LooseBound`:
        most rows of a short skeleton fail it);
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
                kept = keep.kept(self._con.execute(q, args).fetchall())
                by_id = self._places_by("main.places", "id", {r[2] for r in kept})
                for value, key, place_id in kept:
                    out[value].append((key, by_id[place_id]))
                continue
            if not self._user:
                q = (f"SELECT n.{column}, n.key, {emb_cols} FROM main.names n "
                     f"JOIN main.places p ON p.id = n.place "
                     f"WHERE n.{column} IN ({marks}){own_emb}")
                for r in self._con.execute(q, chunk).fetchall():
                    out[r[0]].append((r[1], Place(*r[2:])))
                continue
            q = (f"SELECT n.{column}, n.key, {emb_cols}, {_USER_COLS} FROM main.names n "
                 "JOIN main.places p ON p.id = n.place "
                 "LEFT JOIN u.places q ON q.id = CAST(substr(p.gid, 10) AS INTEGER) "
                 f"WHERE n.{column} IN ({marks}){own_emb}")
            for r in self._con.execute(q, chunk).fetchall():
                if keep is not None and not keep(r[0], r[1]):
                    continue
                emb = Place(*r[2:13])
                out[r[0]].append((r[1], emb if r[13] is None
                                  else _merge(self._imported(r[13:]), emb)))
            q = (f"SELECT n.{column}, n.key, {_USER_COLS}, {emb_cols} FROM u.names n "
                 "LEFT JOIN u.places q ON q.id = n.place "
                 "LEFT JOIN main.places p ON p.gid = 'geonames:' || n.place "
                 f"WHERE n.{column} IN ({marks})" + (" AND n.skel <> ''" + own if loose else ""))
            for r in self._con.execute(q, chunk).fetchall():
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
            out.update((r[0], Place(*r[1:])) for r in self._con.execute(q, chunk).fetchall())
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
            mine_of.setdefault(sk, []).append(bare(n))
        rows: dict[str, list[tuple[str, Place]]] = {
            sk: pairs for sk, pairs in self._matches(
                "skel", skels, keep=LooseBound(mine_of, min(0.8, LOOSE_ALT_MIN_SIMILARITY)),
                kinds=kinds).items() if pairs}
        overlay_skel = self._overlay_skel
        for sk in skels:
            places = overlay_skel.get(sk)
            if places:
                rows.setdefault(sk, []).extend(
                    (k, q) for k, q in places if kinds is None or q.kind in kinds)
        similar: dict[tuple[str, str, float], bool] = {}  # places often share a name
        for n, sk in wanted.items():
            mine = bare(n)
            seen: set[str] = set()
            for key, place in rows.get(sk, ()):
                if place.id in seen:
                    continue
                need = 0.8 if name_key(place.name) == key and len(sk) >= 4 \
                    else LOOSE_ALT_MIN_SIMILARITY
                verdict = similar.get((mine, key, need))
                if verdict is None:
                    sm = SequenceMatcher(None, mine, bare(key))
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
        """English frequency (Zipf scale, 0–8) of a lower-case word; 0 for unknown words
        (memoised with :meth:`words_zipf`)."""
        return self.words_zipf((word,))[word]

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
                found = {k: float(z) for k, z in self._con.execute(q, chunk).fetchall()}
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
        text = self.shape_geojson(place)
        if text is None:
            return None
        import json

        return json.loads(text)

    def shape_geojson(self, place: Place) -> str | None:
        """:meth:`shape` as the GeoJSON text stored (for ``shapely.from_geojson``, which
        reads it in C: twice as fast as building the geometry from the parsed dict)."""
        row = self._con.execute(
            "SELECT s.geojson FROM main.shapes s JOIN main.places p ON p.id = s.place "
            "WHERE p.gid = ?",
            (place.id,),
        ).fetchone()
        return row[0] if row else None

    def nearest_comparable(self, place: Place, *, radius_m: float = 100_000) -> float | None:
        """Distance in metres to the nearest other settlement at least half as populous."""
        # ``+kind`` in the embedded query: the unary plus keeps SQLite off the kind index
        # (every city, town and village: ~0.2 s a call) so that it searches the latitude band
        # of places_latlon. Not in the user store's: there the plain term is what lets SQLite
        # use its partial index places_settlements (with the plus it scans every place)
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
            f"AND {lon_sql} AND population >= ? AND +kind IN ('city','town','village')",
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
        out["user data"] = str(self.user_data_dir or data_dir())
        if self.user_overlay is not None:
            mine = {p.id for ps in self._overlay.values() for p in ps
                    if p.source.startswith(f"{USER_OVERLAY_LABEL}:")}
            out["user overlay"] = f"{self.user_overlay} ({len(mine)} entries)"
        else:
            out["user overlay"] = "none (geoevents gazetteer add NAME …)"
        if self.user_store is not None:
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


def _each_once(places: Iterable[Place]) -> list[Place]:
    """``places`` in their order, each place (id) once: its first occurrence."""
    seen: set[str] = set()
    out: list[Place] = []
    for p in places:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out
