"""The store interface the rest of the application uses: query, load, dump.

The embedded pyoxigraph store is the default; a remote SPARQL 1.1 store can stand behind the
same interface for deployments that outgrow one machine."""
from __future__ import annotations

from typing import Iterable, Protocol

from pyoxigraph import Quad, RdfFormat


class Store(Protocol):
    def query(self, sparql: str, *, default_graphs=None, named_graphs=None, substitutions=None, base_iri=None): ...

    def load(self, quads: Iterable[Quad]) -> None: ...

    def dump(self, output, format: RdfFormat, *, graph: str | None = None, prefixes: dict | None = None) -> None: ...

    def named_graphs(self) -> list[str]: ...

    def triple_count(self) -> int: ...
