"""geoevents.timeline: features merged into claims (same place, status, side, time window)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from shapely.geometry import Point

from geoevents.model import Feature
from geoevents.timeline import Claim, Source, by_date, merge, order, place_key

TADMUR = "geonames:163808"


def feat(fid: str, *, lat: float = 34.5624, lon: float = 38.2840, place_id: str | None = TADMUR,
         status: str | None = "held", side: str | None = "islamic-state",
         date: str | None = "2016-03-09", report: str = "r1", unc: float = 2000.0,
         negated: bool = False, claimed_by: str | None = None, precision: int | None = 1,
         side1: str | None = None, side2: str | None = None, name: str | None = None,
         event_type: str | None = None, report_date: str | None = None) -> Feature:
    """A located feature made by hand: the place itself when ``place_id`` is given (relation
    ``place``), else a place derived from the text (relation ``direction``)."""
    return Feature(
        id=fid, kind="place" if place_id else "sector", text=name or fid, quote=f"Quote {fid}.",
        start=0, end=len(fid), relation="place" if place_id else "direction", lat=lat, lon=lon,
        uncertainty_m=unc, precision=1, confidence=0.9, geometry=Point(lon, lat),
        place="Tadmur" if place_id == TADMUR else None, place_id=place_id, name=name,
        report=report, report_title=f"Title {report}", report_date=report_date,
        report_url=None, status=status, side=side, negated=negated, claimed_by=claimed_by,
        date=date, date_precision=precision, side1=side1, side2=side2, event_type=event_type)


def test_same_place_status_side_within_window_merges_and_keeps_every_source():
    fs = [feat("a", report="r1", date="2016-03-09"),
          feat("b", report="r2", date="2016-03-10"),
          feat("c", report="r2", date="2016-03-09")]
    claims = merge(fs, window_days=1)
    assert len(claims) == 1
    c = claims[0]
    assert c.place_key == TADMUR and c.status == "held" and c.side == "islamic-state"
    assert {s.feature_id for s in c.sources} == {"a", "b", "c"}
    assert c.corroborated == 2  # two distinct reports
    assert c.date == "2016-03-09"
    src = next(s for s in c.sources if s.feature_id == "b")
    assert src == Source("r2", "b", "Title r2", None, None, None, "Quote b.")


def test_different_sides_statuses_or_places_do_not_merge():
    fs = [feat("a"), feat("b", side="sy-government"), feat("c", status="contested", side=None),
          feat("d", place_id="geonames:172425", lat=34.8853, lon=38.8711)]
    claims = merge(fs)
    assert len(claims) == 4
    assert sorted(len(c.sources) for c in claims) == [1, 1, 1, 1]


def test_dates_beyond_the_window_do_not_merge():
    fs = [feat("a", date="2016-03-09"), feat("b", date="2016-03-12")]
    assert len(merge(fs, window_days=1)) == 2
    assert len(merge(fs, window_days=3)) == 1
    assert len(merge([feat("a", date="2016-03-09"), feat("b", date="2016-03-10")],
                     window_days=0)) == 2


def test_a_chain_of_daily_reports_does_not_grow_one_claim_forever():
    fs = [feat(f"f{d}", date=f"2016-03-{d:02d}", report=f"r{d}") for d in (9, 10, 11)]
    claims = merge(fs, window_days=1)
    assert [(c.date, len(c.sources)) for c in claims] == [("2016-03-09", 2), ("2016-03-11", 1)]


def test_negated_features_are_claims_of_their_own():
    fs = [feat("a", report="r1"), feat("b", report="r2", negated=True)]
    claims = merge(fs)
    assert len(claims) == 2
    neg = [c for c in claims if c.negated]
    assert len(neg) == 1 and [s.feature_id for s in neg[0].sources] == ["b"]
    assert [s.feature_id for c in claims if not c.negated for s in c.sources] == ["a"]


def test_derived_places_merge_by_distance_within_the_larger_uncertainty():
    # "Al-Tar hilltop west of Palmyra" in two reports: no id of its own, points 1.5 km apart
    a = feat("a", place_id=None, lat=34.5624, lon=38.2076, unc=2000, name="Al-Tar")
    b = feat("b", place_id=None, lat=34.5624, lon=38.2240, unc=800, report="r2", name="Al-Tar")
    far = feat("c", place_id=None, lat=34.5624, lon=38.2500, unc=800, report="r3")
    claims = merge([a, b, far])
    assert len(claims) == 2
    both = next(c for c in claims if len(c.sources) == 2)
    # the most precise feature gives the point, radius and key
    assert both.uncertainty_m == 800 and both.lon == pytest.approx(38.2240)
    assert both.place_key == "pt:34.5624,38.2240" and both.place == "Al-Tar"


def test_a_derived_place_never_merges_with_its_anchor():
    # "within two kilometres of Palmyra" has Palmyra's id as its anchor, not as its own
    town = feat("a")
    disc = feat("b", place_id=None, report="r2")
    disc = dataclasses.replace(disc, place_id=TADMUR, kind="disc", relation="within")
    claims = merge([town, disc])
    assert len(claims) == 2
    assert {c.place_key for c in claims} == {TADMUR, "pt:34.5624,38.2840"}
    assert place_key(disc) == "pt:34.5624,38.2840"


def test_claimants_are_counted_apart_from_reports():
    fs = [feat("a", claimed_by="state television"), feat("b", claimed_by="the Observatory"),
          feat("c", claimed_by="state television")]
    (c,) = merge(fs)
    assert c.corroborated == 1 and c.claimants == 2
    assert c.is_corroborated(min_sources=2)
    assert not c.is_corroborated(min_sources=3)


def test_date_falls_back_to_the_report_date_and_undated_stay_apart():
    fs = [feat("a", date=None, report_date="2016-03-23"), feat("b", date="2016-03-23"),
          feat("c", date=None, report_date=None)]
    claims = merge(fs)
    assert [(c.date, len(c.sources)) for c in claims] == [(None, 1), ("2016-03-23", 2)]


def test_the_most_precise_date_wins():
    fs = [feat("a", date="2016-03-01", precision=3), feat("b", date="2016-03-02", precision=1)]
    (c,) = merge(fs, window_days=2)
    assert (c.date, c.date_precision) == ("2016-03-02", 1)


def test_counterpart_and_event_type_come_from_the_sources():
    fs = [feat("a", status="lost", side="islamic-state", side1="sy-government",
               side2="islamic-state", event_type="Battles"),
          feat("b", status="lost", side="islamic-state", side1="islamic-state",
               side2="sy-government", event_type="Battles", report="r2"),
          feat("c", status="lost", side="islamic-state", event_type="Strategic developments",
               report="r3")]
    (c,) = merge(fs)
    assert c.counterpart == "sy-government"
    assert c.event_type == "Battles"


def test_output_is_ordered_and_independent_of_input_order():
    rng = random.Random(7)
    fs = []
    for i in range(60):
        day = 9 + rng.randrange(5)
        fs.append(feat(f"f{i:02d}", date=f"2016-03-{day:02d}", report=f"r{rng.randrange(6)}",
                       side=rng.choice(["islamic-state", "sy-government"]),
                       status=rng.choice(["held", "contested", "advancing"]),
                       place_id=rng.choice([TADMUR, "geonames:172425", None]),
                       lat=34.5 + rng.random() / 10, lon=38.2 + rng.random() / 10,
                       unc=rng.choice([500.0, 2000.0, 5000.0])))
    first = merge(fs)
    for _ in range(5):
        shuffled = fs[:]
        rng.shuffle(shuffled)
        assert merge(shuffled) == first
    assert sum(len(c.sources) for c in first) == len(fs)
    keys = [(c.date or "", c.place_key, c.status or "") for c in first]
    assert keys == sorted(keys)
    assert all(isinstance(c, Claim) for c in first)


def test_order_and_by_date():
    fs = [feat("b", date="2016-03-10"), feat("a", date="2016-03-09"), feat("c", date=None)]
    assert [f.id for f in order(fs)] == ["c", "a", "b"]
    groups = by_date(merge(fs, window_days=0))
    assert list(groups) == [None, "2016-03-09", "2016-03-10"]
    assert all(c.date == d for d, cs in groups.items() for c in cs)
    c = groups["2016-03-09"][0]
    assert c.day == dt.date(2016, 3, 9)


def test_negative_window_is_refused():
    with pytest.raises(ValueError):
        merge([feat("a")], window_days=-1)


@pytest.mark.parametrize("bearing", [0.0, 45.0, 90.0, 180.0])
def test_merge_distance_is_geodesic_at_the_threshold(bearing):
    from geographiclib.geodesic import Geodesic

    limit = 3000.0
    for delta, merged in ((-3.0, True), (3.0, False)):
        r = Geodesic.WGS84.Direct(34.5624, 38.2076, bearing, limit + delta)
        a = feat("a", place_id=None, lat=34.5624, lon=38.2076, unc=limit)
        b = feat("b", place_id=None, lat=r["lat2"], lon=r["lon2"], unc=1000.0, report="r2")
        assert (len(merge([a, b])) == 1) is merged, (bearing, delta)


def test_a_standing_state_is_a_claim_about_the_reports_day():
    """"Baidoa, held by the army since early March" in a report of 20 June: the claim is
    about the 20th of June (then carried forward by geoevents.frontline until a newer claim),
    not dated to March."""
    since = dataclasses.replace(feat("a", date="2021-03-05", report_date="2021-06-20"),
                                date_text="since early March")
    on = dataclasses.replace(feat("b", date="2021-03-05", report_date="2021-06-20"),
                             date_text="on 5 March")
    assert [c.date for c in merge([since])] == ["2021-06-20"]
    assert [c.date for c in merge([on])] == ["2021-03-05"]
