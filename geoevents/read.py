"""Reading reports: bytes from a file or standard input become a :class:`Report`, or a clear error.

:func:`read_report` reads one plain-text report; :func:`read_reports` also reads saved web
pages (``.html``) and files of many reports (``.jsonl``, ``.csv``, ``.tsv``).

Report files are untrusted. Anything that is not a readable, non-empty text of sensible size
raises :class:`~geoevents.errors.InputError` with a one-line message naming the file and
the problem; nothing is partially processed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError
from .model import Report, slug, unique_label

#: Default largest report accepted, in bytes (raise with ``max_bytes`` / ``--max-size``).
MAX_BYTES = 10_000_000


def read_report(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Read a report from ``path`` (``"-"`` for standard input).

    Parameters
    ----------
    path : str or Path
        The file, or ``"-"``.
    encoding : str, optional
        The text encoding; UTF-8 (with or without BOM) when omitted.
    max_bytes : int
        Larger inputs are refused.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        Missing file, directory, unreadable, empty, binary, too large or wrongly encoded.
    """
    data, name = _read_bytes(path, max_bytes)
    report = decode_report(data, name, encoding=encoding, max_bytes=max_bytes)
    return _without_surrogates(_with_header(report))


#: Lone surrogates: not characters, and not encodable in any output.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (U+D800–U+DFFF) replaced by U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


def _without_surrogates(report: Report) -> Report:
    """The report with lone surrogates (from JSON escapes such as ``\\ud800``, common in
    cut emoji, or from markup) in its text and metadata replaced by U+FFFD."""
    fields = {k: replace_surrogates(v) for k in ("text", "source", "id", "title", "date", "url")
              if isinstance(v := getattr(report, k), str) and _SURROGATE_RE.search(v)}
    return replace(report, **fields) if fields else report


#: A header line of a plain-text report: "Date: 2016-03-24", "URL: https://…".
_HEADER_LINE_RE = re.compile(
    r"(?i)^(date|published|dateline|url|source|link)\s*:\s*(\S.{0,200}?)\s*$")


def _with_header(report: Report) -> Report:
    """A plain-text report with what its header says of it.

    A text whose first lines (up to six non-empty ones) hold a ``Date:`` (or
    ``Published:``) line is taken to open with a header, as dispatches and this project's
    examples do: the date (``YYYY-MM-DD`` when unambiguous), an address from a ``URL:``,
    ``Source:`` or ``Link:`` line (http(s) only), and the first line, when it is not a header
    line, as the title. Without a ``Date:`` line nothing is read from the text's first lines.
    The header stays part of the text (its offsets are unchanged).
    """
    lines = [ln.strip() for ln in report.text.split("\n")[:12] if ln.strip()][:6]
    fields: dict[str, str] = {}
    for ln in lines:
        m = _HEADER_LINE_RE.match(ln)
        if m:
            fields.setdefault(m.group(1).lower(), m.group(2))
    raw_date = fields.get("date") or fields.get("published") or fields.get("dateline")
    if raw_date is None:
        return report
    date_ = _normalise_date(raw_date)
    url = next((v for k in ("url", "source", "link") if (v := fields.get(k))
                and re.match(r"(?i)https?://\S+$", v)), None)
    title = lines[0] if lines and not _HEADER_LINE_RE.match(lines[0]) \
        and len(lines[0]) <= 200 else None
    return Report(text=report.text, source=report.source, id=report.id,
                  title=report.title or title, date=report.date or date_,
                  url=report.url or url)


#: Suffixes read as a saved web page, one JSON object per line, or a table.
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
#: Where a record's text is looked for when no ``text_column`` is given, in this order.
_TEXT_COLUMNS = ("text", "body", "content")


