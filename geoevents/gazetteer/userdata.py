"""The user's own gazetteer data, kept apart from the embedded gazetteer so that it survives
rebuilds: the **user store** of imported GeoNames dumps (``imports.sqlite``, see
:mod:`geoevents.gazetteer.geonames`) and the **user overlay** of analysts' own entries
(``overlay.csv``, the schema of ``data/gazetteer/README.md``).

Both live in :func:`data_dir`: ``$GEOEVENTS_DATA`` if set, else the user data directory
(``~/.local/share/geoevents`` on Linux) — never in the cache folder of the embedded
gazetteer, which is rebuilt when the source packages change.

Every writer of them holds the file's lock (:func:`geoevents.gazetteer.files.locked`:
``fcntl.flock`` on ``overlay.csv.lock`` / ``imports.sqlite.lock`` beside it, there only while
held) from reading what is there to moving the new file into place, so that parallel
``gazetteer add`` and ``gazetteer import`` commands each wait for the one before and nothing
is lost.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._normalize import strip_diacritics
from ..errors import GazetteerError
from .files import locked, overlay_dir
from .overlay import (
    OVERLAY_COLUMNS,
    OVERLAY_KINDS,
    check_extent,
    known_kind,
    parse_overlay,
    read_overlay,
)

STORE_NAME = "imports.sqlite"
OVERLAY_NAME = "overlay.csv"
#: Label of user-overlay rows in a place's ``source`` ("user overlay overlay.csv: …").
USER_OVERLAY_LABEL = "user overlay"
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def data_dir() -> Path:
    """Where user data lives: ``$GEOEVENTS_DATA`` or the platform's user data directory."""
    env = os.environ.get("GEOEVENTS_DATA")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("geoevents")


def store_path(base: Path | str | None = None) -> Path:
    """The user store of imported GeoNames dumps (``imports.sqlite`` in :func:`data_dir`)."""
    return (Path(base) if base is not None else data_dir()) / STORE_NAME


def overlay_path(base: Path | str | None = None) -> Path:
    """The user overlay CSV (``overlay.csv`` in :func:`data_dir`)."""
    return (Path(base) if base is not None else data_dir()) / OVERLAY_NAME


# --------------------------------------------------------------------------- adding entries


@dataclass
class Entry:
    """One analyst's entry, as given to ``geoevents gazetteer add``."""

    name: str
    lat: float
    lon: float
    kind: str
    source: str
    country: str | None = None
    alt_names: list[str] = field(default_factory=list)
    extent_m: float | None = None
    id: str | None = None
    note: str = ""


def slug(name: str, country: str | None = None) -> str:
    """A stable id for an entry: ``sy-jabal-zuwaytinah`` (ASCII letters and digits)."""
    words = re.findall(r"[a-z0-9]+", strip_diacritics(name).lower())
    base = "-".join(words) or "place"
    return f"{country.lower()}-{base}" if country else base


def _row_of(e: Entry) -> dict[str, str]:
    return {
        "id": e.id or "", "name": e.name, "alt_names": "|".join(e.alt_names),
        "kind": known_kind(e.kind) or e.kind,
        "lat": repr(float(e.lat)), "lon": repr(float(e.lon)), "country": e.country or "",
        "extent_m": "" if e.extent_m is None else repr(float(e.extent_m)),
        "source": e.source, "note": e.note,
    }


def add_entries(entries: Sequence[Entry], *, base: Path | str | None = None) -> list[str]:
    """Validate entries and append them to the user overlay, all or nothing.

    Ids are made from the country and name when not given (``-2``, ``-3``… when taken).

    Returns
    -------
    list of str
        The place ids of the new entries (``overlay:<id>``).

    Raises
    ------
    GazetteerError
        On an invalid entry or an id that is already taken; nothing is written then.
    """
    rows = []
    for e in entries:
        if any("|" in a for a in e.alt_names):
            raise GazetteerError(f"alternate name may not contain '|': {e.alt_names!r}")
        rows.append(_row_of(e))
    with locked(overlay_path(base)):  # ids taken, checks and the write: one at a time
        return _add_rows(rows, entries, base)


