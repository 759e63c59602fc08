"""GRAPH patterns kept to the dataset's named graphs (kg/store/graphs.py): on a real pyoxigraph store,
a query confined over a store that also holds other graphs must answer as the query itself over the
dataset's graphs alone; over real remote stores, as over the embedded store, at any number of graphs."""
import json

import pyoxigraph
import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad
from test_remote_values import answers

from kg.store.graphs import confine
from kg.store.remote import RemoteStore
from kg.store.remote_build import publish
from kg.web.app import create_app

EX = "http://example.org/"
OURS = EX + "graph/"
DATA = f"""
<{EX}s> <{EX}q> <{EX}t> .
<{OURS}a> {{ <{EX}s> <{EX}p> 1 . <{EX}s> <{EX}q> <{EX}t> . }}
<{OURS}b> {{ <{EX}s> <{EX}p> 2 . <{EX}t> <{EX}p> 3 . }}
<urn:x-other:union> {{ <{EX}s> <{EX}p> 1, 2 . <{EX}t> <{EX}p> 3 . <{EX}s> <{EX}q> <{EX}t> . }}
<urn:x-other:system> {{ <{EX}s> <{EX}p> 9 . <{EX}u> <{EX}v> <{EX}w> . }}
"""


def condition(term: str) -> str:
    return f'STRSTARTS(STR({term}), "{OURS}")'


# Each reads named graphs in another position; all but the last three also match outside the dataset.
QUERIES = {
    "variable": "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "join": f"SELECT ?g ?o WHERE {{ <{EX}s> <{EX}q> ?t . GRAPH ?g {{ ?t ?p ?o }} }}",
    "optional": f"SELECT ?x ?g WHERE {{ VALUES ?x {{ 1 2 3 9 }} OPTIONAL {{ GRAPH ?g {{ <{EX}s> ?p ?x }} }} }}",
    "exists": "SELECT ?x WHERE { VALUES ?x { 1 2 9 } FILTER EXISTS { GRAPH ?g { ?s ?p ?x } } }",
    "not-exists": "SELECT ?x WHERE { VALUES ?x { 1 2 9 } FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?x } } }",
    "minus": "SELECT ?x WHERE { VALUES ?x { 1 2 9 } MINUS { GRAPH ?g { ?s ?p ?x } } }",
    "union": "SELECT ?g ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { BIND(0 AS ?o) } }",
    "sub-query": "SELECT ?g ?n WHERE { { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g } }",
    "nested": "SELECT ?g ?h ?o WHERE { GRAPH ?g { GRAPH ?h { ?s ?p ?o } } }",
    "bound-elsewhere": "SELECT ?g ?o WHERE { VALUES ?g { <urn:x-other:union> <http://example.org/graph/b> } GRAPH ?g { ?s ?p ?o } }",
    "outside": "SELECT ?o WHERE { GRAPH <urn:x-other:union> { ?s ?p ?o } }",
    "mixed": f"SELECT ?g ?o WHERE {{ GRAPH <{OURS}a> {{ ?s <{EX}q> ?t }} GRAPH ?g {{ ?t ?p ?o }} }}",
    "construct": "CONSTRUCT { ?s ?p ?g } WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ask": "ASK { GRAPH ?g { ?s ?p 9 } }",
    "inside": f"SELECT ?o WHERE {{ GRAPH <{OURS}a> {{ ?s ?p ?o }} }}",
    "prefixed": f"PREFIX g: <{OURS}>\nSELECT ?o WHERE {{ GRAPH g:b {{ ?s ?p ?o }} }}",
    "relative": f"BASE <{OURS}>\nSELECT ?o WHERE {{ GRAPH <a> {{ ?s ?p ?o }} }}",
}
INSIDE = {"inside", "prefixed", "relative"}


@pytest.fixture(scope="module")
def stores():
    """(every graph, the dataset's graphs alone)"""
    everything, ours = pyoxigraph.Store(), pyoxigraph.Store()
    everything.load(DATA.encode(), format=pyoxigraph.RdfFormat.TRIG)
    ours.extend(q for q in everything if isinstance(q.graph_name, DefaultGraph) or q.graph_name.value.startswith(OURS))
    return everything, ours


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_confined_graph_patterns_read_the_dataset_only(stores, name):
    everything, ours = stores
    expected = answers(ours.query(QUERIES[name]))
    assert answers(everything.query(confine(QUERIES[name], condition))) == expected
    if name in INSIDE:
        assert expected, "a pattern on one of the dataset's graphs must match, or the comparison proves nothing"
    else:
        assert answers(everything.query(QUERIES[name])) != expected, "the other graphs must count without the filter"


