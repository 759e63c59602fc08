"""Curated annotations (data/annotations/<document>.yaml): facts written by people, checked
against the documents and the gazetteer at build time."""
from __future__ import annotations

import logging
from pathlib import Path

from .. import yamlfile
from ..dates import parse_iso, resolve
from ..errors import InputError
from .documents import Document, locate
from .facts import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    MEETING_KINDS,
    MEETING_STATUSES,
    Agreement,
    Commitment,
    DocumentFacts,
    Evidence,
    Gazetteer,
    Meeting,
)
from .gazetteer import SLUG

log = logging.getLogger(__name__)
CONTEXT = 32  # characters of prefix and suffix kept with a quote (Web Annotation TextQuoteSelector)
SECTIONS = {"meetings": "meeting", "commitments": "commitment", "agreements": "agreement"}
LINKS = {"made_at": "meetings", "part_of": "meetings", "signed_at": "meetings", "implements": "agreements",
         "followed_up_by": None}


def evidence_at(doc: Document, start: int, end: int, **provenance) -> Evidence:
    """The evidence of the text between two offsets, with the context a TextQuoteSelector keeps."""
    return Evidence(doc.identifier, doc.text[start:end], start, end,
                    doc.text[max(0, start - CONTEXT):start], doc.text[end:end + CONTEXT], **provenance)


def evidence(doc: Document, quote: str, **provenance) -> Evidence | None:
    """The evidence of a quote, at its first occurrence in the document's text."""
    found = locate(doc, quote)
    return None if found is None else evidence_at(doc, *found, **provenance)


class _Checker:
    """Validates one annotation file's facts, naming the file and fact at fault."""

    def __init__(self, path: Path, doc: Document, gaz: Gazetteer, topics: set[str]):
        self.path, self.doc, self.gaz, self.topics = path, doc, gaz, topics

    def fail(self, what: str, message: str):
        raise InputError(self.path, f"{what}: {message}")

    def one_of(self, what, key, value, allowed, required=False):
        if value is None and not required:
            return None
        if value not in allowed:
            self.fail(what, f"{key} {value!r} is not one of {', '.join(allowed)}")
        return value

    def refs(self, what, key, values, table, kind):
        values = values or []
        if isinstance(values, str):
            values = [values]
        for v in values:
            if v not in table:
                self.fail(what, f"{key} refers to unknown {kind} {v!r} (not in the gazetteer)" if kind != "topic"
                          else f"{key} refers to unknown topic {v!r} (not in ontology/topics.ttl)")
        return list(values)

    def date(self, what, value):
        if value is None:
            return None
        if isinstance(value, dict) and "text" in value:
            phrase = str(value["text"])
            if locate(self.doc, phrase) is None:
                self.fail(what, f"date phrase {phrase!r} is not in the document's text")
            return resolve(phrase, self.doc.date)
        try:
            return parse_iso(value)
        except ValueError as exc:
            self.fail(what, f"invalid date: {exc}")

    def quotes(self, what, entry):
        quotes = entry.get("quotes") or ([entry["quote"]] if entry.get("quote") else [])
        if not quotes:
            self.fail(what, "has no quote: every fact needs its evidence")
        found = []
        for q in quotes:
            ev = evidence(self.doc, str(q), method="curated")
            if ev is None:
                self.fail(what, f"quote not found in the text of {self.doc.identifier}: {q!r}")
            found.append(ev)
        return found

    def common(self, kind, entry):
        if not isinstance(entry, dict):
            raise InputError(self.path, f"each {kind} must be a mapping, got {entry!r}")
        ident = entry.get("id")
        if not isinstance(ident, str) or not SLUG.match(ident):
            raise InputError(self.path, f"{kind} id {ident!r} is not a slug (lowercase letters, digits and hyphens)")
        what = f"{kind} {ident!r}"
        name = entry.get("name") or {}
        if not isinstance(name, dict) or not name:
            self.fail(what, "needs a name mapping a language to text")
        return what, ident, name

    def meeting(self, e) -> Meeting:
        what, ident, name = self.common("meeting", e)
        return Meeting(ident, name, self.one_of(what, "kind", e.get("kind"), MEETING_KINDS),
                       self.one_of(what, "status", e.get("status"), MEETING_STATUSES), self.date(what, e.get("date")),
                       (self.refs(what, "place", e.get("place"), self.gaz.places, "place") or [None])[0],
                       self.refs(what, "participants", e.get("participants"), self.gaz.actors, "actor"),
                       self.refs(what, "topics", e.get("topics"), self.topics, "topic"),
                       e.get("part_of"), self.quotes(what, e))

    def commitment(self, e) -> Commitment:
        what, ident, name = self.common("commitment", e)
        actors = self.refs(what, "actors", e.get("actors"), self.gaz.actors, "actor")
        if not actors:
            self.fail(what, "needs the actors who commit")
        followed = e.get("followed_up_by") or []
        return Commitment(ident, name, actors, self.refs(what, "topics", e.get("topics"), self.topics, "topic"),
                          self.date(what, e.get("date")), e.get("made_at"),
                          [followed] if isinstance(followed, str) else list(followed), self.quotes(what, e))

    def agreement(self, e) -> Agreement:
        what, ident, name = self.common("agreement", e)
        return Agreement(ident, name, self.one_of(what, "kind", e.get("kind"), AGREEMENT_KINDS),
                         self.refs(what, "parties", e.get("parties"), self.gaz.actors, "actor"),
                         self.one_of(what, "status", e.get("status"), AGREEMENT_STATUSES),
                         self.date(what, e.get("date")), self.refs(what, "topics", e.get("topics"), self.topics, "topic"),
                         e.get("signed_at"), e.get("implements"), self.quotes(what, e))


