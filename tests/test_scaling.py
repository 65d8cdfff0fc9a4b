"""Guards that the cost of one report grows linearly with its size (issue 13), without timing
anything: the work done once per report (an index of its sentences, a count over all its
mentions) must be done once however long the report, not once per mention."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from geoevents import text as text_module
from geoevents.geometry import _Settlements
from geoevents.pipeline import analyse

#: A paragraph with landmarks, a relation, and places named again: the report has a focus
#: (Kunduz) or, with Baghlan named as often, none (each landmark placed by its sentences).
PARAGRAPHS = {
    "focus": ("Fighting continued in Kunduz on Monday. Others sheltered near the airport, "
              "residents said. The hospital was hit. Kunduz was shelled again, 10 km north of "
              "Baghlan.\n\n"),
    "no focus": ("Fighting continued in Kunduz on Monday. Others sheltered near the airport, "
                 "residents said. Kunduz was shelled again, 10 km north of Baghlan. Baghlan "
                 "was quiet.\n\n"),
}


@contextmanager
def counting(owner: Any, name: str) -> Iterator[Counter]:
    """Count the calls of ``owner.name`` while in the block."""
    calls: Counter = Counter()
    original: Callable = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(owner, name, counted)
        yield calls


@pytest.mark.parametrize("paragraph", sorted(PARAGRAPHS))
@pytest.mark.parametrize(("owner", "name"), [
    (text_module.SpanIndex, "__init__"),  # an index of a report's sentences
    (_Settlements, "_count_focus"),  # the settlement a report is about
])
def test_per_report_work_is_done_once(gaz, owner: Any, name: str, paragraph: str) -> None:
    """Work that scans the whole report is done as often for 12 paragraphs as for 3."""
    counts = []
    for copies in (3, 12):
        with counting(owner, name) as calls:
            _, features = analyse(PARAGRAPHS[paragraph] * copies, gaz)
        assert sum(f.relation == "near" for f in features) == copies  # the airports
        counts.append(calls[name])
    assert counts[0] >= 1
    assert counts[1] == counts[0]


def test_an_abbreviation_is_one_actor_per_use() -> None:
    """A group named with its abbreviation in every paragraph: each use of the abbreviation
    is one actor, not one per naming (which made a long report quadratic)."""
    from geoevents.events.sides import general_actors

    para = ("The Zeta Liberation Front (ZLF) attacked the town. ZLF fighters held the bridge, "
            "and the ZLF said it would stay.\n\n")
    for copies in (1, 4, 16):
        found = general_actors(para * copies)
        spans = [(s, e) for s, e, _ in found]
        assert len(spans) == len(set(spans))  # one actor a span
        # the name and three uses of the abbreviation a paragraph (the one in brackets is a
        # use for the other namings: none when there is only one)
        assert len(found) == 4 * copies - (copies == 1)


def test_a_headline_is_a_short_line() -> None:
    """Whether a name lies in a headline is read from a window round it, not from its whole
    line: a report with no line break must not cost its whole text per name."""
    from geoevents.events._named import HEADLINE_MAX_CHARS, headline

    title = "Army Retakes Northern Town After Heavy Fighting"
    assert headline(title, 5)
    long_line = " ".join(["Army Retakes Northern Town"] * (HEADLINE_MAX_CHARS // 10))
    assert not headline(long_line, len(long_line) // 2)


def test_capitalised_phrases_are_read_once_per_report() -> None:
    """The abbreviation test reads the report's capitalised phrases once, however many
    abbreviation-shaped names it has (it read them once per name)."""
    from geoevents import _persons
    from geoevents.model import Extraction, Mention

    text = "Lashkar-e-Jhangvi claimed it. " + " ".join(
        f"LeJ met in Town{i}." for i in range(20))
    named = [Mention("LeJ", m, m + 3, "toponym", "LeJ")
             for m in range(len(text)) if text.startswith("LeJ ", m)]
    ex = Extraction(mentions=named, expressions=[], sentences=[], furniture=[],
                    cue_countries={}, text=text)
    with counting(_persons, "phrase_initials") as calls:
        kept = _persons.drop_people(ex, list(named))
    assert len(named) == 20 and kept == []  # every one an abbreviation of the phrase
    assert calls["phrase_initials"] == 1
