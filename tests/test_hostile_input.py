"""Inputs that used to get a 5xx, a traceback or a malformed answer (issue 12, items 6, 7, 8, 9, 10):
each now gets a 4xx that names the problem, or a well-formed answer. HTTP in-process; the build
and the configuration directly."""
from __future__ import annotations

import json
import re
import subprocess
from xml.dom.minidom import parseString

import pytest
import rdflib
from conftest import KG, web

from kg.build import documents, gazetteer
from kg.config import Config, ConfigError
from kg.errors import InputError

CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# ---------------------------------------------------------------- 7. control characters

@pytest.mark.parametrize("fmt, parse", [
    ("xml", None), ("json", json.loads), ("csv", None), ("tsv", None),
])
def test_a_result_with_a_control_character_is_never_malformed_xml(server, fmt, parse):
    r = web.get(server + "/sparql", params={"query": 'SELECT ?x WHERE { BIND("a\\u0001b\\u0000c\\u001b" AS ?x) }',
                                             "format": fmt})
    if fmt == "xml":
        assert r.status_code == 406 and "U+0001" in r.text and "json" in r.text, r.text
    else:
        assert r.status_code == 200, r.text
    if parse:
        assert parse(r.content)["results"]["bindings"][0]["x"]["value"] == "a\x01b\x00c\x1b"


