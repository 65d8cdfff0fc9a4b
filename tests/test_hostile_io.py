"""Hostile input and output (issue 13: nothing lost, nothing crashes).

Every user mistake gives one line on stderr naming the problem and the file, exit status 1
(bad input) or 2 (usage), never a traceback; no output replaces an input, a device, a FIFO
or a symlink; a site never replaces a file it did not write; and no report stalls or takes
unbounded memory.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from _helpers import no_traceback, one_error_line

from geoevents._output import is_stdout
from geoevents.errors import InputError
from geoevents.read import read_reports

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"
PAGE = FIXTURES / "inputs" / "mosul_page.html"
SEQUENCE = Path(__file__).resolve().parent.parent / "data" / "examples" / "palmyra-offensive" \
    / "reports.jsonl"


@pytest.fixture()
def raw_cli(gazetteer_path: Path):
    """``python -m geoevents ARGS`` with any ``stdout`` (a file object or descriptor) and a
    short timeout, for runs that could hang or need a particular standard output."""

    def run(*args: str, stdout=None, timeout: float = 120) -> subprocess.CompletedProcess:
        env = dict(os.environ, GEOEVENTS_GAZETTEER=str(gazetteer_path),
                   PYTHONIOENCODING="utf-8")
        proc = subprocess.run([sys.executable, "-m", "geoevents", *args], stdout=stdout,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
                              timeout=timeout)
        proc.stdout = proc.stdout or b""  # b"" when it went elsewhere
        return proc

    return run


def _usage_error(proc: subprocess.CompletedProcess, option: str) -> None:
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr.decode()
    assert option in proc.stderr.decode().splitlines()[-1]
    assert proc.stdout in (b"", None)


# ---------------------------------------------------------------- an output is never an input


@pytest.mark.parametrize("command", [
    ["geojson"], ["export", "--format", "csv"], ["map"], ["timeline"], ["timeline-map"]])
def test_output_may_not_be_an_input(run_cli, tmp_path: Path, command: list[str]) -> None:
    report = tmp_path / "r.jsonl"
    shutil.copy(SEQUENCE, report)
    before = report.read_bytes()
    if command == ["timeline-map"]:
        args = ["timeline", str(report), "-o", str(tmp_path / "t.geojson"), "--map",
                f"{tmp_path}/./r.jsonl"]
    else:
        args = [*command, str(report), "-o", f"{tmp_path}/../{tmp_path.name}/r.jsonl"]
    line = one_error_line(run_cli(*args))
    assert "r.jsonl" in line and "input" in line
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl"]


def test_output_may_not_be_a_link_to_an_input(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(PALMYRA, report)
    (tmp_path / "hard.geojson").hardlink_to(report)
    line = one_error_line(run_cli("geojson", str(report), "-o", str(tmp_path / "hard.geojson")))
    assert "hard.geojson" in line
    assert report.read_bytes() == PALMYRA.read_bytes()


def test_timeline_outputs_must_differ(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "t.geojson"
    proc = run_cli("timeline", str(SEQUENCE), "-o", str(out), "--map", str(out))
    _usage_error(proc, "--map")
    assert not out.exists()


def test_site_never_replaces_its_input(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(PAGE, page)
    line = one_error_line(run_cli("site", "page.html", "-o", ".", cwd=tmp_path))
    assert "page.html" in line
    assert page.read_bytes() == PAGE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_site_keeps_files_it_did_not_write(run_cli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    mine = site / "index.html"
    mine.write_text("<p>my own index page</p>\n", encoding="utf-8")
    line = one_error_line(run_cli("site", str(PALMYRA), "-o", str(site)))
    assert "index.html" in line and "geoevents" in line
    assert mine.read_text(encoding="utf-8") == "<p>my own index page</p>\n"
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_site_rebuild_replaces_its_own_files(run_cli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run_cli("site", str(PALMYRA), "-o", str(site))
    assert first.returncode == 0, first.stderr.decode()
    before = {p.name: p.read_bytes() for p in site.iterdir()}
    (site / "notes.txt").write_text("mine\n", encoding="utf-8")
    again = run_cli("site", str(PALMYRA), "-o", str(site))
    assert again.returncode == 0, again.stderr.decode()
    after = {p.name: p.read_bytes() for p in site.iterdir()}
    assert after == {**before, "notes.txt": b"mine\n"}


# ---------------------------------------------------------------- devices, FIFOs, links, stdout


def _device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A character device node: made in ``folder`` when allowed (root), so that code that
    would replace it harms nothing; else the system's (which a user cannot replace)."""
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except (PermissionError, AttributeError):
        if os.geteuid() == 0:
            pytest.skip("cannot make a device node")
        node = Path("/dev") / name
    return node


