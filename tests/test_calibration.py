"""Calibrated confidence (issue 17): a monotone table from raw score to probability."""

from __future__ import annotations

from geoevents._calibration import calibrated, table


def test_table_is_monotone_and_a_probability() -> None:
    for edges, probs in table().values():  # per (terse, loose)
        assert edges == sorted(edges)
        assert probs == sorted(probs)
        assert all(0.0 <= p <= 1.0 for p in probs)


def test_calibrated_is_monotone_in_the_raw_score() -> None:
    for loose in (False, True):
        for terse in (False, True):
            out = [calibrated(r / 100, loose=loose, terse=terse) for r in range(101)]
            assert out == sorted(out)


def test_terse_notes_have_their_own_table() -> None:
    # a terse conflict note (an ACLED-like line) resolves worse than an edited article: the
    # same raw score must not claim the same probability in both (issue 17)
    assert {terse for terse, _ in table()} == {False, True}
    assert calibrated(0.97, loose=False, terse=True) < calibrated(0.97, loose=False, terse=False)


def test_is_terse_counts_words_up_to_the_threshold() -> None:
    from geoevents._calibration import TERSE_WORDS, is_terse

    assert is_terse("On 3 May, militants attacked a police post in Kismayo (Lower Juba).")
    assert not is_terse(" ".join(["word"] * TERSE_WORDS))
    assert is_terse(" ".join(["word"] * (TERSE_WORDS - 1)))
    assert is_terse("")
    # words between any whitespace, leading and trailing whitespace no word
    assert not is_terse("\u00a0" + "\u2028\t".join(["w"] * TERSE_WORDS) + "\n ")
    assert is_terse("\u3000" + "\u00a0\r\n".join(["w"] * (TERSE_WORDS - 1)) + "  \u2029")


def test_is_terse_words_as_regex_reads_them() -> None:
    """A word is what ``\\S+`` matches: str.split's whitespace is re's, over every code
    point."""
    import re
    import sys

    space = re.compile(r"\s")
    assert all(bool(space.match(chr(cp))) == chr(cp).isspace()
               for cp in range(sys.maxunicode + 1))
