"""Saved-query parameters are typed, validated and bound as RDF terms, never pasted into the query.

A wrong parameter is a 400 whose message names it; a value crafted to change the query's meaning
is either refused or matched literally, through every parameter of every saved query."""
from __future__ import annotations

import pytest
import yaml
from conftest import BASE, web
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.config import ROOT, Config
from kg.errors import ClientError
from kg.query import saved


def get(server, query, /, **params):
    return web.get(f"{server}/queries/{query}", params=params, headers={"Accept": "application/json"}, timeout=30)


def rows(server, query, /, **params) -> list[dict]:
    r = get(server, query, **params)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def refused(response, parameter: str) -> bool:
    return response.status_code == 400 and f"'{parameter}'" in response.text


# ---------------------------------------------------------------- each type

def test_an_iri_parameter_takes_a_full_iri_or_a_path_under_the_base(server):
    full = rows(server, "meetings-of-actor", actor=BASE + "id/actor/marco-rubio")
    assert full and {r["actor"] for r in full} == {BASE + "id/actor/marco-rubio"}
    assert rows(server, "meetings-of-actor", actor="id/actor/marco-rubio") == full
    assert refused(get(server, "meetings-of-actor", actor="not an iri"), "actor")
    assert refused(get(server, "meetings-of-actor", actor="http://x/<y>"), "actor")


def test_a_default_is_used_when_the_parameter_is_left_out(server):
    assert {r["actor"] for r in rows(server, "meetings-of-actor")} == {BASE + "id/actor/antony-blinken"}


def test_a_date_parameter_takes_a_day_a_month_or_a_year(server):
    everything = rows(server, "timeline")
    window = rows(server, "timeline", **{"from": "2024-05", "to": "2025"})
    assert window and len(window) < len(everything)
    for r in window:
        assert r["date"][:7] >= "2024-05" and r["date"][:4] <= "2025", r
    assert {r["from"] for r in window} == {"2024-05"}
    day = rows(server, "office-holders", date="2024-05-09")
    assert "Kurt Campbell" in {r["personLabel"] for r in day}
    assert "Marco Rubio" not in {r["personLabel"] for r in day}
    for bad in ("2024-13", "2024-02-30", "yesterday", "24-05-09"):
        assert refused(get(server, "timeline", **{"from": bad}), "from"), bad


def test_an_integer_parameter_is_a_number(server):
    busy = rows(server, "actors-by-meetings", min="3")
    assert busy and all(int(r["meetings"]) >= 3 for r in busy)
    assert len(rows(server, "actors-by-meetings", min="1")) > len(busy)
    for bad in ("three", "3.5", "1e3", ""):
        r = get(server, "actors-by-meetings", min=bad)
        assert refused(r, "min") or (bad == "" and r.status_code == 200), bad


def test_a_topic_parameter_is_a_concept_of_the_topic_scheme_with_its_narrower_topics(server):
    scheme = Graph().parse(ROOT / "ontology" / "topics.ttl")
    security = URIRef(BASE + "ontology/topic/security")
    narrower = {security} | set(scheme.transitive_subjects(SKOS.broader, security))
    found = rows(server, "commitments-by-topic", topic="security")
    assert found and {URIRef(r["subtopic"]) for r in found} <= narrower
    assert BASE + "ontology/topic/drug-trafficking" in {r["subtopic"] for r in found}  # two levels down
    assert rows(server, "commitments-by-topic", topic=str(security)) == found
    assert refused(get(server, "commitments-by-topic", topic="astrology"), "topic")


def test_a_language_tagged_string_needs_its_language(server):
    assert BASE + "id/actor/peru" in {r["entity"] for r in rows(server, "named", name="Perú@es")}
    assert rows(server, "named", name="Perú@en") == []   # the Spanish name is not an English one
    for bad in ("Perú", "Perú@", "Perú@e s"):
        assert refused(get(server, "named", name=bad), "name"), bad


def test_a_string_parameter_may_be_limited_to_a_list(server):
    signed = rows(server, "agreements-by-status", status="signed")
    assert signed and {r["status"] for r in signed} == {"signed"}
    r = get(server, "agreements-by-status", status="ratified")
    assert refused(r, "status") and "in-force" in r.text


