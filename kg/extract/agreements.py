"""Agreements stated by a sentence: named instruments and common nouns with a status word, with
their kind, status, parties and date."""
from __future__ import annotations

from spacy.tokens import Doc

from . import identity
from .actors import Mentions
from .dates import DatePhrase
from .lexicon import known_agreements
from .names import acronym_after
from .refs import COUNTRY, ORGANISATION, Ref
from .rules import _CAPITAL, Found, Rules, _after, _matcher
from .text import Sentence

# The statuses that make an initiative (an alliance, a network, a partnership) an instrument of its parties:
# joining it, asking to, signing it or launching it; otherwise a text names a body it works through.
JOINING = ("joined", "accession-requested", "signed", "announced")

IN_FORCE_REACH = 12   # characters between "entró en vigor", "vigente desde" and the day it gives
EVENT_WINDOW = 8      # words between a meeting noun and the 'of' before the body holding it
DEFINITE_REACH = 4    # words in lower case and numbers between "the" and an instrument's head ("the cultural property MOU")
AGENT_REACH = 3                # words between a participle of signing and its "by" ("signed today by")
RELATIVE_SIGNING_REACH = 10    # words between "that"/"que" and the verb of signing ("that DEVIDA Executive President Figueroa and I have just signed")


# Signs before an amendment's number ("Adenda N° 12", "Amendment No. 3").
_NUMBER_SIGNS = {"n°", "nº", "n.º", "n", "°", "º", "no", "nro", "#"}


