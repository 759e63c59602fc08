"""The SPARQL 1.1 Service Description of the endpoint: what it is, speaks and holds."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Triple, parse

from ..config import Config
from ..query.results import Format, write_graph
from ..vocab import DCT, FORMATS, RDF, SD

TEMPLATE = Path(__file__).with_name("service.ttl")
PREFIXES = {"sd": SD.base, "formats": FORMATS.base, "dcterms": DCT.base}


def service_description(endpoint: str, config: Config, named_graphs: list[str], fmt: Format) -> bytes:
    triples = list(parse(path=str(TEMPLATE), format=RdfFormat.TURTLE, base_iri=endpoint))
    service, dataset = NamedNode(endpoint), NamedNode(endpoint + "#dataset")
    if config.service_allowlist:
        triples.append(Triple(service, SD.feature, SD.BasicFederatedQuery))
    for g in named_graphs:
        node = BlankNode()
        triples += [Triple(dataset, SD.namedGraph, node), Triple(node, RDF.type, SD.NamedGraph),
                    Triple(node, SD.name, NamedNode(g))]
    return write_graph(fmt, triples, PREFIXES)
