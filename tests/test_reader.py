"""A site a researcher reads without knowing SPARQL (issue 14): one test per thing a new user saw.

In-process HTTP (the `web` session) on the store built from the seed documents; expected values come
from the store opened directly (this file's own SPARQL) and from the documents' front matter."""
from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import BASE, BROWSER, in_process, web
from sparql_support import Listener, select
from test_pages import DOCUMENTS, Parser, front_matter, page

from kg.config import Config

HTML = {"Accept": BROWSER}
SPANISH = {"Accept": BROWSER, "Accept-Language": "es-PE,es;q=0.9,en;q=0.5"}
KG = str(Path(os.environ.get("VIRTUAL_ENV", "")) / "bin" / "kg") if os.environ.get("VIRTUAL_ENV") else None


def parse(html: str):
    p = Parser()
    p.feed(html)
    return p.root


def row_of(doc, heading: str):
    """The table row whose <th> reads `heading` (entity pages' facts and links)."""
    found = [tr for tr in doc.all("tr") if list(tr.all("th")) and tr.one("th").text().strip() == heading]
    return found[0] if found else None


def rows(doc, table_id: str) -> list:
    return list(doc.one("table", id=table_id).one("tbody").all("tr"))


def untitled() -> list[str]:
    return [p.stem for p in sorted(DOCUMENTS.glob("*.txt")) if not front_matter(p).get("title")]


# ---------------------------------------------------------------- saved-query tables read like a reference work

def test_a_saved_query_table_shows_labels_dates_and_one_row_per_fact(server, store):
    doc = page(server, "/queries/meetings?format=html")
    table = doc.one("table", id="results")
    text = table.text()
    assert "id/meeting/" not in text and "@en" not in text and "^^" not in text
    meetings = {r["m"] for r in select(store, "SELECT DISTINCT ?m WHERE { ?m a dip:Meeting ; dip:participant ?p }")}
    body = rows(doc, "results")
    assert len(body) == len(meetings)          # one row per meeting, participants gathered
    for tr in body:
        cells = list(tr.all("td"))
        meeting = cells[0].one("a")
        assert meeting.attrs["href"].startswith("/id/meeting/") and not meeting.text().startswith("id/")
        participants = [a for a in cells[3].all("a")]
        assert participants and all(a.attrs["href"].startswith("/id/") for a in participants)
        quotes = [a.text() for a in tr.all("a", cls="quote")]
        assert quotes and len(quotes) == len(set(quotes))               # each quote once
        assert all("#ev-" in a.attrs["href"] for a in tr.all("a", cls="quote"))
        sources = [a.text() for a in tr.all("span", cls="source")]
        assert not any(t.strip("— ").startswith(("000_", "001_", "002_", "003_", "004_")) for t in sources)
    dated = [t for t in doc.all("time")]
    assert dated and all(t.attrs["datetime"][:4].isdigit() and not t.text()[:4].isdigit() or len(t.text()) == 4
                         for t in dated)


def test_the_evidence_link_targets_the_highlighted_sentence(server):
    doc = page(server, "/queries/meetings?format=html")
    link = next(doc.all("a", cls="quote"))
    path, _, fragment = link.attrs["href"].partition("#")
    target = page(server, path)
    marks = [m for m in target.all("mark") if m.attrs.get("id") == fragment]
    assert marks, f"no <mark id={fragment}> on {path}"


def test_tables_and_pages_speak_spanish_when_the_browser_asks(server):
    english = web.get(server + "/queries/meetings?format=html", headers=HTML).text
    spanish = web.get(server + "/queries/meetings?format=html", headers=SPANISH).text
    assert "First Peru–United States High-Level Dialogue" in english
    assert "Primer Diálogo de Alto Nivel Perú–Estados Unidos" in spanish and "9 de mayo de 2024" in spanish
    r = web.get(server + "/id/actor/peru", headers=SPANISH)
    assert "<h1>Perú</h1>" in r.text and "Accept-Language" in r.headers["Vary"]


