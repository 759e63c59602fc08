"""Dumps: every format parses back to exactly the store's data; conditional requests; compression."""
from __future__ import annotations

import gzip
import io
import subprocess

import pyoxigraph
import pytest
import rdflib
from conftest import KG, running_server, web
from sparql_support import oracle, to_rdflib, triples

from kg.build.pipeline import build
from kg.config import Config

ONTOLOGY_GRAPH = "https://w3id.org/dipkg/graph/ontology"
DUMP_FILES = {"dipkg.ttl", "dipkg.nt.gz", "dipkg.trig", "dipkg.nq", "ontology.ttl"}


def quads(store: pyoxigraph.Store) -> set[tuple]:
    return {(*(to_rdflib(t) for t in (q.subject, q.predicate, q.object)), rdflib.URIRef(q.graph_name.value))
            for q in store if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)}  # the derived union is not dumped as a graph


def parsed_quads(data: bytes, fmt: str) -> set[tuple]:
    ds = rdflib.Dataset()
    ds.parse(data=data, format=fmt)
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None)) if g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}


def parsed_triples(data: bytes, fmt: str) -> set[tuple]:
    return set(rdflib.Graph().parse(data=data, format=fmt))


def test_the_turtle_dump_is_the_union_graph_of_the_store(server, store):
    r = web.get(f"{server}/dumps/dipkg.ttl")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    assert parsed_triples(r.content, "turtle") == triples(store)


def test_the_ntriples_dump_is_a_gzip_file_of_the_union_graph(server, store):
    r = web.get(f"{server}/dumps/dipkg.nt.gz")
    assert r.status_code == 200
    # Sent as the .gz file it is (not re-encoded), so clients save a real gzip file.
    assert r.headers["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in r.headers
    text = gzip.decompress(r.content)
    assert parsed_triples(text, "nt") == triples(store)
    # One triple a line, each distinct triple once.
    assert len(text.splitlines()) == len(triples(store))


@pytest.mark.parametrize("file, fmt", [("dipkg.trig", "trig"), ("dipkg.nq", "nquads")])
def test_the_dataset_dumps_hold_every_named_graph_with_its_provenance(server, store, file, fmt):
    r = web.get(f"{server}/dumps/{file}")
    assert r.status_code == 200
    got = parsed_quads(r.content, fmt)
    assert got == quads(store)
    # Each document's graph says where its statements come from.
    prov = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    document_graphs = {g for _, _, _, g in got if "/graph/document/" in g}
    described = {g for s, p, _, g in got if s == g and p == prov}
    assert document_graphs and document_graphs <= described


def test_the_ontology_dump_is_the_ontology_graph_alone(server, store):
    r = web.get(f"{server}/dumps/ontology.ttl")
    assert parsed_triples(r.content, "turtle") == triples(store, ONTOLOGY_GRAPH)


def test_an_nquads_dump_loaded_into_a_fresh_store_gives_back_the_same_dataset(server, store):
    fresh = pyoxigraph.Store()
    fresh.load(io.BytesIO(web.get(f"{server}/dumps/dipkg.nq").content), format=pyoxigraph.RdfFormat.N_QUADS)
    assert quads(fresh) == quads(store)
    # No blank nodes: set equality of quads is isomorphism.
    assert not any(isinstance(t, rdflib.BNode) for q in quads(store) for t in q)


def test_a_repeated_conditional_request_is_answered_304(server):
    url = f"{server}/dumps/dipkg.trig"
    first = web.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = web.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert web.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert web.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_dumps_are_gzip_encoded_for_clients_that_accept_it(live_server, store):
    """About the bytes on the wire: a real server."""
    url = f"{live_server}/dumps/dipkg.ttl"
    raw = web.get(url, headers={"Accept-Encoding": "gzip"}, stream=True)
    assert raw.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in raw.headers["Vary"]
    body = raw.raw.read(decode_content=False)
    assert parsed_triples(gzip.decompress(body), "turtle") == triples(store)
    plain = web.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert int(plain.headers["Content-Length"]) == len(plain.content) > len(body)
    # The two encodings are different representations: different validators.
    assert plain.headers["ETag"] != raw.headers["ETag"]


def test_the_list_of_dumps_is_json_for_programs_and_html_for_browsers(server):
    listing = web.get(f"{server}/dumps").json()
    assert {d["file"] for d in listing["dumps"]} == DUMP_FILES
    for d in listing["dumps"]:
        r = web.head(server + d["url"], headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200 and int(r.headers["Content-Length"]) == d["bytes"]
    page = web.get(f"{server}/dumps", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.headers["Content-Type"].startswith("text/html")
    assert all(f'href="/dumps/{f}"' in page.text for f in DUMP_FILES)


def test_unknown_dumps_and_formats_are_client_errors(server):
    r = web.get(f"{server}/dumps/everything.zip")
    assert r.status_code == 404 and "dipkg.ttl" in r.text
    r = web.get(f"{server}/dumps?format=yaml")
    assert r.status_code == 400 and "format" in r.text


def test_kg_dump_writes_each_format_to_a_file_or_to_standard_output(built, store, tmp_path):
    out = tmp_path / "d.trig"
    subprocess.run([KG, "dump", "--store", str(built.store_dir), "--format", "trig", "--output", str(out)], check=True)
    assert parsed_quads(out.read_bytes(), "trig") == quads(store)
    nt = subprocess.run([KG, "dump", "--store", str(built.store_dir), "--format", "ntriples"],
                        check=True, capture_output=True).stdout
    assert parsed_triples(nt, "nt") == triples(store)
    gz = subprocess.run([KG, "dump", "--store", str(built.store_dir), "-f", "nt.gz"], check=True, capture_output=True).stdout
    assert parsed_triples(gzip.decompress(gz), "nt") == triples(store)


def test_kg_dump_names_the_option_of_a_wrong_format(built):
    r = subprocess.run([KG, "dump", "--store", str(built.store_dir), "--format", "yaml"], capture_output=True, text=True)
    assert r.returncode == 2 and "--format" in r.stderr and "turtle" in r.stderr


def test_a_rebuild_serves_new_dumps_with_new_validators(tmp_path):
    config = Config.from_env(store_dir=tmp_path / "store")
    build(config)
    with running_server(config.store_dir, workers=1) as url:
        before = web.get(f"{url}/dumps/dipkg.nq")
        build(config)  # a new generation is swapped in under the running server
        after = web.get(f"{url}/dumps/dipkg.nq", headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
        assert parsed_quads(after.content, "nquads") == quads(oracle(config.store_dir))
