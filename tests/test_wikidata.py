"""Links to other datasets: the right Wikidata and GeoNames identifiers, and nothing malformed."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
from conftest import BASE
from sparql_support import select

from kg.config import ROOT

WD = "http://www.wikidata.org/entity/"
GEONAMES = "http://sws.geonames.org/"

# Written from knowledge of Wikidata and GeoNames, not read from this project's files.
EXPECTED_WIKIDATA = {
    "id/actor/united-states": "Q30",
    "id/actor/peru": "Q419",
    "id/actor/antony-blinken": "Q4773912",
    "id/actor/marco-rubio": "Q324546",
    "id/actor/oas": "Q123759",
    "id/actor/us-department-of-state": "Q789915",
    "id/actor/fbi": "Q8333",
    "id/actor/oecd": "Q41550",
    "id/actor/united-nations": "Q1065",
    "id/actor/un-security-council": "Q37470",
    "id/office/us-secretary-of-state": "Q14213",
    "id/place/washington-dc": "Q61",
    "id/place/lima": "Q2868",
}
# Countries are actors and places: the actor is owl:sameAs the item, the place only skos:exactMatch.
EXPECTED_PLACE_MATCHES = {"id/place/peru": "Q419", "id/place/united-states": "Q30"}
EXPECTED_GEONAMES = {
    "id/place/washington-dc": "4140963",
    "id/place/lima": "3936456",
    "id/place/peru": "3932488",
    "id/place/united-states": "6252001",
}


@pytest.fixture(scope="module")
def links(store) -> dict[str, set[str]]:
    out = defaultdict(set)
    for r in select(store, "SELECT ?s ?o WHERE { ?s owl:sameAs ?o }"):
        out[r["s"]].add(r["o"])
    return out


def test_the_main_actors_places_and_offices_are_the_same_as_their_wikidata_items(links):
    for path, qid in EXPECTED_WIKIDATA.items():
        assert WD + qid in links[BASE + path], path


def test_a_country_place_matches_the_item_its_actor_is_the_same_as(store, links):
    matches = {r["s"]: r["o"] for r in select(store, "SELECT ?s ?o WHERE { ?s skos:exactMatch ?o }")}
    for path, qid in EXPECTED_PLACE_MATCHES.items():
        assert matches.get(BASE + path) == WD + qid, path
        assert WD + qid not in links[BASE + path], path


def test_places_are_the_same_as_their_geonames_features(links):
    for path, gid in EXPECTED_GEONAMES.items():
        assert f"{GEONAMES}{gid}/" in links[BASE + path], path


def test_every_link_is_well_formed_and_each_entity_has_at_most_one_per_dataset(links):
    for subject, targets in links.items():
        wikidata = [t for t in targets if t.startswith(WD)]
        geonames = [t for t in targets if t.startswith(GEONAMES)]
        assert len(wikidata) <= 1 and len(geonames) <= 1, subject
        assert all(re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9]\d*", t) for t in wikidata), subject
        assert all(re.fullmatch(r"http://sws\.geonames\.org/[1-9]\d*/", t) for t in geonames), subject
        assert set(wikidata + geonames) == targets, subject


def test_no_two_nodes_claim_the_same_wikidata_item(links):
    """owl:sameAs is transitive: two nodes of ours with one item would be merged into one."""
    owners = defaultdict(list)
    for subject, targets in links.items():
        for t in targets:
            owners[t].append(subject)
    assert {t: s for t, s in owners.items() if len(s) > 1} == {}


def test_the_federated_query_asks_wikidata_about_every_linked_actor(links):
    """The SERVICE block must name its items (see the query's description): keep its list complete."""
    text = (ROOT / "queries" / "wikidata-actors.rq").read_text()
    named = {WD + q for q in re.findall(r"\bwd:(Q\d+)\b", text.split("SERVICE", 1)[1])}
    linked = {t for s, targets in links.items() if "/id/actor/" in s for t in targets if t.startswith(WD)}
    assert named == linked, ("add to / remove from the VALUES of queries/wikidata-actors.rq: "
                             f"missing {sorted(linked - named)}, unknown {sorted(named - linked)}")
