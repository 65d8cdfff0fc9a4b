"""The worker side of a batch: a partition of raw records in, its outputs out.

Runs in a pool process or on a Dask worker. The gazetteer is opened once per worker (per
thread of a worker), at its first partition, and kept.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError
from ..model import Report, Theatre, slug
from ._sources import Raw, inner_suffix


class Config(NamedTuple):
    """What every worker needs to know of the run (picklable)."""

    gazetteer: str | None = None
    sides: str | None = None
    countries: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    date: str | None = None
    text_column: str | None = None
    max_bytes: int = 10_000_000


#: The gazetteer file a Dask worker plugin put on this worker (:mod:`._dask`), used instead of
#: the run's ``gazetteer`` when set.
WORKER_GAZETTEER: dict[str, str] = {}

_LOCAL = threading.local()

#: Where a record's text is looked for when no ``text_column`` is given (as :mod:`..read`).
TEXT_COLUMNS = ("text", "body", "content")
META_COLUMNS = ("title", "date", "url", "link", "id")


def records_digest(records: list[Raw]) -> str:
    """A fingerprint of a partition's raw records: a resumed run checks its input is the one
    the finished partitions were made from."""
    h = hashlib.sha256()
    for r in records:
        payload = r.payload
        if isinstance(payload, dict):
            payload = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "surrogateescape")
        h.update(f"{r.source}\0{r.where}\0{r.number}\0{r.kind}\0{len(payload)}\0".encode(
            "utf-8", "surrogateescape"))
        h.update(payload)
    return h.hexdigest()


def _state(config: Config) -> Any:
    """This worker's open gazetteer, sides table and theatre (opened at the first call)."""
    key = (config, WORKER_GAZETTEER.get("path"))
    state = getattr(_LOCAL, "state", None)
    if state is None or state[0] != key:
        from ..events import load_sides
        from ..gazetteer import Gazetteer

        gaz = Gazetteer.open(WORKER_GAZETTEER.get("path") or config.gazetteer)
        sides = load_sides(config.sides) if config.sides else None
        theatre = Theatre(countries=frozenset(config.countries), bbox=config.bbox) or None
        state = (key, gaz, sides, theatre)
        _LOCAL.state = state
    return state


def process_partition(index: int, records: list[Raw], config: Config) -> dict[str, Any]:
    """Locate every report of a partition.

    Parameters
    ----------
    index
        The partition's number.
    records
        Its raw records (:class:`Raw`), in input order.
    config
        The run's options.

    Returns
    -------
    dict
        ``index``, ``parquet`` (GeoParquet bytes), ``geojsons`` (RFC 8142 text, UTF-8
        bytes), ``errors`` (one dict per bad record: ``source``, ``where``, ``id``,
        ``reason``), ``records``, ``reports`` (located without error), ``features``,
        ``no_features`` (reports in which nothing was located).
    """
    from ..pipeline import locate
    from ..site import combine
    from .formats import partition_bytes

    _, gaz, sides, theatre = _state(config)
    features: list[Any] = []
    errors: list[dict[str, Any]] = []
    reports = empty = 0
    with tempfile.TemporaryDirectory(prefix="geoevents-batch-") as tmp:
        for raw in records:
            try:
                report = to_report(raw, config, Path(tmp))
            except InputError as exc:
                errors.append(_error(raw, _best_id(raw), str(exc)))
                continue
            try:
                located = locate(report, gaz, theatre=theatre, sides=sides)
            except Exception as exc:  # a bug or an exhausted resource: the batch goes on
                errors.append(_error(raw, report.label,
                                     f"failed ({type(exc).__name__}: {exc})"))
                continue
            reports += 1
            empty += not located
            features.extend(combine([(report, located)], prefix=True))
    parquet, geojsons = partition_bytes(features)
    return {"index": index, "parquet": parquet, "geojsons": geojsons, "errors": errors,
            "records": len(records), "reports": reports, "features": len(features),
            "no_features": empty}


def _error(raw: Raw, rid: str, reason: str) -> dict[str, Any]:
    return {"source": raw.source, "where": raw.where, "id": rid, "reason": reason}


def _stem(source: str) -> str:
    name = Path(source).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


