"""Parameters bound over the SPARQL Protocol (kg/store/values.py): a VALUES block written into the
query's text must mean what pyoxigraph's `substitutions` mean, and no value may change the query.
Both are checked on a real pyoxigraph store; the same payloads go to real remote stores in
test_remote_store.py."""
import pyoxigraph
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Variable

from kg.store.values import bind

EX = "http://example.org/"
DATA = f"""
<{EX}a> <{EX}knows> <{EX}b> . <{EX}b> <{EX}knows> <{EX}c> . <{EX}a> <{EX}name> "A" . <{EX}b> <{EX}name> "B" .
"""

# Payloads that would end a string or an IRI, open a new clause, or smuggle an escape.
PAYLOADS = ['" } ; DROP ALL ; SELECT * { "', "' } INSERT DATA { <x:s> <x:p> <x:o> } #", '\\" } #', "line\nbreak } #",
            "}}}}", "\\u0022 } #", "\\u005C", "# comment } ", "<http://evil/> ?p ?o } #", "ünïcödé\u2028", ""]

QUERIES = {
    "select": "SELECT ?who ?name WHERE { ?who <http://example.org/name> ?name }",
    "select-star": "SELECT * { ?who <http://example.org/knows> ?other }",
    "filter": "SELECT ?who ?other WHERE { ?who <http://example.org/knows> ?other FILTER (?who != ?other) }",
    "optional": "SELECT ?who ?n WHERE { ?who ?p ?o OPTIONAL { ?who <http://example.org/name> ?n } }",
    "sub-query": "SELECT ?who ?n WHERE { { SELECT ?who (COUNT(*) AS ?n) WHERE { ?who ?p ?o } GROUP BY ?who } }",
    "sub-query-alone": "SELECT ?who ?n WHERE { SELECT ?who (COUNT(*) AS ?n) WHERE { ?who ?p ?o } GROUP BY ?who }",
    "aggregate": "SELECT ?who (COUNT(?o) AS ?n) WHERE { ?who ?p ?o } GROUP BY ?who",
    "ask": "ASK { ?who <http://example.org/knows> ?x }",
    "construct": "CONSTRUCT { ?who <http://example.org/seen> ?o } WHERE { ?who ?p ?o }",
    "construct-where": "CONSTRUCT WHERE { ?who ?p ?o }",
    "describe": "DESCRIBE ?who",
    "braces-in-text": "# { a comment }\nSELECT ?who WHERE { ?who <http://example.org/name> ?n FILTER (?n != \"}{\") }",
    "prologue": "PREFIX ex: <http://example.org/>\nSELECT ?who ?o WHERE { ?who ex:knows ?o } ORDER BY ?o LIMIT 5",
}


@pytest.fixture(scope="module")
def store():
    s = pyoxigraph.Store()
    s.load(DATA.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    return s


def answers(result) -> object:
    if isinstance(result, pyoxigraph.QueryBoolean):
        return bool(result)
    if isinstance(result, pyoxigraph.QuerySolutions):
        names = [v.value for v in result.variables]
        return sorted(tuple(str(s[n]) for n in names) for s in result)
    return sorted(str(t) for t in result)


@pytest.mark.parametrize("name", sorted(QUERIES))
@pytest.mark.parametrize("who", [f"{EX}a", f"{EX}b", f"{EX}nobody"])
def test_values_mean_what_substitutions_mean(store, name, who):
    subs = {Variable("who"): NamedNode(who)}
    expected = answers(store.query(QUERIES[name], substitutions=subs))
    assert answers(store.query(bind(QUERIES[name], subs))) == expected
    if name not in ("ask", "describe") and who != f"{EX}nobody":
        assert expected, "a binding that matches must give answers, or the comparison proves nothing"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_value_changes_the_query(store, payload):
    before = len(store)
    for term in (Literal(payload), Literal(payload, language="en"), Literal(payload, datatype=NamedNode(EX + "t"))):
        rows = list(store.query(bind("SELECT ?v WHERE { }", {Variable("v"): term})))
        assert [r["v"] for r in rows] == [term]
    assert len(store) == before


def test_an_iri_cannot_be_closed_early():
    with pytest.raises(ValueError):
        NamedNode("http://example.org/> } DROP ALL #")


def test_a_blank_node_is_refused():
    with pytest.raises(ValueError, match="IRIs and literals"):
        bind("SELECT ?v WHERE { }", {Variable("v"): BlankNode()})
