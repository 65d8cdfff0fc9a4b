"""The batch's inputs as one stream of raw records, read a record at a time.

A raw record is what the driver hands a worker: the bytes of a file or a JSON line, or the
fields of a table row. Decoding, checking and extraction happen in the workers, so the driver
stays cheap and a rerun can skip finished partitions without parsing them.
"""

from __future__ import annotations

import csv
import datetime as _dt
import glob
import gzip
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError

#: Suffixes of one report per file, of one report per line or row, and their delimiters.
FILE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
KNOWN_SUFFIXES = FILE_SUFFIXES | JSONL_SUFFIXES | set(TABLE_DELIMITERS) | PARQUET_SUFFIXES


class Raw(NamedTuple):
    """One record as read: ``kind`` is ``txt``, ``html`` (``payload`` the file's bytes),
    ``json`` (a line's bytes), ``fields`` (a row's dict) or ``error`` (the reason)."""

    source: str
    where: str
    number: int
    kind: str
    payload: Any


def inner_suffix(path: Path) -> str:
    """The suffix that says what a file holds, below a ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def expand(inputs: list[str]) -> Iterator[Path]:
    """The files of the inputs, in a fixed order: each input as given, a directory's files
    sorted by name (recursively, only known suffixes), a glob's matches sorted."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield p
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches")
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    yield from _walk(mp)
                elif inner_suffix(mp) in KNOWN_SUFFIXES:
                    yield mp
        else:
            raise InputError(f"{item}: no such file")


def _walk(folder: Path) -> Iterator[Path]:
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir():
            yield from _walk(Path(e.path))
        elif inner_suffix(Path(e.name)) in KNOWN_SUFFIXES:
            yield Path(e.path)


def total_bytes(inputs: list[str]) -> int:
    """The size on disk of every input file (the progress bar's total)."""
    return sum(p.stat().st_size for p in expand(inputs))


class Stream:
    """The raw records of the inputs, in input order; :attr:`position` is the bytes read so
    far (on disk, compressed for ``.gz``)."""

    def __init__(self, inputs: list[str], *, max_bytes: int) -> None:
        self.inputs = inputs
        self.max_bytes = max_bytes
        self.position = 0
        self._done = 0
        self._fh: Any = None

    def __iter__(self) -> Iterator[Raw]:
        for path in expand(self.inputs):
            size = path.stat().st_size
            with path.open("rb") as raw:
                self._fh = raw
                yield from self._records(path, raw)
            self._fh = None
            self._done += size
            self.position = self._done

    def tell(self) -> int:
        """Bytes read so far."""
        if self._fh is not None:
            try:
                self.position = self._done + self._fh.tell()
            except (OSError, ValueError):
                pass
        return self.position

    def _records(self, path: Path, raw: Any) -> Iterator[Raw]:
        name = str(path)
        suffix = inner_suffix(path)
        gz = path.suffix.lower() == ".gz"
        fh = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _jsonl(fh, name, self.max_bytes)
            elif suffix in TABLE_DELIMITERS:
                yield from _table(fh, name, TABLE_DELIMITERS[suffix])
            elif suffix in PARQUET_SUFFIXES:
                yield from _parquet(fh if not gz else io.BytesIO(fh.read()), name)
            else:
                data = fh.read(self.max_bytes + 1)
                kind = "html" if suffix in (".html", ".htm") else "txt"
                yield Raw(name, "file", 1, kind, data)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield Raw(name, "file", 0, "error", f"cannot read ({exc})")


def _jsonl(fh: Any, name: str, max_bytes: int) -> Iterator[Raw]:
    number = 0
    for line_no, line in enumerate(fh, 1):
        if not line.strip():
            continue
        number += 1
        if len(line) > max_bytes:
            yield Raw(name, f"line {line_no}", number, "error",
                      f"oversize ({len(line)} bytes; the limit is {max_bytes})")
        else:
            yield Raw(name, f"line {line_no}", number, "json", line)


def _table(fh: Any, name: str, delimiter: str) -> Iterator[Raw]:
    what = "TSV" if delimiter == "\t" else "CSV"
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    header: list[str] | None = None
    number = 0
    line = 0
    try:
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Raw(name, f"line {reader.line_num}", number + 1, "error",
                          f"malformed {what} ({exc}); the rest of the file is skipped")
                return
            line = reader.line_num
            if not any(field.strip() for field in row):
                continue
            if header is None:
                header = [field.strip() for field in row]
                continue
            number += 1
            where = f"line {start}"
            if len(row) != len(header):
                yield Raw(name, where, number, "error", f"malformed {what} ({len(row)} fields, "
                          f"the header has {len(header)})")
                continue
            fields: dict[str, Any] = {}
            for key, value in zip(header, row, strict=True):
                fields.setdefault(key, value)
            yield Raw(name, where, number, "fields", fields)
    finally:
        csv.field_size_limit(limit)


def _parquet(fh: Any, name: str) -> Iterator[Raw]:
    import pyarrow.parquet as pq

    number = 0
    pf = pq.ParquetFile(fh)
    for batch in pf.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            fields = {k: v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v
                      for k, v in row.items()}
            yield Raw(name, f"row {number}", number, "fields", fields)
