"""Whether the gazetteer and the user store are sound: a quick probe when the gazetteer is
opened, the full check of ``geoevents gazetteer check``, damage found by a query reported as
a one-line error, and the recovery of a user store whose import was killed.

What each costs on the 150 MB embedded gazetteer (warm cache): ``PRAGMA integrity_check``
≈8.6 s, ``PRAGMA quick_check`` ≈0.6 s, the probe below (the header's page count against the
file size, the schema, the fingerprint) well under 1 ms. The probe runs at every open; the
checks only in ``gazetteer check``; damage the probe cannot see (garbage written inside a
page) surfaces as :class:`sqlite3.DatabaseError` in a query, which the connections of
:meth:`Gazetteer.open <geoevents.gazetteer.store.Gazetteer.open>` turn into a
:class:`~geoevents.errors.GazetteerError` naming the file and what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import GazetteerError
from .files import STORE_VERSION, is_current, locked, read_only_uri

#: What the user should do with a damaged file, by what it is.
REBUILD = "it is a cache: rebuild it with 'geoevents gazetteer build'"
REIMPORT = ("move it away and import your GeoNames files again "
            "('geoevents gazetteer import FILE…'; 'gazetteer info' lists them)")


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def probe(path: Path) -> str | None:
    """What is wrong with the SQLite file at ``path`` that can be seen without reading it
    all (a file shorter or longer than its header says, an unreadable schema or ``meta``
    table), or ``None``."""
    try:
        con = _ro(path)
        try:
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            size = con.execute("PRAGMA page_size").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            con.execute("SELECT count(*) FROM meta").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    actual = path.stat().st_size
    if actual != pages * size:
        return f"{actual:,} bytes, its header says {pages * size:,}"
    return None


def _full(con: sqlite3.Connection) -> list[str]:
    """Problems ``PRAGMA integrity_check`` finds (none: an empty list)."""
    rows = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
    return [] if rows == ["ok"] else rows


def _counted(con: sqlite3.Connection, schema: str = "main") -> list[str]:
    """Tables whose row count differs from the count ``meta`` recorded at build time."""
    out = []
    for table in ("places", "names"):
        row = con.execute(f"SELECT v FROM {schema}.meta WHERE k = ?", (table,)).fetchone()
        have = con.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone()[0]
        if row is None or str(row[0]) != str(have):
            out.append(f"{table}: {have:,} rows, recorded {row[0] if row else 'nothing'}")
    return out


def check_gazetteer(path: Path) -> str | None:
    """The full check of the embedded gazetteer at ``path``: the integrity of every page and
    index, the fingerprint of the sources it was built from, the row counts recorded when it
    was built. Returns what is wrong (one line, with what to do) or ``None``."""
    if not path.is_file():
        return f"{path}: no gazetteer there; build it with 'geoevents gazetteer build'"
    if not is_current(path):
        return f"{path}: not a current geoevents gazetteer; {REBUILD}"
    try:
        con = _ro(path)
        try:
            problems = _full(con) or _counted(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if problems:
        return f"{path}: damaged ({'; '.join(problems)}); {REBUILD}"
    return None


def check_store(path: Path) -> str | None:
    """The full check of the user store at ``path`` (integrity, version, recorded counts).
    Returns what is wrong (one line, with how to recover) or ``None``."""
    recover_journal(path)
    try:
        con = _ro(path)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'store_version'").fetchone()
            if not row or row[0] != STORE_VERSION:
                return (f"{path}: not a user store of this geoevents version; move it away and "
                        "import again")
            problems = _full(con) or _counted(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if problems:
        return f"{path}: the user store is damaged ({'; '.join(problems)}); {REIMPORT}"
    return None


def recover_journal(store: Path) -> None:
    """Roll back the import that a killed process left half-done in the user store (its
    rollback journal beside it), which read-only readers cannot do ("attempt to write a
    readonly database"): opened for writing once, under the store's lock, SQLite rolls it
    back.

    Raises
    ------
    GazetteerError
        When that cannot be done (no write access), saying how to recover.
    """
    journal = store.with_name(store.name + "-journal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return
    try:
        with locked(store):  # (an import under way holds it: wait for it instead)
            if journal.is_file() and journal.stat().st_size > 0:
                con = sqlite3.connect(store)
                try:
                    con.execute("SELECT count(*) FROM meta").fetchone()
                finally:
                    con.close()
    except (OSError, sqlite3.Error, GazetteerError) as exc:
        raise GazetteerError(
            f"{store}: an interrupted import left it to be rolled back, which needs write "
            f"access to {store.parent} ({exc}); run any geoevents command once as its owner"
        ) from None


class CheckedCursor(sqlite3.Cursor):
    """A cursor whose damaged-file errors are one-line :class:`GazetteerError` s."""

    def execute(self, sql: str, parameters: object = ()) -> CheckedCursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.connection, exc) from None

    def fetchone(self) -> object:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.connection, exc) from None

    def fetchall(self) -> list:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.connection, exc) from None

    def __next__(self) -> object:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.connection, exc) from None


class CheckedConnection(sqlite3.Connection):
    """A connection (``sqlite3.connect(…, factory=CheckedConnection)``) whose queries report
    a damaged file as a one-line :class:`GazetteerError` (see :class:`CheckedCursor`)."""

    label = "the gazetteer"

    def execute(self, sql: str, parameters: object = ()) -> sqlite3.Cursor:
        return self.cursor(CheckedCursor).execute(sql, parameters)


def _damaged(con: sqlite3.Connection, exc: sqlite3.DatabaseError) -> Exception:
    """The error to raise for ``exc``: a one-line GazetteerError when the file is damaged
    (SQLite's CORRUPT and NOTADB errors), else ``exc`` itself (a programming error)."""
    if type(exc) is not sqlite3.DatabaseError:
        return exc
    label = getattr(con, "label", "the gazetteer")
    return GazetteerError(f"{label} is damaged ({exc}); run 'geoevents gazetteer check' to "
                          "see which file and how to recover")


def check(gazetteer: Path, store: Path | None) -> tuple[bool, str]:
    """``geoevents gazetteer check``: the full check of the gazetteer and, when given and
    present, the user store. Returns (all sound, one line saying so or what is wrong)."""
    problems = [p for p in (check_gazetteer(gazetteer),
                            check_store(store) if store is not None and store.is_file()
                            else None) if p]
    if problems:
        return False, " — ".join(problems)
    checked = f"{gazetteer}" + (f" and {store}" if store is not None and store.is_file()
                                else "")
    return True, f"ok: {checked} (integrity, fingerprint, row counts)"
