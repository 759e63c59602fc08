"""Helpers of the Linked Data tests: an HTML reader (the standard library's parser) and an entity's
label read from the store directly."""
from __future__ import annotations

from html.parser import HTMLParser

import pyoxigraph
from sparql_support import select

RDF_TYPES = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples"}


class Html(HTMLParser):
    """What a page shows: its text, links, element ids, and the text inside each <mark>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}        # id -> tag
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.marks: list[dict] = []          # {"id", "ev", "text"}
        self.h1 = ""
        self.text: dict[str, str] = {}       # text inside elements with a class (first of each class)
        self._open_marks: list[dict] = []
        self._open_links: list[list] = []
        self._stack: list[tuple[str, str | None]] = []
        self._h1 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = tag
        if tag == "mark":
            m = {"id": a.get("id"), "ev": (a.get("data-ev") or "").split(), "text": ""}
            self.marks.append(m)
            self._open_marks.append(m)
        elif tag == "a" and "href" in a:
            self._open_links.append([a["href"], ""])
        elif tag == "h1":
            self._h1 = True
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            cls = a.get("class")
            self._stack.append((tag, cls))
            if cls and cls not in self.text:
                self.text[cls] = ""

    def handle_endtag(self, tag):
        if tag == "mark" and self._open_marks:
            self._open_marks.pop()
        elif tag == "a" and self._open_links:
            self.links.append(tuple(self._open_links.pop()))
        elif tag == "h1":
            self._h1 = False
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for m in self._open_marks:
            m["text"] += data
        for link in self._open_links:
            link[1] += data
        if self._h1:
            self.h1 += data
        for cls in {c for _, c in self._stack if c}:
            self.text[cls] += data

    def highlighted(self, anchor: str) -> str:
        """The text of every <mark> that belongs to one evidence, in order."""
        return "".join(m["text"] for m in self.marks if anchor in m["ev"])


def english_label(store: pyoxigraph.Store, iri: str) -> str | None:
    rows = select(store, f"""SELECT ?l WHERE {{ <{iri}> rdfs:label|skos:prefLabel ?l FILTER (LANG(?l) = "en") }}""")
    return rows[0]["l"] if rows else None
