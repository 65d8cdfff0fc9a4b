"""How fast does ``geoevents gazetteer import`` take a GeoNames dump, and what does it cost?

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_import.py [--rows N] [--alt-rows M] [--zip] [--keep DIR]

The full ``allCountries`` dump (≈13 M rows, ≈1.6 GB) cannot be downloaded here, so the script
writes a synthetic dump in the real 19-column format to a temporary folder: ``--rows`` rows
(default 1,000,000) with ascending ids, feature classes in GeoNames' proportions (P 37 %,
H 18 %, T 18 %, S 16 %, L 4 %, A 3 %, …), names of 1–3 words of realistic length (some with
diacritics, Arabic-style articles, generic words such as "Wadi" and "Jabal"), 0–30 alternate
names per row (most rows none, as in GeoNames; some non-Latin, some codes and numbers) and
realistic other columns (population, elevation, time zone, date), plus an ``alternateNamesV2``
file of ``--alt-rows`` rows (default: as many as ``--rows``; 0 to skip) with link, postal
and code rows among them. It prints the file sizes and bytes per row beside the real dump's.

In one run it then

1. imports the geoname file into an empty user store (``geoevents gazetteer import`` as a
   subprocess, ``GEOEVENTS_DATA`` in the temporary folder): wall time, rows/s, the peak
   RSS of the main process and of the largest parsing worker (``getrusage``), and the peak
   proportional set size of the whole process tree (sampled from ``/proc``, counting shared
   pages once);
2. imports the alternate names file into that store;
3. re-imports the geoname file (the upsert path into an existing store);
4. times ``geoevents gazetteer lookup NAME`` as a fresh subprocess (5 runs after a warm-up,
   median) with and without the user store, and once more after dropping the page cache when
   this process may (root on Linux) — a truly cold lookup;
5. extrapolates the first import to 13 M rows, linearly (index sorting grows slightly faster
   than linearly; run with ``--rows 13000000`` to measure it instead).

Exit status: 0 when every step ran; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLCOUNTRIES_ROWS = 13_000_000
ALLCOUNTRIES_BYTES = 1.6e9

# --------------------------------------------------------------------------- synthetic dump

_CLASSES = [  # (class, share, feature codes with weights)
    ("P", 37, [("PPL", 80), ("PPLX", 6), ("PPLA", 1), ("PPLA2", 2), ("PPLA3", 3), ("PPLQ", 2),
               ("PPLL", 4), ("PPLC", 0.01), ("PPLW", 1)]),
    ("H", 18, [("STM", 50), ("WAD", 10), ("LK", 10), ("SPNG", 10), ("WLL", 10), ("RSV", 5),
               ("BAY", 5)]),
    ("T", 18, [("HLL", 30), ("MT", 25), ("PK", 10), ("VAL", 10), ("RDGE", 8), ("PASS", 5),
               ("CAPE", 5), ("ISL", 7)]),
    ("S", 16, [("SCH", 25), ("CH", 15), ("HTL", 15), ("BLDG", 10), ("FRM", 10), ("MSQE", 5),
               ("AIRP", 2), ("RSTN", 5), ("BDG", 3), ("MLTY", 1), ("CMP", 2), ("DAM", 2),
               ("CSTM", 1), ("HSP", 4)]),
    ("L", 4, [("LCTY", 50), ("AREA", 20), ("PRK", 20), ("RGN", 10)]),
    ("A", 3, [("ADM3", 40), ("ADM4", 40), ("ADM2", 15), ("ADMD", 4), ("ADM1", 1)]),
    ("V", 2, [("FRST", 70), ("GRSLD", 30)]),
    ("R", 1, [("RD", 50), ("RDJCT", 50)]),
    ("U", 1, [("SMU", 100)]),
]
_SYLLABLES = ("ka ra ma sa ta na la ba da ha ja za fa qa wa ya ki ri mi si ti ni li bi di hi "
              "ku ru mu su tu nu lu bu du hu sha kha gha dha tha ou ai el an ar ez ov ev in "
              "ol ta ber gor mir dan kor vil ton ham burg ville stad dorf sk ka ya ia").split()
_GENERIC = ("Wadi Jabal Tall Kafr Dayr Ain Bir Khirbat Hayy Qasr Mount Lake River Saint "
            "Nahr Ras Tell Jebel Mill Creek Springs Hill Upper Lower New Old North South "
            "East West Big Little Great Al Ash Ad El").split()
_ACCENTS = str.maketrans({"a": "ā", "h": "ḩ", "s": "ş", "u": "ū", "i": "ī", "z": "ẕ",
                          "d": "ḑ", "e": "é", "o": "ö", "c": "ç"})
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
_TZ = ("Asia/Damascus", "Europe/Kyiv", "America/New_York", "Asia/Kabul", "Africa/Lagos",
       "Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo", "Asia/Baghdad", "Europe/Moscow")
_CC = ("SY", "UA", "US", "AF", "NG", "DE", "IN", "BR", "IQ", "RU", "CN", "FR", "YE", "LY", "ML")


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.choice((1, 2, 2, 3, 3, 4))))


def _name(rnd: random.Random) -> str:
    n = rnd.choices((1, 2, 3), (45, 40, 15))[0]
    words = [_word(rnd).capitalize() for _ in range(n)]
    if rnd.random() < 0.3:
        words.insert(0, rnd.choice(_GENERIC))
    return " ".join(words)


def _script(rnd: random.Random, letters: str) -> str:
    return " ".join("".join(rnd.choice(letters) for _ in range(rnd.randint(3, 9)))
                    for _ in range(rnd.choice((1, 1, 2))))


def _alternates(rnd: random.Random, name: str) -> list[str]:
    # GeoNames: most rows have none; populated places and big features have many
    k = 0 if rnd.random() < 0.62 else min(30, int(rnd.expovariate(1 / 3.0)) + 1)
    out = []
    for _ in range(k):
        r = rnd.random()
        if r < 0.30:
            out.append(name.translate(_ACCENTS))
        elif r < 0.45:
            out.append(_script(rnd, _ARABIC))
        elif r < 0.58:
            out.append(_script(rnd, _CYRILLIC))
        elif r < 0.65:
            out.append(rnd.choice(("ABC", "XQZ", "K123", "OSDI")))  # codes, dropped on import
        elif r < 0.80:
            out.append(name.replace("a", "e").replace("ou", "u"))
        else:
            out.append(_name(rnd))
    return out


def write_dump(path: Path, rows: int, seed: int = 1) -> tuple[list[str], list[int]]:
    """Write a synthetic geoname table; return some names for lookups and the ids written."""
    rnd = random.Random(seed)
    classes = [c for c, _, _ in _CLASSES]
    weights = [w for _, w, _ in _CLASSES]
    codes = {c: ([f for f, _ in fs], [w for _, w in fs]) for c, _, fs in _CLASSES}
    sample: list[str] = []
    ids: list[int] = []
    gid = 100_000
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        buf = []
        for i in range(rows):
            gid += rnd.randint(1, 3)
            fclass = rnd.choices(classes, weights)[0]
            fcode = rnd.choices(*codes[fclass])[0]
            name = _name(rnd)
            if rnd.random() < 0.15:
                name = name.translate(_ACCENTS)
            ascii_ = name.translate(str.maketrans("āḩşūīẕḑéöç", "ahsuizdeoc"))
            alts = _alternates(rnd, name)
            pop = 0
            if fclass == "P" and rnd.random() < 0.25:
                pop = int(rnd.lognormvariate(7.5, 1.6))
            elev = str(rnd.randint(-50, 4000)) if rnd.random() < 0.2 else ""
            lat = rnd.uniform(-60, 75)
            lon = rnd.uniform(-180, 180)
            cc = rnd.choice(_CC)
            buf.append("\t".join((
                str(gid), name, ascii_, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", fclass,
                fcode, cc, "", f"{rnd.randint(1, 30):02d}", str(rnd.randint(100, 9999))
                if rnd.random() < 0.6 else "", "", "", str(pop), elev,
                str(rnd.randint(-10, 4000)), rnd.choice(_TZ),
                f"20{rnd.randint(10, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")))
            ids.append(gid)
            if i % max(1, rows // 20) == 7:
                sample.append(name)
            if len(buf) >= 10_000:
                fh.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            fh.write("\n".join(buf) + "\n")
    return sample, ids


def write_altnames(path: Path, rows: int, ids: Sequence[int], seed: int = 2) -> None:
    """A synthetic alternateNamesV2 file for places among ``ids`` (10 % for other places)."""
    rnd = random.Random(seed)
    langs = ("", "en", "ar", "ru", "uk", "fr", "de", "link", "post", "iata", "wkdt", "fr_1793")
    weights = (30, 15, 12, 8, 5, 5, 5, 8, 5, 1, 5, 1)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        buf = []
        for alt_id in range(1, rows + 1):
            gid = rnd.choice(ids) if rnd.random() < 0.9 else rnd.randint(20_000_000, 30_000_000)
            lang = rnd.choices(langs, weights)[0]
            if lang == "link":
                name = f"https://en.wikipedia.org/wiki/{_word(rnd).capitalize()}"
            elif lang == "post":
                name = str(rnd.randint(10000, 99999))
            elif lang == "wkdt":
                name = f"Q{rnd.randint(1000, 9_999_999)}"
            elif lang == "ar":
                name = _script(rnd, _ARABIC)
            elif lang in ("ru", "uk"):
                name = _script(rnd, _CYRILLIC)
            else:
                name = _name(rnd)
            flags = ["1" if rnd.random() < p else "" for p in (0.05, 0.03, 0.01, 0.02)]
            buf.append("\t".join((str(alt_id), str(gid), lang, name, *flags, "", "")))
            if len(buf) >= 10_000:
                fh.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            fh.write("\n".join(buf) + "\n")


# --------------------------------------------------------------------------- measuring

_DRIVER = """
import json, resource, sys
from geoevents.cli import main
rc = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"rc": rc, "self_rss": me, "children_rss": kids}))
"""


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run_import(args: Sequence[str], env: dict[str, str]) -> dict:
    """Run ``geoevents ARGS`` (an import) and measure time and memory."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _DRIVER, *args], env=env,
                            stdout=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            total = sum(_pss(p) for p in _tree(proc.pid))
            peak = max(peak, total)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/smaps_rollup").exists():
        sampler.start()
    out, _ = proc.communicate()
    stop.set()
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"import failed with exit status {proc.returncode}")
    res = json.loads(out.strip().splitlines()[-1])
    res.update(seconds=secs, tree_pss=peak or None)
    return res


