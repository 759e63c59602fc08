"""`kg build` into a remote store: every graph replaced through the Graph Store Protocol, each one at once.

Readers never see half a document: each graph is first PUT whole into a staging graph of its own
(nothing reads those), and only when every graph has been staged is each one moved under its real
name by a SPARQL `MOVE`, which a store applies as one update. A build that fails while staging
drops its staging graphs and leaves the previous graph as it was. Then graphs of documents that
are gone are dropped, the union default graph is written anew (see remote.py), and the build stamp
is written last: front ends see the new build from then on."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from pyoxigraph import DefaultGraph, Literal, Quad, RdfFormat, serialize

from ..errors import InputError
from ..vocab import XSD
from .remote import BUILD_GRAPH, INTERNAL, MODIFIED, PREVIOUS, STAMP, UNION, RemoteError, RemoteStore

log = logging.getLogger(__name__)
STAGING = INTERNAL + "staging:"
MOVES_PER_UPDATE = 50     # graphs swapped by one update request (each move is atomic on its own)
DROPS_PER_UPDATE = 200
UPDATE_SECONDS = 3600.0   # a union of millions of triples takes a while to write


@dataclass
class Published:
    stamp: str
    graphs: int
    dropped: list[str]


def group(quads: Iterable[Quad]) -> dict[str, list]:
    """Triples by named graph; a build writes only named graphs (the default graph is derived)."""
    graphs: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, DefaultGraph):
            raise ValueError(f"a quad in the default graph: {q}; the build writes named graphs only")
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    return graphs


def _iri(g: str) -> str:
    return f"<{g}>"


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _graphs_with_prefix(store: RemoteStore, prefix: str) -> list[str]:
    rows = store.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{prefix}")) }}',
                       default_graphs=[], named_graphs=None, timeout=UPDATE_SECONDS)
    return sorted(r["g"].value for r in rows)


def _drop(store: RemoteStore, graphs: list[str]) -> None:
    for batch in _batches(graphs, DROPS_PER_UPDATE):
        store.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in batch), timeout=UPDATE_SECONDS)


def _previous(store: RemoteStore):
    try:
        return store.build()
    except InputError:  # no build in this store yet
        return None


def publish(store: RemoteStore, quads: Iterable[Quad], graphs_prefix: str) -> Published:
    """Replace the dataset in `store` by `quads` (named graphs under `graphs_prefix` only)."""
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
    graphs = group(quads)
    outside = [g for g in graphs if not g.startswith(graphs_prefix)]
    if outside:
        raise ValueError(f"graph {outside[0]} is not under {graphs_prefix}")
    before = _previous(store)
    _drop(store, _graphs_with_prefix(store, STAGING))   # left by a build that was interrupted

    staged = {}
    try:
        for n, (graph, triples) in enumerate(graphs.items()):
            staged[graph] = f"{STAGING}{stamp}:{n}"
            store.put(staged[graph], serialize(triples, format=RdfFormat.N_TRIPLES) or b"", timeout=UPDATE_SECONDS)
    except BaseException:
        _drop_quietly(store, list(staged.values()))
        raise
    log.info("staged %d graphs", len(staged))

    for batch in _batches(list(staged.items()), MOVES_PER_UPDATE):
        store.update(" ;\n".join(f"MOVE SILENT {_iri(s)} TO {_iri(g)}" for g, s in batch), timeout=UPDATE_SECONDS)
    gone = [g for g in _graphs_with_prefix(store, graphs_prefix) if g not in graphs]
    _drop(store, gone)

    everything = f'GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{graphs_prefix}"))'
    dialect = store.dialect
    union = None
    if dialect.union_graph:   # a graph of its own, swapped in by the stamp below
        union = f"{INTERNAL}union:{stamp}"
        store.update(f"{dialect.unlogged}INSERT {{ GRAPH {_iri(union)} {{ ?s ?p ?o }} }} WHERE {{ {everything} }}",
                     timeout=UPDATE_SECONDS)
    else:                     # the store's own default graph, replaced in one update
        store.update(f"DROP SILENT DEFAULT ;\nINSERT {{ ?s ?p ?o }} WHERE {{ {everything} }}", timeout=UPDATE_SECONDS)

    previous = before.union if before else None
    modified = Literal(datetime.now().astimezone().isoformat(timespec="seconds"), datatype=XSD.dateTime)
    facts = [f"{STAMP} {Literal(stamp)}", f"{MODIFIED} {modified}"]
    facts += [f"{UNION} {_iri(union)}"] if union else []
    facts += [f"{PREVIOUS} {_iri(previous)}"] if union and previous else []
    store.update(f"DROP SILENT GRAPH {_iri(BUILD_GRAPH)} ;\n"
                 f"INSERT DATA {{ GRAPH {_iri(BUILD_GRAPH)} {{ {_iri(BUILD_GRAPH)} {' ; '.join(facts)} }} }}")
    if union:  # older unions: no reader can still be on them (the previous one stays one more build)
        _drop(store, [g for g in _graphs_with_prefix(store, INTERNAL + "union:") if g not in (union, previous)])
    return Published(stamp, len(graphs), gone)


def _drop_quietly(store: RemoteStore, graphs: list[str]) -> None:
    try:
        _drop(store, graphs)
    except RemoteError as exc:
        log.warning("staging graphs left behind (the next build drops them): %s", exc)
