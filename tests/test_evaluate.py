"""Tests of the evaluation metrics and benchmark readers (geoevents.evaluate).

Every expected value is computed by hand in the comments; nothing here needs the gazetteer or
the shared benchmark data.
"""

from __future__ import annotations

import math

import pytest

from geoevents.evaluate import (
    PRF,
    UNRESOLVED_KM,
    accuracy_at,
    auc,
    best_overlap,
    error_km,
    exact_prf,
    great_circle_km,
    mean_error,
    median_error,
    overlap_prf,
    overlaps,
    read_geovirus,
    read_lgl,
    read_ucdp,
    recognition_scores,
    resolution_summary,
    ucdp_name_span,
    within_area,
)

# --------------------------------------------------------------------------- distances


def test_great_circle_one_degree_of_longitude_on_the_equator():
    # 2π · 6371.0088 km / 360 = 111.19508 km
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.19508, abs=1e-4)


def test_great_circle_pole_to_pole_is_half_the_circumference():
    # π · 6371.0088 = 20015.114 km
    assert great_circle_km(90, 0, -90, 0) == pytest.approx(20015.114, abs=1e-2)


def test_great_circle_is_symmetric_and_zero_at_the_same_point():
    assert great_circle_km(33.5, 36.3, 34.6, 38.3) == pytest.approx(
        great_circle_km(34.6, 38.3, 33.5, 36.3))
    assert great_circle_km(34.55, 38.27, 34.55, 38.27) == 0.0


def test_error_km_charges_unresolved_with_half_the_circumference():
    assert error_km(None, (10.0, 20.0)) == UNRESOLVED_KM == 20039.0
    assert error_km((0.0, 1.0), (0.0, 0.0)) == pytest.approx(111.19508, abs=1e-4)


# --------------------------------------------------------------------------- resolution


def test_accuracy_counts_errors_up_to_and_including_the_threshold():
    # 0, 100 and 161 are within 161 km; 161.5 and 20039 are not: 3/5
    assert accuracy_at([0.0, 100.0, 161.0, 161.5, 20039.0]) == pytest.approx(0.6)
    # at 25 km only 0 counts: 1/5
    assert accuracy_at([0.0, 100.0, 161.0, 161.5, 20039.0], km=25.0) == pytest.approx(0.2)


def test_accuracy_of_nothing_is_nan():
    assert math.isnan(accuracy_at([]))


def test_mean_and_median():
    # mean (1 + 2 + 3 + 10) / 4 = 4; median of 1, 2, 3, 10 = (2 + 3) / 2 = 2.5
    assert mean_error([10.0, 1.0, 3.0, 2.0]) == pytest.approx(4.0)
    assert median_error([10.0, 1.0, 3.0, 2.0]) == pytest.approx(2.5)
    assert median_error([5.0, 1.0, 3.0]) == pytest.approx(3.0)
    assert math.isnan(mean_error([])) and math.isnan(median_error([]))


def test_auc_perfect_and_all_unresolved():
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([UNRESOLVED_KM] * 4) == pytest.approx(1.0)


def test_auc_two_errors_is_the_mean_of_their_scaled_logs():
    # n = 2: one trapezoid over x in [0, 1]: (y0 + y1) / 2
    # y(0) = 0, y(20039) = 1  ->  0.5
    assert auc([20039.0, 0.0]) == pytest.approx(0.5)


def test_auc_hand_computed_three_errors():
    # errors sorted: 0, e - 1 (so ln(e - 1 + 1) = 1), 20039
    # y = [0, 1 / ln(20040), 1]; trapezoid over x = 0, 0.5, 1:
    # 0.5 · (0 + y1) / 2 + 0.5 · (y1 + 1) / 2 = (2 · y1 + 1) / 4
    # ln 20040 = 9.90549, y1 = 0.100954, AUC = 1.201908 / 4 = 0.300477
    assert auc([20039.0, math.e - 1, 0.0]) == pytest.approx(0.300477, abs=1e-6)


