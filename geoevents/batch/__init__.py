"""Batches of reports: many inputs streamed, located in parallel (processes or Dask),
written as resumable GeoParquet and GeoJSON Text Sequence partitions. See docs/batch.md.

The names below are imported on first use, so that ``geoevents`` starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"run_batch": "._run", "Config": "._work", "dumps_geojsonseq": ".formats",
          "geoparquet_bytes": ".formats", "write_gpkg": ".formats", "write_parquet": ".formats",
          "read_geojsonseq": ".formats", "batch_timeline": "._timeline"}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
