"""The SPARQL endpoint under load, side by side with its peers in one run.

Every target holds the same data (answers are checked to match before timing). Rounds are
interleaved: in each round, for each number of clients and each workload, every target is measured
back to back (in an order that rotates from round to round), so machine noise hits all alike.
Figures per target: requests per second (all requests of all rounds over their time), the median
over rounds of p50/p95/p99 latency, errors, and the ratios to `oxigraph serve`."""
from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace

import load
import pyoxigraph
import requests
import targets as servers
import workloads as queries
from pyoxigraph import RdfFormat

import data


@dataclass
class Figures:
    runs: list[load.Run] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return sum(r.requests for r in self.runs) / max(sum(r.seconds for r in self.runs), 1e-9)

    def pct(self, name: str) -> float:   # nan when no request completed in any round
        done = [getattr(r, name) for r in self.runs if r.requests]
        return statistics.median(done) if done else float("nan")

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.runs)

    @property
    def cpu(self) -> float:   # the load generator's CPU, % of one core
        return 100 * sum(r.cpu for r in self.runs) / max(sum(r.seconds for r in self.runs), 1e-9)

    @property
    def server_ms(self) -> float:   # the server's CPU per request (all its processes), a figure noise hardly moves
        return 1000 * sum(r.server_cpu for r in self.runs) / max(sum(r.requests for r in self.runs), 1)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB memory, {os.uname().sysname} {os.uname().release}"


def uptime() -> str:
    return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def count(accept: str, body: bytes) -> int:
    """Rows of a SELECT (JSON), or triples of a graph (Turtle)."""
    if accept == queries.JSON:
        doc = json.loads(body)
        return len(doc["results"]["bindings"]) if "results" in doc else 1
    return sum(1 for _ in pyoxigraph.parse(io.BytesIO(body), format=RdfFormat.TURTLE))


def check(targets: list[servers.Target], work: dict[str, list[tuple[str, str]]], per_workload: int = 8,
          log=print) -> None:
    """Same answer sizes from every target, for the first queries of each workload (and all saved ones).
    Our result cut at its cap (X-SPARQL-Results-Truncated) matches a peer's that holds more."""
    for name, items in work.items():
        for accept, query in items if name == "saved" else items[:per_workload]:
            sizes, cut = {}, None
            for t in targets:
                r = requests.get(t.endpoint, params={"query": query}, headers={"Accept": accept}, timeout=600)
                if r.status_code != 200:
                    raise SystemExit(f"{t.name} answered {r.status_code} to a {name} query: {r.text[:300]}\n{query}")
                sizes[t.name] = count(accept, r.content)
                if r.headers.get("X-SPARQL-Results-Truncated") == "true":
                    cut = sizes[t.name]
            if cut is not None and all(n >= cut for n in sizes.values()):
                log(f"a {name} query was cut at {cut:,} results by ours (the cap); the peers sent {sizes}")
            elif len(set(sizes.values())) != 1:
                raise SystemExit(f"the targets disagree on a {name} query ({sizes}):\n{query}")


def measure(targets, work, clients: list[int], rounds: int, seconds: float, log=print) -> tuple[dict, list[str]]:
    results: dict[tuple[str, str, int], Figures] = {}
    sessions = {t.name: t.session() for t in targets}
    loads = []
    for r in range(rounds):
        loads.append(f"round {r + 1}: {uptime()}")
        log(loads[-1])
        order = targets[r % len(targets):] + targets[:r % len(targets)]
        for n in clients:
            for name, items in work.items():
                for t in order:
                    before = servers.cpu_seconds(sessions[t.name])
                    run = load.run(t.endpoint, items, n, seconds)
                    run.server_cpu = servers.cpu_seconds(sessions[t.name]) - before
                    servers.settle(sessions[t.name])
                    results.setdefault((t.name, name, n), Figures()).runs.append(run)
    loads.append(f"end: {uptime()}")
    return results, loads


