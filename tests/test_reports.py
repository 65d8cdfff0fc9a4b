"""Reports about other wars, written for the project: write for the general case."""

from __future__ import annotations

from geopy.distance import geodesic

from geoevents._normalize import name_key
from geoevents.pipeline import analyse

UKRAINE = """Ukraine war: fighting around Bakhmut
Ukrainian troops repelled an assault 5 km north of Bakhmut on Monday, the general staff said.
Russian artillery shelled villages between Izium and Kupiansk.
Fighting continued near Soledar and on the southern outskirts of Avdiivka.
"""

IRAQ = """Iraqi forces entered the Gogjali district, about 8 km east of Mosul, after taking
Bartella. The Iraqi army said its units were 2 km from the city limits.
"""


def test_ukraine_dispatch(gaz):
    ex, feats = analyse(UKRAINE, gaz)
    by_text = {f.text: f for f in feats}
    off = by_text["5 km north of Bakhmut"]
    assert off.kind == "offset" and off.country == "UA"
    bakhmut = next(m.place for m in ex.mentions if m.text == "Bakhmut")
    assert geodesic((bakhmut.lat, bakhmut.lon), (off.lat, off.lon)).km > 4.9
    assert off.lat > bakhmut.lat
    between = by_text["between Izium and Kupiansk"]
    assert between.kind == "between" and between.country == "UA"
    assert by_text["near Soledar"].kind == "buffer"
    assert by_text["the southern outskirts of Avdiivka"].kind == "band"
    assert {f.country for f in feats} == {"UA"}


def test_iraq_dispatch_places_an_unknown_district_from_the_text(gaz):
    ex, feats = analyse(IRAQ, gaz)
    gogjali = next(f for f in feats if f.text.startswith("Gogjali"))
    mosul = next(m.place for m in ex.mentions if m.text == "Mosul")
    assert mosul.country == "IQ"
    assert gogjali.kind == "offset" and gogjali.derived_from == mosul.id
    assert 7 < geodesic((mosul.lat, mosul.lon), (gogjali.lat, gogjali.lon)).km < 9
    assert gogjali.lon > mosul.lon
    assert any(f.text == "Bartella" and f.country == "IQ" for f in feats)


def test_same_input_same_features(gaz):
    a = [f.properties() for f in analyse(UKRAINE, gaz)[1]]
    b = [f.properties() for f in analyse(UKRAINE, gaz)[1]]
    assert a == b


AFGHAN = """Taliban fighters stormed Kunduz, about 250 km north of Kabul, on Monday.
Soldiers fell back to Kunduz airport, a few kilometres south of the city, where commandos
flown in from Kabul regrouped. Residents described gunfire in the west of the city.
"""

MOSUL = """Troops were within a kilometre of the Karama district of Mosul.
Units retook Bartella, some 20 km east of Mosul, on the road to Erbil. Peshmerga fighters
cleared villages near Bashiqa, to the north-east of the city.
"""


def test_the_city_is_the_report_s_city_not_the_last_one_named(gaz):
    ex, feats = analyse(AFGHAN, gaz)
    kunduz = next(m.place for m in ex.mentions if m.text == "Kunduz" and m.place)
    assert kunduz.kind == "city" and kunduz.country == "AF"  # the city, not the province
    west = next(f for f in feats if f.text == "in the west of the city")
    assert west.place_id == kunduz.id
    airport = next(f for f in feats if f.text.startswith("Kunduz airport"))
    assert airport.derived_from == kunduz.id and airport.lat < kunduz.lat
    # an armed group is not a place, whatever the gazetteer says
    assert gaz.lookup("taliban"), "the test needs 'Taliban' to be a gazetteer name"
    assert not any(f.text == "Taliban" for f in feats)


def test_far_away_homonyms_and_named_neighbourhoods(gaz):
    ex, feats = analyse(MOSUL, gaz)
    assert all(f.country in ("IQ", None) for f in feats), [(f.text, f.country) for f in feats]
    bashiqa = next(f for f in feats if f.text == "Bashiqa")
    mosul = next(m.place for m in ex.mentions if m.text == "Mosul" and m.place)
    assert bashiqa.place_id == mosul.id and bashiqa.kind == "sector"
    assert bashiqa.lat > mosul.lat and bashiqa.lon > mosul.lon  # north-east


def test_a_parent_after_a_comma_or_in_picks_the_homonym(gaz):
    from geoevents.pipeline import resolve_spans

    text = "Officials in Athens, Ga., and Paris, Texas, said Douma in Syria was hit."
    spans = [(text.index(w), text.index(w) + len(w))
             for w in ("Athens", "Ga.", "Paris", "Texas", "Douma", "Syria")]
    athens, _, paris, _, douma, _ = resolve_spans(text, spans, gaz)
    assert (athens.country, athens.admin1) == ("US", "GA")
    assert (paris.country, paris.admin1) == ("US", "TX")
    assert douma.country == "SY"
    # without the parents, the largest namesakes win
    alone = resolve_spans("Officials in Athens and Paris.", [(13, 19), (24, 29)], gaz)
    assert [p.country for p in alone] == ["GR", "FR"]


def test_a_list_of_peers_is_resolved_as_one_kind(gaz) -> None:
    from geoevents.pipeline import locate

    text = ("The disorder has been found in a diverse group of states including Georgia, "
            "Oklahoma, Pennsylvania, Wisconsin and California.")
    got = {f.text: (f.place_id, f.country) for f in locate(text, gaz)}
    kinds = {name: gaz.lookup(name_key(name)) for name in got}
    for name, (pid, cc) in got.items():
        chosen = next(p for p in kinds[name] if p.id == pid)
        assert (chosen.kind, cc) == ("admin1", "US"), name


def test_x_comma_y_still_means_x_in_y(gaz) -> None:
    from geoevents.pipeline import locate

    got = {f.text: f for f in locate("The storm reached Lebanon, Pennsylvania on Monday.", gaz)}
    assert got["Lebanon"].country == "US"


def test_cities_win_over_their_governorates_in_a_regional_report(gaz) -> None:
    from geoevents.pipeline import locate

    text = ("Troops were a few kilometres south of Raqqa. Rebels massed east of Idlib. "
            "Clashes took place outside Hama. A convoy reached Tartus.")
    kinds = {}
    for f in locate(text, gaz):
        place = next(p for p in gaz.lookup(name_key(f.place or "")) if p.id == f.place_id)
        kinds[place.name] = place.kind
    assert set(kinds.values()) <= {"city", "town"}, kinds
    assert len(kinds) == 4
