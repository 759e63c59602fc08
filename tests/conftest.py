"""Shared fixtures: a store built from the real documents, the tests' own read-only view of it, and
real gunicorn servers on loopback."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from kg.build.pipeline import build
from kg.config import ROOT, Config

KG = str(Path(sys.executable).parent / "kg")
ARTIFACTS = ROOT / "tests" / "artifacts"
BASE = "https://w3id.org/dipkg/"  # the default base IRI, written here rather than read from kg.config
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what a browser sends as Accept


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Config:
    """The five seed documents built into a fresh store (the real `build`)."""
    config = Config.from_env(store_dir=tmp_path_factory.mktemp("kg") / "store")
    build(config)
    return config


@pytest.fixture(scope="session")
def store(built):
    """The built store opened directly, read-only (no SPARQL endpoint): what the answers must match."""
    from sparql_support import oracle  # sparql_support imports this module

    return oracle(built.store_dir)


@pytest.fixture(scope="module")
def http():
    """One HTTP session (kept-alive connections) for a module's requests."""
    with requests.Session() as s:
        yield s


@contextlib.contextmanager
def running_server(store_dir: Path, env: dict | None = None, workers: int = 2, timeout: float = 60, args=()):
    """`kg serve` as a user runs it, on a free loopback port; yields its base URL."""
    port = free_port()
    log = open(Path(store_dir).parent / f"server-{port}.log", "w")
    proc = subprocess.Popen([KG, "serve", "--store", str(store_dir), "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers), *args], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve exited with {proc.returncode}: {Path(log.name).read_text()[-2000:]}")
            with contextlib.suppress(requests.ConnectionError, requests.Timeout):  # not up, or still counting
                if requests.get(url + "/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not become healthy in time")
            time.sleep(0.2)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
        log.close()


@pytest.fixture(scope="session")
def server(built) -> str:
    """A real gunicorn server on the built store, shared by the session's tests."""
    with running_server(built.store_dir) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


pytest_plugins = ["remote_support"]   # remote stores (Virtuoso, oxigraph serve) and their fixtures


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run the suites marked slow")
    parser.addoption("--run-remote", action="store_true",
                     help="also run the suites marked remote (needs Debian's Virtuoso: make test-remote)")


def pytest_collection_modifyitems(config, items):
    skips = {mark: pytest.mark.skip(reason=f"{mark} suite: run with --run-{mark} ({target})")
             for mark, target in (("slow", "make test-all"), ("remote", "make test-remote"))
             if not config.getoption(f"--run-{mark}")}
    for item in items:
        for mark, skip in skips.items():
            if mark in item.keywords:
                item.add_marker(skip)
