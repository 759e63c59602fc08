"""The dataset's IRIs: minted under one base IRI, and mapped to this server's paths and back.

IRIs are readable and deterministic (`{base}id/actor/antony-blinken`), so they survive rebuilds and
other datasets can link to them. The server answers every IRI it mints at the same path on its own
host, whatever the base is, so a local run dereferences the IRIs a deployment mints."""
from __future__ import annotations

from pyoxigraph import NamedNode

from .vocab import ONTOLOGY_NS, TOPIC_NS, curie

ONTOLOGY_IRI = ONTOLOGY_NS.rstrip("#")
TOPIC_PATH = "ontology/topic/"


class Iris:
    """Minted IRIs under the configured base (normalised to end in / or #)."""

    def __init__(self, base: str):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def entity(self, kind: str, slug: str) -> NamedNode:
        return NamedNode(f"{self.base}id/{kind}/{slug}")

    def document(self, identifier: str) -> NamedNode:
        return self.entity("document", identifier)

    def document_graph(self, identifier: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/document/{identifier}")

    def graph(self, name: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{name}")

    def evidence(self, ev, kind: str, slug: str, n: int) -> NamedNode:
        """The n-th evidence annotation of a fact, in the document `ev` quotes."""
        return NamedNode(f"{self.base}id/evidence/{ev.document}/{kind}/{slug}/{n}")

    def activity(self, name: str) -> NamedNode:
        return self.entity("activity", name)

    # ------------------------------------------------------------ IRI <-> path on this server

    def path(self, iri: str) -> str | None:
        """The path (from the server's root, with a leading /) at which this server answers `iri`;
        None for an IRI it does not serve (Wikidata's, say)."""
        if iri.startswith(ONTOLOGY_NS):
            return "/ontology#" + iri[len(ONTOLOGY_NS):]
        if iri.startswith(TOPIC_NS):
            return "/" + TOPIC_PATH + iri[len(TOPIC_NS):]
        if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "/"):
            return "/ontology" + iri[len(ONTOLOGY_IRI):]
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return None

    def href(self, iri: str, root: str = "") -> str:
        """A link to `iri`: its path on this server (under the script root), or the IRI itself."""
        path = self.path(iri)
        return iri if path is None else root + path

    def iri(self, path: str) -> str | None:
        """The IRI of a thing or graph this server answers at `path` (no leading /), None if none."""
        path = path.lstrip("/")
        if path.startswith(TOPIC_PATH):
            iri = TOPIC_NS + path[len(TOPIC_PATH):]
        elif path.startswith(("id/", "graph/")):
            iri = self.base + path
        else:
            return None
        try:
            NamedNode(iri)
        except ValueError:  # not an IRI at all (a space, a bracket…): nothing can be described by it
            return None
        return iri

    def short(self, iri: str) -> str:
        """`iri` as a person reads it in a table: a CURIE where a prefix fits, this graph's own IRIs
        as their paths (id/actor/peru), others whole."""
        compact = curie(iri)
        if compact != iri:
            return compact
        return iri[len(self.base):] if iri.startswith(self.base) else iri