def read_reports(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    text_column: str | None = None,
) -> list[Report]:
    """Read the reports in ``path``: one for a text file or web page, one per record of a table.

    The file's suffix (in any case) says what it holds:

    ``.html``, ``.htm``
        A saved news page. The article's main text is extracted with trafilatura (offline:
        the page is never fetched, nor anything it links to), without navigation, comments
        or footers, its paragraphs separated by blank lines. ``title`` is the page's
        headline, ``date`` its publication date as found in the markup or address
        (``article:published_time`` and the like; dates guessed from the running text are
        not used), ``url`` its canonical address (``<link rel="canonical">``, else
        ``og:url``, as written). A page in which nothing reads like prose (only menus and
        links, or nothing at all) is refused.
    ``.jsonl``, ``.ndjson``
        One JSON object per line (blank lines skipped).
    ``.csv``, ``.tsv``
        A table with a header row, comma- or tab-separated, fields quoted with ``"`` where
        needed (as spreadsheets write them). Read with the standard :mod:`csv` module, not
        pandas: every cell stays the string it is (nothing is inferred, converted or
        evaluated), every record is checked to have as many fields as the header, and each
        message names the line it is about.
    anything else, and ``"-"`` (standard input)
        Plain text: ``[read_report(path, ...)]``.

    A record's text is in ``text_column`` (by default the first of ``text``, ``body`` and
    ``content`` there is; names match exactly, else ignoring case). The optional ``title``,
    ``date``, ``url`` (else ``link``) and ``id`` columns say what the record says of itself.
    Records without text (missing, ``null``, empty or blank) are skipped. A lone surrogate
    (a JSON escape such as ``\\ud800``, as cut emoji leave) becomes U+FFFD, in the text and
    everywhere else. Dates become
    ``YYYY-MM-DD`` when written ISO-like (``2016-11-01``, ``2016-11-01T08:00:00Z``) or with
    the month's English name (``24 March 2016``, ``March 24, 2016``); anything else, such as
    ``03/04/2016`` (day or month first?), gives ``None``. Titles and URLs are kept as written
    (stripped; ``None`` when empty): they are untrusted text, and showing them safely is the
    output's job. A record's ``id`` is its own ``id`` made a slug, else ``<file>-<n>`` for the
    n-th record of the file (counting from 1, records without text included, blank lines and
    rows of empty fields not); repeats get ``-2``, ``-3`` … appended, so ids are unique
    within the file.

    Parameters
    ----------
    path : str or Path
        The file, or ``"-"`` for standard input (always read as plain text).
    encoding : str, optional
        The file's text encoding; UTF-8 (with or without BOM) when omitted.
    max_bytes : int
        Larger files are refused before anything is parsed.
    text_column : str, optional
        The column (``.csv``/``.tsv``) or key (``.jsonl``) that holds the text; ignored for
        other files.

    Returns
    -------
    list of Report
        In the order of the file; never empty.

    Raises
    ------
    InputError
        With a one-line message starting with the file's name: everything
        :func:`read_report` refuses (missing, a directory, unreadable, empty, binary, too
        large, wrongly encoded), a page without article text, a malformed line or record
        (with its line number), a missing text column, or no record with text.
    """
    name = str(path)
    suffix = "" if name == "-" else Path(name).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        kind = "html"
    elif suffix in _JSONL_SUFFIXES:
        kind = "jsonl"
    elif suffix in _TABLE_DELIMITERS:
        kind = "table"
    else:
        return [read_report(path, encoding=encoding, max_bytes=max_bytes)]
    data, name = _read_bytes(path, max_bytes)
    text = decode_report(data, name, encoding=encoding, max_bytes=max_bytes).text
    if kind == "html":
        return [_without_surrogates(_html_report(text, name))]
    stem = Path(name).stem
    if kind == "jsonl":
        keys, records = _jsonl_records(text, name)
    else:
        keys, records = _table_records(text, name, _TABLE_DELIMITERS[suffix])
    return [_without_surrogates(r)
            for r in _records_to_reports(records, keys, name, stem, text_column)]


