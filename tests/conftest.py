"""Shared fixtures: a store built from the real documents (built once, copied for tests that
change it), the tests' own read-only view of it, the app under test, and real gunicorn servers.

HTTP behaviour is tested in-process: `server` is a base URL that the `web` session (requests)
answers through Flask's test client, so tests speak HTTP with requests' semantics without a
socket. Tests that are about serving itself (limits, real clients, the browser, dumps on disk) use
`live_server`, a real `kg serve` (gunicorn) on loopback."""
from __future__ import annotations

import contextlib
import gzip
import itertools
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from requests.structures import CaseInsensitiveDict

from kg.build.pipeline import build
from kg.config import ROOT, Config
from kg.testing import KG, free_port, running_server  # noqa: F401  (re-exported to the test modules)
from kg.web.app import create_app

ARTIFACTS = ROOT / "tests" / "artifacts"
BASE = "https://w3id.org/dipkg/"  # the default base IRI, written here rather than read from kg.config
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what a browser sends as Accept
IN_PROCESS = "http://kg.test"   # the base URL the app answers in-process

web = requests.Session()   # every test's HTTP: in-process for IN_PROCESS, real sockets for other URLs


class FlaskTransport(requests.adapters.BaseAdapter):
    """requests → the app's Flask test client: the real app and its query processes, no socket."""

    def __init__(self, app):
        super().__init__()
        self.client = app.test_client()

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        body = request.body.encode() if isinstance(request.body, str) else request.body
        answer = self.client.open(url.path, base_url=f"{url.scheme}://{url.netloc}", method=request.method,
                                  query_string=url.query, headers=headers,
                                  data=body or b"")
        response = requests.Response()
        response.status_code, response.reason = answer.status_code, answer.status.partition(" ")[2]
        response.headers = CaseInsensitiveDict(answer.headers)
        content = answer.get_data()
        if response.headers.get("Content-Encoding") == "gzip":  # as urllib3 decodes it on a socket
            content = gzip.decompress(content)
        response._content, response._content_consumed = content, True
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.url, response.request = request.url, request
        return response

    def close(self):
        pass


_apps = itertools.count(1)


@contextlib.contextmanager
def in_process(config: Config):
    """The app on another configuration (another store, base IRI…), at a base URL of its own that the
    `web` session answers in-process; yields that URL."""
    url = f"http://kg-{next(_apps)}.test"
    web.mount(url + "/", FlaskTransport(create_app(config)))
    try:
        yield url
    finally:
        web.adapters.pop(url + "/", None)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Config:
    """The five seed documents built into a fresh store (the real `build`), once per session."""
    config = Config.from_env(store_dir=tmp_path_factory.mktemp("kg") / "store")
    build(config)
    return config


@pytest.fixture
def built_copy(built, tmp_path) -> Config:
    """A private copy of the built store, for a test that rebuilds, breaks or serves it on its own."""
    store = tmp_path / "store"
    shutil.copytree(Path(built.store_dir).resolve(), tmp_path / Path(built.store_dir).resolve().name)
    store.symlink_to(Path(built.store_dir).resolve().name)
    return built.with_(store_dir=store)


@pytest.fixture(scope="session")
def store(built):
    """The built store opened directly, read-only (no SPARQL endpoint): what the answers must match."""
    from sparql_support import oracle  # sparql_support imports this module

    return oracle(built.store_dir)


@pytest.fixture(scope="session")
def app(built):
    return create_app(built)


@pytest.fixture(scope="session")
def transport(app) -> FlaskTransport:
    return FlaskTransport(app)


@pytest.fixture(scope="session")
def server(transport) -> str:
    """The app's base URL, answered in-process through the `web` session."""
    web.mount(IN_PROCESS + "/", transport)
    return IN_PROCESS


@pytest.fixture(scope="module")
def http(server, transport) -> requests.Session:
    """A session of the module's own (its default headers are its own), answered in-process too."""
    with requests.Session() as session:
        session.mount(IN_PROCESS + "/", transport)
        yield session


@pytest.fixture(scope="session")
def live_server(built) -> str:
    """A real gunicorn server on the built store, shared by the session's tests about serving."""
    with running_server(built.store_dir) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def pytest_configure(config):
    """The tests build on the seed documents alone: what `kg ingest` added to the inbox (data/inbox)
    is left out of every `kg build` they run, in this process and in the commands it starts."""
    import os
    import tempfile

    os.environ["KG_INBOX_DIR"] = tempfile.mkdtemp(prefix="kg-empty-inbox-")


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
