"""Why does a note have no feature within 25 km of its event? A class view of the ACLED notes.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/acled_reach.py [--data ../shared/eval] [--every K]
        [--show CLASS] [--limit N]

For every note of geo_precision 1–2 whose features all lie over 25 km from the event (or that
has none), the note is first asked whether it *names* the event's place at all — the upper
bound of the 25 km share: the ACLED location's name appears in the note, or a run of one to
four words of the note is a name of a gazetteer place within 25 km of the event. A note that
names it is then classed by where the chain broke, on the name's first such run:

* ``gazetteer lacks it``: the ACLED location's name is in the note, the gazetteer knows no
  place of that name (and no other run names a place within 25 km);
* ``point off the name``: the ACLED location's name is in the note and the gazetteer has it,
  but ACLED's point lies over 25 km from every place of the name (a city's point elsewhere,
  a district's event point);
* ``recognition``: no mention covers the run (extraction did not read it as a place);
* ``no candidate``: a mention covers it, but none of its candidates lies within 25 km (the
  mention's span or its lookup differs from the run's);
* ``namesake``: a candidate within 25 km, but the mention was placed elsewhere;
* ``unplaced``: a candidate within 25 km, and the mention left unplaced by a rule;
* ``modifier``: a candidate within 25 km, the mention made a modifier (no feature);
* ``placed, no feature``: the mention placed within 25 km but no feature there (geometry).

Notes that do not name it are ``unnamed``; the share of notes that name it (or already have a
feature within 25 km) is the ceiling of the 25 km figure for this reader of names.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_acled import DATA, FILES, read_notes  # noqa: E402

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.U)


def _runs(text: str, most: int = 4) -> list[tuple[int, int]]:
    """Spans of every run of one to ``most`` words (linear: at most ``most`` per word)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    out = []
    for i in range(len(words)):
        for j in range(i, min(len(words), i + most)):
            out.append((words[i][0], words[j][1]))
    return out


def _near_names(text: str, lat: float, lon: float, gaz: Any, km: float = 25.0
                ) -> list[tuple[int, int]]:
    """The runs of words of ``text`` that name a gazetteer place within ``km`` of the point."""
    from geoevents._geodesy import haversine_m
    from geoevents._normalize import name_key

    runs = [(s, e) for s, e in _runs(text) if text[s].isupper()]
    keys = {name_key(text[s:e].rstrip(".")) for s, e in runs}
    found = gaz.lookup_many(k for k in keys if len(k) > 2)
    out = []
    for s, e in runs:
        places = found.get(name_key(text[s:e].rstrip(".")), [])
        if any(haversine_m(lat, lon, p.lat, p.lon) <= km * 1000.0 for p in places):
            out.append((s, e))
    return out


def classify(note: dict[str, Any], gaz: Any) -> tuple[str, str]:
    """The class of one note (see the module's description) and the name it turns on."""
    from geoevents._geodesy import haversine_m
    from geoevents.pipeline import analyse

    text, lat, lon = note["text"], note["lat"], note["lon"]

    def near(p: Any) -> bool:
        return p is not None and haversine_m(lat, lon, p.lat, p.lon) <= 25_000.0

    ex, feats = analyse(text, gaz)
    if any(near(f) for f in feats):
        return "within 25 km", ""
    runs = _near_names(text, lat, lon, gaz)
    loc = note["location"].strip()
    if loc and not runs and loc.lower() in text.lower():
        # named, but no gazetteer place of the name within 25 km of ACLED's point
        from geoevents._normalize import name_key

        places = gaz.lookup(name_key(loc))
        if not places:
            return "gazetteer lacks it", loc
        km = min(haversine_m(lat, lon, q.lat, q.lon) for q in places) / 1000.0
        return "point off the name", f"{loc}: nearest of the name {km:.0f} km"
    if not runs:
        return "unnamed", loc
    best = ("recognition", text[runs[0][0]:runs[0][1]])
    rank = ["recognition", "no candidate", "placed, no feature", "modifier", "unplaced",
            "namesake"]
    for s, e in runs:
        for m in ex.mentions:
            if m.end <= s or m.start >= e:
                continue
            if not any(near(p) for p in m.candidates):
                cls = "no candidate"
            elif m.modifier:
                cls = "modifier"
            elif m.place is None:
                cls = "unplaced"
            elif near(m.place):
                cls = "placed, no feature"
            else:
                cls = "namesake"
            if rank.index(cls) > rank.index(best[0]):
                where = f"{m.place.name}, {m.place.country or ''}" if m.place else "-"
                best = (cls, f"{text[s:e]} -> {where}")
    return best


def main(argv: Sequence[str] | None = None) -> int:
    """Class every note with no feature within 25 km, per development file."""
    from geoevents.gazetteer import Gazetteer

    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--show", default=None, help="list the notes of this class")
    args = p.parse_args(argv)
    gaz = Gazetteer.open(user_data=False)
    for name in FILES:
        notes = [n for n in read_notes(args.data / name, every=args.every, limit=args.limit)
                 if n["precision"] in (1, 2)]
        counts: Counter = Counter()
        for note in notes:
            cls, said = classify(note, gaz)
            counts[cls] += 1
            if args.show and cls == args.show:
                print(f"  [{cls}] {note['location']!r} ({note['country']}): {said} … "
                      f"{note['text'][:160]!r}")
        named = len(notes) - counts["unnamed"]
        print(f"{name}: notes {len(notes)}; {dict(counts.most_common())}; ceiling "
              f"(a feature within 25 km, or the place named) {named / max(1, len(notes)):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
