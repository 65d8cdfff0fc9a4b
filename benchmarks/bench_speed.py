"""How fast is geoevents, and what does it cost next to just importing its dependencies?

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_speed.py [--repeat N] [--skip-build] [--report FILE]

In one run it

1. builds the gazetteer into a temporary file with :func:`geoevents.gazetteer.build` and
   reports the one-off build time and the file size (skipped with ``--skip-build``; the
   runs below then use the default gazetteer: ``$GEOEVENTS_GAZETTEER`` or the user cache);
2. times, each as a fresh subprocess, one warm-up run and then ``--repeat`` runs of

   * ``python -c "import folium, shapely, geopy, pandas"`` — the baseline: the price of
     starting Python with the heavy dependencies, which no geoevents command can avoid;
   * ``geoevents geojson REPORT``;
   * ``geoevents map REPORT -o <tmp>.html``;

   and prints the medians, their ratios to the baseline and each command's peak resident
   set size (measured in one extra run: ``/usr/bin/time -v`` if it works here, else
   ``psutil`` sampling if installed, else not measured).

REPORT defaults to ``../shared/seed/palmyra-report-2016-03-24.txt`` (relative to the
repository root) when it exists, else the first ``data/examples/*.txt``.

Exit status: 0 when every command ran; 1 when a timed command failed (its stderr is shown);
2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_REPORT = ROOT.parent / "shared" / "seed" / "palmyra-report-2016-03-24.txt"
EXAMPLES = ROOT / "data" / "examples"
GNU_TIME = Path("/usr/bin/time")
BASELINE_CODE = "import folium, shapely, geopy, pandas"


@dataclass
class Result:
    """Timings (seconds) and peak RSS (bytes) of one command."""

    label: str
    command: list[str]
    times: list[float] = field(default_factory=list)
    peak_rss: int | None = None
    output_bytes: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class CommandFailed(RuntimeError):
    """A benchmarked command exited with a non-zero status."""


# --------------------------------------------------------------------------- helpers


def default_report() -> Path | None:
    if SEED_REPORT.is_file():
        return SEED_REPORT
    examples = sorted(EXAMPLES.glob("*.txt"))
    return examples[0] if examples else None


def geoevents_command() -> list[str]:
    """The ``geoevents`` entry point of the running interpreter's environment."""
    beside = Path(sys.executable).parent / ("geoevents.exe" if os.name == "nt" else "geoevents")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("geoevents")
    return [found] if found else [sys.executable, "-m", "geoevents"]


