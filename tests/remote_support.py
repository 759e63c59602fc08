"""Remote SPARQL stores for the tests, started on free loopback ports and stopped afterwards:
Virtuoso Open Source (Debian's virtuoso-opensource-7-bin, installed by `make remote-deps`) and
`oxigraph serve` (PyPI's oxigraph). Each is described by the KG_STORE_* settings that reach it."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from conftest import KG, free_port

from kg.config import Config
from kg.web.app import create_app

OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
STORES = ("virtuoso", "oxigraph")

# The smallest Virtuoso that serves SPARQL and the Graph Store Protocol; its own time and row limits
# stay above the application's, which are the ones under test.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxKeepAlives = 10

[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 3600
MaxQueryCostEstimationTime = 0
"""


def settings(store: str, url: str) -> dict[str, str]:
    """The KG_STORE_* settings that reach a store of this kind at `url` (its HTTP root)."""
    if store == "virtuoso":
        return {"KG_STORE_URL": f"{url}/sparql", "KG_STORE_UPDATE_URL": f"{url}/sparql-auth",
                "KG_STORE_GSP_URL": f"{url}/sparql-graph-crud-auth", "KG_STORE_USER": "dba",
                "KG_STORE_PASSWORD": "dba"}
    return {"KG_STORE_URL": f"{url}/query", "KG_STORE_UPDATE_URL": f"{url}/update", "KG_STORE_GSP_URL": f"{url}/store"}


def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the store did not start: {log.read_text()[-2000:] if log.exists() else ''}")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def virtuoso(folder: Path, memory_mb: int = 200):
    """`virtuoso-t +foreground` with a fresh database in `folder`; yields its HTTP root."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    buffers = memory_mb * 1024 // 8 * 2 // 3   # 8 KB pages, two thirds of the memory (Virtuoso's advice)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port, buffers=buffers,
                                       dirty=buffers * 3 // 4))
    log = folder / "virtuoso.out"
    with open(log, "w") as out:
        proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait(url + "/sparql", proc, folder / "virtuoso.log", 120)
        yield url
    finally:
        _stop(proc)


@contextlib.contextmanager
def oxigraph(folder: Path):
    """`oxigraph serve` with a store in `folder`; yields its HTTP root."""
    port = free_port()
    log = folder.with_suffix(".log")
    with open(log, "w") as out:
        # Its own time limit stops on the store a query we stopped waiting for (it takes no per-query one).
        proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                 "--timeout-s", "30"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + "/query", proc, log, 30)
        yield url
    finally:
        _stop(proc)


def started(store: str, folder: Path):
    return virtuoso(folder) if store == "virtuoso" else oxigraph(folder)


# ---------------------------------------------------------------- fixtures (a pytest plugin of conftest.py)

@dataclass
class Remote:
    kind: str              # virtuoso or oxigraph
    url: str               # its HTTP root
    env: dict[str, str]    # the KG_STORE_* settings that reach it
    config: Config


def kg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The `kg` command as a user runs it, with these settings added to the environment."""
    return subprocess.run([KG, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=600)


@pytest.fixture(scope="session", params=STORES)
def remote(request, tmp_path_factory, built) -> Remote:
    """Each remote store in turn, holding the seed documents loaded by `kg build --store-url`."""
    with started(request.param, tmp_path_factory.mktemp(request.param) / "db") as url:
        env = settings(request.param, url)
        others = {k: v for k, v in env.items() if k != "KG_STORE_URL"}
        done = kg("build", "--store-url", env["KG_STORE_URL"], env=others)
        assert done.returncode == 0, done.stderr
        yield Remote(request.param, url, env, Config.from_env(env))


@pytest.fixture(params=STORES)
def fresh(request, tmp_path):
    """A remote store of each kind, empty; yields (Config reaching it, its settings)."""
    with started(request.param, tmp_path / request.param) as url:
        env = settings(request.param, url)
        yield Config.from_env(env), env


@pytest.fixture(scope="session")
def remote_client(remote):
    """The app over the remote store, in-process (Flask's test client)."""
    return create_app(remote.config).test_client()


@pytest.fixture(scope="session")
def embedded_client(built):
    """The same app over the embedded store: what the remote one must answer alike."""
    return create_app(built).test_client()
