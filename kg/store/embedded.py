"""The embedded store: a persistent pyoxigraph (RocksDB) directory.

`store_dir` is a symbolic link to the current generation; a build writes a new generation beside
it and swaps the link atomically, so a failed or interrupted build never touches what is served."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat

from ..errors import InputError

KEEP_GENERATIONS = 2  # the current one and the one before it, which running readers may still hold


class EmbeddedStore:
    def __init__(self, store: pyoxigraph.Store, path: Path | None = None, generation: str | None = None):
        self._store = store
        self.path = path
        # Fixed when opened: the link may be swapped to a newer build while this one stays open.
        self._generation = generation or (os.path.realpath(path) if path else None)

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> "EmbeddedStore":
        path = Path(path)
        if read_only:
            if not path.exists():
                raise InputError(path, "no store here: run `kg build` first")
            real = os.path.realpath(path)
            return cls(pyoxigraph.Store.read_only(real), path, real)
        return cls(pyoxigraph.Store(str(path)), path)

    @property
    def generation(self) -> str | None:
        """Which build is being read: the directory the store link pointed to when it was opened."""
        return self._generation

    def built_at(self) -> int:
        """When this generation was built, in epoch seconds (its directory is not written after the build)."""
        return int(Path(self._generation).stat().st_mtime)

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None, substitutions=None, base_iri=None):
        """Without `default_graphs` (nor FROM in the query), the default graph is the store's own,
        which the build fills with the union of the named graphs (see write_generation)."""
        kwargs = {}
        if default_graphs is not None:  # [] means an empty default graph
            kwargs["default_graph"] = [NamedNode(g) for g in default_graphs]
        if named_graphs is not None:  # [] means no named graphs at all
            kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
        if substitutions:
            kwargs["substitutions"] = substitutions
        return self._store.query(sparql, base_iri=base_iri, **kwargs)

    def load(self, quads: Iterable[Quad]) -> None:
        self._store.bulk_extend(quads)
        self._store.flush()

    def dump(self, output, format: RdfFormat, *, graph: str | None = None, prefixes: dict | None = None) -> None:
        """Stream one named graph, or the whole dataset: as triples, the union (the default graph);
        in a quads format, every named graph (not the derived default graph)."""
        kwargs = {"prefixes": prefixes} if prefixes else {}
        if graph is not None:
            self._store.dump(output, format=format, from_graph=NamedNode(graph), **kwargs)
        elif format == RdfFormat.N_QUADS:
            # Graph by graph, serialised natively (iterating quads in Python costs several times
            # more): N-Triples lines, each ending in " .\n" (a line break inside a term is always
            # escaped), made quads by naming their graph.
            for g in self._store.named_graphs():
                lines = self._store.dump(format=RdfFormat.N_TRIPLES, from_graph=g)
                output.write(lines.replace(b" .\n", f" {g} .\n".encode()))
        elif format == RdfFormat.TRIG:
            pyoxigraph.serialize(self.quads(), output, format=format, **kwargs)
        else:
            self._store.dump(output, format=format, from_graph=DefaultGraph(), **kwargs)

    def quads(self, graph: str | None = None):
        """The quads of one named graph, or of all of them (never the derived default graph)."""
        if graph:
            return self._store.quads_for_pattern(None, None, None, NamedNode(graph))
        return (q for q in self._store if not isinstance(q.graph_name, DefaultGraph))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def triple_count(self) -> int:
        # Triples of the default graph: the union of the named graphs, each triple once.
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)


def with_union(quads: Iterable[Quad]) -> Iterator[Quad]:
    """Each quad, and its triple in the default graph. The endpoint's default graph is the union of
    the named graphs; pyoxigraph's own union view repeats a triple once per graph holding it, while
    stored so it is a set (RDF merge: the store holds each quad once). Written in the same bulk load
    rather than by a SPARQL INSERT afterwards, which holds the whole union in one transaction."""
    default = DefaultGraph()
    for q in quads:
        yield q
        if not isinstance(q.graph_name, DefaultGraph):
            yield Quad(q.subject, q.predicate, q.object, default)


def write_generation(store_dir: Path, quads: Iterable[Quad]) -> Path:
    """Write quads into a fresh directory beside `store_dir`; nothing is swapped yet."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    new = store_dir.parent / f".{store_dir.name}.building-{os.getpid()}-{time.time_ns()}"
    store = pyoxigraph.Store(str(new))
    try:
        store.bulk_extend(with_union(quads))
        store.flush()
        store.optimize()
    except BaseException:
        del store
        shutil.rmtree(new, ignore_errors=True)
        raise
    del store  # releases RocksDB's lock before the directory is served
    return new


def swap_in(store_dir: Path, new: Path) -> Path:
    """Make `store_dir` point at `new` in one atomic rename, then prune old generations."""
    store_dir = Path(store_dir)
    final = store_dir.parent / f"{store_dir.name}.{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}"
    os.rename(new, final)
    if store_dir.exists() and not store_dir.is_symlink():
        # A plain directory from elsewhere: keep it as an old generation.
        os.rename(store_dir, store_dir.parent / f"{store_dir.name}.legacy-{time.time_ns()}")
    link = store_dir.parent / f".{store_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(final.name, link)
    os.replace(link, store_dir)
    prune(store_dir)
    return final


def prune(store_dir: Path) -> None:
    store_dir = Path(store_dir)
    current = os.path.realpath(store_dir)
    parent = store_dir.parent
    generations = sorted((p for p in parent.glob(f"{store_dir.name}.*") if p.is_dir() and not p.is_symlink()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    for old in generations[KEEP_GENERATIONS:]:
        if os.path.realpath(old) != current:
            shutil.rmtree(old, ignore_errors=True)
    # Derived files (dumps) of generations that are gone.
    for derived in parent.glob(f".{store_dir.name}.*.dumps"):
        if not (parent / derived.name[1:].removesuffix(".dumps")).is_dir():
            shutil.rmtree(derived, ignore_errors=True)
    # Leftovers of interrupted builds.
    for stale in parent.glob(f".{store_dir.name}.building-*"):
        pid = stale.name.split("-")[1]
        if not pid.isdigit() or not Path(f"/proc/{pid}").exists():
            shutil.rmtree(stale, ignore_errors=True)


_open: dict[str, tuple[str, EmbeddedStore]] = {}


def _link(store_dir) -> str:
    """Where the store link points (one system call, where resolving the whole path takes several)."""
    try:
        return os.readlink(store_dir)
    except OSError:   # not a link (a plain directory): its resolved path
        return os.path.realpath(store_dir)


def current(store_dir: Path) -> EmbeddedStore:
    """This process's read-only store, reopened when a build has swapped in a new generation."""
    key = str(store_dir)
    target = _link(key)
    known = _open.get(key)
    if known is None or known[0] != target:
        _open[key] = known = (target, EmbeddedStore.open(store_dir, read_only=True))
    return known[1]
