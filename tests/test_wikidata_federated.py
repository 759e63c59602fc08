"""The federated query: this graph joined with Wikidata through SERVICE, against a local stand-in.

`oxigraph serve` holds a small Wikidata-shaped extract (tests/fixtures/wikidata-extract.ttl) and
plays the Wikidata Query Service; our server is started with that endpoint allow-listed and set as
KG_WIKIDATA_ENDPOINT, the way a deployment would point at a mirror."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE, running_server, web
from sparql_support import oxigraph_server

from kg.config import ROOT, Config

QUERY = ROOT / "queries" / "wikidata-actors.rq"
EXTRACT = Path(__file__).parent / "fixtures" / "wikidata-extract.ttl"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def wikidata():
    with oxigraph_server(EXTRACT.read_text()) as url:
        yield url + "/query"


@pytest.fixture(scope="module")
def federating_server(built, wikidata):
    env = {"KG_SERVICE_ALLOWLIST": wikidata, "KG_WIKIDATA_ENDPOINT": wikidata}
    with running_server(built.store_dir, env=env, workers=1) as url:
        yield url


def rows_by_actor(result: dict) -> dict[str, dict[str, str]]:
    return {b["actor"]["value"]: {k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]}


def check_joined_rows(rows: dict[str, dict[str, str]]) -> None:
    blinken = rows[BASE + "id/actor/antony-blinken"]
    assert blinken["wikidata"] == WD + "Q4773912"
    assert blinken["birthDate"].startswith("1962-04-16")
    # Wikidata's position (Q14213) joined back to this graph's office of that identity.
    assert blinken["positionsHeld"] == "United States Secretary of State"
    assert rows[BASE + "id/actor/marco-rubio"]["birthDate"].startswith("1971-05-28")
    peru = rows[BASE + "id/actor/peru"]
    assert (peru["capital"], peru["capitalName"], peru["isoCode"]) == (WD + "Q2868", "Lima", "PE")
    us = rows[BASE + "id/actor/united-states"]
    assert (us["capital"], us["capitalName"], us["isoCode"]) == (WD + "Q61", "Washington, D.C.", "US")
    assert us["wikidataLabel"] == "United States of America" and us["name"] == "United States"
    assert rows[BASE + "id/actor/oas"]["inception"].startswith("1948-04-30")
    # Only actors of this graph: Wikidata's other items do not come back.
    assert all(r["wikidata"] != WD + "Q183" for r in rows.values())


def test_the_federated_query_returns_rows_joined_with_wikidata(federating_server, wikidata):
    sparql = Config(wikidata_endpoint=wikidata).federated(QUERY.read_text())
    assert f"SERVICE <{wikidata}>" in sparql
    r = web.post(f"{federating_server}/sparql", data={"query": sparql},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text
    check_joined_rows(rows_by_actor(r.json()))


def test_the_saved_query_points_its_service_at_the_configured_endpoint(federating_server):
    r = web.get(f"{federating_server}/queries/wikidata-actors", params={"format": "json"}, timeout=60)
    assert r.status_code == 200, r.text
    check_joined_rows(rows_by_actor(r.json()))


def test_without_the_allow_list_the_service_is_refused(server, wikidata):
    sparql = Config(wikidata_endpoint=wikidata).federated(QUERY.read_text())
    r = web.post(f"{server}/sparql", data={"query": sparql}, timeout=60)
    assert r.status_code == 403 and "KG_SERVICE_ALLOWLIST" in r.text
