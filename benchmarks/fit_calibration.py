"""Fit the confidence calibration (``geoevents/_calibration.csv``) on the development data and
print its reliability table.

Run on demand::

    .venv/bin/python benchmarks/fit_calibration.py [--data ../shared/eval] [--every K]
        [--write]

Each place the resolver chooses gives (raw score, loose match?, terse note?, right?): LGL and
GeoVirus end to end (:func:`geoevents.pipeline.analyse`; a mention overlapping a gold toponym
with coordinates is right within 161 km of it, or, for an area, when the gold point lies
within its extent), and the ACLED development notes (every ``--every``-th; a place feature of
a note of ``geo_precision`` 1–2 is right within 150 km of the event, or, for an area, when the
event lies within its extent: a proxy, the note's other places may be legitimately far). A
report of fewer than ``geoevents._calibration.TERSE_WORDS`` words is a terse note. Documents
are split in two by their number: the mapping is fitted on the even ones and the reliability
table (bins of calibrated confidence → observed accuracy, n, expected calibration error)
reported on the odd ones, so that the figures are not those of the fitted data. The mapping:
the raw score's bins (:data:`EDGES`), for terse notes and articles, exact and loose matches
apart; a bin of fewer than :data:`MIN_N` samples is pooled with its neighbours, and the bins
are made monotone by pooling adjacent violators (isotonic regression over bins). ``--write``
stores it as ``geoevents/_calibration.csv``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval"
EDGES = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)
#: A bin holds at least this many samples (else it is pooled with the bin below it).
MIN_N = 30
Sample = tuple[int, float, bool, bool, bool]  # document number, raw score, loose, terse, right


def _gold_samples(docs: Sequence, gaz: object) -> Iterator[Sample]:
    from geoevents._calibration import is_terse
    from geoevents._geodesy import haversine_m
    from geoevents._theatre import looseness
    from geoevents.pipeline import analyse

    for n, doc in enumerate(docs):
        ex, _ = analyse(doc.text, gaz)
        terse = is_terse(doc.text)
        gold = [t for t in doc.toponyms if t.lat is not None]
        for m in ex.mentions:
            if m.place is None or m.modifier or m.role not in ("toponym", "named"):
                continue
            t = next((g for g in gold if g.start < m.end and m.start < g.end), None)
            if t is None:
                continue
            d = haversine_m(t.lat, t.lon, m.place.lat, m.place.lon)
            right = d <= 161_000 or (m.place.is_area and d <= (m.place.extent_m or 0.0))
            yield n, m.confidence, looseness(m) > 0, terse, right


def _acled_samples(data: Path, every: int, gaz: object) -> Iterator[Sample]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_acled import FILES, read_notes

    from geoevents._calibration import is_terse
    from geoevents._geodesy import haversine_m
    from geoevents._theatre import looseness
    from geoevents.pipeline import analyse

    n = 0
    for name in FILES:
        for note in read_notes(data / name, every=every):
            n += 1
            if note["precision"] not in (1, 2):
                continue
            ex, _ = analyse(note["text"], gaz)
            terse = is_terse(note["text"])
            for m in ex.mentions:
                if m.place is None or m.modifier or m.role not in ("toponym", "named"):
                    continue
                d = haversine_m(note["lat"], note["lon"], m.place.lat, m.place.lon)
                right = d <= 150_000 or (m.place.is_area and d <= (m.place.extent_m or 0.0))
                yield n, m.confidence, looseness(m) > 0, terse, right


Key = tuple[bool, bool]  # terse, loose


def fit(samples: Sequence[Sample]) -> dict[Key, list[tuple[float, float, int]]]:
    """For (terse, loose): (upper edge, probability, n) per bin, monotone."""
    out: dict[Key, list[tuple[float, float, int]]] = {}
    for key in itertools.product((False, True), (False, True)):
        rows = _fit_one([(raw, right) for _, raw, lo, te, right in samples if (te, lo) == key])
        if rows:
            out[key] = rows
    return out


def _fit_one(samples: Sequence[tuple[float, bool]]) -> list[tuple[float, float, int]]:
    """(upper edge, probability, n) per bin of :data:`EDGES`, monotone; [] without samples."""
    if not samples:
        return []
    bins = [[0, 0] for _ in EDGES]  # right, n
    for raw, right in samples:
        i = next(k for k, e in enumerate(EDGES) if raw <= e or e == EDGES[-1])
        bins[i][0] += right
        bins[i][1] += 1
    # pool adjacent violators over the non-empty bins (weighted by n); a block too small to
    # say anything is pooled with the one below it
    blocks: list[list[float]] = []  # [right, n, first bin, last bin]
    for i, (r, n) in enumerate(bins):
        if not n:
            continue
        blocks.append([r, n, i, i])
        while len(blocks) > 1 and (blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]
                                   or blocks[-2][1] < MIN_N):
            _pool(blocks)
    while len(blocks) > 1 and blocks[-1][1] < MIN_N:  # too few at the top
        _pool(blocks)
    rows = []
    for r, n, first, last in blocks:
        for i in range(int(first), int(last) + 1):
            rows.append((EDGES[i], round(r / n, 3), int(n)))
    # bins with no sample take the next bin's value (or the last)
    table = {e: (p, n) for e, p, n in rows}
    filled, nxt = [], None
    for e in reversed(EDGES):
        if e in table:
            nxt = table[e]
        filled.append((e, *(nxt or (rows[-1][1], 0))))
    return list(reversed(filled))


def _pool(blocks: list[list[float]]) -> None:
    """Merge the last block into the one before it."""
    r2, n2, _, last = blocks.pop()
    blocks[-1][0] += r2
    blocks[-1][1] += n2
    blocks[-1][3] = last


def reliability(samples: Sequence[Sample], calib: dict) -> tuple[list[tuple], float]:
    """Bins of calibrated confidence → (low, high, mean confidence, accuracy, n); the ECE."""
    conf = []
    for _, raw, loose, terse, right in samples:
        rows = calib.get((terse, loose)) or calib[(terse, False)]
        p = next(p for e, p, _ in rows if raw <= e or e == rows[-1][0])
        conf.append((p, right))
    edges = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
    out, ece = [], 0.0
    for lo, hi in itertools.pairwise(edges):
        sel = [(p, r) for p, r in conf if lo < p <= hi or (lo == 0 and p == 0)]
        if sel:
            mc = sum(p for p, _ in sel) / len(sel)
            acc = sum(r for _, r in sel) / len(sel)
            ece += len(sel) / len(conf) * abs(mc - acc)
            out.append((lo, hi, mc, acc, len(sel)))
    return out, ece


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the even documents, report on the odd ones; ``--write`` stores the table."""
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--every", type=int, default=4)
    p.add_argument("--write", action="store_true")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import geoevents._calibration as cal
    from geoevents._calibration import TERSE_WORDS
    from geoevents.evaluate import read_geovirus, read_lgl
    from geoevents.gazetteer import Gazetteer

    cal.ENABLED = False  # raw scores
    gaz = Gazetteer.open(user_data=False)
    sets = {"LGL": list(_gold_samples(read_lgl(args.data / "lgl.xml"), gaz)),
            "GeoVirus": list(_gold_samples(read_geovirus(args.data / "GeoVirus.xml"), gaz)),
            "ACLED dev": list(_acled_samples(args.data, args.every, gaz))}
    train = [s for v in sets.values() for s in v if s[0] % 2 == 0]
    calib = fit(train)
    print("| set (odd documents) | confidence bin | mean confidence | observed accuracy | n |")
    print("|---|---|---|---|---|")
    for name, samples in [*sets.items(), ("all", [s for v in sets.values() for s in v])]:
        rows, ece = reliability([s for s in samples if s[0] % 2 == 1], calib)
        for lo, hi, mc, acc, n in rows:
            print(f"| {name} | {lo:.2f}–{hi:.2f} | {mc:.3f} | {acc:.3f} | {n} |")
        print(f"| {name} | ECE | | {ece:.3f} | |")
    if args.write:
        lines = ["# fitted by benchmarks/fit_calibration.py on the even-numbered documents of "
                 "LGL, GeoVirus and the ACLED development notes (every "
                 f"{args.every}th): raw-score bins per genre (terse: under {TERSE_WORDS} "
                 f"words) and match, pooled to at least {MIN_N} samples and made monotone by "
                 "pooling adjacent violators",
                 "genre,loose,low,high,probability,n"]
        for (terse, loose), rows in calib.items():
            low = 0.0
            for e, prob, n in rows:
                lines.append(f"{'terse' if terse else 'article'},{int(loose)},{low},{e},{prob},{n}")
                low = e
        (ROOT / "geoevents" / "_calibration.csv").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
