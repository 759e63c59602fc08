"""Meetings stated by a sentence: encounters, calls, visits, named events and sessions of bodies
(kg.extract.events), with their participants, tense, kind and date (places: kg.extract.places)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..dates import DateRange, PartialDate, next_day
from ..dates import lexicon as date_lexicon
from .actors import Mentions
from .dates import DatePhrase
from .events import Event, EventRules
from .lexicon import fold
from .names import past_words
from .refs import COUNTRY, ORGANISATION, PERSON, Ref
from .rules import Found, _matcher, weighted_hits
from .text import _END, Sentence

TRIGGER_CONFIDENCE = 0.8      # a trigger line without "=weight"
REPORT_WORDS = 6               # between a verb of reporting and the "que" of what it reports ("informó mediante un comunicado que")
AGENT_WORDS = 10              # between a participle's "por"/"by" and the first person ("por la ministra de Relaciones Exteriores, X")
FRAME_GAP = 4                 # between "en el marco de" and the event's name ("la 52.ª Asamblea General")
JOINT_CONFIDENCE = 0.6        # people named together doing one thing ("A y B inauguraron …"): they met
EVENT_CONFIDENCE = 0.75       # a named event ("ninth round of the High-Level Dialogue")
NO_PERSON = 0.15              # less sure: no person named as taking part
DESCRIBED_WORDS = 10          # at most, of the words a label borrows from the text
DELEGATION_WINDOW = 8         # tokens back from "including" where a delegation word makes who follows accompanying
POINTING_REACH = 8            # tokens from a sentence's start that a pointing opening ("It was her first visit") reaches
SUBJECT_WINDOW = 4            # tokens from a sentence's start where the meeting it is about may be named
TITLE_WINDOW = 5              # tokens after such a trigger where the title of the person greeted starts ("to the IGM's Director")
OBJECT_WINDOW = 3             # tokens after a trigger of greeting where the person greeted starts ("al secretario X")
ADDITIVE_WINDOW = 3           # tokens before a trigger where a word of adding may be ("Adeyemo also met with …")
WITH_REACH = 8                # tokens after a meeting's noun where its "with"/"con" may come, no comma between
AGENT_GAP = 7                 # words between a participle of a joint act and the 'by' of its agents ("was inked on the margins of the summit by")
RECURRING_WINDOW = 3          # tokens after a trigger where a word of habit may be ("se reúne de manera alternada")
FOUNDING_WINDOW = 8           # tokens after a body's name where its words of being set up may be ("… en materia de Seguridad fue establecido")
INVITEE_WINDOW = 10           # tokens back from "to visit" where an invitation may say who is to visit


class MeetingRules(EventRules):
    """Meetings: triggers of encounters, named events and sessions of bodies (kg.extract.events), with
    their tense."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.meeting = _matcher(vocab, "meeting", lang.meetings["triggers"])
        self.recalled = _matcher(vocab, "recalled", lang.meetings["recalled"])
        self.plural_meetings = set(lang.meetings["plural_meetings"])
        self.list_openers = set(lang.meetings["list_openers"])
        self.opening_prepositions = set(lang.meetings["opening_prepositions"])
        self.occasion = _matcher(vocab, "occasion", lang.meetings["same_occasion"])
        self.another_time = _matcher(vocab, "another_time", lang.meetings["another_time"])
        self.next_words = set(lang.meetings["next_words"])
        self.determiners = set(lang.meetings["anaphoric_determiners"])
        self.person_objects = set(lang.meetings["person_objects"])
        self.multilateral_cues = set(lang.meetings["multilateral_cues"])
        self.relative_days = set(date_lexicon()["relative_days"])
        self._after_meeting = set(date_lexicon()["grammar"]["report_after_meeting"])
        self._since = set(date_lexicon()["grammar"]["since"])
        self.relatives = set(lang.meetings["relatives"])
        self.past = lang.meetings["past_cues"]
        self.here_words = set(lang.meetings["here_words"])
        self.speech_by: Ref | None = None     # whose words the text is (kg.extract.discourse.speaker)
        self.joint_acts = set(lang.meetings["joint_acts"]["verbs"])
        self.joint_passives = set(lang.meetings["joint_acts"]["passives"])
        self.same_acts = {w: group[0] for group in lang.meetings["joint_acts"]["same"] for w in group}
        self.joint_agents = set(lang.meetings["joint_acts"]["by"])
        self.joint_auxiliaries = set(lang.meetings["joint_acts"]["auxiliaries"])
        self.person_pronouns = set(lang.actors["pronouns"]["person"])
        # ("A and B on Thursday signed …", "A y B el pasado martes firmaron …": the day between them and the verb)
        self.joint_adverbs = set(lang.meetings["joint_acts"]["adverbs"]) | self.relative_days | set(date_lexicon()["weekdays"])
        self.buildings = tuple(fold(n) for n in lang.actors["buildings"])

    def prepare(self, doc: Doc, mentions: Mentions | None = None, dateline: tuple[int, int] | None = None) -> None:
        super().prepare(doc, mentions, dateline)
        self._recalled_hits = sorted({(s, e) for _, s, e in self.recalled(doc)})
        self._meeting_weights = weighted_hits(self.meeting, doc, self.lang.meetings["triggers"], TRIGGER_CONFIDENCE)
        self._meeting_weights = {t: w for t, w in self._meeting_weights.items()
                                 if not self.possessed(doc, t) and not self.third_party_visit(doc, t, mentions) and
                                 not self.greets_no_one(doc, t, mentions)}
        if mentions is not None:
            self._meeting_weights.update({(t.i, t.i + 1): JOINT_CONFIDENCE for t in doc if (t.i, t.i + 1) not in self._meeting_weights and
                                          (t.lower_ in self.joint_acts and self.together(doc, t.i, mentions) or
                                           t.lower_ in self.joint_passives and self.done_by_together(doc, t.i, mentions))})
        self._meeting_hits = sorted(self._meeting_weights)
        self._occasion_hits = sorted({(s, e) for _, s, e in self.occasion(doc)})
        self._another_time_hits = sorted({(s, e) for _, s, e in self.another_time(doc)})

    def meetings(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        span = sent.span
        lo, hi = span.start, span.end
        if self.says(self.lang.meetings["not_held"], span):
            return []   # "A video call … floated by officials did not take place", "la reunión fue postergada"
        # "En Palacio esperan que en esa ocasión se concrete un encuentro …", "expressed hope that President X could
        # visit …": a meeting hoped for, after the words of hoping, is none
        hoped = self.said_at(self.lang.meetings["hoped"], span)
        if hoped is not None and hoped > lo and doc[hoped - 1].lower_ in self.lang.meetings["impersonal"]:
            hoped = None    # "Se espera que la próxima reunión se realice …": expected
        hi_told = hi if hoped is None else hoped
        triggers = [(s, e) for s, e in self._meeting_hits if lo <= s and e <= hi_told]
        triggers = [t for t in triggers if not self.anaphoric(doc, t[0]) and not self.recurring(doc, t) and
                    not (doc[t[0]].lower_ in self.here_words and not self.speaker_visits(doc, t, mentions))]
        # "The first batch of … doses … arrived in Peru": things arrive too; an arrival is a visit of people
        if not any(r.type == PERSON for r in mentions.in_span(lo, hi)) and \
                not any(t.norm_ in self.delegation_words for t in span):
            triggers = [t for t in triggers if doc[t[0]].lower_ not in self.arrival_words]
        # "La cita fue presidida por A y por B, quien llegó a la capital al frente de …": the meeting told before, whose
        # visitor's arrival an aside recalls
        # … or the arrival of someone a sentence is about ("Molano, que llegó a la capital estadounidense el martes, destacó …")
        asides = self.aside_spans(doc, lo, hi)
        triggers = [t for t in triggers if not (doc[t[0]].lower_ in self.arrival_words and any(a < t[0] < b for a, b in asides))]
        # "During their meeting at the White House, the two will discuss …": the meeting told, not one recalled
        recalled = [t for t in self._recalled_hits if lo <= t[0] and t[1] <= hi and
                    not (t[0] > lo and doc[self.whose_start(doc, t[0], mentions)].lower_ in self.lang.meetings["within_meeting"])]
        triggers = [t for t in triggers if not any(r[0] <= t[0] < r[1] for r in recalled)]
        # "Tras la reunión en Carondelet, …" with no day of its own, after a meeting was told: that one, not another
        recalled = [t for t in recalled if any(d.value is not None for d in dates) or not any(self.anaphoric(doc, k) for k in range(*t))]
        refs = self.accompanying_out(doc, self.participants(doc, self.actors_in(mentions, lo, hi), lo, hi, triggers), lo, hi)
        events = [ev for ev in self.named_events(doc, lo, hi, triggers, refs) if ev.start < hi_told and not self.founded(doc, ev.end, hi)]
        events += self.framing_meetings(doc, lo, hi, events)
        events += self.hosted_events(doc, lo, hi, refs, events)
        found = [self.recalled_meeting(sent, doc, t, refs, mentions, reference) for t in recalled]
        passing = [(t[0], self.recalled_end(doc, t, hi)) for t in recalled]
        if triggers:    # ("… first trip since President Pedro Castillo took office in July": not who met; a meeting recalled there has its own)
            refs = [r for r in refs if not self.of_another_time(doc, r.start, triggers[0][0], hi)]
        if not triggers and not events:
            return found + self.told_again(sent, doc, refs, mentions, dates)
        # The trigger's own tense first ("se reunió" is past whatever else the sentence announces),
        # unless the sentence plans it ("agreed to hold", "acordaron celebrar", "accepted the invitation to visit").
        first = triggers[0][0] if triggers else events[0].start
        # The verb that states the meeting: its trigger, or the session verb after a body's name
        # ("el VI Gabinete Binacional se realizará"), else the whole sentence.
        session = next(((s, e) for s, e in self._session_hits if events and events[0].end <= s <= events[0].end + 3), None)
        verbs = doc[self.auxiliary_start(doc, triggers[0][0], lo):triggers[0][1]] if triggers else \
            doc[session[0]:session[1]] if session else span
        planned = any(s <= first + 1 for s, _ in self._plan_hits if lo <= s < hi) or \
            any(doc[ev.start - 1].lower_ in self.next_words for ev in events[:1] if ev.start > lo)   # "the next Dialogue"
        told = next((t for t in (self.relative_tense(doc, tr, hi) for tr in triggers) if t is not None), None) \
            if not planned else None
        if told is None and not triggers and events and events[0].future is not None:
            told = events[0].future      # "… la 52 Asamblea General de la OEA, que el Perú acogerá en octubre"
        future = told if told is not None else \
            planned or not self.cue(self.past, verbs) and (self.future(verbs) or self.future(span))
        untensed = not (planned or told is not None or self.cue(self.past, span) or self.future(span))
        if reference is not None and future != self.future(span):
            dates = self.dates(sent, reference, future)
        elif reference is not None and not future and self.cue(self.past, span):
            dates = self.dates(sent, reference, False, past=True)    # held: on no day after the text's
        sure = max((self._meeting_weights[t] for t in triggers), default=EVENT_CONFIDENCE)
        if not any(r.type == PERSON for r in refs):
            sure -= NO_PERSON
        # "met with B on the margins of the General Assembly": their meeting, and the event beside it (of its
        # host and of them: "… en el marco de la Asamblea General …, que el Perú acoge").
        framed = bool(events) and (self.framed(doc, events, triggers, refs) or self.beside(doc, events, triggers, refs, hi))
        here = [Found("meeting", sent, sent.start, sent.end, self.event_refs(span, ev, events, refs, framed), ev.name,
                      confidence=min(sure, EVENT_CONFIDENCE), aliases=[ev.acronym] if ev.acronym else [], date=ev.year,
                      subtype="multilateral" if ev.year or self.of_organisation(ev, refs) else None, others=refs)
                for ev in events]
        if not events or framed:
            # (nor an organisation talked about: "… to discuss preparations for APEC 2024")
            topic = next((t.i for t in doc[lo:hi] if t.lower_ in self.event_topics), hi)
            # (nor the acronym in brackets after the event's name: "… de los Estados Americanos (OEA)")
            # (nor who a meeting recalled in passing names: "… en seguimiento a la conversación que sostuvieron A y B")
            outside = [r for r in refs if not any(ev.start <= r.start and r.end <= ev.end + (3 if ev.acronym else 0) for ev in events) and
                       not (r.type == ORGANISATION and r.start > topic) and
                       not any(r.type == PERSON and self.of_recalled(doc, r, t, hi) for t in recalled)]
            here += self.encounters(sent, doc, triggers, outside, mentions, sure)
        # "paid a courtesy call on the Minister" is a visit in person
        told_here = [t for t in span if not any(a <= t.i < b for a, b in passing)]     # (not "…, which met by videoconference")
        if triggers:    # (nor the call a sentence dates the meeting against: "La conversación telefónica se produce semanas después de que X se reuniera con Y")
            told_here = [t for t in told_here if not any(min(t.i, triggers[0][0]) <= s <= max(t.i, triggers[0][0])
                                                         for s, _ in self._another_time_hits if lo <= s < hi)]
        call = self.cue(self.lang.meetings["call_cues"], told_here) and not self.cue(self.lang.meetings["in_person_cues"], told_here) and \
            not self.says(self.lang.meetings["in_person_phrases"], span) or \
            bool(triggers) and doc[triggers[0][0]].lower_ in self.lang.meetings["call_verbs"]
        multilateral = self.multilateral(span)
        asides = self.asides(doc, lo, hi)
        dates = sorted(dates, key=lambda d: any(a <= d.start < b for a, b in asides))   # stable: told order kept
        if triggers:
            dates = [d for d in dates if not self.at_another_time(doc, d, triggers[0][0], lo)]
        # (nor the day or place of a meeting recalled in passing: "…, cuya última edición tuvo lugar en Washington en octubre de 2019")
        dates = [d for d in dates if not any(doc[a].idx <= doc[lo].idx + d.start < doc[b - 1].idx for a, b in passing)]
        if triggers:
            dates = self.of_when_clause(doc, dates, triggers[0][0], lo)
        if future and reference is not None and reference.day:
            # "… al Protocolo …, vigente desde 2021, y coincidieron en convocar la próxima reunión …": a meeting still
            # to come is on no day already past
            dates = [d for d in dates if d.value is None or d.value.days[1] >= reference.as_date()]
        # ("el Tratado …, vigente desde 2009": the start of a period, not a meeting's day)
        dates = [d for d in dates if not ({(sent.text[:d.start].split() or [""])[-1].lower(), d.text.split()[0].lower()} & self._since)]
        date = next((d.value for d in dates if d.value is not None and not d.year_only), None) or \
            next((d.value for d in dates if d.value is not None), None)
        if isinstance(date, DateRange):     # "arrived this week …, and held a meeting this Wednesday with …": the day within
            date = next((d.value for d in dates if isinstance(d.value, PartialDate) and d.value.day and
                         date.start <= d.value <= date.end), date)
        # "aterrizó el jueves 14 por la noche …, y al día siguiente fue recibido por …": the day after the one told before
        after = self.said_at(self.lang.meetings["next_day_cues"], span)
        if after is not None and triggers and triggers[0][0] > after:
            told_before = [d.value for d in dates if isinstance(d.value, PartialDate) and d.value.day and doc[lo].idx + d.start < doc[after].idx]
            date = next_day(told_before[-1]) if told_before else date
        # Not a place inside an event's name or an actor's title ("subsecretario de Estado de Estados Unidos, …").
        names = [(ev.start, ev.end) for ev in events] + [(r.start, r.end) for r in refs if r.type != COUNTRY] + mentions.qualifiers + passing
        place = self.place(doc, mentions, lo, hi, names)
        # "The Mexican delegation was led by …", "En dicha ocasión, participarán de la reunión …": who
        # took part in the meeting told before, not another meeting.
        occasion = any(lo <= s <= lo + 1 for s, _ in self._occasion_hits)
        joins = bool(triggers) and not events and (
            doc[triggers[0][0]].norm_ in self.delegation_words or self.delegations_first(doc, lo, hi) or
            occasion and not self.additive(doc, triggers[0], lo) or
            self.the_one_told(doc, triggers[0]) or
            self.attended(doc, lo, triggers[0]) or self.instrument_signed(doc, lo, hi))
        # "Aquella fue la primera reunión … desde el 20 de enero", "It was her first visit to …": what the meeting told
        # before was (on its day, not the one the sentence compares it with)
        # (only a sentence about that one meeting: not "Se trata de la primera visita … desde 2018, cuando X acompañó a Y a
        # la VIII Cumbre …")
        pointing = self.said_at(self.lang.meetings["pointing_openers"], span[:POINTING_REACH]) == lo and not events and \
            all(s - lo <= POINTING_REACH for s, _ in triggers)
        described = self.described(doc, triggers[0], hi) if triggers else None
        venue_countries = {r.country for r in mentions.in_span(lo, hi) if self.venue(doc, r, lo) and r.country}
        # "sostendrá una reunión con B, con quien abordará … la preparación de la VIII Cumbre de las Américas, que el Perú
        # acogerá en Lima en abril de 2018": a hosted event told as a topic after the meeting is a meeting of its hosts, on
        # its own day and at its own place; the meeting keeps the day and place told before it.
        topical = next((ev for ev in events if ev.hosts and framed and
                        any(t.lower_ in self.event_topics for t in doc[lo:ev.start])), None)
        cut = doc[topical.start].idx - sent.start if topical else None
        for f in here:
            f.trigger = first
            f.joins_last = joins
            f.visit = bool(triggers) and doc[triggers[0][0]].lower_ in self.journey_words
            f.described = None if f.name else described
            f.untensed = untensed
            f.subtype = f.subtype or ("call" if call else "multilateral" if multilateral and (f.name or not framed) else "in-person")
            f.status = "scheduled" if future else "held"
            f.date = self.own_date(doc, f, here, dates, sent.start) or date or f.date
            if pointing:
                f.joins_last = f.again = True
                f.date = None
            elif joins and occasion:
                f.date = None   # "En la reunión virtual, el Canciller agradeció la donación que … hizo llegar en junio": that one's day
            # (a call is held nowhere: "spoke by phone … about a Chinese-run megaport north of Lima")
            f.place = None if f.subtype == "call" else f.place or self.own_place(doc, f, here, mentions, hi, names) or place
            if topical is not None:
                own = f.name == topical.name
                days = [d.value for d in dates if d.value is not None and not d.year_only and (d.start >= cut) == own]
                f.date = next(iter(days), topical.year if own else None)
                f.place = self.place(doc, mentions, topical.start, hi, names) if own else self.place(doc, mentions, lo, topical.start, names)
                if own:
                    f.refs = list(topical.hosts)
            f.venue_countries = venue_countries
            if doc[first].lower_ in self.here_words:     # "… aquí a Ecuador": the speaker is visiting that country
                f.refs = [self.speech_by] + [r for r in refs if r.start == triggers[0][1]]
                f.visit = True
        return found + [f for f in here if not self.unnamed_counterpart(f)]

    @staticmethod
    def own_date(doc: Doc, f: Found, here: list[Found], dates: list[DatePhrase], base: int):
        """'… este lunes en El Salvador, donde se reunirá con Bukele; el martes viajará a Costa Rica para
        encontrarse con Chaves …': of one sentence's several meetings on several days, each is on the last
        day told before its own counterparts."""
        days = [d for d in dates if d.value is not None and not d.year_only]
        if len(here) < 2 or len({str(d.value) for d in days}) < 2:
            return None
        own = [r for r in f.refs if not all(r in g.refs for g in here)]
        if not own:
            return None
        at = doc[min(r.start for r in own)].idx - base
        return next((d.value for d in sorted(days, key=lambda d: -d.start) if d.start < at), None)

    def own_place(self, doc: Doc, f: Found, here: list[Found], mentions: Mentions, hi: int, names) -> str | None:
        """'met with President X in Panama City and with President Y in Guatemala City': of one sentence's several
        meetings, each is at the place told between its own counterparts and the next meeting's."""
        own = [r.start for r in f.refs if not all(r in g.refs for g in here)]
        if len(here) < 2 or not own:
            return None
        at = min(own)
        after = [r.start for g in here if g is not f for r in g.refs if r.start > at and not all(r in h.refs for h in here)]
        return self.place(doc, mentions, at, min(after, default=hi), names)

    def told_again(self, sent: Sentence, doc: Doc, refs: list[Ref], mentions: Mentions, dates: list[DatePhrase]) -> list[Found]:
        """'The meeting took place at the State Department in Washington', 'La reunión se realizó en Lima',
        'Today’s meeting in Washington …': a sentence about the meeting told before (its subject, with a verb
        of taking place or a place right after it) says where or when that meeting was."""
        lo, hi = sent.span.start, sent.span.end
        j = next((k for k in range(lo + 1, min(hi, lo + SUBJECT_WINDOW)) if doc[k].norm_ in self.anaphoric_nouns), None)
        # (not a frame: "Tras la reunión en Carondelet, Rubio anunció …" is about what followed, whichever meeting it was)
        if j is None or not self.points_back(doc, j, lo) or doc[lo].lower_ in self.opening_prepositions:
            return []
        people = [r for r in refs if r.type == PERSON]     # not the venue's body ("at the State Department")
        if people and self.chaired_by(doc, j, hi):
            return [self.said_of_last(sent, people, j)]     # "La cita fue presidida por A y por B": who took part
        taking_place = any(j < s <= j + 2 for s, _ in self._session_hits)
        if not taking_place and not (j + 1 < hi and doc[j + 1].lower_ in self.place_prepositions):
            return []
        names = [(r.start, r.end) for r in refs if r.type != COUNTRY] + mentions.qualifiers
        place = self.place(doc, mentions, j, hi, names)
        # (its own date, in the clause that tells it again: not "… en un contexto de preocupación por el puerto,
        # inaugurado en noviembre")
        clause = next((k for k in range(j, hi) if doc[k].text in (",", ";")), hi)
        end = doc[clause].idx - sent.start if clause < hi else len(sent.text)
        date = next((d.value for d in dates if d.value is not None and not d.year_only and d.start < end), None)
        if place is None and date is None:
            return []
        return [self.said_of_last(sent, people, j, date, place)]

    @staticmethod
    def said_of_last(sent: Sentence, people: list[Ref], j: int, date=None, place: str | None = None) -> Found:
        """What a sentence about the meeting told before (its meeting word at j) adds to that meeting."""
        f = Found("meeting", sent, sent.start, sent.end, people, confidence=TRIGGER_CONFIDENCE, date=date, place=place, trigger=j)
        f.joins_last = f.again = True
        return f

    def chaired_by(self, doc: Doc, j: int, hi: int) -> bool:
        """'la cita fue presidida por', 'the meeting was attended by': the meeting word at j, then a
        participle of holding it and its agent."""
        return any(doc[k].lower_ in self.lang.meetings["held_participles"] and k + 1 < hi and doc[k + 1].lower_ in self.joint_agents
                   for k in range(j + 1, min(hi - 1, j + 4)))

    def act_of(self, tok) -> str | None:
        """The act a word tells, for dating one act told twice: any word of signing is "signing"; a verb of doing
        something together ("launched", "inauguraron") is itself, or the first of the words the lexicon gives for the
        same act ("handed over …" then "delivered the equipment … at a ceremony")."""
        word = tok.lower_
        if word in self.lang.agreements["signing_participles"] or word in self.lang.agreements["signing_verbs"]:
            return "signing"
        return self.same_acts.get(word, word) if word in self.joint_acts or word in self.joint_passives else None

    def founded(self, doc: Doc, e: int, hi: int) -> bool:
        """'El Mecanismo de Consultas … fue establecido en 2017 como …': a body told as set up, no session of it."""
        k = e
        while k < min(hi, e + FOUNDING_WINDOW) and doc[k].text not in (",", ";"):
            if doc[k].lower_ in self.lang.meetings["founding"]:
                return True
            k += 1
        return False

    def additive(self, doc: Doc, trigger: tuple[int, int], lo: int) -> bool:
        """'During his visit, Adeyemo also met with …', 'sostuvo también una reunión con …': a word of adding just
        before the verb, or inside the words that state the meeting."""
        return any(doc[k].lower_ in self.lang.meetings["additives"] for k in range(max(lo, trigger[0] - ADDITIVE_WINDOW), trigger[1]))

    def points_back(self, doc: Doc, j: int, lo: int) -> bool:
        """A determiner (maybe an adjective between) or "today’s" before a meeting noun: the one told."""
        k = j - 1
        if k > lo and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in self.determiners:
            k -= 1      # "The bilateral meeting", "La reunión bilateral" needs none
        if doc[k].lower_ in self.determiners or doc[k].lower_ in self.lang.meetings["demonstratives"]:
            return True
        return k > lo and doc[k].text in self.possessives and doc[k - 1].lower_ in self.relative_days

    def recurring(self, doc: Doc, trigger) -> bool:
        """Meetings as a practice ("hold regular consultations", "reuniones periódicas", "se reúne de manera
        alternada en Lima y Washington"), in the trigger or just after it."""
        s, e = trigger
        return any(t.lower_ in self.lang.meetings["recurring"] for t in doc[s:min(len(doc), e + RECURRING_WINDOW)])

    def multilateral(self, span) -> bool:
        """A word of many parties meeting ("summit", "cumbre"), not in a press conference ("ofrecerán una
        conferencia de prensa conjunta") nor of a tour ("una gira regional", "a regional tour")."""
        press, tours = self.lang.meetings["press_events"], self.lang.meetings["tour_nouns"]
        doc = span.doc
        return any(t.lower_ in self.multilateral_cues and
                   not any(doc[max(0, t.i - k):t.i - k + len(p.split())].text.lower() == p
                           for p in press for k in range(len(p.split()))) and
                   not any(0 <= k < len(doc) and doc[k].lower_ in tours for k in (t.i - 1, t.i + 1)) for t in span)

    def greets_no_one(self, doc: Doc, trigger, mentions: Mentions | None) -> bool:
        """'saludó a los peruanos que viven …': a verb of greeting meets only a person named right after it
        (or after a title: "entregó los bienes al ministro del Interior, Vicente Tiburcio")."""
        s, e = trigger
        if doc[s].lower_ not in self.person_objects:
            return False
        # (past an organisation's possessive: "delivered the equipment to the IGM's Director General, Danilo Rivera")
        titled = any(doc[j].lower_ in self.title_words and len(doc[j]) > 3 for j in range(e, min(len(doc), e + TITLE_WINDOW)))
        reach = AGENT_WORDS if titled else OBJECT_WINDOW
        return not any(e <= r.start <= e + reach and r.type == PERSON for r in (mentions.refs if mentions else ()))

    def unnamed_counterpart(self, f: Found) -> bool:
        """'met with her cabinet', 'met with embassy staff and their families': one side named, and on the
        other no one the text names, no title and no party ('met with the ministers' is someone)."""
        if f.name or len(f.refs) != 1 or f.visit or not f.described or f.described[0] != "with":
            return False
        # (a demonym before a common noun names no one: "spoke with Peruvian students")
        return not any(w[:1].isupper() and w not in self.demonym_words or w.lower() in self.title_words or w.lower() in self.agents
                       for w in f.described[1].split()[1:])

    def described(self, doc: Doc, trigger, hi: int) -> tuple[str, str] | None:
        """The text's words for an encounter, for a label when it names one side only: its
        counterparts after 'with' ("with", "with several of the country ministers"), else the meeting
        noun and what follows it ("noun", "migration ministerial on the Los Angeles Declaration"), else
        the trigger's words ("words"), to the clause's end."""
        s, e = trigger
        stops = {",", ";", ".", ":", "(", "—", "–"} | set(self.lang.meetings["clause_openers"])
        noun = next((j for j in range(s, e) if doc[j].norm_ in self.event_nouns), None)
        articles = self.determiners | set(self.lang.meetings["indefinite_articles"])
        kind, start = "words", s   # else the trigger's own words ("contará con la participación del ministro …")
        if doc[e - 1].lower_ in self.lang.meetings["counterpart_words"]:
            kind, start = "with", e - 1
        elif noun is not None:
            kind, start = "noun", noun
            while start > s and doc[start - 1].is_lower and doc[start - 1].is_alpha and doc[start - 1].lower_ not in articles:
                start -= 1      # "a migration ministerial": its modifiers, not its article or verb
            start = noun if start == s else start
        end = start + 1
        while end < hi and end - start < DESCRIBED_WORDS and doc[end].text not in stops and doc[end].lower_ not in stops:
            end += 1
        return (kind, doc[start:end].text) if end - start > 1 else None

    def possessed(self, doc: Doc, trigger) -> bool:
        """'The Secretary welcomed Peru’s invitation …', 'welcomed Costa Rica’s decision to join …': a
        name right after the trigger owns the thing welcomed (a common noun that is no title), it is
        not the person or country received."""
        e = trigger[1]
        if not doc[e - 1].is_title:
            return False
        while e < len(doc) and doc[e].is_title:
            e += 1      # the rest of the name ("welcomed Costa Rica’s …")
        if not (e + 1 < len(doc) and doc[e].text in self.possessives):
            return False
        nxt = doc[e + 1]
        # ("met Peru's new President X": an adjective before a title)
        after = doc[e + 2] if e + 2 < len(doc) else None
        return nxt.is_lower and nxt.is_alpha and nxt.lower_ not in self.title_words and \
            not (after is not None and after.is_title and after.lower_ in self.title_words)

    def third_party_visit(self, doc: Doc, trigger, mentions: Mentions | None) -> bool:
        """'welcomed Peru’s invitation for a U.S. business mission to visit Peru': the invitation says
        who is to visit; a group the text names no one of (a mission, companies) is not its actors."""
        s = trigger[0]
        if doc[s].lower_ not in self.visit_cues and not (s + 1 < len(doc) and doc[s + 1].lower_ in self.visit_cues):
            return False
        sent = doc[s].sent
        invitation = next((j for j in range(s - 1, max(sent.start, s - INVITEE_WINDOW) - 1, -1)
                           if doc[j].lower_ in self.lang.meetings["invitation_words"]), None)
        if invitation is None or doc[invitation + 1].lower_ not in self.lang.meetings["invitee_markers"] or s <= invitation + 2:
            return False    # "la invitación para visitar Lima": no one named between, the invited visit
        people = [r for r in (mentions.refs if mentions else []) if invitation < r.start < s and r.type == PERSON]
        return not people

    def accompanying_out(self, doc: Doc, refs: list[Ref], lo: int, hi: int) -> list[Ref]:
        """'Dr. Philip Gordon and a delegation of high-level U.S. officials, including USAID Deputy
        Administrator Isobel Coleman, traveled to …': who a delegation includes accompanies its
        principal (an actor of the text, not a participant), up to the comma that closes the list."""
        out = refs
        for j in range(lo + 1, hi):
            if doc[j].lower_ not in self.lang.meetings["accompanying_markers"] or \
                    not any(t.norm_ in self.delegation_words for t in doc[max(lo, j - DELEGATION_WINDOW):j]):
                continue
            end = next((k for k in range(j + 1, hi) if doc[k].text in (",", ";", ".", "—", "–")), hi)
            out = [r for r in out if not (r.type == PERSON and j < r.start and r.end <= end)]
        return out

    def delegations_first(self, doc: Doc, lo: int, hi: int) -> bool:
        """'Las delegaciones del Perú y de los Estados Unidos … sostuvieron cinco sesiones …', 'The
        delegations then held …': the delegations of the meeting told before, at its sessions."""
        j = lo
        while j < hi and (doc[j].lower_ in self.lang.actors["definite_articles"] or not doc[j].is_alpha):
            j += 1
        return j < hi and doc[j].norm_ in self.delegation_words

    def speaker_visits(self, doc: Doc, trigger, mentions: Mentions) -> bool:
        """'aquí a Ecuador', 'here in Peru' in a speech: a country right after the words of place."""
        return self.speech_by is not None and any(r.start == trigger[1] and r.type == COUNTRY for r in mentions.refs)

    def together(self, doc: Doc, verb: int, mentions: Mentions) -> bool:
        """Two people or more, joined by "y"/"and", are the subject of the verb: named before it in its
        sentence, the last with only a title's words or an aside between it and the verb ("El agregado
        del FBI, X, y el comandante general de la PNP, Y, felicitaron …")."""
        start = doc[verb].sent.start
        people = self.people_in(mentions, start, verb)
        if not people or any(t.is_alpha and t.lower_ not in self.joint_adverbs for t in doc[people[-1].end:verb]):
            return False
        if len({r.actor for r in people}) < 2:    # "He and Foreign Minister X signed …" (kg.extract.discourse: who "he" is)
            lead = [t for t in doc[start:people[0].start] if not t.is_punct]
            return len(lead) >= 2 and lead[-2].lower_ in self.person_pronouns and lead[-1].lower_ in self.list_joiners
        return any(t.lower_ in self.list_joiners for t in doc[people[-2].end:people[-1].start])

    @staticmethod
    def people_in(mentions: Mentions, lo: int, hi: int) -> list[Ref]:
        """The people named in tokens lo:hi, in order, a name told twice in a row once (a title and its name)."""
        people: list[Ref] = []
        for r in mentions.in_span(lo, hi):
            if r.type == PERSON and not (people and people[-1].actor == r.actor):
                people.append(r)
        return people

    def done_by_together(self, doc: Doc, verb: int, mentions: Mentions) -> bool:
        """A participle of a joint act with two people or more as its agent ("El documento fue firmado por la
        ministra X y la embajadora Y", "was signed by Foreign Minister X and Ambassador Y"): they met."""
        end = doc[verb].sent.end
        by = verb + 1
        # "was signed today by …", "was signed in Lima by …"
        while by < min(end, verb + 1 + AGENT_GAP) and doc[by].lower_ not in self.joint_agents and doc[by].text not in (",", ";"):
            by += 1
        # (not a participle describing an instrument: "el Acuerdo, firmado por los presidentes A y B en 2006")
        if by >= end or doc[by].lower_ not in self.joint_agents or doc[verb - 1].lower_ not in self.joint_auxiliaries:
            return False
        people = self.people_in(mentions, by + 1, end)
        if len(people) < 2 or people[0].start - by > AGENT_WORDS:
            return False
        between = doc[people[0].end:people[1].start]
        return any(t.lower_ in self.list_joiners for t in between) and not any(t.text in (";", ".") for t in between)

    def encounters(self, sent: Sentence, doc: Doc, triggers, refs: list[Ref], mentions: Mentions, sure: float) -> list[Found]:
        """The meetings a sentence's triggers state: one per item of a list of separate meetings,
        one per stop of a trip, else one of all its actors."""
        lo, hi = sent.span.start, sent.span.end
        groups = self.with_groups(doc, triggers, refs, hi, self.opening(doc, lo, hi, triggers))
        trips = self.destinations(doc, triggers, refs, mentions, hi) if not groups else []
        subject = [r for r in refs if not any(r in g for g in groups)]
        # "… in the meetings with A and B": no one else named; the text's subject met them
        subjectless = bool(groups) and not any(r.type == PERSON for r in subject)
        if len(groups) > 1:
            return [Found("meeting", sent, sent.start, sent.end, subject + g, confidence=sure - 0.05, subjectless=subjectless)
                    for g in groups]
        if trips:
            return [Found("meeting", sent, sent.start, sent.end, g, confidence=sure - 0.1, place=place) for g, place in trips]
        visit = next(((s, e) for s, e in triggers if doc[s].lower_ in self.visit_cues and doc[e - 1].lower_ in self.visitor_words), None)
        visitor = next((r for r in refs if r.type == PERSON and visit and visit[1] <= r.start), None)
        return [Found("meeting", sent, sent.start, sent.end, refs, confidence=sure, subjectless=subjectless, visitor=visitor)]

    def event_refs(self, span: Span, ev: Event, events: list[Event], refs: list[Ref], framed: bool) -> list[Ref]:
        """Who takes part in an event: its host ("Peru’s efforts as APEC’s 2024 host"), with those meeting on
        its margins if it frames a meeting; else the actors its sentence names for it."""
        own = self.own_refs(ev, events, refs)
        if not ev.hosts:
            return own
        if not framed:      # (and those who take part in it, named before: "El presidente Biden participó en la sesión …")
            taking_part = next((t.i for t in span if t.i < ev.start and t.lower_ in self.participating), None)
            own = [r for r in own if r.type == PERSON and taking_part is not None and r.end <= taking_part]
        return ev.hosts + [r for r in own if r.actor not in {h.actor for h in ev.hosts}]

    def framed(self, doc: Doc, events: list[Event], triggers, refs: list[Ref]) -> bool:
        """'met with B … on the margins of the 80th United Nations High-Level Week', 'se reunió con B
        en el marco de la Asamblea General', 'held a bilateral meeting on the margins of the …
        Ministerial Conference', 'A and B met yesterday …, on the margins of …': an event set as the frame
        of a meeting a trigger outside it states."""
        frames = [(fs, fe) for fs, fe in self._frame_hits if any(fe <= ev.start <= fe + FRAME_GAP for ev in events)]
        outside = [t for t in triggers if not any(e.start <= t[0] < e.end for e in events)]
        return any(self.with_trigger(doc, t, len(doc)) or t[1] == fs and doc[t[1] - 1].norm_ in self.anaphoric_nouns or
                   sum(r.type == PERSON and r.end <= t[0] for r in refs) >= 2
                   for t in outside for fs, _ in frames)

    def beside(self, doc: Doc, events: list[Event], triggers, refs: list[Ref], hi: int) -> bool:
        """'she will meet with Foreign Minister B and participate in the Strategic Dialogue', 'will attend
        the OAS General Assembly, where he will also meet with President B': a meeting with people named
        before the event or after it, beside it."""
        first, last = min(ev.start for ev in events), max(ev.end for ev in events)
        return any(self.with_trigger(doc, t, hi) and
                   (t[1] <= first and any(r.type == PERSON and t[1] <= r.start and r.end <= first for r in refs) or
                    t[0] >= last and any(r.type == PERSON and t[1] <= r.start for r in refs)) for t in triggers)

    def with_trigger(self, doc: Doc, trigger, hi: int) -> bool:
        """A trigger that names its counterparts after 'with'/'con' ('met with', 'se reunió con') or right
        after its verb ('met Foreign Minister B', 'hosted President B'); not a visit ('traveled to Panama
        City …, where he met with …', 'visited Lima': a destination, not a party)."""
        s, e = trigger
        withs = self.lang.meetings["counterpart_words"]
        direct = e - 1 > s and doc[e - 1].is_title and doc[e - 1].text not in self.event_heads   # not "participará en la Cumbre"
        # "sostuvo encuentros bilaterales con", "met separately with": words between, no comma ("sostendrá una reunión
        # de trabajo en el Departamento de Estado con …": where, then with whom)
        later = next((k for k in range(e, min(hi, e + WITH_REACH)) if doc[k].lower_ in withs or doc[k].is_punct), None)
        after = later is not None and doc[later].lower_ in withs
        return (direct or doc[e - 1].lower_ in withs or after) and doc[s].lower_ not in self.visit_cues

    def auxiliary_start(self, doc: Doc, start: int, lo: int) -> int:
        """'fue recibido por', 'will be welcomed': the auxiliaries before a trigger are part of its tense."""
        while start > lo and doc[start - 1].lower_ in self.lang.meetings["tense_auxiliaries"]:
            start -= 1
        return start

    def relative_tense(self, doc: Doc, trigger, hi: int) -> bool | None:
        """'la visita que el secretario realizó a Santo Domingo en febrero', 'the visit that the
        Secretary paid in May': a meeting noun whose relative clause tells its tense (True: future);
        'after meeting with': past."""
        s, e = trigger
        # ("… said Wednesday after meeting with …", "tras reunirse con …": what comes after a meeting is past)
        if any(" ".join(t.lower_ for t in doc[max(0, s - k):s + 1]) in self._after_meeting for k in (1, 2, 3)):
            return False
        if e - s != 1 or doc[s].norm_ not in self.anaphoric_nouns or e >= hi:
            return None
        if doc[e].lower_ not in self.lang.meetings["relative_pronouns"]:
            return None
        j = e + 1
        while j < hi and doc[j].text not in (",", ";", ".", ":"):
            if self.cue(self.scheduled, doc[j:j + 1]):
                return True
            if self.cue(self.past, doc[j:j + 1]) and not any(r[0] <= j < r[1] for r in self._name_tokens):
                return False
            j += 1
        return None

    def recalled_meeting(self, sent: Sentence, doc: Doc, t, refs, mentions: Mentions, reference) -> Found:
        """'Building on their meeting in Washington in October': a past meeting said in passing."""
        # (its words and its clause: "their November 2023 meeting in San Francisco")
        after = sent.text[doc[t[0]].idx - sent.start:]
        clause = re.split(r"[,;.]", after, maxsplit=1)[0]
        offset = len(sent.text) - len(after)
        dates = [d for d in self.dates(sent, reference, False, past=True) if offset <= d.start <= offset + len(clause)]
        date = next((d.value for d in dates if d.value is not None), None)
        end = self.recalled_end(doc, t, sent.span.end)
        places = [p for s, e, p in mentions.places if t[1] <= s and e <= end]
        kind = "call" if self.cue(self.lang.meetings["call_cues"], doc[t[0]:end]) else "in-person"
        # ("… a la conversación telefónica que el jueves sostuvieron los presidentes A y B": the people its clause names)
        # ("Secretary Rubio’s meeting with the Foreign Minister …": and whose it is)
        own = [r for r in refs if self.of_recalled(doc, r, t, end) and r.type == PERSON]
        # ("a working group …, which met for the first time by videoconference": the body's sides, not the sentence's people)
        if not own and doc[t[0]].lower_ in self.lang.meetings["body_relatives"]:
            own = [r for r in refs if r.type != PERSON]
        return Found("meeting", sent, sent.start, sent.end, own or refs, confidence=0.6, subtype=kind, status="held",
                     date=date, place=places[0] if places else None, trigger=t[0], recalled=True)

    def instrument_signed(self, doc: Doc, lo: int, hi: int) -> bool:
        """'El instrumento fue firmado por A y por B', 'The memorandum was signed by A and B': who signed the
        instrument a meeting told before was about took part in that meeting."""
        passives = self.lang.meetings["joint_acts"]["passives"]
        return lo + 2 < hi and (doc[lo].lower_ in self.articles or doc[lo].lower_ in self.lang.meetings["demonstratives"]) and \
            doc[lo + 1].lower_ in self.lang.meetings["instrument_subjects"] and any(t.lower_ in passives for t in doc[lo + 2:hi])

    def of_recalled(self, doc: Doc, r: Ref, t, hi: int) -> bool:
        """An actor a meeting recalled in passing names: in its clause, or its owner ("Secretary Rubio’s meeting with …")."""
        return t[1] <= r.start < self.recalled_end(doc, t, hi) or r.end == t[0] and doc[t[0]].text in self.possessives

    def whose_start(self, doc: Doc, at: int, mentions: Mentions) -> int:
        """The word before a recalled meeting's words, or before its owner's name ("During Secretary Blinken’s
        visit …": "During")."""
        if doc[at].text in self.possessives:
            at = min((r.start for r in mentions.refs if r.end == at), default=at)
        return max(at - 1, 0)

    @staticmethod
    def recalled_end(doc: Doc, t, hi: int) -> int:
        """Where the clause of a meeting recalled in passing ends: its next comma, semicolon or full stop."""
        return next((j for j in range(t[1], hi) if doc[j].text in (",", ";", ".")), hi)

    def participants(self, doc: Doc, refs: list[Ref], lo: int, hi: int, triggers) -> list[Ref]:
        """The sentence's actors but its source: 'informó el Ministerio…' at its end, 'Martínez
        confirmó también que el presidente Arévalo viajará…' before the person it reports on; not who the
        sentence says did not take part ("…, en la que no participaron integrantes de la delegación estadounidense")."""
        absent = self.said_at(self.lang.meetings["absent_cues"], doc[lo:hi])
        absent = hi if absent is None else absent
        out = [r for r in refs if not self.venue(doc, r, lo) and r.start < absent]
        for j in range(lo + 1, hi):
            if doc[j].lower_ not in self.reporting:
                continue
            later = [s for s, _ in triggers if s > j]
            if doc[j - 1].text == "," and not later:
                out = [r for r in out if r.start < j] or out       # ", informó el Ministerio …"
                continue
            that = next((k for k in range(j + 1, min(hi, j + REPORT_WORDS)) if doc[k].lower_ in self.complementizers), None)
            if that is not None and later and any(r.type == PERSON and that < r.start <= that + 4 and r.start < later[0] for r in out):
                out = [r for r in out if r.start > that]          # "X confirmó que el presidente Y viajará …"
        return out

    def at_another_time(self, doc: Doc, d: DatePhrase, trigger: int, lo: int) -> bool:
        """'… signed an agreement on Thursday, days after B called C': a date the trigger is said to be
        some time before or after."""
        at = doc[lo].idx + d.start
        return any(min(at, doc[trigger].idx) <= doc[s].idx <= max(at, doc[trigger].idx)
                   for s, _ in self._another_time_hits if lo <= s) or \
            doc[trigger].lower_ in self.joint_acts and self.in_relative_clause(doc, trigger, at) or \
            self.of_a_participle(doc, at, trigger)

    def of_when_clause(self, doc: Doc, dates: list[DatePhrase], trigger: int, lo: int) -> list[DatePhrase]:
        """'… delivered this week was announced when Mayorkas met Arévalo in June': a meeting told in a clause of 'when'
        that gives its own date is on that date, not on one told before the clause (without one, the clause
        tells the time told before it: 'su visita a Santiago en abril de 2019, cuando se reunió con …')."""
        when = next((t.i for t in doc[lo:trigger] if t.lower_ in self.lang.meetings["when_words"]), None)
        if when is None:
            return dates
        at = doc[when].idx - doc[lo].idx
        own = [d for d in dates if d.start > at]
        return own if any(d.value is not None for d in own) else dates

    def of_another_time(self, doc: Doc, k: int, trigger: int, hi: int) -> bool:
        """Whether doc[k] is in a clause that a word of another time opens after the trigger, up to its comma."""
        return any(trigger < s <= k and not any(t.text == "," for t in doc[s:k])
                   for s, _ in self._another_time_hits if s < hi)

    def of_a_participle(self, doc: Doc, at: int, trigger: int) -> bool:
        """'… el puerto de Chancay, operado por … e inaugurado en noviembre', '… the agreement, signed in 2021':
        a date after a participle that follows a comma, past the trigger, is that participle's time."""
        k = next((t.i for t in doc[trigger:] if t.idx >= at), None)
        if k is None or k - 2 <= trigger:
            return False
        endings = tuple(self.lang.commitments["passive"]["participle_endings"])
        # (not "el pasado 3 de junio": a word of dates after its article)
        participle = next((j for j in (k - 1, k - 2) if doc[j].is_lower and doc[j].lower_.endswith(endings) and len(doc[j]) > 4
                           and doc[j - 1].lower_ not in self.articles), None)
        return participle is not None and any(t.text == "," for t in doc[trigger:participle])

    def in_relative_clause(self, doc: Doc, trigger: int, at: int) -> bool:
        """'felicitaron a los miembros que completaron el curso que empezó el 21 de marzo': after an act done
        together, a date after a relative word that follows a common noun is the time of that clause, not
        of the act (but for a meeting's noun, or a clause that says when something takes place)."""
        k = trigger + 1
        while k < len(doc) and doc[k].idx < at:
            before = doc[k - 1]
            if doc[k].lower_ in self.relatives and before.is_alpha and before.is_lower and \
                    before.lower_ not in self.reporting and before.norm_ not in self.event_nouns and \
                    not any(k < s <= k + 2 for s, _ in self._session_hits):
                return True
            k += 1
        return False

    def venue(self, doc: Doc, r: Ref, lo: int) -> bool:
        """An organisation where the meeting is ("recibió en Torre Tagle al embajador", "at the State Department",
        "en la sede del Departamento de Estado")."""
        j = past_words(doc, r.start - 1, self.articles, lo)
        seat = next((w for w in self.lang.meetings["seat_words"]
                     if doc[max(lo, j - len(w.split()) + 1):j + 1].text.lower() == w), None)
        if seat:
            j = past_words(doc, j - len(seat.split()), self.articles, lo)
        return r.type == ORGANISATION and j >= lo and doc[j].lower_ in self.lang.meetings["venue_prepositions"]

    def buildings_named_as_venues(self, doc: Doc, refs: list[Ref]) -> set[str]:
        """The buildings that are also institutions the text names only as where people meet ("at the White
        House", "en la Casa Blanca"; not "at the State Department": an institution still)."""
        at = [r for r in refs if self.venue(doc, r, 0)]
        return {r.actor for r in at if fold(doc[r.start:r.end].text).endswith(self.buildings)} - \
            {r.actor for r in refs if r not in at}

    def the_one_told(self, doc: Doc, trigger: tuple[int, int]) -> bool:
        """A verb of leading or joining a meeting named with a determiner ("A and B co-chaired the dialogue",
        "presidieron la reunión", "En el encuentro participaron …"): the meeting told before."""
        s, e = trigger
        determiners, nouns = self.determiners, self.anaphoric_nouns
        return e - s >= 3 and (doc[e - 1].norm_ in nouns and doc[e - 2].lower_ in determiners or
                               doc[s + 1].lower_ in determiners and doc[s + 2].norm_ in nouns or
                               s > 0 and doc[s].norm_ in nouns and (doc[s - 1].lower_ in determiners or   # "The ceremony was attended by …"
                                                                    s > 1 and doc[s - 2].lower_ in determiners and doc[s - 1].is_lower))  # "The signing ceremony …"

    def attended(self, doc: Doc, lo: int, trigger: tuple[int, int]) -> bool:
        """'La ceremonia (se realizó en … y) contó con la presencia de X', 'The meeting was attended by X': who
        else was at the meeting told before."""
        return lo + 1 < trigger[0] and doc[lo].lower_ in self.determiners and doc[lo + 1].norm_ in self.anaphoric_nouns and \
            any(t.lower_ in self.lang.meetings["presence_words"] for t in doc[trigger[0]:trigger[1]])

    def anaphoric(self, doc: Doc, start: int) -> bool:
        """'esta conversación', 'this meeting': a demonstrative pointing at a meeting already stated;
        'the meeting was held in Vancouver', 'celebró la visita' after a meeting was stated: the same
        one (a first 'la reunión de los presidentes …' is a meeting of its own)."""
        if start == 0 or doc[start].norm_ not in self.anaphoric_nouns:
            return False
        before = doc[start - 1].lower_
        if before in self.lang.meetings["demonstratives"]:
            return True
        told = any(s < doc[start].sent.start and doc[s].sent.text.rstrip().endswith(_END) for s, _ in self._meeting_hits)
        # "la visita que el secretario Rubio realizó en febrero": a relative clause tells another one;
        # "the meetings with President Castillo and Minister Maurtua": its counterparts, who met
        described = start + 1 < len(doc) and doc[start + 1].lower_ in self.lang.meetings["relative_pronouns"] + \
            self.lang.meetings["counterpart_words"]
        return told and not described and before in self.determiners

    def opening(self, doc: Doc, lo: int, hi: int, triggers) -> int | None:
        """'During meetings with A and B, Dr. Gordon reinforced …': the comma closing a sentence's
        opening phrase that holds its first meeting word (the subject comes after it)."""
        if not triggers or doc[lo].lower_ not in self.opening_prepositions or triggers[0][0] - lo > 3:
            return None
        return next((j for j in range(triggers[0][1], hi) if doc[j].text == ","), None)

    def with_groups(self, doc: Doc, triggers, refs: list[Ref], hi: int, opening: int | None = None) -> list[list[Ref]]:
        """The actors each 'met with …' phrase names, up to the next trigger or clause end (the
        comma closing an opening phrase for the first); a list after it is one meeting per item
        when its items are set apart by semicolons ("bilateral meetings with Chile's X; Costa
        Rica's Y; and Panama's Z") or the meeting word is plural."""
        groups = []
        for n, (s, e) in enumerate(triggers):
            if not self.with_trigger(doc, (s, e), hi) and doc[e - 1].lower_ not in self.lang.meetings["addressee_words"]:
                continue
            if doc[s].lower_ in self.visit_cues:
                continue
            stop = triggers[n + 1][0] if n + 1 < len(triggers) else hi
            if n == 0 and opening is not None:
                stop = min(stop, opening)
            listed = any(doc[j].text == ";" for j in range(e, stop))
            plural = any(t.lower_ in self.plural_meetings for t in doc[s:e])
            e -= doc[e - 1].is_title      # "met President B": the trigger ends inside the counterpart's name
            starts = {r.start for r in refs}
            for j in range(e, stop):
                seen = any(e <= r.start and r.end <= j for r in refs)
                # (not the commas of a list: "… with A, B, and C", nor one before a second: "…, as well as with D")
                listing = j + 1 in starts or j + 2 in starts and doc[j + 1].lower_ in self.list_joiners or \
                    self.second_list(doc, j + 1, stop)
                if doc[j].lower_ in self.lang.meetings["clause_openers"] or \
                        (doc[j].text in (",", ";") and seen and not (listed or plural or listing)):
                    stop = j
                    break
            # "… with A, B and C, as well as with D and E": a second list after a second 'with'
            cuts = [k for k in range(e + 1, stop) if doc[k].lower_ in self.lang.meetings["counterpart_words"]
                    and doc[k - 1].lower_ in self.list_openers]
            for a, b in zip([e, *cuts], [*cuts, stop]):
                if listed or plural:
                    groups += self.list_items(doc, a, b, refs, None if plural else ";")
                else:
                    groups += [g for g in [[r for r in refs if a <= r.start and r.end <= b]] if g]
        flat = [r.actor for g in groups for r in g]
        return groups if len(flat) == len(set(flat)) else []

    def second_list(self, doc: Doc, k: int, stop: int) -> bool:
        """A second 'with' after list openers of two words or more from token k ("…, as well as with", "…, así
        como con"; after ", y con" the same meeting goes on)."""
        j = k
        while j < stop and doc[j].lower_ in self.list_openers:
            j += 1
        return j > k + 1 and j < stop and doc[j].lower_ in self.lang.meetings["counterpart_words"]

    def list_items(self, doc: Doc, start: int, stop: int, refs: list[Ref], separator: str | None) -> list[list[Ref]]:
        """The actors of a list, one group per item: items end at the separator (any of ',', ';',
        'and', 'y' if None) once they name a person or a country."""
        ends = {";", ",", "and", "y", "e"} if separator is None else {separator}
        items, current = [], []
        for r in sorted((r for r in refs if start <= r.start and r.end <= stop), key=lambda r: r.start):
            gap = {t.lower_ for t in doc[current[-1].end:r.start]} if current else set()
            if current and gap & ends and any(c.type in (PERSON, COUNTRY) for c in current):
                items.append(current)
                current = []
            current.append(r)
        if current:
            items.append(current)
        # A country right before its person is the same item ("Chile's Under-Secretary … Ahumada").
        return items if separator or len(items) < 2 else self.join_owners(items)

    @staticmethod
    def join_owners(items: list[list[Ref]]) -> list[list[Ref]]:
        out: list[list[Ref]] = []
        for item in items:
            if out and all(r.type == COUNTRY for r in out[-1]) and any(r.type == PERSON for r in item):
                out[-1] = out[-1] + item
            else:
                out.append(item)
        return out
