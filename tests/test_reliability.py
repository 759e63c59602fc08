"""A public endpoint that stays up under hostile load (issue 12), on a real `kg serve`:
per-query memory and CPU limits, admission control with a bounded queue and a fast lane, slow and
idle connections that hold no thread, disconnected clients whose queries stop, and crashes named.

Each test names the reproducer of the issue it answers. Timings are asserted loosely (the machine
is shared); docs/RELIABILITY.md gives the figures measured."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import rdflib
import requests
from conftest import running_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sparql_support import server_processes

TIMEOUT = 6
# Three unconstrained patterns over ~5,000 triples: hours of counting, stopped at the time limit.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "ASK { ?s a ?class }"


def doubling(times: int) -> str:
    """The issue's reproducer 1: a document's text doubled `times` times by nested BIND(CONCAT)."""
    binds = "".join(f" BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(times))
    return (f"PREFIX schema: <http://schema.org/> SELECT (STRLEN(?x{times}) AS ?n) "
            f"WHERE {{ ?d schema:text ?x0 {binds} }} LIMIT 1")


@pytest.fixture(scope="module")
def guarded_log(built, tmp_path_factory):
    """One worker (so that its admission state is the whole server's), small limits; its log."""
    store = shutil.copytree(built.store_dir, tmp_path_factory.mktemp("guarded") / "store", symlinks=False)
    env = {"KG_QUERY_TIMEOUT": str(TIMEOUT), "KG_QUERY_MEMORY": "256", "KG_QUERY_CPU": "3", "KG_QUERY_QUEUE": "2"}
    with running_server(store, env=env, workers=1) as url:
        yield url, Path(store).parent / f"server-{url.rsplit(':', 1)[1]}.log"


@pytest.fixture(scope="module")
def guarded(guarded_log):
    return guarded_log[0]


def sparql(url, query, timeout=60, **params):
    return requests.get(url + "/sparql", params={"query": query, **params}, timeout=timeout)


def quiet_for(url: str, seconds: float = 1.5) -> float:
    """CPU seconds the server's processes used over `seconds` of nothing asked."""
    before = server_processes(url)
    time.sleep(seconds)
    after = server_processes(url)
    return sum(after[p] - before[p] for p in after if p in before)


def gate(url: str) -> dict:
    return requests.get(url + "/health", timeout=10).json()["executors"]["queries"]


def settle(url: str, deadline: float = 30) -> None:
    """Until no query runs or waits (a previous test's heavy queries are stopped), and every query
    process killed meanwhile has been replaced."""
    end = time.monotonic() + deadline
    while True:
        g = gate(url)
        if g.get("light", 0) == g.get("heavy", 0) == g.get("waiting", 0) == 0 and g["idle"] == g["live"] == g["size"]:
            return
        assert time.monotonic() < end, g
        time.sleep(0.2)


# ---------------------------------------------------------------- 1. memory and CPU limits

def test_a_query_past_the_memory_limit_gets_a_503_naming_it_and_others_are_unaffected(guarded):
    """Reproducer 1: nested BIND(CONCAT(?x,?x)) doublings of a document text."""
    settle(guarded)
    answers = {}
    hog = threading.Thread(target=lambda: answers.update(hog=sparql(guarded, doubling(18))))
    hog.start()
    others = [sparql(guarded, CHEAP) for _ in range(5)]
    hog.join(60)
    r = answers["hog"]
    assert r.status_code == 503 and "memory limit of 256 MB" in r.text and "KG_QUERY_MEMORY" in r.text, r.text
    assert "Retry-After" in r.headers
    assert all(o.status_code == 200 and "true" in o.text for o in others)
    assert sparql(guarded, CHEAP).status_code == 200, "a fresh query process took its place"


@pytest.mark.slow
def test_a_query_past_the_cpu_limit_gets_a_503_naming_it(guarded):
    settle(guarded)
    r = sparql(guarded, RUNAWAY)
    # CPU (3 s) runs out before the wall clock (6 s) unless the machine is too busy to give it 3 s.
    assert r.status_code == 503, r.text
    assert "CPU limit of 3 s" in r.text or f"time limit of {TIMEOUT} s" in r.text, r.text


# ---------------------------------------------------------------- 4. nesting and crashes

@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 2200 + "}" * 2200,
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE { FILTER(" + " || ".join(["true"] * 10000) + ") }",
    "SELECT * WHERE { " + " UNION ".join(["{}"] * 10000) + " }",
], ids=["braces", "parentheses", "or-chain", "union-chain"])
def test_a_query_nested_too_deep_is_a_400_and_crashes_nothing(guarded, query):
    """Reproducer 4: ~2,200 `{` or 5,000 `(` crashed the query process (503) in a loop of restarts."""
    settle(guarded)
    before = gate(guarded)["live"]
    r = requests.post(guarded + "/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and ("nests brackets" in r.text or "chains more than" in r.text), r.text
    assert gate(guarded)["live"] == before, "no query process was lost"


def test_a_crash_loop_costs_no_restarts(guarded):
    """200 crashing queries: refused before any query process sees them."""
    settle(guarded)
    query = "SELECT * WHERE " + "{" * 2200 + "}" * 2200
    before = server_processes(guarded)
    with requests.Session() as s:
        for _ in range(200):
            assert s.post(guarded + "/sparql", data=query.encode(),
                          headers={"Content-Type": "application/sparql-query"}).status_code == 400
    after = server_processes(guarded)
    assert set(after) == set(before), "no query process died and was replaced"
    assert gate(guarded)["live"] == gate(guarded)["size"]


def test_a_query_process_killed_from_outside_is_named_and_replaced(guarded):
    """Reproducer 9: a query-process crash said "ended unexpectedly ()"."""
    settle(guarded)
    answers = {}
    t = threading.Thread(target=lambda: answers.update(r=sparql(guarded, RUNAWAY)))
    t.start()
    time.sleep(1.0)
    procs = server_processes(guarded)
    # The busiest query process (its CPU grows): the one running RUNAWAY.
    time.sleep(0.5)
    grown = server_processes(guarded)
    busiest = max((p for p in grown if p in procs), key=lambda p: grown[p] - procs[p])
    os.kill(busiest, signal.SIGSEGV)
    t.join(30)
    r = answers["r"]
    assert r.status_code == 503 and "SIGSEGV" in r.text and "()" not in r.text, r.text
    assert sparql(guarded, CHEAP).status_code == 200


# ---------------------------------------------------------------- 2. admission control

def _heavy(url, results, i, timeout=None):
    started = time.monotonic()
    try:
        r = sparql(url, RUNAWAY + f" # client {i}", timeout=60, **({"timeout": timeout} if timeout else {}))
        results.append((r.status_code, r.headers.get("Retry-After"), time.monotonic() - started, r.text))
    except requests.RequestException as exc:
        results.append((0, None, time.monotonic() - started, str(exc)))


def test_health_and_cheap_queries_stay_fast_while_heavy_queries_fill_the_server(guarded):
    """Reproducer 2: 8 heavy queries blocked /health for up to 27 s."""
    settle(guarded)
    heavy: list = []
    threads = [threading.Thread(target=_heavy, args=(guarded, heavy, i)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(2.5)   # four ran in the light lane and were moved to the heavy lane, two waited, two were refused
    end = time.monotonic() + 10
    while gate(guarded).get("idle", 1) < 1 and time.monotonic() < end:   # the light lane's processes are back
        time.sleep(0.1)
    health, cheap = [], []
    with requests.Session() as s:
        for _ in range(20):
            started = time.monotonic()
            assert s.get(guarded + "/health", timeout=10).status_code == 200
            health.append(time.monotonic() - started)
            started = time.monotonic()
            r = s.get(guarded + "/sparql", params={"query": CHEAP}, timeout=10)
            cheap.append(time.monotonic() - started)
            assert r.status_code == 200 and "true" in r.text, r.text
    for t in threads:
        t.join(60)
    statuses = sorted(status for status, *_ in heavy)
    assert set(statuses) <= {503}, heavy
    refused = [h for h in heavy if "the server is busy" in h[3]]
    # Those that found the queue full on arrival were refused at once; all refusals say when to come back.
    assert all(h[1] for h in refused) and min(h[2] for h in refused) < 1.0, refused
    timed_out = [h for h in heavy if "time limit" in h[3] or "time budget" in h[3]]
    assert timed_out and all(h[2] < TIMEOUT + 3 for h in timed_out), "the wait counts in the time budget"
    p99 = lambda xs: sorted(xs)[int(len(xs) * 0.99) - 1] if len(xs) > 1 else xs[0]  # noqa: E731
    assert p99(health) < 1.0 and statistics.median(health) < 0.2, health
    assert p99(cheap) < 1.5 and statistics.median(cheap) < 0.5, cheap


def test_the_wait_for_a_slot_counts_in_the_time_budget(guarded):
    settle(guarded)
    heavy: list = []
    threads = [threading.Thread(target=_heavy, args=(guarded, heavy, i)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    started = time.monotonic()
    r = sparql(guarded, RUNAWAY + " # the late one", timeout=60)
    took = time.monotonic() - started
    for t in threads:
        t.join(60)
    assert r.status_code == 503
    assert took < TIMEOUT + 3, f"waited and ran {took:.1f} s with a {TIMEOUT} s limit"


# ---------------------------------------------------------------- 2. slow and idle connections

def _crowd(url: str, idle: int, slow: int):
    host, port = url.removeprefix("http://").split(":")
    quiet = [socket.create_connection((host, int(port))) for _ in range(idle)]
    trickling = [socket.create_connection((host, int(port))) for _ in range(slow)]
    for s in trickling:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    return quiet, trickling


def _health_while(url: str, trickling: list, seconds: float) -> list[float]:
    """/health's latency, asked every 0.2 s while the slow clients send a header line every 0.5 s."""
    took, end, last = [], time.monotonic() + seconds, 0.0
    while time.monotonic() < end:
        if time.monotonic() - last > 0.5:
            for s in trickling:
                with contextlib.suppress(OSError):
                    s.sendall(b"X-a: b\r\n")
            last = time.monotonic()
        started = time.monotonic()
        assert requests.get(url + "/health", timeout=10).status_code == 200
        took.append(time.monotonic() - started)
        time.sleep(0.2)
    return took


def test_slow_and_idle_connections_hold_no_thread(guarded):
    """Reproducer 2: 8 clients sending header lines slowly blocked /health for 29 s, 64 idle
    connections for 18 s. Here 32 trickle their headers and 64 say nothing."""
    settle(guarded)
    quiet, trickling = _crowd(guarded, 64, 32)
    try:
        took = _health_while(guarded, trickling, 3.0)
    finally:
        for s in quiet + trickling:
            s.close()
    assert max(took) < 1.0, f"/health took up to {max(took):.2f} s"


@pytest.mark.slow
def test_a_request_not_complete_within_the_read_deadline_gets_408(guarded):
    settle(guarded)
    quiet, trickling = _crowd(guarded, 8, 8)
    try:
        took = _health_while(guarded, trickling, 11.0)
        trickling[0].settimeout(5)
        answer = trickling[0].recv(200)
    finally:
        for s in quiet + trickling:
            s.close()
    assert max(took) < 1.0, f"/health took up to {max(took):.2f} s"
    assert answer.startswith(b"HTTP/1.1 408"), answer


# ---------------------------------------------------------------- 3. a client that disconnects

def test_a_client_that_disconnects_has_its_query_stopped(guarded):
    """Reproducer 3: the query ran on to the time limit."""
    settle(guarded)
    host, port = guarded.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    s.sendall(f"GET /sparql?query={quote(RUNAWAY)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    time.sleep(1.0)
    running = lambda g: g.get("light", 0) + g.get("heavy", 0)  # noqa: E731  (heavy: an earlier test marked it so)
    assert running(gate(guarded)) == 1
    s.close()
    time.sleep(0.5)
    assert running(gate(guarded)) == 0, "the query stopped as its client left"
    assert quiet_for(guarded) < 0.5, "no query process is still counting"


# ---------------------------------------------------------------- 5. chunked request bodies

def _raw(url: str, request: bytes, timeout: float = 30) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def _chunked(body: bytes, size: int = 4096) -> bytes:
    out = b"".join(b"%x\r\n" % len(body[i:i + size]) + body[i:i + size] + b"\r\n" for i in range(0, len(body), size))
    return out + b"0\r\n\r\n"


POST = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")


def test_a_chunked_body_over_the_size_limit_is_a_413_not_a_cut_query(guarded):
    """Reproducer 5: cut at 1,000,000 bytes, the query ran without its LIMIT 1."""
    query = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 1_000_000 + b"\nLIMIT 1"
    answer = _raw(guarded, POST + _chunked(query))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b"1000000" in answer


def test_a_chunked_body_within_the_limit_is_read_whole(guarded):
    query = b"SELECT (STRLEN(?c) AS ?n) WHERE { BIND(\"ok\" AS ?c) } #" + b"x" * 200_000 + b"\nLIMIT 1"
    answer = _raw(guarded, POST.replace(b"\r\n\r\n", b"\r\nAccept: text/csv\r\n\r\n") + _chunked(query))
    assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
    assert answer.endswith(b"n\r\n2\r\n")


@pytest.mark.parametrize("body", [b"zz\r\nASK {}\r\n0\r\n\r\n", b"6\r\nASK {}XX0\r\n\r\n", b"-5\r\nASK {}\r\n0\r\n\r\n"],
                         ids=["bad-size", "missing-terminator", "negative-size"])
def test_a_malformed_chunked_body_is_a_400_and_logged(guarded_log, body):
    url, log = guarded_log
    before = log.read_text().count("kg.access")
    answer = _raw(url, POST + body)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:300]
    assert b"chunked" in answer.lower() and b"Traceback" not in answer
    time.sleep(0.2)
    text = log.read_text()
    assert text.count("kg.access") == before + 1 and "status=400" in text.splitlines()[-2] + text.splitlines()[-1]
    assert "Traceback" not in text


# ---------------------------------------------------------------- 9. SPARQLWrapper's N3

def test_sparqlwrapper_asking_for_n3_gets_turtle(guarded):
    from SPARQLWrapper import N3, SPARQLWrapper

    client = SPARQLWrapper(guarded + "/sparql")
    client.setQuery("CONSTRUCT { <urn:a> <urn:b> ?n } WHERE { BIND(1 AS ?n) }")
    client.setReturnFormat(N3)
    result = client.query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=result.convert(), format="turtle")
    assert len(graph) == 1


# ---------------------------------------------------------------- raw bytes on the socket

RAW = st.one_of(
    st.binary(max_size=400),
    st.sampled_from([b"GET / HTTP/1.1\r\n", b"POST /sparql HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
                     b"POST /sparql HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
                     b"GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHo",
                     b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"\r\n\r\n\r\n", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n",
                     b"POST /sparql HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"]),
)


def serving(url: str) -> set[int]:
    """The master and worker processes (not the query processes) of the server at `url`."""
    out = set()
    for pid in server_processes(url):
        with contextlib.suppress(OSError):
            if b"serve" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.add(pid)
    return out


@pytest.mark.slow
@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=RAW)
def test_raw_bytes_on_the_socket_never_take_the_worker_down(guarded, raw):
    before = serving(guarded)
    host, port = guarded.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=0.3) as s:
        s.sendall(raw)
        with contextlib.suppress(OSError):
            answer = s.recv(64)
            assert not answer or answer.startswith(b"HTTP/1.1 ") and not answer.startswith(b"HTTP/1.1 5"), answer
    assert requests.get(guarded + "/health", timeout=10).status_code == 200
    assert serving(guarded) == before, "no worker died and was replaced"
