"""Saved queries: median latency of /queries/NAME (typed binding, and for a paginated query the page
plus the COUNT behind rel="last") next to /sparql answering the same query with the same values;
then search: /search?q= (the index over labels, aliases, titles and quotes; its target is 100 ms)
next to the `search` saved query, which finds the same names by SPARQL.

    .venv/bin/python bench/run.py saved [--repeat N]   (N requests per query and side, default 30)

The peer query is the saved text with the default values bound in a VALUES block at the start of its
group (workloads.with_defaults)."""
from __future__ import annotations

import statistics
import time

import requests
from workloads import examples, local_saved, with_defaults

import data
from kg.testing import running_server


def checked(response: requests.Response) -> requests.Response:
    response.raise_for_status()
    return response


def timings_ms(call, repeat: int) -> list[float]:
    call()   # warm up: query processes start lazily, the search index is built on first use
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def median_ms(call, repeat: int) -> float:
    return statistics.median(timings_ms(call, repeat))


SEARCHES = ("peru", "acuerdo", "Blinken Lima", "migración", "critical minerals", "seguridad ciudadana")


def add_arguments(p) -> None:
    p.add_argument("--repeat", type=int, default=30)


def main(args) -> int:
    config = data.prepare("seed")
    with running_server(config.store_dir) as url:
        print(f"{'query':28} {'/queries/NAME ms':>17} {'/sparql ms':>11}  rows")
        for q in local_saved(config):
            text = with_defaults(q, config)
            mine = median_ms(lambda q=q: checked(requests.get(f"{url}/queries/{q.name}", params=examples(q),
                                                              timeout=60)), args.repeat)
            peer = median_ms(lambda text=text: checked(requests.post(f"{url}/sparql", data={"query": text},
                                                           headers={"Accept": "application/sparql-results+json"},
                                                           timeout=60)), args.repeat)
            rows = len(requests.get(f"{url}/queries/{q.name}", params=examples(q), timeout=60).json()["results"]["bindings"])
            print(f"{q.name:28} {mine:17.1f} {peer:11.1f}  {rows}{' (a page)' if q.pagination else ''}")
        print(f"\n{'search':28} {'/search p50 ms':>17} {'p99 ms':>8} {'saved search p50 ms':>20}  hits")
        for text in SEARCHES:
            index = timings_ms(lambda text=text: checked(requests.get(f"{url}/search", params={"q": text}, timeout=60,
                                                                      headers={"Accept": "application/json"})),
                               args.repeat)
            peer = median_ms(lambda text=text: checked(requests.get(f"{url}/queries/search", timeout=60,
                                                                    params={"text": text, "format": "json"})),
                             args.repeat)
            hits = len(requests.get(f"{url}/search", params={"q": text}, headers={"Accept": "application/json"},
                                    timeout=60).json()["results"])
            p99 = statistics.quantiles(index, n=100)[98]
            print(f"{text:28} {statistics.median(index):17.1f} {p99:8.1f} {peer:20.1f}  {hits}")
    return 0
