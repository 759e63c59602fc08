"""/reconcile as OpenRefine uses it (W3C Entity Reconciliation Service API 0.2): the manifest, batches of
queries by GET and POST, types, properties, data extension, suggest, preview and view."""
from __future__ import annotations

import json
import re

import pytest
from conftest import BASE
from linked_support import Html

from kg.web.app import create_app


@pytest.fixture(scope="module")
def client(built):
    return create_app(built).test_client()


def reconcile(client, queries: dict, method="POST") -> dict:
    if method == "POST":
        r = client.post("/reconcile", data={"queries": json.dumps(queries)})
    else:
        r = client.get("/reconcile", query_string={"queries": json.dumps(queries)})
    assert r.status_code == 200 and r.mimetype == "application/json", r.get_data(as_text=True)
    return r.json


def first(client, query: str, **more) -> dict:
    return reconcile(client, {"q0": {"query": query, **more}})["q0"]["result"][0]


def test_the_manifest_has_the_shape_openrefine_reads(client):
    m = client.get("/reconcile").json
    assert "0.2" in m["versions"] and m["name"]
    assert m["identifierSpace"] == BASE + "id/"
    assert m["schemaSpace"] == "https://w3id.org/dipkg/ontology#"
    assert {t["id"] for t in m["defaultTypes"]} == {"Actor", "Meeting", "Agreement", "SourceDocument"}
    assert all(t["name"] for t in m["defaultTypes"])
    assert "{{id}}" in m["view"]["url"] and "{{id}}" in m["preview"]["url"]
    assert m["preview"]["width"] > 0 and m["preview"]["height"] > 0
    for kind in ("entity", "type", "property"):
        assert m["suggest"][kind]["service_path"].startswith("/reconcile/suggest/")
    assert m["extend"]["propose_properties"]["service_path"] == "/reconcile/properties"


def test_view_and_preview_urls_open_our_pages(client):
    m = client.get("/reconcile").json
    view = m["view"]["url"].replace("{{id}}", "actor/antony-blinken")
    page = client.get(view.removeprefix("http://localhost"))
    assert page.status_code == 200 and "Antony Blinken" in Html(page.get_data(as_text=True)).h1
    preview = client.get(m["preview"]["url"].replace("{{id}}", "actor/antony-blinken").removeprefix("http://localhost"))
    assert preview.status_code == 200 and preview.mimetype == "text/html"
    assert "Antony Blinken" in preview.get_data(as_text=True) and "United States Secretary of State" in preview.get_data(as_text=True)
    assert client.get("/reconcile/preview?id=actor/nobody").status_code == 404


def test_the_manifest_is_also_served_as_jsonp(client):
    r = client.get("/reconcile?callback=cb")
    assert r.mimetype == "application/javascript"
    assert json.loads(re.fullmatch(r"cb\((.*)\);", r.get_data(as_text=True), re.S).group(1))["versions"]
    assert client.get("/reconcile?callback=alert(1)").status_code == 400


def test_a_batch_answers_every_query_by_get_and_by_post_in_the_api_shape(client):
    queries = {"q0": {"query": "Antony Blinken"}, "q1": {"query": "Perú", "limit": 2},
               "q2": {"query": "zzzz qqqq"}}
    posted, got = reconcile(client, queries), reconcile(client, queries, "GET")
    assert posted == got and set(posted) == {"q0", "q1", "q2"}
    assert len(posted["q1"]["result"]) <= 2 and posted["q2"]["result"] == []
    for c in posted["q0"]["result"] + posted["q1"]["result"]:
        assert set(c) >= {"id", "name", "type", "score", "match"}
        assert isinstance(c["score"], (int, float)) and isinstance(c["match"], bool)
        assert all(set(t) == {"id", "name"} for t in c["type"])
    top = posted["q0"]["result"][0]
    assert top["id"] == "actor/antony-blinken" and top["match"] is True
    assert top["type"] == [{"id": "Person", "name": "Person"}]
    assert [c["score"] for c in posted["q0"]["result"]] == sorted((c["score"] for c in posted["q0"]["result"]), reverse=True)


SEED_NAMES = [
    # (what a spreadsheet says, the entity that must come first)
    ("Antony Blinken", "actor/antony-blinken"), ("antony blinken", "actor/antony-blinken"),
    ("Blinken", "actor/antony-blinken"), ("Antony J. Blinken", "actor/antony-blinken"),
    ("secretario de Estado Marco Rubio", "actor/marco-rubio"), ("Marco Rubio", "actor/marco-rubio"),
    ("Javier González-Olaechea", "actor/javier-gonzalez-olaechea"),
    ("Javier Gonzalez Olaechea", "actor/javier-gonzalez-olaechea"),
    ("JAVIER GONZÁLEZ OLAECHEA", "actor/javier-gonzalez-olaechea"),
    ("César Landa", "actor/cesar-landa"), ("Cesar Landa", "actor/cesar-landa"),
    ("José Jerí", "actor/jose-jeri"), ("Jose Jeri", "actor/jose-jeri"),
    ("Hugo de Zela", "actor/hugo-de-zela"), ("Pedro Castillo", "actor/pedro-castillo"),
    ("Peru", "actor/peru"), ("Perú", "actor/peru"), ("República del Perú", "actor/peru"),
    ("Estados Unidos", "actor/united-states"), ("EE. UU.", "actor/united-states"), ("EEUU", "actor/united-states"),
    ("United States of America", "actor/united-states"),
    ("Departamento de Estado", "actor/us-department-of-state"),
    ("U.S. Department of State", "actor/us-department-of-state"),
    ("OEA", "actor/oas"), ("Organización de los Estados Americanos", "actor/oas"),
    ("Organizacion de los Estados Americanos", "actor/oas"), ("Organization of American States", "actor/oas"),
]


