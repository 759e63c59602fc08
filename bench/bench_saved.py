"""Saved queries: median latency of /queries/NAME (typed binding, and for a paginated query the page
plus the COUNT behind rel="last") next to /sparql answering the same query with the same values.

    .venv/bin/python bench/run.py saved [--repeat N]   (N requests per query and side, default 30)

The peer query is the saved text with the default values appended as a VALUES clause
(workloads.with_defaults)."""
from __future__ import annotations

import statistics
import time

import requests
from workloads import local_saved, with_defaults

import data
from kg.testing import running_server


def checked(response: requests.Response) -> requests.Response:
    response.raise_for_status()
    return response


def median_ms(call, repeat: int) -> float:
    call()   # warm up: query processes start lazily
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def add_arguments(p) -> None:
    p.add_argument("--repeat", type=int, default=30)


def main(args) -> int:
    config = data.prepare("seed")
    with running_server(config.store_dir) as url:
        print(f"{'query':28} {'/queries/NAME ms':>17} {'/sparql ms':>11}  rows")
        for q in local_saved(config):
            text = with_defaults(q, config)
            mine = median_ms(lambda q=q: checked(requests.get(f"{url}/queries/{q.name}", timeout=60)), args.repeat)
            peer = median_ms(lambda text=text: checked(requests.post(f"{url}/sparql", data={"query": text},
                                                           headers={"Accept": "application/sparql-results+json"},
                                                           timeout=60)), args.repeat)
            rows = len(requests.get(f"{url}/queries/{q.name}", timeout=60).json()["results"]["bindings"])
            print(f"{q.name:28} {mine:17.1f} {peer:11.1f}  {rows}{' (a page)' if q.pagination else ''}")
    return 0