def test_a_confined_query_keeps_its_lines_and_quotes_iris_where_asked():
    query = "PREFIX g: <http://example.org/graph/>\nSELECT * WHERE {\n GRAPH g:a { ?s ?p ?o }\n GRAPH ?h {\n} }"
    confined = confine(query, condition, quote_iris=True)
    assert confined.splitlines()[2] == ' GRAPH `g:a` { ?s ?p ?o } FILTER (STRSTARTS(STR(g:a), "http://example.org/graph/"))'
    assert confined.splitlines()[4] == '} FILTER (!BOUND(?h) || STRSTARTS(STR(?h), "http://example.org/graph/")) }'
    assert confined.count("\n") == query.count("\n")


@pytest.mark.parametrize("query", ["SELECT * WHERE { GRAPH ?g { ?s ?p ?o", "SELECT * WHERE { GRAPH ?g ?s }",
                                   "SELECT * WHERE { ?s ?p 'GRAPH ?g { }' } # GRAPH ?g { }"])
def test_text_that_is_no_graph_pattern_is_left_as_it_is(query):
    assert confine(query, condition) == query


# ---------------------------------------------------------------- over remote stores

SEED = "https://w3id.org/dipkg/graph/"
BLINKEN = "https://w3id.org/dipkg/id/actor/antony-blinken"
REMOTE_QUERIES = {
    "graphs": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "statements": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "internal": "SELECT ?s WHERE { GRAPH <urn:x-dipkg:build> { ?s ?p ?o } }",
    "bound-internal": "SELECT ?s WHERE { VALUES ?g { <urn:x-dipkg:digests> } GRAPH ?g { ?s ?p ?o } }",
    "prefixed": f"PREFIX g: <{SEED}>\nSELECT (COUNT(*) AS ?n) WHERE {{ GRAPH g:gazetteer {{ ?s ?p ?o }} }}",
    "relative": f"BASE <{SEED}>\nSELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <gazetteer> {{ ?s ?p ?o }} }}",
    "mixed": f"""SELECT ?g ?label WHERE {{
  GRAPH <{SEED}gazetteer> {{ <{BLINKEN}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
  GRAPH ?g {{ ?m <https://w3id.org/dipkg/ontology#participant> <{BLINKEN}> }} }}""",
    "optional": f"""SELECT ?m ?g WHERE {{ ?m <https://w3id.org/dipkg/ontology#participant> <{BLINKEN}>
  OPTIONAL {{ GRAPH ?g {{ ?m a ?type }} }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?m <urn:x-none> ?x }} }} }}""",
}


def solutions(client, query: str) -> list:
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.data
    return sorted(json.dumps(b, sort_keys=True) for b in json.loads(r.data)["results"]["bindings"])


@pytest.mark.remote
@pytest.mark.parametrize("name", sorted(REMOTE_QUERIES))
def test_graph_patterns_answer_as_over_the_embedded_store(remote_client, embedded_client, name):
    expected = solutions(embedded_client, REMOTE_QUERIES[name])
    assert solutions(remote_client, REMOTE_QUERIES[name]) == expected
    assert (expected == []) == ("internal" in name)


MANY = 20_000   # graphs: more than the 13,510 whose listing in FROM NAMED exhausted Virtuoso's SPARQL compiler


@pytest.mark.remote
def test_graph_patterns_range_over_any_number_of_graphs(fresh):
    """The query sent does not grow with the dataset: 20,000 graphs more, and the store still answers."""
    config, _ = fresh
    store = RemoteStore.for_config(config)
    publish(store, [Quad(NamedNode("urn:x-test:s"), NamedNode("urn:x-test:p"), NamedNode("urn:x-test:o"),
                         NamedNode(SEED + "document/first"))], SEED)
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    numbers = "".join(f'<urn:x-test:n{i}> <urn:x-test:n> "{i}"^^<{integer}> .\n' for i in range(MANY)).encode()
    store.put("urn:x-test:numbers", numbers)   # a graph outside the dataset, which must not count either
    store.update(f'INSERT {{ GRAPH ?g {{ ?s <urn:x-test:n> ?i }} }} WHERE {{ GRAPH <urn:x-test:numbers> '
                 f'{{ ?s <urn:x-test:n> ?i }} BIND (IRI(CONCAT("{SEED}many/", STR(?i))) AS ?g) }}', timeout=600)
    client = create_app(config).test_client()
    count = solutions(client, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [json.loads(c)["n"]["value"] for c in count] == [str(MANY + 1)]
    one = solutions(client, f"SELECT ?i WHERE {{ GRAPH <{SEED}many/{MANY - 1}> {{ ?s ?p ?i }} }}")
    assert [json.loads(c)["i"]["value"] for c in one] == [str(MANY - 1)]
