"""One helper for the reader's later passes: a note added to a feature's last line of
explanation (docs/events.md)."""

from __future__ import annotations

from ..model import Feature


def add_why(f: Feature, note: str) -> None:
    """Add ``note`` to the last line of ``f.explain`` ("…; <note>"), in place: a later pass
    says why it changed what the sentence's own reading gave."""
    f.explain = [*f.explain[:-1], f"{f.explain[-1] if f.explain else ''}; {note}"]
