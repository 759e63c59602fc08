"""The stack's own ceiling: how fast gunicorn and Flask alone answer, next to oxigraph serve and ours.

`flask-alone` is a Flask app that answers each benchmark query with the bytes `oxigraph serve`
answered it with, looked up in a dictionary (no store, no query, no guard, no time limit), served
by gunicorn exactly as `kg serve` runs the endpoint (its worker class, workers and threads). It is
measured with the same load generator, clients and rounds as `oxigraph serve` and `kg serve`
answering the same queries. No endpoint built on Flask and gunicorn answers faster than this app:
its ratio to oxigraph bounds what ours can reach; ours over it is what our own work costs.

A second bound adds the query's own work: pyoxigraph evaluating each query and serialising its answer
natively, in this process (CPU per query, the same engine as oxigraph's). An endpoint that spent
nothing else, on this machine's cores, would answer at most cores ÷ (flask-alone's server CPU per
request + that CPU) requests per second: killable queries, the guard and the limits all come on top."""
from __future__ import annotations

import base64
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_endpoint as endpoint
import load
import pyoxigraph
import requests
import targets as servers
import workloads as queries

import data
from kg.testing import _wait, free_port
from kg.web.server import threads

ANSWERS = "KG_BENCH_ANSWERS"   # the file of answers the app serves, set for its workers


def lookup_app():
    """The Flask app gunicorn serves: each query's recorded answer, or 404."""
    from flask import Flask, Response, request

    answers = {q: (kind, base64.b64decode(body)) for q, (kind, body) in json.loads(Path(os.environ[ANSWERS]).read_text()).items()}
    app = Flask("flask-alone")

    @app.get("/sparql")
    def sparql():
        kind, body = answers.get(request.args.get("query", ""), ("text/plain", b""))
        return Response(body, content_type=kind, status=200 if body else 404)

    return app


def record(peer: servers.Target, work: dict[str, list[tuple[str, str]]], path: Path) -> None:
    """The peer's answer to every query of the workloads, for the app to serve."""
    out = {}
    for items in work.values():
        for accept, query in items:
            r = requests.get(peer.endpoint, params={"query": query}, headers={"Accept": accept}, timeout=600)
            r.raise_for_status()
            out[query] = (r.headers["Content-Type"], base64.b64encode(r.content).decode())
    path.write_text(json.dumps(out))


def evaluation_ms(store: pyoxigraph.Store, items: list[tuple[str, str]], rounds: int = 5) -> float:
    """CPU ms per query of pyoxigraph evaluating the queries and serialising their answers natively
    (median over rounds of the mean over the queries)."""
    def answer(accept: str, query: str) -> bytes:
        result = store.query(query)
        if accept == queries.JSON:
            return result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
        return pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.TURTLE)

    for accept, query in items:   # warm the store's caches, as a serving store's are
        answer(accept, query)
    figures = []
    for _ in range(rounds):
        started = time.process_time()
        for accept, query in items:
            answer(accept, query)
        figures.append((time.process_time() - started) / len(items) * 1000)
    return statistics.median(figures)


@contextlib.contextmanager
def flask_alone(config, answers: Path, workers: int):
    """The lookup app under gunicorn, with `kg serve`'s worker class, workers and threads."""
    port = free_port()
    here = Path(__file__).resolve().parent
    cmd = [sys.executable, "-m", "gunicorn", "--chdir", str(here), "--workers", str(workers),
           "--worker-class", "kg.web.worker.BufferingWorker", "--threads", str(threads(config)),
           "--bind", f"127.0.0.1:{port}", "bench_ceiling:lookup_app()"]
    env = {**os.environ, ANSWERS: str(answers), "PYTHONPATH": os.pathsep.join([str(data.ROOT), str(here)])}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(f"http://127.0.0.1:{port}/sparql?query=", proc, 60)
        yield servers.Target("flask-alone", f"http://127.0.0.1:{port}/sparql")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(10)


def main(args) -> int:
    load.require()
    config = data.prepare(args.graph)
    work = {k: v for k, v in queries.workloads(config).items() if k in args.workloads.split(",")}
    with contextlib.ExitStack() as stack:
        ours = stack.enter_context(servers.ours(config, workers=args.workers))
        peer = stack.enter_context(servers.oxigraph(config))
        answers = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "answers.json"
        record(peer, work, answers)
        alone = stack.enter_context(flask_alone(config, answers, args.workers))
        targets = [ours, peer, alone]
        endpoint.check(targets, work)
        results, loads = endpoint.measure(targets, work, [args.clients], args.rounds, args.duration,
                                          log=lambda s: print(s, flush=True))
    names = [t.name for t in targets]
    store = pyoxigraph.Store.read_only(str(Path(config.store_dir).resolve()))
    evaluation = {w: evaluation_ms(store, items) for w, items in work.items()}
    print(f"\nMachine: {endpoint.machine()}.\nLoad during the run: {'; '.join(loads)}.\n")
    print(f"**{args.clients} clients**\n\n{endpoint.table(results, names, list(work), args.clients)}\n")
    for w in work:
        f = {t: results[(t, w, args.clients)] for t in names}
        bound = 1000 * (os.cpu_count() or 1) / (f["flask-alone"].server_ms + evaluation[w])
        print(f"- {w}: flask-alone answers at {f['flask-alone'].rps / f['oxigraph'].rps:.2f}× oxigraph serve "
              f"(the most any Flask/gunicorn endpoint can reach); with the query's own work (pyoxigraph: "
              f"{evaluation[w]:.2f} ms CPU per query) at most {bound:,.0f} req/s, {bound / f['oxigraph'].rps:.2f}× "
              f"oxigraph; ours at {f['ours'].rps / f['oxigraph'].rps:.2f}×, {f['ours'].rps / f['flask-alone'].rps:.2f}× flask-alone")
    return 0


def add_arguments(p) -> None:
    p.add_argument("--graph", default="seed", help="seed, or the size of a generated graph (default seed)")
    p.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    p.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    p.add_argument("--duration", type=float, default=3, help="seconds per measurement (default 3)")
    p.add_argument("--workloads", default="point,mix", help="workloads (default point,mix)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers, for ours and flask-alone (default 2)")
