"""How well does geoevents place terse conflict notes? The ACLED development notes.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/eval_acled.py [--data ../shared/eval] [--limit N]
        [--every K] [--json OUT.json] [--worst N] [--features OUT.tsv]

Each note of ``acled-dev-africa-2016.csv`` and ``acled-dev-south-asia-2015.csv`` (``--every K``
takes every K-th note of each file; ``--limit N`` at most N of each) is located end to end
(:func:`geoevents.pipeline.locate`, no ``--country``: the theatre is the report's own) and
every feature is measured against the event's coordinates. Over the notes with
``geo_precision`` 1–2 (the place itself, or near it):

* **some feature within 25 km** (and 10 km) of the event: the share of notes;
* **features within 150 km**: the share of all their features (a feature on the wrong continent
  shows up here), measured from each feature's point; and, beside it, **areas by extent**:
  the same share counting an area (a country, a region) whose extent holds the event as
  right, as :mod:`benchmarks.fit_calibration` does (a region's point lies far from the events
  inside it by nature);
* the **worst misses** (features over 150 km from the event), counted and listed by class:
  ``loose`` (the feature's place does not bear the text's name, nor an alternate name
  of it: a spelling variant),
  ``abroad`` (a place outside the event's country), ``in-country`` (the right country, far
  from the event), ``area`` (a country or region: its point is far from any event by nature).

``--features OUT.tsv`` writes every feature (note, corpus, confidence, km to the event,
whether it lies within 150 km, kind): the data :mod:`benchmarks.fit_calibration` uses.
The notes are ACLED's (for evaluation only): the script reads them, never copies them into
the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval"
FILES = ("acled-dev-africa-2016.csv", "acled-dev-south-asia-2015.csv")
AREA_KINDS = frozenset({"country", "continent", "region", "admin1", "admin2", "area"})


def read_notes(path: Path, *, every: int = 1, limit: int | None = None
               ) -> Iterator[dict[str, Any]]:
    """The notes of one ACLED file (either layout), with their event point and precision."""
    with path.open(newline="", encoding="utf-8") as fh:
        n = 0
        for i, row in enumerate(csv.DictReader(fh)):
            if i % every:
                continue
            low = {k.lower(): v for k, v in row.items() if k}
            try:
                lat, lon = float(low["latitude"]), float(low["longitude"])
                prec = int(low.get("geo_precision") or 3)
            except (KeyError, ValueError):
                continue
            yield {"id": f"{path.stem}-{i}", "text": low.get("notes") or "", "lat": lat,
                   "lon": lon, "precision": prec, "country": low.get("country") or "",
                   "location": low.get("location") or ""}
            n += 1
            if limit is not None and n >= limit:
                return


_UNIT_RE = re.compile(r"^(?:near|in|at)\s+|\s+(?:village|town|city|district|area|camp)$", re.I)


def _miss_class(f: Any, note: dict[str, Any], country_iso: str | None, gaz: Any) -> str:
    from geoevents._normalize import name_key

    if f.kind in AREA_KINDS:
        return "area"
    said = _UNIT_RE.sub("", f.text)
    if f.kind == "place" and f.place_id and f.place_id not in {
            p.id for p in gaz.lookup(name_key(said))}:
        return "loose"  # the place does not bear the text's name (nor an alternate of it)
    if country_iso and f.country and f.country != country_iso:
        return "abroad"
    return "in-country"


def evaluate(notes: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Locate every note and measure its features against the event."""
    from geoevents._geodesy import haversine_m
    from geoevents._normalize import name_key
    from geoevents.gazetteer import Gazetteer
    from geoevents.pipeline import locate

    gaz = Gazetteer.open(user_data=False)
    rows: list[dict[str, Any]] = []
    per_note: list[tuple[float, int]] = []  # nearest km, precision
    for note in notes:
        iso = next((c.country for c in gaz.lookup(name_key(note["country"]))
                    if c.kind == "country"), None)
        feats = locate(note["text"], gaz)
        near = float("inf")
        for f in feats:
            km = haversine_m(note["lat"], note["lon"], f.lat, f.lon) / 1000.0
            near = min(near, km)
            rows.append({"note": note["id"], "precision": note["precision"],
                         "confidence": f.confidence, "km": round(km, 1), "text": f.text,
                         "place": f.place or "", "country": f.country or "",
                         "event_country": note["country"], "kind": f.kind,
                         "class": _miss_class(f, note, iso, gaz) if km > 150 else "",
                         "in_area": f.kind == "area" and km * 1000.0 <= f.uncertainty_m,
                         "context": note["text"][max(0, f.start - 60): f.end + 60]})
        per_note.append((near, note["precision"]))
    good = [(km, p) for km, p in per_note if p in (1, 2)]
    feats12 = [r for r in rows if r["precision"] in (1, 2)]
    return {
        "notes": len(per_note), "notes_p12": len(good),
        "within25": sum(km <= 25 for km, _ in good) / max(1, len(good)),
        "within10": sum(km <= 10 for km, _ in good) / max(1, len(good)),
        "features_p12": len(feats12),
        "features_within150": sum(r["km"] <= 150 for r in feats12) / max(1, len(feats12)),
        "features_within150_areas": sum(r["km"] <= 150 or r["in_area"] for r in feats12)
        / max(1, len(feats12)),
        "misses_by_class": dict(Counter(r["class"] for r in feats12 if r["km"] > 150)),
        "rows": rows,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print its figures."""
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--worst", type=int, default=30)
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("--features", type=Path, default=None)
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    out: dict[str, Any] = {}
    for name in FILES:
        path = args.data / name
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
        res = evaluate(list(read_notes(path, every=args.every, limit=args.limit)))
        out[name] = res
        print(f"{name}: notes {res['notes']} (precision 1-2: {res['notes_p12']}); "
              f"some feature within 25 km {res['within25']:.3f}, within 10 km "
              f"{res['within10']:.3f}; features within 150 km {res['features_within150']:.3f}"
              f" (areas by extent {res['features_within150_areas']:.3f}; "
              f"n={res['features_p12']}); misses by class {res['misses_by_class']}")
        worst = sorted((r for r in res["rows"] if r["km"] > 150 and r["precision"] in (1, 2)),
                       key=lambda r: -r["km"] * r["confidence"])[: args.worst]
        for r in worst:
            ctx = r["context"].replace("\n", " ")
            print(f"  [{r['class']}] {r['km']:.0f} km conf {r['confidence']:.2f} "
                  f"{r['text']!r} -> {r['place']} ({r['country']}; event "
                  f"{r['event_country']}) … {ctx}")
    if args.features:
        with args.features.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["corpus", "note", "precision", "confidence", "km", "kind"])
            for name, res in out.items():
                for r in res["rows"]:
                    w.writerow([name, r["note"], r["precision"], r["confidence"], r["km"],
                                r["kind"]])
    if args.json:
        args.json.write_text(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "rows"}
                                         for k, v in out.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