def load_file(path: Path, doc: Document, gaz: Gazetteer, topics: set[str]) -> DocumentFacts:
    data = yamlfile.read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "an annotation file must be a mapping with meetings, commitments and agreements")
    if data.get("document", doc.identifier) != doc.identifier:
        raise InputError(path, f"says it annotates {data['document']!r}, but its file name is for {doc.identifier!r}")
    check = _Checker(path, doc, gaz, topics)
    facts = DocumentFacts(doc.identifier)
    for section, kind in SECTIONS.items():
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise InputError(path, f"'{section}' must be a list")
        getattr(facts, section).extend(getattr(check, kind)(e) for e in entries)
    return facts


def _ids_elsewhere(paths: list[Path]) -> set[str]:
    """Fact ids of annotation files outside this build, read leniently: they are not built."""
    ids = set()
    for p in paths:
        try:
            data = yamlfile.loads(p.read_text(encoding="utf-8")) or {}
            ids |= {e["id"] for s in SECTIONS for e in data.get(s) or [] if isinstance(e, dict) and "id" in e}
        except Exception:  # noqa: BLE001 - a file we do not build may be anything
            continue
    return ids


def load(folder: Path, docs: list[Document], gaz: Gazetteer, topics: set[str]) -> list[DocumentFacts]:
    """The curated facts of the documents being built; annotations of other documents are ignored."""
    folder = Path(folder)
    files = {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}
    built = [load_file(files[d.identifier], d, gaz, topics) for d in docs if d.identifier in files]
    _check_links(built, files, {d.identifier for d in docs})
    return built


def _check_links(built: list[DocumentFacts], files: dict[str, Path], in_build: set[str]) -> None:
    known = {f.id for facts in built for f in facts.all()}
    elsewhere = None
    for facts in built:
        path = files[facts.document]
        for fact in facts.all():
            for key in LINKS:
                if not hasattr(fact, key):
                    continue
                value = getattr(fact, key)
                targets = value if isinstance(value, list) else [value] if value else []
                for t in targets:
                    if t in known:
                        continue
                    if elsewhere is None:
                        elsewhere = _ids_elsewhere([p for s, p in files.items() if s not in in_build])
                    if t not in elsewhere:
                        raise InputError(path, f"{type(fact).__name__.lower()} {fact.id!r}: {key} refers to unknown fact {t!r}")
                    log.warning("%s: %s %r: %s %r is in a document outside this build; link left out",
                                path, type(fact).__name__.lower(), fact.id, key, t)
                    if isinstance(value, list):
                        value.remove(t)
                    else:
                        setattr(fact, key, None)
