"""Held-out front lines: the Manbij offensive (2016), the battle of Soledar (2023) and the
battle of Raqqa (2017).

``tests/fixtures/sequences/<name>/`` holds dispatches written for this test and a truth
table written from the public record before geoevents was run on them;
``benchmarks/eval_frontline.py`` runs reports → locate → merge → series and scores the
estimate against it. This file is a *regression guard*, not a target: the floors below are
the first measurement minus a small margin. Structural checks hold whatever the accuracy.

First measurement (code of commit ed07684: events.py and _sides.csv as committed that
day; default FrontlineParams, no theatre):

    manbij-2016   5/12 correct; wrong side 0, grey 3, held 0, missing 4; movement n/a
    soledar-2023  3/9 correct;  wrong side 0, grey 4, held 0, missing 2; movement n/a
    total         8/21 correct (38 %); movement 0/2

After the event reader learnt the phrasing classes the first two sequences' misses showed
(holding stated many ways, speakers' sides, origins and capitals that are no battle site) and
the front-line method weighed conflicting claims (commits b8e0b3d, 50f176b) — those two are
therefore no longer strictly held out; raqqa-2017 was not looked at — the measurement is
manbij 8/12, raqqa 7/17, soledar 5/9: 20/38 (53 %), wrong side 0, movement 0/3; the floors
below are that minus one.

raqqa-2017 was added later (written, truth first, by someone who had not seen the other
two sequences' texts), first measured at commit 98ef82e: 4/17 correct; wrong side 0, grey 3,
held 0, missing 10; movement 0/1 — with the other two, 12/38.

Neither sequence gives a single line of contact or advance arrow, and the movement check
scores zero: both are marked xfail(strict=True) below, with the reason, rather than hidden.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import re
import sys
from pathlib import Path

import pyproj
import pytest
import shapely
from test_frontline_invariants import check_invariants

from geoevents.frontline import series
from geoevents.pipeline import locate
from geoevents.read import read_reports
from geoevents.timeline import merge

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("eval_frontline",
                                              ROOT / "benchmarks" / "eval_frontline.py")
ev = importlib.util.module_from_spec(SPEC)
sys.modules.setdefault("eval_frontline", ev)  # dataclasses look their module up
SPEC.loader.exec_module(ev)
GEOD = pyproj.Geod(ellps="WGS84")
NAMES = ("manbij-2016", "raqqa-2017", "soledar-2023")
#: Every sequence (tests/fixtures/sequences/README.md lists them; the held-out ones are marked
#: in their truth.json): the structural checks and invariants hold for all of them.
ALL = tuple(f.name for f in ev.sequences())

# Floors: first measurement minus one row (see the module docstring).
FLOOR_CORRECT = {"manbij-2016": 7, "raqqa-2017": 6, "soledar-2023": 4}  # 8/12, 7/17, 5/9
FLOOR_TOTAL = 19  # measured 20/38
MAX_WRONG_SIDE = 1  # measured 0 in both: a place handed to the wrong side is the worst error


@pytest.fixture(scope="module")
def results(gaz):
    return {f.name: ev.evaluate(f, gaz) for f in ev.sequences()}


def _sides_keys() -> set[str]:
    text = (ROOT / "geoevents" / "_sides.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(
        line for line in text.splitlines() if not line.startswith("#"))))
    keys = set()
    for row in rows:
        for part in row["side"].split():
            keys.add(part.split("=")[-1])
    return keys - {"@context"}


def _state_keys() -> set[str]:
    """The state sides of the demonym rule: '<cc>-government', or the row's own side."""
    text = (ROOT / "geoevents" / "_demonyms.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(
        line for line in text.splitlines() if not line.startswith("#"))))
    return {row["side"] or f"{row['country'].lower()}-government" for row in rows}


def _well_formed_keys(truth: dict) -> set[str]:
    """Keys a truth table may use: the sides table's, the demonym rule's state sides, and a
    group the table lacks under a slug of its name that ``side_key_note`` explains (the
    reader names such a side from the text; its key need not be in the table)."""
    note = truth.get("side_key_note", "")
    own = {k for k in truth["sides"]
           if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", k) and f"'{k}'" in note}
    return _sides_keys() | _state_keys() | own


# ---------------------------------------------------------------------------- the data


def test_the_sequences_are_there(results) -> None:
    assert set(NAMES) <= set(results) and tuple(sorted(results)) == ALL
    assert len(results) >= 12  # issue 14: at least 12 sequences of at least 8 wars


@pytest.mark.parametrize("name", ALL)
def test_truth_is_well_formed(results, name: str) -> None:
    res = results[name]
    assert 4 <= len(res.reports) <= 6
    assert all(r.date and r.title and r.text for r in res.reports)
    days = sorted(r.date for r in res.reports)
    keys = _well_formed_keys(res.truth)
    assert set(res.truth["sides"]) <= keys
    # No row before the first report (nothing can be known then); a row up to a week after
    # the last one scores the estimate carried forward (eval_frontline extends the series).
    last = (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=7)).isoformat()
    for row in res.truth["rows"]:
        assert days[0] <= row["date"] <= last
        assert row["status"] in ("held", "contested")
        assert (row["side"] in keys) if row["status"] == "held" else row.get("side") is None
        assert row["place_key"].startswith("geonames:")
    mv = res.truth.get("movement")  # none where no compass direction fits the change
    assert mv is None or (mv["side"] in keys and mv["direction"] in ev.DIRECTIONS)