def test_an_optional_parameter_left_out_keeps_every_row(server):
    offices = {r["office"] for r in rows(server, "office-holders")}
    assert len(offices) > 1
    one = rows(server, "office-holders", office="id/office/us-secretary-of-state")
    assert {r["office"] for r in one} == {BASE + "id/office/us-secretary-of-state"}
    gazetteer = yaml.safe_load((ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8"))
    holders = {a["name"]["en"] for a in gazetteer["actors"]
               for role in a.get("roles") or [] if role["office"] == "us-secretary-of-state"}
    assert {"Antony Blinken", "Marco Rubio"} <= holders
    assert {r["personLabel"] for r in one} == holders


# ---------------------------------------------------------------- mistakes name the parameter

def test_an_unknown_parameter_is_refused_by_name(server):
    r = get(server, "meetings-of-actor", actr="id/actor/peru")
    assert refused(r, "actr") and "actor" in r.text


def test_a_parameter_given_twice_is_refused(server):
    r = web.get(f"{server}/queries/meetings-of-actor?actor=id/actor/peru&actor=id/actor/marco-rubio", timeout=30)
    assert refused(r, "actor")


@pytest.mark.parametrize("parameter, value", [("page", "0"), ("page", "two"), ("page", "99999999"),
                                              ("timeout", "soon"), ("timeout", "-1"), ("timeout", "0.001")])
def test_the_endpoint_parameters_are_checked_too(server, parameter, value):
    assert refused(get(server, "facts-per-document", **{parameter: value}), parameter)


def test_a_required_parameter_left_out_is_refused(tmp_path, built):
    (tmp_path / "needs.rq").write_text(
        "#+ title: Needs an actor\n#+ description: A query whose parameter has no default.\n"
        "#+ params:\n#+   actor: {type: iri, example: \"id/actor/peru\"}\n"
        "SELECT ?actor ?p WHERE { ?actor ?p ?o }\n", encoding="utf-8")
    query = saved.parse(tmp_path / "needs.rq")
    with pytest.raises(ClientError) as missing:
        saved.bind(query, {}, built)
    assert missing.value.where == "parameter 'actor'" and "required" in str(missing.value)
    assert saved.bind(query, {"actor": ["id/actor/peru"]}, built)


# ---------------------------------------------------------------- injection

PAYLOADS = [
    "?anything",                                      # pasted for ?actor, a fresh variable would match everything
    '"} UNION { ?s ?p ?o } #',
    "<http://example.org/x> } UNION { ?s ?p ?o } #",
    "x' . ?s ?p ?o . FILTER('1",
    'x" ) } ; DROP ALL ; #',
    'en") || true || ("',
    "1 || 1=1",
    "zz\x00",
    "http://example.org/a>\n} UNION { ?s ?p ?o . <http://example.org/b",
]
HARMLESS = {"iri": "http://example.org/no-such-thing", "string": "no-such-value", "langstring": "no-such-value@en",
            "date": "1800", "integer": "1000000", "topic": "migration"}


def injectable(config: Config):
    for q in sorted(saved.catalogue(config).values(), key=lambda q: q.name):
        if "SERVICE" in q.sparql:
            continue  # federated queries are exercised by the Wikidata tests
        for p in q.params:
            yield pytest.param(q.name, p.name, p.type if not p.enum else "enum", id=f"{q.name}-{p.name}")


@pytest.mark.parametrize("name, parameter, kind", list(injectable(Config.from_env())))
def test_no_value_changes_what_a_query_means(server, name, parameter, kind):
    before = rows(server, "actors")
    baseline = None if kind == "enum" else rows(server, name, **{parameter: HARMLESS[kind]})
    for payload in PAYLOADS:
        r = get(server, name, **{parameter: payload})
        assert r.status_code in (200, 400), (payload, r.status_code, r.text)
        if r.status_code == 400:
            assert f"'{parameter}'" in r.text, r.text
            continue
        got = [{k: v["value"] for k, v in b.items() if k != parameter} for b in r.json()["results"]["bindings"]]
        expected = [{k: v for k, v in row.items() if k != parameter} for row in baseline]
        assert got == expected, f"{payload!r} changed the answer of {name}"
    assert rows(server, "actors") == before
