"""Calibrated confidence (issue 17): a monotone table from raw score to probability."""

from __future__ import annotations

from geoevents._calibration import calibrated, table


def test_table_is_monotone_and_a_probability() -> None:
    for edges, probs in table().values():
        assert edges == sorted(edges)
        assert probs == sorted(probs)
        assert all(0.0 <= p <= 1.0 for p in probs)


def test_calibrated_is_monotone_in_the_raw_score() -> None:
    for loose in (False, True):
        out = [calibrated(r / 100, loose=loose) for r in range(101)]
        assert out == sorted(out)