def test_auc_sorts_the_errors_first():
    # unsorted input must give the same as sorted: [161, 0, 20039] -> [0, 161, 20039]
    # y = [0, ln 162 / ln 20040, 1]; AUC = (2 · y1 + 1) / 4
    y1 = math.log(162) / math.log(20040)
    assert auc([161.0, 20039.0, 0.0]) == pytest.approx((2 * y1 + 1) / 4)
    # on unsorted input without sorting the endpoints would be 161 and 0: a different value
    unsorted_trapz = (math.log(162) / math.log(20040) / 2 + 1 + 0) / 2
    assert auc([161.0, 20039.0, 0.0]) != pytest.approx(unsorted_trapz)


def test_auc_single_error_and_empty():
    # n = 1: y0 = ln(1 + 1) / ln(20040)
    assert auc([1.0]) == pytest.approx(math.log(2) / math.log(20040))
    assert math.isnan(auc([]))


def test_resolution_summary():
    s = resolution_summary([0.0, 50.0, 500.0, UNRESOLVED_KM])
    assert s["n"] == 4
    assert s["acc161"] == pytest.approx(0.5)
    assert s["mean_km"] == pytest.approx((0 + 50 + 500 + 20039) / 4)
    assert s["median_km"] == pytest.approx(275.0)
    assert s["unresolved"] == pytest.approx(0.25)
    assert 0 < s["auc"] < 1


# --------------------------------------------------------------------------- area answers

# a box 10° of longitude wide and 2° of latitude high: swapping lat and lon changes answers
BOX = {"type": "Polygon",
       "coordinates": [[[0.0, 0.0], [10.0, 0.0], [10.0, 2.0], [0.0, 2.0], [0.0, 0.0]]]}


def test_within_area_country_uses_the_outline():
    # gold (lat 1, lon 9) is inside the box; (lat 1, lon 11) is outside it although it is
    # only ~667 km from the centre (lat 1, lon 5) and the extent is 1000 km
    assert within_area("country", (1.0, 5.0), 1_000_000.0, (1.0, 9.0), BOX)
    assert not within_area("country", (1.0, 5.0), 1_000_000.0, (1.0, 11.0), BOX)
    # (lat 9, lon 1) is outside: the outline is lon/lat
    assert not within_area("country", (1.0, 5.0), 1e7, (9.0, 1.0), BOX)


def test_within_area_accepts_a_shapely_outline():
    from shapely.geometry import shape

    assert within_area("country", (1.0, 5.0), None, (1.0, 9.0), shape(BOX))
    assert not within_area("country", (1.0, 5.0), None, (-1.0, 9.0), shape(BOX))


def test_within_area_without_outline_uses_the_extent():
    # 1° of longitude on the equator is 111.2 km: inside a 120 km extent, outside a 100 km one
    assert within_area("admin1", (0.0, 0.0), 120_000.0, (0.0, 1.0))
    assert not within_area("admin1", (0.0, 0.0), 100_000.0, (0.0, 1.0))
    assert within_area("continent", (0.0, 0.0), 120_000.0, (0.0, 1.0))
    assert not within_area("admin1", (0.0, 0.0), None, (0.0, 0.0))


def test_within_area_is_false_for_settlements():
    # the gold point is inside both the outline and the extent, but a city is no area answer
    assert not within_area("city", (1.0, 5.0), 1e7, (1.0, 5.0), BOX)
    assert not within_area("town", (1.0, 5.0), 1e7, (1.0, 5.0))


# --------------------------------------------------------------------------- recognition


def test_overlaps_half_open_spans():
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))  # touching is not overlapping
    assert overlaps((3, 4), (0, 10))


def test_exact_prf_hand_computed():
    gold = [(0, 5), (10, 15), (20, 25)]
    pred = [(0, 5), (10, 14), (30, 35), (0, 5)]  # the duplicate counts once
    r = exact_prf(gold, pred)
    # tp = 1 of 3 predicted and 3 gold
    assert (r.tp_pred, r.n_pred, r.tp_gold, r.n_gold) == (1, 3, 1, 3)
    assert r.precision == pytest.approx(1 / 3)
    assert r.recall == pytest.approx(1 / 3)
    assert r.f1 == pytest.approx(1 / 3)


