"""The ontology's documentation page: one entry per term, anchored by its local name.

The vocabulary uses hash IRIs (https://w3id.org/dipkg/ontology#Meeting): dereferencing any term
fetches /ontology, and the fragment points at the term's entry. Read from the ontology graph of
the store, so the page documents exactly what the data uses."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from ..iris import ONTOLOGY_IRI, Iris
from ..store.embedded import EmbeddedStore
from ..vocab import DCT, ONTOLOGY_NS, OWL, RDF, RDFS, SKOS
from .entity import Link, Linker, Names

VANN_PREFIX = NamedNode("http://purl.org/vocab/vann/preferredNamespacePrefix")
# (section title, rdf:type of its terms)
SECTIONS = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
            ("Datatype properties", OWL.DatatypeProperty), ("Concept schemes", SKOS.ConceptScheme)]
RELATIONS = [("subclass of", RDFS.subClassOf), ("subproperty of", RDFS.subPropertyOf), ("domain", RDFS.domain),
             ("range", RDFS.range), ("inverse of", OWL.inverseOf), ("broader", SKOS.broader),
             ("in scheme", SKOS.inScheme), ("close match", SKOS.closeMatch)]


@dataclass
class Term:
    iri: str
    anchor: str
    href: str
    labels: dict[str, str]
    definitions: dict[str, str]
    notation: str = ""
    relations: list[tuple[str, list]] = field(default_factory=list)
    members: list["Term"] = field(default_factory=list)  # a scheme's concepts


@dataclass
class OntologyDoc:
    iri: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    version: str
    licence: str
    prefix: str
    sections: list[tuple[str, list[Term]]]


def build(store: EmbeddedStore, config, names: Names, linker: Linker) -> OntologyDoc:
    g: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in store.quads(Iris(config.base_iri).graph("ontology").value):
        g[q.subject.value][q.predicate.value].append(q.object)

    def texts(s, p) -> dict[str, str]:
        return {o.language or "": o.value for o in g[s][p.value]}

    def link(iri):
        return Link(linker.href(iri), names(iri), iri)

    def term(s) -> Term:
        local = s[len(ONTOLOGY_NS):] if s.startswith(ONTOLOGY_NS) else ""
        labels = texts(s, RDFS.label) or texts(s, SKOS.prefLabel)
        rel = [(name, [link(o.value) for o in g[s][p.value] if isinstance(o, NamedNode)]) for name, p in RELATIONS]
        notation = g[s][SKOS.notation.value]
        return Term(s, local, linker.href(s), labels, texts(s, SKOS.definition),
                    notation[0].value if notation else "", [r for r in rel if r[1]])

    typed = defaultdict(list)
    for s, props in g.items():
        for t in props[RDF.type.value]:
            typed[t.value].append(s)
    sections = []
    for title, cls in SECTIONS:
        terms = [term(s) for s in sorted(typed[cls.value])]
        if cls == SKOS.ConceptScheme:
            for scheme in terms:
                scheme.members = sorted((term(c) for c in typed[SKOS.Concept.value]
                                         if any(o.value == scheme.iri for o in g[c][SKOS.inScheme.value])),
                                        key=lambda t: t.labels.get("en", t.iri))
        sections.append((title, terms))
    me = ONTOLOGY_IRI
    first = lambda p: g[me][p.value][0].value if g[me][p.value] else ""  # noqa: E731
    return OntologyDoc(me, texts(me, DCT.title), texts(me, DCT.description), first(OWL.versionInfo),
                       first(DCT.license), first(VANN_PREFIX), sections)
