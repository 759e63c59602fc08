"""A store behind a SPARQL 1.1 Protocol endpoint, queried like the embedded one.

`RemoteStore(url).query(...)` returns what `EmbeddedStore.query` returns (pyoxigraph's QuerySolutions,
QueryBoolean, or an iterator of Triples), so code written against the embedded store (kg.results.render
included) can read a graph served elsewhere, this project's own /sparql among them."""
from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request

from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
          "application/sparql-results+xml;q=0.8, text/turtle;q=0.7")
RESULTS = {"application/sparql-results+json": QueryResultsFormat.JSON,
           "application/sparql-results+xml": QueryResultsFormat.XML,
           "text/tab-separated-values": QueryResultsFormat.TSV}
GRAPHS = {"application/n-triples": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE,
          "application/rdf+xml": RdfFormat.RDF_XML}


class RemoteError(Exception):
    """The endpoint refused the query or could not be reached; `status` is its HTTP status (0: none)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class RemoteStore:
    def __init__(self, endpoint: str, timeout: float = 60.0):
        self.endpoint, self.timeout = endpoint, timeout

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None, substitutions=None, base_iri=None):
        """Send one query (POST, the query as the body); what its default graph is, is the endpoint's business."""
        if substitutions:
            raise ValueError("substitutions cannot be sent over the SPARQL Protocol; write the values into a VALUES "
                             "clause")
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        params = [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        url = self.endpoint + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url, data=sparql.encode("utf-8"), method="POST", headers={
            "Content-Type": "application/sparql-query", "Accept": ACCEPT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise RemoteError(f"{self.endpoint} answered {exc.code}: {exc.read().decode('utf-8', 'replace').strip()}",
                              exc.code) from None
        except OSError as exc:
            raise RemoteError(f"{self.endpoint} could not be reached: {exc}") from None
        if media in RESULTS:
            return parse_query_results(io.BytesIO(body), RESULTS[media])
        if media in GRAPHS:
            return iter([q.triple for q in parse(io.BytesIO(body), format=GRAPHS[media])])
        raise RemoteError(f"{self.endpoint} answered with {media}, which is not a SPARQL result format")

    def named_graphs(self) -> list[str]:
        return sorted(s["g"].value for s in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))

    def triple_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value)
