"""Content negotiation on /sparql: every result format, parsed back by a real parser, says what the
store holds; the Service Description; CORS; the access log."""
from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
import rdflib
from conftest import BROWSER, web
from rdflib.query import Result
from sparql_support import named_graphs, statements, triples

DIP = "https://w3id.org/dipkg/ontology#"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
# Documents: IRIs, language-tagged titles, long texts (new lines, quotes, commas), optional typed dates,
# and a variable that is never bound.
SELECT = f"""PREFIX dct: <http://purl.org/dc/terms/> PREFIX schema: <http://schema.org/>
SELECT ?doc ?title ?text ?date ?nothing WHERE {{
  ?doc a <{DIP}SourceDocument> ; dct:title ?title ; schema:text ?text .
  OPTIONAL {{ ?doc dct:date ?date }} OPTIONAL {{ ?doc <urn:x-none> ?nothing }} }}"""


@pytest.fixture(scope="module")
def expected_rows(store):
    """The documents' rows, read from the store's quads without SPARQL."""
    by_subject: dict = {}
    for s, p, o in triples(store):
        by_subject.setdefault(s, {}).setdefault(str(p), o)
    rows = set()
    for s, props in by_subject.items():
        if props.get(str(rdflib.RDF.type)) == rdflib.URIRef(DIP + "SourceDocument") and \
                "http://purl.org/dc/terms/title" in props:
            rows.add((s, props["http://purl.org/dc/terms/title"], props["http://schema.org/text"],
                      props.get("http://purl.org/dc/terms/date"), None))
    assert len(rows) >= 3
    return rows


def get(server, query, **params):
    headers = {"Accept": params.pop("accept")} if "accept" in params else {}
    r = web.get(server + "/sparql", params={"query": query, **params}, headers=headers)
    assert r.status_code == 200, r.text
    return r


def media(r) -> str:
    return r.headers["Content-Type"].split(";")[0]


@pytest.mark.parametrize("fmt, media_type", [("json", "application/sparql-results+json"),
                                             ("xml", "application/sparql-results+xml"),
                                             ("tsv", "text/tab-separated-values")])
@pytest.mark.parametrize("how", ["accept", "format"])
def test_select_results_parse_back_to_the_stored_terms(server, expected_rows, fmt, media_type, how):
    r = get(server, SELECT, **({"accept": media_type} if how == "accept" else {"format": fmt}))
    assert media(r) == media_type
    result = Result.parse(io.BytesIO(r.content), format=fmt)
    assert [str(v) for v in result.vars] == ["doc", "title", "text", "date", "nothing"]
    assert {tuple(row) for row in result} == expected_rows


def test_select_as_csv_parses_back_to_the_stored_values(server, expected_rows):
    r = get(server, SELECT, accept="text/csv")
    assert media(r) == "text/csv"
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"), newline="")))
    assert rows[0] == ["doc", "title", "text", "date", "nothing"]
    expected = {tuple("" if t is None else str(t) for t in row) for row in expected_rows}
    assert {tuple(row) for row in rows[1:]} == expected


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("query, answer", [("ASK { ?s a ?class }", True), ("ASK { ?s <urn:x-none> ?o }", False)])
def test_ask_results_parse_back(server, fmt, query, answer):
    r = get(server, query, format=fmt)
    assert Result.parse(io.BytesIO(r.content), format=fmt).askAnswer is answer


