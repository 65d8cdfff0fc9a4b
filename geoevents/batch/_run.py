"""The driver of a batch: partitions in input order, a bounded window of them in flight,
finished ones written atomically and recorded in the manifest. Specification:
docs/batch.md."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import Any

from .. import __version__
from .._output import write_bytes_atomic
from ..errors import InputError, OutputError
from ._sources import Raw, Stream, total_bytes
from ._work import Config, process_partition, records_digest

#: The manifest's format name; a folder written by another format is not resumed.
FORMAT = "geoevents-batch/1"
FOLDERS = {"parquet": ".parquet", "geojsons": ".geojsons", "errors": ".jsonl"}


def _chunks(stream: Stream, size: int) -> Iterator[tuple[list[Raw], int]]:
    chunk: list[Raw] = []
    for raw in stream:
        chunk.append(raw)
        if len(chunk) == size:
            yield chunk, stream.tell()
            chunk = []
    if chunk:
        yield chunk, stream.tell()


class _Inline:
    """An executor that runs each partition at once, in this process (``jobs=1``)."""

    def submit(self, fn: Any, *args: Any) -> Future:
        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut

    def shutdown(self) -> None:
        """Nothing to stop."""


def part_name(index: int) -> str:
    """A partition's file name without suffix: ``part-000042``."""
    return f"part-{index:06d}"


def _settings(inputs: list[str], config: Config, partition_size: int) -> dict[str, Any]:
    return {"format": FORMAT, "version": __version__, "inputs": list(inputs),
            "partition_size": partition_size, "config": config._asdict()}


def _load_manifest(out: Path, settings: dict[str, Any], restart: bool) -> dict[str, Any]:
    path = out / "manifest.json"
    if path.exists() and not restart:
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OutputError(f"{path}: unreadable manifest ({exc}); rerun with --restart") \
                from None
        given = {k: manifest.get(k) for k in settings}
        if json.loads(json.dumps(settings)) != given:
            raise InputError(f"{out}: holds a batch of other inputs or options; use another "
                             "folder or rerun with --restart")
        return manifest
    for folder in FOLDERS:
        for f in (out / folder).glob("part-*"):
            f.unlink()
    for name in ("manifest.json", "summary.json", "errors.jsonl"):
        (out / name).unlink(missing_ok=True)
    return {**settings, "partitions": {}}


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def run_batch(inputs: list[str], out: str | Path, *, config: Config | None = None,
              jobs: int = 1, partition_size: int = 500, dask: str | None = None,
              ship_gazetteer: bool = False, progress: bool = False,
              restart: bool = False) -> dict[str, Any]:
    """Locate every report of the inputs into partitioned outputs in ``out``; resumable.

    Parameters
    ----------
    inputs
        Files (``.txt``, ``.html``, ``.jsonl``, ``.csv``, ``.tsv``, ``.parquet``, each maybe
        ``.gz``), directories and globs, read in the order given.
    out
        The output folder (created when missing). A folder holding a batch of the same
        inputs and options is resumed: its finished partitions are kept.
    config
        The options every report is located with.
    jobs
        Worker processes (Dask workers for ``dask="local"``); 1 runs in this process.
    partition_size
        Records per partition: the unit of work, of output files and of resumption.
    dask
        ``"local"`` for a Dask LocalCluster, or a scheduler's address
        (``tcp://host:8786``); ``None`` for a local process pool.
    ship_gazetteer
        Send the gazetteer file to the Dask workers (for workers without the driver's disk).
    progress
        Show a progress bar on standard error.
    restart
        Discard what the folder holds and start again.

    Returns
    -------
    dict
        The run's summary (also written to ``summary.json``), with ``seconds`` and
        ``skipped`` (partitions found finished) added.
    """
    config = config or Config()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        (out / folder).mkdir(exist_ok=True)
        for leftover in (out / folder).glob(".part-*.tmp"):  # a killed run's partial files
            leftover.unlink()
    manifest = _load_manifest(out, _settings(inputs, config, partition_size), restart)
    parts: dict[str, Any] = manifest["partitions"]
    start = time.perf_counter()
    bar = _bar(inputs, progress)
    executor, client, cluster, window = _executor(dask, jobs, config, ship_gazetteer)
    pending: dict[Future, tuple[int, str, int]] = {}
    seen = skipped = 0
    counts = {"reports": 0}

    def finish() -> None:
        done = wait(pending, return_when=FIRST_COMPLETED).done  # whatever their places
        for fut in sorted(done, key=lambda f: pending[f][0]):
            index, digest, position = pending.pop(fut)
            result = fut.result()
            _write_partition(out, index, digest, result, parts)
            write_bytes_atomic(out / "manifest.json", _dump(manifest), durable=True)
            counts["reports"] += result["records"]
            _advance(bar, position, counts["reports"], start)

    try:
        for index, (records, position) in enumerate(_chunks(Stream(
                inputs, max_bytes=config.max_bytes), partition_size)):
            seen = index + 1
            digest = records_digest(records)
            done = parts.get(part_name(index))
            if done is not None and all((out / f / (part_name(index) + s)).exists()
                                        for f, s in FOLDERS.items()):
                if done["digest"] != digest:
                    raise InputError(f"{out}: the inputs changed since partition {index} was "
                                     "written; rerun with --restart")
                skipped += 1
                _advance(bar, position, counts["reports"], start)
                continue
            fut = executor.submit(process_partition, index, records, config)
            pending[fut] = (index, digest, position)
            while len(pending) >= window:
                finish()
        while pending:
            finish()
    finally:
        for fut in pending:
            fut.cancel()
        executor.shutdown()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if bar is not None:
            bar.close()
    for stale in [k for k in parts if int(k.split("-")[1]) >= seen]:
        del parts[stale]
        for f, s in FOLDERS.items():
            (out / f / (stale + s)).unlink(missing_ok=True)
    write_bytes_atomic(out / "manifest.json", _dump(manifest), durable=True)
    summary = _summarise(out, manifest, seen)
    return {**summary, "seconds": round(time.perf_counter() - start, 3), "skipped": skipped}