def test_a_key_outside_the_tables_needs_its_note() -> None:
    keys = _well_formed_keys({"sides": ["krajina-serbs", "Bad Key"],
                              "side_key_note": "'krajina-serbs' (a slug); 'Bad Key'"})
    assert "krajina-serbs" in keys and "hr-government" in keys and "russia" in keys
    assert "Bad Key" not in keys
    assert "krajina-serbs" not in _well_formed_keys({"sides": ["krajina-serbs"]})


# --------------------------------------------------------------------- the structure


@pytest.mark.parametrize("name", ALL)
def test_every_shape_rests_on_the_sequences_reports(results, name: str) -> None:
    res = results[name]
    labels = {r.label for r in res.reports}
    shapes = [s for f in res.fronts.values() for s in f.shapes]
    assert shapes, "the estimate draws nothing at all"
    for s in shapes:
        assert s.sources and s.places, (s.layer, s.date)
        assert set(s.reports) <= labels and all(r for r, _ in s.sources), s.sources
        assert s.geometry.is_valid and not s.geometry.is_empty


@pytest.mark.parametrize("name", ALL)
def test_the_invariants_hold(results, name: str) -> None:
    """docs/frontlines.md § Invariants: valid, non-degenerate shapes; no side's area over a
    place the estimate gives to another side or to nobody; no area shrinks on a day no
    claim is dated."""
    res = results[name]
    check_invariants([res.fronts[d] for d in sorted(res.fronts)], res.claims)


@pytest.mark.parametrize("name", ALL)
def test_contact_lines_stay_near_both_sides(results, name: str) -> None:
    """Every vertex of a line of contact is within contact_m of a held place of each of its
    two sides. (Measured: neither sequence gives any line, so this holds vacuously today; it
    guards the day one appears.)"""
    res = results[name]
    limit = res.params.contact_m * 1.01 + 10.0
    for front in res.fronts.values():
        held = [p for p in front.places if p.status == "held"]
        for line in front.contact_lines:
            assert len(line.sides) == 2
            for lon, lat in shapely.get_coordinates(line.geometry):
                for side in line.sides:
                    near = min((GEOD.inv(lon, lat, p.lon, p.lat)[2] for p in held
                                if p.side == side), default=float("inf"))
                    assert near <= limit, (front.date, side, near)


@pytest.mark.parametrize("name", ALL)
def test_deterministic(results, gaz, name: str) -> None:
    """Twice the same evaluation, and the features merged in reverse order, give the same
    tables and byte-identical GeoJSON every day."""
    res = results[name]
    again = ev.evaluate(ev.DATA / name, gaz)
    assert ev.table(again) == ev.table(res) and ev.errors(again) == ev.errors(res)
    reports = read_reports(ev.DATA / name / "reports.jsonl")
    features = [f for r in reversed(reports) for f in reversed(locate(r, gaz))]
    days = sorted(res.fronts)
    fronts = series(merge(features), start=days[0], end=days[-1])
    assert [f.dumps() for f in fronts] == [res.fronts[d].dumps() for d in days]


# the three first sequences only: on the others a few speakers' capitals and namesakes far
# from the fighting still get a status (Kyiv, Khartoum, "Grein" in Austria: listed in the
# closing note of issue 14), which this guard would report until the reader reads them
@pytest.mark.parametrize("name", NAMES)
def test_nothing_drawn_far_from_the_theatre(results, name: str) -> None:
    res = results[name]
    rows = res.truth["rows"]
    for front in res.fronts.values():
        for p in front.places:
            near = min(GEOD.inv(p.lon, p.lat, r["lon"], r["lat"])[2] for r in rows)
            assert near <= 100_000, (front.date, p.place, near)


# ---------------------------------------------------------------------- the accuracy


@pytest.mark.parametrize("name", NAMES)
def test_accuracy_floor(results, name: str) -> None:
    counts = results[name].counts
    assert counts["correct"] >= FLOOR_CORRECT[name], "\n".join(ev.table(results[name]))
    assert counts["wrong side"] <= MAX_WRONG_SIDE, "\n".join(ev.errors(results[name]))


def test_accuracy_floor_total(results) -> None:
    assert sum(r.counts["correct"] for r in results.values()) >= FLOOR_TOTAL


_NO_MOVEMENT = pytest.mark.xfail(strict=True, reason=(
    "on the first day the advancing side holds nothing the extractor reads near the front "
    "(Bakhmutske 'overran' gives no status), and on Soledar's last day a retrospective 'the "
    "fall of Soledar' plus a 'lost' with no named winner leave the town grey, not Russian; "
    "raqqa: the SDF's area does not move south"))


# manbij-2016 passes since round three of the reader ("Sirrin, …, a town the Kurdish-led
# forces have held since last year" is now read)
@pytest.mark.parametrize("name", [n if n == "manbij-2016" else pytest.param(
    n, marks=_NO_MOVEMENT) for n in NAMES])
def test_movement_direction(results, name: str) -> None:
    mv = results[name].movement
    assert mv is not None and mv.ok, mv
