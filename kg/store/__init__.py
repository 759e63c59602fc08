"""The store interface the rest of the application uses: query, load, dump.

The embedded pyoxigraph store is the default; with `KG_STORE_URL` set, a remote SPARQL 1.1 store
stands behind the same interface (remote.py), for deployments that outgrow one machine. Either way
the default graph is the union of the named graphs, each triple once."""
from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from pyoxigraph import Quad, RdfFormat


class Store(Protocol):
    generation: str | None   # which build is read: caches and ETags are keyed on it

    def built_at(self) -> int: ...

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None, substitutions=None, base_iri=None): ...

    def load(self, quads: Iterable[Quad]) -> None: ...

    def dump(self, output, format: RdfFormat, *, graph: str | None = None, prefixes: dict | None = None) -> None: ...

    def quads(self, graph: str | None = None) -> Iterator[Quad]: ...

    def named_graphs(self) -> list[str]: ...

    def triple_count(self) -> int: ...


def open_store(config) -> Store:
    """The store `config` names, as this process reads it: the one place the backend is chosen."""
    if config.store_url:
        from .remote import RemoteStore

        return RemoteStore.for_config(config)
    from .embedded import current

    return current(config.store_dir)
