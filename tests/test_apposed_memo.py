"""The event reader's apposition test remembers the last text's answers
(``events._apposed.apposition_end``): the same answers as computing them, for each text
however the calls alternate between texts."""

from __future__ import annotations

from geoevents.events import _apposed

# invented sentences of the constructions the reader reads
_HELD = "Varnok, a town of 12,000 on the Ilse, has been held by the rebels since May."
_RELATIVE = "Varnok, which the rebels took in May, is quiet now and the road is open."
_PARTICIPLE = "Varnok, raising fears for the valley, fell to the rebels on Sunday night."
_AMONG = "The district towns, Varnok among them, remain in government hands this week."


def _all_ends(text: str) -> list[tuple[int, int]]:
    return [(end, len(text)) for end in range(len(text))]


def test_memo_gives_the_computed_answers() -> None:
    for text in (_HELD, _RELATIVE, _PARTICIPLE, _AMONG):
        for end, stop in _all_ends(text):
            assert _apposed.apposition_end(text, end, stop) == _apposed._apposition_end(
                text, end, stop)


def test_answers_of_each_text_when_calls_alternate() -> None:
    # the same (end, stop) asked of texts in turn: each text's own answer, never the last's
    end = len("Varnok")
    held = _apposed.apposition_end(_HELD, end, len(_HELD))
    assert held == len("Varnok, a town of 12,000 on the Ilse,")
    assert _apposed.apposition_end(_RELATIVE, end, len(_HELD)) is None
    assert _apposed.apposition_end(_HELD, end, len(_HELD)) == held
    assert _apposed.apposition_end(_PARTICIPLE, end, len(_HELD)) is None
    # a stop before the second comma: no apposition, though one closes further on
    assert _apposed.apposition_end(_HELD, end, held - 2) is None
    assert _apposed.apposition_end(_HELD, end, len(_HELD)) == held
    among = _AMONG.index(" among")
    assert _apposed.apposition_end(_AMONG, among, len(_AMONG)) == len(
        "The district towns, Varnok among them,")


def test_an_equal_text_in_another_string_is_answered_alike() -> None:
    copy = "".join(list(_HELD))  # equal, not the same object
    assert copy is not _HELD
    end = len("Varnok")
    assert _apposed.apposition_end(copy, end, len(copy)) == _apposed.apposition_end(
        _HELD, end, len(_HELD))