def test_overlap_prf_hand_computed():
    gold = [(0, 5), (10, 15), (20, 25)]
    pred = [(0, 5), (10, 14), (30, 35), (12, 22)]
    r = overlap_prf(gold, pred)
    # predicted: (0,5) yes, (10,14) yes, (12,22) yes (both 10-15 and 20-25), (30,35) no: 3/4
    # gold: (0,5) yes, (10,15) yes, (20,25) yes (by 12-22): 3/3
    assert (r.tp_pred, r.n_pred, r.tp_gold, r.n_gold) == (3, 4, 3, 3)
    assert r.precision == pytest.approx(0.75)
    assert r.recall == pytest.approx(1.0)
    assert r.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_recognition_scores_micro_average_over_documents():
    docs = [
        ([(0, 5)], [(0, 5)]),                  # exact 1/1
        ([(0, 5), (7, 9)], [(1, 5), (20, 22)]),  # exact 0; overlap: pred 1/2, gold 1/2
    ]
    s = recognition_scores(docs)
    assert (s["exact"].tp_pred, s["exact"].n_pred, s["exact"].n_gold) == (1, 3, 3)
    assert s["exact"].f1 == pytest.approx(1 / 3)
    assert (s["overlap"].tp_pred, s["overlap"].n_pred) == (2, 3)
    assert (s["overlap"].tp_gold, s["overlap"].n_gold) == (2, 3)
    assert s["overlap"].f1 == pytest.approx(2 / 3)


