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


# ---------------------------------------------------------------- shape: what a query process's stack survives

DEEP = {
    "braces": "SELECT * WHERE " + "{" * 2200 + "}" * 2200,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "brackets": "SELECT * WHERE { ?s ?p " + "[ <p> " * 3000 + "1" + "]" * 3000 + " }",
    "or-chain": "SELECT * WHERE { FILTER(" + " || ".join(["true"] * 10000) + ") }",
    "union-chain": "SELECT * WHERE { " + " UNION ".join(["{}"] * 10000) + " }",
    "not-chain": "SELECT * WHERE { FILTER(" + "!" * 10000 + "true) }",
    "plus-chain": "SELECT (" + "+".join(["1"] * 10000) + " AS ?x) WHERE {}",
    "minus-glued": "SELECT (" + "-".join(["1"] * 10000) + " AS ?x) WHERE {}",
    "optional-chain": "SELECT * WHERE { " + " OPTIONAL {}" * 10000 + " }",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_a_query_nested_or_chained_past_the_stack_is_refused_before_it_runs(name):
    """Issue 12, reproducer 4: each of these crashed a query process (SIGSEGV, stack overflow)."""
    with pytest.raises(ClientError) as e:
        check(DEEP[name], ALLOWED)
    assert e.value.status == 400 and ("nests brackets" in e.value.message or "chains more than" in e.value.message)
    assert "line 1, column" in e.value.message


def test_brackets_and_operators_in_strings_iris_and_comments_do_not_count():
    text = '"' + "{(" * 3000 + '"'
    query = f"SELECT * WHERE {{ ?s ?p {text} . ?s <http://x/{'(' * 10}> ?o }} # {'{' * 3000} {'||' * 3000}"
    check(query, ALLOWED)


def test_every_saved_query_passes_the_shape_check():
    from kg.config import Config

    for path in sorted(Config().queries_dir.rglob("*.rq")):
        check(path.read_text(encoding="utf-8"), ("https://query.wikidata.org/sparql",))


def test_the_shape_check_is_linear():
    import time

    started = time.monotonic()
    for query in DEEP.values():
        with pytest.raises(ClientError):
            check(query * 10, ALLOWED)
    assert time.monotonic() - started < 2


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