def _add_rows(rows: list[dict[str, str]], entries: Sequence[Entry],
              base: Path | str | None) -> list[str]:
    """:func:`add_entries` under the user overlay's lock."""
    taken = _taken_ids(base)
    for row, e in zip(rows, entries, strict=True):
        if not row["id"]:
            stem = slug(e.name, e.country)
            cand, n = stem, 1
            while cand in taken:
                n += 1
                cand = f"{stem}-{n}"
            row["id"] = cand
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(OVERLAY_COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    _validate_text(buf.getvalue(), "gazetteer add", taken)
    parse_overlay(buf.getvalue(), "gazetteer add", USER_OVERLAY_LABEL)  # the overlay reader
    return _append(rows, base)


def add_from_csv(path: Path | str, *, base: Path | str | None = None) -> list[str]:
    """Append every row of an overlay-schema CSV to the user overlay, all or nothing.

    The file is checked by the same reader as every overlay (required fields, coordinate
    range, numbers) and for ids that are malformed, repeated or already taken; the first
    bad row is reported with the file and line and nothing is added.
    """
    path = Path(path)
    read_overlay(path)  # the shipped overlays' own checks; raises naming file and line
    text = path.read_text(encoding="utf-8-sig")
    with locked(overlay_path(base)):  # ids taken, checks and the write: one at a time
        _validate_text(text, str(path), _taken_ids(base))
        rows = [{k: (v or "").strip() for k, v in r.items() if k is not None}
                for r in csv.DictReader(io.StringIO(text, newline=""))]
        for r in rows:
            r["kind"] = known_kind(r.get("kind", "")) or r.get("kind", "")
        if not rows:
            raise GazetteerError(f"{path}: no entries")
        return _append(rows, base)


def _taken_ids(base: Path | str | None) -> set[str]:
    """Ids of the shipped overlays and the user overlay (validated: a broken user overlay
    must be fixed before anything is added to it)."""
    files = sorted(overlay_dir().glob("*.csv"))
    user = overlay_path(base)
    if user.is_file():
        files.append(user)
    return {p.id.removeprefix("overlay:") for f in files for p, _ in read_overlay(f)}


def _validate_text(text: str, label: str, taken: set[str]) -> None:
    """Checks beyond the overlay reader's, for new entries: id form and uniqueness,
    country code, extent, a non-blank kind and source. Raises naming ``label`` and line."""
    seen: set[str] = set()
    for line, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
        rid = (row.get("id") or "").strip()
        where = f"{label}, line {line}" if label != "gazetteer add" else label
        if not _SLUG_RE.match(rid):
            raise GazetteerError(f"{where}: id {rid!r} must be lower-case letters, digits, "
                                 "'.', '_' or '-'")
        if rid in taken or rid in seen:
            raise GazetteerError(f"{where}: id {rid!r} is already taken")
        seen.add(rid)
        for col in ("name", "kind", "source"):
            if not (row.get(col) or "").strip():
                raise GazetteerError(f"{where}: {col} is required")
        try:
            lat, lon = float(row.get("lat") or ""), float(row.get("lon") or "")
        except ValueError:
            raise GazetteerError(f"{where}: lat/lon must be numbers") from None
        if not (-90 <= lat <= 90):
            raise GazetteerError(f"{where}: latitude {row.get('lat')} is outside -90…90")
        if not (-180 <= lon <= 180):
            raise GazetteerError(f"{where}: longitude {row.get('lon')} is outside -180…180")
        cc = (row.get("country") or "").strip()
        if cc and not _COUNTRY_RE.match(cc.upper()):
            raise GazetteerError(f"{where}: country {cc!r} is not an ISO 3166-1 alpha-2 code")
        kind = (row.get("kind") or "").strip()
        if known_kind(kind) is None:
            raise GazetteerError(f"{where}: kind {kind!r} is not known; known kinds: "
                                 f"{', '.join(OVERLAY_KINDS)}")
        try:
            check_extent(row.get("extent_m") or "")
        except ValueError as exc:
            raise GazetteerError(f"{where}: {exc}") from None


def _append(rows: Iterable[dict[str, str]], base: Path | str | None) -> list[str]:
    """Append rows to the user overlay (its lock held). The file is rewritten whole into a
    temporary file and moved into place, so a failure leaves the old file as it was."""
    target = overlay_path(base)
    rows = list(rows)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.read_text(encoding="utf-8-sig") if target.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{target}: cannot read the user overlay ({exc})") from None
    reader = csv.DictReader(io.StringIO(old, newline=""))
    old_rows = list(reader)
    fields = list(OVERLAY_COLUMNS)
    fields += [c for c in (reader.fieldnames or ()) if c and c not in fields]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in [*old_rows, *rows]:
        w.writerow({k: ("" if v is None else v) for k, v in r.items() if k is not None})
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(buf.getvalue(), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"{target}: cannot write the user overlay ({exc})") from None
    return [f"overlay:{r['id'].strip()}" for r in rows]
