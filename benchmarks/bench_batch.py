"""Throughput, memory and resumption of ``geoevents batch`` (issue 16).

Prints, in one run: reports/s with 1 and 2 processes; a Dask LocalCluster of 2 workers against
2 plain processes; the peak memory (largest process) at N and 10·N reports; the cost of
resuming a run killed half-way (and that its output is byte-identical). The corpora are JSON
Lines records recombined from the project's texts (data/examples, tests/fixtures): each record
is a few consecutive sentences of one text, so reports look like short dispatches.

    PYTHONPATH=. python benchmarks/bench_batch.py [--reports 400] [--memory 10000]

``--scale N --scale-dir DIR`` runs only the end-to-end run of a corpus of N such reports with 2
processes (the one-million-report run of issue 16): corpus, output and manifest are kept in DIR,
so a run that was stopped resumes where it was when the same command is given again; it prints
the wall and CPU seconds of this invocation, reports/s, the peak memory and the output's size.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences() -> list[list[str]]:
    """The sentences of every text the project has, one list per text."""
    texts = sorted([*ROOT.glob("data/examples/**/*.txt"),
                    *ROOT.glob("tests/fixtures/**/*.txt")])
    out = []
    for p in texts:
        body = re.sub(r"\s+", " ", p.read_text(encoding="utf-8"))
        parts = [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s) > 30]
        if len(parts) >= 3:
            out.append(parts)
    return out


def corpus(path: Path, n: int, *, seed: int = 16) -> Path:
    """``n`` JSON Lines records of 2–5 consecutive sentences of one text, with dates."""
    rnd = random.Random(seed)
    texts = sentences()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            t = rnd.choice(texts)
            k = rnd.randint(2, 5)
            start = rnd.randrange(max(1, len(t) - k))
            day = 1 + i % 28
            fh.write(json.dumps({"id": f"r{i}", "date": f"2016-03-{day:02d}",
                                 "text": " ".join(t[start:start + k])}) + "\n")
    return path


def batch(args: list[str]) -> tuple[float, int]:
    """Run ``geoevents batch`` in a child; its seconds and the largest process's peak RSS."""
    code = ("import resource, sys; from geoevents.cli import main; s = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(s)")
    t = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, "batch", *args, "-q"],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t
    if done.returncode not in (0, 3):
        raise SystemExit(done.stderr)
    rss = max(int(v) for v in done.stderr.strip().splitlines()[-1].split())
    return seconds, rss


def killed_and_resumed(data: Path, work: Path, part: int) -> tuple[float, float, bool]:
    """Seconds of an uninterrupted run, of the rerun after a SIGKILL half-way, and whether
    the two outputs are byte-identical."""
    full = work / "full"
    t_full, _ = batch([str(data), "-o", str(full), "-j", "2", "--partition-size", str(part)])
    parts = len(list((full / "parquet").glob("part-*")))
    out = work / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "geoevents", "batch", str(data), "-o",
                              str(out), "-j", "2", "--partition-size", str(part), "-q"],
                             env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.json"
    while child.poll() is None:
        try:
            done = len(json.loads(manifest.read_text())["partitions"])
        except (OSError, ValueError):
            done = 0
        if done >= parts // 2:
            os.killpg(child.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    child.wait()
    t_resume, _ = batch([str(data), "-o", str(out), "-j", "2", "--partition-size", str(part)])
    same = all(filecmp.cmp(p, out / p.relative_to(full), shallow=False)
               for p in full.rglob("*") if p.is_file())
    return t_full, t_resume, same


def scale(n: int, work: Path, part: int) -> None:
    """The end-to-end run of ``n`` reports in ``work`` (kept: a rerun resumes it)."""
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"corpus-{n}.jsonl"
    if not data.exists():
        t = time.perf_counter()
        corpus(work / f"corpus-{n}.jsonl.part", n).replace(data)
        print(f"corpus: {n} reports, {data.stat().st_size / 1e6:.0f} MB, built in "
              f"{time.perf_counter() - t:.0f} s", flush=True)
    out = work / "out"
    before = len(json.loads((out / "manifest.json").read_text())["partitions"]) \
        if (out / "manifest.json").exists() else 0
    cpu = os.times()
    seconds, rss = batch([str(data), "-o", str(out), "-j", "2", "--partition-size", str(part)])
    after = os.times()
    cpu_s = (after.children_user - cpu.children_user
             + after.children_system - cpu.children_system)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    # the reports of this run, about: the partitions it did (the last partition may be short)
    todo = max(0, n - before * part)
    print(f"{n} reports ({before} partitions of {part} done before this run, ≈{todo} in it): "
          f"{seconds:.0f} s wall, "
          f"{cpu_s:.0f} s CPU (both cores), {todo / seconds:.0f} reports/s of this run; "
          f"peak memory {rss / 1024:.0f} MB (largest process); output "
          f"{size / 1e6:.0f} MB in {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=400, help="corpus of the speed runs")
    ap.add_argument("--memory", type=int, default=10_000,
                    help="N of the memory runs (N and 10·N reports); 0 skips them")
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--scale", type=int, default=0,
                    help="only the end-to-end run of this many reports (see the docstring)")
    ap.add_argument("--scale-dir", type=Path, default=Path("bench-scale"),
                    help="where --scale keeps its corpus and output (resumable)")
    args = ap.parse_args()
    if args.scale:
        scale(args.scale, args.scale_dir, max(args.partition_size, 1000))
        return
    part = str(args.partition_size)
    print(f"cores: {os.cpu_count()} (shared: timings are noisy); load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        data = corpus(work / "speed.jsonl", args.reports)
        rates = {}
        for label, extra in (("1 process", ["-j", "1"]), ("2 processes", ["-j", "2"]),
                             ("Dask LocalCluster, 2 workers", ["-j", "2", "--dask", "local"])):
            seconds, _ = batch([str(data), "-o", str(work / label.replace(" ", "_")),
                                "--partition-size", part, *extra])
            rates[label] = args.reports / seconds
            print(f"{label:30s} {args.reports} reports in {seconds:6.1f} s: "
                  f"{rates[label]:6.1f} reports/s (start-up included)")
        dask = rates["Dask LocalCluster, 2 workers"]
        print(f"2 processes / 1 process: {rates['2 processes'] / rates['1 process']:.2f}x; "
              f"Dask / processes: {dask / rates['2 processes']:.2f}")
        for n in (args.memory, 10 * args.memory) if args.memory else ():
            big = corpus(work / f"mem{n}.jsonl", n)
            seconds, rss = batch([str(big), "-o", str(work / f"mem{n}"), "-j", "2",
                                  "--partition-size", "500"])
            print(f"peak memory at {n:>7} reports: {rss / 1024:7.1f} MB (largest process); "
                  f"{seconds:.0f} s, {n / seconds:.0f} reports/s")
            big.unlink()
        t_full, t_resume, same = killed_and_resumed(data, work, args.partition_size // 2)
        print(f"resume after a kill half-way: uninterrupted {t_full:.1f} s, rerun after the kill "
              f"{t_resume:.1f} s ({t_resume / t_full:.0%}); byte-identical: {same}")


if __name__ == "__main__":
    main()
