"""The servers a benchmark compares, each holding the same data and answering SPARQL over HTTP GET:

- `ours`: `kg serve` (gunicorn, as the README runs it) on the store, or an already-running
  endpoint given by its /sparql URL (e.g. a deployment backed by another store);
- `oxigraph`: `oxigraph serve-read-only` (PyPI `oxigraph`) on the very same store directory, so
  its default graph is ours (the union of the named graphs, stored as a set);
- `rdflib`: `rdflib-endpoint` (PyPI) holding the same dataset, exported as N-Quads with its
  default graph (see bench/rdflib_peer.py)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.config import Config
from kg.testing import _wait, free_port, oxigraph_server, running_server

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Target:
    name: str
    endpoint: str   # the URL that takes ?query=

    def session(self) -> int | None:
        """The session of the local process serving this target: it holds every process that serves
        (gunicorn's workers, their query processes), so their CPU can be added up."""
        port = str(urlsplit(self.endpoint).port)
        for pid in _pids():
            try:
                args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(a.decode(errors="replace").endswith(port) for a in args[1:]):
                return os.getsid(pid)
        return None


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def settle(session: int | None, quiet: float = 0.02, most: float = 60) -> None:
    """Wait until a target's processes are idle (a slow server may still be working through requests
    the load generator gave up on), so that its backlog does not slow the next target measured."""
    deadline = time.monotonic() + most
    last = cpu_seconds(session)
    while session is not None and time.monotonic() < deadline:
        time.sleep(0.25)
        now = cpu_seconds(session)
        if now - last < quiet:
            return
        last = now


def cpu_seconds(session: int | None) -> float:
    """CPU time (user + system) used so far by the live processes of a session."""
    if session is None:
        return 0.0
    total = 0
    for pid in _pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:   # fields after the command: state, ppid, pgrp, session, …
            total += int(fields[11]) + int(fields[12])   # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


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
        yield Target("rdflib", f"http://127.0.0.1:{port}/sparql")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:   # still busy with the load generator's last requests
            proc.kill()
            proc.wait()
