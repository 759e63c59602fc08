"""Automatic extraction: a document's meetings, commitments and agreements, with their actors
and dates, found by rules over spaCy's blank pipelines (tokenizer, sentencizer, matchers) and
the lexicons of data/lexicons — offline, with no model to download.

Every fact carries Evidence(method="extracted", confidence, extractor_version); ids are minted
from normalised content (kg.extract.identity) so that documents stating the same meeting or
agreement give it the same node."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import DateRange, PartialDate
from ..documents import Document, detect_language
from ..facts import Actor, Agreement, Commitment, DocumentFacts, Evidence, Gazetteer, Meeting
from . import identity
from .actors import COUNTRY, PERSON, ActorIndex, Mentions, NewActor, Ref, find_mentions
from .lexicon import LANGUAGES, demonyms, known_agreements, language
from .rules import Found, Rules
from .text import pipeline, sentences
from .when import find as find_dates

VERSION = "1.0.0"
_NAMED = "event-"   # ids of meetings named by the text ("Diálogo de Alto Nivel") start so
CONTEXT = 32  # characters of prefix and suffix kept with a quote, as for curated evidence


@dataclass
class Extraction:
    facts: DocumentFacts
    actors: list[Actor] = field(default_factory=list)     # actors the gazetteer does not know


class Extractor:
    """Reusable across documents: pipelines, matchers and indexes are built once per language."""

    version = VERSION

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self._by_lang: dict[str, tuple] = {}
        self._agreements = None

    def _language(self, code: str):
        if code not in self._by_lang:
            nlp = pipeline(code)
            lang = language(code)
            self._by_lang[code] = (nlp, ActorIndex(self.gaz, lang, nlp.vocab), Rules(lang, nlp.vocab))
        return self._by_lang[code]

    def label(self, actor: str, new: dict[str, NewActor], lang: str) -> str:
        if actor in new:
            return new[actor].name
        names = self.gaz.actors[actor].name
        return names.get(lang) or next(iter(names.values()))

    # ------------------------------------------------------------ the document

    def extract(self, doc: Document) -> Extraction:
        lang = (doc.language or detect_language(doc.text) or "").split("-")[0]
        facts = DocumentFacts(doc.identifier)
        if lang not in LANGUAGES or not doc.text.strip():
            return Extraction(facts)
        nlp, index, rules = self._language(lang)
        sdoc = nlp(doc.text)
        mentions = find_mentions(sdoc, index, doc.date)
        rules.prepare(sdoc)
        pronouns = rules.lang.actors["pronouns"]
        found: list[Found] = []
        previous: list[Ref] = []
        last_people: list[Ref] = []
        for sent in sentences(sdoc):
            own = mentions.in_span(sent.span.start, sent.span.end)
            if not sent.heading:
                future = rules.future(sent.span)
                dates = find_dates(sent.text, doc.date, future)
                here = rules.meetings(sent, mentions, dates, sdoc) + rules.commitments(sent, mentions, dates, sdoc) + \
                    rules.agreements(sent, mentions, dates, sdoc)
                for f in here:
                    self._complete(f, sent, sdoc, pronouns, previous, last_people, doc)
                    if f.kind == "meeting":
                        people = [r for r in f.refs if r.type == PERSON]
                        last_people = people or last_people
                found.extend(here)
                if here:
                    own = [r for f in here for r in f.refs]
            if own:
                previous = own
        return self._facts(doc, lang, found, mentions)

    def _complete(self, f: Found, sent, sdoc, pronouns, previous, last_people, doc: Document):
        """Fill in what the sentence leaves to its context: pronouns, 'both leaders', the tense of dates."""
        before = sdoc[sent.span.start:f.trigger] if f.trigger is not None else sent.span
        words = {t.lower_ for t in before}
        if not any(r.type == PERSON and r.end <= (f.trigger or sent.span.end) for r in f.refs):
            if words & set(pronouns["person"]):
                last = next((r for r in reversed(previous) if r.type == PERSON), None)
                f.refs = ([last] if last else []) + f.refs
            elif words & set(pronouns["group"]):
                f.refs = previous + f.refs
        if any(r.via == "both_people" for r in f.refs) and last_people:
            f.refs = [r for r in f.refs if r.via != "both_people"] + last_people
        if not f.refs:
            f.refs = previous if previous else f.others
            f.confidence -= 0.1
        if f.kind == "meeting" and doc.date and f.date is not None:
            start = f.date.start if isinstance(f.date, DateRange) else f.date
            if start.precision == "day" and doc.date.precision == "day" and start > doc.date:
                f.status = "scheduled"
            elif start.year > doc.date.year:
                f.status = "scheduled"

    def _facts(self, doc: Document, lang: str, found: list[Found], mentions: Mentions) -> Extraction:
        facts = DocumentFacts(doc.identifier)
        by_id: dict[str, object] = {}
        aliases: dict[str, Agreement] = {}     # "the MOU" after "Memorandum of Understanding (MOU)"
        used_new: set[str] = set()
        for f in found:
            actors = self._actors(f, mentions)
            if f.kind == "meeting" and not actors and f.place:
                actors = [c for c in [self.gaz.places[f.place].country] if c]
            if f.kind == "commitment" and not actors:
                actors = mentions.principal[:2]
            if f.kind in ("meeting", "commitment") and not actors:
                continue  # every meeting has a participant, every commitment an actor
            fact = getattr(self, "_" + f.kind)(f, actors, lang, mentions, doc)
            if fact is None:
                continue
            used_new.update(a for a in actors if a in mentions.new)
            ev = self._evidence(doc, f)
            if isinstance(fact, Agreement):
                fact = aliases.get(identity.fold(f.name), fact)
                for a in [f.name, *f.aliases]:
                    aliases.setdefault(identity.fold(a), fact)
            same = by_id.get(fact.id) or self._same_meeting(fact, facts, mentions)
            if same is not None:
                self._merge(same, fact, ev)
                continue
            fact.evidence.append(ev)
            by_id[fact.id] = fact
            getattr(facts, f.kind + "s").append(fact)
        new = [Actor(a.id, a.type, {a.language: a.name}, country=a.country)
               for a in mentions.new.values() if a.id in used_new and a.id not in self.gaz.actors]
        return Extraction(facts, new)

    def _same_meeting(self, m, facts: DocumentFacts, mentions: Mentions):
        """Two sentences of one text about one meeting: the same event name, or the same people
        on compatible dates ("se reunió hoy con Rubio" … "Rubio y De Zela acordaron…")."""
        if not isinstance(m, Meeting):
            return None
        people = {a for a in m.participants if self._is_person(a, mentions)}
        key = self.name_key(next(iter(m.name.values()))) if m.id.startswith(_NAMED) else None
        for other in facts.meetings:
            if m.date is not None and other.date is not None and m.date != other.date:
                continue
            if key and other.id.startswith(_NAMED) and key == self.name_key(next(iter(other.name.values()))):
                return other
            theirs = {a for a in other.participants if self._is_person(a, mentions)}
            if len(people) >= 2 and people == theirs and not key and not other.id.startswith(_NAMED):
                return other
        return None

    def _actors(self, f: Found, mentions: Mentions) -> list[str]:
        out: list[str] = []
        for r in f.refs:
            if r.actor not in out:
                out.append(r.actor)
        for r in f.refs:  # a person speaks for a country: the graph relates both to the fact
            if r.type == PERSON and r.country and r.country not in out and f.kind != "agreement":
                out.append(r.country)
        if f.kind == "agreement":  # parties: countries and organisations, those of the signatories too
            out = [a for a in out if not self._is_person(a, mentions)] + [r.country for r in f.refs if r.type == PERSON and r.country]
            out = list(dict.fromkeys(out))
        return out

    def _evidence(self, doc: Document, f: Found) -> Evidence:
        s, e = f.start, f.end
        return Evidence(doc.identifier, doc.text[s:e], s, e, doc.text[max(0, s - CONTEXT):s], doc.text[e:e + CONTEXT],
                        method="extracted", confidence=round(max(0.3, min(0.95, f.confidence)), 2),
                        extractor_version=VERSION)

    @staticmethod
    def _merge(into, other, ev: Evidence):
        if all(x.start != ev.start for x in into.evidence):
            into.evidence.append(ev)
        for attr in ("participants", "actors", "parties"):
            if hasattr(into, attr):
                merged = getattr(into, attr)
                merged.extend(a for a in getattr(other, attr) if a not in merged)
        if getattr(other, "kind", None) == "call":
            into.kind = "call"  # "dialoga con" and "sostuvo una conversación": the call it was
        for attr in ("date", "status", "kind", "place"):
            if hasattr(into, attr) and getattr(into, attr) is None:
                setattr(into, attr, getattr(other, attr))

    # ------------------------------------------------------------ meetings

    def _meeting(self, f: Found, actors, lang, mentions, doc) -> Meeting:
        people = sorted(a for a in actors if self._is_person(a, mentions))
        year = _year(f.date)
        if f.name:
            key = self.name_key(f.name)
            ident = identity.fact_id(_NAMED.rstrip("-"), key, str(year) if year else "")
            name = {lang: f.name}
        else:
            kind_word = {"call": "call", "in-person": "meeting", "multilateral": "meeting"}[f.subtype or "in-person"]
            # Without people or a date a meeting has no identity beyond its sentence.
            where = "" if people and f.date else f"{doc.identifier}-{f.sentence.index}"
            ident = identity.fact_id(kind_word, *(people or sorted(actors)), identity.date_slug(f.date), where)
            labels = [self.label(a, mentions.new, lang) for a in (people or actors)]
            name = {lang: _meeting_name(lang, f.subtype, labels)}
        return Meeting(ident, name, f.subtype, f.status, f.date, f.place, list(actors))

    def _is_person(self, actor: str, mentions: Mentions) -> bool:
        if actor in mentions.new:
            return mentions.new[actor].type == PERSON
        return self.gaz.actors[actor].type == PERSON

    # ------------------------------------------------------------ commitments

    def _commitment(self, f: Found, actors, lang, mentions, doc) -> Commitment | None:
        key = identity.name_key(f.aliases[0] if f.aliases else f.name).split()[:8]
        if not key:
            return None
        ident = identity.fact_id("commitment", *sorted(a for a in actors if not self._is_person(a, mentions))[:2],
                                 *key, identity.date_slug(f.date))
        return Commitment(ident, {lang: f.name}, list(actors), date=f.date)

    # ------------------------------------------------------------ agreements

    def _agreement(self, f: Found, actors, lang, mentions, doc) -> Agreement:
        known = self._known_agreement(f, mentions)
        if known:
            return Agreement(known["id"], dict(known["name"]), known.get("kind"), list(actors), f.status, f.date)
        key = self.name_key(f.name)
        # A name of one word ("agreement", "MOU") says nothing outside its sentence.
        where = f"{doc.identifier}-{f.sentence.index}" if len(key.split()) < 2 else ""
        return Agreement(identity.fact_id(key, where), {lang: f.name}, f.subtype, list(actors), f.status, f.date)

    def name_key(self, text: str) -> str:
        """A name without the parties' names: 'U.S.-Peru Trade Promotion Agreement' -> 'trade promotion agreement'."""
        if not hasattr(self, "_countries_rx"):
            phrases = set()
            for a in self.gaz.actors.values():
                if a.type == COUNTRY:
                    for v in [*a.name.values(), *a.aliases.values()]:
                        phrases.update(identity.fold(n) for n in ([v] if isinstance(v, str) else v))
            for by_lang in demonyms().values():
                for ws in by_lang.values():
                    phrases.update(identity.fold(w) for w in ws)
            alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            self._countries_rx = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")
        return identity.name_key(self._countries_rx.sub(" ", identity.fold(text)))

    def _known_agreement(self, f: Found, mentions: Mentions) -> dict | None:
        if self._agreements is None:
            self._agreements = {}
            for entry in known_agreements():
                for n in [*entry["name"].values(), *entry.get("aliases", [])]:
                    self._agreements.setdefault(self.name_key(n), entry)
        for n in [f.name, *f.aliases]:
            entry = self._agreements.get(self.name_key(n))
            if entry:
                return entry
        return None


def _year(date) -> int | None:
    if isinstance(date, PartialDate):
        return date.year
    if isinstance(date, DateRange):
        return date.start.year
    return None


def _meeting_name(lang: str, kind: str | None, labels: list[str]) -> str:
    joined = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + (" y " if lang == "es" else " and ") + labels[-1]
    if lang == "es":
        return ("Llamada de " if kind == "call" else "Reunión de ") + joined
    return ("Call of " if kind == "call" else "Meeting of ") + joined
