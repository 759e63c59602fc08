"""Facts from sentences: meetings, commitments and agreements found by the patterns of the
document's language (data/lexicons/<lang>/), with their actors, dates and status."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..dates import lexicon as date_words
from .actors import COUNTRY, Mentions, Ref
from .lexicon import Language, token_pattern
from .text import Sentence
from .when import DatePhrase

_CAPITAL = re.compile(r"^[A-ZÁÉÍÓÚÑ]")
_ORDINAL = re.compile(r"^(\d+(º|°|st|nd|rd|th|\.º)?|[IVXL]+)$")
_NOT_MODIFIERS = {"the", "a", "an", "el", "la", "un", "una", "del", "of", "million", "billion", "new", "first", "this", "that",
                  "an", "signed", "with", "and", "to", "its", "his", "her"}
_CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "para", "sobre", "en", "contra", "of", "the", "on", "for",
               "and", "in", "to", "-", "–", "a", "al"}
_ARTICLES = {"el", "la", "los", "las", "the"}       # inside a name only after a preposition ("de la", "of the")
_LOCATIVE = {"en", "in", "at"}                      # "… Dialogue in Washington": the place is not in the name


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


class Rules:
    def __init__(self, lang: Language, vocab):
        self.lang = lang
        self.meeting = Matcher(vocab)
        self.meeting.add("meeting", [token_pattern(p) for p in lang.meetings["triggers"]])
        self.commitment = Matcher(vocab)
        self.commitment.add("commitment", [token_pattern(p) for p in lang.commitments["triggers"]])
        self.event_heads = set(lang.meetings["event_heads"])
        self.body_heads = set(lang.meetings["body_heads"])
        self.heads = {w: kind for kind, ws in lang.agreements["heads"].items() for w in ws}
        self.common_heads = {w.lower(): kind for kind, ws in lang.agreements["common_heads"].items() for w in ws}
        # Status cues: phrases, or regular expressions after "~" ("~welcom\\w* \\w+['’]s accession").
        self.status = [(status, re.compile(cue[1:] if cue.startswith("~") else rf"(?<!\w){re.escape(cue.lower())}(?!\w)"))
                       for status, cues in lang.agreements["status"].items() for cue in cues]
        self.not_in_names = {w.lower() for w in lang.agreements["not_in_names"]}
        self.beneficiary = set(lang.agreements["beneficiary_markers"])
        self.date_words = {w for table in ("months", "weekdays") for w in date_words()[table] if len(w) > 3}
        self.scheduled = lang.meetings["scheduled_cues"]
        self.past = lang.meetings["past_cues"]

    def prepare(self, doc: Doc, mentions: Mentions | None = None) -> None:
        """Run the matchers once over the whole document; sentences take their share."""
        self._place_starts = {s for s, _, _ in mentions.places} if mentions else set()
        self._meeting_hits = sorted({(s, e) for _, s, e in self.meeting(doc)})
        self._commitment_hits = sorted((s, e) for _, s, e in self.commitment(doc))

    # ------------------------------------------------------------ helpers

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

    def future(self, span: Span) -> bool:
        return self.cue(self.scheduled, span)

    def chunk(self, doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
        """The capitalised name around token i. Small words join capitalised ones inside it, an
        article only after a preposition ("de la", "of the"); a date ("… Accords on December 10")
        or a place after "in"/"en" ("… Dialogue in Washington") ends it."""
        def joins(a: int, b: int) -> bool:          # doc[a:b] are connectors between two capitals
            words = [t.lower_ for t in doc[a:b]]
            return bool(words) and words[0] not in _ARTICLES and not (words[0] in _LOCATIVE and b in self._place_starts)

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

    def meetings(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc) -> list[Found]:
        span = sent.span
        lo, hi = span.start, span.end
        triggers = [(s, e) for s, e in self._meeting_hits if lo <= s and e <= hi]
        triggers = [t for t in triggers if not self.anaphoric(doc, t[0])]
        refs = mentions.in_span(lo, hi)
        events = self.named_events(doc, lo, hi, triggers, refs)
        if not triggers and not events:
            return []
        # The trigger's own tense first ("se reunió" is past whatever else the sentence announces).
        verbs = doc[triggers[0][0]:triggers[0][1]] if triggers else span
        future = not self.cue(self.past, verbs) and (self.future(verbs) or self.future(span))
        found = []
        if events:
            for (s, e, name, acronym) in events:
                found.append(Found("meeting", sent, sent.start, sent.end, refs, name, confidence=0.75,
                                   aliases=[acronym] if acronym else []))
        else:
            groups = self.with_groups(doc, triggers, refs, hi)
            if len(groups) > 1:
                subject = [r for r in refs if not any(r in g for g in groups)]
                for g in groups:
                    found.append(Found("meeting", sent, sent.start, sent.end, subject + g, confidence=0.7))
            else:
                found.append(Found("meeting", sent, sent.start, sent.end, refs, confidence=0.8))
        lowered = {t.lower_ for t in span}
        kind = ("call" if lowered & set(self.lang.meetings["call_cues"]) else
                "multilateral" if lowered & set(self.lang.meetings["multilateral_cues"]) else "in-person")
        date = next((d.value for d in dates if d.value is not None and not d.year_only), None) or \
            next((d.value for d in dates if d.value is not None), None)
        places = mentions.places_in(lo, hi)
        first = triggers[0][0] if triggers else (events[0][0] if events else lo)
        for f in found:
            f.trigger = first
            f.subtype = kind if not (f.name and kind == "in-person" and self.cue(self.lang.meetings["multilateral_cues"], doc[lo:hi])) else "multilateral"
            f.status = "scheduled" if future else "held"
            f.date = date
            f.place = places[0] if places else None
        return found

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
                if any(a[0] <= s < a[1] for a in out) or any(r.start <= s and e <= r.end for r in refs):
                    continue
                if tok.text in self.body_heads:
                    # A body's session: "reunión inaugural del Grupo de Trabajo…", "meetings of the … Council".
                    window = doc[max(lo, s - 6):s]
                    if not any(t.lower_ in meeting_words for t in window) and not any(ts <= s <= te + 4 for ts, te in triggers):
                        continue
                if any(t.text in self.heads for t in doc[s:e]) and any(cue in doc[lo:hi].text.lower() for _, cue in self.status):
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

    def commitments(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        not_after = set(self.lang.commitments.get("not_after", []))
        hits = [(s, e) for s, e in self._commitment_hits if lo <= s and e <= hi and not (s > lo and doc[s - 1].lower_ in not_after)]
        if not hits:
            return []
        s, e = hits[0]
        refs = mentions.in_span(lo, hi)
        subject = [r for r in refs if r.end <= s]
        date = next((d.value for d in dates if d.value is not None and not d.year_only), None)
        what = re.sub(r"^[-•–*·\s]+", "", sent.text)
        if len(what) > 160:
            what = what[:160].rsplit(" ", 1)[0] + "…"
        f = Found("commitment", sent, sent.start, sent.end, subject, what, confidence=0.75 if subject else 0.6,
                  trigger=s, others=[r for r in refs if r not in subject])
        f.date = date
        f.aliases = [doc[e - 1:hi].text if re.search(r"(ar|er|ir)$", doc[e - 1].lower_) else doc[e:hi].text]
        return [f]

    # ------------------------------------------------------------ agreements

    def agreements(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        text = sent.text.lower()
        cues = [(text.find(cue), len(cue), status) for status, cue in self.status if re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text)]
        out: list[Found] = []
        taken: set[int] = set()
        refs = mentions.in_span(lo, hi)
        for tok in doc[lo:hi]:
            if tok.i in taken:
                continue
            kind = self.heads.get(tok.text)
            if kind:
                s, e = self.chunk(doc, tok.i, lo, hi)
                capitals = [t for t in doc[s:e] if _CAPITAL.match(t.text) and t.text not in self.heads]
                if not capitals and not (tok.text.isupper() and len(tok.text) > 2):
                    continue
                if any(r.start <= s and e <= r.end for r in refs):
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
            e2 = self.complement(doc, s, e, hi)
            acronym = self.acronym_after(doc, e, hi) or self.acronym_after(doc, e2, hi)
            taken.update(range(s, e2))
            at = doc[s].idx - sent.start
            status = min(cues, key=lambda c: abs(c[0] - at) if c[0] < at else abs(c[0] - at) + 40)[2] if cues else None
            f = Found("agreement", sent, sent.start, sent.end, refs, doc[s:e2].text, kind, status,
                      next((d.value for d in dates if d.value is not None), None), confidence=0.75 if kind else 0.6,
                      aliases=[a for a in (acronym, doc[s:e].text if e2 > e else None) if a], trigger=s)
            out.append(f)
        return out

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
        generic = all(t.text in self.heads or t.lower_ in self.common_heads or t.lower_ in _CONNECTORS or t.lower_ in ("entendimiento", "understanding", "cooperación", "cooperation")
                      for t in doc[s:e])
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
            if k > j + 1:
                return k
        return e