def test_machine_formats_keep_iris_and_typed_literals(server):
    r = web.get(server + "/queries/meetings", params={"format": "json"}, headers={"Accept-Language": "es"})
    b = r.json()["results"]["bindings"]
    assert all(x["meeting"]["value"].startswith(BASE + "id/meeting/") for x in b)
    assert any(x.get("date", {}).get("datatype", "").endswith("#date") for x in b)
    csv = web.get(server + "/queries/meetings", params={"format": "csv"}).text
    assert BASE + "id/meeting/" in csv


def test_construct_results_in_turtle_use_the_dataset_prefixes(server):
    q = "CONSTRUCT { ?m a <https://w3id.org/dipkg/ontology#Meeting> } WHERE { ?m a <https://w3id.org/dipkg/ontology#Meeting> }"
    turtle = web.get(server + "/sparql", params={"query": q}, headers={"Accept": "text/turtle"}).text
    assert "@prefix dip: <https://w3id.org/dipkg/ontology#>" in turtle and "dip:Meeting" in turtle


# ---------------------------------------------------------------- documents without a title

def test_an_untitled_document_gets_a_derived_title_marked_as_such(server, store):
    assert untitled(), "the seed documents include untitled ones"
    for identifier in untitled():
        iri = f"<{BASE}id/document/{identifier}>"
        found = select(store, f"SELECT ?label ?derived ?title WHERE {{ {iri} rdfs:label ?label . "
                              f"OPTIONAL {{ {iri} dip:derivedTitle ?derived }} OPTIONAL {{ {iri} dcterms:title ?title }} }}")
        assert found[0]["label"] != identifier and found[0]["derived"] == found[0]["label"]
        assert found[0]["title"] is None          # never passed off as the source's own title
        doc = page(server, f"/page/id/document/{identifier}")
        assert doc.one("h1").text() == found[0]["label"] and doc.one(id="derived-title")


def test_every_list_of_sources_shows_titles(server):
    for path in ("/timeline", "/documents", "/meetings", "/"):
        html = web.get(server + path, headers=HTML).text
        for identifier in untitled():
            shown = parse(html)
            texts = [a.text() for a in shown.all("a") if identifier in a.attrs.get("href", "")]
            assert texts and not any(identifier in t for t in texts), (path, identifier, texts)


# ---------------------------------------------------------------- dates, entity pages

def test_every_meeting_has_a_date_or_the_date_of_its_source(server, store):
    undated_sources = {r["m"] for r in select(store, """SELECT ?m WHERE { GRAPH ?g { ?m a dip:Meeting }
        ?g prov:wasDerivedFrom ?d FILTER NOT EXISTS { ?d dcterms:date ?x } }""")}
    doc = page(server, "/meetings")
    for tr in rows(doc, "list"):
        cells = {td.attrs["data-heading"]: td for td in tr.all("td")}
        href = cells["meeting"].one("a").attrs["href"]
        if BASE + href.lstrip("/") in undated_sources:
            continue
        assert list(cells["date"].all("time")) or list(cells["source dated"].all("time")), href


def test_an_actors_meetings_are_in_date_order_with_their_dates(server):
    doc = page(server, "/page/id/actor/antony-blinken")
    row = row_of(doc, "as participant")
    dates = [t.attrs["datetime"] for t in row.all("time")]
    assert len(dates) >= 2 and dates == sorted(dates)


def test_aliases_are_listed_once_and_not_as_the_name_again(server):
    doc = page(server, "/page/id/actor/peru")
    aka = row_of(doc, "also known as")
    aliases = [s.text().casefold() for s in aka.all("span")]
    assert len(aliases) == len(set(aliases)) and "peru" not in aliases and "perú" not in aliases