def test_output_to_a_device_writes_into_it(run_cli, tmp_path: Path) -> None:
    null = _device(tmp_path, "null", 1, 3)
    proc = run_cli("geojson", str(PALMYRA), "-o", str(null))
    assert proc.returncode == 0, proc.stderr.decode()
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert null.parent != tmp_path or [p.name for p in tmp_path.iterdir()] == ["null"]


def test_output_to_a_full_device_is_one_line(run_cli, tmp_path: Path) -> None:
    full = _device(tmp_path, "full", 1, 7)
    line = one_error_line(run_cli("geojson", str(PALMYRA), "-o", str(full)))
    assert str(full) in line
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_dev_stdout_is_standard_output() -> None:
    # not run through the CLI: code that got it wrong would replace the system's link
    assert is_stdout("-") and is_stdout("/dev/stdout") and not is_stdout("./-x")


@pytest.mark.parametrize("command", ["geojson", "map", "timeline"])
def test_output_dash_is_standard_output(run_cli, command: str) -> None:
    report = SEQUENCE if command == "timeline" else PALMYRA
    proc = run_cli(command, str(report), "-o", "-")
    assert proc.returncode == 0, proc.stderr.decode()
    no_traceback(proc)
    head = b"<!DOCTYPE html>" if command == "map" else b'{"type":"FeatureCollection"'
    assert proc.stdout.startswith(head)


def test_output_into_a_fifo_with_a_reader(run_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = run_cli("geojson", str(PALMYRA), "-o", str(fifo))
    reader.join(30)
    assert proc.returncode == 0, proc.stderr.decode()
    assert got and got[0].startswith(b'{"type":"FeatureCollection"')
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]


