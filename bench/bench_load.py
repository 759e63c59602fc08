"""Load on a real `kg serve` (issue 12): a crowd of clients for a while, and what it got.

Phases, each on the same server (2 workers, the seed graph, KG_QUERY_TIMEOUT=10):
- mixed: 32 clients for 60 s, each looping over a mix of saved queries (with parameters), heavy
  queries (runaway joins, a memory hog), dump downloads and cheap queries; a client told
  Retry-After waits that long, as a polite crowd does;
- heavy-8 and heavy-32: 8, then 32 clients sending only heavy queries for 20 s.
Throughout, a probe asks /health and a cheap query every 100 ms.

Printed: answers by kind and class (ok; deliberate time-limit and resource-limit 503s; admission
refusals; errors: anything else), latency percentiles per kind and for the probe, and the server's
resident memory (master, workers, query processes) over time. Exit status 1 if any error.

    .venv/bin/python bench/bench_load.py [--clients 32] [--seconds 60] [--heavy-seconds 20]"""
from __future__ import annotations

import argparse
import collections
import contextlib
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import build  # noqa: E402
from kg.config import Config  # noqa: E402
from kg.testing import running_server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOG = ("PREFIX schema: <http://schema.org/> SELECT (STRLEN(?x18) AS ?n) WHERE { ?d schema:text ?x0 "
       + "".join(f" BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(18)) + " } LIMIT 1")
CHEAP = "ASK { ?s a ?class }"
SAVED = [("meetings", {}), ("agreements", {"format": "csv"}), ("actors", {}), ("meetings-of-actor", {"actor": "id/actor/marco-rubio"}),
         ("commitments-by-topic", {"topic": "security"}), ("search", {"text": "Rubio"}), ("timeline", {"from": "2024"}),
         ("agreements-by-status", {"status": "signed"}), ("actors-by-meetings", {"min": "2"})]
DUMPS = ["dipkg.ttl", "dipkg.nt.gz", "dipkg.trig"]
MIX = [("saved", 50), ("heavy", 15), ("dump", 15), ("cheap", 20)]


def classify(status: int, text: str) -> str:
    if status < 400 or status == 304:
        return "ok"
    if status == 503 and ("time limit" in text or "time budget" in text):
        return "timeout (deliberate)"
    if status == 503 and ("memory limit" in text or "CPU limit" in text):
        return "resource limit (deliberate)"
    if status in (503, 429) and "busy" in text:
        return "admission refusal"
    return f"ERROR {status}"


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts: dict = collections.Counter()
        self.times: dict = collections.defaultdict(list)
        self.errors: list = []

    def add(self, kind: str, outcome: str, seconds: float, detail: str = "") -> None:
        with self.lock:
            self.counts[(kind, outcome)] += 1
            self.times[kind].append(seconds)
            if outcome.startswith("ERROR") and len(self.errors) < 10:
                self.errors.append(f"{kind}: {outcome}: {detail[:200]}")


def request(session: requests.Session, url: str, kind: str, rng: random.Random):
    if kind == "saved":
        name, params = rng.choice(SAVED)
        return session.get(f"{url}/queries/{name}", params=params, timeout=60)
    if kind == "heavy":
        query = HOG if rng.random() < 0.2 else RUNAWAY + f" # {rng.randrange(4)}"
        return session.get(f"{url}/sparql", params={"query": query}, timeout=60)
    if kind == "dump":
        r = session.get(f"{url}/dumps/{rng.choice(DUMPS)}", timeout=60, stream=True)
        for _ in r.iter_content(65536):
            pass
        return r
    return session.get(f"{url}/sparql", params={"query": CHEAP}, timeout=60)


def client(url: str, until: float, tally: Tally, mix, seed: int) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*mix)
    with requests.Session() as session:
        while time.monotonic() < until:
            kind = rng.choices(kinds, weights)[0]
            started = time.monotonic()
            try:
                r = request(session, url, kind, rng)
                outcome = classify(r.status_code, r.text if r.status_code >= 400 else "")
                tally.add(kind, outcome, time.monotonic() - started, r.text[:200] if r.status_code >= 400 else "")
                wait = r.headers.get("Retry-After")
                if wait and r.status_code in (429, 503):
                    time.sleep(min(float(wait), max(until - time.monotonic(), 0)))
            except requests.RequestException as exc:
                tally.add(kind, f"ERROR {type(exc).__name__}", time.monotonic() - started, str(exc))


