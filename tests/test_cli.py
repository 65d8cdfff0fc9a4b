"""The command line, run as ``python -m geoevents`` in a subprocess.

Good input: every subcommand produces what it promises. Bad input: exit status 1, one line on
stderr that starts with ``geoevents: error:`` and names the file, no traceback, and no output
file created, replaced or left half-written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _helpers import no_traceback, one_error_line

import geoevents

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PALMYRA = FIXTURES / "palmyra_facts.txt"

#: A report in Latin-1: "Homé" with é as the single byte 0xE9 (invalid as UTF-8).
LATIN1_REPORT = "Homé residents said fighting continued near Palmyra on Friday.\n".encode("latin-1")


# --------------------------------------------------------------------------- good input


@pytest.fixture(scope="module")
def geojson_stdout(cli) -> bytes:
    """``geojson`` on the Palmyra fixture, written to standard output (one run per module)."""
    proc = cli("geojson", str(PALMYRA))
    assert proc.returncode == 0, proc.stderr.decode()
    no_traceback(proc)
    return proc.stdout


@pytest.fixture(scope="module")
def palmyra_collection(geojson_stdout: bytes) -> dict:
    return json.loads(geojson_stdout.decode("utf-8"))


def test_geojson_to_stdout_is_a_feature_collection(palmyra_collection: dict) -> None:
    assert palmyra_collection["type"] == "FeatureCollection"
    features = palmyra_collection["features"]
    assert features, "the Palmyra fixture must locate something"
    place_ids = {f["properties"]["place_id"] for f in features}
    assert "geonames:163808" in place_ids  # Palmyra is Tadmur in GeoNames


def test_geojson_output_file_equals_stdout(cli, tmp_path: Path,
                                           geojson_stdout: bytes) -> None:
    out = tmp_path / "palmyra.geojson"
    proc = cli("geojson", str(PALMYRA), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    assert out.read_bytes() == geojson_stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["palmyra.geojson"]  # no temp files


def test_dash_reads_standard_input(run_cli, geojson_stdout: bytes) -> None:
    proc = run_cli("geojson", "-", input=PALMYRA.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    # the same features; only the report label says where each came from
    assert proc.stdout.replace(b'"report":"stdin"', b'"report":"palmyra_facts"') == geojson_stdout
    assert proc.stdout.count(b'"report":"stdin"') == len(json.loads(proc.stdout)["features"]) > 0


def test_map_writes_html(run_cli, tmp_path: Path, palmyra_collection: dict) -> None:
    out = tmp_path / "map.html"
    proc = run_cli("map", str(PALMYRA), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "L.map(" in html and "</html>" in html
    err = proc.stderr.decode()
    n = len(palmyra_collection["features"])
    assert f"{n} features" in err and str(out) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_explain_prints_every_feature(run_cli, palmyra_collection: dict) -> None:
    proc = run_cli("explain", str(PALMYRA))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    for f in palmyra_collection["features"]:
        p = f["properties"]
        assert f"[{p['id']}] {p['kind']}:" in out
        assert p["text"] in out
    assert "geonames:163808" in out


def test_gazetteer_lookup_lists_palmyra(run_cli) -> None:
    proc = run_cli("gazetteer", "lookup", "Palmyra")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = proc.stdout.decode("utf-8").splitlines()
    ids = [r.split()[0] for r in rows[1:] if r.strip()]
    assert "geonames:163808" in ids
    limited = run_cli("gazetteer", "lookup", "Palmyra", "--limit", "2")
    assert limited.returncode == 0
    lines = limited.stdout.decode("utf-8").splitlines()
    assert len([r for r in lines[1:] if r.startswith(("geonames:", "overlay:"))]) == 2
    assert "more (use --limit)" in lines[-1]


def test_gazetteer_lookup_unknown_name(run_cli) -> None:
    proc = run_cli("gazetteer", "lookup", "Qxzzyvvq")
    assert proc.returncode == 0
    assert "no candidates" in proc.stdout.decode()


def test_gazetteer_info(run_cli, gazetteer_path: Path) -> None:
    proc = run_cli("gazetteer", "info")
    assert proc.returncode == 0, proc.stderr.decode()
    assert f"file: {gazetteer_path}" in proc.stdout.decode()


def test_no_mentions_is_a_warning_not_an_error(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "quiet.txt"
    report.write_text("Nothing at all happened today, officials said.\n", encoding="utf-8")
    proc = run_cli("geojson", str(report))
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"type": "FeatureCollection", "features": []}
    assert "warning" in proc.stderr.decode() and str(report) in proc.stderr.decode()


@pytest.mark.parametrize("args", [
    [], ["map"], ["geojson"], ["explain"], ["gazetteer"],
    ["gazetteer", "build"], ["gazetteer", "lookup"], ["gazetteer", "info"],
], ids=lambda a: " ".join(a) or "top")
def test_help(run_cli, args: list[str]) -> None:
    proc = run_cli(*args, "--help")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert out.startswith("usage: geoevents " + " ".join(args))
    assert proc.stderr == b""


def test_version(run_cli) -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"geoevents {geoevents.__version__}"


@pytest.mark.parametrize("args", [
    [],
    ["--bogus"],
    ["geojson", str(PALMYRA), "--bogus"],
    ["frobnicate"],
    ["map", str(PALMYRA)],  # -o is required
    ["geojson", str(PALMYRA), "--max-size", "ten"],
    ["gazetteer"],
], ids=["no-args", "unknown-top-option", "unknown-option", "unknown-command",
        "map-without-o", "max-size-not-a-number", "gazetteer-without-action"])
def test_usage_errors_exit_2(run_cli, args: list[str]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr.decode()
    no_traceback(proc)
    err = proc.stderr.decode()
    assert err.startswith("usage: geoevents")
    last = err.splitlines()[-1]
    assert last.startswith("geoevents") and ": error: " in last  # "geoevents map: error: ..."
    assert proc.stdout == b""


def test_latin1_report_needs_encoding(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "latin1.txt"
    report.write_bytes(LATIN1_REPORT)
    line = one_error_line(run_cli("geojson", str(report)))
    assert str(report) in line and "UTF-8" in line and "--encoding" in line

    ok = run_cli("geojson", str(report), "--encoding", "latin-1")
    assert ok.returncode == 0, ok.stderr.decode()
    no_traceback(ok)
    quotes = [f["properties"]["quote"] for f in json.loads(ok.stdout)["features"]]
    assert quotes and all("Homé residents" in q for q in quotes)


def test_unknown_encoding(run_cli) -> None:
    line = one_error_line(run_cli("geojson", str(PALMYRA), "--encoding", "no-such-codec"))
    assert str(PALMYRA) in line and "no-such-codec" in line


def test_max_size_applies_to_the_file(run_cli) -> None:
    assert PALMYRA.stat().st_size > 500
    line = one_error_line(run_cli("geojson", str(PALMYRA), "--max-size", "0.0005"))
    assert str(PALMYRA) in line and "too large" in line


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_non_finite_max_size_is_a_usage_error(run_cli, value: str) -> None:
    proc = run_cli("geojson", str(PALMYRA), f"--max-size={value}")
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--max-size" in proc.stderr.decode().splitlines()[-1]


def test_utf16_report_with_explicit_encoding(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "utf16.txt"
    report.write_bytes("Fighting continued near Palmyra on Friday.\n".encode("utf-16"))
    proc = run_cli("geojson", str(report), "--encoding", "utf-16")
    assert proc.returncode == 0, proc.stderr.decode()
    features = json.loads(proc.stdout)["features"]
    assert any(f["properties"]["place_id"] == "geonames:163808" for f in features)


def test_geojson_stdout_is_utf8_whatever_the_locale(cli, tmp_path: Path) -> None:
    report = tmp_path / "quotes.txt"
    report.write_text("Shelling was reported near Palmyra — “heavy” — on Friday.\n",
                      encoding="utf-8")
    out = tmp_path / "quotes.geojson"
    assert cli("geojson", str(report), "-o", str(out)).returncode == 0
    assert "“heavy”" in out.read_text(encoding="utf-8")  # in the quote; not Latin-1
    proc = cli("geojson", str(report), env={"PYTHONIOENCODING": "latin-1"})
    no_traceback(proc)
    assert proc.returncode == 0
    assert proc.stdout == out.read_bytes()


# --------------------------------------------------------------------------- bad input

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 256


def _make_input(case: str, folder: Path) -> tuple[str, bytes | None, str, str]:
    """Create the bad input of ``case``: (REPORT argument, stdin, name in message, keyword)."""
    path = folder / f"{case}.txt"
    if case == "empty":
        path.write_bytes(b"")
        return str(path), None, str(path), "empty"
    if case == "whitespace":
        path.write_bytes(b" \n\t\r\n   \n" + "\u00a0\u2003\n".encode())  # incl. Unicode spaces
        return str(path), None, str(path), "empty"
    if case == "bom-only":
        path.write_bytes(b"\xef\xbb\xbf \n")
        return str(path), None, str(path), "empty"
    if case == "binary":
        path = folder / "image.png.txt"
        path.write_bytes(PNG_HEAD)
        return str(path), None, str(path), "binary"
    if case == "latin1":
        path.write_bytes(LATIN1_REPORT)
        return str(path), None, str(path), "UTF-8"
    if case == "too-large":
        line = b"Fighting was reported near Palmyra and the road to Homs was closed.\n"
        with path.open("wb") as fh:
            for _ in range(20_000_000 // len(line) + 1):
                fh.write(line)
        assert path.stat().st_size > 20_000_000
        return str(path), None, str(path), "too large"
    if case == "missing":
        return str(folder / "no-such-report.txt"), None, str(folder / "no-such-report.txt"), \
            "no such file"
    if case == "directory":
        d = folder / "a-folder"
        d.mkdir()
        return str(d), None, str(d), "directory"
    if case == "stdin-empty":
        return "-", b"", "<stdin>", "empty"
    if case == "stdin-binary":
        return "-", PNG_HEAD, "<stdin>", "binary"
    if case == "stdin-too-large":
        return "-", b"x" * 10_000_001, "<stdin>", "too large"
    raise AssertionError(case)


BAD_CASES = ["empty", "whitespace", "bom-only", "binary", "latin1", "too-large", "missing",
             "directory", "stdin-empty", "stdin-binary", "stdin-too-large"]
OUTPUT_EXT = {"geojson": "geojson", "map": "html"}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, tuple[str, bytes | None, str, str]]:
    folder = tmp_path_factory.mktemp("bad-inputs")
    return {case: _make_input(case, folder) for case in BAD_CASES}


@pytest.mark.parametrize("command", ["geojson", "map", "explain"])
@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input(run_cli, bad_inputs, tmp_path: Path, case: str, command: str) -> None:
    report, stdin, name, keyword = bad_inputs[case]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = [command, report]
    out = None
    if command in OUTPUT_EXT:
        out = out_dir / f"result.{OUTPUT_EXT[command]}"
        args += ["-o", str(out)]
    proc = run_cli(*args, input=stdin)
    line = one_error_line(proc)
    assert name in line
    assert keyword.lower() in line.lower()
    assert proc.stdout == b""
    if out is not None:
        assert not out.exists()
    assert list(out_dir.iterdir()) == []  # no output and no stray temporary file


@pytest.mark.parametrize("command", ["geojson", "map"])
def test_missing_output_folder(run_cli, tmp_path: Path, command: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "not-there" / f"result.{OUTPUT_EXT[command]}"
    line = one_error_line(run_cli(command, str(PALMYRA), "-o", str(out)))
    assert str(out) in line and "does not exist" in line
    assert not out.parent.exists()
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("command", ["geojson", "map"])
def test_output_is_a_directory(run_cli, tmp_path: Path, command: str) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    line = one_error_line(run_cli(command, str(PALMYRA), "-o", str(out)))
    assert str(out) in line
    assert out.is_dir() and list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


@pytest.mark.parametrize("command", ["geojson", "map"])
@pytest.mark.parametrize("case", ["empty", "binary", "latin1", "too-large", "missing",
                                  "directory", "stdin-empty"])
def test_bad_input_keeps_existing_output(run_cli, bad_inputs, tmp_path: Path, case: str,
                                         command: str) -> None:
    report, stdin, name, _ = bad_inputs[case]
    out = tmp_path / f"previous.{OUTPUT_EXT[command]}"
    out.write_bytes(b"previous results, keep me\n")
    before = out.stat()
    line = one_error_line(run_cli(command, report, "-o", str(out), input=stdin))
    assert name in line
    after = out.stat()
    assert out.read_bytes() == b"previous results, keep me\n"
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == \
        (before.st_ino, before.st_size, before.st_mtime_ns)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_good_input_replaces_existing_output(run_cli, tmp_path: Path,
                                             geojson_stdout: bytes) -> None:
    out = tmp_path / "previous.geojson"
    out.write_bytes(b"x" * 100_000)  # longer than the new content: must not leave a tail
    proc = run_cli("geojson", str(PALMYRA), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_bytes() == geojson_stdout
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