def table(results: dict, names: list[str], work: list[str], n: int) -> str:
    lines = ["| target | workload | req/s | p50 ms | p95 ms | p99 ms | errors | req/s ÷ oxigraph | p99 ÷ oxigraph |"
             " server CPU ms/req | wrk CPU |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for w in work:
        peer = results.get(("oxigraph", w, n))
        for t in names:
            f = results[(t, w, n)]
            ratio = f"{f.rps / peer.rps:.2f}×" if peer else "–"
            p99 = f"{f.pct('p99') / peer.pct('p99'):.2f}×" if peer else "–"
            lines.append(f"| {t} | {w} | {f.rps:,.1f} | {f.pct('p50'):.1f} | {f.pct('p95'):.1f} | {f.pct('p99'):.1f} |"
                         f" {f.errors} | {ratio} | {p99} | {f.server_ms:.2f} | {f.cpu:.0f}% |")
    return "\n".join(lines)


def verdicts(results: dict, work: list[str], clients: list[int]) -> list[str]:
    """The issue's targets, each with the figure that decides it."""
    out = []

    def get(t, w, n):
        return results.get((t, w, n))

    def line(ok, text):
        out.append(f"- [{'x' if ok else ' '}] {text}")

    if 8 in clients and get("oxigraph", "mix", 8):
        ours, peer = get("ours", "mix", 8), get("oxigraph", "mix", 8)
        line(ours.rps >= 0.8 * peer.rps, f"mix at 8 clients ≥ 0.8× oxigraph's throughput: {ours.rps / peer.rps:.2f}×")
        line(ours.pct("p99") <= 1.5 * peer.pct("p99"),
             f"mix p99 at 8 clients ≤ 1.5× oxigraph's: {ours.pct('p99') / peer.pct('p99'):.2f}×")
        pt, pp = get("ours", "point", 8), get("oxigraph", "point", 8)
        if pt and pp:
            line(pt.rps >= 0.3 * pp.rps, f"point lookups at 8 clients ≥ 0.3× oxigraph's: {pt.rps / pp.rps:.2f}×")
    if 8 in clients and get("rdflib", "mix", 8):
        ours, peer = get("ours", "mix", 8), get("rdflib", "mix", 8)
        line(ours.rps >= 10 * peer.rps, f"mix at 8 clients ≥ 10× rdflib-endpoint's: {ours.rps / peer.rps:.1f}×")
        slower = [w for w in work if get("ours", w, 8).rps < get("rdflib", w, 8).rps]
        line(not slower, "no workload slower than rdflib-endpoint at 8 clients"
             + (f" (slower: {', '.join(slower)})" if slower else ""))
    errors = sum(results[("ours", w, n)].errors for w in work for n in clients)
    line(errors == 0, f"zero errors for ours at every load: {errors}")
    if 8 in clients and 32 in clients:
        worst = min(work, key=lambda w: get("ours", w, 32).rps / get("ours", w, 8).rps)
        ratio = get("ours", worst, 32).rps / get("ours", worst, 8).rps
        line(ratio >= 0.8, f"no collapse at 32 clients (throughput within 20% of 8 clients): worst {worst} "
                           f"at {ratio:.2f}× its 8-client figure")
    return out


def main(args) -> int:
    if args.report:
        rerender(Path(args.report))
        return 0
    load.require()
    config = data.prepare(args.graph)
    work = queries.workloads(config)
    if args.workloads:
        work = {k: v for k, v in work.items() if k in args.workloads.split(",")}
    clients = [int(c) for c in args.clients.split(",")]
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    with contextlib.ExitStack() as stack:
        targets = [stack.enter_context(servers.ours(config, args.ours, args.workers)),
                   stack.enter_context(servers.oxigraph(config))]
        triples = len(pyoxigraph.Store.read_only(str(Path(config.store_dir).resolve())))
        if args.rdflib and (args.graph == "seed" or triples <= args.rdflib_max):
            targets.append(stack.enter_context(servers.rdflib(data.export(config))))
        print(f"graph {args.graph}: {triples:,} quads stored; targets: "
              + ", ".join(f"{t.name} {t.endpoint}" for t in targets), flush=True)
        check(targets, work)
        print("answers match between targets", flush=True)
        results, loads = measure(targets, work, clients, args.rounds, args.duration,
                                 log=lambda s: print(s, flush=True))
        write_report(args, results, loads, [t.name for t in targets], list(work), clients, triples, started)
    return 0


def write_report(args, results, loads, names, work, clients, triples, started) -> None:
    report = [f"### Graph `{args.graph}` ({triples:,} quads stored), {started}", "",
              f"Machine: {machine()}.", "Load during the run: " + "; ".join(loads) + ".", ""]
    for n in clients:
        report += [f"**{n} client{'s' if n > 1 else ''}**", "", table(results, names, work, n), ""]
    report += ["Targets:", *verdicts(results, work, clients), ""]
    text = "\n".join(report)
    print(text, flush=True)
    out = data.ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (out / f"endpoint-{args.graph}-{stamp}.md").write_text(text + "\n")
    (out / f"endpoint-{args.graph}-{stamp}.json").write_text(json.dumps(
        {"meta": {"graph": args.graph, "loads": loads, "names": names, "work": work, "clients": clients,
                  "triples": triples, "started": started},
         "runs": {f"{t}|{w}|{n}": [asdict(r) for r in f.runs] for (t, w, n), f in results.items()}}, indent=1))


def rerender(path: Path) -> None:
    """The report of an earlier run, from its JSON file (bench/results/endpoint-*.json)."""
    saved = json.loads(path.read_text())
    meta = saved["meta"]
    results = {}
    for key, runs in saved["runs"].items():
        t, w, n = key.split("|")
        results[(t, w, int(n))] = Figures([load.Run(**r) for r in runs])
    args = SimpleNamespace(graph=meta["graph"])
    write_report(args, results, meta["loads"], meta["names"], meta["work"], meta["clients"], meta["triples"],
                 meta["started"])


def add_arguments(p) -> None:
    p.add_argument("--graph", default="seed", help="seed, or the size of a generated graph: 100k, 10M… (default seed)")
    p.add_argument("--clients", default="1,8,32", help="concurrent clients, comma-separated (default 1,8,32)")
    p.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    p.add_argument("--duration", type=float, default=3, help="seconds per measurement (default 3)")
    p.add_argument("--workloads", help="only these workloads (comma-separated: mix,point,join,aggregate,construct,saved)")
    p.add_argument("--report", metavar="JSON", help="print again the report of an earlier run (bench/results/*.json)")
    p.add_argument("--ours", metavar="URL", help="measure an already-running endpoint (its /sparql URL) as ours")
    p.add_argument("--workers", type=int, help="gunicorn workers of `kg serve` (default: kg serve's own)")
    p.add_argument("--no-rdflib", dest="rdflib", action="store_false", help="leave rdflib-endpoint out")
    p.add_argument("--rdflib-max", type=int, default=1_000_000,
                   help="largest graph (quads) rdflib-endpoint is loaded with (default 1,000,000: it holds it in memory)")