def probe(url: str, stop: threading.Event, tally: Tally) -> None:
    with requests.Session() as session:
        while not stop.is_set():
            for kind, call in (("probe /health", lambda: session.get(url + "/health", timeout=30)),
                               ("probe cheap query", lambda: session.get(url + "/sparql", params={"query": CHEAP},
                                                                         timeout=30))):
                started = time.monotonic()
                try:
                    r = call()
                    tally.add(kind, classify(r.status_code, r.text if r.status_code >= 400 else ""),
                              time.monotonic() - started, r.text[:200])
                except requests.RequestException as exc:
                    tally.add(kind, f"ERROR {type(exc).__name__}", time.monotonic() - started, str(exc))
            stop.wait(0.1)


def server_rss(port: int) -> int:
    """Resident kilobytes of the `kg serve` on `port` and all its descendants."""
    procs = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (p / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                args = (p / "cmdline").read_bytes().split(b"\0")
                rss = next((int(line.split()[1]) for line in (p / "status").read_text().splitlines()
                            if line.startswith("VmRSS:")), 0)
                procs[int(p.name)] = (ppid, args, rss)
    top = {pid for pid, (_, args, _) in procs.items() if b"serve" in args and str(port).encode() in args}
    family, grew = set(top), True
    while grew:
        more = {pid for pid, (ppid, _, _) in procs.items() if ppid in family} - family
        family |= more
        grew = bool(more)
    return sum(procs[p][2] for p in family)


def memory(port: int, stop: threading.Event, samples: list) -> None:
    started = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - started, server_rss(port)))
        stop.wait(1.0)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000 if xs else float("nan")


def report(name: str, tally: Tally, samples: list, seconds: float) -> int:
    print(f"\n== {name}: {seconds:.0f} s")
    kinds = sorted(tally.times)
    total = sum(tally.counts.values())
    print(f"{total} requests, {total / seconds:.1f}/s")
    print(f"{'kind':22} {'n':>6} {'p50 ms':>9} {'p90 ms':>9} {'p99 ms':>9} {'max ms':>9}  outcomes")
    for kind in kinds:
        xs = tally.times[kind]
        outcomes = ", ".join(f"{o}: {n}" for (k, o), n in sorted(tally.counts.items()) if k == kind)
        print(f"{kind:22} {len(xs):6d} {pct(xs, .5):9.1f} {pct(xs, .9):9.1f} {pct(xs, .99):9.1f} {pct(xs, 1):9.1f}  {outcomes}")
    errors = sum(n for (_, o), n in tally.counts.items() if o.startswith("ERROR"))
    print(f"errors (other than deliberate time/resource limits and admission refusals): {errors}")
    for e in tally.errors:
        print("  ", e)
    if samples:
        peak = max(kb for _, kb in samples)
        line = "  ".join(f"{t:.0f}s:{kb / 1024:.0f}" for t, kb in samples[:: max(1, len(samples) // 8)])
        print(f"server RSS (MB, all processes): peak {peak / 1024:.0f}; over time {line}")
    return errors


def phase(url: str, port: int, name: str, clients: int, seconds: float, mix) -> int:
    tally, samples, stop = Tally(), [], threading.Event()
    side = [threading.Thread(target=probe, args=(url, stop, tally)),
            threading.Thread(target=memory, args=(port, stop, samples))]
    for t in side:
        t.start()
    until = time.monotonic() + seconds
    crowd = [threading.Thread(target=client, args=(url, until, tally, mix, i)) for i in range(clients)]
    started = time.monotonic()
    for t in crowd:
        t.start()
    for t in crowd:
        t.join()
    stop.set()
    for t in side:
        t.join()
    return report(name, tally, samples, time.monotonic() - started)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--heavy-seconds", type=float, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config.from_env(store_dir=Path(tmp) / "store")
        build(config)
        env = {"KG_QUERY_TIMEOUT": "10"}
        with running_server(config.store_dir, env=env, workers=2) as url:
            port = int(url.rsplit(":", 1)[1])
            print(f"kg serve at {url}: 2 workers, KG_QUERY_TIMEOUT=10, machine load {os.getloadavg()[0]:.1f}")
            errors = phase(url, port, f"mixed, {args.clients} clients", args.clients, args.seconds, MIX)
            if args.heavy_seconds > 0:
                for n in (8, 32):
                    errors += phase(url, port, f"heavy-{n}: {n} clients of heavy queries only", n,
                                    args.heavy_seconds, [("heavy", 1)])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
