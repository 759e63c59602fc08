"""Limits that hold on a live `kg serve`: the query timeout really stops the work, a result-size cap
with a signal, a request-size cap, read-only, and SERVICE only to allow-listed endpoints."""
from __future__ import annotations

import io
import json
import shutil
import threading
import time

import pytest
import requests
from conftest import running_server
from rdflib.query import Result
from sparql_support import Listener, oxigraph_server, server_processes

from kg.build.pipeline import build

TIMEOUT = 3
MAX_RESULTS = 50
MAX_BYTES = 4000
# Three unconstrained patterns over ~3,500 triples: 4·10^10 combinations, hours of counting.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "ASK { ?s a ?class }"


@pytest.fixture(scope="module")
def limited(built, tmp_path_factory):
    store = shutil.copytree(built.store_dir, tmp_path_factory.mktemp("limited") / "store", symlinks=False)
    env = {"KG_QUERY_TIMEOUT": str(TIMEOUT), "KG_MAX_RESULTS": str(MAX_RESULTS),
           "KG_MAX_REQUEST_BYTES": str(MAX_BYTES), "KG_SERVICE_ALLOWLIST": ""}
    with running_server(store, env=env, workers=1) as url:  # one worker: it must serve others meanwhile
        yield url


def sparql(url, query, **params):
    return requests.get(url + "/sparql", params={"query": query, **params}, timeout=60)


# ---------------------------------------------------------------- the timeout

def test_a_runaway_query_is_cut_off_at_the_timeout_while_other_clients_are_answered(limited):
    runaway: dict = {}

    def run():
        started = time.monotonic()
        r = sparql(limited, RUNAWAY)
        runaway.update(status=r.status_code, text=r.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)  # the runaway query is under way
    others = []
    for _ in range(10):
        r = sparql(limited, QUICK)
        others.append((r.status_code, r.text, thread.is_alive()))
    thread.join(60)
    assert all(status == 200 and "true" in text for status, text, _ in others)
    assert all(still_running for _, _, still_running in others), "answered while the runaway query ran"
    assert runaway["status"] == 503
    assert f"time limit of {TIMEOUT} s" in runaway["text"] and "stopped" in runaway["text"]
    assert TIMEOUT <= runaway["seconds"] < TIMEOUT + 10, "cut off at the timeout, not hours later"


def test_a_stopped_query_leaves_no_work_behind(limited):
    r = sparql(limited, RUNAWAY, timeout="1")
    assert r.status_code == 503
    time.sleep(0.5)
    before = server_processes(limited)
    time.sleep(1.5)
    after = server_processes(limited)
    busy = sum(after[p] - before[p] for p in after if p in before)
    assert busy < 0.5, f"the server's processes used {busy:.2f} CPU-seconds in 1.5 s of idleness"
    assert sparql(limited, QUICK).status_code == 200, "a fresh query process took the killed one's place"


def test_a_request_may_lower_the_timeout(limited):
    r = sparql(limited, RUNAWAY, timeout="1")
    assert r.status_code == 503 and "time limit of 1 s" in r.text


def test_a_request_cannot_raise_the_timeout(limited):
    r = sparql(limited, RUNAWAY, timeout="600")
    assert r.status_code == 503 and f"time limit of {TIMEOUT} s" in r.text


@pytest.mark.parametrize("value", ["soon", "-1", "0", "nan", "inf"])
def test_a_timeout_that_is_not_a_positive_number_is_refused(limited, value):
    r = sparql(limited, QUICK, timeout=value)
    assert r.status_code == 400 and "timeout" in r.text


# ---------------------------------------------------------------- result and request sizes

def test_a_result_over_the_cap_is_cut_and_says_so(limited):
    r = sparql(limited, "SELECT * WHERE { ?s ?p ?o }", format="json")
    assert r.status_code == 200
    assert r.headers["X-SPARQL-Results-Truncated"] == "true"
    assert r.headers["X-SPARQL-Max-Results"] == str(MAX_RESULTS)
    assert len(json.loads(r.content)["results"]["bindings"]) == MAX_RESULTS


def test_a_result_within_the_cap_is_whole(limited):
    r = sparql(limited, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_RESULTS}", format="xml")
    assert "X-SPARQL-Results-Truncated" not in r.headers
    assert len(list(Result.parse(io.BytesIO(r.content), format="xml"))) == MAX_RESULTS


