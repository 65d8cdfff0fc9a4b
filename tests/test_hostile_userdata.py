"""Hostile use of the user's own data (issue 13): parallel writers keep everything, stale
temporary files are cleaned up, bad rows and fields are one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from geoevents.gazetteer.userdata import overlay_path, store_path


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
