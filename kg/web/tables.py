"""Query results as a person reads them: the one HTML table of saved queries and browse pages.

Machine formats keep IRIs and typed literals; here, for a reader, an IRI is its label in the
reader's language linked to its page, a date is a date, a `…Label` column links to the thing it
names, a `document` column (saved queries give documents by their identifier) is the document's
title, and an evidence quote links to its highlighted sentence. Rows of the same fact (a saved
query's `group` column) become one row, each column's values gathered once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from ..linked import labels
from ..linked.directory import Directory
from ..vocab import XSD
from .dates import human_date

NAMES = ("name", "label", "title")   # columns that only repeat the label of a row's fact
DATE_TYPES = {XSD[t].value for t in ("date", "gYear", "gYearMonth", "dateTime")}


@dataclass
class Item:
    text: str
    href: str | None = None
    lang: str | None = None
    title: str | None = None        # the whole value where the text is cut, or the IRI
    date: str | None = None         # ISO, for <time datetime>
    quote: bool = False
    source: "Item | None" = None    # a quote's document
    derived: bool = False           # a document title derived from its text

    @property
    def key(self):
        return (self.text, self.href, self.source.href if self.source else None)


@dataclass
class Column:
    name: str        # the variable
    heading: str     # what the reader sees
    evidence_of: str | None = None   # for a quote column: the column of its document
    sortable: bool = False


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[list[Item]]] = field(default_factory=list)
    keys: list[dict] = field(default_factory=list)   # per row: the raw first value of each column (for sorting)


def heading(variable: str) -> str:
    """`participantLabel` -> "participant", `followUpDate` -> "follow up date"."""
    name = re.sub(r"Label$", "", variable) or variable
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _document_column(variable: str) -> bool:
    return variable == "document" or variable.endswith("Document")


def _evidence_column(variable: str, variables: list[str]) -> str | None:
    """The document column that goes with an evidence column (`evidence`/`document`,
    `followUpEvidence`/`followUpDocument`), if both are there."""
    if variable == "evidence":
        partner = "document"
    elif variable.endswith("Evidence"):
        partner = variable[: -len("Evidence")] + "Document"
    else:
        return None
    return partner if partner in variables else None


class Reader:
    """Turns SPARQL JSON bindings into Items for one reader (languages) on one server (href)."""

    def __init__(self, directory: Directory, languages: tuple[str, ...], href, root: str = ""):
        self.lex, self.languages, self.href, self.root = directory, languages, href, root

    def iri(self, iri: str) -> Item:
        label = self.lex.label(iri, self.languages)
        if label is None:
            return Item(self.short(iri), self.href(iri), title=iri)
        return Item(labels.brief(label.value), self.href(iri), label.language, iri if len(label.value) <= labels.BRIEF
                    else label.value, derived=iri in self.lex.document_iris and self.lex.document_iris[iri].derived)

    def short(self, iri: str) -> str:
        return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri

    def document(self, identifier: str) -> Item:
        doc = self.lex.documents.get(identifier)
        if doc is None:
            return Item(identifier)
        return Item(labels.brief(doc.label.value), f"{self.root}/id/document/{quote(identifier)}", doc.label.language,
                    doc.label.value, derived=doc.derived)

    def quote(self, text: str, identifier: str | None, fact: str | None = None) -> Item:
        source = self.document(identifier) if identifier else None
        fragment = self.lex.anchor(identifier, text, fact) if identifier else None
        href = f"{source.href}#{fragment}" if source is not None and source.href and fragment else None
        return Item(text, href, quote=True, source=source)

    def term(self, variable: str, t: dict | None) -> Item | None:
        if t is None:
            return None
        if t["type"] == "uri":
            return self.iri(t["value"])
        if t["type"] != "literal":
            return Item(t["value"])
        value, lang, datatype = t["value"], t.get("xml:lang"), t.get("datatype")
        if datatype in DATE_TYPES:
            return Item(human_date(value[:10], self.languages[0]), date=value)
        if _document_column(variable):
            return self.document(value)
        if variable.endswith("Label") or variable == "label":
            thing = self.lex.entity(value, lang)
            if thing is not None:
                return self.iri(thing)
        return Item(labels.brief(value) if variable.endswith(("Label", "name", "Name", "label")) else value, lang=lang,
                    title=value if len(value) > labels.BRIEF else None)

    def table(self, results: dict, group: str | None = None, hide: tuple[str, ...] = ()) -> Table:
        """The reader's table of SPARQL JSON `results`; rows sharing `group`'s value become one."""
        variables = results["head"]["vars"]
        pairs = {v: _evidence_column(v, variables) for v in variables}
        paired = {d for d in pairs.values() if d}
        if group:  # the fact's own column shows its name in the reader's language: an English copy is noise
            hide = (*hide, *(v for v in NAMES if v != group))
        columns = [Column(v, heading(v), pairs[v]) for v in variables if v not in paired and v not in hide]
        table = Table(columns)
        index: dict = {}
        for b in results["results"]["bindings"]:
            key = b.get(group, {}).get("value") if group else None
            if key is None or key not in index:
                if key is not None:
                    index[key] = len(table.rows)
                table.rows.append([[] for _ in columns])
                table.keys.append({})
                at = len(table.rows) - 1
            else:
                at = index[key]
            cells, keys = table.rows[at], table.keys[at]
            for i, c in enumerate(columns):
                t = b.get(c.name)
                if t is None:
                    continue
                if c.evidence_of:
                    item = self.quote(t["value"], b.get(c.evidence_of, {}).get("value"), key)
                else:
                    item = self.term(c.name, t)
                if item.key not in {x.key for x in cells[i]}:
                    cells[i].append(item)
                keys.setdefault(c.name, t["value"])
        return table


def reader() -> Reader:
    """The reader of the current request: its language, this worker's store, links on this server."""
    from . import context

    return Reader(Directory.of(context.store()), context.languages(), context.href, context.request_root())
