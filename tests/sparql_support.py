"""Helpers of the SPARQL endpoint's tests: an independent view of the store, another SPARQL engine
(oxigraph's own server, from PyPI, started by kg.testing), a socket that records connection attempts, and the processes
behind a running `kg serve`."""
from __future__ import annotations

import contextlib
import os
import select as io_select  # the module; select() below is the store query
import socket
from pathlib import Path

import pyoxigraph
import rdflib

from kg.testing import oxigraph_server  # noqa: F401  (re-exported to the test modules)

# The tests' own prefixes (not kg.graph's), so a wrong namespace in the code is not repeated here.
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX dip: <https://w3id.org/dipkg/ontology#>
"""


def oracle(store_dir) -> pyoxigraph.Store:
    """The built store opened directly (no SPARQL, no endpoint): what the answers must match."""
    return pyoxigraph.Store.read_only(str(Path(store_dir).resolve()))


def select(store: pyoxigraph.Store, query: str) -> list[dict]:
    """A SELECT on the store opened directly, with the prefixes above: one dict of values a row."""
    result = store.query(PREFIXES + query)
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def triples(store: pyoxigraph.Store, *graphs: str) -> set[tuple]:
    """The triples of the given graphs (all graphs if none), as rdflib terms."""
    names = [pyoxigraph.NamedNode(g) for g in graphs] or [None]
    return {tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
            for name in names for q in store.quads_for_pattern(None, None, None, name)}


def statements(store: pyoxigraph.Store, iri: str) -> set[tuple]:
    """The store's triples with `iri` as subject (in any graph), as rdflib terms."""
    return {tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
            for q in store.quads_for_pattern(pyoxigraph.NamedNode(str(iri)), None, None, None)}


def named_graphs(store: pyoxigraph.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs())


def to_rdflib(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):  # rdflib's plain literal is xsd:string in RDF 1.1
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class Listener:
    """A listening loopback socket that notes whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def connected(self, wait: float = 1.0) -> bool:
        readable, _, _ = io_select.select([self.sock], [], [], wait)
        return bool(readable)

    def close(self):
        self.sock.close()


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def server_processes(url: str) -> dict[int, float]:
    """Every process of the `kg serve` listening at `url` (master, workers, query processes): CPU seconds."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    top = set()
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            with contextlib.suppress(OSError):
                args = (p / "cmdline").read_bytes().split(b"\0")
                if b"serve" in args and b"--port" in args and port.encode() in args:
                    top.add(int(p.name))
    out = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            st = _stat(int(p.name))
            if st and (int(p.name) in top or st[0] in top):
                out[int(p.name)] = st[1]
    return out
