"""The servers a benchmark compares, each holding the same data and answering SPARQL over HTTP GET:

- `ours`: `kg serve` (gunicorn, as the README runs it) on the store, or an already-running
  endpoint given by its /sparql URL (e.g. a deployment backed by another store);
- `oxigraph`: `oxigraph serve-read-only` (PyPI `oxigraph`) on the very same store directory, so
  its default graph is ours (the union of the named graphs, stored as a set);
- `rdflib`: `rdflib-endpoint` (PyPI) holding the same dataset, exported as N-Quads with its
  default graph (see bench/rdflib_peer.py)."""
from __future__ import annotations

import contextlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.config import Config
from kg.testing import _wait, free_port, oxigraph_server, running_server

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Target:
    name: str
    endpoint: str   # the URL that takes ?query=
    pid: int | None = None  # the server's process (its group holds every process serving it)


@contextlib.contextmanager
def ours(config: Config, url: str | None = None, workers: int | None = None):
    if url:
        yield Target("ours", url)
        return
    with running_server(config.store_dir, workers=workers or 2, timeout=900) as base:
        yield Target("ours", base + "/sparql")


@contextlib.contextmanager
def oxigraph(config: Config):
    with oxigraph_server(location=Path(config.store_dir).resolve(), read_only=True) as base:
        yield Target("oxigraph", base + "/query")


@contextlib.contextmanager
def rdflib(dataset: Path, timeout: float = 900):
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(HERE / "rdflib_peer.py"), str(dataset), str(port)],
                            stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", proc, timeout)
        yield Target("rdflib", f"http://127.0.0.1:{port}/sparql", proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
