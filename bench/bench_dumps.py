"""Dumps of a large graph: written once per store generation (first request), then served from disk.

For each dump: pyoxigraph's own dump of the same store (Store.dump of the whole dataset, in a
process of its own) as the peer rate; the time `kg dump` takes to write ours; then the dump fetched
from `kg serve` over HTTP, its rate as a ratio to the peer's, and how much the server's processes
grew meanwhile (memory must not grow with the graph: files are streamed)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

import data
from kg.testing import KG, running_server

PEER = """import sys, pyoxigraph
fmt = getattr(pyoxigraph.RdfFormat, sys.argv[3])
graph = {} if fmt.supports_datasets else {"from_graph": pyoxigraph.DefaultGraph()}
pyoxigraph.Store.read_only(sys.argv[1]).dump(sys.argv[2], format=fmt, **graph)"""


def child_run(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one command (its own rusage, via wait4)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), cmd)
    return time.monotonic() - started, usage.ru_maxrss / 1024


def rss_mib(session: int) -> float:
    """Resident memory of every process of a session (a server and its workers), in MiB."""
    total = 0
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if os.getsid(int(p.name)) != session:
                    continue
                total += next(int(x.split()[1]) for x in (p / "status").read_text().splitlines() if x.startswith("VmRSS:"))
            except (OSError, StopIteration):
                continue
    return total / 1024


def fetch(url: str, session: int) -> tuple[int, float, float]:
    """Bytes, seconds, and the peak growth of the server's memory while streaming `url`."""
    base = rss_mib(session)
    peak = [base]
    done = threading.Event()

    def watch():
        while not done.wait(0.05):
            peak[0] = max(peak[0], rss_mib(session))

    watcher = threading.Thread(target=watch)
    watcher.start()
    size, started = 0, time.monotonic()
    with requests.get(url, headers={"Accept-Encoding": "identity"}, stream=True, timeout=3600) as r:
        r.raise_for_status()
        for chunk in r.iter_content(1 << 20):
            size += len(chunk)
    seconds = time.monotonic() - started
    done.set()
    watcher.join()
    return size, seconds, peak[0] - base


def main(args) -> int:
    config = data.prepare(args.graph)
    store = str(Path(config.store_dir).resolve())
    lines = [f"Dumps of graph `{args.graph}`:", "",
             "| dump | size MiB | pyoxigraph's dump s (MiB/s) | kg dump s | first request s | served s (MiB/s) "
             "| served ÷ pyoxigraph rate | server memory growth MiB |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(dir=Path(config.store_dir).parent) as tmp:
        tmp = Path(tmp)
        with running_server(config.store_dir, workers=1, timeout=900) as url:
            session = os.getsid(next(int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and
                                     url.rsplit(":", 1)[1].encode() in (p / "cmdline").read_bytes()))
            for name, file, peer_format in (("nquads", "dipkg.nq", "N_QUADS"), ("turtle", "dipkg.ttl", "TURTLE")):
                peer_out = tmp / f"peer.{name}"
                peer_s, _ = child_run([sys.executable, "-c", PEER, store, str(peer_out), peer_format])
                peer_mib = peer_out.stat().st_size / 2**20
                peer_out.unlink()
                ours_s, _ = child_run([KG, "dump", "--store", str(config.store_dir), "--format", name,
                                       "--output", str(tmp / f"ours.{name}")])
                (tmp / f"ours.{name}").unlink()
                started = time.monotonic()   # the first request writes this generation's file
                requests.head(f"{url}/dumps/{file}", headers={"Accept-Encoding": "identity"}, timeout=3600).raise_for_status()
                first = time.monotonic() - started
                size, served, grew = fetch(f"{url}/dumps/{file}", session)
                mib = size / 2**20
                lines.append(f"| {file} | {mib:.0f} | {peer_s:.1f} ({peer_mib / peer_s:.0f}) | {ours_s:.1f} | {first:.1f} "
                             f"| {served:.1f} ({mib / served:.0f}) | {(mib / served) / (peer_mib / peer_s):.1f}× | {grew:.0f} |")
                print(lines[-1], flush=True)
    print("\n".join(lines))
    return 0


def add_arguments(p) -> None:
    p.add_argument("--graph", default="seed", help="seed, or the size of a generated graph, e.g. 10M (default seed)")
