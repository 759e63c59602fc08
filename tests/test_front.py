"""The recommended production front, deploy/nginx.conf, run as shipped (but for its listening port,
its upstream's port and a prefix of its own) with Debian's nginx (`make front-deps`) in front of a
real `kg serve`: answers pass through with their headers, oversized and slow requests are refused
by the front, and a client that leaves still has its query stopped (issue 12)."""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from urllib.parse import quote

import pytest
import requests
from conftest import free_port, running_server

from kg.config import ROOT

NGINX = ROOT / ".front" / "usr" / "sbin" / "nginx"
CONF = ROOT / "deploy" / "nginx.conf"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="nginx is unpacked by `make front-deps`")


@pytest.fixture(scope="module")
def front(built, tmp_path_factory):
    prefix = tmp_path_factory.mktemp("front")
    store = shutil.copytree(built.store_dir, prefix / "store", symlinks=False)
    with running_server(store, env={"KG_QUERY_TIMEOUT": "10"}, workers=1) as upstream:
        port = free_port()
        text = CONF.read_text(encoding="utf-8")
        for old, new in (("server 127.0.0.1:8000;", f"server {upstream.removeprefix('http://')};"),
                         ("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")):
            assert old in text
            text = text.replace(old, new)
        (prefix / "nginx.conf").write_text(text, encoding="utf-8")
        proc = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=open(prefix / "stderr.log", "w"))
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while True:
                assert proc.poll() is None, (prefix / "stderr.log").read_text()
                with contextlib.suppress(requests.ConnectionError):
                    if requests.get(url + "/health", timeout=5).status_code == 200:
                        break
                assert time.monotonic() < deadline, "nginx did not answer"
                time.sleep(0.1)
            yield url, upstream
        finally:
            proc.terminate()
            proc.wait(10)


def test_answers_pass_through_the_front_with_their_headers(front):
    url, _ = front
    r = requests.get(url + "/sparql", params={"query": "ASK {}"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    page = requests.get(url + "/", headers={"Accept": "text/html"})
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    data = requests.get(url + "/data/id/actor/peru.ttl")
    assert data.status_code == 200 and data.headers["Access-Control-Allow-Origin"] == "*"


def test_relative_iris_resolve_against_the_public_url(front):
    url, _ = front
    r = requests.post(url + "/sparql", data=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                      headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert f"<{url}/s>" in r.text, r.text


def test_a_body_over_the_limit_is_refused_by_the_front(front):
    url, _ = front
    r = requests.post(url + "/sparql", data=b"x" * 2_000_000, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_a_client_that_leaves_has_its_query_stopped_through_the_front(front):
    url, upstream = front
    host, port = url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    s.sendall(f"GET /sparql?query={quote(RUNAWAY)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())

    def running():
        g = requests.get(upstream + "/health", timeout=10).json()["executors"]["queries"]
        return g["light"] + g["heavy"]

    deadline = time.monotonic() + 5
    while running() == 0:
        assert time.monotonic() < deadline, "the query did not start"
        time.sleep(0.1)
    s.close()
    deadline = time.monotonic() + 3
    while running():
        assert time.monotonic() < deadline, "the query still runs after its client left"
        time.sleep(0.1)
