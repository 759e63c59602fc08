"""Facts from sentences: meetings, commitments and agreements found by the patterns of the
document's language (data/lexicons/<lang>/), with their actors, dates and status."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from . import identity
from .actors import COUNTRY, ORGANISATION, PERSON, Mentions, Ref
from .lexicon import Language, date_names, token_pattern
from .text import Sentence
from .when import DatePhrase
from .when import find as find_dates

_CAPITAL = re.compile(r"^[A-ZÁÉÍÓÚÑ]")
_ORDINAL = re.compile(r"^(\d+(º|°|st|nd|rd|th|\.º)?|[IVXL]+)$")
_NOT_MODIFIERS = {"the", "a", "an", "el", "la", "un", "una", "del", "of", "million", "billion", "new", "first", "this", "that",
                  "signed", "with", "and", "to", "its", "his", "her"}
_CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "para", "sobre", "en", "contra", "of", "the", "on", "for",
               "and", "in", "to", "-", "–", "a", "al"}
_ARTICLES = {"el", "la", "los", "las", "the"}       # inside a name only after a preposition ("de la", "of the")
_LOCATIVE = {"en", "in", "at"}                      # "… Dialogue in Washington": the place is not in the name


_SPANS = ("part", "bare_month", "relative_year")     # date phrases that name a period, not a day


def _matcher(vocab, label: str, lines: list[str]) -> Matcher:
    """A matcher of the lexicon's pattern lines (kg.extract.lexicon.token_pattern syntax)."""
    matcher = Matcher(vocab)
    matcher.add(label, [token_pattern(p) for p in lines])
    return matcher


def _after(value, reference) -> bool:
    """A date that starts after the document's date (known to the day)."""
    if reference is None or not reference.day or value is None:
        return False
    return value.start.as_date() > reference.as_date()


@dataclass
class Found:
    """A fact as the rules see it, before it gets its id and name."""
    kind: str                      # meeting | commitment | agreement
    sentence: Sentence
    start: int                     # character offsets of the evidence
    end: int
    refs: list[Ref] = field(default_factory=list)
    name: str | None = None        # the instrument's or event's own name, if it has one
    subtype: str | None = None     # meeting kind / agreement kind
    status: str | None = None
    date: object = None
    place: str | None = None
    confidence: float = 0.7
    aliases: list[str] = field(default_factory=list)
    trigger: int | None = None     # token where the stating words start (subjects come before)
    others: list[Ref] = field(default_factory=list)   # actors named elsewhere in the sentence
    countries: list[str] = field(default_factory=list)  # the countries the mention itself names ("U.S.–Panama …")
    signing: bool = False          # the sentence reports its signature as an act ("firmaron", "the parties signed")
    sequel: bool = False           # told as following the meeting before ("Posteriormente, …"): another meeting


