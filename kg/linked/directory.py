"""What a reader's view needs to name things, read once per store generation: every thing's labels,
aliases and classes, every document's title and date, every evidence quote's annotation.

Tables of saved queries, browse pages and search read names from here instead of asking the store
once per cell; a rebuild (a new generation) makes a new directory."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal

from ..query.files import sparql
from ..store import PerGeneration
from ..store.embedded import EmbeddedStore
from ..vocab import DIP
from .highlight import anchor
from .labels import LANGUAGES, pick_literal

ACTORS = {DIP.Person.value, DIP.Organisation.value, DIP.Country.value}


@dataclass
class DocumentName:
    iri: str
    identifier: str
    label: Literal
    derived: bool            # the label is a title derived from the text (dip:derivedTitle)
    date: str | None
    language: str | None


@dataclass
class Directory:
    labels: dict[str, list[Literal]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, list[Literal]] = field(default_factory=lambda: defaultdict(list))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_label: dict[tuple[str, str | None], set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: dict[str, DocumentName] = field(default_factory=dict)      # by identifier
    document_iris: dict[str, DocumentName] = field(default_factory=dict)  # by IRI
    quotes: dict[tuple[str, str], dict] = field(default_factory=dict)     # (document id, quote) -> {fact: annotation}
    evidence: list[tuple[str, str, str, str]] = field(default_factory=list)  # (fact, document id, quote, annotation)

    @classmethod
    def of(cls, store: EmbeddedStore) -> "Directory":
        """The directory of the generation `store` reads (computed once per generation)."""
        return _DIRECTORY.get(store.generation, store)

    @classmethod
    def read(cls, store: EmbeddedStore) -> "Directory":
        lex = cls()
        for r in store.query(sparql("pages/labels.rq")):
            s = r["s"].value
            if r["label"] is not None:
                lex.labels[s].append(r["label"])
                lex.by_label[(r["label"].value, r["label"].language)].add(s)
            elif r["alias"] is not None:
                lex.aliases[s].append(r["alias"])
            elif r["type"] is not None:
                lex.types[s].add(r["type"].value)
        for r in store.query(sparql("pages/documents.rq")):
            d = DocumentName(r["doc"].value, r["identifier"].value, r["derived"] or r["label"], r["derived"] is not None,
                             None if r["date"] is None else r["date"].value,
                             None if r["language"] is None else r["language"].value)
            lex.documents[d.identifier] = lex.document_iris[d.iri] = d
        for r in sorted(store.query(sparql("pages/quotes.rq")), key=lambda r: r["annotation"].value):
            key = (r["identifier"].value, r["exact"].value)
            lex.quotes.setdefault(key, {}).setdefault(r["body"].value, r["annotation"].value)
            lex.evidence.append((r["body"].value, *key, r["annotation"].value))
        return lex

    def label(self, iri: str, languages=LANGUAGES) -> Literal | None:
        """The label a reader of `languages` sees for `iri` (documents: their title, derived or not)."""
        doc = self.document_iris.get(iri)
        if doc is not None:
            return doc.label
        return pick_literal(self.labels.get(iri, ()), languages)

    def entity(self, value: str, language: str | None) -> str | None:
        """The thing labelled exactly so (a saved query's `…Label` column names it), or None. A name that
        an actor shares with a place (a country is both) names the actor, the one facts are about."""
        found = self.by_label.get((value, language)) or set()
        if len(found) > 1:
            found = {x for x in found if self.types.get(x, set()) & ACTORS}
        return next(iter(found)) if len(found) == 1 else None

    def anchor(self, identifier: str, quote: str, fact: str | None = None) -> str | None:
        """The fragment that highlights `quote` in document `identifier`'s page (as evidence of `fact`
        where several facts quote the same sentence)."""
        annotations = self.quotes.get((identifier, quote)) or {}
        annotation = annotations.get(fact) or min(annotations.values(), default=None)
        return anchor(annotation) if annotation else None


_DIRECTORY = PerGeneration(Directory.read)
