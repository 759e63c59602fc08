"""Saved queries: median latency of /queries/NAME (typed binding, and for a paginated query the page
plus the COUNT behind rel="last") next to /sparql answering the same query with the same values.

    .venv/bin/python bench/run.py saved [--repeat N]   (N requests per query and side, default 30)

The peer query is the saved text with the default values appended as a VALUES clause: a benchmark
may write terms into text (serialised by pyoxigraph); the product never does."""
from __future__ import annotations

import requests
from common import median_ms, seed_store

from kg.query import saved
from kg.testing import running_server


def checked(response: requests.Response) -> requests.Response:
    response.raise_for_status()
    return response


def add_arguments(p) -> None:
    p.add_argument("--repeat", type=int, default=30)


def main(args) -> int:
    with seed_store() as (config, _):
        with running_server(config.store_dir) as url:
            print(f"{'query':28} {'/queries/NAME ms':>17} {'/sparql ms':>11}  rows")
            for q in sorted(saved.catalogue(config).values(), key=lambda q: q.name):
                if "SERVICE" in q.sparql:
                    continue
                subs = saved.bind(q, {}, config)
                text = q.sparql
                if subs:
                    names = " ".join(str(v) for v in subs)
                    text += f"VALUES ({names}) {{ ({' '.join(str(t) for t in subs.values())}) }}\n"
                mine = median_ms(lambda q=q: checked(requests.get(f"{url}/queries/{q.name}", timeout=60)), args.repeat)
                peer = median_ms(lambda text=text: checked(requests.post(f"{url}/sparql", data={"query": text},
                                                               headers={"Accept": "application/sparql-results+json"},
                                                               timeout=60)), args.repeat)
                rows = len(requests.get(f"{url}/queries/{q.name}", timeout=60).json()["results"]["bindings"])
                print(f"{q.name:28} {mine:17.1f} {peer:11.1f}  {rows}{' (a page)' if q.pagination else ''}")
    return 0
