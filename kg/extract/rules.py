"""The shared part of the sentence rules: a fact as the rules see it (Found), and what the rules of
every kind of fact use (kg.extract.meetings, commitments, agreements, places extend Rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .actors import Mentions
from .dates import find as find_dates
from .lexicon import Language, date_names, demonyms, fold, token_pattern
from .refs import COUNTRY, Ref
from .text import Sentence

_CAPITAL = re.compile(r"^[A-ZÁÉÍÓÚÑ]")
_ORDINAL = re.compile(r"^(\d+(º|°|st|nd|rd|th|\.º)?|[IVXL]+)$")


SOURCE_WORDS = 10     # at most, between the comma and the verb of "…, the Ministry said on Sunday."
SOURCE_TAIL = 4       # words after that verb before the sentence ends ("on Sunday", "in a statement")
DEMONYM_ADJECTIVES = 2  # words between a demonym and the topic noun it qualifies ("Venezuelan independent civil society")
TOPIC_AFTER_WINDOW = 5  # words after a country's possessive that may hold its topic noun ("Russia’s premeditated … invasion")
_SPANS = ("part", "bare_month", "relative_year")     # date phrases that name a period, not a day


def _split(line: str) -> tuple[str, float | None]:
    """'~^(will|shall)$ continue =0.6' -> the pattern and the confidence its facts get."""
    pattern, _, weight = line.partition(" =")
    return pattern, float(weight) if weight else None


def _matcher(vocab, label: str, lines: list[str]) -> Matcher:
    """A matcher of the lexicon's pattern lines (kg.extract.lexicon.token_pattern syntax), each
    under its own key `label:index` so that its confidence can be looked up."""
    matcher = Matcher(vocab)
    for i, line in enumerate(lines):
        matcher.add(f"{label}:{i}", [token_pattern(_split(line)[0])])
    return matcher


def weighted_hits(matcher: Matcher, doc: Doc, lines: list[str], default: float) -> dict[tuple[int, int], float]:
    """(start, end) of every match with the confidence of the surest pattern that made it."""
    out: dict[tuple[int, int], float] = {}
    for key, s, e in matcher(doc):
        weight = _split(lines[int(doc.vocab.strings[key].rsplit(":", 1)[1])])[1] or default
        out[(s, e)] = max(weight, out.get((s, e), 0.0))
    return out


def _after(value, reference) -> bool:
    """A date that starts after the document's date (known to the day)."""
    if reference is None or not reference.day or value is None:
        return False
    return value.start.as_date() > reference.as_date()


