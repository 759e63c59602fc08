"""The query check that runs before every query: it finds SERVICE targets and updates the way the
SPARQL parser would, and is not fooled by strings, comments or IRIs that merely contain keywords."""
from __future__ import annotations

import pyoxigraph
import pytest

from kg.errors import ClientError
from kg.query.guard import check, inspect, vouch

ALLOWED = ("http://allowed.example/sparql",)


@pytest.mark.parametrize("query, endpoint", [
    ("SELECT * { SERVICE <http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ("PREFIX r: <http://a.example/> SELECT * { SERVICE r:s { ?s ?p ?o } }", "http://a.example/s"),
    ("PREFIX r: <http://a.example/> SELECT * { SERVICE r:a\\/b { ?s ?p ?o } }", "http://a.example/a/b"),
    ("BASE <http://a.example/x/> SELECT * { SERVICE <../s> { ?s ?p ?o } }", "http://a.example/s"),
    ("BASE <http://a.example/> PREFIX r: <x/> SELECT * { SERVICE r:s { ?s ?p ?o } }", "http://a.example/x/s"),
    ("SELECT * { SERVICE <http\\u003A//a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ("SELECT * { SERVICE SILENT <http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ("select * { service <http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    # pyoxigraph's parser reads keywords glued to what surrounds them: so does the check.
    ("SELECT * { SERVICESILENT<http://a.example/s>{ ?s ?p ?o } }", "http://a.example/s"),
    ("SELECT * { ?s ?p 1.0SERVICE <http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ("SELECT * { ?s ?p true.SERVICE <http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ('SELECT * { ?s ?p "x"SERVICE <http://a.example/s> { ?s ?p ?o } }', "http://a.example/s"),
    ("PREFIX : <http://a.example/> SELECT * { SERVICE:s { ?s ?p ?o } }", "http://a.example/s"),
    ("SELECT * { SERVICE#comment\n<http://a.example/s> { ?s ?p ?o } }", "http://a.example/s"),
    ("SELECT * { ?a ?b ?c FILTER(?a<?b)SERVICE<http://a.example/s>{ ?s ?p ?o } }", "http://a.example/s"),
])
def test_service_endpoints_are_found_as_the_parser_resolves_them(query, endpoint):
    assert [s.endpoint for s in inspect(query).services] == [endpoint]
    with pytest.raises(ClientError) as refused:
        check(query, ALLOWED)
    assert refused.value.status == 403 and endpoint in refused.value.message


def test_the_resolution_agrees_with_the_sparql_parser():
    """The IRIs the check computes are those pyoxigraph's parser computes for the same text."""
    for prologue, ref in [("BASE <http://a.example/x/y/>", "<../s>"), ("PREFIX r: <http://a.example/p#>", "r:s\\/t"),
                          ("", "<http\\u003A//a.example/s>")]:
        query = f"{prologue} SELECT ?e WHERE {{ BIND({ref} AS ?e) }}"
        parsed = next(iter(pyoxigraph.Store().query(query)))["e"].value
        assert [s.endpoint for s in inspect(f"{prologue} SELECT * WHERE {{ SERVICE {ref} {{ }} }}").services] == [parsed]


@pytest.mark.parametrize("query", [
    'SELECT * { ?s ?p "SERVICE <http://a.example/s> {}" }',
    "SELECT * { ?s ?p '''it's a SERVICE <http://a.example/s> {}''' }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://a.example/s> {}",
    "SELECT * { ?s <http://a.example/SERVICE> ?o }",
    "PREFIX ex: <http://a.example/> SELECT ?service { ?service ex:SERVICE ?o }",
])
def test_lookalikes_are_not_services(query):
    assert inspect(query).services == []
    check(query, ())


def test_an_allow_listed_service_passes_and_is_the_one_service_found():
    found = check("SELECT * { SERVICE <http://allowed.example/sparql> { ?s ?p ?o } }", ALLOWED)
    vouch(found)
    assert [s.endpoint for s in found.services] == list(ALLOWED) and found.update is None


def test_an_allow_listed_service_must_be_written_as_a_full_iri():
    with pytest.raises(ClientError, match="full IRI"):
        check("PREFIX r: <http://allowed.example/> SELECT * { SERVICE r:sparql { ?s ?p ?o } }", ALLOWED)


@pytest.mark.parametrize("elsewhere", ['"a service"', "<http://a.example/service>", "# SERVICE\n", "?service"])
def test_a_federated_query_may_mention_service_only_in_its_clauses(elsewhere):
    """Beside an allowed SERVICE nothing may even look like one: no lexing subtlety can hide a second."""
    query = f"SELECT * {{ SERVICE <http://allowed.example/sparql> {{ ?s ?p ?o }} BIND({elsewhere} AS ?x) }}"
    with pytest.raises(ClientError, match="column"):
        vouch(check(query, ALLOWED))


def test_a_variable_service_is_refused():
    with pytest.raises(ClientError, match=r"\?endpoint"):
        check("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", ALLOWED)


def test_an_undeclared_prefix_is_refused_as_a_client_error():
    with pytest.raises(ClientError) as refused:
        check("SELECT * { SERVICE nowhere:s { ?s ?p ?o } }", ALLOWED)
    assert refused.value.status == 400 and "nowhere:" in refused.value.message


@pytest.mark.parametrize("query, keyword", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("PREFIX : <urn:x:>\nBASE <urn:y>\ndelete where { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://a.example/data.ttl>", "LOAD"),
    ("SELECT * {} ; CLEAR ALL", "CLEAR"),
])
def test_updates_are_refused(query, keyword):
    with pytest.raises(ClientError) as refused:
        check(query, ())
    assert refused.value.status == 403 and keyword in refused.value.message and "read-only" in refused.value.message


def test_update_words_in_names_and_strings_are_not_updates():
    found = check('PREFIX load: <urn:x:> SELECT ?insert { ?insert load:delete "DROP ALL" }', ())
    assert found.update is None and found.services == []


@pytest.mark.parametrize("query", [
    "SELECT ?p ?o WHERE { <http://a.example/x> ?p ?o }",
    "PREFIX dip: <https://w3id.org/dipkg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?m dip:participant ?a } GROUP BY ?a",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://a.example/g> { ?s ?p ?o } }",
    "SELECT * { ?s ?p 1.0SERVICE <http://a.example/s> { ?s ?p ?o } }",
    'SELECT * { ?s ?p "with a string that says insert" }',
    "ASK { ?address ?p ?o }",
    "SELECT * { ?s ?p ?o } #INSERT",
])
def test_the_shortcut_finds_what_the_lexer_finds(query):
    """A query that holds none of the words the check looks for skips the lexer: same findings."""
    from kg.query.guard import lexed

    assert inspect(query) == lexed(query)
