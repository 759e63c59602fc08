"""The web interface in a real browser: Debian's chromium driven by Playwright against the real
gunicorn server. A person opens the query editor, runs a saved query, sees and downloads its rows,
opens an entity page from a result and follows its evidence to the highlighted sentence; pages read
without JavaScript, fit a phone, and never run a script that came from a document. Screenshots of
each step are kept in tests/artifacts/."""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
import yaml
from conftest import running_server

from kg.config import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium dials out at start, and a closed network refuses it.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANNOTATIONS = ROOT / "data" / "annotations"
RESULT_ROWS = ".tabPanel.active .yasr .dataTable tbody tr"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing in CI: `make system-deps` installs it")
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): run `make system-deps`")
    if not (ROOT / "node_modules" / "@triply" / "yasgui").exists() and not os.environ.get("CI"):
        pytest.skip("YASGUI is not installed: run `npm ci` (make setup)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A fresh browser context (no stored tabs) that records dialogs and script errors."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(accept_downloads=True, **options)
        self.context.set_default_timeout(20_000)
        self.dialogs, self.errors = [], []
        self.context.on("page", self.watch)
        self.page = self.context.new_page()

    def watch(self, page):
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def visit(browser):
    opened = []

    def open_(**options) -> Visit:
        v = Visit(browser, **options)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.context.close()


def quotes_of(kind: str, slug: str) -> list[str]:
    """The evidence quotes the curated annotations give for one fact (read here, not from the graph)."""
    out = []
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8")).get(kind + "s") or []:
            if fact["id"] == slug:
                out += fact.get("quotes") or [fact["quote"]]
    return out


def open_editor(v: Visit, live_server: str):
    v.page.goto(live_server + "/sparql")
    v.page.wait_for_selector("#saved-queries button[data-name]")
    return v.page


def follow(link):
    """YASR shows a long value cut short; a first click on its cell shows it whole, as for a person."""
    cell = link.locator("xpath=ancestor::div[contains(@class, 'expandable')]")
    if cell.count() and "expanded" not in (cell.get_attribute("class") or ""):
        cell.click()
    return link


def run_saved(page, name: str) -> int:
    """Select a saved query in the list; it opens in its own tab and runs. Returns the row count."""
    page.click(f'#saved-queries button[data-name="{name}"]')
    page.wait_for_selector(RESULT_ROWS)
    chip = page.locator(".tabPanel.active .yasr_response_chip").inner_text()
    return int(re.match(r"(\d+) results?", chip).group(1))


# ---------------------------------------------------------------- the editor

def test_editor_runs_a_saved_query_and_shows_its_rows(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = open_editor(v, live_server)
    count = run_saved(page, "meetings")
    page.screenshot(path=artifacts / "editor-saved-query.png", full_page=True)

    headers = page.locator(".tabPanel.active .yasr .dataTable thead th").all_inner_texts()
    assert headers[1:] == ["meeting", "date", "placeLabel", "participantLabel", "evidence", "document"]
    # As many rows as the same saved query gives through its API.
    api = requests.get(live_server + "/queries/meetings", params={"format": "csv"}, timeout=30)
    assert count == len(list(csv.reader(io.StringIO(api.text)))) - 1 > 0
    assert page.locator(RESULT_ROWS).count() == min(count, 50)   # YASR's first page
    assert not v.errors and not v.dialogs


def test_editor_runs_what_the_user_types(live_server, store, visit):
    page = open_editor(visit(), live_server)
    page.click(".tabPanel.active .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
                              "SELECT DISTINCT ?agreement WHERE { ?agreement a dip:Agreement }")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(RESULT_ROWS)
    shown = {href.rsplit("/", 1)[1] for href in page.eval_on_selector_all(
        ".tabPanel.active .yasr a.iri", "links => links.map(a => a.getAttribute('href'))")}
    expected = {s["a"].value.rsplit("/", 1)[1] for s in store.query(
        "SELECT DISTINCT ?a WHERE { ?a a <https://w3id.org/dipkg/ontology#Agreement> }")}
    chip = page.locator(".tabPanel.active .yasr_response_chip").inner_text()
    assert chip.startswith(f"{len(expected)} results")
    assert shown <= expected and len(shown) == min(len(expected), 50)   # YASR's first page


def test_results_download_as_csv(live_server, visit, artifacts):
    v = visit()
    page = open_editor(v, live_server)
    count = run_saved(page, "meetings")
    with page.expect_download() as download:
        page.click(".tabPanel.active .yasr_downloadIcon")
    path = artifacts / "editor-download.csv"
    download.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["meeting", "date", "placeLabel", "participantLabel", "evidence", "document"]
    assert len(rows) - 1 == count
    # The download carries the IRIs themselves, not the local links the table shows.
    assert all(r[0].startswith("https://w3id.org/dipkg/id/meeting/") for r in rows[1:])


def test_every_saved_query_opens_and_runs_in_the_editor(live_server, visit):
    v = visit()
    page = open_editor(v, live_server)
    names = page.eval_on_selector_all("#saved-queries button[data-name]", "bs => bs.map(b => b.dataset.name)")
    catalogue = requests.get(live_server + "/queries", headers={"Accept": "application/json"}, timeout=30).json()
    assert names == [q["name"] for q in catalogue["queries"]]
    failed = []
    for name in names:
        if name.startswith("wikidata"):
            continue   # federated with Wikidata: SERVICE is refused unless an endpoint is allow-listed
        page.click(f'#saved-queries button[data-name="{name}"]')
        page.wait_for_selector(".tabPanel.active .yasr_response_chip:not(:empty)")
        page.wait_for_function("() => !document.querySelector('.tabPanel.active .yasqe_queryButton.busy')")
        chip = page.locator(".tabPanel.active .yasr_response_chip").inner_text()
        if not re.match(r"\d+ results?", chip) or page.locator(".tabPanel.active .errorResult").count():
            failed.append((name, chip))
    assert not failed and not v.errors


# ---------------------------------------------------------------- result -> entity page -> evidence

HIGHLIGHT = """() => {
  const target = document.querySelector(':target');
  if (!target) return null;
  const box = target.getBoundingClientRect();
  // The text from the target on, and for each character whether a <mark> highlights it.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '', marked = '', node;
  while ((node = walker.nextNode()) && text.length < 4000) {
    if (!target.contains(node) && !(target.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    text += node.data;
    marked += (node.parentElement.closest('mark') ? '1' : '0').repeat(node.data.length);
  }
  return {inView: box.bottom > 0 && box.top < innerHeight, text, marked};
}"""


def test_a_result_opens_its_entity_page_whose_evidence_leads_to_the_highlighted_sentence(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = open_editor(v, live_server)
    run_saved(page, "meetings")
    link = page.locator(f"{RESULT_ROWS} a.iri").first
    href = link.get_attribute("href")
    # Our IRIs (https://w3id.org/dipkg/id/...) link to this server's page for them.
    assert href.startswith("/id/meeting/") and link.get_attribute("title") == "https://w3id.org/dipkg" + href
    slug = href.rsplit("/", 1)[1]

    with v.context.expect_page() as opened:
        follow(link).click()
    entity = opened.value
    entity.wait_for_load_state()
    assert urlparse(entity.url).path.endswith(href)
    entity.screenshot(path=artifacts / "entity-page.png", full_page=True)

    evidence = entity.locator('a[href*="/id/document/"][href*="#"]').first
    evidence.click()
    entity.wait_for_url(re.compile(r"/id/document/[^#]+#.+"))
    entity.wait_for_load_state()
    found = entity.evaluate(HIGHLIGHT)
    entity.screenshot(path=artifacts / "document-highlight.png")
    assert found, "the evidence link targets no element of the document page"
    assert found["inView"], "the highlighted evidence is not scrolled into view"
    start = len(found["text"]) - len(found["text"].lstrip())
    text, marked = found["text"][start:], found["marked"][start:]
    quotes = quotes_of("meeting", slug)
    matching = [q for q in quotes if text.startswith(q)]
    assert matching, f"the targeted text {text[:120]!r} starts with none of {quotes}"
    assert set(marked[: len(matching[0])]) == {"1"}, "part of the quote is not highlighted"
    assert not v.errors


# ---------------------------------------------------------------- reading, phones, network

def test_pages_read_without_javascript(live_server, visit, artifacts):
    page = visit(java_script_enabled=False).page
    page.goto(live_server + "/")
    assert int(page.inner_text("#count-meetings")) > 0
    page.goto(live_server + "/timeline")
    assert page.locator("li.event").count() > 10 and page.locator("li.event a").first.is_visible()
    page.goto(live_server + "/network")
    assert page.locator("#network-graph .node").count() > 5 and page.locator("#pairs tbody tr").first.is_visible()
    page.goto(live_server + "/sparql")
    assert page.locator("form.plain-editor textarea[name=query]").is_visible()
    page.screenshot(path=artifacts / "editor-without-javascript.png", full_page=True)


# One page of each template (the browse pages share one; the fact and actor pages another).
@pytest.mark.parametrize("path", ["/", "/timeline", "/network", "/sparql", "/queries", "/queries/meetings?format=html",
                                  "/search?q=peru", "/agreements", "/id/meeting/peru-us-high-level-dialogue-2024",
                                  "/id/actor/antony-blinken", "/id/document/000_82964b1a4c72b6da"])
def test_pages_fit_a_phone_screen(live_server, visit, artifacts, path):
    v = visit(**PHONE)
    v.page.goto(live_server + path)
    v.page.wait_for_load_state("networkidle")
    if path == "/sparql":
        v.page.wait_for_selector(".tabPanel.active .CodeMirror")
    width, inner = v.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")).strip("-") or "home"
    v.page.screenshot(path=artifacts / f"phone-{name}.png", full_page=True)
    assert inner == 360 and width <= 360, f"{path} is {width}px wide on a {inner}px screen"
    assert not v.errors


def test_network_lays_out_the_graph_and_lights_up_an_actors_ties(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(live_server + "/network")
    page.wait_for_selector("#network-graph.laid-out")
    box = page.evaluate("() => { const b = document.getElementById('network-graph').viewBox.baseVal; return [b.width, b.height]; }")
    for t in page.eval_on_selector_all("#network-graph .node", "ns => ns.map(n => n.getAttribute('transform'))"):
        x, y = map(float, re.findall(r"[-\d.]+", t))
        assert 0 <= x <= box[0] and 0 <= y <= box[1]
    blinken = page.locator('#network-graph .node[href$="/antony-blinken"]')
    blinken.hover()
    assert "focused" in page.get_attribute("#network-graph", "class")
    ties = page.locator("#pairs tbody tr", has=page.locator('a[href$="/antony-blinken"]')).count()
    assert page.locator("#network-graph .edge.lit").count() == ties > 0
    page.screenshot(path=artifacts / "network-highlight.png")
    assert not v.errors


# ---------------------------------------------------------------- text from documents stays text

PAYLOAD = '<script>window.__pwned = 1; alert(1)</script><img src=x onerror="window.__pwned = 2; alert(2)">'
HOSTILE_DOC = f"""---
title: '{PAYLOAD} Hostile title'
publisher: '<b onmouseover="alert(3)">Evil</b> Press'
date: "2030-01-02"
language: en
source: "https://example.org/page'onmouseover='alert(4)"
---
The ministers met in Lima {PAYLOAD} to discuss trade.
"""
HOSTILE_ANNOTATION = f"""document: 900_hostile
meetings:
  - id: hostile-meeting
    name: {{en: '<img src=x onerror="window.__pwned = 7; alert(7)">Hostile meeting'}}
    kind: in-person
    status: held
    date: 2030-01-01
    participants: [peru, united-states]
    topics: [trade]
    quote: 'The ministers met in Lima {PAYLOAD}'
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server whose only document carries markup in its title, publisher, source and text."""
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "documents").mkdir()
    (tmp / "annotations").mkdir()
    (tmp / "documents" / "900_hostile.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    (tmp / "annotations" / "900_hostile.yaml").write_text(HOSTILE_ANNOTATION, encoding="utf-8")
    subprocess.run([str(Path(sys.executable).parent / "kg"), "build", "--documents", str(tmp / "documents"),
                    "--store", str(tmp / "store")], check=True, env={**os.environ, "KG_ANNOTATIONS_DIR": str(tmp / "annotations")})
    with running_server(tmp / "store", workers=1) as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/timeline", "/network"])
def test_text_from_documents_is_escaped_in_the_html(hostile_server, path):
    html = requests.get(hostile_server + path, headers={"Accept": "text/html"}, timeout=30).text
    assert "Hostile" in html
    assert "<script>window.__pwned" not in html and '<img src=x onerror' not in html
    assert "&lt;script&gt;window.__pwned" in html or "&lt;img src=x onerror" in html


@pytest.mark.parametrize("path", ["/", "/timeline", "/network", "/id/document/900_hostile", "/id/meeting/hostile-meeting"])
def test_no_script_from_a_document_runs_in_the_browser(hostile_server, visit, artifacts, path):
    v = visit()
    v.page.goto(hostile_server + path)
    v.page.wait_for_load_state("networkidle")
    v.page.mouse.move(1, 1)
    for a in v.page.locator("main a").all()[:20]:   # mouse-over payloads
        a.hover()
    assert v.page.evaluate("window.__pwned") is None and not v.dialogs
    shown = v.page.inner_text("main")
    assert "<script>window.__pwned = 1" in shown or '<img src=x onerror="window.__pwned = 7' in shown
    v.page.screenshot(path=artifacts / f"escaped-{path.strip('/').replace('/', '-') or 'home'}.png", full_page=True)


def test_a_hostile_iri_in_a_result_stays_a_plain_link(hostile_server, visit):
    v = visit()
    page = open_editor(v, hostile_server)
    page.click(".tabPanel.active .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("SELECT ?source ?title WHERE { ?d <http://purl.org/dc/terms/source> ?source ; "
                              "<http://purl.org/dc/terms/title> ?title }")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(RESULT_ROWS)
    link = page.locator(f"{RESULT_ROWS} a.iri").first
    follow(link).hover()
    assert link.get_attribute("href") == "https://example.org/page'onmouseover='alert(4)"
    assert page.evaluate("window.__pwned") is None and not v.dialogs
    assert "<script>window.__pwned = 1" in page.locator(RESULT_ROWS).first.inner_text()


# ---------------------------------------------------------------- a reader who has never seen SPARQL (issue 14)

def test_from_the_home_page_to_what_peru_and_the_united_states_agreed_in_2024(live_server, visit, artifacts):
    """Three clicks: Agreements, then the sentence that says so; who signed it is on the row."""
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(live_server + "/")
    page.click("text=Agreements >> nth=0")                                             # 1
    page.wait_for_selector("#list tbody tr")
    rows = page.locator("#list tbody tr", has=page.locator('time[datetime^="2024"]')).filter(
        has=page.locator('a[href="/id/actor/peru"]')).filter(has=page.locator('a[href="/id/actor/united-states"]'))
    assert rows.count() > 0
    row = rows.first
    page.screenshot(path=artifacts / "reader-agreements.png", full_page=True)
    assert row.locator('td[data-heading="party"] a').count() >= 2                     # who: the parties, by name
    quote = row.locator("a.quote").first
    sentence = quote.inner_text().strip("“”\"")
    quote.click()                                                                     # 2
    page.wait_for_url(re.compile(r"/id/document/[^#]+#ev-"))
    found = page.evaluate(HIGHLIGHT)
    page.screenshot(path=artifacts / "reader-agreement-sentence.png")
    assert found and found["inView"] and found["text"].strip().startswith(sentence[:40])
    assert not v.errors


def test_search_from_the_box_on_any_page(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(live_server + "/timeline")
    page.fill("#site-q", "interceptacion aerea")          # no accents typed: the quote has them
    page.press("#site-q", "Enter")
    page.wait_for_selector("#results li")
    page.screenshot(path=artifacts / "search-results.png", full_page=True)
    first = page.locator("#results li", has=page.locator("a.quote")).first
    assert "nterceptación" in first.inner_text()
    first.locator("a.quote").click()
    page.wait_for_url(re.compile(r"/id/document/[^#]+#ev-"))
    assert page.evaluate(HIGHLIGHT)["inView"]
    assert not v.errors


def test_browse_sorts_by_a_column_and_pages(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(live_server + "/meetings")
    page.click('#list thead a:text-is("date")')
    page.wait_for_url(re.compile(r"sort=date"))
    dates = page.eval_on_selector_all('#list td[data-heading="date"] time', "ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates and dates == sorted(dates)
    page.goto(live_server + "/actors")
    page.select_option('select[name="type"]', "person")
    page.click(".browse-filters button")
    page.wait_for_url(re.compile(r"type=person"))
    page.screenshot(path=artifacts / "browse-actors-people.png", full_page=True)
    types = page.locator('#list td[data-heading="type"]').all_inner_texts()
    assert types and {t.strip().casefold() for t in types} == {"person"}
    assert not v.errors


def test_tables_show_labels_and_dates_not_iris(live_server, visit, artifacts):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.page
    page.goto(live_server + "/queries/meetings?format=html")
    cells = page.locator("#results tbody tr").first.locator("td").all_inner_texts()
    assert not any("w3id.org" in c or c.startswith("id/") or "@en" in c for c in cells)
    page.screenshot(path=artifacts / "saved-query-table.png", full_page=True)
    # The editor's table: labels for our IRIs (asked of /labels), plain dates; downloads keep the IRIs.
    editor = open_editor(v, live_server)
    run_saved(editor, "meetings")
    editor.wait_for_selector(f"{RESULT_ROWS} a.iri[data-labelled]")
    first = editor.locator(f"{RESULT_ROWS} a.iri").first
    assert not first.inner_text().startswith(("id/", "http", "<"))
    literals = editor.locator(f"{RESULT_ROWS} .nonIri").all_inner_texts()
    assert literals and not any("^^" in t or "@en" in t for t in literals)
    editor.screenshot(path=artifacts / "editor-labels.png", full_page=True)
    assert not v.errors
