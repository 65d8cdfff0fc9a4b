"""Hostile gazetteer paths and files (issue 13): what is not ours is refused, never replaced."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geoevents.errors import GazetteerError
from geoevents.gazetteer import Gazetteer, build


def _foreign_sqlite(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes(x TEXT)")
    con.execute("INSERT INTO notes VALUES ('mine')")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("make", [
    lambda d: _foreign_sqlite(d / "other.sqlite"),
    lambda d: (d / "notes.txt", (d / "notes.txt").write_text("my notes\n"))[0],
])
def test_a_file_that_is_not_a_gazetteer_is_refused_not_replaced(tmp_path, make) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    for attempt in (lambda: Gazetteer.open(path), lambda: build(path, progress=None)):
        with pytest.raises(GazetteerError) as err:
            attempt()
        message = str(err.value)
        assert str(path) in message and "\n" not in message and "not a geoevents" in message
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_lookup_on_a_foreign_file_is_a_one_line_error(tmp_path) -> None:
    path = _foreign_sqlite(tmp_path / "other.sqlite")
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "geoevents", "gazetteer", "lookup", "Homs",
                           "--gazetteer", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode != 0
    assert "not a geoevents gazetteer" in proc.stderr and "Traceback" not in proc.stderr
    assert path.read_bytes() == before


def _tiny_collect(calls):
    """A stand-in for the build's reading of its sources: one place, after a pause (so that
    parallel first runs overlap), counting its calls."""
    from geoevents.gazetteer import builder

    def collect(say, t0):
        calls.append(1)
        time.sleep(0.5)
        out = builder._Rows()
        out.places.append((1, "geonames:1", "Tinyville", 34.5, 38.2, "village", "SY", None,
                           600, "test", "test", None))
        out.names.append(("tinyville", "tnyfl", 1, 1))
        return out

    return collect


def test_four_first_runs_at_once_make_one_build(tmp_path, monkeypatch) -> None:
    from geoevents.gazetteer import builder

    calls: list[int] = []
    monkeypatch.setattr(builder, "_collect", _tiny_collect(calls))
    target = tmp_path / "gaz.sqlite"
    errors: list[BaseException] = []

    def first_run() -> None:
        try:
            Gazetteer.open(target, user_data=False).close()
        except BaseException as exc:  # (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=first_run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(calls) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaz.sqlite"]


@pytest.fixture()
def tiny(tmp_path, monkeypatch):
    """A small gazetteer of ours (the build with a stand-in for its sources) at
    ``tmp_path/gaz.sqlite``, with ``GEOEVENTS_GAZETTEER`` pointing at it."""
    from geoevents.gazetteer import builder

    monkeypatch.setattr(builder, "_collect", _tiny_collect([]))
    monkeypatch.setattr(builder, "_INDEXES", builder._INDEXES)
    path = build(tmp_path / "gaz.sqlite", progress=None)
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(path))
    monkeypatch.setenv("GEOEVENTS_DATA", str(tmp_path / "data"))
    return path


def _check(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geoevents", "gazetteer", "check",
                           "--gazetteer", str(path)], capture_output=True, text=True,
                          timeout=120)


def _damage(path, *, where: float = 0.5, size: int = 4096) -> None:
    data = bytearray(path.read_bytes())
    at = int(len(data) * where) // 4096 * 4096
    data[at : at + size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def test_check_says_ok_on_one_line(tiny) -> None:
    proc = _check(tiny)
    assert proc.returncode == 0 and proc.stdout.startswith("ok: ")
    assert proc.stdout.count("\n") == 1 and not proc.stderr


def test_garbage_mid_file_is_detected_never_served(tiny) -> None:
    _damage(tiny)
    proc = _check(tiny)
    assert proc.returncode == 1 and "damaged" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "gazetteer build" in proc.stderr
    try:  # either noticed on open (and rebuilt) or a one-line error on the first query
        gaz = Gazetteer.open(tiny, user_data=False)
        gaz.lookup_many(["tinyville", "elsewhere"])
        gaz.close()
    except GazetteerError as exc:
        assert "damaged" in str(exc) and str(tiny) in str(exc) and "\n" not in str(exc)


def test_a_truncated_gazetteer_is_rebuilt_with_a_notice(tiny, capsys) -> None:
    data = tiny.read_bytes()
    tiny.write_bytes(data[: len(data) - 4096])
    gaz = Gazetteer.open(tiny, user_data=False)
    assert [p.name for p in gaz.lookup("tinyville")] == ["Tinyville"]
    gaz.close()
    err = capsys.readouterr().err
    assert "damaged" in err and "rebuilding" in err
    assert _check(tiny).returncode == 0


def test_a_recorded_count_that_differs_is_damage(tiny) -> None:
    con = sqlite3.connect(tiny)
    con.execute("UPDATE meta SET v = '7' WHERE k = 'places'")
    con.commit()
    con.close()
    proc = _check(tiny)
    assert proc.returncode == 1 and "places: 1 rows, recorded 7" in proc.stderr


@pytest.mark.parametrize("folder", ["a#b", "what?", "100%", "%23x"])
def test_a_path_with_uri_characters_is_built_once(tmp_path, monkeypatch, folder) -> None:
    from geoevents.gazetteer import builder, is_current

    calls: list[int] = []
    monkeypatch.setattr(builder, "_collect", _tiny_collect(calls))
    target = tmp_path / folder / "gaz#1?.sqlite"
    for _ in range(2):
        gaz = Gazetteer.open(target, user_data=False)
        assert [p.name for p in gaz.lookup("tinyville")] == ["Tinyville"]
        gaz.close()
    assert len(calls) == 1 and is_current(target)


def test_a_gazetteer_in_a_read_only_folder_is_a_one_line_error(tmp_path) -> None:
    target = Path("/proc/geoevents-no-such-folder/gaz.sqlite")
    with pytest.raises(GazetteerError) as err:
        Gazetteer.open(target, user_data=False)
    assert str(target) in str(err.value) and "\n" not in str(err.value)
    if os.geteuid() != 0:  # (root writes into a read-only folder anyway)
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        with pytest.raises(GazetteerError) as err:
            Gazetteer.open(folder / "gaz.sqlite", user_data=False)
        assert str(folder / "gaz.sqlite") in str(err.value)