def test_a_country_is_not_contained_in_itself(store, server):
    assert not select(store, f"SELECT ?p WHERE {{ ?p schema:containedInPlace <{BASE}id/actor/peru> ; a schema:Country }}")
    html = web.get(server + "/page/id/actor/peru", headers=HTML).text
    contained = parse(html)
    row = row_of(contained, "as contained in")
    assert row and "/id/place/lima" in row.links() and "/id/place/peru" not in row.links()


def test_memberships_of_an_organisation_are_labelled_roles(server, store):
    org = select(store, "SELECT ?o WHERE { ?m <http://www.w3.org/ns/org#organization> ?o } ORDER BY ?o LIMIT 1")[0]["o"]
    doc = page(server, "/page/" + org[len(BASE):])
    assert row_of(doc, "as organisation") is None
    roles = next(s for s in doc.all("section") if s.one("h2").text() == "Roles")
    first = list(roles.all("tr"))[1]
    assert all(td.text().strip() for td in list(first.all("td"))[:3])   # who, office, in: all named


def test_a_planned_and_a_reported_meeting_show_both_sources(server):
    doc = page(server, "/page/id/meeting/peru-us-high-level-dialogue-2024")
    statements = rows(doc, "statements")
    statuses = {list(tr.all("td"))[1].text().strip() for tr in statements}
    sources = {list(tr.all("td"))[0].one("a").attrs["href"] for tr in statements}
    assert {"scheduled", "held"} <= statuses and len(sources) >= 2


def test_a_long_label_is_cut_where_a_reader_scans_a_list(server):
    doc = page(server, "/commitments?sort=commitment")
    names = [tr.one("td").one("a").text() for tr in rows(doc, "list")]
    assert names and max(map(len, names)) <= 91
    assert any(n.endswith("…") for n in page(server, "/commitments?sort=-commitment").one("tbody").all("a")
               for n in [n.text()])


# ---------------------------------------------------------------- home page counts

def test_the_home_page_counts_actors_that_take_part_in_facts(server, store):
    taking_part = select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?f dip:participant|dip:party|dip:committedBy ?a }")
    gazetteer = select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { VALUES ?c { dip:Person dip:Organisation dip:Country } ?a a ?c }")
    doc = page(server, "/")
    assert doc.one(id="count-actors").text() == taking_part[0]["n"] != gazetteer[0]["n"]
    assert gazetteer[0]["n"] in doc.one(id="gazetteer-size").text()


# ---------------------------------------------------------------- search

def test_search_is_on_every_page(server):
    for path in ("/", "/timeline", "/queries", "/meetings", "/id/actor/peru", "/sparql"):
        doc = page(server, path)
        form = doc.one("form", cls="site-search")
        assert form.attrs["action"] == "/search" and form.one("input").attrs["name"] == "q"


@pytest.mark.parametrize("q", ["peru", "PERÚ", "Perú"])
def test_search_ignores_accents_and_case_and_ranks_the_name_first(server, q):
    r = web.get(server + "/search", params={"q": q}, headers={"Accept": "application/json"})
    assert r.headers["Content-Type"].startswith("application/json")
    results = r.json()["results"]
    assert results[0]["iri"] == BASE + "id/actor/peru" and results[0]["href"] == "/id/actor/peru"


def test_search_finds_aliases_titles_and_quotes_in_both_languages(server):
    def first(q, **kw):
        return web.get(server + "/search", params={"q": q}, headers={"Accept": "application/json"}).json()["results"]
    assert any(r["iri"].endswith("/id/actor/marco-rubio") for r in first("SecRubio"))            # an alias
    assert any(r["kind"] == "document" for r in first("Declaración Conjunta"))                   # a title
    quoted = [r for r in first("interceptacion aerea") if "quote" in r]                          # a quote, unaccented
    assert quoted and "#ev-" in quoted[0]["quote"]["href"] and quoted[0]["quote"]["document"]["href"].startswith("/id/document/")


