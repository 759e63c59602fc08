"""SELECT results serialised by pyoxigraph (when they fit under the cap) say what the Python writers
say, the cap still cuts, and a cut result still says so; graphs are counted and cut while streaming."""
from __future__ import annotations

import csv
import io
import json

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, Store, parse

from kg.query import results
from kg.query.results import by_name, count_solutions, render

EX = "http://example.org/"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    p = NamedNode(EX + "p")
    objects = [Literal("plain"), Literal("été", language="fr"), Literal("42", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), Literal('line\nbreak, "quoted"\ttab'), NamedNode(EX + "o"),
        BlankNode("b1")]
    for i in range(30):
        s.add(Quad(NamedNode(f"{EX}s{i}"), p, objects[i % len(objects)]))
    return s


SELECT = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/nothing> ?missing } } ORDER BY ?s"


def parsed(fmt: str, body: bytes) -> list:
    """The rows of a serialised result, as comparable values (blank node labels aside)."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode(), newline="")))
    name = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "tsv": QueryResultsFormat.TSV}[fmt]
    from pyoxigraph import parse_query_results

    out = []
    for row in parse_query_results(body, format=name):
        out.append(tuple("_:b" if isinstance(t, BlankNode) else t for t in row))
    return out


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_native_says_what_the_python_writer_says(store, fmt):
    native = render(store.query(SELECT), format=fmt, max_results=100, again=lambda: store.query(SELECT))
    written = render(store.query(SELECT), format=fmt, max_results=100)
    assert (native.count, native.truncated) == (written.count, written.truncated) == (30, False)
    if fmt == "csv":   # blank node labels are the store's in both
        assert native.body.replace(b"\r\n", b"\n") == written.body.replace(b"\r\n", b"\n")
    else:
        assert parsed(fmt, native.body) == parsed(fmt, written.body)
    if fmt == "json":
        assert json.loads(native.body)["head"]["vars"] == ["s", "o", "missing"]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_cap_still_cuts_and_says_so(store, fmt):
    calls = []

    def again():
        calls.append(1)
        return store.query(SELECT)

    outcome = render(store.query(SELECT), format=fmt, max_results=7, again=again)
    assert (outcome.count, outcome.truncated) == (7, True)
    assert count_solutions(by_name(fmt, "solutions"), outcome.body) == 7
    assert calls == [1]   # written again, cut, only because the cap was hit
    exact = render(store.query(SELECT), format=fmt, max_results=30, again=again)
    assert (exact.count, exact.truncated) == (30, False)
    assert calls == [1]


def test_a_result_too_large_to_hold_is_written_again_cut(store, monkeypatch):
    monkeypatch.setattr(results, "NATIVE_BYTES", 200)
    outcome = render(store.query(SELECT), format="json", max_results=1000, again=lambda: store.query(SELECT))
    assert (outcome.count, outcome.truncated) == (30, False)
    assert len(json.loads(outcome.body)["results"]["bindings"]) == 30


def test_no_variables_and_no_rows(store):
    for fmt in ("json", "xml", "csv", "tsv"):
        empty = render(store.query("SELECT ?x WHERE { FILTER(false) }"), format=fmt, max_results=5,
                       again=lambda: None)
        assert (empty.count, empty.truncated) == (0, False)
        one = render(store.query("SELECT * WHERE { }"), format=fmt, max_results=5, again=lambda: None)
        assert (one.count, one.truncated) == (1, False)


@pytest.mark.parametrize("fmt, rdf", [("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES),
                                      ("nquads", RdfFormat.N_QUADS)])
def test_graphs_are_counted_and_cut_while_streaming(store, fmt, rdf):
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    whole = render(store.query(construct), format=fmt, max_results=30)
    assert (whole.count, whole.truncated) == (30, False)
    assert len(list(parse(whole.body, format=rdf))) == 30
    cut = render(store.query(construct), format=fmt, max_results=9)
    assert (cut.count, cut.truncated) == (9, True)
    assert len(list(parse(cut.body, format=rdf))) == 9


@pytest.mark.parametrize("query", [
    SELECT,
    "SELECT ?s WHERE { ?s ?p ?o FILTER(false) }",
    'SELECT ?x WHERE { VALUES ?x { "[{\\"a\\":1},{\\"b\\"}]" ",{}" "{}" } }',
    "SELECT ?t WHERE { BIND(<<( <http://example.org/a> <http://example.org/b> <http://example.org/c> )>> AS ?t) }",
    "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) (UNDEF UNDEF) (UNDEF 2) } }",
])
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rows_are_counted_exactly(store, query, fmt):
    body = store.query(query).serialize(format=results.RESULTS_FORMATS[fmt])
    expected = sum(1 for _ in store.query(query))
    assert count_solutions(by_name(fmt, "solutions"), body) == expected
