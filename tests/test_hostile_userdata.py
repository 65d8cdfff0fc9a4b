"""Hostile use of the user's own data (issue 13): parallel writers keep everything, stale
temporary files are cleaned up, bad rows and fields are one-line errors."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from geoevents.errors import GazetteerError
from geoevents.gazetteer import read_overlay
from geoevents.gazetteer.geonames import import_files
from geoevents.gazetteer.userdata import Entry, add_entries, overlay_path, store_path


def _row(gid, name, lat=34.5, lon=38.2, pop=0) -> str:
    cols = [gid, name, name, "", lat, lon, "P", "PPL", "SY", "", "13", "", "", "", pop, "",
            400, "Asia/Damascus", "2024-05-01"]
    return "\t".join(str(c) for c in cols)


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, GEOEVENTS_DATA=str(tmp_path / "data"), PYTHONIOENCODING="utf-8",
                GEOEVENTS_GAZETTEER=str(tmp_path / "no-gazetteer.sqlite"))


def _geoevents(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geoevents", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ten_parallel_adds_keep_ten_entries(tmp_path) -> None:
    env = _env(tmp_path)
    procs = [_geoevents("gazetteer", "add", f"Hill Number {i}", "--lat", "34.5", "--lon",
                        str(38 + i / 100), "--kind", "hill", "--source", "test", env=env)
             for i in range(10)]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    text = overlay_path(tmp_path / "data").read_text(encoding="utf-8")
    assert sorted(ln.split(",")[1] for ln in text.splitlines()[1:]) == sorted(
        f"Hill Number {i}" for i in range(10))
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["overlay.csv"]


def test_two_parallel_first_imports_keep_both_files(tmp_path) -> None:
    env = _env(tmp_path)
    a, b = tmp_path / "SY.txt", tmp_path / "LB.txt"
    a.write_text("\n".join(_row(99100000 + i, f"Alpha {i}") for i in range(20_000)) + "\n")
    b.write_text("\n".join(_row(99200000 + i, f"Beta {i}") for i in range(20_000)) + "\n")
    procs = [_geoevents("gazetteer", "import", "-q", "--workers", "1", str(f), env=env)
             for f in (a, b)]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    con = sqlite3.connect(store_path(tmp_path / "data"))
    files = {f for (f,) in con.execute("SELECT file FROM imports")}
    count = con.execute("SELECT count(*) FROM places").fetchone()[0]
    con.close()
    assert files == {"SY.txt", "LB.txt"} and count == 40_000
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["imports.sqlite"]


def test_a_killed_import_leaves_a_store_that_recovers_by_itself(tmp_path) -> None:
    from geoevents.gazetteer.geonames import attach_store, import_files

    store = tmp_path / "imports.sqlite"
    src = tmp_path / "SY.txt"
    src.write_text("\n".join(_row(99100000 + i, f"Alpha {i}") for i in range(5000)) + "\n")
    import_files([src], store=store, embedded=tmp_path / "none.sqlite", progress=None,
                 workers=1)
    killed = subprocess.run([sys.executable, "-c", (
        "import os, signal, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "con.execute('PRAGMA cache_size = 1')\n"
        "con.execute('BEGIN IMMEDIATE')\n"
        "con.execute(\"UPDATE places SET name = 'half-done'\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"), str(store)], timeout=60)
    assert killed.returncode == -9
    assert (tmp_path / "imports.sqlite-journal").stat().st_size > 0
    con = sqlite3.connect(":memory:")
    attach_store(con, store)
    names = {n for (n,) in con.execute("SELECT name FROM u.places")}
    con.close()
    assert "half-done" not in names and len(names) == 5000


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_killed_import_leaves_no_worker_and_its_temporary_file_is_removed(tmp_path) -> None:
    src = tmp_path / "SY.txt"
    src.write_text("\n".join(_row(99100000 + i, f"Alpha Beta Gamma {i}")
                             for i in range(200_000)) + "\n")
    store = tmp_path / "data" / "imports.sqlite"
    script = ("import sys\nfrom geoevents.gazetteer.geonames import import_files\n"
              "import_files([sys.argv[1]], store=sys.argv[2], workers=2, chunk_bytes=1 << 15, "
              "embedded=sys.argv[3], progress=None)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(src), str(store),
                             str(tmp_path / "none.sqlite")], env=_env(tmp_path))
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the import did not start its workers"
    temporary = store.with_name(f"imports.sqlite.importing-{proc.pid}")
    assert temporary.exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:  # (so that a failure leaves nothing running)
        os.kill(w, signal.SIGKILL)
    assert not left
    small = tmp_path / "LB.txt"
    small.write_text(_row(99300000, "Delta") + "\n")
    import_files([small], store=store, embedded=tmp_path / "none.sqlite", progress=None,
                 workers=1)
    assert sorted(p.name for p in store.parent.iterdir()) == ["imports.sqlite"]


def test_a_killed_build_leaves_no_temporary_file(tmp_path, monkeypatch) -> None:
    from geoevents.gazetteer import build, builder

    target = tmp_path / "gaz.sqlite"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"gaz.sqlite.building-{dead.pid}"
    stale.write_bytes(b"\0" * 1000)
    live = tmp_path / f"gaz.sqlite.building-{os.getppid()}"  # a process that is running
    live.write_bytes(b"\0")

    def collect(say, t0):
        out = builder._Rows()
        out.places.append((1, "geonames:1", "Tinyville", 34.5, 38.2, "village", "SY", None,
                           600, "test", "test", None))
        return out

    monkeypatch.setattr(builder, "_collect", collect)
    build(target, progress=None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaz.sqlite", live.name]


@pytest.mark.parametrize(("column", "value"), [(0, "1" * 26), (14, "9" * 26), (14, "-5")])
def test_a_geonames_number_out_of_range_names_file_and_line(tmp_path, column, value) -> None:
    cols = _row(99100001, "Alpha").split("\t")
    cols[column] = value
    src = tmp_path / "SY.txt"
    src.write_text(_row(99100000, "Zero") + "\n" + "\t".join(cols) + "\n")
    with pytest.raises(GazetteerError) as err:
        import_files([src], store=tmp_path / "s.sqlite", embedded=tmp_path / "none.sqlite",
                     progress=None, workers=1)
    assert f"{src}, line 2" in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "s.sqlite").exists()


@pytest.mark.parametrize("extent", ["nan", "inf", "-inf", "-5", "0"])
def test_an_overlay_extent_that_is_not_a_positive_distance_is_refused(tmp_path,
                                                                        extent) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("id,name,kind,lat,lon,extent_m,source\n"
                        f"x-hill,X Hill,hill,34.5,38.2,{extent},test\n")
    with pytest.raises(GazetteerError) as err:
        read_overlay(csv_file)
    assert "line 2" in str(err.value) and "extent_m" in str(err.value)
    with pytest.raises(GazetteerError):
        add_entries([Entry("X Hill", 34.5, 38.2, "hill", "test", extent_m=float(extent))],
                    base=tmp_path / "data")
    assert not overlay_path(tmp_path / "data").exists()


def test_kinds_are_known_ones_in_any_case_or_an_alias(tmp_path) -> None:
    base = tmp_path / "data"
    add_entries([Entry("Big Hill", 34.5, 38.2, "Hill", "test"),
                 Entry("Old Quarter", 34.5, 38.3, "neighborhood", "test")], base=base)
    kinds = [p.kind for p, _ in read_overlay(overlay_path(base))]
    assert kinds == ["hill", "neighbourhood"]
    with pytest.raises(GazetteerError) as err:
        add_entries([Entry("Odd Place", 34.5, 38.2, "spaceport", "test")], base=base)
    assert "spaceport" in str(err.value) and "neighbourhood" in str(err.value)


def test_kind_on_the_command_line_is_checked(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "geoevents", "gazetteer", "add", "Odd",
                           "--lat", "1", "--lon", "1", "--kind", "spaceport", "--source", "t"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "hill" in proc.stderr and "Traceback" not in proc.stderr


def test_a_line_separator_in_a_name_is_not_an_empty_field(tmp_path) -> None:
    base = tmp_path / "data"
    add_entries([Entry("Tall\u2028Ikhtibar", 34.5, 38.2, "hill", "test")], base=base)
    [(place, _)] = read_overlay(overlay_path(base))
    assert place.name == "Tall\u2028Ikhtibar"


def test_a_truncated_zip_says_so(tmp_path) -> None:
    good = tmp_path / "SY.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SY.txt", "\n".join(_row(99100000 + i, f"Alpha {i}")
                                        for i in range(2000)) + "\n")
    bad = tmp_path / "cut" / "SY.zip"
    bad.parent.mkdir()
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(GazetteerError) as err:
        import_files([bad], store=tmp_path / "s.sqlite", progress=None, workers=1)
    assert "truncated or damaged zip" in str(err.value) and str(bad) in str(err.value)


@pytest.mark.parametrize("limit", ["-1", "0", "x"])
def test_lookup_limit_must_be_positive(tmp_path, limit) -> None:
    proc = subprocess.run([sys.executable, "-m", "geoevents", "gazetteer", "lookup", "Homs",
                           "--limit", limit], env=dict(os.environ, GEOEVENTS_DATA=str(tmp_path)),
                          capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "--limit" in proc.stderr