def test_search_page_links_results_to_their_pages(server):
    doc = page(server, "/search?q=minerals")
    links = [a.attrs["href"] for li in doc.one("ol", id="results").all("li") for a in li.all("a")]
    assert links and all(h.startswith(("/id/", "/ontology/topic/")) for h in links)


# How fast search answers (its target: 100 ms on the seed graph) is measured by `bench/run.py saved`.


def test_a_worker_builds_the_search_index_beside_serving_and_only_once(built, monkeypatch):
    """Over 10 million triples the index takes minutes: it must not hold a worker's start, and the
    searches and pages that need it meanwhile wait for that one build rather than start their own."""
    from kg.linked import directory, search
    from kg.linked.search import Index
    from kg.store import PerGeneration, open_store
    from kg.web.server import warm_search

    reads = []
    monkeypatch.setattr(directory, "_DIRECTORY",
                        PerGeneration(lambda store: reads.append(1) or directory.Directory.read(store)))
    monkeypatch.setattr(search, "_INDEX", PerGeneration(search._INDEX.compute))
    warming = warm_search(built)
    searches = [threading.Thread(target=lambda: Index.of(open_store(built)).search("Blinken")) for _ in range(4)]
    for t in searches:
        t.start()
    for t in [warming, *searches]:
        t.join(60)
    assert warming.daemon and not warming.is_alive()
    assert len(reads) == 1 and Index.of(open_store(built)).search("Blinken")


# ---------------------------------------------------------------- browse pages

@pytest.mark.parametrize("path,query", [("/documents", "documents"), ("/actors", "actor-list"),
                                        ("/meetings", "meeting-list"), ("/agreements", "agreement-list"),
                                        ("/commitments", "commitment-list")])
def test_browse_pages_list_what_their_saved_query_lists(server, path, query):
    doc = page(server, path)
    group = web.get(server + "/queries", headers={"Accept": "application/json"}).json()
    entry = next(q for q in group["queries"] if q["name"] == query)
    key = {"documents": "document"}.get(query, query.split("-")[0])
    data = web.get(server + f"/queries/{query}", params={"format": "json"}).json()["results"]["bindings"]
    things = {b[key]["value"] for b in data}
    assert entry and f"{len(things)} " in doc.one(id="count").text()
    assert f'/queries/{query}' in [a.attrs.get("href") for a in doc.all("a")]


def test_browse_pages_sort_and_page(server):
    doc = page(server, "/meetings?sort=date")
    dates = [t.attrs["datetime"] for tr in rows(doc, "list") for t in [next(tr.all("td", **{"data-heading": "date"})).all("time")]
             for t in t][:5]
    assert dates == sorted(dates)
    first, second = page(server, "/actors"), page(server, "/actors?page=2")
    assert "page 1 of" in first.one(id="count").text()
    assert {a.attrs["href"] for a in rows(first, "list")[0].all("a")} != {a.attrs["href"] for a in rows(second, "list")[0].all("a")}
    assert web.get(server + "/meetings?sort=nonsense", headers=HTML).status_code == 400


def test_browse_filters(server):
    people = page(server, "/actors?type=person&country=id/actor/peru")
    for tr in rows(people, "list"):
        cells = {td.attrs["data-heading"]: td for td in tr.all("td")}
        assert cells["type"].text().casefold() == "person" and cells["country"].one("a").attrs["href"] == "/id/actor/peru"
    signed = page(server, "/agreements?status=signed")
    assert rows(signed, "list") and all("signed" in tr.text() for tr in rows(signed, "list"))
    security = page(server, "/commitments?topic=security")
    assert 0 < len(rows(security, "list")) < int(page(server, "/commitments").one(id="count").text().split()[0])


@pytest.mark.parametrize("kind,path", [("actor", "/actors"), ("document", "/documents"), ("meeting", "/meetings"),
                                       ("agreement", "/agreements"), ("commitment", "/commitments")])
