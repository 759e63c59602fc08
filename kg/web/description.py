"""The SPARQL 1.1 Service Description of the endpoint: what it is, speaks and holds."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Triple, parse

from ..config import Config
from ..results import Format, write_graph

TEMPLATE = Path(__file__).with_name("service.ttl")
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"sd": SD, "formats": "http://www.w3.org/ns/formats/", "dcterms": "http://purl.org/dc/terms/"}


def describe(endpoint: str, config: Config, named_graphs: list[str], fmt: Format) -> bytes:
    triples = list(parse(path=str(TEMPLATE), format=RdfFormat.TURTLE, base_iri=endpoint))
    service, dataset = NamedNode(endpoint), NamedNode(endpoint + "#dataset")
    if config.service_allowlist:
        triples.append(Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "BasicFederatedQuery")))
    for g in named_graphs:
        node = BlankNode()
        triples += [Triple(dataset, NamedNode(SD + "namedGraph"), node),
                    Triple(node, RDF_TYPE, NamedNode(SD + "NamedGraph")),
                    Triple(node, NamedNode(SD + "name"), NamedNode(g))]
    return write_graph(fmt, triples, PREFIXES)