def _best_id(raw: Raw) -> str:
    """A bad record's id: its own when it can be read, else the one it would have had."""
    if raw.kind in ("json", "fields"):
        try:
            fields = _fields(raw)
        except InputError:
            return _default_id(raw)
        key = _find(list(fields), "id")
        value = fields.get(key) if key else None
        if isinstance(value, (str, int, float)) and str(value).strip():
            return slug(str(value))
    return _default_id(raw)


def _default_id(raw: Raw) -> str:
    if raw.kind in ("txt", "html"):
        return slug(_stem(raw.source))
    return f"{slug(_stem(raw.source))}-{raw.number}"


def to_report(raw: Raw, config: Config, tmp: Path) -> Report:
    """The report of a raw record, read by :func:`geoevents.read.read_reports` (the rules of
    the other commands), or :class:`InputError` saying what is wrong with it."""
    from ..read import read_reports

    if raw.kind == "error":
        raise InputError(raw.payload)
    if raw.kind in ("txt", "html"):
        data = raw.payload
        if len(data) > config.max_bytes:
            raise InputError(f"oversize (over {config.max_bytes} bytes)")
        suffix = ".html" if raw.kind == "html" else ".txt"
        path = tmp / f"report{suffix}"
        path.write_bytes(data)
        column = None
    else:
        fields = _fields(raw)
        column = _text_key(fields, config.text_column)
        text = fields.get(column)
        if text is None or (isinstance(text, str) and not text.strip()):
            raise InputError("empty (no text)")
        if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > \
                config.max_bytes:
            raise InputError(f"oversize (over {config.max_bytes} bytes)")
        keep = {k: fields[k] for k in fields if k == column or k.casefold() in META_COLUMNS}
        try:
            line = json.dumps(keep, ensure_ascii=False, allow_nan=False)
            data = line.encode("utf-8")
        except (TypeError, ValueError, UnicodeEncodeError) as exc:
            raise InputError(f"wrong type of field ({exc})") from None
        path = tmp / "report.jsonl"
        path.write_bytes(data + b"\n")
    try:
        (report,) = read_reports(path, max_bytes=config.max_bytes, text_column=column)
    except InputError as exc:
        message = str(exc)
        for prefix in (f"{path}: line 1: ", f"{path}: "):
            message = message.removeprefix(prefix)
        raise InputError(message) from None
    own_id = raw.kind in ("json", "fields") and _has_id(_fields(raw))
    report = replace(report, source=raw.source,
                     id=report.id if own_id else _default_id(raw))
    if config.date and not report.date:
        report = replace(report, date=config.date)
    return report


def _fields(raw: Raw) -> dict[str, Any]:
    if raw.kind == "fields":
        fields = raw.payload
    else:
        try:
            text = raw.payload.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = raw.payload[exc.start:exc.start + 1].hex()
            raise InputError(f"undecodable (not valid UTF-8: byte 0x{bad} at offset "
                             f"{exc.start})") from None
        try:
            fields = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"undecodable (not valid JSON: {exc.msg})") from None
        except RecursionError:
            raise InputError("undecodable (JSON nested too deeply)") from None
        if not isinstance(fields, dict):
            raise InputError(f"wrong type (a JSON {type(fields).__name__}, not an object)")
    for k, v in fields.items():
        if isinstance(v, str) and any("\udc80" <= c <= "\udcff" for c in v):
            raise InputError(f"undecodable (not valid UTF-8 in {k!r})")
    return fields


def _find(keys: list[str], wanted: str) -> str | None:
    if wanted in keys:
        return wanted
    folded = wanted.casefold()
    return next((k for k in keys if k.casefold() == folded), None)


def _text_key(fields: dict[str, Any], text_column: str | None) -> str:
    keys = list(fields)
    if text_column is not None:
        found = _find(keys, text_column)
        if found is None:
            raise InputError(f"empty (no {text_column!r} field)")
        return found
    found = next((k for c in TEXT_COLUMNS if (k := _find(keys, c)) is not None), None)
    if found is None:
        raise InputError("empty (no 'text', 'body' or 'content' field)")
    return found


def _has_id(fields: dict[str, Any]) -> bool:
    key = _find(list(fields), "id")
    value = fields.get(key) if key else None
    return value is not None and str(value).strip() != ""


__all__ = ["Config", "inner_suffix", "process_partition", "records_digest", "to_report"]
