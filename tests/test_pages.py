"""The server-rendered pages (home, timeline, network, editor shell, YASGUI assets), read as a
browser without JavaScript reads them: plain HTTP from the real gunicorn server, parsed HTML.
Expected values come from the project's inputs (documents, curated annotations, gazetteer) read
here, and from this file's own SPARQL on the store (the build adds extracted facts to the curated ones)."""
from __future__ import annotations

import itertools
import os
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import BROWSER, web
from sparql_support import select

from kg.config import ROOT

DOCUMENTS = ROOT / "data" / "documents"
ANNOTATIONS = ROOT / "data" / "annotations"
YASGUI_BUILD = ROOT / "node_modules" / "@triply" / "yasgui" / "build"
HTML = {"Accept": BROWSER}


# ---------------------------------------------------------------- a small DOM, from the standard library

class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag=None, cls=None, **attrs):
        for c in self.children:
            if isinstance(c, Node):
                if ((tag is None or c.tag == tag) and (cls is None or cls in c.attrs.get("class", "").split())
                        and all(c.attrs.get(k) == v for k, v in attrs.items())):
                    yield c
                yield from c.all(tag, cls, **attrs)

    def one(self, tag=None, cls=None, **attrs) -> "Node":
        found = list(self.all(tag, cls, **attrs))
        assert found, f"no <{tag or '*'} class={cls} {attrs}> in the page"
        return found[0]

    def links(self) -> list[str]:
        return [a.attrs.get("href") for a in self.all("a")]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "circle", "line"}


class Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, attrs, self.node))

    def handle_endtag(self, tag):
        n = self.node
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.node = n.parent

    def handle_data(self, data):
        self.node.children.append(data)


def page(url: str, path: str) -> Node:
    r = web.get(url + path, headers=HTML, timeout=30)
    assert r.status_code == 200, (path, r.status_code, r.text[:500])
    assert r.headers["Content-Type"].startswith("text/html")
    p = Parser()
    p.feed(r.text)
    return p.root


# ---------------------------------------------------------------- the inputs, read independently

def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def annotations() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(ANNOTATIONS.glob("*.yaml"))]


def fact_ids(kind: str) -> set[str]:
    return {f["id"] for a in annotations() for f in a.get(kind) or []}


def participants() -> dict[str, set[str]]:
    """meeting id -> its participants, merged over every document that states the meeting."""
    out = defaultdict(set)
    for a in annotations():
        for m in a.get("meetings") or []:
            out[m["id"]].update(m.get("participants") or [])
    return out


def slugs(store, cls: str) -> set[str]:
    return {r["x"].rsplit("/", 1)[1] for r in select(store, f"SELECT DISTINCT ?x WHERE {{ ?x a dip:{cls} }}")}