def gnu_time_works() -> bool:
    """True when ``/usr/bin/time -v`` runs and reports a maximum resident set size."""
    if not GNU_TIME.is_file():
        return False
    try:
        cp = subprocess.run([str(GNU_TIME), "-v", sys.executable, "-c", "pass"],
                            capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return cp.returncode == 0 and "Maximum resident set size" in cp.stderr


def memory_method() -> str | None:
    if gnu_time_works():
        return "gnu-time"
    try:
        import psutil  # noqa: F401
    except ImportError:
        return None
    return "psutil"


def run_once(cmd: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run of ``cmd``; raises :class:`CommandFailed` on failure."""
    t0 = time.perf_counter()
    cp = subprocess.run(list(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        check=False)
    elapsed = time.perf_counter() - t0
    if cp.returncode != 0:
        err = cp.stderr.decode("utf-8", "replace").strip()
        raise CommandFailed(f"{' '.join(cmd)} exited with {cp.returncode}\n{err}")
    return elapsed


_MAXRSS_RE = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


def peak_rss(cmd: Sequence[str], env: dict[str, str], method: str | None) -> int | None:
    """Peak resident set size of one run of ``cmd`` in bytes (None when not measurable)."""
    if method == "gnu-time":
        cp = subprocess.run([str(GNU_TIME), "-v", *cmd], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False)
        m = _MAXRSS_RE.search(cp.stderr.decode("utf-8", "replace"))
        return int(m.group(1)) * 1024 if cp.returncode == 0 and m else None
    if method == "psutil":
        import psutil

        proc = psutil.Popen(list(cmd), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            try:
                rss = proc.memory_info().rss
                for child in proc.children(recursive=True):
                    rss += child.memory_info().rss
            except psutil.Error:
                break
            peak = max(peak, rss)
            time.sleep(0.005)
        return peak if proc.wait() == 0 and peak else None
    return None


def bench(result: Result, env: dict[str, str], repeat: int, method: str | None) -> None:
    run_once(result.command, env)  # warm-up: page cache, .pyc files, first-use work
    result.times = [run_once(result.command, env) for _ in range(repeat)]
    result.peak_rss = peak_rss(result.command, env, method)


def self_peak_rss() -> int | None:
    """Peak RSS of this process (bytes), or None where :mod:`resource` is missing."""
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere


def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "n/a"
    return f"{n / 2**20:,.1f} MiB"


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=5, metavar="N",
                   help="timed runs per command after one warm-up run (default 5)")
    p.add_argument("--skip-build", action="store_true",
                   help="do not time a gazetteer build; use the default gazetteer")
    p.add_argument("--report", type=Path, metavar="FILE",
                   help="report to run on (default: the Palmyra seed report, else the first "
                   "data/examples/*.txt)")
    p.add_argument("--verbose", action="store_true", help="show the build's progress lines")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.report is None:
        args.report = default_report()
        if args.report is None:
            p.error("no report given and none found (seed report or data/examples/*.txt)")
    if not args.report.is_file():
        p.error(f"report not found: {args.report}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from geoevents import __version__
    from geoevents.gazetteer import build, default_path

    method = memory_method()
    env = dict(os.environ)
    geoevents = geoevents_command()
    report = args.report.resolve()

    print(f"geoevents {__version__} · Python {platform.python_version()} · "
          f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPUs")
    print(f"report: {report} ({report.stat().st_size:,} bytes)")

    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as tmp:
        tmpdir = Path(tmp)
        if args.skip_build:
            gazetteer = default_path()
            print("gazetteer build: skipped (--skip-build)")
        else:
            gazetteer = tmpdir / "gazetteer.sqlite"
            progress = (lambda m: print(f"  build: {m}", file=sys.stderr)) if args.verbose \
                else None
            t0 = time.perf_counter()
            build(gazetteer, progress=progress)
            build_s = time.perf_counter() - t0
            print(f"gazetteer build: {build_s:,.1f} s, {gazetteer.stat().st_size / 1e6:,.1f} MB "
                  f"({gazetteer.stat().st_size:,} bytes); peak RSS of this process so far "
                  f"{fmt_bytes(self_peak_rss())}")
        env["GEOEVENTS_GAZETTEER"] = str(gazetteer)
        print(f"gazetteer used: {gazetteer}")
        print(f"runs: 1 warm-up + {args.repeat} timed per command; median wall-clock time")
        print()

        html = tmpdir / "map.html"
        geojson_out = tmpdir / "out.geojson"
        results = [
            Result("baseline: import folium, shapely, geopy, pandas",
                   [sys.executable, "-c", BASELINE_CODE]),
            Result("geoevents geojson REPORT", [*geoevents, "geojson", str(report)]),
            Result("geoevents map REPORT -o tmp.html",
                   [*geoevents, "map", str(report), "-o", str(html)]),
        ]
        try:
            for r in results:
                print(f"timing {r.label} …", file=sys.stderr, flush=True)
                bench(r, env, args.repeat, method)
            # sizes of what the commands write (one more untimed geojson run to a file)
            run_once([*geoevents, "geojson", str(report), "-o", str(geojson_out)], env)
            results[1].output_bytes = geojson_out.stat().st_size
            results[2].output_bytes = html.stat().st_size
        except CommandFailed as exc:
            print(f"bench_speed: a command failed: {exc}", file=sys.stderr)
            return 1

    base = results[0].median
    w = max(len(r.label) for r in results)
    print(f"{'command':<{w}}  {'median':>8}  {'min':>8}  {'max':>8}  {'× baseline':>10}  "
          f"{'peak RSS':>11}  {'output':>10}")
    for r in results:
        out = f"{r.output_bytes / 1e3:,.0f} kB" if r.output_bytes is not None else ""
        print(f"{r.label:<{w}}  {r.median:>7.3f}s  {min(r.times):>7.3f}s  {max(r.times):>7.3f}s"
              f"  {r.median / base:>10.2f}  {fmt_bytes(r.peak_rss):>11}  {out:>10}")
    print()
    print(f"geojson/baseline = {results[1].median / base:.2f}; "
          f"map/baseline = {results[2].median / base:.2f}; "
          f"geojson − baseline = {results[1].median - base:+.3f} s; "
          f"map − baseline = {results[2].median - base:+.3f} s")
    if method == "gnu-time":
        print("peak RSS: /usr/bin/time -v, one extra run per command")
    elif method == "psutil":
        print("peak RSS: psutil sampling every 5 ms in one extra run (may miss short peaks)")
    else:
        print("peak RSS: not measured (no working /usr/bin/time -v and psutil not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
