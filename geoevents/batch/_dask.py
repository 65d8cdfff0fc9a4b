"""Running a batch's partitions on Dask: a client and the gazetteer on every worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin

from . import _work


class GazetteerPlugin(WorkerPlugin):
    """Puts the gazetteer on each worker as it starts.

    Parameters
    ----------
    data : bytes, optional
        The gazetteer file itself, for workers that do not share the driver's disk: written to
        the worker's local directory and used there. Without it the workers open the run's
        ``--gazetteer`` path (or their default path), building the gazetteer there from
        their installed packages when it is missing (``geoevents gazetteer build``).
    """

    name = "geoevents-gazetteer"

    def __init__(self, data: bytes | None = None) -> None:
        self.data = data

    def setup(self, worker: Any) -> None:
        """Write the shipped gazetteer (if any) where this worker will open it."""
        if self.data is None:
            return
        path = Path(worker.local_directory) / "geoevents-gazetteer.sqlite"
        if not path.exists() or path.stat().st_size != len(self.data):
            path.write_bytes(self.data)
        _work.WORKER_GAZETTEER["path"] = str(path)


def dask_client(spec: str, *, workers: int, ship: Path | None = None) -> tuple[Client, Any]:
    """A client of a new LocalCluster (``spec == "local"``: ``workers`` processes of one
    thread) or of the scheduler at ``spec``, with :class:`GazetteerPlugin` registered.

    Returns
    -------
    (Client, LocalCluster or None)
        Close both when done.
    """
    cluster = None
    if spec == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(spec)
    client.register_plugin(GazetteerPlugin(ship.read_bytes() if ship else None))
    return client, cluster


def threads(client: Client) -> int:
    """How many tasks the cluster runs at once."""
    return max(1, sum(client.nthreads().values()))
