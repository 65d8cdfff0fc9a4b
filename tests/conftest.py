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


@pytest.fixture(scope="session", autouse=True)
def _no_user_data(tmp_path_factory):
    """Every test runs without the user's own data (imported dumps, own entries): an empty
    ``GEOEVENTS_DATA`` for the session, so results never depend on what a developer has
    imported, and the real user data folder is never touched. Tests of user data point it
    at their own folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEOEVENTS_DATA", str(tmp_path_factory.mktemp("no-user-data")))
        yield


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


@pytest.fixture(scope="session")
def cli(gazetteer_path: Path):
    """Run ``python -m geoevents ARGS`` in a subprocess on the session's gazetteer.

    Returns a function ``(*args, input=None, env=None, cwd=None) -> CompletedProcess``;
    ``env`` adds to (or overrides) the environment.
    """

    def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        full = dict(os.environ, GEOEVENTS_GAZETTEER=str(gazetteer_path), PYTHONIOENCODING="utf-8")
        full.update(env or {})
        return subprocess.run([sys.executable, "-m", "geoevents", *args], input=input,
                              capture_output=True, cwd=cwd, env=full, timeout=300)

    return run


@pytest.fixture()
def run_cli(cli):
    """The :func:`cli` runner, for tests."""
    return cli
