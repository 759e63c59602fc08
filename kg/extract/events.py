"""Events a sentence names as meetings: named events ("IX Summit of the Americas"), sessions of
bodies ("the fifth meeting of the … Group was held"), summits that frame another meeting ("on the
margins of …") and summits the text names a host of ("the host of APEC 2024")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..dates import PartialDate
from .actors import Mentions
from .lexicon import fold
from .names import acronym_after
from .places import PlaceRules
from .refs import COUNTRY, ORGANISATION, PERSON, Ref
from .rules import _CAPITAL, _ORDINAL, _matcher

ATTENDEE_GAP = 4              # tokens from a verb of attending to the person who attends ("asistirá el presidente X")
ATTENDANCE_WINDOW = 14       # tokens after an event's name where a clause may say who attends it
HELD_WINDOW = 4               # tokens after an event's name where a participle says it was held ("… Dialogue held May 18")
AFFILIATION_WORDS = 4         # between a word of affiliation and the body's name ("a senior fellow at the …")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class Event:
    """A named event or a session of a body in a sentence ("IX Summit of the Americas", "APEC 2024")."""
    start: int
    end: int
    name: str
    acronym: str | None = None
    hosts: list[Ref] = field(default_factory=list)   # who hosts it, when the sentence says
    year: PartialDate | None = None                  # the year its name gives ("APEC 2024"): an organisation's summit
    future: bool | None = None                       # the tense its words of hosting tell ("will host": True), if any


class EventRules(PlaceRules):
    """Events named by a sentence, their hosts and the meetings they frame (meetings extend it)."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.event_heads = set(lang.meetings["event_heads"])
        self.body_heads = set(lang.meetings["body_heads"])
        self.session = _matcher(vocab, "session", lang.meetings["session_verbs"])
        self.creation = set(lang.meetings["not_meetings_after"])
        self.event_topics = set(lang.meetings["event_topics"])
        self.participating = set(lang.meetings["participating"])
        self.generic_event_words = set(lang.meetings["generic_event_words"])
        self.legislatures = tuple(fold(w) for w in lang.meetings["legislatures"])
        self.frames = _matcher(vocab, "frame", lang.meetings["event_frames"])
        self.hosting = _matcher(vocab, "hosting", lang.meetings["hosting"])
        self.hosted_by_words = _matcher(vocab, "hosted_by", lang.meetings["hosted_by"])

    def prepare(self, doc: Doc, mentions: Mentions | None = None, dateline: tuple[int, int] | None = None) -> None:
        super().prepare(doc, mentions, dateline)
        self._session_hits = sorted({(s, e) for _, s, e in self.session(doc)})
        self._frame_hits = sorted({(s, e) for _, s, e in self.frames(doc)})
        self._hosting_hits = sorted({(s, e) for _, s, e in self.hosting(doc)})
        self._hosted_by_hits = sorted({(s, e) for _, s, e in self.hosted_by_words(doc)})

    @staticmethod
    def own_refs(ev: Event, events: list[Event], refs: list[Ref]) -> list[Ref]:
        """The actors of one of several events a sentence names: those from its name up to the
        next event's ("The fifth meeting of the … Group was held …, related to the Strategic
        Dialogue … co-chaired by A and B": A and B are the Dialogue's)."""
        starts = sorted(e.start for e in events)
        if len(starts) < 2:
            return refs
        following = [s for s in starts if s > ev.start]
        lo = ev.start if ev.start != starts[0] else -1
        hi = following[0] if following else float("inf")
        return [r for r in refs if lo <= r.start < hi]

    @staticmethod
    def of_organisation(ev: Event, refs: list[Ref]) -> bool:
        """'APEC Ministers Responsible for Trade Meeting': an event of an organisation is multilateral."""
        return any(r.type == ORGANISATION and ev.start <= r.start and r.end <= ev.end for r in refs)

    def framing_meetings(self, doc: Doc, lo: int, hi: int, events: list[Event]) -> list[Event]:
        """'on the margins of the joint meeting of the APEC Ministers Responsible for Trade': a meeting
        noun in lower case that frames another meeting, named by what follows its 'of'; 'on the
        sidelines of the APEC summit': a name, then a multilateral noun in lower case."""
        out = []
        nouns, of = self.anaphoric_nouns, self.lang.meetings["event_of"]
        multilateral = set(self.lang.meetings["multilateral_cues"])
        for _, fe in self._frame_hits:
            j = fe
            while j < hi and (doc[j].lower_ in self.lang.actors["definite_articles"] or doc[j].is_lower and doc[j].is_alpha
                              and doc[j].norm_ not in nouns and j < fe + 3):
                j += 1
            if lo <= fe and j < hi and _CAPITAL.match(doc[j].text) and not any(ev.start <= j < ev.end for ev in events):
                _, e = self.chunk(doc, j, lo, hi)
                if e < hi and doc[e].is_lower and doc[e].lower_ in multilateral:
                    out.append(Event(j, e + 1, doc[j:e + 1].text))
                    continue
            if not (lo <= fe and j + 2 < hi and doc[j].norm_ in nouns and doc[j + 1].lower_ in of) or \
                    any(ev.start <= j + 2 < ev.end for ev in events):
                continue
            k = j + 2
            while k < hi and doc[k].lower_ in self.lang.actors["definite_articles"]:
                k += 1
            if k < hi and _CAPITAL.match(doc[k].text):
                _, e = self.chunk(doc, k, lo, hi)
                while e < hi and doc[e].text == "(" and e + 2 < hi and doc[e + 2].text == ")":
                    _, e = self.chunk(doc, e + 3, lo, hi) if e + 3 < hi and _CAPITAL.match(doc[e + 3].text) else (None, e + 3)
                start = fe
                while doc[start].lower_ in self.lang.actors["definite_articles"]:
                    start += 1
                out.append(Event(start, e, doc[start:e].text))     # "joint meeting of the APEC Ministers …"
        return out

    def words_of_names_before(self, doc: Doc, s: int, lo: int) -> int:
        """Where the capitalised words, connectors and acronyms right before token s start ("the U.S.-Alliance for
        Development in Democracy (ADD)" before "Consultative Dialogue")."""
        j = s
        while j - 1 >= lo and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in self.connectors or doc[j - 1].text in ("(", ")", "-", "–")):
            j -= 1
        return j

    def next_session(self, doc: Doc, s: int, lo: int, sessions: list[Event]) -> bool:
        """'held meetings of the Council (EAC) and Sub-Committee on … (…), and of the Commission (ECC)':
        a body coordinated with one whose session the sentence states (right after it, or after 'and of
        the') is a session too, one meeting per body."""
        if not any(t.text in self.body_heads for ev in sessions for t in doc[ev.start:ev.end]):
            return False
        j = s - 1
        while j > lo and doc[j].lower_ in self.lang.actors["definite_articles"]:
            j -= 1
        if doc[j].lower_ in self.of_words:      # "…, and of the Commission": elided "meetings"
            return j > lo and doc[j - 1].lower_ in self.list_joiners
        if doc[j].lower_ not in self.list_joiners:
            return False
        j -= 1
        if doc[j].text == ")":      # over the acronym of the one before: "Council (EAC) and Sub-Committee"
            j = next((k for k in range(j - 1, lo - 1, -1) if doc[k].text == "("), j + 1) - 1
        return any(ev.end - 1 == j for ev in sessions)

    def hosted_after(self, doc: Doc, end: int, host: int) -> bool:
        """'the Summit of the Americas, which the United States will host': hosting told in a
        relative clause right after the event's name."""
        return end <= host <= end + 8 and any(t.lower_ in self.lang.meetings["relative_pronouns"] for t in doc[end:host])

    def coordinated(self, doc: Doc, before: list[Ref]) -> list[Ref]:
        """The last actor named, with those listed with it ("A and Foreign Minister B co-chaired …")."""
        hosts = before[-1:]
        for r in reversed(before[:-1]):
            gap = doc[r.end:hosts[0].start]
            if not any(t.lower_ in self.list_joiners for t in gap) or not all(t.lower_ in self.list_joiners or t.is_title for t in gap):
                break
            hosts.insert(0, r)
        return hosts

    def hosted_events(self, doc: Doc, lo: int, hi: int, refs: list[Ref], events: list[Event]) -> list[Event]:
        """'Peru’s designation as the host of APEC 2024', 'will host the Summit of the Americas',
        'which the United States will host': an event (a named one, or an organisation and its
        year) is a meeting of its host, the actor named right before the word of hosting (or
        between 'which' and it)."""
        out = []
        for hs, he in self._hosting_hits:
            if not lo <= hs < hi:
                continue
            j = he
            while j < hi and (doc[j].lower_ in self.lang.actors["definite_articles"] or _ORDINAL.match(doc[j].text)):
                j += 1
            named = next((ev for ev in events if ev.start <= j < ev.end or self.hosted_after(doc, ev.end, hs)), None)
            # "host of APEC 2024", "anfitrión del APEC este año", "APEC, que el Perú preside este año": the organisation's summit
            org = next((r for r in refs if r.type == ORGANISATION and (r.start == j or self.hosted_after(doc, r.end, hs))), None)
            if named is None and org is None:
                continue
            before = [r for r in refs if r.end <= hs and r.type in (COUNTRY, PERSON) and (named is None or r.start >= named.end
                                                                                          or named.start >= hs)]
            hosts = self.coordinated(doc, before)
            if named is not None:
                named.hosts = hosts
                named.future = self.hosting_tense(doc, hs, he)
            elif hosts:
                # "APEC 2024", "APEC in 2024": the year right after it
                year = next((k for k in (org.end, org.end + 1) if k < hi and _YEAR.match(doc[k].text) and
                             (k == org.end or doc[org.end].lower_ in self.locatives)), org.end)
                if year == org.end and doc[hs:he].text.lower() in self.lang.meetings["seat_words"]:
                    continue    # "en la sede de la Dirección Antidrogas": where a body sits, no event
                out.append(self._summit(doc, org, year + 1 if org.start == j else org.end, hosts, self.hosting_tense(doc, hs, he)))
        return out + self.hosts_before(doc, lo, hi, refs, events + out) + self.hosted_by(doc, lo, hi, refs, events + out)

    def hosting_tense(self, doc: Doc, hs: int, he: int) -> bool | None:
        """Whether the words of hosting tell a future ("will host", "acogerá", "será anfitrión") or a
        past ("hosted", "acogió"); None when they tell neither ("the host of …")."""
        j = hs
        while j > 0 and doc[j - 1].lower_ in self.lang.meetings["tense_auxiliaries"]:
            j -= 1
        words = doc[max(0, j - 1):he]     # (and the word before them: "Peru’s upcoming hosting of APEC")
        if self.future(words):
            return True
        return False if self.cue(self.lang.meetings["past_cues"], words) else None

    @staticmethod
    def _summit(doc: Doc, org: Ref, end: int, hosts: list[Ref], future: bool | None = None) -> Event:
        """An organisation's summit its host holds, of the year the text gives right after its name, if any."""
        # "APEC’s 2024 host economy", "its 2024 APEC host year": the year after the name, or right before it
        year = next((k for k in [*range(org.end, end), org.start - 1] if k >= 0 and _YEAR.match(doc[k].text)), None)
        acronym = next((t.text for t in doc[org.start:org.end] if t.text.isupper() and t.i > org.start and doc[t.i - 1].text == "("), None)
        name = (acronym or doc[org.start:org.end].text) + (f" {doc[year].text}" if year is not None else "")
        return Event(org.start, max(org.end, year + 1) if year is not None else org.end, name, None, hosts,
                     PartialDate(int(doc[year].text)) if year is not None else None, future)

    def hosts_before(self, doc: Doc, lo: int, hi: int, refs: list[Ref], events: list[Event]) -> list[Event]:
        """'Peru’s efforts as APEC’s 2024 host economy', 'Peru’s APEC host year': an organisation (its
        year after it) right before the word of hosting is a summit of the country or person named
        before it."""
        out = []
        for hs, _ in self._hosting_hits:
            if not lo <= hs < hi or any(ev.start <= hs < ev.end + 1 for ev in events + out):
                continue
            org = next((r for r in refs if r.type == ORGANISATION and r.end <= hs and
                        all(t.text in self.possessives or _YEAR.match(t.text) for t in doc[r.end:hs])), None)
            hosts = [r for r in refs if org and r.end <= org.start and r.type in (COUNTRY, PERSON)][-1:]
            if org and hosts:
                out.append(self._summit(doc, org, hs, hosts))
        return out

    def hosted_by(self, doc: Doc, lo: int, hi: int, refs: list[Ref], events: list[Event]) -> list[Event]:
        """'el Foro de Cooperación Económica Asia-Pacífico (APEC), presidido este año por el Perú',
        'the Summit, hosted by Peru': a named event or an organisation right before a participle of
        hosting is a summit of the country or person named after its 'by'."""
        out = []
        for ps, pe in self._hosted_by_hits:
            if not lo <= ps and pe <= hi:
                continue
            k = ps
            while k > lo and (doc[k - 1].text in (",", "(", ")") or doc[k - 1].text.isupper() and doc[k - 2].text == "("):
                k -= 1      # back over ", " and "(APEC)"
            hosts = [r for r in refs if r.start == pe or r.start == pe + 1 and doc[pe].lower_ in self.lang.actors["definite_articles"]]
            hosts = [r for r in hosts if r.type in (COUNTRY, PERSON)]
            if not hosts:
                continue
            named = next((ev for ev in events if k <= ev.end <= ps), None)
            org = next((r for r in refs if r.type == ORGANISATION and k <= r.end <= ps), None)
            if named is not None:
                named.hosts = named.hosts or hosts
            elif org is not None:
                out.append(self._summit(doc, org, org.end, hosts))
        return out

    def attended_by(self, doc: Doc, e: int, hi: int, refs) -> bool:
        """'la Cumbre de Líderes del Foro APEC, que se realizará en Lima y a la que asistirá el presidente Joe Biden':
        a clause after the event says a person named will attend (or attended) it."""
        k = next((j for j in range(e, min(hi, e + ATTENDANCE_WINDOW)) if doc[j].lower_ in self.lang.meetings["attending"]), None)
        return k is not None and any(r.type == PERSON and k < r.start <= k + ATTENDEE_GAP for r in refs)

    def named_events(self, doc: Doc, lo: int, hi: int, triggers, refs) -> list[Event]:
        out = []
        for tok in doc[lo:hi]:
            if tok.text in self.event_heads or tok.text in self.body_heads:
                s, e = self.chunk(doc, tok.i, lo, hi, acronyms=True)
                # "la participación del Presidente Gabriel Boric en la Cumbre de Líderes …": the name starts after the person
                s = max([s] + [r.end for r in refs if r.type == PERSON and s <= r.start and r.end <= tok.i])
                while s < tok.i and doc[s].is_lower:
                    s += 1
                # ("Readout of Secretary Raimondo's Virtual Meeting with …": a headline's capitals, no name)
                others = [t for t in doc[s:e] if _CAPITAL.match(t.text) and t.i != tok.i and t.lower_ not in self.determiners
                          and t.lower_ not in self.generic_event_words]
                if not others or fold(doc[s:e].text).startswith(self.legislatures):
                    continue    # (nor a legislature: "Los acuerdos generaron debate en la Asamblea Nacional")
                # An actor's name is not an event ("Foro de Cooperación Económica Asia-Pacífico"), unless
                # the sentence says the body sits ("la Comisión Mixta…, que sesionará…").
                sits = any(e <= ts <= e + 3 for ts, _ in self._session_hits)
                # (any actor's name: "…, said X, a trade economist at the Inter-American Dialogue" names no participant)
                if any(a.start <= s < a.end for a in out) or not sits and any(a <= s and e <= b for a, b in self._name_tokens):
                    continue
                if any(r.type == PERSON and s <= r.start and r.end <= e for r in refs):
                    continue  # "President of the Council of Ministers Alberto Otárola": a title and a name
                if s >= lo + 2 and doc[s - 1].lower_ in self.portfolio_prepositions and doc[s - 2].lower_ in self.title_words or \
                        doc[s].lower_ in self.title_words and doc[s + 1].lower_ in self.portfolio_prepositions:
                    continue  # "el presidente del Consejo de Ministros, Gustavo Adrianzén", "the President of the Council of …": a title's portfolio
                if any(t.lower_ in self.lang.meetings["affiliations"] for t in doc[max(lo, s - AFFILIATION_WORDS):s]):
                    continue  # "a senior fellow at the Inter-American Dialogue": where someone works, a body
                if tok.text in self.body_heads:
                    # A body's session: "reunión inaugural del Grupo de Trabajo…", "meetings of the … Council",
                    # "un Grupo Técnico…, que sesionará por primera vez…", "el VI Gabinete Binacional se realizará…".
                    window = doc[max(lo, s - 6):s]
                    if not any(t.norm_ in self.anaphoric_nouns for t in window) and not any(ts <= s <= te + 4 for ts, te in triggers) \
                            and not any(e <= ts <= e + 3 for ts, _ in [*triggers, *self._session_hits]) \
                            and not self.next_session(doc, s, lo, out):
                        continue
                # "relaunch their bilateral Commercial Dialogue": the mechanism is set up, no session is stated.
                if not triggers and not any(e <= ts <= e + 3 for ts, _ in self._session_hits) and \
                        any(t.lower_ in self.creation for t in doc[max(lo, self.words_of_names_before(doc, s, lo) - 4):s]):
                    continue
                if any(t.text in self.heads for t in doc[s:e]) and self.status_cues(doc[lo:hi].text.lower()):
                    continue  # "Foro de la Asociación…" joined as an instrument, not a meeting
                # "conversaron sobre los resultados de la Cumbre …": the event is a topic, not a meeting
                # (unless the sentence names its host, or says it was held: "the Summit, which the United
                # States will host", "the Strategic Dialogue … held May 18 … and co-chaired by A and B").
                hosted = any(s - 3 <= he <= s or self.hosted_after(doc, e, hs) for hs, he in self._hosting_hits)
                held = any(t.lower_ in self.lang.meetings["held_participles"] for t in doc[e:min(hi, e + HELD_WINDOW)]) or \
                    self.attended_by(doc, e, hi, refs) or any(e <= ss <= e + 1 for ss, _ in self._session_hits)   # "… se celebrará en Lima"
                if not (hosted or held) and any(t.lower_ in self.event_topics for t in doc[lo:s]):
                    continue
                # Ordinals before the name belong to it ("52º Asamblea General", "Ninth Summit").
                while s - 1 >= lo and _ORDINAL.match(doc[s - 1].text):
                    s -= 1
                out.append(Event(s, e, doc[s:e].text, acronym_after(doc, e, hi)))
        return out