def _read_bytes(path: str | Path, max_bytes: int) -> tuple[bytes, str]:
    """The bytes of ``path`` (standard input for ``"-"``) and the name to show in messages."""
    name = str(path)
    if name == "-":
        return sys.stdin.buffer.read(max_bytes + 1), "<stdin>"
    p = Path(path)
    try:
        info = os.stat(p)  # through links
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory, not a report file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would wait for a writer, a device never end
        raise InputError(f"{name}: not a regular file (a pipe, device or socket); to read a "
                         "stream, pass - and redirect it to standard input")
    try:
        size = info.st_size
        if size > max_bytes:
            raise InputError(
                f"{name}: too large ({size / 1e6:.1f} MB; the limit is "
                f"{max_bytes / 1e6:g} MB, raise it with --max-size)"
            )
        with p.open("rb") as fh:
            return fh.read(max_bytes + 1), name
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def decode_report(data: bytes, name: str, *, encoding: str | None = None,
                  max_bytes: int = MAX_BYTES) -> Report:
    """Check and decode the bytes of a report (see :func:`read_report`)."""
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: too large (over {max_bytes / 1e6:g} MB; raise the limit with --max-size)"
        )
    if not data.strip():
        raise InputError(f"{name}: empty report")
    if encoding is None and _looks_binary(data[:8192]):
        raise InputError(f"{name}: binary file, not a text report")
    enc = encoding or "utf-8-sig"
    try:
        codec = codecs.lookup(enc)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    if not getattr(codec, "_is_text_encoding", True):  # base64, zlib, rot13 …
        raise InputError(f"{name}: {encoding!r} is not a text encoding")
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; pass --encoding latin-1 (or the file's encoding)" if encoding is None else ""
        raise InputError(
            f"{name}: not valid {encoding or 'UTF-8'} (byte 0x{bad} at offset {exc.start}){hint}"
        ) from None
    if _looks_binary(text[:8192]):  # also for UTF-16/32, whose bytes hold NULs
        raise InputError(f"{name}: binary file, not a text report")
    if m := _SURROGATE_RE.search(text):
        raise InputError(f"{name}: decoding as {encoding or 'UTF-8'} gives a lone surrogate "
                         f"(U+{ord(m[0]):04X} at character {m.start()}): not this file's "
                         "encoding")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: empty report")
    return Report(text=text, source=name)


def _looks_binary(head: bytes | str) -> bool:
    codes = head if isinstance(head, bytes) else [ord(c) for c in head]
    return 0 in codes or _control_share(codes) > 0.1


def _control_share(data) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


# --------------------------------------------------------------------------- web pages


def _html_report(html: str, name: str) -> Report:
    """The article in a saved web page (see :func:`read_reports`)."""
    import trafilatura  # imported here: heavy, and only web pages need it

    # The decoded text, not the bytes: trafilatura would otherwise guess the encoding itself
    # and decompress gzip/brotli data. It is given no URL and never fetches anything.
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(f"{name}: no article text found in the HTML page")
    if _depth(tree) >= _MAX_HTML_DEPTH:
        raise InputError(f"{name}: HTML nested more than {_MAX_HTML_DEPTH - 1} elements deep; "
                         "the page could not be parsed whole")
    url = _page_url(tree)
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        # Markup and address only: the extensive search reads dates out of the running text
        # and takes a footer's "© 2016" for 2016-01-01.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "text", None) or ""
    paragraphs = [line.strip() for line in body.replace("\r", "\n").split("\n") if line.strip()]
    if not any(_reads_like_prose(p) for p in paragraphs):
        raise InputError(f"{name}: no article text found in the HTML page")
    return Report(
        text="\n\n".join(paragraphs),
        source=name,
        title=_clean(getattr(doc, "title", None)),
        date=_normalise_date(getattr(doc, "date", None)),
        url=url or _clean(getattr(doc, "url", None)),
    )


#: The depth at which libxml2's HTML parser stops nesting (and silently drops the rest).
_MAX_HTML_DEPTH = 256


def _depth(tree) -> int:
    """How many elements deep ``tree`` goes (the root is 1)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _page_url(tree) -> str | None:
    """The page's own address as written: ``<link rel="canonical">``, else ``og:url``.

    trafilatura's own choice validates and normalises the address (and so drops or rewrites
    some); here it is kept as the page gives it, an absolute one only.
    """
    found = []
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels:
            found.append(link.get("href"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            found.append(meta.get("content"))
    for value in found:
        value = _clean(value)
        if value and (urlsplit(value).scheme or value.startswith("//")):
            return value
    return None


def _reads_like_prose(line: str) -> bool:
    """A line that is a sentence or part of one, not a menu entry ("Home", "World")."""
    words = len(line.split())
    return words >= 10 or (words >= 3 and line[-1] in ".!?\"”’»)")


# --------------------------------------------------------------------------- records

#: (where, fields): "line 3" and the record's columns or keys.
_Record = tuple[str, dict[str, Any]]


def _jsonl_records(text: str, name: str) -> tuple[list[str], list[_Record]]:
    """The objects of a JSON Lines file and every key seen, in order of appearance."""
    records: list[_Record] = []
    keys: dict[str, None] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {number}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{name}: line {number}: not valid JSON (nested too deeply)") from None
        if not isinstance(value, dict):
            raise InputError(
                f"{name}: line {number}: not a JSON object (found {_json_type(value)})"
            )
        keys.update(dict.fromkeys(value))
        records.append((f"line {number}", value))
    return list(keys), records


def _table_records(text: str, name: str, delimiter: str) -> tuple[list[str], list[_Record]]:
    """The header and records of a CSV (or TSV) file; rows with every field empty skipped."""
    what = "TSV" if delimiter == "\t" else "CSV"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    records: list[_Record] = []
    line = 0
    limit = csv.field_size_limit()
    # A long article is a long field: allow the whole file (the size limit was checked).
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(
                    f"{name}: line {reader.line_num}: malformed {what} ({exc})"
                ) from None
            line = reader.line_num
            if not any(field.strip() for field in row):
                continue
            if header is None:
                header = [field.strip() for field in row]
                _check_delimiter(header, name, delimiter)
                continue
            if len(row) != len(header):
                raise InputError(
                    f"{name}: line {start}: malformed {what} ({len(row)} fields, "
                    f"the header has {len(header)})"
                )
            fields: dict[str, Any] = {}
            for key, value in zip(header, row, strict=True):
                fields.setdefault(key, value)
            records.append((f"line {start}", fields))
    finally:
        csv.field_size_limit(limit)
    header = header or []
    for column in dict.fromkeys(header):
        if header.count(column) > 1 and column.lower() in (
            *_TEXT_COLUMNS, "title", "date", "url", "link", "id"
        ):
            raise InputError(f"{name}: the column {column!r} appears more than once")
    return header, records


def _check_delimiter(header: list[str], name: str, delimiter: str) -> None:
    """Refuse a one-column header that holds the other delimiter: a TSV named ``.csv``."""
    other = "," if delimiter == "\t" else "\t"
    if len(header) == 1 and other in header[0]:
        looks, suffix = ("comma", ".csv") if other == "," else ("tab", ".tsv")
        raise InputError(f"{name}: the header looks {looks}-separated; name the file {suffix}")


def _records_to_reports(
    records: list[_Record],
    keys: list[str],
    name: str,
    stem: str,
    text_column: str | None,
) -> list[Report]:
    """Reports from table or JSON Lines records (see :func:`read_reports`)."""
    present = ", ".join(repr(k) for k in keys) or "none"
    if text_column is not None:
        column = _find_key(keys, text_column)
        if column is None:
            raise InputError(f"{name}: no column {text_column!r} (columns: {present})")
    else:
        column = next((k for c in _TEXT_COLUMNS if (k := _find_key(keys, c)) is not None), None)
        if column is None:
            raise InputError(
                f"{name}: no 'text', 'body' or 'content' column (columns: {present})"
            )
    meta = {m: _find_key(keys, m) for m in ("title", "date", "url", "link", "id")}
    base = slug(stem)
    reports: list[Report] = []
    used: set[str] = set()
    for number, (where, fields) in enumerate(records, 1):
        value = fields.get(column)
        if value is not None and not isinstance(value, str):
            raise InputError(
                f"{name}: {where}: the text ({column!r}) is not a string "
                f"(found {_json_type(value)})"
            )
        text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            continue
        if "\x00" in text or _looks_binary(text[:8192]):
            raise InputError(f"{name}: {where}: binary data in the text, not a text report")
        own_id = _meta_value(fields, meta["id"], name, where)
        report_id = unique_label(slug(own_id) if own_id else f"{base}-{number}", used)
        reports.append(Report(
            text=text,
            source=name,
            id=report_id,
            title=_meta_value(fields, meta["title"], name, where),
            date=_normalise_date(_meta_value(fields, meta["date"], name, where)),
            url=(_meta_value(fields, meta["url"], name, where)
                 or _meta_value(fields, meta["link"], name, where)),
        ))
    if not reports:
        raise InputError(f"{name}: no report with text in column {column!r}")
    return reports


def _meta_value(fields: dict[str, Any], key: str | None, name: str, where: str) -> str | None:
    """A record's title, date, URL or id: a string (stripped, ``None`` when empty)."""
    if key is None:
        return None
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return _clean(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"{name}: {where}: {key!r} is not text (found {_json_type(value)})")


