"""Real servers on loopback, for the tests and the benchmarks: `kg serve` as a user runs it, and
`oxigraph serve` (PyPI) as a peer. Each starts on a free port, is waited for until it answers, and
is stopped (with its children) when the block ends."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
KG = str(BIN / "kg")
OXIGRAPH = str(BIN / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            tail = log.read_text()[-2000:] if log else ""
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}: {tail}")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):  # busy starting: ask again
            requests.get(url, timeout=2)
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{proc.args[0]} did not answer at {url} in time")
        time.sleep(0.1)


@contextlib.contextmanager
def running_server(store_dir: Path, env: dict | None = None, workers: int = 2, timeout: float = 60, args=()):
    """`kg serve` on a free loopback port, its log beside the store; yields its base URL. `args` go
    to `kg serve` too (e.g. `--store-url URL` to serve a remote store)."""
    port = free_port()
    log = Path(store_dir).parent / f"server-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([KG, "serve", "--store", str(store_dir), "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", str(workers), *args], stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})}, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(url + "/health", proc, timeout, log)
            yield url
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 15)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)


@contextlib.contextmanager
def oxigraph_server(turtle: str = "", location: Path | None = None, read_only: bool = False):
    """`oxigraph serve` on a free loopback port (in memory, or on `location`), holding `turtle` in its
    default graph; yields its base URL. `read_only` serves an existing store (`serve-read-only`),
    which other processes may read at the same time."""
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    args = [OXIGRAPH, command, "--bind", f"127.0.0.1:{port}"] + (["--location", str(location)] if location else [])
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + "/query?query=ASK%7B%7D", proc, 30)
        if turtle:
            requests.post(url + "/store?default", data=turtle.encode(),
                          headers={"Content-Type": "text/turtle"}).raise_for_status()
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
