"""The four contract queries return every fact of the five documents, with exactly their variables.

What they should return is read here, independently of the build, from the curated annotations
(data/annotations/*.yaml) and the gazetteer with PyYAML: ids, participants, parties, actors,
topics and quotes. For every fact a document's annotations state, the rows of that fact and
document must be exactly those; facts the extractor adds on top are other rows."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from conftest import BASE, web

from kg.config import ROOT

TOPICS = BASE + "ontology/topic/"
WIKIDATA = "http://www.wikidata.org/entity/"


def text(s: str) -> str:
    """Quotes are compared with their whitespace collapsed (the build normalises spaces)."""
    return " ".join(s.split())


@pytest.fixture(scope="module")
def annotations() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "annotations").glob("*.yaml"))]


@pytest.fixture(scope="module")
def gazetteer() -> dict:
    return yaml.safe_load((ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8"))


def english(entry: dict) -> str:
    names = entry["name"]
    return names.get("en") or next(iter(names.values()))


@pytest.fixture(scope="module")
def actor_names(gazetteer) -> dict[str, str]:
    return {a["id"]: english(a) for a in gazetteer["actors"]}


@pytest.fixture(scope="module")
def place_names(gazetteer) -> dict[str, str]:
    return {p["id"]: english(p) for p in gazetteer["places"]}


def facts(annotations, kind):
    for doc in annotations:
        for fact in doc.get(kind) or []:
            quotes = fact.get("quotes") or [fact["quote"]]
            yield doc["document"], fact, [text(q) for q in quotes]


def iso(value) -> str | None:
    """A date the annotation gives in ISO form (2024-05-09, 2024-05, 2024); None for a phrase."""
    if isinstance(value, (dt.date, int)):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return value
    return None


def solutions(server: str, name: str) -> tuple[list[str], list[dict]]:
    r = web.get(f"{server}/queries/{name}", headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    data = r.json()
    return data["head"]["vars"], [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def curated(got: list[tuple], expected: set[tuple]) -> set[tuple]:
    """The rows of the facts (id, document) that the annotation files state."""
    stated = {(row[0], row[-1]) for row in expected}
    return {row for row in got if (row[0], row[-1]) in stated}


def assert_rows(got: list[tuple], expected: set[tuple]):
    """No row twice, and the rows of every stated fact exactly those its annotations give."""
    assert len(got) == len(set(got)), "a row is repeated"
    assert curated(got, expected) == expected


def rows_of(rows: list[dict], kind: str, document: str, fact: dict) -> list[dict]:
    """The rows of one fact as one document states it."""
    return [r for r in rows if r["document"] == document and local(r[kind], kind) == fact["id"]]


def local(iri: str, kind: str) -> str:
    prefix = f"{BASE}id/{kind}/"
    assert iri.startswith(prefix), iri
    return iri[len(prefix):]


def test_meetings_has_one_row_per_participant_and_quote_of_every_meeting(server, annotations, actor_names, place_names):
    variables, rows = solutions(server, "meetings")
    assert variables == ["meeting", "date", "placeLabel", "participantLabel", "evidence", "document"]
    expected = {(m["id"], actor_names[p], q, doc)
                for doc, m, quotes in facts(annotations, "meetings") for p in m["participants"] for q in quotes}
    got = [(local(r["meeting"], "meeting"), r["participantLabel"], text(r["evidence"]), r["document"]) for r in rows]
    assert_rows(got, expected)
    for doc, m, _ in facts(annotations, "meetings"):
        mine = rows_of(rows, "meeting", doc, m)
        assert {r.get("placeLabel") for r in mine} == {place_names.get(m.get("place"))}, m["id"]
        if iso(m.get("date")):
            assert {r.get("date") for r in mine} == {iso(m["date"])}, m["id"]


def camel_to_notation(iri: str) -> str:
    """dip:AccessionRequested -> accession-requested (how the ontology names status concepts)."""
    name = iri.rsplit("#", 1)[1]
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()


def test_agreements_has_one_row_per_party_and_quote_of_every_agreement(server, annotations, actor_names):
    variables, rows = solutions(server, "agreements")
    assert variables == ["agreement", "name", "status", "date", "partyLabel", "evidence", "document"]
    expected = {(a["id"], actor_names[p], q, doc)
                for doc, a, quotes in facts(annotations, "agreements") for p in a["parties"] for q in quotes}
    got = [(local(r["agreement"], "agreement"), r["partyLabel"], text(r["evidence"]), r["document"]) for r in rows]
    assert_rows(got, expected)
    for doc, a, _ in facts(annotations, "agreements"):
        mine = rows_of(rows, "agreement", doc, a)
        assert {r["name"] for r in mine} == {a["name"]["en"]}
        assert {camel_to_notation(r["status"]) for r in mine} == {a["status"]}, a["id"]
        if iso(a.get("date")):
            assert {r.get("date") for r in mine} == {iso(a["date"])}, a["id"]


def test_commitments_has_one_row_per_actor_topic_and_quote_of_every_commitment(server, annotations, actor_names):
    variables, rows = solutions(server, "commitments")
    assert variables == ["commitment", "actorLabel", "topic", "evidence", "document"]
    expected = {(c["id"], actor_names[a], TOPICS + t, q, doc)
                for doc, c, quotes in facts(annotations, "commitments")
                for a in c["actors"] for t in c["topics"] for q in quotes}
    got = [(local(r["commitment"], "commitment"), r["actorLabel"], r.get("topic"), text(r["evidence"]), r["document"])
           for r in rows]
    assert_rows(got, expected)


def test_actors_has_one_row_per_actor_of_the_gazetteer(server, gazetteer):
    variables, rows = solutions(server, "actors")
    assert variables == ["actor", "label", "type", "wikidata"]
    expected = {(a["id"], english(a), "https://w3id.org/dipkg/ontology#" + a["type"],
                 WIKIDATA + a["wikidata"] if a.get("wikidata") else None) for a in gazetteer["actors"]}
    got = [(local(r["actor"], "actor"), r["label"], r["type"], r.get("wikidata")) for r in rows]
    assert len(got) == len(set(got)), "an actor has more than one row"
    assert set(got) == expected


def test_every_fact_of_every_document_is_in_a_contract_query(server, annotations):
    """Nothing is lost between the annotation files and the API: every fact id and document shows up."""
    seen = set()
    for name, var, kind in (("meetings", "meeting", "meeting"), ("agreements", "agreement", "agreement"),
                            ("commitments", "commitment", "commitment")):
        seen |= {(local(r[var], kind), r["document"]) for r in solutions(server, name)[1]}
    stated = {(f["id"], doc) for kind in ("meetings", "agreements", "commitments")
              for doc, f, _ in facts(annotations, kind)}
    assert stated and stated <= seen
