"""Dumps of the whole graph: written once per store generation, then served as static files.

A build swaps in a new generation directory (see store/embedded.py); its dumps are written on first
request into a hidden folder beside it (`.<generation>.dumps/`), each file atomically (temporary
name, then rename) under a file lock, so concurrent workers never serve a half-written dump and
a rebuild never serves stale ones. Writing streams from the store to disk and serving streams from
disk to the socket: memory stays bounded whatever the size of the graph."""
from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from ..config import Config
from ..iris import Iris
from ..store import Store, open_store
from ..store.embedded import EmbeddedStore
from ..vocab import PREFIXES


@dataclass(frozen=True)
class Dump:
    name: str             # the `kg dump --format` value
    file: str             # its name under /dumps/ ("" for formats offered by the command only)
    media_type: str       # of the file as served
    rdf: RdfFormat
    content: str          # what it holds
    gzipped: bool = False  # the file itself is gzip (served as application/gzip, never re-encoded)


DUMPS = [
    Dump("turtle", "dipkg.ttl", "text/turtle", RdfFormat.TURTLE,
         "The whole graph (the union of the named graphs) as Turtle."),
    Dump("nt.gz", "dipkg.nt.gz", "application/gzip", RdfFormat.N_TRIPLES,
         "The whole graph as gzipped N-Triples, one triple a line.", gzipped=True),
    Dump("trig", "dipkg.trig", "application/trig", RdfFormat.TRIG,
         "Every named graph (one per document, with its provenance, plus ontology and gazetteer) as TriG."),
    Dump("nquads", "dipkg.nq", "application/n-quads", RdfFormat.N_QUADS,
         "Every named graph as N-Quads, one quad a line."),
    Dump("ontology", "ontology.ttl", "text/turtle", RdfFormat.TURTLE,
         "The ontology and the topic scheme alone, as Turtle."),
]
CLI_ONLY = [Dump("ntriples", "", "application/n-triples", RdfFormat.N_TRIPLES,
                 "The whole graph as N-Triples, uncompressed.")]
SAME_CONTENT = {"dipkg.nt.gz": "dipkg.ttl", "dipkg.nq": "dipkg.trig"}   # a dump: the one it can be converted from
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "ntriples.gz": "nt.gz",
           "nq": "nquads", "n-quads": "nquads"}


def by_file(name: str) -> Dump | None:
    return next((d for d in DUMPS if d.file == name), None)


def by_format(name: str) -> Dump:
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    for d in DUMPS + CLI_ONLY:
        if d.name == key:
            return d
    raise ValueError(f"unknown dump format {name!r}; one of: " + ", ".join(d.name for d in DUMPS + CLI_ONLY))


# ---------------------------------------------------------------- writing


def write(store: Store, dump: Dump, out, base_iri: str) -> None:
    """Stream one dump of `store` into the binary file `out`."""
    graph = Iris(base_iri).graph("ontology").value if dump.name == "ontology" else None
    prefixes = PREFIXES if dump.rdf in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    with _opened(dump, out) as f:
        store.dump(f, dump.rdf, graph=graph, prefixes=prefixes)


def convert(source: Path, dump: Dump, out) -> None:
    """Stream the dump file `source` into `out` in `dump`'s syntax (the same triples or quads)."""
    with _opened(dump, out) as f:
        serialize(parse(path=str(source), format=by_file(source.name).rdf), f, dump.rdf)


@contextlib.contextmanager
def _opened(dump: Dump, out):
    """`out`, through gzip for a gzipped dump (mtime=0: the same graph always gives the same bytes)."""
    if not dump.gzipped:
        yield out
        return
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
        yield gz


@contextlib.contextmanager
def _locked(folder: Path):
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _atomic(path: Path, produce) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            produce(f)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def built_at(store: Store) -> int:
    """When the store's generation was built, in epoch seconds."""
    return store.built_at()


class Cache:
    """The dump files of one store generation."""

    def __init__(self, config: Config, store: Store | None = None):
        self.config = config
        self.store = store or open_store(config)
        self.generation = self.store.generation
        self.folder = self._folder()

    def _folder(self) -> Path:
        if isinstance(self.store, EmbeddedStore):
            generation = Path(self.generation)
            beside = generation.parent / f".{generation.name}.dumps"
            try:
                beside.mkdir(exist_ok=True)
                return beside
            except OSError:
                source, build = str(generation.parent), generation.name
        else:
            source, _, build = self.generation.rpartition("#")
        # A store folder we cannot write to, or a remote store (streamed from it once, then served from
        # disk): the temporary directory, one folder per store and build.
        folder = Path(tempfile.gettempdir()) / "dipkg-dumps" / _key(source) / _key(build)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def modified(self) -> int:
        return built_at(self.store)

    def etag(self, dump: Dump, encoding: str = "") -> str:
        return hashlib.sha256(f"{self.generation}|{dump.file}|{encoding}".encode()).hexdigest()[:32]

    def path(self, dump: Dump) -> Path:
        """The dump's file, written first if this generation does not have it yet."""
        path = self.folder / dump.file
        if not path.exists():
            source = self._same_content(dump)   # made first: the lock is not re-entrant
            with _locked(self.folder):
                if not path.exists():
                    _atomic(path, lambda f: convert(source, dump, f) if source
                            else write(self.store, dump, f, self.config.base_iri))
                    self._prune()
        return path

    def _same_content(self, dump: Dump) -> Path | None:
        """From a remote store, the file of the dump with the same content in another syntax: converting
        it takes seconds where reading the store again takes minutes (at 10 million triples)."""
        first = by_file(SAME_CONTENT.get(dump.file, ""))
        return None if first is None or isinstance(self.store, EmbeddedStore) else self.path(first)

    def gzip_path(self, dump: Dump) -> Path:
        """The dump compressed, for clients that accept `Content-Encoding: gzip`."""
        if dump.gzipped:
            raise ValueError(f"{dump.file} is already compressed")
        path = self.folder / "gzip" / (dump.file + ".gz")
        if not path.exists():
            plain = self.path(dump)
            path.parent.mkdir(exist_ok=True)
            with _locked(self.folder):
                if not path.exists():
                    def produce(f):
                        with open(plain, "rb") as src, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
                            shutil.copyfileobj(src, gz, 1 << 20)
                    _atomic(path, produce)
        return path

    def _prune(self) -> None:
        """Drop the dumps of generations that no longer exist (or, in the temporary directory, are not served)."""
        if self.folder.name.endswith(".dumps"):
            for folder in self.folder.parent.glob(".*.dumps"):
                if not (folder.parent / folder.name[1:-len(".dumps")]).exists():
                    shutil.rmtree(folder, ignore_errors=True)
            return
        for folder in self.folder.parent.iterdir():
            if folder != self.folder:
                shutil.rmtree(folder, ignore_errors=True)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def save(store: Store, dump: Dump, path: Path, base_iri: str) -> None:
    """Write one dump to a file of its own, atomically (what `kg dump --output` does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic(path, lambda f: write(store, dump, f, base_iri))


def prepare(config: Config) -> list[Path]:
    """Write every dump of the current generation now (e.g. right after a build) rather than on first request."""
    cache = Cache(config)
    return [cache.path(d) for d in DUMPS] + [cache.gzip_path(d) for d in DUMPS if not d.gzipped]
