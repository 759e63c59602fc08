"""Curated annotations over extracted facts: the curated layer corrects and completes the extractor.

Within a document, a curated fact wins over an extracted one with the same id, or whose evidence
overlaps its own in the same class. Across documents, an extracted meeting or agreement that is
the same as a fact stated elsewhere (same people on the same day, same normalised name) takes that
fact's id, so that the graph holds one node with each document's evidence; so do a meeting
announced and its report, and a meeting one text dates and another does not (kg.extract.reconcile)."""
from __future__ import annotations

from ..build.facts import Actor, Agreement, DocumentFacts, Gazetteer, Meeting
from ..dates import PartialDate
from . import identity
from .extractor import Extraction
from .reconcile import Reconciler

SECTIONS = ("meetings", "commitments", "agreements")


def overlaps(a, b) -> bool:
    """Whether two facts' evidence shares characters of the text."""
    return any(x.start < y.end and y.start < x.end for x in a.evidence for y in b.evidence)


def _keys(fact, is_person, name_key) -> set[tuple]:
    """What makes two statements the same fact, whatever ids their authors gave them. An
    agreement's name is compared without the parties' names, so the parties come with it: a
    Trade Promotion Agreement of Panama is not Peru's."""
    keys = set()
    if isinstance(fact, Meeting):
        people = frozenset(a for a in fact.participants if is_person(a))
        if len(people) >= 2 and isinstance(fact.date, PartialDate) and fact.date.day:
            keys.add(("people", people, fact.date.iso))
    if isinstance(fact, Agreement):
        keys |= {("name", name_key(n)) for n in fact.name.values() if n}
    return keys


def _same(key: tuple, countries: frozenset, known: dict[tuple, tuple[str, frozenset]]) -> str | None:
    """The id of the curated fact with this key whose countries fit these (one set within the other)."""
    hit = known.get(key)
    if hit is None:
        return None
    ident, theirs = hit
    return ident if not countries or not theirs or countries <= theirs or theirs <= countries else None


def combine(gaz: Gazetteer, curated: list[DocumentFacts], extracted: dict[str, Extraction],
            name_key=identity.name_key) -> tuple[list[DocumentFacts], dict[str, list[Actor]]]:
    """The facts to write, per document (curated first), and the new actors each document's facts use.
    `name_key` reduces a name to what identifies it (Extractor.name_key drops the parties' names)."""
    by_doc = {f.document: f for f in curated}
    new_ids: set[str] = set()
    for ex in extracted.values():
        new_ids |= {a.id for a in ex.actors}

    def is_person(a: str) -> bool:
        return a in gaz.actors and gaz.actors[a].type == "Person" or a in new_ids and any(
            x.id == a and x.type == "Person" for ex in extracted.values() for x in ex.actors)

    def countries(f) -> frozenset:
        return frozenset(a for a in getattr(f, "parties", []) if a in gaz.actors and gaz.actors[a].type == "Country")

    known: dict[tuple, tuple[str, frozenset]] = {}
    for facts in curated:
        for f in facts.all():
            for k in _keys(f, is_person, name_key):
                known.setdefault((type(f).__name__, *k), (f.id, countries(f)))
    out: list[DocumentFacts] = []
    actors: dict[str, list[Actor]] = {}
    for document in dict.fromkeys([*by_doc, *extracted]):
        mine = by_doc.get(document) or DocumentFacts(document)
        ex = extracted.get(document)
        merged = DocumentFacts(document, list(mine.meetings), list(mine.commitments), list(mine.agreements))
        if ex is not None:
            for section in SECTIONS:
                kept = getattr(merged, section)
                theirs = getattr(mine, section)
                for f in getattr(ex.facts, section):
                    if any(c.id == f.id or overlaps(c, f) for c in theirs):
                        continue  # the curated layer states it: curated wins
                    for k in _keys(f, is_person, name_key):
                        ident = _same((type(f).__name__, *k), countries(f), known)
                        if ident:
                            f.id = ident
                            break
                    kept.append(f)
            used = {a for f in merged.all() for a in getattr(f, "participants", []) + getattr(f, "actors", []) + getattr(f, "parties", [])}
            actors[document] = [a for a in ex.actors if a.id in used and a.id not in gaz.actors]
            # The titles of the actors the graph holds: the gazetteer's and those this document's facts use.
            merged.titles = [t for t in ex.facts.titles if t.actor in gaz.actors or t.actor in used]
        out.append(merged)
    countries = {a.id for a in gaz.actors.values() if a.type == "Country"}
    Reconciler(is_person, countries).join(out, {d: ex.dated for d, ex in extracted.items()},
                                          {m.id for facts in curated for m in facts.meetings})
    return out, actors