def test_a_graph_result_over_the_cap_is_cut_and_says_so(limited):
    r = sparql(limited, "CONSTRUCT WHERE { ?s ?p ?o }", format="ntriples")
    assert r.headers["X-SPARQL-Results-Truncated"] == "true"
    assert len(r.text.strip().splitlines()) == MAX_RESULTS


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/sparql-query"])
def test_a_request_over_the_size_limit_is_refused(limited, content_type):
    query = "ASK {}\n#" + "x" * MAX_BYTES
    body = ("query=" + requests.utils.quote(query)).encode() if content_type.endswith("urlencoded") else query.encode()
    r = requests.post(limited + "/sparql", data=body, headers={"Content-Type": content_type})
    assert r.status_code == 413 and str(MAX_BYTES) in r.text


def test_a_get_longer_than_gunicorn_reads_is_refused_with_a_reason(limited):
    r = sparql(limited, "ASK {} #" + "x" * 9000)
    assert r.status_code == 414 and "too large" in r.text


# ---------------------------------------------------------------- read-only

@pytest.mark.parametrize("request_args", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"data": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": {"query": "PREFIX : <urn:x:> INSERT DATA { :a :b :c }"}},
    {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
    {"data": {"query": "DROP ALL"}},
], ids=["update-form", "update-direct", "insert-as-query", "delete-as-query", "drop-as-query"])
def test_sparql_update_is_refused(limited, request_args):
    r = requests.post(limited + "/sparql", **request_args)
    assert r.status_code == 403 and "read-only" in r.text
    assert sparql(limited, "ASK { <urn:a> <urn:b> <urn:c> }").text.count("false") == 1


def test_load_is_refused_without_any_connection(limited):
    target = Listener()
    try:
        r = requests.post(limited + "/sparql", data={"query": f"LOAD <http://127.0.0.1:{target.port}/data.ttl>"})
        assert r.status_code == 403 and "LOAD" in r.text
        assert not target.connected(0.3)
    finally:
        target.close()


# ---------------------------------------------------------------- SERVICE and its allow-list

SERVICE_FORMS = {
    "iri": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "silent-lowercase": "select * where { service silent <{url}> { ?s ?p ?o } }",
    "prefixed-name": "PREFIX remote: <{base}> SELECT * WHERE { SERVICE remote:sparql { ?s ?p ?o } }",
    "relative-to-base": "BASE <{base}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "escaped-iri": "SELECT * WHERE { SERVICE <{escaped}> { ?s ?p ?o } }",
    "in-a-subquery": "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o SERVICE <{url}> { ?s ?p ?o } } } }",
    "glued-to-a-number": "SELECT * WHERE { ?s ?p 1.SERVICE<{url}>{ ?s ?p ?o } }",
    "glued-to-silent": "SELECT * WHERE { SERVICESILENT<{url}>{ ?s ?p ?o } }",
    "glued-to-a-prefixed-name": "PREFIX : <{base}> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    "after-lookalikes": ('SELECT * WHERE { ?s ?p "SERVICE <urn:x> {}" # SERVICE <urn:y>\n'
                         "FILTER(?s<?p)SERVICE<{url}>{ ?s ?p ?o } }"),
}


def service_query(form: str, listener: Listener) -> str:
    base = f"http://127.0.0.1:{listener.port}/"
    escaped = listener.url.replace(":", "\\u003A", 1)
    return (SERVICE_FORMS[form].replace("{url}", listener.url).replace("{base}", base)
            .replace("{escaped}", escaped))


@pytest.mark.parametrize("form", sorted(SERVICE_FORMS))
def test_service_to_an_address_not_allow_listed_is_refused_without_any_connection(limited, form):
    target = Listener()
    try:
        r = sparql(limited, service_query(form, target))
        assert r.status_code == 403 and "allow-list" in r.text and target.url in r.text
        assert not target.connected(0.2), "a connection reached the non-allow-listed address"
    finally:
        target.close()


def test_service_with_a_variable_endpoint_is_refused(limited):
    r = sparql(limited, "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/sparql> } SERVICE ?e { ?s ?p ?o } }")
    assert r.status_code == 403 and "?e" in r.text


def test_query_processes_are_cut_off_from_the_network(limited):
    """A second wall behind the query check: queries without an allowed SERVICE run with no network."""
    assert health_isolation(limited) is True