@pytest.mark.parametrize("fmt, media_type", [("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_ask_as_csv_and_tsv_is_one_boolean_cell(server, fmt, media_type):
    r = get(server, "ASK { ?s a ?class }", accept=media_type)
    rows = list(csv.reader(io.StringIO(r.text), delimiter="," if fmt == "csv" else "\t"))
    assert media(r) == media_type and rows[1] == ["true"]


GRAPH_FORMATS = [("turtle", "text/turtle", "turtle"), ("ntriples", "application/n-triples", "nt"),
                 ("jsonld", "application/ld+json", "json-ld"), ("rdfxml", "application/rdf+xml", "xml"),
                 ("trig", "application/trig", "trig"), ("nquads", "application/n-quads", "nquads")]


@pytest.mark.parametrize("fmt, media_type, parser", GRAPH_FORMATS)
def test_construct_results_parse_back_to_the_graph(server, store, fmt, media_type, parser):
    g = [n for n in named_graphs(store) if "/graph/document/" in n][0]
    r = get(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", accept=media_type)
    assert media(r) == media_type
    parsed = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    parsed.parse(data=r.content, format=parser)
    got = {(s, p, o) for s, p, o, *_ in (parsed.quads() if fmt in ("trig", "nquads") else parsed)}
    assert got == triples(store, g)


@pytest.mark.parametrize("fmt, media_type, parser", GRAPH_FORMATS)
def test_describe_results_parse_back_to_the_resource(server, store, fmt, media_type, parser):
    actor = rdflib.URIRef("https://w3id.org/dipkg/id/actor/peru")
    expected = statements(store, actor)
    assert expected, "the gazetteer describes Peru"
    r = get(server, f"DESCRIBE <{actor}>", format=fmt)
    parsed = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    parsed.parse(data=r.content, format=parser)
    assert {(s, p, o) for s, p, o, *_ in (parsed.quads() if fmt in ("trig", "nquads") else parsed)} == expected


def test_accept_quality_values_are_honoured(server):
    r = get(server, "SELECT ?x WHERE { BIND(1 AS ?x) }",
            accept="text/csv;q=0.5, application/sparql-results+xml, application/sparql-results+json;q=0.9")
    assert media(r) == "application/sparql-results+xml"


def test_the_format_parameter_wins_over_accept(server):
    r = get(server, "ASK {}", format="application/sparql-results+xml", accept="application/sparql-results+json")
    assert media(r) == "application/sparql-results+xml"


def test_an_unknown_format_is_a_client_error_naming_the_parameter(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}", "format": "yaml"})
    assert r.status_code == 400 and "format" in r.text and "yaml" in r.text


def test_a_format_that_cannot_carry_the_result_is_not_acceptable(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}", "format": "turtle"})
    assert r.status_code == 406 and "format" in r.text


@pytest.mark.parametrize("query, media_type", [("SELECT * {}", "application/sparql-results+json"),
                                               ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/turtle")])
def test_an_accept_header_nothing_matches_gets_the_default_format(server, query, media_type):
    r = web.get(server + "/sparql", params={"query": query}, headers={"Accept": "image/png"})
    assert r.status_code == 200 and media(r) == media_type


# ---------------------------------------------------------------- the Service Description

@pytest.mark.parametrize("media_type, parser", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                                ("application/ld+json", "json-ld")])
def test_service_description_without_a_query(server, store, media_type, parser):
    r = web.get(server + "/sparql", headers={"Accept": media_type})
    assert r.status_code == 200 and media(r) == media_type
    g = rdflib.Graph().parse(data=r.content, format=parser)
    service = rdflib.URIRef(server + "/sparql")
    assert (service, rdflib.RDF.type, SD.Service) in g
    assert (service, SD.endpoint, service) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"],
            FORMATS.RDF_XML} <= set(g.objects(service, SD.resultFormat))
    dataset = g.value(service, SD.defaultDataset)
    names = {str(g.value(n, SD.name)) for n in g.objects(dataset, SD.namedGraph)}
    assert names == set(named_graphs(store))


def test_a_browser_without_a_query_gets_the_query_editor(server):
    r = web.get(server + "/sparql", headers={"Accept": BROWSER})
    assert r.status_code == 200 and media(r) == "text/html"
    assert "<form" in r.text


# ---------------------------------------------------------------- CORS and the access log

def test_cross_origin_queries_are_allowed(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    pre = web.options(server + "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code in (200, 204)
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "content-type" in pre.headers["Access-Control-Allow-Headers"].lower()


def test_every_query_gets_an_access_log_line(live_server, built):
    """About the server's log: a real server."""
    log = Path(built.store_dir).parent / f"server-{live_server.rsplit(':', 1)[1]}.log"
    marker = "access-log-probe"
    get(live_server, f'SELECT ?x WHERE {{ VALUES ?x {{ "{marker}" 2 3 }} }}', format="csv")
    web.get(live_server + "/sparql", params={"query": "SELECT nonsense"})
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [line for line in log.read_text().splitlines() if "kg.access" in line]
        if len(lines) >= 2 and "status=400" in lines[-1]:
            break
        time.sleep(0.1)
    ok, bad = lines[-2], lines[-1]
    assert "status=200" in ok and "results=3" in ok and "format=csv" in ok and "ms=" in ok and "bytes=" in ok
    assert "status=400" in bad and "ms=" in bad


def test_relative_iris_resolve_against_the_endpoint(server):
    r = web.get(server + "/sparql", params={"query": "SELECT ?x WHERE { BIND(<other/x> AS ?x) }"},
                headers={"Accept": "application/sparql-results+json"})
    assert r.json()["results"]["bindings"][0]["x"]["value"] == server + "/other/x"


def test_queries_answered_in_front_of_flask_behave_as_the_view(server):
    """/sparql queries are answered by a thin layer in front of Flask (kg.web.sparql.Direct): its
    errors and headers are the view's; a GET that names no query still gets the service description."""
    refused = web.post(server + "/sparql", data="x", headers={"Content-Type": "text/plain"})
    assert refused.status_code == 415 and refused.headers["Content-Type"].startswith("text/plain")
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    described = web.get(server + "/sparql", params={"notaquery": "1"}, headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and described.headers["Content-Type"].startswith("text/turtle")
    head = web.head(server + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert head.status_code == 200 and head.content == b"" and "X-SPARQL-Max-Results" in head.headers
