"""Where the work of one /sparql request goes, part by part, for a point lookup and a big CONSTRUCT.

CPU time, not wall time: on a shared machine wall time mostly measures the other processes, while
the CPU a part uses is its own. Two views:

1. Each part alone, in this process (CPU µs per request, median of rounds):
     web layer        the WSGI app answering the request (protocol parsing, response, CORS, log),
                      with the query itself stubbed out
     guard            kg.query.guard.check: read-only and the SERVICE allow-list
     pool             acquiring and releasing a query process
     hop, web side    run()'s own CPU less guard and pool: encoding the request, the socket, decoding
                      the answer (the query process's work is not in this process's CPU)
     query process    the child's work: evaluation, serialisation (kg.query.pool._answer, in-process)
     evaluation       the query evaluated and its results iterated, nothing serialised
2. Under load (8 clients, keep-alive, wrk): the server's CPU per request by process: web workers
   (gunicorn's HTTP, the web layer, the web side of the hop, and every thread hand-off) and query
   processes (their side of the hop and the query), with the same for `oxigraph serve`.

It also times the guard on hostile text of growing size (it must grow linearly: it runs in the web
worker before any time limit applies)."""
from __future__ import annotations

import contextlib
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

import load
import targets as servers
from werkzeug.test import EnvironBuilder

import data
from kg.errors import ClientError
from kg.query import pool as pool_module
from kg.query.guard import check, inspect
from kg.query.results import Outcome
from kg.query.run import pool, run
from kg.store.embedded import current
from kg.testing import running_server
from kg.web import sparql
from kg.web.app import create_app

