"""Automatic extraction: a document's meetings, commitments and agreements, with their actors
and dates, found by rules over spaCy's blank pipelines (tokenizer, sentencizer, matchers) and
the lexicons of data/lexicons — offline, with no model to download.

Every fact carries Evidence(method="extracted", confidence, extractor_version); ids are minted
from normalised content (kg.extract.identity) so that documents stating the same meeting or
agreement give it the same node."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..build.curation import evidence_at
from ..build.documents import Document, detect_language
from ..build.facts import Actor, Agreement, Commitment, DocumentFacts, Evidence, Gazetteer, Meeting, Title
from ..dates import DateRange, PartialDate, next_day, previous_day
from . import identity
from .actors import ActorIndex, Mentions, find_mentions
from .agreements import AgreementRules
from .commitments import CommitmentRules
from .dates import anchor, heading_day
from .discourse import Discourse, speaker
from .lexicon import LANGUAGES, demonyms, known_agreements, language
from .meetings import MeetingRules
from .refs import COUNTRY, ORGANISATION, PERSON, NewActor
from .rules import _ORDINAL, Found
from .text import RELATED, pipeline, sentences

VERSION = "1.10.91"     # in every extracted fact's provenance: bump when the rules change
_NAMED = "event-"   # ids of meetings named by the text ("Diálogo de Alto Nivel") start so
TITLE_CONFIDENCE = 0.8      # a title and a name the lexicons know as such
RESTATED_SHARE = 0.7   # of the shorter's committed words: a commitment stated again (a lead, a caption) …
RESTATED_MIN_WORDS = 3  # … that says more than "strengthen cooperation"
MIN_EVENT_WORDS = 2     # of a shorter event name that is a longer one told before ("General Assembly")
CONCLUDED = {"signed", "in-force", "joined"}     # statuses of an instrument that exists …
TO_COME = {"under-negotiation"}                 # … and of one still to come (an announced one may be joined)
MEMBERSHIP = ("joined", "accession-requested")     # an initiative's statuses that make it a party: its members join it


def involved(fact) -> list[str]:
    """The actors of a fact: a meeting's participants, a commitment's actors, an agreement's parties."""
    return getattr(fact, "participants", None) or getattr(fact, "actors", None) or getattr(fact, "parties", None) or []


def confidence(fact) -> float:
    """A fact's confidence: that of its surest evidence (each rule gives its own)."""
    return max((e.confidence or 0.0 for e in fact.evidence), default=0.0)


class SentenceRules(MeetingRules, CommitmentRules, AgreementRules):
    """Every kind of fact's rules over one language's vocabulary."""


@dataclass
class Extraction:
    facts: DocumentFacts
    actors: list[Actor] = field(default_factory=list)     # actors the gazetteer does not know, used by facts
    # Every actor the text names as such: its people and organisations, the countries its facts
    # involve and its two main countries (a country named only as a topic is not one); minted ones
    # carry their name.
    mentioned: list[Actor] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)   # actor -> the title the text gives them
    dated: PartialDate | None = None     # the text's own day (dateline, else publication): across documents, when it told


def _phrase_head(words: list[str]) -> str:
    """'letter of intent' -> 'letter', 'carta de intención' -> 'carta', 'action plan' -> 'plan'."""
    return words[0] if len(words) > 2 and words[1] in ("of", "de") else words[-1]


