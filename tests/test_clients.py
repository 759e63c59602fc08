"""Real SPARQL clients against a live `kg serve` on loopback: SPARQLWrapper, rdflib's SPARQLStore,
curl, and another SPARQL engine (oxigraph's server) federating into the endpoint with SERVICE."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
import rdflib
import requests
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from sparql_support import named_graphs, oxigraph_server, statements, to_rdflib, triples
from SPARQLWrapper import GET, JSON, POST, TURTLE, XML, SPARQLWrapper

from kg.query.results import render
from kg.store.remote import RemoteError, RemoteStore

RDFS_LABEL = rdflib.RDFS.label
PERU = rdflib.URIRef("https://w3id.org/dipkg/id/actor/peru")
LABELS = "SELECT ?label WHERE { <https://w3id.org/dipkg/id/actor/peru> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"


@pytest.fixture(scope="module")
def peru_labels(store):
    labels = {o for _, p, o in statements(store, PERU) if p == RDFS_LABEL}
    assert labels, "the gazetteer labels Peru"
    return labels


# ---------------------------------------------------------------- SPARQLWrapper

@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_select(live_server, peru_labels, method):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setMethod(method)
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert {(b["label"]["value"], b["label"].get("xml:lang")) for b in rows} == \
           {(str(label), label.language) for label in peru_labels}


@pytest.mark.parametrize("query, answer", [(f"ASK {{ <{PERU}> ?p ?o }}", True),
                                           ("ASK { <urn:x-nowhere> ?p ?o }", False)])
def test_sparqlwrapper_ask(live_server, query, answer):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(XML)
    assert client.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.data == str(answer).lower()


@pytest.mark.parametrize("fmt", [XML, TURTLE])
def test_sparqlwrapper_construct(live_server, store, fmt):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(f"CONSTRUCT WHERE {{ <{PERU}> ?p ?o }}")
    client.setReturnFormat(fmt)
    result = client.queryAndConvert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result, format="turtle")
    assert set(graph) == statements(store, PERU)


# ---------------------------------------------------------------- rdflib's SPARQLStore

def test_rdflib_sparqlstore_select_ask_construct(live_server, store, peru_labels):
    graph = rdflib.Graph(store=SPARQLStore(live_server + "/sparql", returnFormat="json"))
    assert {row.label for row in graph.query(LABELS)} == peru_labels
    assert graph.query(f"ASK {{ <{PERU}> ?p ?o }}").askAnswer is True
    constructed = graph.query(f"CONSTRUCT WHERE {{ <{PERU}> ?p ?o }}").graph
    assert set(constructed) == statements(store, PERU)
    assert set(graph.objects(PERU, RDFS_LABEL)) == peru_labels  # triple patterns, through the store


# ---------------------------------------------------------------- kg's own RemoteStore

def test_remote_store_answers_like_the_store_itself(live_server, store, peru_labels):
    remote = RemoteStore(live_server + "/sparql")
    assert {to_rdflib(s["label"]) for s in remote.query(LABELS)} == peru_labels
    assert bool(remote.query(f"ASK {{ <{PERU}> ?p ?o }}")) is True
    constructed = {tuple(to_rdflib(t) for t in triple) for triple in remote.query(f"CONSTRUCT WHERE {{ <{PERU}> ?p ?o }}")}
    assert constructed == statements(store, PERU)
    assert remote.named_graphs() == named_graphs(store)
    assert remote.triple_count() == len(triples(store))
    outcome = render(remote.query(LABELS), format="csv")  # the same results pipeline as the embedded store
    assert outcome.count == len(peru_labels)


def test_remote_store_passes_on_the_endpoints_refusal(live_server):
    with pytest.raises(RemoteError) as refused:
        RemoteStore(live_server + "/sparql").query("SELECT * WHERE { ?s ?p }")
    assert refused.value.status == 400 and "1:" in str(refused.value)


# ---------------------------------------------------------------- curl

def curl(*args: str) -> tuple[int, str]:
    if shutil.which("curl") is None:
        pytest.fail("curl is not installed (Debian package curl)")
    out = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *args], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    body, _, status = out.rpartition("\n")
    return int(status), body


def test_curl_get_and_post(live_server, peru_labels):
    status, body = curl("-G", live_server + "/sparql", "--data-urlencode", f"query={LABELS}", "-H", "Accept: text/csv")
    assert status == 200
    assert {row[0] for row in list(csv.reader(io.StringIO(body)))[1:]} == {str(label) for label in peru_labels}
    status, body = curl("-X", "POST", live_server + "/sparql", "-H", "Content-Type: application/sparql-query",
                        "-H", "Accept: application/sparql-results+json", "--data-binary", f"ASK {{ <{PERU}> ?p ?o }}")
    assert status == 200 and '"boolean": true' in body


def test_curl_sees_readable_errors(live_server):
    status, body = curl("-G", live_server + "/sparql", "--data-urlencode", "query=SELECT * WHERE { ?s ?p }")
    assert status == 400 and "malformed query" in body and "1:" in body
    status, body = curl("-X", "POST", live_server + "/sparql", "-H", "Content-Type: application/sparql-update",
                        "--data-binary", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 403 and "read-only" in body


# ---------------------------------------------------------------- another engine federating into us

def test_oxigraph_federates_into_the_endpoint_with_service(live_server, peru_labels):
    nicknames = f'<{PERU}> <urn:x-test:nickname> "the Andean republic" .\n'
    with oxigraph_server(nicknames) as remote:
        query = f"""SELECT ?nick ?label WHERE {{
            ?actor <urn:x-test:nickname> ?nick .
            SERVICE <{live_server}/sparql> {{ ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }}"""
        r = requests.post(remote + "/query", data=query.encode(),
                          headers={"Content-Type": "application/sparql-query",
                                   "Accept": "application/sparql-results+json"}, timeout=60)
        assert r.status_code == 200, r.text
        rows = {(b["nick"]["value"], b["label"]["value"], b["label"].get("xml:lang"))
                for b in r.json()["results"]["bindings"]}
        assert rows == {("the Andean republic", str(label), label.language) for label in peru_labels}