@lru_cache(maxsize=None)
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases as the text of folded tokens is searched: ' al dia siguiente '."""
    return tuple(f" {' '.join(fold(w) for w in p.split())} " for p in phrases)


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
    topic: str | None = None       # a commitment's topic (ontology/topics.ttl)
    refers_back: bool = False      # "The Declaration …": an instrument the text named before
    body_only: bool = False        # an initiative named but not joined: an organisation, no instrument
    definite: bool = False         # "the maritime agreement": a common noun that may name again one named before
    sequel: bool = False           # told as following the meeting before ("Posteriormente, …"): another meeting
    stated: bool = False           # an item of a statement whose parties a line before names: no one else is its actor
    pronoun: bool = False          # its subject is a pronoun standing for a person told before
    joins_last: bool = False       # tells who took part in the meeting told before ("The U.S. delegation was led by …")
    again: bool = False            # the meeting told before, its subject ("The meeting took place in …"): where or when it was
    recalled: bool = False         # a past meeting said in passing ("since our last meeting in November 2016")
    subjectless: bool = False      # names only counterparts ("… conveyed in the meetings with A and B"): whose?
    visitor: Ref | None = None     # the person "the visit of …" names
    visit: bool = False            # told as a visit ("will travel to", "the visit of", "visitará")
    untensed: bool = False         # its sentence gives no tense ("officials participating in the Summit …")
    described: tuple[str, str] | None = None   # the text's words for the encounter: ("with", "with several of the ministers")
    venue_countries: set[str] = field(default_factory=set)   # where the venues it names are ("at the White House": the U.S.)



class Rules:
    """What the rules of every kind of fact share: the language's lexicon, the matches run once per
    document, and helpers over sentences (sources, topics, names, cues). The rules of each kind
    (kg.extract.meetings, commitments, agreements, places) extend it."""

    def __init__(self, lang: Language, vocab, gaz=None):
        self.lang = lang
        self.heads = {w: kind for kind, ws in lang.agreements["heads"].items() for w in ws if " " not in w}
        # Heads of more than one word ("Letter of Intent", "Carta de Intención"): found per document.
        self.phrase_heads = [(w.split(), kind) for kind, ws in lang.agreements["heads"].items() for w in ws if " " in w]
        # Status cues: phrases, or regular expressions after "~" ("~welcom\\w* \\w+['’]s accession").
        self.status = [(status, re.compile(cue[1:] if cue.startswith("~") else rf"(?<!\w){re.escape(cue.lower())}(?!\w)"))
                       for status, cues in lang.agreements["status"].items() for cue in cues]
        self.not_in_names = {w.lower() for w in lang.agreements["not_in_names"]}
        self.name_prepositions = {w.lower() for w in lang.agreements.get("name_prepositions", [])}
        self.date_words = date_names()
        self.scheduled = lang.meetings["scheduled_cues"]
        self.later_words = set(lang.meetings["later"]["words"])
        self.later_to_come = set(lang.meetings["later"]["to_come"])
        self.noun_cues = set(lang.meetings["noun_cues"])
        self.plan = _matcher(vocab, "plan", lang.meetings["plan_cues"])
        self.reporting = frozenset(lang.meetings["reporting_verbs"])
        self.source_openers = _matcher(vocab, "source", lang.meetings["source_openers"])
        self.topic_before = _matcher(vocab, "topic", lang.actors["topic_before"])
        self.topic_after = frozenset(lang.actors["topic_after"])
        self.compound_topics = frozenset(lang.actors["compound_topics"])
        self.topic_nouns = frozenset(lang.actors["topic_nouns"])
        self.demonym_words = frozenset(w for names in demonyms().values() for w in names.get(lang.code, []))
        self.title_words = {w for t in lang.titles() for w in t.split()}
        self.portfolio_prepositions = set(lang.actors["portfolio_prepositions"])
        self.list_joiners = frozenset(lang.actors["list_joiners"])      # ",", "y", "and"
        # Words of travel: what makes a meeting a visit with stops ("viajará a", "arrived in").
        self.visit_cues = frozenset(lang.meetings["visit_cues"])
        self.arrival_words = frozenset(lang.meetings["arrival_words"])
        self.journey_words = self.visit_cues | self.arrival_words
        # How names are built (data/lexicons/<lang>/names.yaml).
        self.connectors = set(lang.names["connectors"])
        self.articles = set(lang.names["articles"])
        self.infinitive_endings = tuple(lang.names["infinitive_endings"])
        self.locatives = set(lang.names["locatives"])
        self.never_in_names = set(lang.names["never_in_names"])
        self.in_what_after = set(lang.names["in_what_after"])
        self.of_words = set(lang.names["of"])
        # "the U.S. government's", "Peru’s": the marks of a possessive
        self.possessives = set(lang.meetings["possessive_marks"])
        # "participant countries", "the ministers": plural nouns that name actors of a fact
        self.agents = set(lang.actors["agents"])
        self.determiners = set(lang.names["determiners"])
        self.complementizers = set(lang.meetings["complementizers"])
        # A verb of its own ends the source of a report that follows ", said" ("…, said the United States would provide …":
        # what is said, no source).
        self.clause_verbs = set(lang.meetings["tense_auxiliaries"]) | set(lang.commitments["label_verbs"]["modals"])
        # Nouns of meetings and events ("reunión", "summit"), and of delegations, as a token's NORM has them (with or
        # without accents: "la reunion", "La delegacion …"); the kinds of fact share them.
        self.anaphoric_nouns = frozenset(fold(w) for w in lang.meetings["anaphoric_nouns"])
        self.event_nouns = self.anaphoric_nouns | {fold(w) for w in lang.meetings["multilateral_cues"]}
        self.delegation_words = frozenset(fold(w) for w in lang.meetings["delegation_words"])

    def prepare(self, doc: Doc, mentions: Mentions | None = None, dateline: tuple[int, int] | None = None) -> None:
        """Run the matchers once over the whole document; sentences take their share."""
        self._dateline = dateline
        self._plan_hits = sorted({(s, e) for _, s, e in self.plan(doc)})
        heads = [(t.i, len(words), kind) for t in doc for words, kind in self.phrase_heads
                 if t.text == words[0] and [x.text for x in doc[t.i:t.i + len(words)]] == words]
        self._head_at = {i: kind for i, _, kind in heads}
        self._head_tokens = {i + k for i, n, _ in heads for k in range(n)}
        self._place_starts = {s for s, _, _ in mentions.places} if mentions else set()
        self._name_tokens = [(r.start, r.end) for r in mentions.refs] if mentions else []
        self._country_tokens = {i for r in mentions.refs if r.type == COUNTRY for i in range(r.start, r.end)} if mentions else set()
        self.topic_starts = self.topics(doc, mentions.refs if mentions else [])
        self._not_actors = self.sources(doc) | self.topic_starts

    # ------------------------------------------------------------ helpers

    def dates(self, sent: Sentence, reference, future: bool, past: bool = False) -> list:
        """The date phrases of a sentence but its dateline's ("Washington, January 31, 2023: President
        Biden looks forward to welcoming … on Friday, February 10") and a report's ("…, the Ministry
        said on Sunday"): that is when the text was written."""
        found = find_dates(sent.text, reference, future, self.reporting, self.lang.text["day_first"], past)
        if self._dateline is None:
            return found
        lo, hi = self._dateline
        return [d for d in found if not lo <= sent.start + d.start < hi]

    def actors_in(self, mentions: Mentions, lo: int, hi: int) -> list[Ref]:
        """The actors a sentence names as such: not the source of the report, nor a country it
        names as a topic."""
        return [r for r in mentions.in_span(lo, hi) if r.start not in self._not_actors]

    def sources(self, doc: Doc) -> set[int]:
        """Tokens naming the source of a report: 'Según un comunicado de la Cancillería, …',
        'According to a State Department readout, …', '…, informó hoy el Ministerio …', '…, said
        the Ministry in a statement.' — from the opener to the next comma or the sentence's end."""
        stops = {",", ";", ".", ":", "—", "–"} | self.complementizers      # "dijo … que": what follows is the report
        out: set[int] = set()

        def clause(j: int, inverted: bool = False) -> None:
            start = j
            while j < len(doc) and doc[j].lower_ not in stops and not (j > start and doc[j].is_sent_start):
                if inverted and doc[j].lower_ in self.clause_verbs:
                    out.difference_update(range(start, j))
                    return
                out.add(j)
                j += 1

        for _, s, e in self.source_openers(doc):
            if s == 0 or doc[s].is_sent_start or doc[s - 1].lower_ in stops | self.list_joiners:
                clause(e)
        for tok in doc[1:]:
            if tok.lower_ in self.reporting and doc[tok.i - 1].text == ",":
                clause(tok.i + 1, inverted=True)
            elif tok.lower_ in self.reporting:
                out.update(self.closing_source(doc, tok.i))
        return out

    def closing_source(self, doc: Doc, verb: int) -> range:
        """'…, the Peruvian Ministry of Foreign Affairs said on Sunday.', '…, the State Department said in a
        statement, as part of …': the source between a comma and a verb of reporting that closes its sentence
        or its clause (a few words at most after it)."""
        sent = doc[verb].sent
        end = next((j for j in range(verb + 1, sent.end) if doc[j].is_punct), sent.end)
        if end - verb > SOURCE_TAIL + 1 or end < sent.end and doc[end].text not in (",", ".") or \
                any(t.lower_ in self.complementizers for t in doc[verb + 1:end]):
            return range(0)
        comma = next((j for j in range(verb - 1, max(sent.start, verb - SOURCE_WORDS) - 1, -1) if doc[j].is_punct), None)
        return range(comma + 1, verb) if comma is not None and doc[comma].text == "," else range(0)

    def topics(self, doc: Doc, refs: list[Ref]) -> set[int]:
        """Countries a sentence talks about rather than with: 'the situation in Venezuela',
        'support for Haiti', 'la crisis en Haití' — and those listed with them; 'Venezuela’s crisis', 'la
        democracia venezolana'."""
        starts = {r.start: r for r in refs if r.type == COUNTRY}
        out: set[int] = set()
        for _, _s, e in self.topic_before(doc):
            j = e
            while j in starts:
                out.add(j)
                j = starts[j].end
                while j < len(doc) and doc[j].lower_ in (",", "and", "or", "y", "e", "o", "u"):
                    j += 1
        for r in starts.values():     # "Russia’s premeditated, unprovoked, and unjustified invasion"
            if r.end < len(doc) and doc[r.end].text in self.possessives and \
                    any(t.lower_ in self.topic_after for t in doc[r.end + 1:r.end + 1 + TOPIC_AFTER_WINDOW]):
                out.add(r.start)
            # "la democracia venezolana", "Venezuelan migrants", "Venezuelan independent civil society": a demonym
            # beside a topic's noun, or before it past a few adjectives
            after = []
            for t in doc[r.end:r.end + 1 + DEMONYM_ADJECTIVES]:
                if not (t.is_alpha and t.is_lower):
                    break
                after.append(t)
            # (a demonym, not a country's name: "México reforzará la frontera" is México acting)
            if r.end - r.start == 1 and doc[r.start].text in self.demonym_words and \
                    (r.start > 0 and doc[r.start - 1].lower_ in self.topic_nouns or any(t.lower_ in self.topic_nouns for t in after)):
                out.add(r.start)
            # "a Chinese-run megaport": the demonym describes the port
            if doc[r.start].text in self.demonym_words and r.end + 1 < len(doc) and doc[r.end].text == "-" and \
                    doc[r.end + 1].lower_ in self.compound_topics:
                out.add(r.start)
        # "Cuban and Venezuelan civil society", "la sociedad civil venezolana y cubana": a demonym listed with one
        # that is a topic
        # (right to left for a demonym before a topic one, left to right for one after it, so that lists chain)
        ends = {r.end: r for r in starts.values()}
        for order in (-1, 1):
            for r in sorted(starts.values(), key=lambda r: order * r.start):
                listed = starts.get(r.end + 1) if order < 0 else ends.get(r.start - 1)
                joiner = doc[r.end] if order < 0 else doc[r.start - 1]
                if listed is not None and listed.start in out and joiner.lower_ in self.list_joiners and r.end - r.start == 1:
                    out.add(r.start)
        return out

    def cue(self, words: list[str], span: Span) -> bool:
        """Whether the span holds one of the words (with or without accents) or matches one of the
        regular expressions ("~…", as written)."""
        lowered = [t.lower_ for t in span]
        folded = {t.norm_ for t in span}
        for w in words:
            if w.startswith("~"):
                rx = re.compile(w[1:])
                if any(rx.match(t) for t in lowered):
                    return True
            elif fold(w) in folded:
                return True
        return False

    def aside_spans(self, doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
        """The tokens of the asides about someone a comma opens (", who arrived Thursday,"), up to the next
        comma or the sentence's end."""
        out = []
        for j in range(lo + 1, hi - 1):
            if doc[j].text == "," and doc[j + 1].lower_ in self.lang.meetings["aside_openers"]:
                out.append((j, next((k for k in range(j + 2, hi) if doc[k].text == ","), hi - 1)))
        return out

    def asides(self, doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
        """The asides of a sentence, in characters from its start."""
        base = doc[lo].idx
        return [(doc[a].idx - base, doc[b].idx - base) for a, b in self.aside_spans(doc, lo, hi)]

    def same_day(self, sent: Sentence) -> bool:
        """A sentence opening with 'Posteriormente', 'Later', 'A su llegada': told on the day of the one before."""
        opening = " ".join(t.lower_ for t in sent.span[:6]) + " "
        return any(opening.startswith(cue + " ") for cue in self.lang.meetings["same_day_cues"])

    def told_act(self, sent: Sentence) -> bool:
        """'La ceremonia …', 'The ceremony …': the act the sentence before told, under another word."""
        opening = sent.span[:2]
        return len(opening) == 2 and opening[0].lower_ in self.articles and opening[1].lower_ in self.lang.meetings["told_acts"]

    def next_day(self, sent: Sentence) -> bool:
        """'the next day', 'al día siguiente': told on the day after the one before."""
        return self.says(self.lang.meetings["next_day_cues"], sent.span)

    def day_before(self, sent: Sentence) -> bool:
        """'the day before', 'en la víspera': told on the day before the one told before."""
        return self.says(self.lang.meetings["day_before_cues"], sent.span)

    @classmethod
    def says(cls, phrases: list[str], span: Span) -> bool:
        """Whether the span holds one of the phrases, word for word (with or without accents)."""
        return cls.said_at(phrases, span) is not None

    @staticmethod
    def said_at(phrases: list[str], span: Span) -> int | None:
        """The token where the first of the phrases the span holds starts, if it holds one."""
        text = f" {' '.join(t.norm_ for t in span)} "
        found = [at for p in _folded(tuple(phrases)) if (at := text.find(p)) >= 0]
        return span.start + text.count(" ", 0, min(found) + 1) - 1 if found else None

    def infinitive(self, tok) -> bool:
        """A verb's infinitive: by its ending ("fortalecer"), or, where the language marks none ("to
        expand"), any lower-case word but an article."""
        word = tok.lower_
        return tok.is_alpha and tok.is_lower and word not in self.articles and word.endswith(self.infinitive_endings or ("",))

    def future(self, span: Span) -> bool:
        # ("later this year" is to come; "Later Friday, Biden held …", "The delegation later sat down with …": the tense of the verb says)
        # (nor is a noun: "to undermine the democratic will of Guatemalan voters"; nor a name inside the sentence, whatever
        # its ending: "Álvaro Leyva Durán")
        return self.cue(self.scheduled, [t for t in span if not (t.lower_ in self.later_words and not (
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in self.later_to_come)) and not self.noun_of(t) and
            not (t.is_title and t.i > span.start)])

    def noun_of(self, tok) -> bool:
        """A word used as a noun before 'of' ("the will of the people"), not as an auxiliary."""
        return tok.lower_ in self.noun_cues and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in self.of_words and tok.i > 0 and \
            tok.doc[tok.i - 1].is_alpha and tok.doc[tok.i - 1].is_lower

    def chunk(self, doc: Doc, i: int, lo: int, hi: int, acronyms: bool = False) -> tuple[int, int]:
        """The capitalised name around token i. Small words join capitalised ones inside it, an
        article only after a preposition ("de la", "of the"); a date ("… Accords on December 10")
        or a place after "in"/"en" ("… Dialogue in Washington") ends it. With `acronyms`, an instrument's
        acronym inside the name of a body of it is part of that name ("… Agreement (USMCA) Free Trade
        Commission"); the instrument's own name ends before it."""
        def joins(a: int, b: int) -> bool:          # doc[a:b] are connectors between two capitals
            words = [t.lower_ for t in doc[a:b]]
            if not words or words[0] in self.locatives and b in self._place_starts or \
                    words[0] in self.never_in_names and doc[a - 1].lower_ not in self.in_what_after:
                return False
            if words[0] in self.articles and doc[a - 1].lower_ not in self.name_prepositions:
                return False    # "… en Quito el Tercer Diálogo": two names ("Treaty Concerning the …": one)
            # A country joins the name after it only as its owner: "… de Chile", "U.S.–Panama …",
            # not "la adhesión del Ecuador a la Iniciativa …".
            return not (a - 1 in self._country_tokens and words[0] not in self.of_words | {"-", "–"})

        def capital(k: int) -> bool:
            return bool(_CAPITAL.match(doc[k].text)) and doc[k].text not in ("(", "“") and doc[k].lower_ not in self.date_words

        def acronym_inside(k: int) -> bool:     # doc[k:k + 3] is "(USMCA)" and a capitalised word follows
            return k + 3 < hi and doc[k].text == "(" and doc[k + 1].text.isupper() and doc[k + 2].text == ")" and capital(k + 3)

        s = i
        while s - 1 >= lo:
            if capital(s - 1):
                s -= 1
                continue
            if acronyms and s - 4 >= lo and acronym_inside(s - 3) and capital(s - 4):
                s -= 4
                continue
            k = s - 1
            while k >= lo and doc[k].lower_ in self.connectors:
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
            if acronyms and acronym_inside(e):
                e += 4
                continue
            k = e
            while k < hi and doc[k].lower_ in self.connectors:
                k += 1
            if k > e and k < hi and capital(k) and joins(e, k):
                e = k + 1
                continue
            break
        while s < i and (doc[s].lower_ in self.connectors or doc[s].lower_ in self.not_in_names):
            s += 1
        return s, e

    def status_cues(self, text: str) -> list[tuple[int, int, str]]:
        """(offset, length, status) of the status words of a sentence; a cue inside a longer one
        does not count ("sign" in "are expected to sign", "adhesión" in "saludaron la adhesión")."""
        found = [(m.start(), m.end(), status) for status, rx in self.status for m in rx.finditer(text)]
        kept = [c for c in found if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in found)]
        return [(a, b - a, status) for a, b, status in sorted(set(kept))]