QUERIES = {
    "point lookup": ("application/sparql-results+json",
                     "SELECT ?p ?o WHERE { <https://w3id.org/dipkg/id/actor/antony-blinken> ?p ?o }"),
    "CONSTRUCT (whole graph)": ("text/turtle", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
}


def cpu_us(calls: dict, repeat: int, rounds: int = 5) -> dict[str, float]:
    """CPU µs per call of each, median over rounds; the calls take turns round by round."""
    for call in calls.values():   # warm up: query processes start lazily, caches fill
        for _ in range(3):
            call()
    figures: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.process_time()
            for _ in range(repeat):
                call()
            figures[name].append((time.process_time() - started) / repeat * 1e6)
    return {name: statistics.median(f) for name, f in figures.items()}


def child_request(config, sparql_text: str, accept: str) -> dict:
    """What run() sends to a query process (the fields pool._answer reads)."""
    return {"store_dir": str(config.store_dir), "sparql": sparql_text, "accept": accept, "format": None,
            "default_graphs": None, "named_graphs": None, "substitutions": None, "prefixes": None,
            "base_iri": None, "max_results": config.max_results}


@contextlib.contextmanager
def stubbed_run(outcome: Outcome):
    """The web layer with run() answering at once: what is left is the web layer's own work."""
    original = sparql.run
    sparql.run = lambda *args, **kwargs: outcome
    try:
        yield
    finally:
        sparql.run = original


def alone(config, accept: str, sparql_text: str, repeat: int) -> dict[str, float]:
    app = create_app(config)
    environ = EnvironBuilder(path="/sparql", query_string=urlencode({"query": sparql_text}),
                             headers={"Accept": accept}).get_environ()
    store = current(config.store_dir)
    p = pool()
    body = run(config, sparql_text, accept=accept)

    def web():
        for _ in app(dict(environ), lambda status, headers, exc_info=None: None):
            pass

    def acquire_release():
        p.release(p.acquire(time.monotonic() + 10))

    def evaluate():
        for _ in store.query(sparql_text):
            pass

    with stubbed_run(body):
        web_us = cpu_us({"web layer": web}, repeat)["web layer"]
    t = cpu_us({
        "guard": lambda: check(sparql_text, config.service_allowlist),
        "pool": acquire_release,
        "run": lambda: run(config, sparql_text, accept=accept),
        "query process": lambda: pool_module._answer(child_request(config, sparql_text, accept)),
        "evaluation": evaluate,
    }, max(1, repeat // (20 if "CONSTRUCT" in sparql_text else 1)))
    return {"web layer": web_us, "guard": t["guard"], "pool": t["pool"],
            "hop, web side": t["run"] - t["guard"] - t["pool"], "query process": t["query process"],
            "  of which evaluation": t["evaluation"]}


def roles(target: servers.Target, accept: str, sparql_text: str, seconds: float) -> tuple[dict[str, float], float]:
    """CPU µs per request of each kind of process serving `target` under 8 clients, and the req/s."""
    session = target.session()

    def by_role() -> dict[str, float]:
        out: dict[str, float] = {}
        for pid in servers._pids():
            try:
                if os.getsid(pid) != session:
                    continue
                args = Path(f"/proc/{pid}/cmdline").read_bytes()
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            role = "query processes" if b"kg.query.pool" in args else "web workers"
            out[role] = out.get(role, 0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return out

    queries = [(accept, sparql_text)]
    load.run(target.endpoint, queries, 8, 1)   # warm up
    before = by_role()
    r = load.run(target.endpoint, queries, 8, seconds)
    after = by_role()
    return {k: (after[k] - before.get(k, 0)) / max(r.requests, 1) * 1e6 for k in after}, r.requests / r.seconds


def hostile() -> list[str]:
    lines = ["| input | 100 kB ms | 400 kB ms |", "|---|---:|---:|"]
    for name, unit in [("dotted names 'a.a.a…'", "a."), ("unclosed long string", '"""x'),
                       ("'<' runs", "<"), ("'service a.' runs", "service a.")]:
        figures = []
        for size in (100_000, 400_000):
            # "with" in a comment: a word the check looks for, so the lexer runs over the whole text
            text = "SELECT * { ?s ?p ?o } # with\n" + unit * (size // len(unit))
            started = time.process_time()
            with contextlib.suppress(ClientError):
                inspect(text)
            figures.append((time.process_time() - started) * 1000)
        lines.append(f"| {name} | {figures[0]:.1f} | {figures[1]:.1f} |")
    return lines


def main(args) -> int:
    config = data.prepare(args.graph)
    names = list(QUERIES)
    parts = {name: alone(config, accept, q, args.repeat) for name, (accept, q) in QUERIES.items()}
    loaded, rates = {}, {}
    with running_server(config.store_dir, timeout=900) as base, servers.oxigraph(config) as peer:
        ours = servers.Target("ours", base + "/sparql")
        for name, (accept, q) in QUERIES.items():
            loaded[name], rates[name] = roles(ours, accept, q, args.duration)
            peer_roles, peer_rate = roles(peer, accept, q, args.duration)
            loaded[name]["oxigraph serve (all of it)"] = sum(peer_roles.values())
            rates[name] = f"{rates[name]:,.0f} req/s (oxigraph {peer_rate:,.0f})"
    lines = [f"Per-request breakdown, graph `{args.graph}`: CPU µs per request.", "",
             "Each part alone, in-process (median of 5 rounds):", "",
             "| part | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for part in parts[names[0]]:
        lines.append(f"| {part} | " + " | ".join(f"{parts[n][part]:,.0f}" for n in names) + " |")
    lines += ["", f"The server under 8 clients for {args.duration:g} s (CPU per request, all processes of each kind):", "",
              "| processes | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for role in ("web workers", "query processes", "oxigraph serve (all of it)"):
        lines.append(f"| {role} | " + " | ".join(f"{loaded[n].get(role, 0):,.0f}" for n in names) + " |")
    lines.append("| throughput | " + " | ".join(rates[n] for n in names) + " |")
    lines += ["", "The guard on hostile text (CPU ms):", "", *hostile(), "", f"Machine load: {os.getloadavg()}"]
    print("\n".join(lines))
    return 0


def add_arguments(p) -> None:
    p.add_argument("--graph", default="seed", help="seed, or the size of a generated graph (default seed)")
    p.add_argument("--repeat", type=int, default=200, help="calls per part and round (default 200)")
    p.add_argument("--duration", type=float, default=5, help="seconds of load per query (default 5)")
