"""The query cases of the W3C SPARQL 1.1 Protocol test suite, re-created against a live `kg serve`.

Each test is named after its W3C case (protocol/manifest.ttl). The suite's datasets live on the web;
here the named graphs of the built store stand in for them. Expected answers come from the store
read directly (no SPARQL), and responses are parsed with rdflib."""
from __future__ import annotations

import io

import pytest
import rdflib
from conftest import web
from rdflib.query import Result
from sparql_support import named_graphs, statements, triples

RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json",
             "application/trig", "application/n-quads"}
COUNT_DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def graphs(store):
    docs = [g for g in named_graphs(store) if "/graph/document/" in g]
    assert len(docs) >= 3, "the seed documents give at least three document graphs"
    return docs


def media(response) -> str:
    return response.headers["Content-Type"].split(";")[0].strip()


def parse_results(response) -> Result:
    fmt = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml"}[media(response)]
    return Result.parse(io.BytesIO(response.content), format=fmt)


def ask(response) -> bool:
    assert response.status_code == 200, response.text
    return parse_results(response).askAnswer


def number(response) -> int:
    assert response.status_code == 200, response.text
    return int(next(iter(parse_results(response)))[0])


# ---------------------------------------------------------------- the three ways to send a query

def test_query_get(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}"})
    assert media(r) in RESULT_TYPES
    assert ask(r) is True


def test_query_post_form(server):
    r = web.post(server + "/sparql", data={"query": "ASK {}"})
    assert ask(r) is True


def test_query_post_direct(server):
    r = web.post(server + "/sparql", data="ASK {}".encode(), headers={"Content-Type": "application/sparql-query"})
    assert ask(r) is True


# ---------------------------------------------------------------- datasets given by the protocol