@pytest.mark.parametrize("name, expected", SEED_NAMES)
def test_the_right_seed_actor_comes_first(client, name, expected):
    result = reconcile(client, {"q0": {"query": name, "type": "Actor"}})["q0"]["result"]
    assert result[0]["id"] == expected, [(c["id"], c["score"]) for c in result[:3]]
    assert len(result) == 1 or result[0]["score"] > result[1]["score"]


@pytest.mark.parametrize("written, plain", [
    ("República del Perú", "Republica del Peru"), ("Hugo de Zela Martínez", "HUGO DE ZELA MARTINEZ"),
    ("Organización de los Estados Americanos", "organizacion de los estados americanos"),
])
def test_accents_and_case_do_not_change_the_score(client, written, plain):
    a, b = first(client, written, type="Actor"), first(client, plain, type="Actor")
    assert (a["id"], a["score"], a["match"]) == (b["id"], b["score"], True)


def test_exact_names_in_either_language_are_matches_and_partial_ones_are_not(client):
    assert first(client, "Perú")["match"] and first(client, "Estados Unidos")["match"]
    assert not first(client, "Secretary of State Blinken in Lima")["match"]


def test_types_narrow_the_candidates(client):
    assert first(client, "Ninth Summit of the Americas", type="Meeting")["id"] == "meeting/ninth-summit-of-the-americas"
    assert first(client, "Artemis Accords", type="Agreement")["id"] == "agreement/artemis-accords"
    assert first(client, "Acuerdo de Promoción Comercial Perú–Estados Unidos")["id"] == \
        "agreement/us-peru-trade-promotion-agreement"
    people = reconcile(client, {"q0": {"query": "Peru", "type": "Person"}})["q0"]["result"]
    assert all(c["type"] == [{"id": "Person", "name": "Person"}] for c in people)
    r = client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": "x", "type": "Spaceship"}})})
    assert r.status_code == 400 and "Spaceship" in r.get_data(as_text=True)


def test_documents_are_found_by_title(client):
    top = first(client, "Joint Statement by Secretary of State Antony J. Blinken", type="SourceDocument")
    assert top["id"] == "document/001_35fdf57af7bb5313"


@pytest.mark.parametrize("prop, expected", [
    ({"pid": "country", "v": "Argentina"}, "actor/javier-milei"),
    ({"pid": "country", "v": "Perú"}, "actor/javier-gonzalez-olaechea"),
    ({"pid": "country", "v": {"id": "actor/peru", "name": "Peru"}}, "actor/javier-gonzalez-olaechea"),
    ({"pid": "role", "v": "office/peru-minister-of-foreign-affairs"}, "actor/javier-gonzalez-olaechea"),
    ({"pid": "country", "v": "Q414"}, "actor/javier-milei"),  # Argentina's Wikidata item
])
def test_properties_tell_namesakes_apart(client, prop, expected):
    assert first(client, "Javier", type="Person", properties=[prop])["id"] == expected


@pytest.mark.parametrize("body, where", [
    ({"queries": "{not json"}, "parameter 'queries'"),
    ({"queries": "[1, 2]"}, "parameter 'queries'"),
    ({"queries": json.dumps({"q0": {"limit": 3}})}, "query 'q0'"),
    ({"queries": json.dumps({"q0": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}})}, "colour"),
    ({"queries": json.dumps({"q0": {"query": "x", "limit": "many"}})}, "limit"),
    ({"extend": json.dumps({"ids": ["actor/peru"], "properties": [{"id": "colour"}]})}, "colour"),
])
def test_malformed_requests_are_400_naming_the_fault(client, body, where):
    r = client.post("/reconcile", data=body)
    assert r.status_code == 400 and where in r.get_data(as_text=True)


def test_data_extension_fetches_property_values_of_reconciled_ids(client):
    body = {"ids": ["actor/antony-blinken", "actor/peru", "actor/nobody"],
            "properties": [{"id": "country"}, {"id": "role"}, {"id": "wikidata"}]}
    out = client.post("/reconcile", data={"extend": json.dumps(body)}).json
    assert [m["id"] for m in out["meta"]] == ["country", "role", "wikidata"]
    blinken = out["rows"]["actor/antony-blinken"]
    assert blinken["country"] == [{"id": "actor/united-states", "name": "United States"}]
    assert {"id": "office/us-secretary-of-state", "name": "United States Secretary of State"} in blinken["role"]
    assert blinken["wikidata"] == [{"str": "Q4773912"}]
    assert out["rows"]["actor/peru"]["wikidata"] == [{"str": "Q419"}]
    assert out["rows"]["actor/nobody"] == {"country": [], "role": [], "wikidata": []}
    proposed = client.get("/reconcile/properties?type=Person").json
    assert proposed["type"] == "Person" and {"country", "role"} <= {p["id"] for p in proposed["properties"]}


def test_suggest_completes_entities_types_and_properties(client):
    entities = client.get("/reconcile/suggest/entity?prefix=blin").json["result"]
    assert entities[0]["id"] == "actor/antony-blinken" and entities[0]["name"] == "Antony Blinken"
    accented = client.get("/reconcile/suggest/entity", query_string={"prefix": "gonzalez-ol", "type": "Person"}).json
    assert [e["id"] for e in accented["result"]] == ["actor/javier-gonzalez-olaechea"]
    assert {t["id"] for t in client.get("/reconcile/suggest/type?prefix=meet").json["result"]} == {"Meeting"}
    assert {p["id"] for p in client.get("/reconcile/suggest/property?prefix=coun").json["result"]} == {"country"}
    assert client.get("/reconcile/suggest/entity").status_code == 400
