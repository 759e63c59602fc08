"""Search over what a reader would type: labels, aliases, document titles and evidence quotes, in both
languages, accents and case ignored, ranked. One index per store generation, built from the directory (directory.py).

Every word of the query must start a word of the text (so "peru acuer" finds "Perú … acuerdo");
a text scores by where it was found (a name above an alias above a title above a quote) and by how
closely it matches (the whole name, then a phrase, then words); a thing takes its best text's score."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from ..store import PerGeneration
from ..vocab import DIP, SCHEMA, SKOS, TOPIC_NS
from . import labels
from .directory import Directory

WEIGHTS = {"name": 10.0, "alias": 7.0, "title": 8.0, "quote": 3.0}
# The kinds of things a search finds, most specific first (a country is an actor before it is a place).
KINDS = [(DIP.Person.value, "person"), (DIP.Organisation.value, "organisation"), (DIP.Country.value, "country"),
         (DIP.Office.value, "office"), (DIP.Meeting.value, "meeting"), (DIP.Agreement.value, "agreement"),
         (DIP.Commitment.value, "commitment"), (DIP.SourceDocument.value, "document"),
         (SCHEMA.Place.value, "place"), (SKOS.Concept.value, "topic")]
RANK = {name: i for i, (_, name) in enumerate(KINDS)}    # ties go to the more specific kind
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text as the index compares it: no accents, no case ("Perú" and "PERU" are "peru")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Entry:
    thing: str
    field: str                  # name, alias, title or quote
    text: str
    lang: str | None
    folded: str
    document: str | None = None   # a quote's document identifier
    annotation: str | None = None


@dataclass
class Hit:
    thing: str
    kind: str
    score: float
    entry: Entry


def kind_of(types: set[str], iri: str) -> str | None:
    for cls, name in KINDS:
        if cls in types and (name != "topic" or iri.startswith(TOPIC_NS)):
            return name
    return None


class Index:
    @classmethod
    def of(cls, store) -> "Index":
        """The index of the generation `store` reads (built once per generation)."""
        return _INDEX.get(store.generation, store)

    def __init__(self, lex: Directory):
        self.lex = lex
        self.kinds: dict[str, str] = {}
        self.entries: list[Entry] = []
        for thing, types in lex.types.items():
            kind = kind_of(types, thing)
            if kind is None:
                continue
            self.kinds[thing] = kind
            field = "title" if kind == "document" else "name"
            for lit in lex.labels.get(thing, ()):
                self._add(Entry(thing, field, lit.value, lit.language, fold(lit.value)))
            for lit in labels.distinct(lex.aliases.get(thing, ())):
                self._add(Entry(thing, "alias", lit.value, lit.language, fold(lit.value)))
        for fact, document, quote, annotation in lex.evidence:
            if fact in self.kinds:
                self._add(Entry(fact, "quote", quote, None, fold(quote), document, annotation))
        self.postings: dict[str, set[int]] = defaultdict(set)
        for i, e in enumerate(self.entries):
            for w in _WORD.findall(e.folded):
                self.postings[w].add(i)
        self.vocabulary = sorted(self.postings)

    def _add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def _starting(self, prefix: str) -> set[int]:
        """Entries with a word that starts with `prefix`."""
        out: set[int] = set()
        i = bisect_left(self.vocabulary, prefix)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix):
            out |= self.postings[self.vocabulary[i]]
            i += 1
        return out

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        terms = words(query)
        if not terms:
            return []
        found = None
        for t in dict.fromkeys(terms):
            found = self._starting(t) if found is None else found & self._starting(t)
            if not found:
                return []
        phrase = " ".join(terms)
        best: dict[str, Hit] = {}
        for i in found:
            e = self.entries[i]
            text = " ".join(_WORD.findall(e.folded))
            exact_words = sum(1 for t in terms if re.search(rf"\b{re.escape(t)}\b", text))
            closeness = 4.0 if text == phrase else 2.0 if phrase in text else 1.0
            score = WEIGHTS[e.field] * closeness + exact_words / len(terms) - len(text) / 1000
            hit = best.get(e.thing)
            if hit is None or score > hit.score:
                best[e.thing] = Hit(e.thing, self.kinds[e.thing], score, e)
        ranked = sorted(best.values(), key=lambda h: (-h.score, RANK[h.kind], h.entry.text, h.thing))
        return ranked[:limit]


_INDEX = PerGeneration(lambda store: Index(Directory.of(store)))