@pytest.mark.parametrize("query", [
    "PREFIX : <{base}> SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE:sparql#>\n{ ?s ?p ?o } }",
])
def test_a_service_the_check_cannot_see_still_reaches_nothing(limited, query):
    """Text that hides SERVICE from the check (here inside what looks like an IRI) runs networkless."""
    target = Listener()
    try:
        r = sparql(limited, query.replace("{base}", f"http://127.0.0.1:{target.port}/"))
        assert r.status_code == 502 and "unreachable" in r.text, "the query ran, and its SERVICE failed"
        assert not target.connected(0.2)
    finally:
        target.close()


def health_isolation(url, pool="queries"):
    deadline = time.monotonic() + 30
    while (isolated := requests.get(url + "/health").json()["executors"].get(pool, {}).get("network_isolated")) is None:
        assert time.monotonic() < deadline, "query processes did not start"
        time.sleep(0.1)  # still starting
    return isolated


def test_query_processes_without_network_cannot_connect_even_unchecked(built):
    """The executor itself, asked to run SERVICE without the check, reaches nothing."""
    from kg.query.pool import Pool

    target, pool = Listener(), Pool(1, isolate=True)
    try:
        ex = pool.acquire(time.monotonic() + 30)
        if not ex.isolated:
            pytest.skip("this machine allows no network namespaces")
        status, message = ex.call({"store_dir": str(built.store_dir), "sparql": service_query("iri", target),
                                   "accept": None, "format": None, "default_graphs": None, "named_graphs": None,
                                   "substitutions": None, "union": True, "prefixes": None, "max_results": 10}, 30)
        assert status == "error" and message.status == 502 and "unreachable" in message.message.lower()
        assert not target.connected(0.2)
    finally:
        pool.shutdown()
        target.close()


NICKNAMES = """
<https://w3id.org/dipkg/id/actor/peru> <urn:x-test:nickname> "the Andean republic" .
<https://w3id.org/dipkg/id/actor/united-states> <urn:x-test:nickname> "the northern neighbour" .
"""


def test_service_to_an_allow_listed_endpoint_is_joined(built, tmp_path):
    with oxigraph_server(NICKNAMES) as remote:
        store = shutil.copytree(built.store_dir, tmp_path / "store")
        with running_server(store, env={"KG_SERVICE_ALLOWLIST": remote + "/query"}, workers=1) as url:
            query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?label ?nick WHERE {{
                  SERVICE <{remote}/query> {{ ?actor <urn:x-test:nickname> ?nick }}
                  ?actor rdfs:label ?label FILTER(lang(?label) = "en") }}"""
            r = sparql(url, query, format="json")
            assert r.status_code == 200, r.text
            rows = {(b["label"]["value"], b["nick"]["value"]) for b in r.json()["results"]["bindings"]}
            assert rows == {("Peru", "the Andean republic"), ("United States", "the northern neighbour")}
            assert health_isolation(url, "federation") is False
            assert health_isolation(url, "queries") is True
            target = Listener()  # other addresses stay refused
            try:
                for form in sorted(SERVICE_FORMS):
                    r = sparql(url, service_query(form, target))
                    assert r.status_code == 403 and not target.connected(0.1), form
                # Beside an allowed SERVICE, a second one hidden from the check is refused too.
                hidden = (f"PREFIX : <http://127.0.0.1:{target.port}/> SELECT * WHERE {{ "
                          f"SERVICE <{remote}/query> {{ ?a ?b ?c }} BIND(1 AS ?x) BIND(2 AS ?y) FILTER(?x<?y)SERVICE:sparql#>\n"
                          "{ ?s ?p ?o } }")
                r = sparql(url, hidden)
                assert r.status_code == 403 and "line 1" in r.text and not target.connected(0.2)
            finally:
                target.close()


# ---------------------------------------------------------------- a rebuilt store is picked up

def test_query_processes_follow_a_rebuild_of_the_store(built, tmp_path):
    store = shutil.copytree(built.store_dir, tmp_path / "store")
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/dipkg/ontology#SourceDocument> }"
    documents = sorted(built.documents_dir.glob("*.txt"))
    assert len(documents) > 2
    with running_server(store, workers=2) as url:
        assert {sparql(url, count, format="csv").text.split()[1] for _ in range(8)} == {str(len(documents))}
        fewer = tmp_path / "docs"
        fewer.mkdir()
        for doc in documents[:2]:
            shutil.copy(doc, fewer)
        build(built, documents_dir=fewer, store_dir=store)
        assert {sparql(url, count, format="csv").text.split()[1] for _ in range(8)} == {"2"}