def time_lookup(name: str, env: dict[str, str], repeat: int = 5) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "geoevents", "gazetteer", "lookup", name, "--limit", "3"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), first


def drop_caches() -> bool:
    """Drop the OS page cache (root on Linux only); True when it worked."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def lookups(data: Path, sample: Sequence[str], env: dict[str, str]) -> None:
    """Time ``geoevents gazetteer lookup`` as a fresh process: a typical name of the dump (the
    median candidate count among ``sample``) and the dump's most common name, warm (median of
    5 after a warm-up) and after dropping the page cache; 'Palmyra' with and without the
    store."""
    import sqlite3

    from geoevents._normalize import name_key

    con = sqlite3.connect(data / "imports.sqlite")
    try:
        def count(key: str) -> int:
            return con.execute("SELECT count(*) FROM names WHERE key = ?", (key,)).fetchone()[0]

        counted = sorted((count(name_key(n)), n) for n in sample)
        typical_n, typical = counted[len(counted) // 2]
        t0 = time.perf_counter()
        common_key, common_n = con.execute(
            "SELECT key, count(*) FROM names GROUP BY key ORDER BY 2 DESC LIMIT 1").fetchone()
        print(f"   (most common name key {common_key!r}: {common_n:,} names; found in "
              f"{time.perf_counter() - t0:.0f} s)")
    finally:
        con.close()
    env = dict(env, GEOEVENTS_DATA=str(data))
    rows = []
    for label, name, n in (("typical", typical, typical_n), ("most common", common_key,
                                                              common_n)):
        warm, shown = time_lookup(name, env)
        cold = None
        if drop_caches():
            cmd = [sys.executable, "-m", "geoevents", "gazetteer", "lookup", name]
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, capture_output=True, check=True)
            cold = time.perf_counter() - t0
        rows.append((label, name, n, warm, cold))
    for label, name, n, warm, cold in rows:
        cold_s = f"{cold * 1000:,.0f} ms" if cold is not None else "not measured (not root)"
        print(f"   {label} name {name!r} ({n:,} candidates): {warm * 1000:,.0f} ms warm, "
              f"{cold_s} after dropping the page cache")
    with_p, shown = time_lookup("Palmyra", env)
    without_p, _ = time_lookup("Palmyra", dict(env, GEOEVENTS_DATA=str(data.parent / "none")))
    print(f"   'Palmyra': {with_p * 1000:.0f} ms with the store, {without_p * 1000:.0f} ms "
          f"without (ratio {with_p / without_p:.2f})")
    print("   " + "\n   ".join(shown.strip().splitlines()[:3]))


def mib(n: float | None) -> str:
    return "n/a" if not n else f"{n / 2**20:,.0f} MiB"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="geoname rows (default 1,000,000)")
    p.add_argument("--alt-rows", type=int, default=None,
                   help="alternateNamesV2 rows (default: as many as --rows; 0 skips)")
    p.add_argument("--zip", action="store_true", help="import the dump as a .zip")
    p.add_argument("--workers", type=int, help="parsing processes (default: one per core)")
    p.add_argument("--keep", type=Path, metavar="DIR",
                   help="work in DIR and keep the files (default: a temporary folder)")
    p.add_argument("--lookups-only", type=Path, metavar="DIR",
                   help="only time lookups, on the store a --keep run left in DIR/data")
    args = p.parse_args(argv)
    if args.lookups_only:
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        sample = [n for (n,) in __import__("sqlite3").connect(
            args.lookups_only / "data" / "imports.sqlite").execute(
            "SELECT name FROM places WHERE id % 650001 = 7 LIMIT 20")]
        lookups(args.lookups_only / "data", sample, env)
        return 0
    alt_rows = args.rows if args.alt_rows is None else args.alt_rows

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="geoevents-bench-import-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        env = dict(os.environ, GEOEVENTS_DATA=str(tmp / "data"), PYTHONIOENCODING="utf-8")
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; work folder {tmp}; "
              f"load average {os.getloadavg()[0]:.2f} (other work on the machine slows "
              "every figure below)")
        print("(the embedded gazetteer must be built; it is built now if it is not)")
        subprocess.run([sys.executable, "-m", "geoevents", "gazetteer", "info"], env=env,
                       capture_output=True, check=True)

        t0 = time.perf_counter()
        dump = tmp / "allCountries.txt"
        alt = tmp / "alternateNamesV2.txt" if alt_rows else None
        made = tmp / "synthetic.json"
        recipe = {"rows": args.rows, "alt_rows": alt_rows, "generator": 1}
        if made.is_file() and json.loads(made.read_text()) == recipe:
            # a --keep folder of an earlier run with the same sizes: reuse its files
            sample = json.loads((tmp / "sample.json").read_text())
            print("reusing the synthetic files of an earlier run")
            shutil.rmtree(tmp / "data", ignore_errors=True)
        else:
            made.unlink(missing_ok=True)
            sample, ids = write_dump(dump, args.rows)
            print(f"synthetic dump written in {time.perf_counter() - t0:.0f} s")
            if alt:
                write_altnames(alt, alt_rows, ids)
            del ids
            (tmp / "sample.json").write_text(json.dumps(sample))
            made.write_text(json.dumps(recipe))
        size = dump.stat().st_size
        print(f"synthetic dump: {args.rows:,} rows, {size / 1e6:,.1f} MB "
              f"({size / args.rows:.0f} bytes/row; real allCountries ≈ "
              f"{ALLCOUNTRIES_BYTES / ALLCOUNTRIES_ROWS:.0f})")
        if alt:
            print(f"synthetic alternateNamesV2: {alt_rows:,} rows, "
                  f"{alt.stat().st_size / 1e6:,.1f} MB")
        target = dump
        if args.zip:
            target = tmp / "allCountries.zip"
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(dump, "allCountries.txt")
            print(f"zipped: {target.stat().st_size / 1e6:,.1f} MB")

        extra = ["--workers", str(args.workers)] if args.workers else []
        print("\n1. import into an empty user store")
        r1 = run_import(["gazetteer", "import", str(target), *extra], env)
        store = tmp / "data" / "imports.sqlite"
        rate = args.rows / r1["seconds"]
        print(f"   {r1['seconds']:.1f} s, {rate:,.0f} rows/s; peak RSS main "
              f"{mib(r1['self_rss'])}, largest worker {mib(r1['children_rss'])}, whole tree "
              f"(PSS) {mib(r1['tree_pss'])}; store {store.stat().st_size / 1e6:,.0f} MB")
        r2 = None
        if alt:
            print("\n2. import alternateNamesV2 into it")
            r2 = run_import(["gazetteer", "import", str(alt), *extra], env)
            print(f"   {r2['seconds']:.1f} s, {alt_rows / r2['seconds']:,.0f} rows/s; peak RSS "
                  f"main {mib(r2['self_rss'])}, tree {mib(r2['tree_pss'])}; store "
                  f"{store.stat().st_size / 1e6:,.0f} MB")
        print("\n3. re-import the dump (upsert into the existing store)")
        r3 = run_import(["gazetteer", "import", str(target), *extra], env)
        print(f"   {r3['seconds']:.1f} s, {args.rows / r3['seconds']:,.0f} rows/s; peak RSS "
              f"main {mib(r3['self_rss'])}, tree {mib(r3['tree_pss'])}; store "
              f"{store.stat().st_size / 1e6:,.0f} MB")

        print("\n4. lookups")
        lookups(tmp / "data", sample, env)

        print(f"\n(load average now {os.getloadavg()[0]:.2f})")
        print("\n5. extrapolated to allCountries (13 M rows), linearly")
        est = r1["seconds"] * ALLCOUNTRIES_ROWS / args.rows
        print(f"   geoname table: {est / 60:.1f} min")
        if r2:
            # alternateNamesV2 holds ≈ 16 M rows today
            est2 = r2["seconds"] * 16_000_000 / alt_rows
            print(f"   alternateNamesV2 (≈16 M rows): {est2 / 60:.1f} min")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