def test_query_dataset_default_graph(server, store, graphs):
    r = web.post(server + "/sparql", params={"default-graph-uri": graphs[0]}, data=COUNT_DISTINCT.encode(),
                      headers={"Content-Type": "application/sparql-query"})
    assert number(r) == len(triples(store, graphs[0]))


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_default_graphs(server, store, graphs, method):
    """query_dataset_default_graphs_get / _post: the default graph is the RDF merge of both."""
    params = [("default-graph-uri", graphs[0]), ("default-graph-uri", graphs[1]), ("query", COUNT_DISTINCT)]
    r = (web.get(server + "/sparql", params=params) if method == "get"
         else web.post(server + "/sparql", data=params))
    assert number(r) == len(triples(store, graphs[0], graphs[1]))


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_named_graphs(server, graphs, method):
    """query_dataset_named_graphs_get / _post: exactly the given named graphs, and an empty default graph."""
    dataset = [("named-graph-uri", graphs[0]), ("named-graph-uri", graphs[1])]
    send = web.get if method == "get" else web.post
    key = "params" if method == "get" else "data"
    r = send(server + "/sparql", **{key: dataset + [("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]})
    assert r.status_code == 200, r.text
    assert {str(row[0]) for row in parse_results(r)} == {graphs[0], graphs[1]}
    r = send(server + "/sparql", **{key: dataset + [("query", "ASK { ?s ?p ?o }")]})
    assert ask(r) is False


def test_query_dataset_full(server, store, graphs):
    """Both a default graph and named graphs from the protocol, in one query."""
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } GROUP BY ?g")
    r = web.get(server + "/sparql", params=[("query", query), ("default-graph-uri", graphs[0]),
                                                 ("named-graph-uri", graphs[1]), ("named-graph-uri", graphs[2])])
    assert r.status_code == 200, r.text
    counts = {(str(row[0]) if row[0] is not None else None): int(row[1]) for row in parse_results(r)}
    assert counts == {None: len(triples(store, graphs[0])), graphs[1]: len(triples(store, graphs[1])),
                      graphs[2]: len(triples(store, graphs[2]))}


def test_query_multiple_dataset(server, store, graphs):
    """The query names a dataset (FROM) and so does the protocol: the protocol's wins."""
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graphs[1]}> WHERE {{ ?s ?p ?o }}"
    r = web.get(server + "/sparql", params={"query": query, "default-graph-uri": graphs[0]})
    assert number(r) == len(triples(store, graphs[0]))


def test_query_dataset_from_clause_without_protocol_dataset(server, store, graphs):
    """With no protocol dataset, the query's FROM decides (not the union default graph)."""
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graphs[1]}> WHERE {{ ?s ?p ?o }}"
    assert number(web.get(server + "/sparql", params={"query": query})) == len(triples(store, graphs[1]))


def test_default_graph_is_the_union_of_the_named_graphs(server, store):
    assert number(web.get(server + "/sparql", params={"query": COUNT_DISTINCT})) == len(triples(store))


# ---------------------------------------------------------------- response content types

def test_query_content_type_select(server):
    r = web.get(server + "/sparql", params={"query": "SELECT ?x WHERE { BIND(1 AS ?x) }"})
    assert r.status_code == 200 and media(r) in RESULT_TYPES
    assert [int(row[0]) for row in parse_results(r)] == [1]


def test_query_content_type_ask(server):
    r = web.get(server + "/sparql", params={"query": "ASK { FILTER(false) }"})
    assert media(r) in RESULT_TYPES
    assert ask(r) is False


@pytest.mark.parametrize("form", ["describe", "construct"])
def test_query_content_type_graph(server, store, graphs, form):
    """query_content_type_describe and query_content_type_construct: an RDF media type and a graph."""
    doc = next(s for s, p, o in triples(store, graphs[0])
               if str(p) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and str(o).endswith("#SourceDocument"))
    query = {"describe": f"DESCRIBE <{doc}>", "construct": f"CONSTRUCT WHERE {{ <{doc}> ?p ?o }}"}[form]
    r = web.get(server + "/sparql", params={"query": query})
    assert r.status_code == 200 and media(r) in RDF_TYPES
    g = rdflib.Graph().parse(data=r.content, format={"text/turtle": "turtle"}.get(media(r), media(r)))
    assert set(g) == statements(store, doc)


# ---------------------------------------------------------------- the Protocol's error cases

def test_bad_query_method(server):
    r = web.put(server + "/sparql", params={"query": "ASK {}"})
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"] and "POST" in r.headers["Allow"]


def test_bad_multiple_queries(server):
    r = web.get(server + "/sparql", params=[("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    assert r.status_code == 400
    assert "query parameter is repeated" in r.text


def test_bad_query_wrong_media_type(server):
    r = web.post(server + "/sparql", data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert "text/plain" in r.text and "application/sparql-query" in r.text


def test_bad_query_missing_form_type(server):
    r = web.post(server + "/sparql", data=b"query=ASK%20%7B%7D")
    assert "Content-Type" not in r.request.headers
    assert r.status_code == 415 and "Content-Type" in r.text


def test_bad_query_missing_direct_type(server):
    r = web.post(server + "/sparql", data=b"ASK {}")
    assert r.status_code == 415 and "Content-Type" in r.text


def test_bad_query_non_utf8(server):
    query = 'ASK { ?s ?p "Perú" }'.encode("iso-8859-1")
    r = web.post(server + "/sparql", data=query,
                      headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"})
    assert 400 <= r.status_code < 500 and "UTF-8" in r.text
    r = web.post(server + "/sparql", data=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "not valid UTF-8" in r.text
    r = web.get(server + "/sparql?query=ASK%20%7B%3Fs%20%3Fp%20%22Per%FA%22%7D")
    assert r.status_code == 400 and "'query' parameter" in r.text and "UTF-8" in r.text


def test_bad_query_syntax(server):
    r = web.get(server + "/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"})
    assert r.status_code == 400
    assert "3:" in r.text, "the parser's position (line 3) is in the message"
    assert r.headers["Content-Type"].startswith("text/plain")


def test_missing_query_in_a_post_is_a_client_error(server):
    r = web.post(server + "/sparql", data={"default-graph-uri": "http://example.org/g"})
    assert r.status_code == 400 and "query parameter is missing" in r.text


def test_missing_query_in_a_get_with_protocol_parameters_is_a_client_error(server):
    r = web.get(server + "/sparql", params={"named-graph-uri": "http://example.org/g"})
    assert r.status_code == 400 and "query parameter is missing" in r.text and "named-graph-uri" in r.text


def test_query_in_both_body_and_url_is_refused(server):
    r = web.post(server + "/sparql", params={"query": "ASK {}"}, data=b"ASK {}",
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "once" in r.text


def test_a_graph_uri_that_is_not_an_iri_is_named_in_the_error(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert r.status_code == 400 and "default-graph-uri" in r.text
