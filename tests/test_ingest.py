"""`kg ingest` then `kg build`: documents the project has never seen populate the graph by
themselves — a meeting, an agreement and a commitment — and a text with no facts adds only
its document node."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from conftest import KG

FIXTURES = Path(__file__).parent / "fixtures"
EMPTY_ANNOTATIONS = {"KG_ANNOTATIONS_DIR": "/nonexistent/annotations"}   # no curated layer at all
PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
BASE = "https://w3id.org/dipkg/"


def kg(*args, env=None):
    return subprocess.run([KG, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})})


def select(store: Path, query: str) -> list[dict]:
    s = pyoxigraph.Store.read_only(str(store.resolve()))
    r = s.query(PREFIXES + query)
    return [{v.value: (row[v].value if row[v] is not None else None) for v in r.variables} for row in r]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The three fixtures ingested from a scratch folder and built with no curated annotations."""
    tmp = tmp_path_factory.mktemp("unseen")
    inbox = tmp / "inbox"
    inbox.mkdir()
    for f in FIXTURES.glob("unseen-*.txt"):
        shutil.copy(f, inbox)
    docs = tmp / "documents"
    ingested = kg("ingest", *sorted(inbox.iterdir()), "--documents", docs)
    assert ingested.returncode == 0, ingested.stderr
    built = kg("build", "--documents", docs, "--store", tmp / "store", env=EMPTY_ANNOTATIONS)
    assert built.returncode == 0, built.stderr
    return tmp / "store", ingested.stdout


def facts_of(store, document, cls):
    return select(store, f"""SELECT ?f (GROUP_CONCAT(STR(?a); separator=" ") AS ?actors) WHERE {{
        GRAPH <{BASE}graph/document/{document}> {{ ?f a dip:{cls} ; prov:wasDerivedFrom ?d .
          OPTIONAL {{ ?f dip:participant|dip:committedBy|dip:party ?a }} }} }} GROUP BY ?f""")


def test_ingest_reports_each_document_it_adds(graph):
    _, stdout = graph
    assert stdout.count("added:") == 3
    assert "unseen-es-colombia.txt" in stdout and "language: es" in stdout


@pytest.mark.parametrize("document, country", [("unseen-es-colombia", "colombia"), ("unseen-en-chile", "chile")])
def test_an_unseen_readout_yields_its_meeting_agreement_and_commitment(graph, document, country):
    store, _ = graph
    meetings = facts_of(store, document, "Meeting")
    agreements = facts_of(store, document, "Agreement")
    commitments = facts_of(store, document, "Commitment")
    assert meetings and agreements and commitments
    for rows in (meetings, agreements, commitments):
        assert any(f"{BASE}id/actor/{country}" in r["actors"] and f"{BASE}id/actor/united-states" in r["actors"]
                   for r in rows), rows


def test_people_not_in_the_gazetteer_are_minted_as_actors_with_their_country(graph):
    store, _ = graph
    rows = select(store, """SELECT ?a ?label ?country WHERE { ?m a dip:Meeting ; dip:participant ?a .
        ?a a dip:Person ; rdfs:label ?label ; schema:nationality ?country }""")
    found = {(r["a"].rsplit("/", 1)[1], r["country"].rsplit("/", 1)[1]) for r in rows}
    from kg.build import gazetteer
    from kg.config import Config
    assert "luis-gilberto-murillo" not in gazetteer.load(Config().gazetteer_file).actors   # minted, not looked up
    assert ("luis-gilberto-murillo", "colombia") in found
    assert ("alberto-van-klaveren", "chile") in found
    assert ("christopher-landau", "united-states") in found


def test_extracted_evidence_says_how_and_by_which_extractor_version(graph):
    store, _ = graph
    rows = select(store, """SELECT ?method ?confidence ?version WHERE {
        ?ann oa:hasBody ?f ; dip:method ?method ; dip:confidence ?confidence ; prov:wasGeneratedBy ?act .
        ?act a prov:Activity ; prov:used ?doc ; prov:wasAssociatedWith ?agent .
        ?agent a prov:SoftwareAgent ; schema:softwareVersion ?version }""")
    assert rows
    assert {r["method"] for r in rows} == {"https://w3id.org/dipkg/ontology#Extracted"}
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)
    from kg.extract import VERSION
    assert {r["version"] for r in rows} == {VERSION}


def test_dates_are_normalised_against_the_document_date(graph):
    store, _ = graph
    rows = select(store, f"""SELECT ?d WHERE {{ GRAPH <{BASE}graph/document/unseen-en-chile> {{
        ?m a dip:Meeting ; schema:startDate ?d ; dip:participant <{BASE}id/actor/christopher-landau> }} }}""")
    # "met today", in a readout of 4 March 2025 (the dialogue "later this year" is another meeting, of 2025)
    assert {r["d"] for r in rows} == {"2025-03-04"}


def test_a_document_with_no_recognisable_facts_adds_its_document_node_and_nothing_else(graph):
    store, _ = graph
    g = f"{BASE}graph/document/unseen-es-clima"
    rows = select(store, f"SELECT DISTINCT ?type WHERE {{ GRAPH <{g}> {{ ?s a ?type }} }}")
    assert {r["type"] for r in rows} == {"https://w3id.org/dipkg/ontology#SourceDocument", "http://www.w3.org/ns/prov#Entity"}


def test_html_saved_from_a_browser_is_ingested_without_its_boilerplate(tmp_path):
    page = tmp_path / "readout.html"
    page.write_text("""<!DOCTYPE html><html lang="en-US"><head>
      <title>Readout | Example Ministry</title>
      <meta property="og:title" content="Secretary's Meeting with Mexican Foreign Secretary">
      <meta property="og:site_name" content="Example Ministry">
      <meta property="article:published_time" content="2024-02-09T10:00:00-05:00">
      <script>var tracking = "Secretary met with nobody";</script><style>body { color: red }</style></head>
      <body><header><nav><a href="/">Home</a> &gt; <a href="/news">News</a></nav></header>
      <main><article><h1>Secretary's Meeting with Mexican Foreign Secretary</h1>
      <p>The Secretary met with Mexican Foreign Secretary Alicia B&aacute;rcena today in Mexico City.</p>
      <p>They agreed to continue their high-level security dialogue.</p></article></main>
      <footer>Subscribe to updates</footer></body></html>""", encoding="utf-8")
    docs = tmp_path / "documents"
    result = kg("ingest", page, "--documents", docs)
    assert result.returncode == 0, result.stderr
    text = (docs / "readout.txt").read_text(encoding="utf-8")
    assert "title: Secretary's Meeting with Mexican Foreign Secretary" in text
    assert "date: '2024-02-09'" in text and "language: en" in text and "publisher: Example Ministry" in text
    assert "Alicia Bárcena today in Mexico City" in text
    for boilerplate in ("tracking", "color: red", "Home", "Subscribe"):
        assert boilerplate not in text


def test_files_it_cannot_read_are_refused_by_name_and_the_others_added(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(FIXTURES / "unseen-es-clima.txt", good)
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("---\ntitle: Perú\n---\nLima, Perú\n".encode("latin-1"))
    docs = tmp_path / "documents"
    result = kg("ingest", good, binary, latin1, tmp_path / "missing.txt", "--documents", docs)
    assert result.returncode == 1
    assert "refused" in result.stderr and "scan.pdf" in result.stderr and "binary" in result.stderr
    assert "latin1.txt" in result.stderr and "UTF-8" in result.stderr
    assert "missing.txt" in result.stderr
    assert [p.name for p in docs.iterdir()] == ["good.txt"]