@pytest.mark.parametrize("fmt, rdflib_format", [
    ("rdfxml", None), ("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
])
def test_a_graph_with_a_control_character_is_never_malformed(server, fmt, rdflib_format):
    r = web.get(server + "/sparql", params={"query": 'CONSTRUCT { <urn:a> <urn:b> ?x } WHERE { BIND("a\\u0001b" AS ?x) }',
                                             "format": fmt})
    if rdflib_format is None:
        assert r.status_code == 406 and "U+0001" in r.text, r.text
        return
    assert r.status_code == 200
    graph = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    assert {str(o) for o in graph.objects()} == {"a\x01b"}


def test_well_formed_xml_is_still_answered_as_xml(server):
    r = web.get(server + "/sparql", params={"query": 'SELECT ?x WHERE { BIND("tab\\there" AS ?x) }', "format": "xml"})
    assert r.status_code == 200
    parseString(r.content)


def test_a_page_never_carries_a_control_character_raw(server):
    r = web.get(server + "/queries/search", params={"text": "Ru\x01bio\x1b", "format": "html"})
    assert r.status_code == 200 and "text/html" in r.headers["Content-Type"]
    assert not CONTROL.search(r.content), "a C0 control character in the page"
    assert "Ru\u2401bio\u241b" in r.text, "shown as its control picture"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_document_with_a_control_character_is_refused_naming_where(tmp_path, char):
    path = tmp_path / "doc.txt"
    path.write_text(f"---\ntitle: T\nlanguage: en\n---\nFirst line.\nSecond{char} line.\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        documents.load(path)
    assert f"U+{ord(char):04X}" in str(e.value) and "doc.txt:6" in str(e.value)


# ---------------------------------------------------------------- 6. kg build on odd file names and long documents

@pytest.mark.parametrize("name", ["a b", 'a"b', "a<b", "a>b", "a{b", "a}b", "a|b", "a#b", "a?b", "a\\b", "a`b", "a^b"])
def test_a_file_name_that_cannot_be_an_iri_is_refused_naming_it(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_text("---\ntitle: T\nlanguage: en\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        documents.load(path)
    assert str(path) in str(e.value) and "rename" in str(e.value)


def test_names_that_make_good_iris_are_accepted(tmp_path):
    for name in ("000_82964b1a4c72b6da", "perú-2024.v2", "a~b"):
        path = tmp_path / f"{name}.txt"
        path.write_text("---\ntitle: T\nlanguage: en\n---\nText.\n", encoding="utf-8")
        assert documents.load(path).identifier == name


def test_a_document_over_a_million_characters_is_refused_naming_it(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("---\ntitle: T\nlanguage: en\n---\n" + "Word and word. " * 70_000, encoding="utf-8")
    with pytest.raises(InputError) as e:
        documents.load(path)
    assert "long.txt" in str(e.value) and "1,000,000" in str(e.value)


@pytest.mark.parametrize("name, body, says", [
    ("quote's \"name\" <x>", "Text.\n", "rename"),
    ("long", "Word and word. " * 70_000, "at most 1,000,000"),
], ids=["file-name", "long-document"])
def test_kg_build_names_the_file_instead_of_a_traceback(built, tmp_path, name, body, says):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / f"{name}.txt").write_text("---\ntitle: T\nlanguage: en\n---\n" + body, encoding="utf-8")
    result = subprocess.run([KG, "build", "--documents", str(docs), "--store", str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and f"{name}.txt" in result.stderr and says in result.stderr, result.stderr


# ---------------------------------------------------------------- 9. small holes

def test_duplicate_front_matter_keys_are_refused(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text('---\ntitle: A\ndate: "2024-01-02"\ndate: "2025-03-04"\n---\nText.\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        documents.load(path)
    assert "duplicate key 'date'" in str(e.value) and "doc.txt:4" in str(e.value)


@pytest.mark.parametrize("entry", ["query.wikidata.org/sparql", "ftp://example.org/sparql", "http:///sparql",
                                   "http://example.org/a b", "<http://example.org/sparql>"])
def test_a_service_allowlist_entry_that_is_not_an_endpoint_iri_is_refused(entry):
    with pytest.raises(ConfigError, match="KG_SERVICE_ALLOWLIST"):
        Config.from_env({"KG_SERVICE_ALLOWLIST": f"https://query.wikidata.org/sparql,{entry}"})


def test_a_saved_query_parameter_that_is_not_utf8_is_refused_as_sparql_does(server):
    r = web.get(server + "/queries/entity?entity=%ff")
    assert r.status_code == 400 and "entity" in r.text and "UTF-8" in r.text, r.text
    r = web.get(server + "/sparql?query=%ff")
    assert r.status_code == 400 and "UTF-8" in r.text


def test_the_w3c_protocol_case_query_content_type_construct(server):
    """W3C SPARQL 1.1 Protocol test query_content_type_construct: relative IRIs in the query
    resolve against the endpoint's URL."""
    r = web.post(server + "/sparql", data=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                 headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle"), r.text
    graph = rdflib.Graph().parse(data=r.content, format="turtle")
    assert set(graph) == {(rdflib.URIRef(server + "/s"), rdflib.URIRef(server + "/p"), rdflib.Literal(1))}


# ---------------------------------------------------------------- 8. security headers and CORS

@pytest.mark.parametrize("path", ["/", "/sparql", "/queries", "/page/id/actor/peru", "/timeline", "/ontology",
                                  "/no/such/page"])
def test_pages_carry_security_headers(server, path):
    r = web.get(server + path, headers={"Accept": "text/html"})
    assert r.headers["Content-Type"].startswith("text/html"), (path, r.status_code)
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0], "no inline scripts but the hashed one"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"]


def test_the_editors_inline_script_is_the_one_the_policy_allows(server):
    import base64
    import hashlib

    r = web.get(server + "/sparql", headers={"Accept": "text/html"})
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.S)
    assert inline, "the editor has its inline script"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in r.headers["Content-Security-Policy"]


def test_data_responses_carry_nosniff(server):
    r = web.get(server + "/sparql", params={"query": "ASK {}"})
    assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path, accept", [
    ("/data/id/actor/peru.ttl", "text/turtle"),
    ("/dumps/dipkg.ttl", "*/*"),
    ("/dumps", "application/json"),
    ("/.well-known/void", "text/turtle"),
    ("/id/actor/peru", "text/turtle"),        # the 303 itself
    ("/graph/ontology", "text/turtle"),
    ("/ontology", "text/turtle"),
])
def test_linked_data_is_readable_from_any_origin(server, path, accept):
    r = web.get(server + path, headers={"Accept": accept, "Origin": "https://elsewhere.example"},
                allow_redirects=False)
    assert r.status_code in (200, 303), (path, r.status_code)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in r.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("extra", ['capital: "yes"', "capital: true\n    country: null"], ids=["not-a-boolean", "no-country"])
def test_a_capital_that_is_no_boolean_or_has_no_country_is_refused_naming_the_place(tmp_path, extra):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(f"places:\n  - id: lima\n    type: City\n    name: {{en: Lima}}\n    {extra}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        gazetteer.load(path)
    assert "gazetteer.yaml" in str(e.value) and "'lima'" in str(e.value) and "capital" in str(e.value)