def test_index_paths_lead_to_the_browse_pages(server, kind, path):
    r = web.get(server + f"/id/{kind}/", headers=HTML, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith(path)


def test_the_search_saved_query_has_no_default_and_one_row_per_entity(server):
    catalogue = web.get(server + "/queries", headers={"Accept": "application/json"}).json()["queries"]
    search = next(q for q in catalogue if q["name"] == "search")
    assert search["parameters"][0]["default"] is None
    data = web.get(server + "/queries/search", params={"text": "peru", "format": "json"}).json()
    entities = [b["entity"]["value"] for b in data["results"]["bindings"]]
    assert entities and len(entities) == len(set(entities))
    form = web.get(server + "/queries/search", headers=HTML)
    assert form.status_code == 200 and "Fill in text" in form.text


# ---------------------------------------------------------------- federated saved queries

def test_a_federated_query_is_marked_in_the_catalogue_and_openapi(server):
    catalogue = web.get(server + "/queries", headers={"Accept": "application/json"}).json()["queries"]
    wikidata = next(q for q in catalogue if q["name"] == "wikidata-actors")
    assert wikidata["federated"] and wikidata["service"] == "https://query.wikidata.org/sparql"
    assert not next(q for q in catalogue if q["name"] == "meetings")["federated"]
    api = web.get(server + "/openapi.json").json()
    assert api["paths"]["/queries/wikidata-actors"]["get"]["x-federated-service"] == "https://query.wikidata.org/sparql"
    html = web.get(server + "/queries", headers=HTML).text
    assert "calls another service" in html


def test_a_federated_query_says_how_to_enable_it(server):
    r = web.get(server + "/queries/wikidata-actors", params={"format": "json"})
    assert r.status_code == 403
    assert "KG_SERVICE_ALLOWLIST" in r.text and "https://query.wikidata.org/sparql" in r.text and "enable" in r.text
    page_ = web.get(server + "/queries/wikidata-actors", headers=HTML)
    assert "KG_SERVICE_ALLOWLIST" in page_.text and "calls another service" in page_.text


def test_an_allowed_service_that_cannot_be_reached_is_a_clear_502(built):
    closed = Listener()        # a loopback port that accepts nothing: closed before the query runs
    endpoint = f"http://127.0.0.1:{closed.sock.getsockname()[1]}/sparql"
    closed.sock.close()
    config = built.with_(service_allowlist=(endpoint,), wikidata_endpoint=endpoint)
    with in_process(config) as url:
        r = web.get(url + "/queries/wikidata-actors", params={"format": "json"}, timeout=60)
    assert r.status_code == 502 and "SERVICE" in r.text


# ---------------------------------------------------------------- `kg` and ingest

def test_kg_ingest_adds_to_the_inbox_which_the_tests_do_not_read(tmp_path):
    assert Config().inbox_dir.name == "inbox" and Config().inbox_dir != Config().documents_dir
    assert os.environ["KG_INBOX_DIR"] != str(Config().inbox_dir)   # conftest: the tests' builds leave it out
    kg = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "kg"
    inbox = tmp_path / "inbox"
    doc = tmp_path / "note.txt"
    doc.write_text("---\ntitle: A note\ndate: \"2024-06-01\"\nlanguage: en\n---\nPeru and the United States met.\n")
    env = {**os.environ, "KG_INBOX_DIR": str(inbox)}
    done = subprocess.run([str(kg), "ingest", str(doc)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in inbox.iterdir()] and "inbox" in done.stdout


def test_kg_build_reads_the_inbox_beside_the_seed_documents(built_copy, tmp_path):
    from kg.build.pipeline import build

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "900_note.txt").write_text("---\ntitle: A note\ndate: \"2024-06-01\"\nlanguage: en\n---\n"
                                        "Peru and the United States met in Lima.\n", encoding="utf-8")
    report = build(built_copy, inbox=inbox)
    assert report.documents == len(list(DOCUMENTS.glob("*.txt"))) + 1
