"""The local gazetteer: an SQLite file built once from maintained packages, the overlay CSVs
and the user's own data.

Modules, each importing only from those before it: :mod:`.files` (paths, versions, whether a
built file is current), :mod:`.rules` (name rules of the build and the GeoNames import),
:mod:`.overlay` (overlay CSVs), :mod:`.loose` (the loose name match), :mod:`.regions` (regions
located from what they contain), :mod:`.userdata` (the user's own entries), :mod:`.dumps`
(GeoNames dump files), :mod:`.geonames` (their import into the user store),
:mod:`.builder` (the build), :mod:`.store` (the queries of :class:`Gazetteer`). A new source
of the embedded gazetteer is a step of :mod:`.builder` (its own ``_add_…`` function called
from ``_collect``, a bump of :data:`BUILD_REVISION`), with its parsing helpers beside the
others of their kind (:mod:`.regions` for located regions).
"""

from __future__ import annotations

from .builder import build
from .files import (
    BUILD_REVISION,
    REGIONS_TABLE,
    SCHEMA_VERSION,
    default_path,
    is_current,
    overlay_dir,
    source_fingerprint,
)
from .loose import LOOSE_ALT_MIN_POPULATION, LOOSE_ALT_MIN_SIMILARITY
from .overlay import OVERLAY_COLUMNS, parse_overlay, read_overlay
from .regions import known_regions
from .rules import name_keys
from .store import MMAP_SIZE, Gazetteer

__all__ = [
    "BUILD_REVISION",
    "LOOSE_ALT_MIN_POPULATION",
    "LOOSE_ALT_MIN_SIMILARITY",
    "MMAP_SIZE",
    "OVERLAY_COLUMNS",
    "REGIONS_TABLE",
    "SCHEMA_VERSION",
    "Gazetteer",
    "build",
    "default_path",
    "is_current",
    "known_regions",
    "name_keys",
    "overlay_dir",
    "parse_overlay",
    "read_overlay",
    "source_fingerprint",
]
