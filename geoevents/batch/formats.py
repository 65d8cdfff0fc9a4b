"""Columnar and streaming writers of located features: GeoParquet, GeoPackage, GeoJSON Text
Sequences (RFC 8142). Specification: docs/batch.md."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .._output import write_bytes_atomic
from ..export import feature_dict
from ..model import Feature

__all__ = ["PROPERTY_TYPES", "dumps_geojsonseq", "geoparquet_bytes", "partition_bytes",
           "read_geojsonseq", "write_gpkg", "write_parquet"]

#: The type of each GeoJSON property (:meth:`geoevents.model.Feature.properties`) in the
#: columnar outputs: every partition has the same schema, even when a column is all null.
PROPERTY_TYPES: dict[str, str] = {
    "id": "string", "kind": "string", "text": "string", "quote": "string",
    "start": "int64", "end": "int64", "place": "string", "place_id": "string",
    "country": "string", "relation": "string", "distance_m": "float64",
    "bearing_deg": "float64", "lat": "float64", "lon": "float64", "uncertainty_m": "float64",
    "precision": "int64", "confidence": "float64", "name": "string", "derived_from": "string",
    "place_source": "string", "report": "string", "report_title": "string",
    "report_date": "string", "report_url": "string", "event_type": "string",
    "sub_event_type": "string", "actor1": "string", "side1": "string", "actor2": "string",
    "side2": "string", "status": "string", "side": "string", "fatalities": "int64",
    "claimed_by": "string", "negated": "bool_", "date": "string", "date_precision": "int64",
    "date_text": "string",
}

#: GeoParquet's metadata version written (https://geoparquet.org/releases/v1.1.0/).
GEOPARQUET_VERSION = "1.1.0"


def dumps_geojsonseq(features: Iterable[Feature]) -> str:
    """GeoJSON Text Sequence (RFC 8142): each feature as RS, compact JSON, LF."""
    return _seq(feature_dict(f) for f in features)


def _seq(dicts: Iterable[dict[str, Any]]) -> str:
    return "".join("\x1e" + json.dumps(d, ensure_ascii=False, separators=(",", ":"),
                                       allow_nan=False) + "\n" for d in dicts)


def partition_bytes(features: Sequence[Feature]) -> tuple[bytes, bytes]:
    """A batch partition's two files, each feature's GeoJSON made once for both.

    Parameters
    ----------
    features
        Located features.

    Returns
    -------
    tuple of bytes
        :func:`geoparquet_bytes` and :func:`dumps_geojsonseq` (UTF-8) of the features.
    """
    dicts = [feature_dict(f) for f in features]
    return _parquet(_table_of(dicts)), _seq(dicts).encode("utf-8")


def read_geojsonseq(path: str | Path) -> Iterator[Feature]:
    """The features of a GeoJSON Text Sequence written by :func:`dumps_geojsonseq`, one at
    a time: every property as written (coordinates and measures rounded as the GeoJSON
    output rounds them), the geometry from the GeoJSON geometry.

    Parameters
    ----------
    path
        A ``.geojsons`` file (a batch's ``geojsons/part-*.geojsons``).
    """
    from shapely.geometry import shape

    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            text = line.lstrip("\x1e").strip()
            if text:
                d = json.loads(text)
                yield Feature(**d["properties"], geometry=shape(d["geometry"]))


def _table_of(dicts: Sequence[dict[str, Any]]) -> Any:
    """An Arrow table of the features (their GeoJSON dicts): the properties' columns, then WKB
    ``geometry`` (as in the GeoJSON output), with GeoParquet metadata (WKB, OGC:CRS84,
    geometry types, bbox)."""
    import pyarrow as pa
    import shapely
    from shapely.geometry import shape

    rows = [d["properties"] for d in dicts]
    arrays = {k: pa.array([r[k] for r in rows], type=getattr(pa, t)())
              for k, t in PROPERTY_TYPES.items()}
    # the GeoJSON output's geometry (RFC 7946 orientation, coordinates as it rounds them), so
    # that every output of a feature has the same shape
    geoms = [shape(d["geometry"]) for d in dicts]
    arrays["geometry"] = pa.array(shapely.to_wkb(geoms, output_dimension=2).tolist()
                                  if geoms else [], type=pa.binary())
    types = sorted({g.geom_type for g in geoms})
    bbox = list(shapely.total_bounds(geoms)) if geoms else []
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": types}
    if bbox:
        column["bbox"] = [round(float(v), 9) for v in bbox]
    geo = {"version": GEOPARQUET_VERSION, "primary_column": "geometry",
           "columns": {"geometry": column}}
    table = pa.table(arrays)
    return table.replace_schema_metadata({b"geo": json.dumps(geo, sort_keys=True).encode()})


def geoparquet_bytes(features: Sequence[Feature]) -> bytes:
    """The features as one GeoParquet file (bytes): deterministic for the same features.

    Parameters
    ----------
    features
        Located features (:func:`geoevents.pipeline.locate`).

    Returns
    -------
    bytes
        A Parquet file with one column per property (:data:`PROPERTY_TYPES`) and a WKB
        ``geometry`` column described by GeoParquet 1.1 metadata (lon/lat, OGC:CRS84).
    """
    return _parquet(_table_of([feature_dict(f) for f in features]))


def _parquet(table: Any) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def write_parquet(path: str | Path, features: Sequence[Feature]) -> None:
    """Write :func:`geoparquet_bytes` to ``path`` atomically."""
    write_bytes_atomic(path, geoparquet_bytes(features), durable=True)


def write_gpkg(path: str | Path, features: Sequence[Feature], *, layer: str = "features") -> None:
    """Write the features to a GeoPackage (QGIS's own format) through pyogrio/GDAL.

    Parameters
    ----------
    path
        The ``.gpkg`` file; replaced when it exists (written to a temporary file first).
    features
        Located features.
    layer
        The layer's name.
    """
    import os
    import tempfile

    import pyogrio

    target = Path(path)
    table = _table_of([feature_dict(f) for f in features])
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gpkg",
                               dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    os.unlink(tmp)
    try:
        pyogrio.write_arrow(table, tmp, layer=layer, driver="GPKG", geometry_name="geometry",
                            geometry_type="Unknown", crs="EPSG:4326")
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
