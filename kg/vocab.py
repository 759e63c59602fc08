"""The vocabularies the graph speaks: namespaces, the prefixes its outputs use, and CURIEs.

One place for every namespace, so that the RDF writer, the pages, VoID and the query results all
shorten and expand IRIs the same way."""
from __future__ import annotations

from pyoxigraph import NamedNode

# The vocabulary's namespace is fixed: it names terms, not this deployment's data.
ONTOLOGY_NS = "https://w3id.org/dipkg/ontology#"
TOPIC_NS = "https://w3id.org/dipkg/ontology/topic/"


class NS:
    """A namespace: NS(base).term and NS(base)["term"] are NamedNodes."""

    def __init__(self, base: str):
        self.base = base

    def __getattr__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)


RDF = NS("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = NS("http://www.w3.org/2000/01/rdf-schema#")
XSD = NS("http://www.w3.org/2001/XMLSchema#")
OWL = NS("http://www.w3.org/2002/07/owl#")
SKOS = NS("http://www.w3.org/2004/02/skos/core#")
DCT = NS("http://purl.org/dc/terms/")
DC = NS("http://purl.org/dc/elements/1.1/")
SCHEMA = NS("http://schema.org/")
PROV = NS("http://www.w3.org/ns/prov#")
ORG = NS("http://www.w3.org/ns/org#")
OA = NS("http://www.w3.org/ns/oa#")
DIP = NS(ONTOLOGY_NS)
TOPIC = NS(TOPIC_NS)
WD = NS("http://www.wikidata.org/entity/")
GEONAMES = NS("http://sws.geonames.org/")
# The provenance of links to other datasets: mappings (SSSOM) and how they were justified (SEMAPV).
SSSOM = NS("https://w3id.org/sssom/")
SEMAPV = NS("https://w3id.org/semapv/vocab/")
# Dataset descriptions (VoID, DCAT) and the SPARQL Service Description.
VOID = NS("http://rdfs.org/ns/void#")
DCAT = NS("http://www.w3.org/ns/dcat#")
FOAF = NS("http://xmlns.com/foaf/0.1/")
SD = NS("http://www.w3.org/ns/sparql-service-description#")
FORMATS = NS("http://www.w3.org/ns/formats/")

# The dataset's prefixes: Turtle and TriG outputs, CURIEs on pages, the editor's PREFIX completion.
PREFIXES = {"rdf": RDF.base, "rdfs": RDFS.base, "xsd": XSD.base, "owl": OWL.base, "skos": SKOS.base,
            "dcterms": DCT.base, "dc": DC.base, "schema": SCHEMA.base, "prov": PROV.base, "org": ORG.base,
            "oa": OA.base, "dip": DIP.base, "topic": TOPIC.base, "wd": WD.base, "sssom": SSSOM.base,
            "semapv": SEMAPV.base}
# What descriptions of the dataset and the service add.
DESCRIPTION_PREFIXES = {**PREFIXES, "void": VOID.base, "dcat": DCAT.base, "foaf": FOAF.base, "sd": SD.base,
                        "formats": FORMATS.base}

_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str:
    """`iri` as prefix:local with the dataset's prefixes (the longest namespace wins), or as it is."""
    for prefix, ns in _LONGEST_FIRST:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