class AgreementRules(Rules):
    """Agreements: named instruments (or common nouns with a status word), their kind, status, parties and date."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.event_heads = set(lang.meetings["event_heads"])
        self.common_heads = {w.lower(): kind for kind, ws in lang.agreements["common_heads"].items() for w in ws}
        self.beneficiary = set(lang.agreements["beneficiary_markers"])
        self.not_signing = set(lang.agreements.get("not_signing_after", []))
        self.generic_words = {identity.fold(w) for w in lang.agreements["generic_words"]}
        self.creation_cues = _matcher(vocab, "creation", lang.agreements["creation_cues"])
        # "full implementation of the USMCA": a well-known instrument's acronym alone names it.
        self.acronyms = {a: entry.get("kind") for entry in known_agreements() for a in entry.get("aliases", [])
                         if a.isupper() and len(a) > 2}
        self.part_words = set(lang.agreements["part_words"])
        self.venue_words = set(lang.agreements["venue_words"])
        self.amendments = lang.agreements["amendments"]
        self.ordinal_words = set(lang.names["ordinal_words"])
        self.generic_plurals = {w.lower() for w in lang.agreements["generic_plurals"]}
        self.hopes = set(lang.agreements["hopes"])
        self.head_first = bool(lang.agreements.get("names_start_with_head"))
        self.body_heads = set(lang.meetings["body_heads"])
        self.known_names = {identity.fold(n) for entry in known_agreements()
                            for n in [*entry["name"].values(), *entry.get("aliases", [])]}

    def predicate(self, doc: Doc, s: int, lo: int) -> bool:
        """A noun phrase after a copula, past articles, ordinals and capitalised words ("was the first U.S. trade deal")."""
        j = s - 1
        while j > lo and (doc[j].lower_ in self.lang.agreements["articles"] or doc[j].lower_ in self.ordinal_words or
                          doc[j].text[:1].isupper()):
            j -= 1
        return j >= lo and doc[j].lower_ in self.lang.agreements["copulas"]

    def after_definite(self, doc: Doc, s: int, lo: int) -> bool:
        """A definite article before the mention at doc[s], past numbers and words in lower case ("the 2020–2025 agreement")."""
        j = s
        while j > lo and s - j < DEFINITE_REACH and (doc[j - 1].is_lower or doc[j - 1].like_num or
                                                     doc[j - 1].is_punct and doc[j - 1].text != ","):
            j -= 1
            if doc[j].lower_ in self.lang.agreements["definite_articles"]:
                return True
        return False

    def amendment_start(self, doc: Doc, s: int, lo: int) -> int:
        """Where an instrument's name starts if an amendment to it is what the text names ("the first amendment to
        their Development Objective Agreement", "la Adenda N° 12 a la Carta de Entendimiento …"): at the amendment."""
        words, links = self.amendments["words"], self.amendments["links"]
        j = s - 1
        while j > lo and (doc[j].lower_ in self.lang.agreements["articles"] or doc[j].lower_ in self.lang.agreements["possessives"]):
            j -= 1
        if j <= lo or doc[j].lower_ not in links:
            return s
        j -= 1
        while j > lo and (doc[j].like_num or doc[j].text.rstrip(".").lower() in _NUMBER_SIGNS):
            j -= 1
        if doc[j].text not in words:
            return s
        return j - 1 if j > lo and doc[j - 1].lower_ in self.ordinal_words else j

    def agreements(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        text = sent.text.lower()
        cues = self.status_cues(text)
        out: list[Found] = []
        taken: set[int] = set()
        refs = self.actors_in(mentions, lo, hi)
        dated = {t.i for t in doc[lo:hi] for d in dates if d.start <= t.idx - sent.start < d.end}
        # "anunciaron la creación de un Grupo de Implementación …": a body set up is an initiative.
        created = {}
        for _, cs, ce in self.creation_cues(doc):
            j = ce
            while lo <= cs and j < hi and doc[j].lower_ in self.lang.agreements["articles"]:
                j += 1
            if lo <= cs and j < hi and _CAPITAL.match(doc[j].text) and not any(r.start <= j < r.end and r.type != ORGANISATION for r in refs):
                created[j] = "initiative"
        # "unirse a la iniciativa Blue Dot Network": a common noun of an instrument before a name says what the name is.
        for tok in doc[lo:hi]:
            kind = self.common_of(doc, tok.i, hi)
            j = tok.i + len(self.common_phrase(doc, tok.i, hi).split()) if kind else hi
            if j < hi and _CAPITAL.match(doc[j].text) and doc[j].text not in self.heads and \
                    not any(r.start <= j < r.end and r.type != ORGANISATION for r in refs):
                created.setdefault(j, kind)
        for tok in doc[lo:hi]:
            back = generic = False
            if tok.i in taken:
                continue
            kind = self._head_at.get(tok.i) or self.heads.get(tok.text) or created.get(tok.i) or self.acronyms.get(tok.text)
            common = not kind
            if kind:
                s, e = self.chunk(doc, tok.i, lo, hi)
                if s >= lo + 2 and doc[s - 1].lower_ in self.portfolio_prepositions and doc[s - 2].lower_ in self.title_words:
                    continue  # "director de Ceremonial de Estado y Protocolo": a portfolio, not an instrument
                if self.head_first and tok.text in self.heads:
                    s = max(s, tok.i)     # "… del Acuerdo Marco de Comercio": a Spanish name starts at its head
                if any(t.text in self.part_words for t in doc[s:e]):
                    # "the USMCA Environment Chapter", "the TPA Annex on …": a part of an instrument is the instrument
                    known = next((t for t in doc[s:e] if t.text in self.acronyms), None)
                    if known is None:
                        continue
                    s, e, kind = known.i, known.i + 1, self.acronyms[known.text]
                named = [t for t in doc[s:e] if _CAPITAL.match(t.text) and t.text not in self.heads and t.i not in self._head_at]
                capitals = [t for t in named if identity.fold(t.lower_) not in self.generic_words]
                # ("The Declaration …" points back; "la Carta de Acuerdo sobre control de drogas" says what it is)
                back = not capitals and all(identity.fold(t.lower_) in self.generic_words for t in doc[s:tok.i]) and \
                    self.back_reference(doc, s, e, hi)
                # ("En la Declaración Conjunta, …": a head and words that tell no instrument apart name one told before, if any)
                generic = back and bool(named)
                if not named and not back and not (tok.text.isupper() and len(tok.text) > 2) and not self.says_what(doc, e, hi):
                    continue    # a name of head words only, that says nothing of what it is about
                if tok.i not in created and any(r.start <= s and e <= r.end for r in refs):
                    continue  # an actor's name ("Foro de Cooperación Económica Asia-Pacífico")
                if doc[e - 1].text in self.venue_words:
                    continue  # "the Lima Convention Center": a place
                if doc[e - 1].text in self.body_heads or self.holds_event(doc, s, lo):
                    continue  # a body ("the PTPA Free Trade Commission"), the organiser of an event ("la conferencia … del Programa …")
                if self.in_event_name(doc, e, hi):
                    continue  # "the U.S.-Alliance for Development in Democracy (ADD) Consultative Dialogue": the dialogue's name
                if s == lo and e - s <= 2 and not capitals[1:]:
                    continue  # "Carta …" opening a sentence
            else:
                kind = self.common_of(doc, tok.i, hi)
                if not kind or not (cues or doc[tok.i - 1].lower_ in self.lang.agreements["possessives"]):
                    continue
                if doc[tok.i - 1].lower_ == "de" and tok.lower_ == "acuerdo":
                    continue  # "de acuerdo con": according to
                s, e = self.common_chunk(doc, tok.i, lo, hi)
                if self.predicate(doc, s, lo):
                    continue  # "… was the first U.S. trade deal with …": what an instrument named before is
                if e < hi and _CAPITAL.match(doc[e].text):
                    continue  # "la iniciativa Blue Dot Network": the name follows
                k = tok.i
                while k > lo and (identity.fold(doc[k - 1].lower_) in self.generic_words or doc[k - 1].text == "-"):
                    k -= 1    # ("the non-binding accord", "el nuevo convenio": words that tell no instrument apart)
                if k <= s and self.back_reference(doc, k, e, hi):
                    continue  # "the text of the agreement", "los acuerdos alcanzados": one already stated
            amended = self.amendment_start(doc, s, lo)
            if amended < s:     # "la decimoquinta enmienda a la Carta de Acuerdo": an instrument of its own, not one told before
                s, back, generic = amended, False, False
            if tok.lower_ in self.generic_plurals and identity.fold(doc[s:e].text) not in self.known_names:
                continue  # "our free trade agreements", "Trade and Investment Framework Agreements": instruments in general
            e2 = self.complement(doc, s, e, hi, dated)
            at = doc[s].idx - sent.start
            status = min(cues, key=lambda c: abs(c[0] - at) if c[0] < at else abs(c[0] - at) + 40)[2] if cues else None
            if status == "under-negotiation" and any(t.lower_ in self.hopes for t in doc[lo:s]):
                continue  # "officials hope the pact will pave the way for negotiations on a broader trade deal"
            if common and kind in self.lang.agreements["named_kinds"] and e2 == e and status != "signed" and \
                    not any(_CAPITAL.match(t.text) for t in doc[s:e]):
                continue  # "a new $5 million program to combat …": a programme no name, subject or signature tells apart
            if kind == "programme" and status is None and not back:
                continue  # "the subsequent Restoration Plan", "el Plan Fénix": a programme named, nothing said of it as an instrument
            acronym = acronym_after(doc, e, hi) or acronym_after(doc, e2, hi)
            taken.update(range(s, e2))
            # The date of that status: not "this year" (of an anniversary…), nor, but for an announced
            # instrument, a date still to come ("que esperan concluir en el primer trimestre de 2026").
            # (an instrument named with no status takes no day of the sentence: "culminó ayer una agenda … en el marco del APC";
            # one in force, only the day its cue gives: "entró en vigor el 1 de febrero de 2009", "vigente desde 2009")
            date = next((d.value for d in dates if d.value is not None and d.kind != "relative_year"
                         and (status == "announced" or not _after(d.value, reference)) and
                         (status != "in-force" or any(c[2] == status and 0 <= d.start - c[0] - c[1] <= IN_FORCE_REACH for c in cues))),
                        None) if status else None
            parties = [r for r in self.parties(doc, refs, e2, hi) if not (s <= r.start and r.end <= e2 and tok.i in created)]
            f = Found("agreement", sent, sent.start, sent.end, parties, doc[s:e2].text, kind, status,
                      date, confidence=0.75 if kind else 0.6,
                      aliases=[a for a in (acronym, doc[s:e].text if e2 > e else None) if a], trigger=s,
                      countries=self.named_countries(doc, refs, s, e2, hi))
            f.signing = status == "signed" and self.signing(doc, lo, hi, s, e2)
            f.refers_back = kind is not None and tok.text in self.heads and back and not generic    # "The Declaration has been joined by …"
            # "through the Americas Partnership …", "Peru's leadership in APEP": a body the text names, not joined
            f.body_only = kind == "initiative" and tok.i not in created and status not in JOINING and not f.refers_back
            f.definite = generic or common and e2 == e and s > lo and doc[s - 1].lower_ in self.lang.agreements["definite_articles"]
            out.append(f)
        return out

    def in_event_name(self, doc: Doc, e: int, hi: int) -> bool:
        """The capitalised name goes on past a preposition of place (and an acronym in brackets) to an
        event's head: the instrument's words are part of the event's name; or a word of many parties meeting
        follows it in lower case ("the APEP summit", "APEC leaders' meeting")."""
        if e < hi and doc[e].is_lower and doc[e].lower_ in self.lang.meetings["multilateral_cues"]:
            return True
        j = e
        joining = self.connectors - self.list_joiners - self.articles    # "… (APEP) y el Foro …" is a second name
        while j < hi and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in joining or doc[j].text in "()"):
            if doc[j].text in self.event_heads:
                return True
            j += 1
        return False

    def holds_event(self, doc: Doc, s: int, lo: int) -> bool:
        """'la segunda conferencia regional … del “Programa Infraestructura Fundamental …”', 'the annual
        meeting of the X Program': a name after a meeting noun and its 'of' (a few words between) is
        the body or programme holding the event, not an instrument the sentence reports on."""
        j = s - 1
        while j >= lo and not doc[j].is_alpha and doc[j].text not in (",", ";", "."):
            j -= 1      # the quotation mark before the name
        while j >= lo and doc[j].lower_ in self.lang.actors["definite_articles"]:
            j -= 1
        if j < lo or doc[j].lower_ not in self.of_words:
            return False
        window = doc[max(lo, j - EVENT_WINDOW):j]
        return any(t.is_lower and t.norm_ in self.event_nouns for t in window) and not any(t.text in (",", ";") for t in window)

    def back_reference(self, doc: Doc, s: int, e: int, hi: int) -> bool:
        """A bare common noun after a definite article ("the agreement", "los acuerdos alcanzados")
        points back at an instrument; words saying what it is about make it a new mention ("el
        acuerdo sobre interceptación aérea", "the agreement on cultural property")."""
        if doc[s - 1].lower_ not in self.lang.agreements["definite_articles"] or self.says_what(doc, e, hi) or \
                self.signed_in_relative(doc, e, hi):
            return False
        while e < hi and identity.fold(doc[e].lower_) in self.generic_words:
            e += 1      # "al convenio bilateral de servicios aéreos": what it is about, past its adjective
        nxt = doc[e].lower_ if e < hi else ""
        return not (nxt in self.of_words and e + 1 < hi and doc[e + 1].lower_ not in self.lang.agreements["definite_articles"])

    def signed_in_relative(self, doc: Doc, e: int, hi: int) -> bool:
        """'The memorandum that Peru and the United States signed today …', 'el memorando que acabamos de firmar …',
        'The agreement, signed today by A and B, …': a clause right after the noun says it is signed, by whom."""
        rel = self.lang.agreements["relative_signing"]
        if e + 2 < hi and doc[e].text == "," and doc[e + 1].lower_ in self.lang.agreements["signing_participles"]:
            return any(t.lower_ in rel["agents"] for t in doc[e + 2:min(hi, e + 2 + AGENT_REACH)])    # ", signed today by A and B,"
        if e >= hi or doc[e].lower_ not in rel["openers"]:
            return False
        return any(t.lower_ in rel["verbs"] for t in doc[e + 1:min(hi, e + 1 + RELATIVE_SIGNING_REACH)])

    def says_what(self, doc: Doc, e: int, hi: int) -> bool:
        """A naming preposition after an instrument's noun says what it is about ("… sobre control de drogas")
        (not "el acuerdo entre en vigor": a verb before a preposition; not "the agreement to more than $100
        million": an amount), past an acronym in brackets ("a Letter of Agreement (LOA) on Counternarcotics …")."""
        if e + 2 < hi and doc[e].text == "(" and doc[e + 2].text == ")":
            e += 3
        nxt = doc[e].lower_ if e < hi else ""
        return nxt in self.lang.agreements["naming_prepositions"] and not (e + 1 < hi and (
            doc[e + 1].lower_ in self.lang.names["about"] or doc[e + 1].like_num or
            doc[e + 1].lower_ in self.lang.agreements["amount_words"]))

    def signing(self, doc: Doc, lo: int, hi: int, s: int, e: int) -> bool:
        """A finite verb of signing outside the instrument's name: "Firmaron un Memorando…", "the
        parties signed a memorandum" — not "the Agreement signed in 2009"."""
        verbs = set(self.lang.agreements["signing_verbs"])
        for j in range(lo, hi):
            if doc[j].lower_ in verbs and not s <= j < e and not (j > lo and (s <= j - 1 < e or doc[j - 1].lower_ in self.not_signing)):
                return True
        return False

    def parties(self, doc: Doc, refs: list[Ref], e: int, hi: int) -> list[Ref]:
        """The actors of an agreement's sentence but the bodies its purpose names after it ("…
        que prevé capacitación para la Policía Nacional Civil"): beneficiaries, not parties."""
        cut = next((j for j in range(e, hi) if doc[j].lower_ in self.beneficiary), hi)
        return [r for r in refs if r.start < cut or r.type == COUNTRY]

    def named_countries(self, doc: Doc, refs: list[Ref], s: int, e: int, hi: int) -> list[str]:
        """The countries an agreement's mention names: in its name ("United States–Panama Trade
        Promotion Agreement"), as its owner ("Panama's …") or after "entre"/"between"."""
        between = e
        if e < hi and doc[e].lower_ in self.lang.names["between"]:
            between = e + 1
            fillers = self.articles | self.list_joiners | self.of_words
            while between < hi and (doc[between].lower_ in fillers or any(r.start <= between < r.end and r.type == COUNTRY for r in refs)):
                between += 1
        lower = s - 2 if s > 1 and doc[s - 1].text in ("’s", "'s") else s
        return list(dict.fromkeys(r.country for r in refs if r.type == COUNTRY and r.country and r.start < between and r.end > lower))

    def common_of(self, doc: Doc, i: int, hi: int) -> str | None:
        phrase = self.common_phrase(doc, i, hi)
        return self.common_heads[phrase] if phrase else None

    def common_phrase(self, doc: Doc, i: int, hi: int | None = None) -> str | None:
        """The common noun of an instrument at token i ("agreement", "action plan"), if one starts there."""
        hi = len(doc) if hi is None else hi
        for phrase in self.common_heads:
            words = phrase.split()
            if doc[i].lower_ == words[0] and i + len(words) <= hi and doc[i:i + len(words)].text.lower() == phrase:
                return phrase
        return None

    def common_chunk(self, doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
        """'our cultural property agreement', 'a new Open Skies agreement', 'el acuerdo sobre interceptación aérea'."""
        s = i
        not_modifiers = self.lang.names.get("not_modifiers")      # none where modifiers follow their noun
        named = {k for a, b in self._name_tokens for k in range(a, b)}
        while not_modifiers and s - 1 >= lo and (doc[s - 1].is_lower or doc[s - 1].is_title and s - 1 not in named) \
                and doc[s - 1].lower_ not in self.lang.agreements["possessives"] and doc[s - 1].lower_ not in not_modifiers and i - s < 3:
            s -= 1
        return s, i + len(self.common_phrase(doc, i).split())

    def purpose(self, doc: Doc, k: int, hi: int) -> bool:
        """'… interinstitucional [para fortalecer la lucha …]', 'memorandum of understanding [to expand …]': what an
        instrument is for is not its name."""
        return doc[k].lower_ in self.lang.names["purpose"] and k + 1 < hi and self.infinitive(doc[k + 1])

    def where_or_when(self, doc: Doc, k: int, hi: int) -> bool:
        """'… on trade facilitation [in Quito on May 13]', '… sobre aduanas [en junio]': a preposition of
        place or time before a place or a month ends what an instrument is about."""
        return doc[k].lower_ in self.lang.meetings["place_prepositions"] and k + 1 < hi and \
            (k + 1 in self._place_starts or doc[k + 1].lower_ in self.date_words)

    def complement(self, doc: Doc, s: int, e: int, hi: int, dated: set[int] = frozenset()) -> int:
        """A generic name goes on with what it is about: 'Memorando de Entendimiento … sobre cooperación en …',
        up to a date ('… on critical minerals [next month]')."""
        generic = all(t.text in self.heads or t.i in self._head_tokens or t.lower_ in self.common_heads or t.lower_ in self.connectors or
                      identity.fold(t.lower_) in self.generic_words or t.lower_ in self.lang.names["generic_subjects"] for t in doc[s:e])
        if not generic:
            return e
        j = e
        if j < hi and doc[j].text == "(":
            while j < hi and doc[j].text != ")":
                j += 1
            j += 1
        while j < hi and identity.fold(doc[j].lower_) in self.generic_words:
            j += 1      # "convenio bilateral de servicios aéreos": past its adjective
        about = set(self.lang.names["about"])
        # ("el acuerdo entre en vigor": a verb, not "between", before a preposition)
        if j + 1 < hi and doc[j].lower_ in self.lang.names["between"] and doc[j + 1].lower_ not in about:
            between = j
            while j < hi and doc[j].lower_ not in about - self.of_words and doc[j].text not in (",", "."):
                j += 1
            k = between + 1     # "Tratado entre México, Estados Unidos y Canadá (T-MEC)": the parties it is between
            while k < hi and (doc[k].is_title or doc[k].text == "," or doc[k].lower_ in self.list_joiners | self.connectors):
                k += 1
            while k > between + 1 and not doc[k - 1].is_title:
                k -= 1
            if j < hi and doc[j].text == "," and k > j and (k >= hi or doc[k].lower_ not in about):
                return k
        if j < hi and doc[j].lower_ in about and not self.purpose(doc, j, hi) and \
                not (j + 1 < hi and doc[j + 1].lower_ in self.lang.names["not_about"]):
            k = j + 1
            while k < hi and (doc[k].is_alpha or doc[k].text in self.possessives) and \
                    doc[k].lower_ not in self.lang.names["about_stops"] and not self.where_or_when(doc, k, hi) and k not in dated and \
                    not self.purpose(doc, k, hi):
                k += 1      # "… joint declaration on Russia’s aggression"
            while k > j + 1 and doc[k - 1].lower_ in self.connectors:
                k -= 1      # "… on security cooperation in [and around the Canal]"
            if k > j + 1:
                return k
        return e

