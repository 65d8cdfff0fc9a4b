"""Shared fixtures: one gazetteer for the whole session (built on first use, then cached)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geoevents.gazetteer import Gazetteer, default_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    """The built gazetteer (the user's default, or ``$GEOEVENTS_GAZETTEER``)."""
    path = default_path()
    Gazetteer.open(path).close()  # builds it when missing or stale
    return path


@pytest.fixture(scope="session")
def gaz(gazetteer_path: Path) -> Gazetteer:
    """An open gazetteer with the shipped overlays."""
    return Gazetteer.open(gazetteer_path)


@pytest.fixture()
def run_cli(gazetteer_path: Path):
    """Run ``python -m geoevents ARGS`` in a subprocess; returns the CompletedProcess."""

    def run(*args: str, input: bytes | None = None, cwd: Path | None = None):
        env = dict(os.environ, GEOEVENTS_GAZETTEER=str(gazetteer_path), PYTHONIOENCODING="utf-8")
        return subprocess.run([sys.executable, "-m", "geoevents", *args], input=input,
                              capture_output=True, cwd=cwd, env=env, timeout=300)

    return run