def test_output_into_a_fifo_without_a_reader(raw_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = raw_cli("geojson", str(PALMYRA), "-o", str(fifo), stdout=subprocess.PIPE, timeout=60)
    line = one_error_line(proc)
    assert str(fifo) in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_through_a_symlink(run_cli, tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.geojson"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.geojson"
    link.symlink_to(real)
    proc = run_cli("geojson", str(PALMYRA), "-o", str(link))
    assert proc.returncode == 0, proc.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b'{"type":"FeatureCollection"')
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.geojson"]


@pytest.mark.parametrize("command", ["geojson", "explain"])
def test_stdout_on_a_full_disk(raw_cli, tmp_path: Path, command: str) -> None:
    with open(_device(tmp_path, "full", 1, 7), "wb") as full:
        proc = raw_cli(command, str(PALMYRA), stdout=full)
    line = one_error_line(proc)
    assert "output" in line


def test_stdout_closed_early_is_quiet(raw_cli) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -1` does once it has its line
    try:
        proc = raw_cli("geojson", str(PALMYRA), stdout=write_end)
    finally:
        os.close(write_end)
    no_traceback(proc)
    assert proc.stderr == b"", proc.stderr.decode()
    assert proc.returncode != 120  # Python's "exception ignored at exit"


# ---------------------------------------------------------------- text that cannot be encoded


def test_lone_surrogate_in_jsonl_becomes_replacement_character(run_cli, tmp_path: Path) -> None:
    table = tmp_path / "s.jsonl"
    table.write_text(json.dumps({"text": "Fighting near Palmyra \ud800 on Friday.",
                                 "title": "emoji \udc00 cut"}) + "\n", encoding="utf-8")
    [report] = read_reports(table)
    assert "\ufffd" in report.text and "\ud800" not in report.text
    assert report.title == "emoji \ufffd cut"
    for command in (["geojson"], ["explain"], ["map", "-o", str(tmp_path / "m.html")]):
        proc = run_cli(*command, str(table))
        no_traceback(proc)
        assert proc.returncode == 0, proc.stderr.decode()


def test_encoding_yielding_surrogates_is_refused(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(b"Fighting near Palmyra +2AA- on Friday.\n")
    line = one_error_line(run_cli("geojson", str(report), "--encoding", "utf-7"))
    assert str(report) in line and "utf-7" in line


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zlib"])
def test_non_text_encoding_is_refused(run_cli, encoding: str) -> None:
    line = one_error_line(run_cli("geojson", str(PALMYRA), "--encoding", encoding))
    assert str(PALMYRA) in line and "text encoding" in line


def test_title_with_undecodable_bytes(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    proc = run_cli("map", str(PALMYRA), "-o", str(out), "--title", "caf\udcff")
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "caf\ufffd" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- numeric options


@pytest.mark.parametrize("args,option", [
    (["timeline", str(SEQUENCE), "-o", "x.geojson", "--memory-days", "-5"], "--memory-days"),
    (["timeline", str(SEQUENCE), "-o", "x.geojson", "--memory-days", "99999999999"],
     "--memory-days"),
    (["timeline", str(SEQUENCE), "-o", "x.geojson", "--step-days", "0"], "--step-days"),
    (["timeline", str(SEQUENCE), "-o", "x.geojson", "--step-days", "9999999999"],
     "--step-days"),
    (["timeline", str(SEQUENCE), "-o", "x.geojson", "--window-days", "-1"], "--window-days"),
    (["geojson", str(PALMYRA), "--max-size", "-1"], "--max-size"),
    (["geojson", str(PALMYRA), "--max-size", "1e300"], "--max-size"),
    (["gazetteer", "lookup", "Palmyra", "--limit", "-3"], "--limit"),
    (["gazetteer", "import", "x.txt", "--workers", "0"], "--workers"),
    (["gazetteer", "import", "x.txt", "--workers", "100000"], "--workers"),
    (["gazetteer", "add", "X", "--lat", "nan", "--lon", "1", "--kind", "hill", "--source", "s"],
     "--lat"),
    (["gazetteer", "add", "X", "--lat", "1", "--lon", "inf", "--kind", "hill", "--source", "s"],
     "--lon"),
    (["gazetteer", "add", "X", "--lat", "1", "--lon", "1", "--kind", "hill", "--source", "s",
      "--extent-m", "nan"], "--extent-m"),
])
def test_numeric_options_out_of_range_are_usage_errors(run_cli, tmp_path: Path,
                                                       args: list[str], option: str) -> None:
    # (an entry's latitude 91 is bad data, exit 1: tests/test_import.py)
    _usage_error(run_cli(*args, cwd=tmp_path), option)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- reading


def test_fifo_report_is_refused_without_waiting(raw_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "r.txt"
    os.mkfifo(fifo)
    line = one_error_line(raw_cli("geojson", str(fifo), stdout=subprocess.PIPE, timeout=60))
    assert str(fifo) in line and "regular file" in line


def test_symlinked_report_is_read(tmp_path: Path) -> None:
    link = tmp_path / "r.txt"
    link.symlink_to(PALMYRA)
    assert read_reports(link)[0].text == PALMYRA.read_text(encoding="utf-8")


def test_html_nested_too_deeply(tmp_path: Path) -> None:
    para = ("<p>Fighting was reported near Palmyra on Friday, residents said, and the road "
            "was closed.</p>")
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 300 + para + "</div>" * 300 + "</body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_reports(page)
    assert str(page) in str(exc.value) and "nested" in str(exc.value)


@pytest.mark.parametrize("suffix,delimiter,hint", [(".csv", "\t", ".tsv"), (".tsv", ",", ".csv")])
def test_table_with_the_other_delimiter(tmp_path: Path, suffix: str, delimiter: str,
                                        hint: str) -> None:
    table = tmp_path / f"t{suffix}"
    table.write_text(delimiter.join(["id", "text"]) + "\n"
                     + delimiter.join(["1", "Fighting near Palmyra, residents said."]) + "\n",
                     encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_reports(table)
    assert str(table) in str(exc.value) and hint in str(exc.value)


def test_line_separators_are_not_line_breaks(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text('text,title\n"Fighting near Palmyra\u2028on Friday.",a\u2029b\n',
                     encoding="utf-8")
    [row] = read_reports(table)
    assert row.text == "Fighting near Palmyra\u2028on Friday." and row.title == "a\u2029b"
    lines = tmp_path / "t.jsonl"
    lines.write_text(json.dumps({"text": "Near Palmyra\u2028today.", "title": "a\u2029b"},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    [rec] = read_reports(lines)
    assert rec.text == "Near Palmyra\u2028today." and rec.title == "a\u2029b"
