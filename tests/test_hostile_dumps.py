"""GeoNames dumps that are not what they say: a one-line error, fast, with bounded memory
(issue 13: a 1 MB zip of 1 GB with no line break took 132 s and 4.1 GB before failing)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_import import COUNTRY_ROWS

from geoevents.errors import GazetteerError
from geoevents.gazetteer.dumps import MAX_EXPANSION, MAX_LINE_BYTES, open_source


def _zip(path: Path, member: str, payload_chunks, *, header: str = COUNTRY_ROWS[0]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(member, "w") as fh:
        fh.write(header.encode() + b"\n")
        for chunk in payload_chunks:
            fh.write(chunk)
    return path


def _read_all(path: Path) -> int:
    src = open_source(path)
    return sum(len(data) for _, data in src.chunks(1 << 16))


def test_a_line_without_end_stops_at_the_line_limit(tmp_path):
    # 64 MB of one line compresses to well under 1 MB: it must stop after about MAX_LINE_BYTES
    bomb = _zip(tmp_path / "SY.zip", "SY.txt", (b"x" * (1 << 20) for _ in range(64)))
    assert bomb.stat().st_size < 1 << 20
    read = []
    src = open_source(bomb)
    with pytest.raises(GazetteerError, match=r"SY\.zip.*line 2 is longer than"):
        for _, data in src.chunks(1 << 16):
            read.append(len(data))
    assert read == [len(COUNTRY_ROWS[0].encode()) + 1]  # the header row, then the refusal


def test_many_short_lines_that_expand_too_much_are_refused(tmp_path):
    # rows of zeros: each line short, but the member expands far beyond what a dump does
    line = b"0\t" * 40 + b"\n"
    n = (MAX_EXPANSION * 2 * 20_000) // len(line) + 1
    bomb = _zip(tmp_path / "SY.zip", "SY.txt", (line * 10_000 for _ in range(n // 10_000 + 1)))
    ratio = zipfile.ZipFile(bomb).getinfo("SY.txt").file_size / bomb.stat().st_size
    assert ratio > MAX_EXPANSION
    with pytest.raises(GazetteerError, match="decompresses to more than"):
        _read_all(bomb)


def test_a_real_dump_reads_whole(tmp_path):
    ok = _zip(tmp_path / "SY.zip", "SY.txt", [("\n".join(COUNTRY_ROWS[1:]) + "\n").encode()])
    assert _read_all(ok) == len(("\n".join(COUNTRY_ROWS) + "\n").encode())


def test_a_long_line_in_a_plain_file_is_refused(tmp_path):
    txt = tmp_path / "SY.txt"
    txt.write_bytes(COUNTRY_ROWS[0].encode() + b"\n" + b"y" * (MAX_LINE_BYTES + 10))
    with pytest.raises(GazetteerError, match="longer than"):
        _read_all(txt)