class Extractor:
    """Reusable across documents: pipelines, matchers and indexes are built once per language."""

    version = VERSION

    def __init__(self, gaz: Gazetteer, min_confidence: float = 0.0):
        self.gaz = gaz
        self.min_confidence = min_confidence     # facts less sure than this are left out
        self._by_lang: dict[str, tuple] = {}
        self._agreements = None
        self._countries = {a.id for a in gaz.actors.values() if a.type == COUNTRY}
        self._country_names = identity.Countries(gaz, demonyms())
        self._cities = {" ".join(identity.words(n)): p.id for p in gaz.places.values() if p.type == "City"
                        for n in identity.names_of(p)}
        # Words of instruments open to any country ("Inter-American", "regional"): no parties in their ids.
        self._open = {identity.fold(w) for code in LANGUAGES for w in language(code).agreements["open_to_all"]}
        self._generic = {w for code in LANGUAGES for table in ("heads", "common_heads")
                         for ws in language(code).agreements[table].values() for p in ws for w in identity.words(p)} | \
            {identity.fold(w) for code in LANGUAGES for w in language(code).agreements["generic_words"]}
        self._amending = {identity.fold(w) for code in LANGUAGES for w in language(code).agreements["amendments"]["words"]}
        # Each instrument phrase's head word ("letter" of "letter of intent", "plan" of "action plan"), one word for synonyms.
        same = {k: v for code in LANGUAGES for k, v in language(code).agreements["same_heads"].items()}
        self._instrument_heads = {tuple(words): same.get(head, head)
                                  for code in LANGUAGES for table in ("heads", "common_heads")
                                  for ws in language(code).agreements[table].values() for p in ws
                                  for words in [identity.words(p)] for head in [_phrase_head(words)]}

    def _language(self, code: str):
        if code not in self._by_lang:
            nlp = pipeline(code)
            lang = language(code)
            self._by_lang[code] = (nlp, ActorIndex(self.gaz, lang, nlp.vocab), SentenceRules(lang, nlp.vocab, self.gaz))
        return self._by_lang[code]

    def _city(self, text: str | None) -> str | None:
        """The city a dateline names ("WASHINGTON", "Washington D.C.", "Asunción")."""
        words = identity.words(text or "")
        while words:
            place = self._cities.get(" ".join(words))
            if place:
                return place
            words = words[:-1]
        return None

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
        anchored = anchor(doc.text, lang, doc.date, doc.title)
        today = anchored.date       # what "today", "ayer", "el martes" count from
        self._dateline_place = self._city(anchored.place)
        home = self.gaz.places[self._dateline_place].country if self._dateline_place else None
        mentions = find_mentions(sdoc, index, today, home)
        # The people of other stories' headlines ("Más en Andina: …") are not this text's actors.
        mentions.forget(sdoc, sdoc.user_data.get(RELATED, ()))
        rules.prepare(sdoc, mentions, anchored.span)
        mentions.principal = [c for c in mentions.principal if not self._only_talked_about(c, mentions, rules.topic_starts)]
        told = sentences(sdoc)
        rules.speech_by = speaker(told, mentions, rules.lang.actors["speech_openers"])
        context = Discourse(rules.lang.actors["pronouns"], rules.speech_by, frozenset(rules.lang.actors["first_person"]),
                            frozenset(rules.articles), frozenset(rules.list_joiners))
        found: list[Found] = []
        acted_on: dict[str, PartialDate] = {}      # the day of each act the text dates ("signing", "launched")
        told_on = None      # the day the sentence before gave
        section_day = None  # the day an agenda's heading ("LUNES 10") says the activities under it were on
        for sent in told:
            if sent.heading:
                section_day = heading_day(sent.text, today, rules.lang.text["day_first"]) or section_day
            # (not who an aside names: "Boluarte, who took office after the ouster of her predecessor Pedro Castillo, …")
            asides = rules.aside_spans(sdoc, sent.span.start, sent.span.end)
            own = [r for r in mentions.in_span(sent.span.start, sent.span.end) if not any(a < r.start < b for a, b in asides)]
            here: list[Found] = []
            if not sent.heading:
                future = rules.future(sent.span)
                dates = rules.dates(sent, None if sent.embedded else today, future)
                pledges = [] if sent.lead else rules.commitments(sent, mentions, dates, sdoc, today)
                here = rules.meetings(sent, mentions, dates, sdoc, today) + pledges + rules.agreements(sent, mentions, dates, sdoc, today)
                acts = {rules.act_of(t) for t in sent.span} - {None}
                if any(f.kind == "agreement" and f.status == "signed" and _day(f.date) for f in here):
                    acts.add("signing")     # ("Peru today became the 40th nation to sign the Artemis Accords")
                # "He met with President Boluarte the next day": the day after the meeting told before
                day_after = next_day(context.last_held_on) if rules.next_day(sent) and context.last_held_on else None
                # "La presidenta participó ayer en la cumbre … En la víspera, se reunió con …": the day before that one
                day_before = previous_day(context.last_held_on) if rules.day_before(sent) and context.last_held_on else None
                for f in here:
                    context.resolve(f, sdoc)
                    self._tense_and_place(f, today, context.where(f))
                    if f.kind == "meeting":
                        # "Posteriormente, … encabezaron una reunión ampliada"; "Más tarde, el secretario será recibido
                        # por …" after a meeting held today: later that day
                        # ("Peru today became the 40th nation to sign … Following the ceremony, A and B met": the signing's day)
                        held_on = context.held_on or acted_on.get("signing")
                        if held_on and rules.same_day(sent) and (f.status == "held" or held_on == today):
                            f.date = f.date or held_on
                            f.sequel = True
                        elif f.status == "held" and day_after and f.date is None:
                            f.date, f.sequel = day_after, True
                        elif f.status == "held" and day_before:
                            f.date, f.sequel = day_before, True
                        elif f.status == "scheduled" and f.date is None and context.planned_on and rules.next_day(sent):
                            f.date = next_day(context.planned_on)     # "El lunes 11, … Al día siguiente, sostendrá …"
                        elif f.status == "scheduled" and f.date is None and context.planned_on and rules.same_day(sent):
                            f.date = context.planned_on     # "… on August 29. On the same day, Vice President Harris will host …"
                        elif f.status == "held" and f.date is None and section_day:
                            f.date = section_day
                        context.met(f)
                    elif f.kind == "agreement" and f.signing and f.date is None:
                        # "Firmaron un Memorando…" after "presidieron hoy…": signed at that meeting (or the day after)
                        f.date = day_after or context.held_on
                    if f.kind == "meeting" and f.date is None and f.status == "held":
                        # "Today, … signed an arrangement" … "The arrangement was signed … by A and B"; "today USAID
                        # launched …" … "Ambassador X launched the activity … together with Minister Y": that day
                        f.date = next((acted_on[a] for a in acts if a in acted_on), None)
                    if f.kind == "meeting" and f.date is None and f.status == "held" and told_on and rules.told_act(sent):
                        f.date = told_on    # "… entregó este martes … La ceremonia … estuvo encabezada por A y B"
                # (the day a sentence gives is its acts' for the sentences after it)
                day = next((f.date for f in here if f.kind == "agreement" and f.signing and _day(f.date)), None) or \
                    next((d.value for d in dates if _day(d.value)), None)
                if day:
                    acted_on.update(dict.fromkeys(acts, day))
                told_on = day if day and not (today and today.day and day.start.as_date() > today.as_date()) else None
                found.extend(here)
            context.told(here, own)
        out = self._facts(doc, lang, found, mentions, rules)
        out.dated = today
        # "at the White House": the place, not an actor, where the text names it nothing else and no fact involves it
        venues = rules.buildings_named_as_venues(sdoc, mentions.refs) - {a for f in out.facts.all() for a in involved(f)}
        out.mentioned = [a for a in out.mentioned if a.id not in venues]
        for section in ("meetings", "commitments", "agreements"):
            setattr(out.facts, section, [f for f in getattr(out.facts, section) if confidence(f) >= self.min_confidence])
        return out

    @staticmethod
    def _only_talked_about(country: str, mentions: Mentions, topics: set[int]) -> bool:
        """A country the text names only as what it talks about ("la democracia en Venezuela", "la frontera con
        Venezuela"), with no one of its own: not a country the text is about."""
        named = [r for r in mentions.refs if r.actor == country]
        return bool(named) and all(r.start in topics for r in named) and \
            not any(r.country == country for r in mentions.refs if r.type != COUNTRY)

    def _tense_and_place(self, f: Found, today, before: str | None = None):
        """A meeting dated after the text's day is scheduled (one the text says was held has no day of a later year);
        one held without a place of its own, that day or undated, is where its people met before in the text, else
        where the dateline says (a call has no place)."""
        # (an encounter the text says was held keeps that tense: "met on February 7" in an update to a note of the 5th;
        # a named event takes the tense of its date: "congratulated Peru on its designation as host of APEC 2024")
        if f.kind == "meeting" and today and f.date is not None:
            start = f.date.start
            later = start.precision == "day" and today.precision == "day" and start > today or start.year > today.year
            if later and (f.status != "held" or f.untensed or f.name):
                f.status = "scheduled"
            elif start.year > today.year:
                f.date = None   # "Durante la reunión bilateral que siguió …, se comprometieron a … durante el primer trimestre de 2024"
        if f.kind == "meeting" and f.place is None and f.status == "held" and f.subtype != "call" and \
                (f.date is None or f.date == today):
            f.place = before or self._dateline_place     # reported from where it happened …
            if f.place and f.venue_countries and self.gaz.places[f.place].country not in f.venue_countries:
                f.place = None      # … but for a venue elsewhere: "LIMA (Reuters) - … met Biden at the White House"

    def _facts(self, doc: Document, lang: str, found: list[Found], mentions: Mentions, rules) -> Extraction:
        facts = DocumentFacts(doc.identifier)
        by_id: dict[str, object] = {}
        aliases: dict[str, Agreement] = {}     # "the MOU" after "Memorandum of Understanding (MOU)"
        told_again: list[Agreement] = []        # "the 2020–2025 agreement": told by its head word alone, after "the"
        headlined: list[Agreement] = []         # told in a headline or deck, which the body tells again
        used_new: set[str] = set()
        bodies: list[str] = []          # initiatives the text names without joining them: organisations
        # Meetings a lone person's may be told again by the other's people: told as a visit ("arrived in", "visita",
        # "viajará a"), or summed up by a headline ("Canciller X sostuvo reuniones bilaterales con Estados Unidos, …").
        told_alone: set[str] = set()
        # Meetings said in passing ("since our last meeting in 2016"), and those whose delegations the text tells.
        # … and those whose sentence gives no tense ("officials participating in the Summit …").
        told_apart: dict[str, set[str]] = {"recalled": set(), "described": set(), "untensed": set()}
        for f in found:
            actors = self._actors(f, mentions)
            if f.kind == "meeting" and f.name and not any(a in self._countries or self._is_person(a, mentions) for a in actors):
                actors = actors + mentions.principal[:2]    # "la I Reunión del Consejo de Comercio …": the text's two countries
            elif f.kind == "meeting" and f.recalled and not any(self._is_person(a, mentions) for a in actors):
                # "… since the last meeting in 2018": of the text's two countries
                actors = list(dict.fromkeys(actors + mentions.principal[:2]))
            if f.kind == "meeting" and not actors and f.place:
                actors = [c for c in [self.gaz.places[f.place].country] if c]     # no one named: the place's country
            if f.kind in ("commitment", "agreement") and not any(a in self._countries for a in actors):
                # "USAID will provide …": its country; "The Ministry committed …": the text's two countries
                own = [r.country for r in f.refs if r.country] if f.kind == "commitment" else []
                actors = list(dict.fromkeys(actors + (own or mentions.principal[:2])))
            if f.kind in ("meeting", "commitment") and not actors:
                continue  # every meeting has a participant, every commitment an actor
            if f.kind == "meeting" and f.visit and actors and all(a in self._countries for a in actors) and \
                    not any(r.type == PERSON or r.type == ORGANISATION for r in f.refs) and \
                    not any(t.norm_ in rules.delegation_words for t in f.sentence.span):
                continue  # "More than 1.1 million Argentines visited the United States last year": no one named visits
            if f.kind == "meeting" and not (f.name or f.visit or f.place) and len(actors) == 1 and \
                    (actors[0] in self._countries or self._is_person(actors[0], mentions)) and (f.described or ("",))[0] != "with":
                continue  # "The Peruvian Congress held a session", "el secretario X encabezó la ceremonia de graduación": alone, with no one and nowhere
            if f.kind == "meeting" and f.name and sum(a in self._countries for a in actors) >= 3:
                f.subtype = "multilateral"      # "the USMCA Free Trade Commission": a session of three countries' body
            if f.kind == "meeting" and not f.name and f.subtype != "multilateral" and not f.joins_last and \
                    self._domestic(actors, f.place, mentions):
                continue  # "Secretary Blinken met with Secretary Mayorkas": not diplomacy (one side's delegation told is)
            if f.kind == "agreement" and f.body_only:
                bodies.append(self._member_body(f, self._known_agreement(f, actors, mentions), lang, mentions))
                used_new.add(bodies[-1])
                continue
            fact = getattr(self, "_" + f.kind)(f, actors, lang, mentions, doc)
            if fact is None:
                continue
            used_new.update(a for a in involved(fact) if a in mentions.new)
            ev = self._evidence(doc, f)
            if f.refers_back or f.definite:
                # ("a memorandum of understanding … on critical minerals" … "The minerals accord was inked …": what
                # an unnamed instrument's sentence said it is about names it again)
                again = [a for a in facts.agreements if self._names_again(f.name, self._name(a)) or
                         self._unnamed(a) and self._names_again(f.name, a.evidence[0].quote)]
                named = [a for a in again if self._may_be(fact, a)]
                if named:
                    self._merge(named[-1], fact, ev)
                if named or f.refers_back and not again:
                    continue    # (one the words name, that cannot be it, is another: "el convenio original")
            if isinstance(fact, Agreement):
                known = aliases.get(identity.fold(f.name))
                fact = known if known is not None and self._may_be(fact, known) else fact
                for a in [f.name, *f.aliases]:
                    aliases.setdefault(identity.fold(a), fact)
            if f.kind == "meeting" and (f.sentence.lead or f.trigger is not None and
                                        f.sentence.span.doc[f.trigger].lower_ in rules.visit_cues):
                told_alone.add(fact.id)
            if f.recalled:
                told_apart["recalled"].add(fact.id)
            if f.kind == "meeting" and f.untensed:
                told_apart["untensed"].add(fact.id)
            same = by_id.get(fact.id) or (None if f.sequel else self._joined(f, fact, facts, told_apart, mentions) or
                                          self._same_meeting(fact, facts, mentions, told_alone, told_apart["untensed"]) or
                                          self._same_commitment(f, fact, facts))
            if same is not None:
                dated = isinstance(same, Meeting) and same.date is None and fact.date is not None
                self._merge(same, fact, ev)
                if dated and (same.id.startswith(_NAMED) == fact.id.startswith(_NAMED)) and self._of_its_day(fact):
                    # (a headline told it undated, the story on its day: the id of its day, stable across texts)
                    for ids in (told_alone, *told_apart.values()):
                        if same.id in ids:
                            ids.add(fact.id)
                    by_id[fact.id] = by_id.pop(same.id, same)
                    same.id = fact.id
                continue
            if f.again:
                continue    # "The meeting took place in …" with no meeting told before it
            fact.evidence.append(ev)
            by_id[fact.id] = fact
            getattr(facts, f.kind + "s").append(fact)
            span = f.sentence.span
            if isinstance(fact, Agreement) and self._unnamed(fact) and rules.after_definite(span.doc, f.trigger, span.start):
                told_again.append(fact)
            if isinstance(fact, Agreement) and f.sentence.lead:
                headlined.append(fact)
        self._fold_told_again(facts, told_again)
        # ("Perú suscribe Declaración de la Casa Blanca de la APEP" … "suscribieron la Declaración de la Casa Blanca")
        self._fold_told_again(facts, headlined, lambda a, b: b not in headlined and self._may_name_the_same(a, b))
        minted = {a.id: Actor(a.id, a.type, {a.language: a.name}, country=a.country)
                  for a in mentions.new.values() if a.id not in self.gaz.actors}
        new = [minted[a] for a in used_new if a in minted]
        # What the text calls its people ("Acting Assistant Secretary for …"): their role in the graph.
        facts.titles = [Title(a, text, lang, evidence_at(doc, *mentions.roles_at[a], method="extracted",
                                                         confidence=TITLE_CONFIDENCE, extractor_version=VERSION))
                        for a, text in mentions.roles.items() if a in mentions.roles_at]
        named = [r.actor for r in mentions.refs if r.type != COUNTRY] + \
            [a for f in facts.all() for a in involved(f) if a in self._countries] + mentions.principal[:2] + bodies
        mentioned = [minted.get(a) or self.gaz.actors[a] for a in dict.fromkeys(named)]
        return Extraction(facts, new, mentioned, dict(mentions.roles))

    def _joined(self, f: Found, m, facts: DocumentFacts, told_apart: dict[str, set[str]], mentions: Mentions):
        """The meeting told before that a sentence says who took part in ("The U.S. delegation was led
        by …", "En dicha ocasión, participarán de la reunión …"): of that tense and date, reported
        (not recalled in passing); one whose delegations the text has begun to tell, else one it has
        named no one at yet ("The fifth meeting of the … Group was held today"), else the last."""
        if not f.joins_last:
            return None
        told = [x for x in facts.meetings if x.id not in told_apart["recalled"] and (f.again or x.status == m.status) and
                m.date in (None, x.date)]
        # ("Participaron también en la videoconferencia …": the call told, not a meeting planned since)
        told = [x for x in told if x.kind == "call"] or told if m.kind == "call" else told
        described = [x for x in told if x.id in told_apart["described"]]
        unattended = [x for x in told if not any(self._is_person(a, mentions) for a in x.participants)]
        found = (described or unattended or told or [None])[-1]
        if found is not None:
            told_apart["described"].add(found.id)
        return found

    @staticmethod
    def _same_commitment(f: Found, c, facts: DocumentFacts):
        """A commitment the text restates (a lead and its body, a photo caption): one with an actor in
        common whose committed words are mostly the same."""
        if not isinstance(c, Commitment):
            return None
        mine = set(identity.name_key(f.name).split())
        for other in facts.commitments:
            theirs = set(identity.name_key(next(iter(other.name.values()))).split())
            shorter = min(len(mine), len(theirs))
            if set(c.actors) & set(other.actors) and shorter >= RESTATED_MIN_WORDS and \
                    len(mine & theirs) >= RESTATED_SHARE * shorter:
                return other
        return None

    def _same_meeting(self, m, facts: DocumentFacts, mentions: Mentions, told_alone: set[str], untensed: set[str] = frozenset()):
        """Two sentences of one text about one meeting: the same event name (one without an
        ordinal, in a sentence that gives no tense, is the one told before: "the Eighth Summit of
        the Americas" … "officials participating in the Summit of the Americas"), the same people on
        compatible dates ("se reunió hoy con Rubio" … "Rubio y De Zela acordaron…"), or a stop of a
        trip and the meeting held there on one of its days."""
        if not isinstance(m, Meeting):
            return None
        people = {a for a in m.participants if self._is_person(a, mentions)}
        key = self._event_key(m) if m.id.startswith(_NAMED) else None
        if key and m.id in untensed:
            bare = self._bare(key, next(iter(m.name)))
            same = [x for x in facts.meetings if x.id.startswith(_NAMED) and self._bare(self._event_key(x), next(iter(x.name))) == bare]
            if bare == key and same:
                return same[-1]
        for other in facts.meetings:
            theirs = {a for a in other.participants if self._is_person(a, mentions)}
            if m.status and other.status and m.status != other.status:
                # (not a summit planned and a bilateral meeting held that day: "is expected to address the OAS General Assembly")
                if m.id.startswith(_NAMED) == other.id.startswith(_NAMED) and self._plan_then_report(m, people, other, theirs):
                    return other
                continue    # the call held today and the meeting it schedules
            if not key and not other.id.startswith(_NAMED) and self._trip_stop(m, people, other, theirs):
                return other
            if m.date is not None and other.date is not None and m.date != other.date:
                continue
            if key and other.id.startswith(_NAMED) and self._names_same_event(key, self._event_key(other), bool(
                    self._bodies(m, mentions) & self._bodies(other, mentions))):
                return other    # "APEC 2024" and "Peru’s APEC host year" of a 2024 text
            if len(people) >= 2 and people == theirs and not key and not other.id.startswith(_NAMED):
                return other
            if not key and self._told_again(m, people, other, theirs, told_alone, mentions):
                return other
        # "Ramírez led the Colombian delegation" after "Blinken led the U.S. delegation to the
        # High-Level Dialogue": the other side's principal, told after the meeting it is part of.
        last = facts.meetings[-1] if facts.meetings else None
        if not key and last is not None and len(people) == 1 and last.status == m.status and m.date in (None, last.date):
            side = self._sides(m) or {self._country_of(p, mentions) for p in people}
            joined = {self._country_of(p, mentions) for p in last.participants if self._is_person(p, mentions)}
            if side <= self._sides(last) and not side & joined:
                return last
        return None

    @staticmethod
    def _plan_then_report(a, people_a, b, people_b) -> bool:
        """'will meet with Foreign Minister X' (February 6–9) … 'met on February 7 in Lima with Foreign Minister X':
        a meeting announced and its report, the same people, the day reported within the days announced."""
        planned, held = (a, b) if a.status == "scheduled" else (b, a)
        if planned.status != "scheduled" or held.status != "held" or planned.date is None or held.date is None:
            return False
        if not (people_a and people_b and (people_a <= people_b or people_b <= people_a)):
            return False
        start, end = (planned.date.start, planned.date.end) if isinstance(planned.date, DateRange) else (planned.date, planned.date)
        return all(_day(d) for d in (start, end, held.date)) and start <= held.date <= end

    @staticmethod
    def _names_same_event(a: str, b: str, same_body: bool = False) -> bool:
        """The same key, or a shorter one of two words or more all in the longer ("the General Assembly"
        after "the 52nd OAS General Assembly"), or one word the longer starts with ("APEC host" after "the
        APEC Leaders' Meeting"); of one body, the same first words ("Asamblea General de la OEA" and "Asamblea
        General de la Organización de los Estados Americanos": the body by its acronym, then by its name)."""
        short, long = sorted((a.split(), b.split()), key=len)
        return a == b or len(short) >= MIN_EVENT_WORDS and set(short) <= set(long) or short == long[:1] or \
            same_body and len(short) > MIN_EVENT_WORDS and short[:MIN_EVENT_WORDS] == long[:MIN_EVENT_WORDS]

    @staticmethod
    def _of_its_day(m) -> bool:
        """Whether a meeting's id is the one of its date (its day, or an event's year), not of its sentence."""
        return m.id.endswith(identity.date_slug(m.date)) or m.id.startswith(_NAMED) and m.id.endswith(f"-{_year(m.date)}")

    def _bodies(self, m, mentions: Mentions) -> set[str]:
        """The organisations among a meeting's participants."""
        return {a for a in m.participants if a not in self._countries and not self._is_person(a, mentions)}

    @staticmethod
    def _bare(key: str, lang: str) -> str:
        """An event's key without its ordinal ("eighth summit americas": "summit americas")."""
        ordinals = set(language(lang).names["ordinal_words"])
        return " ".join(w for w in key.split() if w not in ordinals and not _ORDINAL.match(w.upper()))

    def _event_key(self, m) -> str:
        """A named event's name without its parties or its year ("APEC 2024": "apec")."""
        year = _year(m.date)
        return " ".join(w for w in self.name_key(next(iter(m.name.values()))).split() if w != str(year))

    def _country_of(self, actor: str, mentions: Mentions) -> str | None:
        new = mentions.new.get(actor)
        return new.country if new else self.gaz.actors[actor].country

    def _sides(self, m) -> set[str]:
        """The countries a meeting brings together."""
        return {a for a in m.participants if a in self._countries}

    def _told_again(self, a, people_a, b, people_b, told_alone: set[str], mentions: Mentions) -> bool:
        """'se reunirá con el presidente Abdo Benítez' … 'en Asunción, el secretario Pompeo se reunirá
        con el presidente Abdo Benítez y el ministro Castiglioni'; 'the Secretary arrived in
        Montevideo' … 'it is her first visit to Uruguay': one's people within the other's (a lone
        traveller only for a visit, a headline's summary or a call), with the same countries or fewer, at no other place."""
        if a.id.startswith(_NAMED) or b.id.startswith(_NAMED):
            return False
        if not (people_a and people_b and (people_a <= people_b or people_b <= people_a)):
            return False
        # (a lone person twice: one visit, or one call — "Productiva conversación con el secretario @SecBlinken")
        if min(len(people_a), len(people_b)) == 1 and not (a.id in told_alone or b.id in told_alone or a.kind == b.kind == "call"):
            return False
        (lone, people), (other, _) = sorted([(a, people_a), (b, people_b)], key=lambda m: len(m[1]))
        home = {self._country_of(p, mentions) for p in people} - {None}
        if len(people) == 1 and home and any(self._country_of(x, mentions) not in home
                                             for x in self._bodies(lone, mentions) - self._bodies(other, mentions)):
            return False    # "Landau also met with members of AmCham Peru": the traveller with the other side's body
        sides_a, sides_b = self._sides(a), self._sides(b)
        if sides_a and sides_b and not (sides_a <= sides_b or sides_b <= sides_a):
            return False
        return a.place is None or b.place is None or a.place == b.place

    def _trip_stop(self, a, people_a, b, people_b) -> bool:
        """'will travel to Ottawa, Canada, … November 11–13' and 'On Tuesday, the Secretary will
        meet with Canadian Minister … Anand': one traveller's stop and a meeting of the traveller
        in that country on a day of the trip."""
        if len(people_b) == 1 and len(people_a) != 1:
            a, people_a, b, people_b = b, people_b, a, people_a
        if len(people_a) != 1 or not people_a <= people_b:
            return False
        # (or on days of it: "In Lima, on August 25 and 26, the Under Secretary will meet with …")
        first, last = (b.date.start, b.date.end) if isinstance(b.date, DateRange) else (b.date, b.date)
        if not isinstance(a.date, DateRange) or not isinstance(first, PartialDate) or not first.day or b.date == a.date:
            return False
        countries = [{x for x in f.participants if x in self._countries} for f in (a, b)]
        return a.date.start <= first and last <= a.date.end and countries[0] == countries[1] and \
            (a.place is None or b.place is None or a.place == b.place)

    def _actors(self, f: Found, mentions: Mentions) -> list[str]:
        out: list[str] = []
        for r in f.refs:
            if r.actor not in out:
                out.append(r.actor)
        for r in f.refs:  # a person speaks for a country: the graph relates both to the fact
            if r.type == PERSON and r.country and r.country not in out and f.kind != "agreement":
                out.append(r.country)
        if f.kind == "agreement":  # parties: countries and organisations, the countries of signatories and bodies too
            out = [a for a in out if not self._is_person(a, mentions)] + [r.country for r in f.refs if r.type != COUNTRY and r.country]
            out = list(dict.fromkeys(out))
        return out

    def _evidence(self, doc: Document, f: Found) -> Evidence:
        """At the offsets the rules found (a quote's first occurrence need not be the sentence that stated it)."""
        return evidence_at(doc, f.start, f.end, method="extracted",
                           confidence=round(max(0.3, min(0.95, f.confidence)), 2), extractor_version=VERSION)

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
        if getattr(into, "status", None) == "scheduled" and getattr(other, "status", None) == "held" and _day(other.date):
            into.status, into.date = "held", other.date     # the meeting announced, then reported held that day
        for attr in ("date", "status", "kind", "place"):
            if hasattr(into, attr) and getattr(into, attr) is None:
                setattr(into, attr, getattr(other, attr))
        if isinstance(getattr(into, "date", None), DateRange) and isinstance(getattr(other, "date", None), (PartialDate, DateRange)):
            within = other.date if isinstance(other.date, DateRange) else DateRange(other.date, other.date)
            if into.date.start <= within.start and within.end <= into.date.end:
                into.date = other.date      # the day (or days) of the trip the meeting is on

    # ------------------------------------------------------------ meetings

    def _meeting(self, f: Found, actors, lang, mentions, doc) -> Meeting:
        people = sorted(a for a in actors if self._is_person(a, mentions))
        year = _year(f.date)
        if f.name:
            key = " ".join(w for w in self.name_key(f.name).split() if w != str(year))   # "APEC 2024" of 2024
            ident = identity.fact_id(_NAMED.rstrip("-"), key, str(year) if year else "")
            name = {lang: f.name}
        else:
            kind_word = {"call": "call", "in-person": "meeting", "multilateral": "meeting"}[f.subtype or "in-person"]
            # Without people or a date a meeting has no identity beyond its sentence; one person's
            # meetings on a day are told apart by the countries they are with.
            where = "" if people and f.date and not f.sequel else f"{doc.identifier}-{f.sentence.index}"
            with_whom = sorted(a for a in actors if a in self._countries) if len(people) == 1 else []
            ident = identity.fact_id(kind_word, *(people or sorted(actors)), *with_whom, identity.date_slug(f.date), where)
            name = {lang: self._meeting_name(f, people, actors, lang, mentions)}
        return Meeting(ident, name, f.subtype, f.status, f.date, f.place, list(actors))

    def _meeting_name(self, f: Found, people: list[str], actors: list[str], lang: str, mentions: Mentions) -> str:
        """A label a reader can use: who with whom ("Meeting of A and B", "Visit of A to Peru"), else
        the text's words for the encounter ("Meeting of A with several of the country ministers",
        "Migration ministerial on the Los Angeles Declaration (A)") or its place — never one actor alone."""
        words = language(lang).meetings["labels"]
        principals = people or [a for a in actors if a not in self._countries]
        own = {self._country_of(p, mentions) for p in principals}
        sides = [a for a in actors if a in self._countries and a not in own] if principals else []
        who = _joined([self.label(a, mentions.new, lang) for a in principals or actors], words["and"])
        head = words["call" if f.subtype == "call" else "visit" if f.visit and len(principals) == 1 else "meeting"]
        if len(principals) >= 2 or not principals and len(actors) >= 2:
            return f"{head} {who}"
        if sides:
            whom = _joined([self.label(a, mentions.new, lang) for a in sides], words["and"])
            return f"{head} {who} {words['to' if f.visit else 'with']} {whom}"
        kind, text = f.described or (None, "")
        if kind == "with":
            return f"{head} {who} {text}"
        if kind == "noun":
            return f"{text[0].upper()}{text[1:]} ({who})"
        if f.place:
            return f"{head} {who} {words['to' if f.visit else 'in']} {self.gaz.places[f.place].name.get(lang) or f.place}"
        return f"{head} {who}: “{text}”" if text else f"{head} {who}"

    def _domestic(self, actors: list[str], place: str | None, mentions: Mentions) -> bool:
        """A meeting of people of one country only, at home or nowhere said, with no other country. (One
        person alone met someone unnamed: who, the text does not say.)"""
        people = [a for a in actors if self._is_person(a, mentions)]
        countries = {self._country_of(a, mentions) for a in people} | {a for a in actors if a in self._countries}
        home = self.gaz.places[place].country if place else None
        return len(people) >= 2 and len(countries) == 1 and None not in countries and home in countries | {None} and \
            all(a in people or a in self._countries for a in actors)

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
        return Commitment(ident, {lang: f.name}, list(actors), [f.topic] if f.topic else [], date=f.date)

    # ------------------------------------------------------------ agreements

    def _agreement(self, f: Found, actors, lang, mentions, doc) -> Agreement:
        known = self._known_agreement(f, actors, mentions)
        if f.subtype == "initiative" and f.status in MEMBERSHIP and not f.refers_back:
            actors = actors + [self._member_body(f, known, lang, mentions)]
        if known:
            return Agreement(known["id"], dict(known["name"]), known.get("kind"), list(actors), f.status, f.date)
        key = self.name_key(f.name)
        # A name of generic words only ("agreement", "Memorandum of Understanding") says nothing
        # outside its sentence.
        where = f"{doc.identifier}-{f.sentence.index}" if set(key.split()) <= self._generic else ""
        return Agreement(identity.fact_id(*self._agreement_countries(f, actors, mentions), key, where), {lang: f.name},
                         f.subtype, list(actors), f.status, f.date)

    def _fold_told_again(self, facts, told_again: list[Agreement], alike=lambda a, b: True) -> None:
        """'the cultural property MOU' after 'the Memorandum of Understanding Concerning the Imposition of Import
        Restrictions …': an instrument told with a definite article by its head word alone (its name says nothing of
        its own) is the one instrument of the document named with that head word and a party in common, in another
        sentence, before or after it (not after an indefinite article: "USAID signed a $321 million agreement" is not
        the TPA); `alike` what else the two must share."""
        named = [a for a in facts.agreements if not self._unnamed(a)]
        for a in told_again:
            heads = self._heads(self._name(a))
            same = [b for b in named if heads & self._heads(self._name(b)) and self._may_be(a, b) and alike(a, b) and
                    set(a.parties) & set(b.parties) and not {e.start for e in a.evidence} & {e.start for e in b.evidence}]
            if len(same) == 1:
                for ev in a.evidence:
                    self._merge(same[0], a, ev)
                facts.agreements.remove(a)

    def _may_be(self, mention: Agreement, named: Agreement) -> bool:
        """An instrument mentioned may be one named before: not one concluded beside one still to come ("el
        Memorando … suscrito en 2011", "la negociación de un Memorando …"), nor an amendment where the mention names
        none ("el convenio original" is not "la segunda adenda al convenio")."""
        statuses = {mention.status, named.status}
        return not (statuses & CONCLUDED and statuses & TO_COME) and \
            (self._amends(mention) or not self._amends(named))

    def _may_name_the_same(self, a: Agreement, b: Agreement) -> bool:
        """A headline's instrument (`a`) may be the body's: it says nothing of its own ("firman carta de intención"),
        or a word that tells it apart is in the other's name ("memorando sobre semiconductores", "memorando de
        entendimiento para … la cadena de suministro de semiconductores")."""
        own_a, own_b = (set(self.name_key(self._name(x)).split()) - self._generic for x in (a, b))
        return not own_a or bool(own_a & own_b)

    @staticmethod
    def _name(agreement: Agreement) -> str:
        return next(iter(agreement.name.values()))

    def _amends(self, agreement: Agreement) -> bool:
        return bool(self._amending & set(identity.words(self._name(agreement))[:2]))

    def _unnamed(self, agreement: Agreement) -> bool:
        return set(self.name_key(self._name(agreement)).split()) <= self._generic

    def _heads(self, name: str) -> set[str]:
        """The head words of the instrument phrases a name holds, longest phrase first."""
        words, out, i = identity.words(name), set(), 0
        while i < len(words):
            n = next((n for n in range(4, 0, -1) if tuple(words[i:i + n]) in self._instrument_heads), 0)
            if n:
                out.add(self._instrument_heads[tuple(words[i:i + n])])
            i += n or 1
        return out

    def _names_again(self, mention: str, name: str) -> bool:
        """'The Declaration' after 'the Declaration on Good Regulatory Practices', 'the maritime agreement' after
        'an Agreement Concerning Operations Against Illicit Transnational Maritime Activity': the words of the
        mention but its heads are all in the name (all its words, for a mention of heads and generic words only:
        "la Declaración Conjunta" after "la Declaración Conjunta del V Diálogo …")."""
        words = set(identity.words(name))
        own = [w for w in identity.words(mention) if w not in self._generic]
        return set(own or identity.words(mention)) <= words

    @staticmethod
    def _member_body(f: Found, known: dict | None, lang: str, mentions: Mentions) -> str:
        """'unirse a la iniciativa Blue Dot Network': an initiative is an organisation too, a party to its
        membership; a known one has the id of its English name in every language."""
        name = known["name"].get(lang) if known else f.name
        ident = identity.slug(re.sub(r"\s*\([^)]*\)$", "", known["name"]["en"] if known else name))
        mentions.new.setdefault(ident, NewActor(ident, ORGANISATION, name, lang))
        return ident

    def _agreement_countries(self, f: Found, actors, mentions) -> list[str]:
        """Whose instrument it is, for its identity: "a Trade Promotion Agreement" of Panama is
        not Peru's. The countries its mention names, else its parties, else the document's; none
        for an instrument open to all ("Inter-American Convention…")."""
        if set(identity.words(f.name)) & self._open:
            return []
        parties = [a for a in actors if a in self._countries]
        return sorted(f.countries or (parties if len(parties) >= 2 else None) or mentions.principal[:2])

    def name_key(self, text: str) -> str:
        """A name without the parties' names: 'U.S.-Peru Trade Promotion Agreement' -> 'trade promotion agreement'."""
        return self._country_names.key(text)

    def _known_agreement(self, f: Found, actors, mentions: Mentions) -> dict | None:
        """A well-known agreement (data/lexicons/agreements.yaml) whose name the mention has and
        whose parties fit: those the mention names, else those of its sentence and document."""
        if self._agreements is None:
            self._agreements = {}
            for entry in known_agreements():
                for n in [*entry["name"].values(), *entry.get("aliases", [])]:
                    key = self.name_key(n)
                    if set(key.split()) <= self._generic:
                        continue    # "United States–Mexico–Canada Agreement" without its parties is any "agreement"
                    bucket = self._agreements.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
        stated = [a for a in actors if a in self._countries]
        context = set(stated) if len(stated) >= 2 else set(stated) | set(mentions.principal[:2])
        for n in [f.name, *f.aliases]:
            acronym = n.isupper() and len(n) > 2     # "PTPA", "USMCA": the name of one instrument
            for entry in self._agreements.get(self.name_key(n), []):
                parties = set(entry.get("parties", []))
                if not parties or set(f.countries) <= parties and (f.countries or acronym or context <= parties):
                    return entry
        return None


def _day(date) -> bool:
    """A date to the day (not a month, a year or a span)."""
    return isinstance(date, PartialDate) and date.precision == "day"


def _year(date) -> int | None:
    return date.start.year if date is not None else None


def _joined(labels: list[str], conjunction: str) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" {conjunction} " + labels[-1]
