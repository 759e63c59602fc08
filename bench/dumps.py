"""Dumps under load: time and peak memory to write each dump of a scaled-up graph, next to the
`oxigraph dump` command on the same store; and the memory a server worker gains while streaming
the largest dump to a client (bounded memory: it should not grow with the file).

    .venv/bin/python bench/bench_dumps.py [--scale N]   (N copies of the seed graph, default 100)"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import build  # noqa: E402
from kg.config import Config  # noqa: E402
from kg.store.embedded import swap_in, write_generation  # noqa: E402
from kg.testing import KG, running_server  # noqa: E402

OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")


def scaled(seed: Path, target: Path, copies: int, base: str) -> int:
    """`copies` renamed copies of the seed store's quads (every minted IRI gets a -cN suffix)."""
    src = pyoxigraph.Store.read_only(str(seed.resolve()))
    quads = list(src)

    def rename(t, i):
        return pyoxigraph.NamedNode(f"{t.value}-c{i}") if isinstance(t, pyoxigraph.NamedNode) and t.value.startswith(base) else t

    def generate():
        for i in range(copies):
            for q in quads:
                yield pyoxigraph.Quad(rename(q.subject, i), q.predicate, rename(q.object, i), rename(q.graph_name, i))

    swap_in(target, write_generation(target, generate()))
    return len(quads) * copies


def child_run(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one command (its own rusage, via wait4)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return time.monotonic() - started, usage.ru_maxrss / 1024


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers(port: int) -> list[int]:
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                args = (p / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in args and str(port).encode() in args:
                pids.append(int(p.name))
    return pids


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seed = Config.from_env(store_dir=tmp / "seed")
        build(seed)
        store = tmp / "big"
        n = scaled(seed.store_dir, store, args.scale, seed.base_iri)
        print(f"store: {n:,} quads ({args.scale} copies of the seed graph)")
        print(f"{'dump':<12} {'kg dump s':>10} {'MiB':>8} {'size MiB':>9}   peer")
        for fmt, peer in (("nquads", "nq"), ("trig", "trig"), ("turtle", None), ("nt.gz", None)):
            out = tmp / f"out.{fmt}"
            s, mib = child_run([KG, "dump", "--store", str(store), "--format", fmt, "--output", str(out)])
            line = f"{fmt:<12} {s:>10.2f} {mib:>8.0f} {out.stat().st_size / 2**20:>9.1f}"
            if peer:
                peer_out = tmp / f"peer.{peer}"
                ps, pmib = child_run([OXIGRAPH, "dump", "--location", str(store.resolve()), "--file", str(peer_out)])
                line += f"   oxigraph dump: {ps:.2f} s, {pmib:.0f} MiB"
            print(line)
        with running_server(store, workers=1) as url:
            port = int(url.rsplit(":", 1)[1])
            requests.get(f"{url}/dumps/dipkg.nq", headers={"Accept-Encoding": "identity"}).close()  # written once
            before = {p: rss_mib(p) for p in workers(port)}
            size = 0
            started = time.monotonic()
            with requests.get(f"{url}/dumps/dipkg.nq", headers={"Accept-Encoding": "identity"}, stream=True) as r:
                for chunk in r.iter_content(1 << 16):
                    size += len(chunk)
            seconds = time.monotonic() - started
            grew = max(rss_mib(p) - before.get(p, 0) for p in workers(port))
            print(f"serving dipkg.nq: {size / 2**20:.1f} MiB in {seconds:.2f} s; "
                  f"largest server process grew by {grew:.1f} MiB (file size is the peer figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
