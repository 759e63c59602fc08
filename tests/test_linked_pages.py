"""What a person reads on an entity's page and on a document's page."""
from __future__ import annotations

import shutil
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import BASE, BROWSER, in_process, web
from linked_support import Html, english_label
from sparql_support import select

from kg.build.pipeline import build
from kg.config import ROOT, Config


@pytest.fixture(scope="module")
def http(http):
    """The module's session, as a browser: every request asks for HTML."""
    http.headers["Accept"] = BROWSER
    return http


def test_an_actor_page_shows_both_languages_roles_and_wikidata(server, http):
    html = http.get(server + "/id/actor/peru").text
    page = Html(html)
    assert page.h1.strip() == "Peru"
    assert 'lang="es">Perú<' in html
    assert ("http://www.wikidata.org/entity/Q419", "Wikidata Q419") in page.links
    blinken = Html(http.get(server + "/id/actor/antony-blinken").text)
    offices = {text for href, text in blinken.links if href.startswith("/id/office/")}
    assert offices == {"United States Secretary of State", "United States Deputy Secretary of State"}


def test_a_place_links_to_wikidata_and_geonames(server, http):
    page = Html(http.get(server + "/id/place/lima").text)
    hrefs = {href for href, _ in page.links}
    assert {"http://www.wikidata.org/entity/Q2868", "http://sws.geonames.org/3936456/"} <= hrefs


def test_facts_link_to_the_things_they_name_on_this_server(server, http):
    page = Html(http.get(server + "/id/meeting/peru-us-high-level-dialogue-2024").text)
    assert ("/id/place/washington-dc", "Washington, D.C.") in page.links
    assert ("/id/actor/kurt-campbell", "Kurt Campbell") in page.links
    assert any(href == "/ontology#Meeting" for href, _ in page.links)


def test_every_evidence_quote_links_to_its_highlight_in_the_source_document(server, http, store):
    facts = [r["f"] for r in select(store, "SELECT DISTINCT ?f WHERE { ?a oa:hasBody ?f }")]
    assert len(facts) > 50
    documents: dict[str, Html] = {}
    for fact in facts:
        expected = {(r["doc"], r["exact"]) for r in select(store, f"""SELECT ?doc ?exact WHERE {{
            ?a oa:hasBody <{fact}> ; oa:hasTarget ?t . ?t oa:hasSource ?doc ; oa:hasSelector ?q .
            ?q oa:exact ?exact }}""")}
        page_url = http.get(server + "/" + fact[len(BASE):]).url
        links = [href for href, _ in Html(http.get(page_url).text).links if "#ev-" in href]
        found = set()
        for href in links:
            path, anchor = href.split("#")
            assert path.startswith("/id/document/")  # the document's IRI, dereferenced on this host
            if path not in documents:
                documents[path] = Html(http.get(urljoin(server, path)).text)
            doc = documents[path]
            assert doc.ids.get(anchor) == "mark", href
            found.add((BASE + path[1:], doc.highlighted(anchor)))
        assert found == expected, fact


def test_a_document_page_shows_its_whole_text_escaped_and_its_metadata(server, http, store):
    documents = select(store, "SELECT ?d ?text ?title WHERE { ?d a dip:SourceDocument ; schema:text ?text ; rdfs:label ?title }")
    assert documents  # not vacuous
    for row in documents:
        r = http.get(server + "/" + row["d"][len(BASE):])
        page = Html(r.text)
        assert page.text["doc-text"] == row["text"]
        assert page.h1.strip() == row["title"]
        # Every evidence of the document is highlighted at its offsets.
        spans = select(store, f"""SELECT ?start ?end WHERE {{ ?t oa:hasSource <{row['d']}> ; oa:hasSelector ?p .
            ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }}""")
        highlighted = "".join(m["text"] for m in page.marks)
        for s in spans:
            assert row["text"][int(s["start"]):int(s["end"])] in highlighted


def test_document_text_and_titles_are_escaped(tmp_path):
    docs, notes = tmp_path / "documents", tmp_path / "annotations"
    shutil.copytree(ROOT / "data" / "documents", docs)
    shutil.copytree(ROOT / "data" / "annotations", notes)
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    (docs / "900_escaping.txt").write_text(
        f"---\ntitle: '{hostile}'\npublisher: null\ndate: 2024-05-09\nlanguage: en\nsource: null\n---\n"
        f"Peru and the United States met. They said {hostile} in Lima.\n")
    (notes / "900_escaping.yaml").write_text(yaml.safe_dump({"document": "900_escaping", "meetings": [{
        "id": "escaping-meeting", "name": {"en": hostile}, "kind": "in-person", "status": "held",
        "participants": ["peru", "united-states"], "topics": [], "quote": f"They said {hostile} in Lima."}]}))
    config = Config.from_env(store_dir=tmp_path / "store", annotations_dir=notes)
    build(config, documents_dir=docs)
    with in_process(config) as url:
        for path in ("/id/document/900_escaping", "/id/meeting/escaping-meeting"):
            r = web.get(url + path, headers={"Accept": BROWSER})
            assert r.status_code == 200
            assert "<script>" not in r.text and "<b>bold" not in r.text
            assert hostile in Html(r.text).h1
        page = Html(web.get(url + "/id/document/900_escaping", headers={"Accept": BROWSER}).text)
        assert f"They said {hostile} in Lima." in [m["text"] for m in page.marks]


def test_ontology_terms_are_documented_in_both_languages(server, http):
    html = http.get(server + "/ontology").text
    page = Html(html)
    assert page.ids.get("Meeting") == "section" and page.ids.get("participant") == "section"
    assert "Reunión" in html and "Meeting" in html
    # Concepts of the ontology's schemes are documented too, and topics link to their own pages.
    assert "InForce" in page.ids
    assert any(urlsplit(href).path == "/ontology/topic/migration" for href, _ in page.links)


def test_labels_come_from_the_graph(server, http, store):
    for iri in (BASE + "id/agreement/us-peru-trade-promotion-agreement", BASE + "id/office/us-secretary-of-state"):
        assert Html(http.get(server + "/" + iri[len(BASE):]).text).h1.strip() == english_label(store, iri)
