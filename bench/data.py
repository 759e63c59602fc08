"""The graphs the benchmarks run on, built once and kept under var/bench/ (git-ignored):

- `seed`: the seed documents, built by `kg build` (the real pipeline);
- `<N>` (e.g. `10M`, `100k`): a generated graph of about N triples shaped like ours, written as
  N-Quads and loaded with the store's own writing path (kg.store.embedded.write_generation).

The generator is deterministic: it repeats the seed dataset's named graphs (documents with their
text, evidence annotations and selectors, meetings, commitments, agreements, the gazetteer's actors
and places), each copy with its own identifiers (`…/id/actor/antony-blinken-c17`,
`…/graph/document/000_…-c17`); the ontology is written once. Copy 0 keeps the seed identifiers, so
queries written for the seed graph find the same things in a generated one."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from kg.build.pipeline import build
from kg.config import ROOT, Config
from kg.store.embedded import EmbeddedStore, swap_in, write_generation

HOME = ROOT / "var" / "bench"
_MINTED = re.compile(rb"<(https://w3id\.org/dipkg/(?:id|graph)/(?!ontology>)[^>]*)>")


def size(label: str) -> int:
    """'10M' -> 10_000_000, '100k' -> 100_000."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", label)
    if not m:
        raise ValueError(f"{label!r} is not a graph size such as 100k or 10M")
    return int(float(m.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[m.group(2).lower()])


def seed(root: Path = HOME) -> Config:
    """The seed graph's store (built on first use)."""
    config = Config.from_env(store_dir=root / "seed" / "store")
    if not config.store_dir.exists():
        build(config)
    return config


def generate(triples: int, out: Path, seed_config: Config) -> int:
    """Write about `triples` triples (of the union graph) as N-Quads into `out`; returns the copies made."""
    store = EmbeddedStore.open(seed_config.store_dir)
    ontology = seed_config.base_iri + "graph/ontology"
    shared, copied = [], []
    for q in store.quads():
        (shared if q.graph_name.value == ontology else copied).append(q)
    block = pyoxigraph.serialize(copied, format=RdfFormat.N_QUADS)
    per_copy = store.triple_count() - len(shared)
    copies = max(1, round((triples - len(shared)) / per_copy))
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        f.write(pyoxigraph.serialize(shared, format=RdfFormat.N_QUADS))
        f.write(block)
        for i in range(1, copies):
            suffix = f"-c{i}>".encode()
            f.write(_MINTED.sub(lambda m, s=suffix: b"<" + m.group(1) + s, block))
    tmp.rename(out)
    return copies


def generated(label: str, root: Path = HOME, log=print) -> Config:
    """A store of a generated graph of about `label` triples (generated and loaded on first use)."""
    folder = root / f"gen-{label}"
    config = Config.from_env(store_dir=folder / "store")
    if config.store_dir.exists():
        return config
    folder.mkdir(parents=True, exist_ok=True)
    nquads = folder / "data.nq"
    if not nquads.exists():
        started = time.monotonic()
        copies = generate(size(label), nquads, seed(root))
        log(f"generated {nquads} ({copies} copies of the seed graph, {nquads.stat().st_size / 2**20:.0f} MiB) "
            f"in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    quads = pyoxigraph.parse(path=str(nquads), format=RdfFormat.N_QUADS)
    swap_in(config.store_dir, write_generation(config.store_dir, quads))
    log(f"loaded it into {config.store_dir} in {time.monotonic() - started:.0f} s")
    return config


def prepare(graph: str, root: Path = HOME, log=print) -> Config:
    return seed(root) if graph == "seed" else generated(graph, root, log)


def export(config: Config) -> Path:
    """The whole stored dataset as N-Quads, default graph included (what a peer loads to hold
    exactly our data: the named graphs and their union as a set)."""
    out = Path(config.store_dir).parent / "dataset.nq"
    if not out.exists():
        tmp = out.with_suffix(".tmp")
        pyoxigraph.Store.read_only(str(Path(config.store_dir).resolve())).dump(str(tmp), format=RdfFormat.N_QUADS)
        tmp.rename(out)
    return out
