"""The SPARQL endpoint: what running every query in a killable process costs, side by side with peers.

    .venv/bin/python bench/bench_sparql.py [--repeat N]   (N runs per query and side, default 50)

1. kg.query.run.run (check + query process + serialisation) next to the same query run in-process
   with pyoxigraph and serialised by kg.query.results: the per-query price of cancellability.
2. /sparql of `kg serve` next to `oxigraph serve` (PyPI) holding the same quads, over HTTP.
3. The query check on hostile text of growing size: it must grow linearly (it runs in the worker,
   before any time limit applies)."""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import requests
from common import median_ms, seed_store
from pyoxigraph import RdfFormat

from kg.errors import ClientError
from kg.query.guard import inspect
from kg.query.results import render
from kg.query.run import run
from kg.store.embedded import current
from kg.testing import oxigraph_server, running_server

QUERIES = {
    "ask": "ASK { ?s a ?class }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "labels (~1k rows)": "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
    "construct all": "CONSTRUCT WHERE { ?s ?p ?o }",
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    args, _ = ap.parse_known_args()
    with seed_store() as (config, tmp):
        store = current(config.store_dir)

        print("1. one query: run() in a query process vs in-process pyoxigraph, same serialisation")
        print(f"   {'query':20} {'run() ms':>15} {'in-process ms':>14}")
        for name, q in QUERIES.items():
            pooled = median_ms(lambda q=q: run(config, q), args.repeat)
            local = median_ms(lambda q=q: render(store.query(q), max_results=config.max_results), args.repeat)
            print(f"   {name:20} {pooled:15.2f} {local:14.2f}")

        print("2. over HTTP: /sparql of kg serve vs oxigraph serve (same quads, union default graph asked for)")
        nquads = Path(tmp) / "all.nq"
        with nquads.open("wb") as f:
            store.dump(f, format=RdfFormat.N_QUADS)
        with running_server(config.store_dir) as ours, oxigraph_server() as peer:
            r = requests.post(peer + "/store", data=nquads.read_bytes(), headers={"Content-Type": "application/n-quads"})
            r.raise_for_status()
            print(f"   {'query':20} {'kg serve ms':>12} {'oxigraph ms':>12}")
            for name, q in QUERIES.items():
                accept = {"Accept": "text/turtle" if q.startswith("CONSTRUCT") else "application/sparql-results+json"}
                a = median_ms(lambda q=q, accept=accept: requests.get(ours + "/sparql", params={"query": q}, headers=accept),
                              args.repeat)
                b = median_ms(lambda q=q, accept=accept: requests.get(peer + "/query", params={"query": q, "union-default-graph": ""},
                                                   headers=accept), args.repeat)
                print(f"   {name:20} {a:12.2f} {b:12.2f}")

        print("3. the query check on hostile text (should grow linearly with size)")
        print(f"   {'input':28} {'100 kB ms':>10} {'400 kB ms':>10}")
        for name, unit in [("dotted names 'a.a.a…'", "a."), ("unclosed long string", '"""x'),
                           ("'<' runs", "<"), ("'service a.' runs", "service a.")]:
            figures = []
            for size in (100_000, 400_000):
                text = "SELECT * { ?s ?p ?o } " + unit * (size // len(unit))
                t = time.perf_counter()
                with contextlib.suppress(ClientError):
                    inspect(text)
                figures.append((time.perf_counter() - t) * 1000)
            print(f"   {name:28} {figures[0]:10.1f} {figures[1]:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
