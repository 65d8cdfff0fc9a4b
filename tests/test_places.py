"""The places fights are about (issue 14, item 3): offsets that locate their own subject,
landmarks named in passing, and namesakes far from everything else a report names.

Invented sentences (other towns, other wars, other verbs than the development sequences)."""

from __future__ import annotations

from geopy.distance import geodesic

from geoevents.extract import extract
from geoevents.geometry import build_features, extent_m
from geoevents.resolve import resolve


def _features(text, gaz):
    ex = extract(text, gaz)
    resolve(ex)
    return ex, build_features(text, ex, gaz)


# --- an appositive offset locates the name right before it, never a country or region ---

def test_offset_after_a_country_does_not_move_the_country(gaz):
    text = "Ukraine, 20 km east of Bakhmut, was hit by drones."
    _, feats = _features(text, gaz)
    assert not any(f.name == "Ukraine" for f in feats)
    country = next(f for f in feats if f.text == "Ukraine")
    assert country.kind == "area" and country.place == "Ukraine"
    off = next(f for f in feats if f.kind == "offset")
    assert off.name is None and off.text.startswith("20 km east of")


def test_offset_after_a_region_does_not_move_the_region(gaz):
    text = "Shelling hit the Kherson region, 15 km north of Mykolaiv, on Sunday."
    _, feats = _features(text, gaz)
    region = [f for f in feats if f.start == text.index("Kherson region")]
    assert region and all(f.kind != "offset" for f in region)
    assert any(f.kind == "offset" and f.name is None for f in feats)


def test_offset_locates_an_unknown_village_named_right_before_it(gaz):
    text = "In the Kachin State, rebels overran Zawbuktaw, 20 km east of Bhamo, on Monday."
    _, feats = _features(text, gaz)
    f = next(f for f in feats if f.name == "Zawbuktaw")
    assert f.kind == "offset" and f.place == "Bhamo"


def test_offset_keeps_the_gazetteer_point_when_it_agrees(gaz):
    # Tadif lies ~3 km south of al-Bab: the gazetteer's point stands, the offset is its own
    text = "In Syria, Tadif, 3 km south of Al-Bab, was captured."
    ex, feats = _features(text, gaz)
    tadif = next(m for m in ex.mentions if m.text == "Tadif")
    assert tadif.place is not None
    assert any(f.kind == "place" and f.text == "Tadif" for f in feats)


# --- landmarks named in passing ---

def test_landmark_in_the_town_of_the_sentence(gaz):
    text = "Fighting raged in Bakhmut on Friday. Ukrainian troops still hold the chemical plant."
    ex, feats = _features(text, gaz)
    f = next(f for f in feats if f.text == "the chemical plant")
    town = next(m.place for m in ex.mentions if m.text == "Bakhmut")
    assert f.place_id is None and f.derived_from == town.id
    assert f.relation == "in" and f.kind == "area"
    assert f.uncertainty_m == extent_m(town)[0]
    assert geodesic((f.lat, f.lon), (town.lat, town.lon)).m < 1.0


def test_landmark_of_a_named_town_and_near_buffer(gaz):
    text = "Government troops shelled Goma. Rebels seized the airport of Bukavu on Sunday."
    ex, feats = _features(text, gaz)
    f = next(f for f in feats if f.text == "the airport")
    town = next(m.place for m in ex.mentions if m.text == "Bukavu")
    assert f.derived_from == town.id and f.place_id is None
    assert f.relation == "near" and f.kind == "buffer"
    assert f.uncertainty_m > extent_m(town)[0]


def test_landmark_with_near_expression_is_derived_from_the_town(gaz):
    text = "Troops blew up the bridge near Kupiansk."
    ex, feats = _features(text, gaz)
    f = next(f for f in feats if f.text == "the bridge")
    town = next(m.place for m in ex.mentions if m.text == "Kupiansk")
    assert f.derived_from == town.id and f.place_id is None


def test_landmark_needs_a_town_nearby(gaz):
    text = "Nothing is known. The hospital was hit."
    _, feats = _features(text, gaz)
    assert not any(f.text.lower() == "the hospital" for f in feats)


def test_only_definite_landmark_nouns_from_the_table(gaz):
    text = "Fighting raged in Bakhmut. Troops hold a hospital and the kitchen."
    _, feats = _features(text, gaz)
    assert not any("hospital" in f.text or "kitchen" in f.text for f in feats)


def test_landmark_is_not_a_toponym(gaz):
    ex = extract("Fighting raged in Bakhmut. They hold the railway station.", gaz)
    assert not any(m.role in ("toponym", "named") and "station" in m.text
                   for m in ex.mentions)


# --- a village missing from the data is not a namesake far from everything else ---

def test_far_small_namesake_abroad_is_not_found(gaz):
    text = ("Congolese troops and M23 rebels fought near Sake and Goma on Tuesday. "
            "The rebels later entered Bweremana, on the shore of Lake Kivu.")
    ex, _ = _features(text, gaz)
    m = next(m for m in ex.mentions if m.text == "Bweremana")
    assert m.place is None


def test_far_capital_is_still_found(gaz):
    text = ("Congolese troops and M23 rebels fought near Sake and Goma on Tuesday. "
            "Officials in Kinshasa and Kigali traded accusations.")
    ex, _ = _features(text, gaz)
    assert next(m for m in ex.mentions if m.text == "Kigali").place is not None
    assert next(m for m in ex.mentions if m.text == "Kinshasa").place is not None


def test_landmark_in_a_named_town_is_that_towns_feature(gaz):
    # "the stadium in Sirte": Sirte's own feature stands for it (no second, vaguer one)
    _, feats = _features("Fighters stormed the stadium in Sirte.", gaz)
    assert not any(f.text == "the stadium" for f in feats)
    assert any(f.text == "Sirte" for f in feats)


def test_offset_locates_a_named_area_locality(gaz):
    # "the X area" is a locality the offset places, not a region
    text = "Troops advanced through the Wadi Zerga area, about 15 km east of Kidal."
    _, feats = _features(text, gaz)
    assert any(f.kind == "offset" and f.name and "Zerga" in f.name for f in feats)


def test_a_spelling_variant_in_the_country_of_another_place_named_is_kept(gaz):
    """'Kupiansk' (the gazetteer spells it Kupyansk) 500 km from Kyiv: both in Ukraine, so no
    namesake abroad — the incoherence rule must not drop it (it did when Kyiv, having two
    Ukrainian candidates, gave Ukraine no cue of its own)."""
    from geoevents.pipeline import analyse

    for text in ("Kyiv says Kupiansk retaken", "Lagos says Maiduguri attack repelled"):
        ex, _ = analyse(text, gaz)
        placed = {m.text: m.place for m in ex.mentions}
        assert all(p is not None for p in placed.values()), (text, placed)


def test_a_landmark_with_no_town_of_its_own_is_the_reports_towns(gaz):
    """'sheltered near the airport' in a report about Tessit is Tessit's airport, though the
    sentence also says where others fled (Gao): the settlement the report is about wins."""
    from geoevents.pipeline import locate

    text = ("Fighters attacked Tessit on Monday. Tessit was shelled again overnight, residents "
            "of Tessit said. Hundreds fled towards Gao and others sheltered near the airport.")
    airport = next(f for f in locate(text, gaz) if f.text == "the airport")
    assert airport.place == "Tessit" and airport.place_id is None
