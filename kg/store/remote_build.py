"""`kg build` into a remote store: every graph replaced through the Graph Store Protocol, each one at once.

Each graph that changed since the last build (the build graph keeps a digest of each) is first PUT
whole into a staging graph that nothing reads; only when every one has been staged are they moved
under their real names by SPARQL `MOVE`s, each of which a store applies as one update; graphs that
did not change are not touched (the first build, which no reader waits for, writes each graph in
place). A build that fails while staging drops its staging graphs and leaves the previous graph as
it was. Then graphs of documents that are gone are dropped, the union default graph is written anew
(see remote.py: in the store's default graph by one update, or into a graph of its own by GSP POSTs
of every graph), and the build stamp is written last: front ends see the new build from then on.

On a store whose readers see writes before they are committed (Virtuoso), a MOVE is visible while it
runs: there the default graph, which a new build swaps in whole with its stamp, is what readers
always see whole; a query naming a document's graph while that document is being replaced may see
part of it."""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from pyoxigraph import DefaultGraph, Literal, Quad

from ..errors import InputError
from ..vocab import XSD
from .remote import BUILD_GRAPH, DIGEST, DIGESTS_GRAPH, INTERNAL, MODIFIED, STAMP, UNION, RemoteError, RemoteStore

log = logging.getLogger(__name__)
STAGING = INTERNAL + "staging:"
MOVES_PER_UPDATE = 50     # graphs swapped by one update request (each move is atomic on its own)
DROPS_PER_UPDATE = 200
UNION_POST_BYTES = 16 << 20   # N-Triples sent to the union graph by one request
UPDATE_SECONDS = 3600.0   # a union of millions of triples takes a while to write


@dataclass
class Published:
    stamp: str
    graphs: int
    replaced: list[str]
    dropped: list[str]


def group(quads: Iterable[Quad]) -> dict:
    """Each named graph as N-Triples, lines sorted (so equal graphs give equal bytes); a build writes
    only named graphs (the default graph is derived)."""
    graphs: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, DefaultGraph):
            raise ValueError(f"a quad in the default graph: {q}; the build writes named graphs only")
        # pyoxigraph writes terms in N-Triples syntax; a line of text weighs less than a Triple.
        graphs.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    for g, lines in graphs.items():  # each list goes as soon as its graph is written
        graphs[g] = "".join(sorted(set(lines))).encode()
    return graphs


def _iri(g: str) -> str:
    return f"<{g}>"


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _chunks(bodies: list[bytes], size: int):
    """Bodies grouped into runs of about `size` bytes (one request each)."""
    run, length = [], 0
    for body in bodies:
        run.append(body)
        length += len(body)
        if length >= size:
            yield run
            run, length = [], 0
    if run:
        yield run


def _graphs_with_prefix(store: RemoteStore, prefix: str) -> list[str]:
    rows = store.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{prefix}")) }}',
                       default_graphs=[], timeout=UPDATE_SECONDS)
    return sorted(r["g"].value for r in rows)


def _digests(store: RemoteStore) -> dict[str, str]:
    """The digest of each graph as the last build wrote it."""
    rows = store.query(f"SELECT ?g ?d WHERE {{ GRAPH <{DIGESTS_GRAPH}> {{ ?g <{DIGEST.value}> ?d }} }}",
                       default_graphs=[], named_graphs=[DIGESTS_GRAPH], timeout=UPDATE_SECONDS)
    return {r["g"].value: r["d"].value for r in rows}


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
    started = time.monotonic()
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
    graphs = group(quads)
    outside = [g for g in graphs if not g.startswith(graphs_prefix)]
    if outside:
        raise ValueError(f"graph {outside[0]} is not under {graphs_prefix}")
    digests = {g: hashlib.sha256(body).hexdigest() for g, body in graphs.items()}
    before = _previous(store)
    existing = set(_graphs_with_prefix(store, graphs_prefix))
    known = _digests(store) if before else {}
    changed = [g for g in graphs if g not in existing or known.get(g) != digests[g]]
    _drop(store, _graphs_with_prefix(store, STAGING))   # left by a build that was interrupted

    staged = {}
    try:
        for n, graph in enumerate(changed):
            # A store with no build yet has no reader: its graphs are written in place, once.
            staged[graph] = f"{STAGING}{stamp}:{n}" if before else graph
            store.put(staged[graph], graphs[graph], timeout=UPDATE_SECONDS)
    except BaseException:
        _drop_quietly(store, list(staged.values()))
        raise
    staged = {g: s for g, s in staged.items() if s != g}
    log.info("staged %d changed graphs of %d (%.1f s)", len(staged), len(graphs), time.monotonic() - started)

    for batch in _batches(list(staged.items()), MOVES_PER_UPDATE):
        store.update(" ;\n".join(f"MOVE SILENT {_iri(s)} TO {_iri(g)}" for g, s in batch), timeout=UPDATE_SECONDS)
    gone = sorted(existing - set(graphs))
    _drop(store, gone)
    log.info("moved them into place, dropped %d (%.1f s)", len(gone), time.monotonic() - started)

    union = None
    if store.dialect.union_graph:   # a graph of its own, sent like the others, swapped in by the stamp below
        union = f"{INTERNAL}union:{stamp}"
        for bodies in _chunks(list(graphs.values()), UNION_POST_BYTES):
            store.put(union, b"".join(bodies), method="POST", timeout=UPDATE_SECONDS)  # a graph is a set
    elif staged or gone or not before:   # the store's own default graph, replaced in one update
        everything = f'GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{graphs_prefix}"))'
        store.update(f"DROP SILENT DEFAULT ;\nINSERT {{ ?s ?p ?o }} WHERE {{ {everything} }}", timeout=UPDATE_SECONDS)

    log.info("wrote the union default graph (%.1f s)", time.monotonic() - started)
    # The digests list the build's graphs (remote.py reads them as the named graphs): written before
    # the stamp, so that a reader of the new build reads its list. One line per graph, sent by the
    # GSP (an INSERT DATA of 13,510 of them exhausts Virtuoso's SPARQL compiler).
    store.put(DIGESTS_GRAPH, "".join(f"{_iri(g)} {DIGEST} {Literal(d)} .\n" for g, d in digests.items()).encode(),
              timeout=UPDATE_SECONDS)
    # The stamp: the new build's node first, then the others go (readers take the latest complete node).
    node = _iri(f"{BUILD_GRAPH}:{stamp}")
    modified = Literal(datetime.now().astimezone().isoformat(timespec="seconds"), datatype=XSD.dateTime)
    facts = f"{node} {STAMP} {Literal(stamp)} ; {MODIFIED} {modified}" + (f" ; {UNION} {_iri(union)}" if union else "")
    store.update(f"INSERT DATA {{ GRAPH {_iri(BUILD_GRAPH)} {{ {facts} }} }}")
    store.update(f"DELETE {{ GRAPH {_iri(BUILD_GRAPH)} {{ ?b ?p ?o }} }} "
                 f"WHERE {{ GRAPH {_iri(BUILD_GRAPH)} {{ ?b ?p ?o }} FILTER (?b != {node}) }}")
    if union:  # older unions: the previous one stays for readers that have not seen the new stamp yet
        keep = (union, before.union if before else None)
        _drop(store, [g for g in _graphs_with_prefix(store, INTERNAL + "union:") if g not in keep])
    store.refresh()
    return Published(stamp, len(graphs), changed, gone)


def _drop_quietly(store: RemoteStore, graphs: list[str]) -> None:
    try:
        _drop(store, graphs)
    except RemoteError as exc:
        log.warning("staging graphs left behind (the next build drops them): %s", exc)
