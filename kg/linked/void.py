"""The dataset's VoID and DCAT description, computed from the store being served.

The static part (title, licence, vocabularies, linked datasets) is void.ttl beside this module; it
adds what depends on the data: the triple count (distinct triples of the union graph, the number
/health reports too), class and property partitions, the dumps as distributions, and the number
of owl:sameAs links into each linked dataset. Computed once per store generation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from ..config import Config
from ..query.files import sparql
from ..store import PerGeneration, Store
from ..vocab import DCAT, DCT, RDF, VOID, XSD, curie
from .dumps import DUMPS, Cache

STATIC = Path(__file__).with_name("void.ttl")
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass
class Description:
    dataset: NamedNode
    triples: list[Triple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    classes: list[tuple[str, int]] = field(default_factory=list)
    properties: list[tuple[str, int]] = field(default_factory=list)
    linksets: list[tuple[str, str, int]] = field(default_factory=list)  # (linkset IRI, uriSpace, links)

    def add(self, s, p, o) -> None:
        self.triples.append(Triple(s, p, o))


def _rows(store: Store, name: str):
    return store.query(sparql("linked/" + name))


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _fragment(kind: str, iri: str) -> str:
    """A readable, stable fragment for a partition: class-dip-Meeting, property-rdfs-label."""
    short = curie(iri)
    name = short.replace(":", "-", 1) if short != iri else iri.split("://", 1)[-1]
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)


def compute(config: Config, store: Store) -> Description:
    base = config.base_iri
    doc = base + ".well-known/void"
    d = Description(NamedNode(doc + "#dataset"))
    ds = d.dataset
    with STATIC.open("rb") as f:
        static = list(parse(f, format=RdfFormat.TURTLE, base_iri=base))
    d.triples.extend(static)

    summary = next(iter(_rows(store, "void-summary.rq")))
    d.counts = {k: int(summary[k].value) for k in ("triples", "subjects", "properties", "objects")}
    d.classes = [(r["class"].value, int(r["entities"].value)) for r in _rows(store, "void-classes.rq")]
    d.properties = [(r["property"].value, int(r["triples"].value)) for r in _rows(store, "void-properties.rq")]
    space = base + "id/"
    d.counts["entities"] = sum(1 for r in _rows(store, "void-entities.rq") if r["s"].value.startswith(space))
    d.counts["classes"] = len(d.classes)

    d.add(ds, VOID.uriSpace, Literal(space))
    for key, term in (("triples", VOID.triples), ("entities", VOID.entities), ("subjects", VOID.distinctSubjects),
                      ("objects", VOID.distinctObjects), ("properties", VOID.properties), ("classes", VOID.classes)):
        d.add(ds, term, _int(d.counts[key]))
    modified = datetime.fromtimestamp(Cache(config, store).modified, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    d.add(ds, DCT.modified, Literal(modified, datatype=XSD.dateTime))

    for iri, n in d.classes:
        part = NamedNode(f"{doc}#{_fragment('class', iri)}")
        d.add(ds, VOID.classPartition, part)
        d.add(part, VOID["class"], NamedNode(iri))
        d.add(part, VOID.entities, _int(n))
    for iri, n in d.properties:
        part = NamedNode(f"{doc}#{_fragment('property', iri)}")
        d.add(ds, VOID.propertyPartition, part)
        d.add(part, VOID.property, NamedNode(iri))
        d.add(part, VOID.triples, _int(n))

    _linksets(d, store, static)
    _distributions(d, config, store)
    return d


def _linksets(d: Description, store: Store, static: list[Triple]) -> None:
    """void:triples of each linkset: the owl:sameAs links whose object is in its target's uriSpace."""
    target = {t.subject: t.object for t in static if t.predicate == VOID.objectsTarget}
    space = {t.subject: t.object.value for t in static if t.predicate == VOID.uriSpace}
    links = [r["o"].value for r in _rows(store, "void-links.rq")]
    for linkset, dataset in target.items():
        if dataset in space:
            n = sum(1 for o in links if o.startswith(space[dataset]))
            d.add(linkset, VOID.triples, _int(n))
            d.linksets.append((linkset.value, space[dataset], n))


def _distributions(d: Description, config: Config, store: Store) -> None:
    cache = Cache(config, store)
    licence = NamedNode("https://creativecommons.org/licenses/by/4.0/")
    for dump in DUMPS:
        url = NamedNode(f"{config.base_iri}dumps/{dump.file}")
        dist = NamedNode(f"{d.dataset.value.split('#')[0]}#dump-{dump.name.replace('.', '-')}")
        if dump.name != "ontology":  # the ontology alone is a distribution, not a dump of the dataset
            d.add(d.dataset, VOID.dataDump, url)
        d.add(d.dataset, DCAT.distribution, dist)
        d.add(dist, RDF.type, DCAT.Distribution)
        d.add(dist, DCT.title, Literal(dump.file))
        d.add(dist, DCT.description, Literal(dump.content, language="en"))
        d.add(dist, DCAT.downloadURL, url)
        d.add(dist, DCAT.accessURL, url)
        d.add(dist, DCT.license, licence)
        content_type = {"nt.gz": "application/n-triples"}.get(dump.name, dump.media_type)
        d.add(dist, DCAT.mediaType, NamedNode(IANA + content_type))
        d.add(dist, DCT["format"], Literal(content_type))
        if dump.gzipped:
            d.add(dist, DCAT.compressFormat, NamedNode(IANA + "application/gzip"))
        d.add(dist, DCAT.byteSize, Literal(str(cache.path(dump).stat().st_size), datatype=XSD.nonNegativeInteger))


@lru_cache(maxsize=1)
def linked_datasets() -> dict[str, str]:
    """uriSpace -> title of each dataset the static description names (Wikidata, GeoNames…)."""
    with STATIC.open("rb") as f:
        static = list(parse(f, format=RdfFormat.TURTLE, base_iri="https://example.org/"))
    titles = {t.subject: t.object.value for t in static if t.predicate == DCT.title}
    return {t.object.value: titles.get(t.subject, t.object.value) for t in static if t.predicate == VOID.uriSpace}


_DESCRIPTION = PerGeneration(compute)


def current(config: Config, store: Store) -> Description:
    """The description of the generation `store` reads, computed on first use."""
    return _DESCRIPTION.get((store.generation, config.base_iri), config, store)
