"""The front line's policy, round 9b (issue 14): a place attacked by a side is held, that
day, by the attacker's one opponent. Claims invented for these tests."""

from __future__ import annotations

from dataclasses import replace

from _helpers import coast_claim, coast_elsewhere, status_of

from geoevents.frontline import estimate

ARMY, REBELS, THIRD = "mz-government", "islamic-state", "wagner"


_claim, _elsewhere = coast_claim, coast_elsewhere


def test_an_attack_on_a_place_nobody_is_said_to_hold_gives_it_to_the_one_opponent():
    # "the insurgents are closing in on P", in a war of two sides: P is the army's that day,
    # only claimed, and said to be inferred from the attack
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03")]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side, place.certainty) == ("held", ARMY, "claimed")
    assert place.basis is not None and "inferred from an attack" in place.basis
    assert REBELS in place.basis


def test_a_shape_resting_on_an_inferred_hold_says_so_and_a_stated_hold_does_not():
    # the map and the GeoJSON must show why the army's area around P is drawn: no report
    # says the army holds P
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03")]
    front = estimate(claims, on="2021-05-03")
    around_p = [s for s in front.control if "p" in s.places]
    assert around_p and all(len(s.inferred) == 1 for s in around_p)
    assert around_p[0].inferred[0].startswith("p: held by " + ARMY)
    props = [f["properties"] for f in front.to_geojson()["features"]
             if "p" in f["properties"]["places"]]
    assert props and all("inferred from an attack" in p["inferred"][0] for p in props)
    # the same place said held by the army: its area carries no such note
    stated = estimate([*claims[:2], _claim("held", ARMY, "2021-05-03")], on="2021-05-03")
    assert stated.control and not any(s.inferred for s in stated.control)
    assert all("inferred" not in f["properties"] for f in stated.to_geojson()["features"])


def test_a_corroborated_attack_alone_is_still_only_claimed():
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03", report="a"),
              _claim("advancing", REBELS, "2021-05-03", report="b")]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side, place.certainty) == ("held", ARMY, "claimed")


def test_the_named_counterpart_of_an_attack_is_its_holder():
    claims = [_elsewhere(THIRD, key="s"), _claim("advancing", REBELS, "2021-05-03",
                                                 counterpart=ARMY)]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side) == ("held", ARMY)


def test_an_attack_on_a_place_its_opponent_held_keeps_the_hold():
    # "the army holds P" on the 1st, "the insurgents attack P" on the 3rd: still the army's,
    # on the earlier claims (an offensive does not make a firmly held place contested)
    claims = [_claim("held", ARMY, "2021-05-01", report="a"),
              _claim("held", ARMY, "2021-05-01", report="b"),
              _elsewhere(REBELS, key="r"), _claim("advancing", REBELS, "2021-05-03")]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side) == ("held", ARMY)
    assert place.certainty == "assessed" and place.date == "2021-05-01"


def test_fighting_in_the_place_the_same_day_keeps_it_contested():
    # "the insurgents attacked P; street fighting in P": contested
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03"),
              _claim("contested", None, "2021-05-03")]
    assert estimate(claims, on="2021-05-03").place("p").status == "contested"


def test_no_single_opponent_no_inference():
    # three sides in the war and nobody named against the attacker: grey as before
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"), _elsewhere(THIRD, key="s"),
              _claim("advancing", REBELS, "2021-05-03")]
    assert estimate(claims, on="2021-05-03").place("p").status == "contested"


def test_attacks_by_both_sides_the_same_day_stay_contested():
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03"),
              _claim("advancing", ARMY, "2021-05-03", report="b")]
    assert estimate(claims, on="2021-05-03").place("p").status == "contested"


def test_an_attack_on_a_place_a_third_side_held_keeps_its_hold():
    # in a war of three, "the insurgents attack P", which the mercenaries held: still theirs
    claims = [_claim("held", THIRD, "2021-05-01"), _elsewhere(ARMY),
              _elsewhere(REBELS, key="r"),
              _claim("advancing", REBELS, "2021-05-03", counterpart=ARMY)]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side) == ("held", THIRD)


def test_an_attack_on_a_place_an_ally_held_stays_contested():
    # Russia and the Syrian government fight together (geoevents/_sides.csv): an attack by
    # one on a place the other held says nothing of who holds it
    claims = [_claim("held", "sy-government", "2021-05-01"), _elsewhere("sy-opposition"),
              _claim("advancing", "russia", "2021-05-03")]
    assert estimate(claims, on="2021-05-03").place("p").status == "contested"


def test_an_ally_named_as_counterpart_is_no_holder():
    # "Russian and Syrian troops attack P", the ally read as the counterpart: no inference
    claims = [_elsewhere("sy-opposition"),
              _claim("advancing", "russia", "2021-05-03", counterpart="sy-government")]
    assert estimate(claims, on="2021-05-03").place("p").status == "contested"


def test_the_attackers_own_place_stays_theirs():
    claims = [_claim("held", REBELS, "2021-05-01"), _elsewhere(ARMY),
              _claim("advancing", REBELS, "2021-05-03")]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side) == ("held", REBELS)


# ------------------------------------------------------------------- the reader's side


def test_an_advance_inside_a_town_is_fighting_in_it(gaz):
    text = "Government troops were advancing inside the town of Kandahar on Tuesday."
    assert status_of(gaz, text, "Kandahar") == ("contested", "af-government")
    text = "Army units are advancing in Kandahar, a military spokesman said."
    assert status_of(gaz, text, "Kandahar")[0] == "contested"


def test_an_advance_on_a_town_is_still_an_advance(gaz):
    text = "Government troops were advancing on Kandahar on Tuesday."
    assert status_of(gaz, text, "Kandahar") == ("advancing", "af-government")


def test_a_point_derived_from_a_place_is_where_the_attackers_are():
    # "the insurgents advanced to within 3 km of P": that point is not given to the army
    advance = replace(_claim("advancing", REBELS, "2021-05-03"), place_key="pt:-11.3000,40.3500",
                      place="within 3 km of P")
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"), advance]
    assert estimate(claims, on="2021-05-03").place("pt:-11.3000,40.3500").status == "contested"
