"""Whether a report is a terse note (an ACLED or UCDP line, an agency flash): read by the
resolver's rules for notes and their calibration, and by extraction's
(docs/resolution.md)."""

from __future__ import annotations

#: A report of fewer words than this is a terse note (an ACLED or UCDP line, an agency
#: flash): little context, and places resolved less often right at the same raw score.
TERSE_WORDS = 120


def is_terse(text: str) -> bool:
    """Whether ``text`` has fewer than :data:`TERSE_WORDS` words, runs of characters other
    than whitespace (split only that far: past the last split, the rest is one piece)."""
    return len(text.split(None, TERSE_WORDS - 1)) < TERSE_WORDS
