"""The batch engine's executor on a Dask cluster (``cleaner clean --scheduler ADDRESS``; needs ``cleaner[dask]``)."""

from __future__ import annotations

import importlib
from typing import Any

EXTRA_HINT = "cleaner's Dask integration needs the optional dependencies: pip install 'cleaner[dask]'"


def require(module: str) -> Any:
    """Import ``module`` of the Dask extra, or raise an ImportError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{EXTRA_HINT} ({exc})") from exc


class DaskExecutor:
    """The batch engine's executor on a Dask cluster: batches are submitted to the scheduler at ``address``."""

    def __init__(self, address: str):
        distributed = require("distributed")
        try:
            # the connect timeout is Dask's setting distributed.comm.timeouts.connect
            self.client = distributed.Client(address)
        except OSError as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(self.client.nthreads().values()) or 1
        self.window = threads * 3

    def submit(self, fn: Any, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def close(self, cancel: bool = False) -> None:
        self.client.close()
