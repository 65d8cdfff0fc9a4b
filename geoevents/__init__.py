"""geoevents: turn reports of armed conflict into maps.

The pipeline, one module per stage: :mod:`~geoevents.read` → :mod:`~geoevents.extract` →
:mod:`~geoevents.gazetteer` → :mod:`~geoevents.resolve` → :mod:`~geoevents.geometry` →
:mod:`~geoevents.export` / :mod:`~geoevents.render`; :mod:`~geoevents.pipeline` runs it
and :mod:`~geoevents.cli` is the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "locate_frame"]


def __getattr__(name: str) -> object:
    if name == "locate_frame":  # imported on first use: geopandas is heavy
        from .frame import locate_frame

        return locate_frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