class Rules:
    def __init__(self, lang: Language, vocab, gaz=None):
        self.lang = lang
        self.meeting = _matcher(vocab, "meeting", lang.meetings["triggers"])
        self.commitment = _matcher(vocab, "commitment", lang.commitments["triggers"])
        self.event_heads = set(lang.meetings["event_heads"])
        self.body_heads = set(lang.meetings["body_heads"])
        self.heads = {w: kind for kind, ws in lang.agreements["heads"].items() for w in ws}
        self.common_heads = {w.lower(): kind for kind, ws in lang.agreements["common_heads"].items() for w in ws}
        # Status cues: phrases, or regular expressions after "~" ("~welcom\\w* \\w+['’]s accession").
        self.status = [(status, re.compile(cue[1:] if cue.startswith("~") else rf"(?<!\w){re.escape(cue.lower())}(?!\w)"))
                       for status, cues in lang.agreements["status"].items() for cue in cues]
        self.not_in_names = {w.lower() for w in lang.agreements["not_in_names"]}
        self.beneficiary = set(lang.agreements["beneficiary_markers"])
        self.name_prepositions = {w.lower() for w in lang.agreements.get("name_prepositions", [])}
        self.not_signing = set(lang.agreements.get("not_signing_after", []))
        self.generic_words = {identity.fold(w) for w in lang.agreements["generic_words"]}
        self.date_words = date_names()
        self.scheduled = lang.meetings["scheduled_cues"]
        self.recalled = _matcher(vocab, "recalled", lang.meetings["recalled"])
        self.session = _matcher(vocab, "session", lang.meetings["session_verbs"])
        self.plan = _matcher(vocab, "plan", lang.meetings["plan_cues"])
        self.reporting = set(lang.meetings["reporting_verbs"])
        self.visit_cues = set(lang.meetings["visit_cues"])
        self.place_prepositions = set(lang.meetings["place_prepositions"])
        places = gaz.places.values() if gaz else []
        self.place_types = {p.id: p.type for p in places}
        self.place_countries = {p.id: p.country for p in places if p.country}
        self.creation = set(lang.meetings["not_meetings_after"])
        self.past = lang.meetings["past_cues"]
        self.source_openers = _matcher(vocab, "source", lang.meetings["source_openers"])
        self.creation_cues = _matcher(vocab, "creation", lang.agreements["creation_cues"])
        self.continuation = _matcher(vocab, "continuation", lang.commitments["continuations"])
        self.topic_before = _matcher(vocab, "topic", lang.actors["topic_before"])

    def prepare(self, doc: Doc, mentions: Mentions | None = None) -> None:
        """Run the matchers once over the whole document; sentences take their share."""
        self._recalled_hits = sorted({(s, e) for _, s, e in self.recalled(doc)})
        self._plan_hits = sorted({(s, e) for _, s, e in self.plan(doc)})
        self._session_hits = sorted({(s, e) for _, s, e in self.session(doc)})
        self._place_starts = {s for s, _, _ in mentions.places} if mentions else set()
        self._name_tokens = [(r.start, r.end) for r in mentions.refs] if mentions else []
        self._country_tokens = {i for r in mentions.refs if r.type == COUNTRY for i in range(r.start, r.end)} if mentions else set()
        self._meeting_hits = sorted({(s, e) for _, s, e in self.meeting(doc)})
        self._commitment_hits = sorted((s, e) for _, s, e in self.commitment(doc))
        self._not_actors = self.sources(doc) | self.topics(doc, mentions.refs if mentions else [])

    # ------------------------------------------------------------ helpers

    def actors_in(self, mentions: Mentions, lo: int, hi: int) -> list[Ref]:
        """The actors a sentence names as such: not the source of the report, nor a country it
        names as a topic."""
        return [r for r in mentions.in_span(lo, hi) if r.start not in self._not_actors]

    def sources(self, doc: Doc) -> set[int]:
        """Tokens naming the source of a report: 'Según un comunicado de la Cancillería, …',
        'According to a State Department readout, …', '…, informó hoy el Ministerio …', '…, said
        the Ministry in a statement.' — from the opener to the next comma or the sentence's end."""
        stops = {",", ";", ".", ":", "—", "–", "que", "that"}      # "dijo … que": what follows is the report
        out: set[int] = set()

        def clause(j: int) -> None:
            start = j
            while j < len(doc) and doc[j].lower_ not in stops and not (j > start and doc[j].is_sent_start):
                out.add(j)
                j += 1

        for _, s, e in self.source_openers(doc):
            if s == 0 or doc[s].is_sent_start or doc[s - 1].lower_ in stops | {"and", "y", "e"}:
                clause(e)
        for tok in doc[1:]:
            if tok.lower_ in self.reporting and doc[tok.i - 1].text == ",":
                clause(tok.i + 1)
        return out

    def topics(self, doc: Doc, refs: list[Ref]) -> set[int]:
        """Countries a sentence talks about rather than with: 'the situation in Venezuela',
        'support for Haiti', 'la crisis en Haití' — and those listed with them."""
        starts = {r.start: r for r in refs if r.type == COUNTRY}
        out: set[int] = set()
        for _, _s, e in self.topic_before(doc):
            j = e
            while j in starts:
                out.add(j)
                j = starts[j].end
                while j < len(doc) and doc[j].lower_ in (",", "and", "or", "y", "e", "o", "u"):
                    j += 1
        return out

    def cue(self, words: list[str], span: Span) -> bool:
        lowered = [t.lower_ for t in span]
        for w in words:
            if w.startswith("~"):
                rx = re.compile(w[1:])
                if any(rx.match(t) for t in lowered):
                    return True
            elif w in lowered:
                return True
        return False

    def same_day(self, sent: Sentence) -> bool:
        """A sentence opening with 'Posteriormente', 'Later': told on the day of the one before."""
        opening = " ".join(t.lower_ for t in sent.span[:3])
        return any(opening.startswith(cue + " ") or opening.startswith(cue + " ,") for cue in self.lang.meetings["same_day_cues"])

    def future(self, span: Span) -> bool:
        return self.cue(self.scheduled, span)

    def chunk(self, doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
        """The capitalised name around token i. Small words join capitalised ones inside it, an
        article only after a preposition ("de la", "of the"); a date ("… Accords on December 10")
        or a place after "in"/"en" ("… Dialogue in Washington") ends it."""
        def joins(a: int, b: int) -> bool:          # doc[a:b] are connectors between two capitals
            words = [t.lower_ for t in doc[a:b]]
            if not words or words[0] in _LOCATIVE and b in self._place_starts:
                return False
            if words[0] in _ARTICLES and doc[a - 1].lower_ not in self.name_prepositions:
                return False    # "… en Quito el Tercer Diálogo": two names ("Treaty Concerning the …": one)
            # A country joins the name after it only as its owner: "… de Chile", "U.S.–Panama …",
            # not "la adhesión del Ecuador a la Iniciativa …".
            return not (a - 1 in self._country_tokens and words[0] not in ("de", "del", "of", "-", "–"))

        def capital(k: int) -> bool:
            return bool(_CAPITAL.match(doc[k].text)) and doc[k].text not in ("(", "“") and doc[k].lower_ not in self.date_words

        s = i
        while s - 1 >= lo:
            if capital(s - 1):
                s -= 1
                continue
            k = s - 1
            while k >= lo and doc[k].lower_ in _CONNECTORS:
                k -= 1
            if k < s - 1 and k >= lo and capital(k) and joins(k + 1, s):
                s = k
                continue
            break
        e = i + 1
        while e < hi:
            if capital(e):
                e += 1
                continue
            k = e
            while k < hi and doc[k].lower_ in _CONNECTORS:
                k += 1
            if k > e and k < hi and capital(k) and joins(e, k):
                e = k + 1
                continue
            break
        while s < i and (doc[s].lower_ in _CONNECTORS or doc[s].lower_ in self.not_in_names):
            s += 1
        return s, e

    @staticmethod
    def acronym_after(doc: Doc, e: int, hi: int) -> str | None:
        if e + 2 < hi + 1 and e + 2 <= len(doc) - 1 and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].text.isupper():
            return doc[e + 1].text
        return None

    # ------------------------------------------------------------ meetings

    def meetings(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        span = sent.span
        lo, hi = span.start, span.end
        triggers = [(s, e) for s, e in self._meeting_hits if lo <= s and e <= hi]
        triggers = [t for t in triggers if not self.anaphoric(doc, t[0])]
        recalled = [t for t in self._recalled_hits if lo <= t[0] and t[1] <= hi]
        triggers = [t for t in triggers if not any(r[0] <= t[0] < r[1] for r in recalled)]
        refs = self.participants(doc, self.actors_in(mentions, lo, hi), lo, hi, triggers)
        events = self.named_events(doc, lo, hi, triggers, refs)
        found = [self.recalled_meeting(sent, doc, t, refs, mentions, reference) for t in recalled]
        if not triggers and not events:
            return found
        # The trigger's own tense first ("se reunió" is past whatever else the sentence announces),
        # unless the sentence plans it ("agreed to hold", "acordaron celebrar", "accepted the invitation to visit").
        first = triggers[0][0] if triggers else events[0][0]
        # The verb that states the meeting: its trigger, or the session verb after a body's name
        # ("el VI Gabinete Binacional se realizará"), else the whole sentence.
        session = next(((s, e) for s, e in self._session_hits if events and events[0][1] <= s <= events[0][1] + 3), None)
        verbs = doc[triggers[0][0]:triggers[0][1]] if triggers else doc[session[0]:session[1]] if session else span
        planned = any(s <= first + 1 for s, _ in self._plan_hits if lo <= s < hi)
        told = next((t for t in (self.relative_tense(doc, tr, hi) for tr in triggers) if t is not None), None) \
            if not planned else None
        future = told if told is not None else \
            planned or not self.cue(self.past, verbs) and (self.future(verbs) or self.future(span))
        if reference is not None and not planned and future != self.future(span):
            dates = find_dates(sent.text, reference, future)
        here = []
        if events:
            for (_s, _e, name, acronym) in events:
                here.append(Found("meeting", sent, sent.start, sent.end, refs, name, confidence=0.75,
                                  aliases=[acronym] if acronym else []))
        else:
            groups = self.with_groups(doc, triggers, refs, hi)
            trips = self.destinations(doc, triggers, refs, mentions, hi) if len(groups) < 2 else []
            if len(groups) > 1:
                subject = [r for r in refs if not any(r in g for g in groups)]
                for g in groups:
                    here.append(Found("meeting", sent, sent.start, sent.end, subject + g, confidence=0.7))
            elif trips:
                for g, place in trips:
                    here.append(Found("meeting", sent, sent.start, sent.end, g, confidence=0.7, place=place))
            else:
                here.append(Found("meeting", sent, sent.start, sent.end, refs, confidence=0.8))
        lowered = {t.lower_ for t in span}
        kind = ("call" if lowered & set(self.lang.meetings["call_cues"]) else
                "multilateral" if lowered & set(self.lang.meetings["multilateral_cues"]) else "in-person")
        date = next((d.value for d in dates if d.value is not None and not d.year_only), None) or \
            next((d.value for d in dates if d.value is not None), None)
        # Not a place inside an event's name or an actor's title ("subsecretario de Estado de Estados Unidos, …").
        names = [(s, e) for s, e, _, _ in events] + [(r.start, r.end) for r in refs if r.type != COUNTRY] + mentions.qualifiers
        place = self.place(doc, mentions, lo, hi, names)
        for f in here:
            f.trigger = first
            f.subtype = kind if not (f.name and kind == "in-person" and self.cue(self.lang.meetings["multilateral_cues"], doc[lo:hi])) else "multilateral"
            f.status = "scheduled" if future else "held"
            f.date = date
            f.place = f.place or place
        return found + here

    def relative_tense(self, doc: Doc, trigger, hi: int) -> bool | None:
        """'la visita que el secretario realizó a Santo Domingo en febrero', 'the visit that the
        Secretary paid in May': a meeting noun whose relative clause tells its tense (True: future)."""
        s, e = trigger
        if e - s != 1 or doc[s].lower_ not in self.lang.meetings["anaphoric_nouns"] or e >= hi:
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
        after = sent.text[doc[t[1] - 1].idx + len(doc[t[1] - 1].text) - sent.start:]
        clause = re.split(r"[,;.]", after, maxsplit=1)[0]
        offset = len(sent.text) - len(after)
        dates = [d for d in find_dates(sent.text, reference, False) if offset <= d.start <= offset + len(clause)]
        date = next((d.value for d in dates if d.value is not None), None)
        end = next((j for j in range(t[1], sent.span.end) if doc[j].text in (",", ";", ".")), sent.span.end)
        places = [p for s, e, p in mentions.places if t[1] <= s and e <= end]
        kind = "call" if doc[t[0]:t[1]].text.lower() in self.lang.meetings["call_cues"] else "in-person"
        return Found("meeting", sent, sent.start, sent.end, refs, confidence=0.6, subtype=kind, status="held",
                     date=date, place=places[0] if places else None, trigger=t[0])

    def participants(self, doc: Doc, refs: list[Ref], lo: int, hi: int, triggers) -> list[Ref]:
        """The sentence's actors but its source: 'informó el Ministerio…' at its end, 'Martínez
        confirmó también que el presidente Arévalo viajará…' before the person it reports on."""
        out = refs
        for j in range(lo + 1, hi):
            if doc[j].lower_ not in self.reporting:
                continue
            later = [s for s, _ in triggers if s > j]
            if doc[j - 1].text == "," and not later:
                out = [r for r in out if r.start < j] or out       # ", informó el Ministerio …"
                continue
            that = next((k for k in range(j + 1, min(hi, j + 4)) if doc[k].lower_ in ("que", "that")), None)
            if that is not None and later and any(r.type == PERSON and that < r.start <= that + 4 and r.start < later[0] for r in out):
                out = [r for r in out if r.start > that]          # "X confirmó que el presidente Y viajará …"
        return out

    def place(self, doc: Doc, mentions: Mentions, lo: int, hi: int, names) -> str | None:
        """Where: a place after "in"/"en"/"a" first, a city before a country; not one inside the
        event's name ("U.S.–Panama Bilateral Security Dialogue") or naming an actor's country
        ("Subsecretario de Estado de los Estados Unidos")."""
        cands = [(s, e, p) for s, e, p in mentions.places if lo <= s and e <= hi and not any(a <= s < b for a, b in names)]
        def rank(c):
            s, _, p = c
            locative = s > lo and doc[s - 1].lower_ in self.place_prepositions
            return (not locative, self.place_types.get(p) != "City", s)
        return min(cands, key=rank)[2] if cands else None

    def destinations(self, doc: Doc, triggers, refs: list[Ref], mentions: Mentions, hi: int) -> list[tuple[list[Ref], str]]:
        """One trip to places in two countries ("will travel to Ottawa, Canada, and Brasília,
        Brazil") is a meeting in each: the travellers and each destination's country."""
        visit = next(((s, e) for s, e in triggers if doc[s].lower_ in self.visit_cues), None)
        if visit is None:
            return []
        at = {s: (e, p) for s, e, p in mentions.places}
        j = visit[1]
        while j < hi and doc[j].lower_ in self.place_prepositions:
            j += 1
        chain = []      # the places listed right after the verb: "Ottawa, Canada, and Brasília, Brazil"
        while j in at:
            e, p = at[j]
            chain.append((j, p))
            j = e
            while j < hi and (doc[j].text == "," or doc[j].lower_ in ("and", "y", "e") or j in self._country_tokens and j not in at):
                j += 1
        stops: dict[str, tuple[int, str]] = {}
        for s, p in chain:
            country = self.place_countries.get(p)
            if country and (country not in stops or self.place_types.get(p) == "City" != self.place_types.get(stops[country][1])):
                stops[country] = (s, p)
        if len(stops) < 2:
            return []
        travellers = [r for r in refs if r.end <= visit[0]]
        return [(travellers + [Ref(c, COUNTRY, s, s + 1, c)], p) for c, (s, p) in stops.items()]

    def anaphoric(self, doc: Doc, start: int) -> bool:
        """'esta conversación', 'this meeting': a demonstrative pointing at a meeting already stated."""
        demonstratives = {"este", "esta", "estas", "estos", "dicha", "dicho", "this", "these"}
        return start > 0 and doc[start - 1].lower_ in demonstratives and doc[start].lower_ in self.lang.meetings["anaphoric_nouns"]

    def named_events(self, doc: Doc, lo: int, hi: int, triggers, refs) -> list[tuple[int, int, str, str | None]]:
        out = []
        meeting_words = set(self.lang.meetings["anaphoric_nouns"])
        for tok in doc[lo:hi]:
            if tok.text in self.event_heads or tok.text in self.body_heads:
                s, e = self.chunk(doc, tok.i, lo, hi)
                others = [t for t in doc[s:e] if _CAPITAL.match(t.text) and t.i != tok.i and t.lower_ not in ("el", "la", "the")]
                if not others:
                    continue
                # An actor's name is not an event ("Foro de Cooperación Económica Asia-Pacífico"), unless
                # the sentence says the body sits ("la Comisión Mixta…, que sesionará…").
                sits = any(e <= ts <= e + 3 for ts, _ in self._session_hits)
                if any(a[0] <= s < a[1] for a in out) or not sits and any(r.start <= s and e <= r.end for r in refs):
                    continue
                if tok.text in self.body_heads:
                    # A body's session: "reunión inaugural del Grupo de Trabajo…", "meetings of the … Council",
                    # "un Grupo Técnico…, que sesionará por primera vez…", "el VI Gabinete Binacional se realizará…".
                    window = doc[max(lo, s - 6):s]
                    if not any(t.lower_ in meeting_words for t in window) and not any(ts <= s <= te + 4 for ts, te in triggers) \
                            and not any(e <= ts <= e + 3 for ts, _ in [*triggers, *self._session_hits]):
                        continue
                # "relaunch their bilateral Commercial Dialogue": the mechanism is set up, no session is stated.
                if not triggers and not any(e <= ts <= e + 3 for ts, _ in self._session_hits) and \
                        any(t.lower_ in self.creation for t in doc[max(lo, s - 4):s]):
                    continue
                if any(t.text in self.heads for t in doc[s:e]) and self.status_cues(doc[lo:hi].text.lower()):
                    continue  # "Foro de la Asociación…" joined as an instrument, not a meeting
                # Ordinals before the name belong to it ("52º Asamblea General", "Ninth Summit").
                while s - 1 >= lo and _ORDINAL.match(doc[s - 1].text):
                    s -= 1
                out.append((s, e, doc[s:e].text, self.acronym_after(doc, e, hi)))
        return out

    def with_groups(self, doc: Doc, triggers, refs: list[Ref], hi: int) -> list[list[Ref]]:
        """The actors each 'met with …' phrase names, up to the next trigger or clause end."""
        groups = []
        for n, (s, e) in enumerate(triggers):
            if doc[e - 1].lower_ not in ("with", "con", "to") and not (e < hi and doc[e].lower_ in ("with", "con")):
                continue
            if doc[s].lower_ in self.visit_cues:
                continue    # "traveled to Panama City …, where he met with …": a destination, not a party
            stop = triggers[n + 1][0] if n + 1 < len(triggers) else hi
            for j in range(e, stop):
                seen = any(e <= r.start and r.end <= j for r in refs)
                if doc[j].lower_ in ("to", "para", "where", "donde", "which", "que", ";") or (doc[j].text == "," and seen):
                    stop = j
                    break
            g = [r for r in refs if e <= r.start and r.end <= stop]
            if g:
                groups.append(g)
        flat = [r.actor for g in groups for r in g]
        return groups if len(flat) == len(set(flat)) else []

    # ------------------------------------------------------------ commitments

    def commitments(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        not_after = set(self.lang.commitments.get("not_after", []))
        hits = [(s, e) for s, e in self._commitment_hits if lo <= s and e <= hi and not (s > lo and doc[s - 1].lower_ in not_after)]
        if not hits:
            return []
        # "a growing group of nations committed to …": a participle describing a noun, not a commitment.
        participles = set(self.lang.commitments.get("participles", []))
        auxiliaries = set(self.lang.commitments.get("auxiliaries", []))
        refs = self.actors_in(mentions, lo, hi)
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in participles and s > lo and doc[s - 1].is_alpha and
                                                doc[s - 1].is_lower and doc[s - 1].lower_ not in auxiliaries and
                                                not any(r.start <= s - 1 < r.end for r in refs))]
        if not hits:
            return []
        # In direct speech a future is an opinion ("“La relación … seguirá creciendo”, afirmó …"):
        # only the words of committing state a commitment there.
        quoted = self.quoted(doc, lo, hi)
        hits = [(s, e) for s, e in hits if s not in quoted or self.cue(self.lang.commitments["in_quotes"], doc[s:e])]
        # "acordaron volver a reunirse", "agreed to meet again": a meeting planned, not a commitment.
        hits = [(s, e) for s, e in hits if not any(ps == s for ps, _ in self._plan_hits if self.cue(self.lang.commitments["meeting_plans"], doc[ps:_]))]
        if not hits:
            return []
        # When it was made: a day the text gives, not the deadline it sets ("durante el primer semestre de 2026").
        date = next((d.value for d in dates if d.value is not None and not d.year_only and d.kind not in _SPANS
                     and not _after(d.value, reference)), None)
        channels = [c.split() for c in self.lang.commitments.get("channels", [])]
        out: list[Found] = []
        for (s, e), start, end in self.commitment_clauses(doc, hits, lo, hi):
            # The giver with the subject: who channels it ("… a través de la Oficina … (INL)").
            subject = [r for r in refs if start <= r.start and r.end <= s or r.start > e and r.end <= end and
                       self.after_channel(doc, r.start, channels)]
            if out and not subject:
                subject = out[0].refs      # "… committed to deepen … and to expand …": the same subject
            clause = doc[start:end]
            what = re.sub(r"^[-•–*·\s]+", "", (sent.span if not out and end == hi else clause).text)
            if len(what) > 160:
                what = what[:160].rsplit(" ", 1)[0] + "…"
            f = Found("commitment", sent, clause.start_char if out else sent.start, clause.end_char if end < hi else sent.end,
                      subject, what, confidence=0.75 if subject else 0.6, trigger=s, others=[r for r in refs if r not in subject])
            f.date = date
            f.aliases = [doc[e - 1:end].text if re.search(r"(ar|er|ir)$", doc[e - 1].lower_) else doc[e:end].text]
            out.append(f)
        return out

    def commitment_clauses(self, doc: Doc, hits, lo: int, hi: int):
        """The commitments a sentence joins: '… committed to deepen X, and to expand Y', '… se
        comprometieron a fortalecer X y a facilitar Y', '… agreed to launch X, and Paraguay committed
        to Y'. Yields (trigger, clause start, clause end)."""
        joins = {"and", "y", "e", ";"}
        # A second trigger counts after a conjunction only ("agreed to work … and committed to …").
        kept = [hits[0]]
        for s, e in hits[1:]:
            if s >= kept[-1][1] and any(t.lower_ in joins for t in doc[kept[-1][1]:s]):
                kept.append((s, e))
        # A continuation with no trigger of its own: "and to expand …", "y a facilitar …".
        longest: dict[int, int] = {}
        for _, s, e in self.continuation(doc):
            if lo <= s and e <= hi and s >= hits[0][1] and not any(k[0] - 3 <= s < k[1] for k in kept):
                longest[e] = min(s, longest.get(e, s))
        clauses = [(lo, *kept[0])]
        for s, e, trigger in sorted([(s, e, True) for s, e in kept[1:]] + [(s, e, False) for e, s in longest.items()]):
            start = s
            if trigger:     # the clause opens at its conjunction: "…, and Paraguay committed to …"
                start = max((j for j in range(clauses[-1][2], s) if doc[j].lower_ in joins), default=s)
            clauses.append((start, s, e))
        for n, (start, s, e) in enumerate(clauses):
            end = clauses[n + 1][0] if n + 1 < len(clauses) else hi
            while end > start + 1 and doc[end - 1].text == ",":
                end -= 1
            yield (s, e), start, end

    def quoted(self, doc: Doc, lo: int, hi: int) -> set[int]:
        """Tokens inside quotation marks."""
        out, opener = set(), None
        pairs = {"“": "”", "«": "»", '"': '"'}
        for j in range(lo, hi):
            t = doc[j].text
            if opener is not None and t == pairs[opener]:
                opener = None
            elif opener is None and t in pairs:
                opener = t
            elif opener is not None:
                out.add(j)
        return out if opener is None else set()

    @staticmethod
    def after_channel(doc: Doc, i: int, channels: list[list[str]]) -> bool:
        j = i
        while j > 0 and doc[j - 1].lower_ in ("the", "el", "la", "los", "las"):
            j -= 1
        return any(j >= len(c) and [t.lower_ for t in doc[j - len(c):j]] == c for c in channels)

    # ------------------------------------------------------------ agreements

    def agreements(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        text = sent.text.lower()
        cues = self.status_cues(text)
        out: list[Found] = []
        taken: set[int] = set()
        refs = self.actors_in(mentions, lo, hi)
        # "anunciaron la creación de un Grupo de Implementación …": a body set up is an initiative.
        created = {}
        for _, cs, ce in self.creation_cues(doc):
            j = ce
            while lo <= cs and j < hi and doc[j].lower_ in self.lang.agreements["articles"]:
                j += 1
            if lo <= cs and j < hi and _CAPITAL.match(doc[j].text) and not any(r.start <= j < r.end and r.type != ORGANISATION for r in refs):
                created[j] = "initiative"
        for tok in doc[lo:hi]:
            if tok.i in taken:
                continue
            kind = self.heads.get(tok.text) or created.get(tok.i)
            if kind:
                s, e = self.chunk(doc, tok.i, lo, hi)
                capitals = [t for t in doc[s:e] if _CAPITAL.match(t.text) and t.text not in self.heads]
                if not capitals and not (tok.text.isupper() and len(tok.text) > 2):
                    continue
                if tok.i not in created and any(r.start <= s and e <= r.end for r in refs):
                    continue  # an actor's name ("Foro de Cooperación Económica Asia-Pacífico")
                if s == lo and e - s <= 2 and not capitals[1:]:
                    continue  # "Carta …" opening a sentence
            else:
                kind = self.common_of(doc, tok.i, hi)
                if not kind or not (cues or doc[tok.i - 1].lower_ in self.lang.agreements["possessives"]):
                    continue
                if doc[tok.i - 1].lower_ == "de" and tok.lower_ == "acuerdo":
                    continue  # "de acuerdo con": according to
                s, e = self.common_chunk(doc, tok.i, lo, hi)
                if e < hi and _CAPITAL.match(doc[e].text):
                    continue  # "la iniciativa Blue Dot Network": the name follows
                if s == tok.i and self.back_reference(doc, s, e, hi):
                    continue  # "the text of the agreement", "los acuerdos alcanzados": one already stated
            e2 = self.complement(doc, s, e, hi)
            acronym = self.acronym_after(doc, e, hi) or self.acronym_after(doc, e2, hi)
            taken.update(range(s, e2))
            at = doc[s].idx - sent.start
            status = min(cues, key=lambda c: abs(c[0] - at) if c[0] < at else abs(c[0] - at) + 40)[2] if cues else None
            # The date of that status: not "this year" (of an anniversary…), nor, but for an announced
            # instrument, a date still to come ("que esperan concluir en el primer trimestre de 2026").
            date = next((d.value for d in dates if d.value is not None and d.kind != "relative_year"
                         and (status == "announced" or not _after(d.value, reference))), None)
            parties = [r for r in self.parties(doc, refs, e2, hi) if not (s <= r.start and r.end <= e2 and tok.i in created)]
            f = Found("agreement", sent, sent.start, sent.end, parties, doc[s:e2].text, kind, status,
                      date, confidence=0.75 if kind else 0.6,
                      aliases=[a for a in (acronym, doc[s:e].text if e2 > e else None) if a], trigger=s,
                      countries=self.named_countries(doc, refs, s, e2, hi))
            f.signing = status == "signed" and self.signing(doc, lo, hi, s, e2)
            out.append(f)
        return out

    def back_reference(self, doc: Doc, s: int, e: int, hi: int) -> bool:
        """A bare common noun after a definite article ("the agreement", "los acuerdos alcanzados")
        points back at an instrument; words saying what it is about make it a new mention ("el
        acuerdo sobre interceptación aérea", "the agreement on cultural property")."""
        if doc[s - 1].lower_ not in self.lang.agreements["definite_articles"]:
            return False
        nxt = doc[e].lower_ if e < hi else ""
        if nxt in self.lang.agreements["naming_prepositions"]:
            return False
        return not (nxt in ("de", "of") and e + 1 < hi and doc[e + 1].lower_ not in self.lang.agreements["definite_articles"])

    def signing(self, doc: Doc, lo: int, hi: int, s: int, e: int) -> bool:
        """A finite verb of signing outside the instrument's name: "Firmaron un Memorando…", "the
        parties signed a memorandum" — not "the Agreement signed in 2009"."""
        verbs = set(self.lang.agreements["signing_verbs"])
        for j in range(lo, hi):
            if doc[j].lower_ in verbs and not s <= j < e and not (j > lo and (s <= j - 1 < e or doc[j - 1].lower_ in self.not_signing)):
                return True
        return False

    def status_cues(self, text: str) -> list[tuple[int, int, str]]:
        """(offset, length, status) of the status words of a sentence; a cue inside a longer one
        does not count ("sign" in "are expected to sign", "adhesión" in "saludaron la adhesión")."""
        found = [(m.start(), m.end(), status) for status, rx in self.status for m in rx.finditer(text)]
        kept = [c for c in found if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in found)]
        return [(a, b - a, status) for a, b, status in sorted(set(kept))]

    def parties(self, doc: Doc, refs: list[Ref], e: int, hi: int) -> list[Ref]:
        """The actors of an agreement's sentence but the bodies its purpose names after it ("…
        que prevé capacitación para la Policía Nacional Civil"): beneficiaries, not parties."""
        cut = next((j for j in range(e, hi) if doc[j].lower_ in self.beneficiary), hi)
        return [r for r in refs if r.start < cut or r.type == COUNTRY]

    @staticmethod
    def named_countries(doc: Doc, refs: list[Ref], s: int, e: int, hi: int) -> list[str]:
        """The countries an agreement's mention names: in its name ("United States–Panama Trade
        Promotion Agreement"), as its owner ("Panama's …") or after "entre"/"between"."""
        between = e
        if e < hi and doc[e].lower_ in ("entre", "between"):
            between = e + 1
            while between < hi and (doc[between].lower_ in ("el", "la", "los", "las", "the", "y", "and", ",", "de", "of")
                                    or any(r.start <= between < r.end and r.type == COUNTRY for r in refs)):
                between += 1
        lower = s - 2 if s > 1 and doc[s - 1].text in ("’s", "'s") else s
        return list(dict.fromkeys(r.country for r in refs if r.type == COUNTRY and r.country and r.start < between and r.end > lower))

    def common_of(self, doc: Doc, i: int, hi: int) -> str | None:
        for phrase, kind in self.common_heads.items():
            words = phrase.split()
            if doc[i].lower_ == words[0] and i + len(words) <= hi and doc[i:i + len(words)].text.lower() == phrase:
                return kind
        return None

    def common_chunk(self, doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
        """'our cultural property agreement', 'el acuerdo sobre interceptación aérea'."""
        s = i
        while s - 1 >= lo and doc[s - 1].is_lower and doc[s - 1].lower_ not in self.lang.agreements["possessives"] \
                and doc[s - 1].lower_ not in _NOT_MODIFIERS and self.lang.code == "en" and i - s < 3:
            s -= 1
        n = len(next(p for p in self.common_heads if doc[i:i + len(p.split())].text.lower() == p).split())
        return s, i + n

    def complement(self, doc: Doc, s: int, e: int, hi: int) -> int:
        """A generic name goes on with what it is about: 'Memorando de Entendimiento … sobre cooperación en …'."""
        generic = all(t.text in self.heads or t.lower_ in self.common_heads or t.lower_ in _CONNECTORS or
                      identity.fold(t.lower_) in self.generic_words or t.lower_ in ("cooperación", "cooperation") for t in doc[s:e])
        if not generic:
            return e
        j = e
        if j < hi and doc[j].text == "(":
            while j < hi and doc[j].text != ")":
                j += 1
            j += 1
        if j < hi and doc[j].lower_ in ("entre", "between"):
            while j < hi and doc[j].lower_ not in ("sobre", "on", "for", "para", "en", "in", ",", "."):
                j += 1
        if j < hi and doc[j].lower_ in ("sobre", "on", "for", "para", "de", "of", "en", "in"):
            k = j + 1
            while k < hi and doc[k].is_alpha and doc[k].lower_ not in ("que", "which", "lo", "between", "entre", "con", "with", "y", "and"):
                k += 1
            while k > j + 1 and doc[k - 1].lower_ in _CONNECTORS:
                k -= 1      # "… on security cooperation in [and around the Canal]"
            if k > j + 1:
                return k
        return e