def _find_key(keys: list[str], wanted: str) -> str | None:
    """``wanted`` among ``keys``: the exact name, else the first that differs only in case."""
    if wanted in keys:
        return wanted
    folded = wanted.casefold()
    return next((k for k in keys if k.casefold() == folded), None)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _clean(value: str | None) -> str | None:
    """``value`` stripped, ``None`` when nothing is left."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# --------------------------------------------------------------------------- dates

_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\S.*)?")
_YMD_SLASH_RE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_MONTH_NAME_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for an unambiguous full date, else ``None``.

    ISO 8601 (``2016-11-01``, ``2016-11-01T08:00:00Z``: the date as written, not moved to
    UTC), ``2016/11/01``, and dates with the month's English name (``24 March 2016``,
    ``Thursday, March 24, 2016``), parsed with dateutil. Dates that leave out the day or the
    year, or give the month as a number in another order (``03/04/2016``), are not guessed.
    """
    value = _clean(value)
    if value is None or len(value) > 64:
        return None
    try:
        from dateutil import parser
    except ImportError:  # pragma: no cover - a dependency of pandas
        return None
    try:
        if _ISO_DATE_RE.fullmatch(value):
            return parser.isoparse(value).date().isoformat()
        if m := _YMD_SLASH_RE.fullmatch(value):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if _MONTH_NAME_RE.search(value) and _YEAR_RE.search(value):
            # Parsed twice with different defaults: a part the text leaves out (the day in
            # "March 2016") shows as a difference, and then there is no date.
            first = parser.parse(value, default=datetime(2001, 1, 1))
            second = parser.parse(value, default=datetime(2002, 2, 2))
            if first.date() == second.date():
                return first.date().isoformat()
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None
    return None
