"""SHACL validation of a build, with results that name the document and fact at fault."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, Triple, serialize
from pyshacl import validate as shacl_validate

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
PROV_DERIVED = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
OA_HAS_BODY = rdflib.URIRef("http://www.w3.org/ns/oa#hasBody")
DCT_IDENTIFIER = rdflib.URIRef("http://purl.org/dc/terms/identifier")


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    documents: list[str]

    def __str__(self) -> str:
        where = f" (in document {', '.join(self.documents)})" if self.documents else ""
        return f"{self.focus}{where}: {self.message}" + (f" [{self.path}]" if self.path else "")


def to_rdflib(quads) -> rdflib.Graph:
    """The union of the quads as one rdflib graph (the shapes speak of the union)."""
    data = serialize((Triple(q.subject, q.predicate, q.object) for q in quads), format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data, format="nt")
    return g


def _documents_of(g: rdflib.Graph, node) -> list[str]:
    """The documents a node comes from: its own provenance, or that of the fact it is evidence for."""
    sources = set(g.objects(node, PROV_DERIVED))
    for fact in g.objects(node, OA_HAS_BODY):
        sources |= set(g.objects(fact, PROV_DERIVED))
    return sorted(str(i) for s in sources for i in g.objects(s, DCT_IDENTIFIER))


def validate(quads, shapes_file: Path) -> list[Violation]:
    data = to_rdflib(quads)
    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.append(Violation(str(focus), str(path) if isinstance(path, rdflib.URIRef) else None,
                             str(message), _documents_of(data, focus)))
    return sorted(out, key=str)