def test_prf_degenerate_cases():
    assert PRF(0, 0, 0, 5).f1 == 0.0          # nothing predicted: recall 0, F1 0
    assert math.isnan(PRF(0, 0, 0, 5).precision)
    assert PRF(0, 4, 0, 5).f1 == 0.0
    assert math.isnan(PRF(0, 0, 0, 0).f1)      # nothing at all: undefined
    d = PRF(1, 2, 1, 4).as_dict()
    assert d["precision"] == 0.5 and d["recall"] == 0.25
    assert d["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_best_overlap_picks_the_largest_overlap():
    pred = [(0, 3), (2, 9), (8, 20)]
    # gold (2, 10): overlaps 1 char with (0,3), 7 with (2,9), 2 with (8,20)
    assert best_overlap((2, 10), pred) == 1
    assert best_overlap((30, 40), pred) is None
    # a tie goes to the first: (0, 4) and (4, 8) each share 2 chars with (2, 6)
    assert best_overlap((2, 6), [(0, 4), (4, 8)]) == 0


# --------------------------------------------------------------------------- readers

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="101">
    <text><![CDATA[Fire in Alexandria and in Paris.]]></text>
    <toponyms count="2">
      <toponym>
        <start>8</start><end>18</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550">
          <name>Alexandria</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>31.3113</lat><lon>-92.4451</lon>
          <country geonameid="6252001">United States</country>
          <admin1 geonameid="4331987">Louisiana</admin1>
        </gaztag>
      </toponym>
      <toponym><start>26</start><end>31</end><phrase>Paris</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_read_lgl(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    docs = read_lgl(path)
    assert len(docs) == 1
    d = docs[0]
    assert d.doc_id == "101" and d.text.startswith("Fire in Alexandria")
    a, p = d.toponyms
    assert (a.start, a.end, a.phrase) == (8, 18, "Alexandria")
    assert (a.lat, a.lon) == (31.3113, -92.4451)
    assert a.geonameid == "4314550" and a.fcode == "PPL" and a.fclass == "P"
    assert a.country == "United States" and a.admin1 == "Louisiana" and a.has_coords
    # no gaztag: kept, without coordinates
    assert (p.start, p.end, p.phrase) == (26, 31, "Paris")
    assert p.lat is None and p.geonameid is None and not p.has_coords


def test_read_lgl_rejects_offsets_that_miss_the_phrase(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL.replace("<start>8</start><end>18</end>", "<start>7</start><end>17</end>"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="Alexandria"):
        read_lgl(path)


GEOVIRUS = """<articles>
    <article>
        <source>https://en.wikinews.org/wiki/X</source>
        <text>Hogs culled in Pandi, Bulacan on Sunday.</text>
        <locations>
            <location>
                <name>Pandi</name><start>{s1}</start><end>{e1}</end>
                <lat>14.87</lat><lon>120.95</lon>
                <page>https://en.wikipedia.org/wiki/Pandi,_Bulacan</page>
            </location>
            <location>
                <name>Bulacan</name><start>{s2}</start><end>{e2}</end>
                <lat>15</lat><lon>121.08</lon><page>https://en.wikipedia.org/wiki/Bulacan</page>
            </location>
        </locations>
    </article>
    <article>
        <source>https://en.wikinews.org/wiki/X</source>
        <text>No places.</text>
        <locations/>
    </article>
</articles>
"""


@pytest.mark.parametrize("shift", [1, 0])
def test_read_geovirus_aligns_the_offsets(tmp_path, shift):
    # "Pandi" is text[15:20], "Bulacan" text[22:29]; the distributed file has them one late
    path = tmp_path / "gv.xml"
    path.write_text(GEOVIRUS.format(s1=15 + shift, e1=20 + shift, s2=22 + shift,
                                    e2=29 + shift), encoding="utf-8")
    docs = read_geovirus(path)
    assert [d.doc_id for d in docs] == ["gv0", "gv1"]
    p, b = docs[0].toponyms
    assert (p.start, p.end, p.phrase) == (15, 20, "Pandi")
    assert docs[0].text[p.start:p.end] == "Pandi"
    assert (b.start, b.end, b.lat, b.lon) == (22, 29, 15.0, 121.08)
    assert b.page == "https://en.wikipedia.org/wiki/Bulacan"
    assert docs[1].toponyms == []


def test_read_geovirus_rejects_unalignable_offsets(tmp_path):
    path = tmp_path / "gv.xml"
    path.write_text(GEOVIRUS.format(s1=30, e1=35, s2=22, e2=29), encoding="utf-8")
    with pytest.raises(ValueError, match="Pandi"):
        read_geovirus(path)


UCDP = (
    "id,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,country\n"
    '300380.0,1.0,Rami village,"in the al-Rami village, Idlib",Idlib governorate,Ariha district,'
    "35.763369,36.558974,Syria\n"
    "21300.0,4.0,Lunda Sul province,Lunda Sul province,Lunda Sul province,,-9.65,20.4,Angola\n"
    "5,,Nowhere,,,,,,Chad\n"
)


def test_read_ucdp(tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_text(UCDP, encoding="utf-8")
    rows = read_ucdp(path)
    assert len(rows) == 2  # the row without coordinates is skipped
    r = rows[0]
    assert r.id == "300380" and r.where_prec == 1
    assert r.where_coordinates == "Rami village"
    assert r.where_description == "in the al-Rami village, Idlib"
    assert (r.latitude, r.longitude, r.country) == (35.763369, 36.558974, "Syria")
    assert r.adm_1 == "Idlib governorate" and r.raw["adm_2"] == "Ariha district"
    assert rows[1].where_prec == 4 and rows[1].adm_2 == ""


@pytest.mark.parametrize(("value", "name"), [
    ("Rami village", "Rami"),
    ("Nangarhar province", "Nangarhar"),
    ("Baja California Sur state", "Baja California Sur"),
    ("Chaghcharan (Feroz Koh) town", "Chaghcharan"),
    ("Abaluma village (Buraki groupement, Banyali Kilo)", "Abaluma"),
    ("Telemarenga town, Jagdalpur sub-district", "Telemarenga"),
    ("Chassana village - Mahore sub-district", "Chassana"),
    ("poselok gorodskogo tipa Chiri-Yurt", "Chiri-Yurt"),
    ("Selo Ekazhevo", "Ekazhevo"),
    ("Syria", "Syria"),
    ("Bagram airbase", "Bagram airbase"),
    ("town", "town"),
])
def test_ucdp_name_span(value, name):
    s, e = ucdp_name_span(value)
    assert value[s:e] == name
