"""Where the time of one /sparql request goes, part by part (medians over many repetitions, one
client, so each figure is the cost of that part alone):

    HTTP (gunicorn)    a real request over loopback with keep-alive, minus the same request in-process
    Flask + protocol   the app answering in-process (Flask's test client), minus run()
    guard              kg.query.guard.check: read-only and SERVICE allow-list
    pool               acquiring and releasing a query process
    hop                run() minus guard, pool and the query process's own work: encoding the request,
                       the socket both ways, decoding the answer
    query process      the child's work, in-process: evaluation and serialisation
      of which evaluation   the query evaluated and its results iterated, without serialising

It also times the guard on hostile text of growing size (it must grow linearly: it runs in the web
worker before any time limit applies)."""
from __future__ import annotations

import contextlib
import statistics
import time
from urllib.parse import urlencode

import requests

import data
from kg.errors import ClientError
from kg.query import pool as pool_module
from kg.query.guard import check, inspect
from kg.query.run import pool, run
from kg.store.embedded import current
from kg.testing import running_server
from kg.web.app import create_app

QUERIES = {
    "point lookup": ("application/sparql-results+json",
                     "SELECT ?p ?o WHERE { <https://w3id.org/dipkg/id/actor/antony-blinken> ?p ?o }"),
    "CONSTRUCT (whole graph)": ("text/turtle", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
}


def medians_ms(calls: dict, repeat: int) -> dict[str, float]:
    """Median wall time of each call, in milliseconds; the calls take turns (one of each per
    repetition), so that the machine's noise hits them all alike."""
    for call in calls.values():   # warm up: query processes start lazily, caches fill
        for _ in range(3):
            call()
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def child_request(config, sparql: str, accept: str) -> dict:
    """What run() sends to a query process (the fields pool._answer reads)."""
    return {"store_dir": str(config.store_dir), "sparql": sparql, "accept": accept, "format": None,
            "default_graphs": None, "named_graphs": None, "substitutions": None, "prefixes": None,
            "base_iri": None, "max_results": config.max_results}


def parts(config, url: str, accept: str, sparql: str, repeat: int) -> dict[str, float]:
    session = requests.Session()
    client = create_app(config).test_client()
    store = current(config.store_dir)
    get = f"/sparql?{urlencode({'query': sparql})}"
    headers = {"Accept": accept}
    p = pool()

    def acquire_release():
        p.release(p.acquire(time.monotonic() + 10))

    def evaluate():
        for _ in store.query(sparql):
            pass

    t = medians_ms({
        "total over HTTP": lambda: session.get(url + get, headers=headers).content,
        "in-process app": lambda: client.get(get, headers=headers).get_data(),
        "run()": lambda: run(config, sparql, accept=accept),
        "guard": lambda: check(sparql, config.service_allowlist),
        "pool": acquire_release,
        "query process": lambda: pool_module._answer(child_request(config, sparql, accept)),
        "evaluation": evaluate,
    }, repeat)
    return {
        "HTTP (gunicorn)": t["total over HTTP"] - t["in-process app"],
        "Flask + protocol": t["in-process app"] - t["run()"],
        "guard": t["guard"],
        "pool": t["pool"],
        "hop": t["run()"] - t["guard"] - t["pool"] - t["query process"],
        "query process": t["query process"],
        "  of which evaluation": t["evaluation"],
        "total": t["total over HTTP"],
    }


def hostile() -> list[str]:
    lines = ["| input | 100 kB ms | 400 kB ms |", "|---|---:|---:|"]
    for name, unit in [("dotted names 'a.a.a…'", "a."), ("unclosed long string", '"""x'),
                       ("'<' runs", "<"), ("'service a.' runs", "service a.")]:
        figures = []
        for size in (100_000, 400_000):
            text = "SELECT * { ?s ?p ?o } " + unit * (size // len(unit))
            started = time.perf_counter()
            with contextlib.suppress(ClientError):
                inspect(text)
            figures.append((time.perf_counter() - started) * 1000)
        lines.append(f"| {name} | {figures[0]:.1f} | {figures[1]:.1f} |")
    return lines


def main(args) -> int:
    config = data.prepare(args.graph)
    with running_server(config.store_dir, workers=1, timeout=900) as base:
        figures = {name: parts(config, base, accept, q, args.repeat) for name, (accept, q) in QUERIES.items()}
    names = list(figures)
    lines = [f"Per-request breakdown, graph `{args.graph}`, one client, median of {args.repeat} (ms):", "",
             "| part | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for part in figures[names[0]]:
        lines.append(f"| {part} | " + " | ".join(f"{figures[n][part]:.2f}" for n in names) + " |")
    lines += ["", "The guard on hostile text:", "", *hostile()]
    print("\n".join(lines))
    return 0


def add_arguments(p) -> None:
    p.add_argument("--graph", default="seed", help="seed, or the size of a generated graph (default seed)")
    p.add_argument("--repeat", type=int, default=200, help="repetitions per part (default 200)")
