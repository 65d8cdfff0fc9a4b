"""The offline base layer: country borders and coastlines from Natural Earth, via countryinfo.

countryinfo ships each country's outline as GeoJSON; the outlines are Natural Earth's
1:110m admin-0 countries (public domain; the same vertices as Natural Earth's
``ne_110m_admin_0_countries``). The map embeds them, rounded to 0.001° (~100 m, far finer
than the 1:110m data), so a page shows where it is with no network at all.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

NAME = "Offline: Natural Earth countries"
ATTRIBUTION = "Borders: Natural Earth 1:110m (public domain), via countryinfo"


def round_coords(coords: Any, ndigits: int) -> Any:
    """GeoJSON coordinates (nested lists of [x, y]) rounded to ``ndigits`` decimals."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) for c in coords]
    return [round_coords(c, ndigits) for c in coords]


@functools.lru_cache(maxsize=1)
def land() -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection (geometry only, sorted by ISO code).

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``; empty when countryinfo is
        unavailable.
    """
    try:
        import countryinfo
    except ImportError:  # pragma: no cover - a dependency
        return {"type": "FeatureCollection", "features": []}
    folder = Path(countryinfo.__file__).resolve().parent / "data"
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for feat in (doc.get("geoJSON") or {}).get("features", []):
            geom = feat.get("geometry") or {}
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            key = str(feat.get("id") or path.stem)
            found.setdefault(key, {"type": geom["type"],
                                   "coordinates": round_coords(geom["coordinates"], 3)})
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": found[k]}
                         for k in sorted(found)]}
