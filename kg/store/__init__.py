"""The store interface the rest of the application uses: query, load, dump.

The embedded pyoxigraph store is the default; with `KG_STORE_URL` set, a remote SPARQL 1.1 store
stands behind the same interface (remote.py), for deployments that outgrow one machine. Either way
the default graph is the union of the named graphs, each triple once."""
from __future__ import annotations

import threading
from typing import Callable, Generic, Hashable, Iterable, Iterator, Protocol, TypeVar

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


T = TypeVar("T")
_NOTHING = object()   # the key before any value


class PerGeneration(Generic[T]):
    """A value derived from the store, kept for the generation it was read from (the latest only):
    computed once, the threads that need it meanwhile waiting for it."""

    def __init__(self, compute: Callable[..., T]):
        self.compute = compute
        self._key: Hashable = _NOTHING
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self, key: Hashable, *args) -> T:
        """The value for `key` (a generation, with what else it depends on), from `compute(*args)`."""
        with self._lock:
            if key != self._key:
                self._value, self._key = self.compute(*args), key
            return self._value
