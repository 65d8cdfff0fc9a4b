"""The front line's policy, round 10b (issue 14): fighting reported in a place a side was
reported taking or holding in the fighting of the last two weeks keeps its hold, unless the
holder's own side is the one said to fight there; an older hold, or one known only from a
standing state, turns grey as before. Claims invented for these tests."""

from __future__ import annotations

from _helpers import coast_claim, coast_elsewhere

from geoevents.frontline import estimate, series

ARMY, REBELS = "mz-government", "islamic-state"


_claim, _elsewhere = coast_claim, coast_elsewhere


def test_fighting_in_a_held_place_with_no_fighter_named_keeps_the_hold():
    # "IS holds P" on the 2nd, "heavy fighting in P" on the 5th: P is still IS's, only
    # claimed, and its basis says fighting was reported since
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02", report="a"),
              _claim("held", REBELS, "2021-05-02", report="b"),
              _claim("contested", None, "2021-05-05")]
    place = estimate(claims, on="2021-05-05").place("p")
    assert (place.status, place.side, place.certainty) == ("held", REBELS, "claimed")
    assert place.basis == ("held by islamic-state: fighting reported on 2021-05-05, after the "
                           "hold reported on 2021-05-02; no report since says who holds it")
    # the shape drawn about P says why
    front = estimate(claims, on="2021-05-05")
    around_p = [s for s in front.control if "p" in s.places]
    assert around_p and all("fighting reported" in s.inferred[0] for s in around_p)


def test_fighting_by_the_holders_opponent_keeps_the_hold():
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("contested", ARMY, "2021-05-05")]
    place = estimate(claims, on="2021-05-05").place("p")
    assert (place.status, place.side) == ("held", REBELS)


def test_fighting_by_the_holder_itself_is_grey():
    # "the insurgents are fighting in P", P held by them: who attacks them is not said,
    # so the fighting is no attack on the holder we can name — grey as before
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("contested", REBELS, "2021-05-05")]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_fighting_in_a_place_nobody_held_is_grey():
    claims = [_elsewhere(ARMY), _elsewhere(REBELS, key="r"),
              _claim("contested", None, "2021-05-05")]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_fighting_after_a_grey_day_stays_grey():
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("held", ARMY, "2021-05-03"), _claim("contested", None, "2021-05-05")]
    # the 3rd is a counter-claim (dispute_days): grey; fighting on the 5th keeps it grey
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_a_hold_or_a_loss_on_the_day_still_decides():
    fell = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
            _claim("contested", None, "2021-05-05"),
            _claim("held", ARMY, "2021-05-05", report="b"),
            _claim("held", ARMY, "2021-05-05", report="c")]
    assert estimate(fell, on="2021-05-05").place("p").side == ARMY


def test_the_kept_hold_stands_on_the_days_after_and_series_agrees():
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("contested", None, "2021-05-05"), _claim("contested", None, "2021-05-07")]
    days = series(claims, start="2021-05-04", end="2021-05-09")
    for day in days:
        one = estimate(claims, on=day.date)
        assert day.dumps() == one.dumps()
        assert (day.place("p").status, day.place("p").side) == ("held", REBELS)


def test_fighting_after_a_standing_state_is_grey():
    # "X remains in the insurgents' hands" (no event), then "fighting in X": the attack on a
    # place long held, its outcome unknown
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02", event_type=None),
              _claim("contested", None, "2021-05-05")]
    assert estimate(claims, on="2021-05-05").place("p").status == "contested"


def test_fighting_long_after_the_hold_is_grey():
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("contested", None, "2021-05-17")]
    assert estimate(claims, on="2021-05-17").place("p").status == "contested"
    within = [*claims[:2], _claim("contested", None, "2021-05-16")]
    assert estimate(within, on="2021-05-16").place("p").side == REBELS


def test_fighting_after_a_withdrawal_keeps_the_winners_hold():
    # "the army withdrew from P before the insurgents" on the 2nd, fighting on the 3rd
    claims = [_elsewhere(ARMY), _claim("lost", ARMY, "2021-05-02", counterpart=REBELS),
              _claim("contested", None, "2021-05-03")]
    place = estimate(claims, on="2021-05-03").place("p")
    assert (place.status, place.side) == ("held", REBELS)


def test_a_counter_claim_after_fighting_is_measured_from_the_hold_not_the_fighting():
    # taken on the 2nd, fighting on the 4th, the army's claim on the 5th: three days after
    # the hold, a change of hands (dispute_days = 1), not a claim and its counter-claim
    claims = [_elsewhere(ARMY), _claim("held", REBELS, "2021-05-02"),
              _claim("contested", None, "2021-05-04"), _claim("held", ARMY, "2021-05-05")]
    place = estimate(claims, on="2021-05-05").place("p")
    assert (place.status, place.side) == ("held", ARMY)