def _executor(dask: str | None, jobs: int, config: Config, ship: bool) -> tuple:
    if dask is not None:
        from ..gazetteer import default_path
        from ._dask import dask_client, threads

        shipped = Path(config.gazetteer or default_path()) if ship else None
        client, cluster = dask_client(dask, workers=jobs, ship=shipped)
        return client.get_executor(pure=False), client, cluster, 2 * threads(client)
    if jobs <= 1:
        return _Inline(), None, None, 1
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    if context.get_start_method() == "fork":
        _preload()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context), None, None, 2 * jobs


def _preload() -> None:
    """Load what a worker needs that does not depend on the gazetteer (the pipeline's
    modules and compiled patterns, the shipped sides table, the writers' libraries), once,
    before the workers are forked: they inherit it instead of each loading it at its first
    partition. The gazetteer is not opened here: a SQLite connection must not cross a fork."""
    from .. import pipeline, site  # noqa: F401
    from ..events import load_sides
    from .formats import partition_bytes

    load_sides()
    partition_bytes([])  # pyarrow imports pandas and its compute functions on first use


def _write_partition(out: Path, index: int, digest: str, result: dict[str, Any],
                     parts: dict[str, Any]) -> None:
    name = part_name(index)
    errors = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                     for e in result["errors"])
    write_bytes_atomic(out / "parquet" / f"{name}.parquet", result["parquet"], durable=True)
    write_bytes_atomic(out / "geojsons" / f"{name}.geojsons", result["geojsons"], durable=True)
    write_bytes_atomic(out / "errors" / f"{name}.jsonl", errors.encode("utf-8"), durable=True)
    parts[name] = {"digest": digest, "records": result["records"],
                   "reports": result["reports"], "features": result["features"],
                   "errors": len(result["errors"]), "no_features": result["no_features"]}


def _summarise(out: Path, manifest: dict[str, Any], seen: int) -> dict[str, Any]:
    """``summary.json`` and ``errors.jsonl`` (every partition's errors, in order)."""
    names = [part_name(i) for i in range(seen)]
    totals = {k: sum(manifest["partitions"][n][k] for n in names)
              for k in ("records", "reports", "features", "errors", "no_features")}
    tmp = out / ".errors.jsonl.tmp"
    with tmp.open("wb") as fh:
        for n in names:
            fh.write((out / "errors" / f"{n}.jsonl").read_bytes())
    tmp.replace(out / "errors.jsonl")
    summary = {"format": FORMAT, "version": __version__, "inputs": manifest["inputs"],
               "partitions": seen, **totals,
               "outputs": {"parquet": "parquet/part-*.parquet",
                           "geojsons": "geojsons/part-*.geojsons", "errors": "errors.jsonl"}}
    write_bytes_atomic(out / "summary.json", _dump(summary), durable=True)
    return summary


def _bar(inputs: list[str], progress: bool) -> Any:
    if not progress:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    return tqdm(total=total_bytes(inputs), unit="B", unit_scale=True, file=sys.stderr,
                dynamic_ncols=True, desc="geoevents batch")


def _advance(bar: Any, position: int, reports: int, start: float) -> None:
    if bar is None:
        return
    bar.update(max(0, position - bar.n))
    rate = reports / max(time.perf_counter() - start, 1e-9)
    bar.set_postfix_str(f"{reports} reports, {rate:.1f} reports/s", refresh=False)