def gazetteer_actors() -> dict[str, str]:
    gaz = yaml.safe_load((ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8"))
    return {a["id"]: a["type"] for a in gaz["actors"]}


# ---------------------------------------------------------------- home

def test_home_says_what_the_dataset_is_and_how_big_it_is(server, store):
    doc = page(server, "/")
    assert "Peru" in doc.one("h1").text() and "United States" in doc.one("h1").text()
    count = lambda what: int(doc.one(id=f"count-{what}").text())
    assert count("documents") == len(list(DOCUMENTS.glob("*.txt")))
    for kind, cls in (("meetings", "Meeting"), ("agreements", "Agreement"), ("commitments", "Commitment")):
        assert count(kind) == len(slugs(store, cls)) >= len(fact_ids(kind))
    # Actors are those the documents state taking part in a fact; the gazetteer's size is stated apart.
    taking_part = select(store, "SELECT DISTINCT ?a WHERE { ?f dip:participant|dip:party|dip:committedBy ?a }")
    assert count("actors") == len(taking_part) < len(gazetteer_actors())
    known = len(slugs(store, "Person") | slugs(store, "Organisation") | slugs(store, "Country"))
    assert f"knows {known} actors" in doc.one(id="gazetteer-size").text()
    # Triples of the union graph, counted straight from the store's quads.
    assert count("triples") == len({(q.subject, q.predicate, q.object) for q in store})


def test_home_lists_the_latest_documents_newest_first(server):
    dated = {p.stem: front_matter(p) for p in DOCUMENTS.glob("*.txt")}
    # Newest first; ISO dates of any precision sort as text; undated ("") last.
    expected = sorted(dated, key=lambda i: str(dated[i].get("date") or ""), reverse=True)
    listed = page(server, "/").one("ol", id="latest-documents")
    hrefs = [a.attrs["href"] for a in listed.all("a")]
    assert hrefs == [f"/id/document/{i}" for i in expected][: len(hrefs)]
    for a in listed.all("a"):
        fm = dated[a.attrs["href"].rsplit("/", 1)[1]]
        # A document without a title is listed by one taken from its text, never by its identifier.
        assert a.text() == fm["title"] if fm.get("title") else a.text() not in a.attrs["href"] and a.text()


def test_home_links_to_editor_saved_queries_dumps_and_dataset_description(server):
    links = page(server, "/").links()
    for target in ("/sparql", "/queries", "/dumps", "/.well-known/void", "/timeline", "/network"):
        assert target in links


# ---------------------------------------------------------------- timeline

def events(doc: Node):
    for li in doc.all("li", cls="event"):
        times = list(li.all("time"))
        yield li, times[0].attrs["datetime"] if times else None


def test_timeline_shows_every_meeting_and_agreement_linked_to_its_page(server, store):
    links = set(page(server, "/timeline").links())
    for kind, cls in (("meeting", "Meeting"), ("agreement", "Agreement")):
        assert fact_ids(kind + "s") <= slugs(store, cls)
        for slug in slugs(store, cls):
            assert f"/id/{kind}/{slug}" in links, slug


def test_timeline_is_in_date_order_with_the_dates_the_documents_give(server):
    doc = page(server, "/timeline")
    dated = [when for _, when in events(doc) if when]
    assert dated == sorted(dated) and len(dated) > 10
    undated_seen = False
    for _, when in events(doc):   # undated entries come after every dated one
        undated_seen |= when is None
        assert not (undated_seen and when)
    by_link = defaultdict(set)
    for li, when in events(doc):
        by_link[li.one("a").attrs["href"]].add(when)
    for a in annotations():
        for m in a.get("meetings") or []:
            if isinstance(m.get("date"), (str, int)) or hasattr(m.get("date"), "isoformat"):
                assert str(m["date"]) in by_link[f"/id/meeting/{m['id']}"], m["id"]


def test_timeline_filters_by_kind_and_names_a_wrong_kind(server):
    links = page(server, "/timeline?kind=meeting").links()
    assert any(h.startswith("/id/meeting/") for h in links)
    assert not any(h.startswith("/id/agreement/") for h in links)
    r = web.get(server + "/timeline?kind=treaty", headers=HTML, timeout=10)
    assert r.status_code == 400 and "kind" in r.text and "meeting" in r.text


# ---------------------------------------------------------------- network

def pair_rows(doc: Node) -> dict[frozenset, int]:
    rows = {}
    for tr in doc.one("table", id="pairs").one("tbody").all("tr"):
        cells = list(tr.all("td"))
        a, b = (c.one("a").attrs["href"].rsplit("/", 1)[1] for c in cells[:2])
        rows[frozenset((a, b))] = int(cells[2].text())
    return rows


def meeting_participants(store) -> dict[str, set[str]]:
    out = defaultdict(set)
    for r in select(store, "SELECT ?m ?p WHERE { ?m a dip:Meeting ; dip:participant ?p }"):
        out[r["m"]].add(r["p"].rsplit("/", 1)[1])
    return out


def test_network_lists_who_met_whom_with_the_number_of_meetings(server, store):
    rows = pair_rows(page(server, "/network"))
    expected = defaultdict(int)
    for people in meeting_participants(store).values():
        for a, b in itertools.combinations(sorted(people), 2):
            expected[frozenset((a, b))] += 1
    assert rows == dict(expected)
    curated = defaultdict(int)   # what the curated annotations alone say is a lower bound
    for people in participants().values():
        for a, b in itertools.combinations(sorted(people), 2):
            curated[frozenset((a, b))] += 1
    assert all(rows.get(pair, 0) >= n for pair, n in curated.items())


def test_network_draws_every_actor_once_in_svg_for_readers_without_javascript(server, store):
    doc = page(server, "/network")
    svg = doc.one("svg", id="network-graph")
    drawn = [a.attrs["href"].rsplit("/", 1)[1] for a in svg.all("a", cls="node")]
    assert sorted(drawn) == sorted({p for ps in meeting_participants(store).values() if len(ps) > 1 for p in ps})
    assert len(list(svg.all("line", cls="edge"))) == len(pair_rows(doc))


def test_network_can_show_people_only_and_names_a_wrong_type(server, store):
    people = slugs(store, "Person")
    rows = pair_rows(page(server, "/network?types=person"))
    assert rows and all(a in people for pair in rows for a in pair)
    r = web.get(server + "/network?types=person,robot", headers=HTML, timeout=10)
    assert r.status_code == 400 and "types" in r.text and "robot" in r.text


# ---------------------------------------------------------------- editor shell and assets

def test_every_page_loads_scripts_and_styles_from_this_server_only(server):
    for path in ("/", "/timeline", "/network", "/sparql"):
        doc = page(server, path)
        urls = [s.attrs["src"] for s in doc.all("script") if "src" in s.attrs]
        urls += [link.attrs["href"] for link in doc.all("link") if link.attrs.get("rel") == "stylesheet"]
        assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), (path, urls)


def test_editor_page_offers_a_plain_form_that_works_without_javascript(server, store):
    doc = page(server, "/sparql")
    form = doc.one("form", cls="plain-editor")
    assert form.attrs["action"] == "/sparql" and form.attrs.get("method", "get").lower() == "get"
    query = form.one("textarea", name="query").text()
    r = web.get(server + "/sparql", params={"query": query, "format": "csv"}, timeout=30)
    lines = r.text.splitlines()
    assert r.status_code == 200 and lines[0] == "meeting,label,date"
    assert {line.split(",")[0].rsplit("/", 1)[1] for line in lines[1:]} == slugs(store, "Meeting")


def yasgui_installed():
    if not (YASGUI_BUILD / "yasgui.min.js").exists() and not os.environ.get("CI"):
        pytest.skip("YASGUI is not installed: run `npm ci` (make setup)")


def test_yasgui_is_served_from_node_modules(server):
    yasgui_installed()
    for name, media in (("yasgui.min.js", "javascript"), ("yasgui.min.css", "text/css")):
        r = web.get(f"{server}/assets/yasgui/{name}", timeout=10)
        assert r.status_code == 200 and media in r.headers["Content-Type"]
        assert r.content == (YASGUI_BUILD / name).read_bytes()


@pytest.mark.parametrize("path", ["/assets/yasgui/yasgui.html", "/assets/yasgui/..%2F..%2Fpackage.json",
                                  "/assets/yasgui/../../../package.json", "/assets/yasgui/ts/index.d.ts"])
def test_only_the_yasgui_build_is_served(server, path):
    assert web.get(server + path, timeout=10).status_code == 404


def test_prefixes_for_completion_are_served_locally(server):
    prefixes = web.get(server + "/assets/prefixes.json", timeout=10).json()
    assert prefixes["dip"] == "https://w3id.org/dipkg/ontology#"
    assert prefixes["schema"] == "http://schema.org/"
