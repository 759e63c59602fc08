"""Commitments stated by a sentence: explicit pledges or agreements to act, with who committed."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from . import identity
from .actors import Mentions
from .dates import DatePhrase
from .refs import COUNTRY, GROUP, PERSON, Ref
from .rules import _SPANS, Found, Rules, _after, _matcher, weighted_hits
from .text import Sentence

MAX_LABEL_WORDS = 12
MIN_LABEL_WORDS = 2           # before a break that ends a label: one word is an item of a list
TRIGGER_CONFIDENCE = 0.75     # a trigger line without "=weight"
QUOTES = {"“": "”", "«": "»", '"': '"'}     # opening quotation marks and the marks that close them
ITEM_CONFIDENCE = 0.6         # an item of a list of what was agreed, opened by its verb
NO_SUBJECT = 0.15             # less sure: nobody named as committing in its clause
ACT_WINDOW = 5                # words after a noun of committing's "to" where a noun of action may be
NAME_WINDOW = 8               # … and the head of an instrument's name ("to the Inter-American Democratic Charter")
INFINITIVE_WINDOW = 4         # words after a trigger where the infinitive of what is committed may start
OPENING_WORDS = 4            # of an opening phrase with no comma, up to its meeting noun ("En la reunión …")
MEETING_WINDOW = 6            # words after a verb of holding where the meeting it holds is named
RELATIVE_REACH = 3            # words between a relative pronoun and its trigger ("quien además se comprometió")
PLEDGE_WINDOW = 5             # tokens before a trigger where thanks, praise or hope words make it none
OTHER = "other"      # the topic scheme's concept for what no other topic says


# A short aside between commas right after the one word of the verb ("intercambiar, antes de setiembre, los …").
_ASIDE_AFTER_VERB = re.compile(r"^(\w+), ([^,]{3,30}), (?=\w)")


class Topics:
    """The topic of a text: that of the first word (beginning) the language's topic lexicon lists
    (data/lexicons/<lang>/topics.yaml), the more specific where two start at one place; words of
    the relationship itself ("cooperation", "bilateral") only when no other topic is named."""

    def __init__(self, table: dict):
        self.strong, self.weak = (self._table(table.get(k) or {}) for k in ("topics", "weak"))

    @staticmethod
    def _table(topics: dict[str, list[str]]):
        of_word = {identity.fold(w): t for t, words in reversed(list(topics.items())) for w in words}
        alternation = "|".join(re.escape(w) for w in sorted(of_word, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])({alternation})"), of_word

    def of(self, text: str, weak: bool = True) -> str:
        folded = identity.fold(text)
        for rx, of_word in (self.strong, self.weak) if weak else (self.strong,):
            m = rx.search(folded)
            if m:
                return of_word[m.group(1)]
        return OTHER


class CommitmentRules(Rules):
    """Commitments: pledges and agreements to act, one per clause, with who made them."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.commitment = _matcher(vocab, "commitment", lang.commitments["triggers"])
        self.agreeing_lists = _matcher(vocab, "agreeing_list", lang.commitments["lists"]["openers"])
        self.item_verbs = [re.compile(w[1:]) if w.startswith("~") else re.compile(rf"^{re.escape(w)}$")
                           for w in lang.commitments["lists"]["verbs"]]
        self.topic_of = Topics(lang.topics).of
        self.pronouns = {w for ws in lang.actors["pronouns"].values() for w in ws}
        self.clause_breaks = {";", ":"} | self.list_joiners
        # (a comma inside a number, "5,000", stops nothing)
        stops = [w[1:] if w.startswith("~") else rf"(?<!\w){re.escape(w)}(?!\w)" if w[0].isalpha() else rf"{re.escape(w)}(?!\d)"
                 for w in lang.commitments["label_stops"]]
        self.label_stops = re.compile("|".join(stops), re.I)
        self.label_connectors = {identity.fold(w) for w in lang.commitments["label_connectors"]}
        self.pledge_nouns = set(lang.commitments["pledge_nouns"])
        self.label_nouns = set(lang.commitments["label_nouns"])
        self.partner_words = set(lang.commitments["partner_words"])
        self.object_words = set(lang.commitments["object_words"])
        self.back_references = set(lang.commitments["back_references"])
        self.org_joiners = set(lang.actors["organisation_joiners"])
        self.not_pledges = set(lang.commitments["not_pledges"])
        self.hopes = set(lang.commitments["hopes"])
        # Before a noun of committing, these make it what is thanked, praised or discussed.
        self.about_pledges = self.not_pledges | set(lang.commitments["discussing"])
        self.not_after = set(lang.commitments["not_after"])
        self.relative_persons = set(lang.commitments["relative_persons"])
        self.own_country = {k: set(v) for k, v in lang.commitments["own_country"].items()}
        self.outsiders = set(lang.commitments["outsiders"])
        self.clause_prepositions = set(lang.commitments["clause_prepositions"])
        self.participles = set(lang.commitments["participles"])
        self.auxiliaries = set(lang.commitments["auxiliaries"])
        self.third_parties = set(lang.commitments["third_parties"])
        self.wish_nouns = set(lang.commitments["wish_nouns"])
        self.going_on = set(lang.commitments["going_on"])
        self.journey_nouns = self.journey_words | set(lang.meetings["tour_nouns"])
        self.channels = [c.split() for c in lang.commitments["channels"]]
        self.infinitive_markers = set(lang.commitments["infinitive_markers"])
        self.meeting_verbs = set(lang.commitments["meeting_verbs"])
        self.speaking = {k: set(v) for k, v in lang.commitments["speaking"].items()}
        self.states = set(lang.commitments["states"])
        self.being = set(lang.commitments["being"])
        self.passive = lang.commitments["passive"]
        self.label_verbs = lang.commitments["label_verbs"]
        self.announcing = set(lang.commitments["announcing"])
        self.saying = self.reporting | self.announcing      # verbs whose "que"/"that" opens what they report

    def prepare(self, doc: Doc, mentions: Mentions | None = None, dateline: tuple[int, int] | None = None) -> None:
        super().prepare(doc, mentions, dateline)
        self._commitment_weights = weighted_hits(self.commitment, doc, self.lang.commitments["triggers"], TRIGGER_CONFIDENCE)
        self._items = self.agreed_items(doc)
        # ("The United States of America and the Republic of Peru:" then "4. Will continue to work together …": an item
        # that states a pledge itself is that pledge of the parties the line names)
        items = self.statement_items(doc, mentions)
        self._stated = {(s, e): opener for s, e in self._commitment_weights for (a, b), opener in items.items() if a <= s < b}
        self._items.update(self._stated)
        self._commitment_weights.update({item: ITEM_CONFIDENCE for item in self._items if item not in self._commitment_weights})
        self._commitment_hits = sorted(self._commitment_weights)

    def agreed_items(self, doc: Doc) -> dict[tuple[int, int], tuple[int, int]]:
        """'Al término de la reunión, ambas delegaciones acordaron:' then '• Fortalecer el intercambio …',
        '• Continuar la cooperación …': each item of a list that opens with a verb is a pledge of whoever
        the line before it names as agreeing. The verb of each item, with where its subject is told."""
        out = {}
        bullets = self.lang.commitments["lists"]["bullets"]
        for _, s, e in self.agreeing_lists(doc):
            if e >= len(doc) or doc[e].text != ":":
                continue
            start = doc[s].sent.start
            k = _next_line(doc, e)
            while k + 1 < len(doc) and doc[k].text in bullets:
                if any(rx.match(doc[k + 1].norm_) for rx in self.item_verbs):
                    out[(k + 1, k + 2)] = (start, s)
                k = _next_line(doc, k)
        return out

    def statement_items(self, doc: Doc, mentions: Mentions | None) -> dict[tuple[int, int], tuple[int, int]]:
        """A line naming only parties, ending with a colon ("The United States of America and the Republic of Peru:"),
        then numbered or bulleted items ("1. Recognize …", "4. Will continue to …"): the tokens of each item, with
        the line that names who states it."""
        if mentions is None:
            return {}
        out = {}
        fillers = self.articles | self.list_joiners | self.of_words
        for colon in (t.i for t in doc if t.text == ":"):
            start = doc[colon].sent.start
            lo = next((j for j in range(colon - 1, start - 1, -1) if "\n" in doc[j].whitespace_ or doc[j].is_space), start - 1) + 1
            refs = mentions.in_span(lo, colon)
            if not refs or lo >= colon or any(not any(r.start <= j < r.end for r in refs) and doc[j].lower_ not in fillers
                                               for j in range(lo, colon)):
                continue
            k = _next_line(doc, colon)
            while k + 1 < len(doc) and self.item_mark(doc, k):
                k += 1 + (doc[k + 1].text in (".", ")"))
                end = _next_line(doc, k)
                out[(k, end)] = (lo, colon)
                k = end
        return out

    def item_mark(self, doc: Doc, k: int) -> bool:
        """A bullet, or an item's number ("1.", "2)")."""
        return doc[k].text in self.lang.commitments["lists"]["bullets"] or bool(re.fullmatch(r"\d{1,2}[.)]?", doc[k].text))

    def commitments(self, sent: Sentence, mentions: Mentions, dates: list[DatePhrase], doc: Doc, reference=None) -> list[Found]:
        lo, hi = sent.span.start, sent.span.end
        # "a memorandum, which will promote …": a relative clause; "señaló que acordaron …", "said that they
        # agreed …": what a report says (a complementizer after a verb of reporting) still counts, and so does
        # a clause a preposition opens ("una declaración en la que se comprometen a …").
        # ("Biden, who pledged …": a relative clause of an actor is that actor's.)
        refs = self.actors_in(mentions, lo, hi)
        hits = [(s, e) for s, e in self._commitment_hits if lo <= s and e <= hi and
                not (s > lo and doc[s - 1].lower_ in self.not_after and not self.reported(doc, s - 1, lo) and
                     not self.opened_by_preposition(doc, s - 1, lo) and not self.antecedent(doc, refs, s, lo))]
        if not hits:
            return []
        # "a growing group of nations committed to …", "the Peruvians committed to …": a participle
        # describing a noun (not an actor, not a pronoun: "They committed to …"), not a commitment.
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in self.participles and s > lo and doc[s - 1].is_alpha and
                                                doc[s - 1].lower_ not in self.auxiliaries | self.pronouns and
                                                not any(r.start <= s - 1 < r.end for r in refs))]
        # "…, and opposition lawmakers vowed to fight it": a group outside the governments is no party.
        hits = [(s, e) for s, e in hits if not self.by_third_party(doc, s, lo)]
        if not hits:
            return []
        # Thanks, praise and hopes are not pledges ("expresó su reconocimiento por el respaldo de …",
        # "highlighting their commitment to democracy", "We are optimistic that our efforts will help …").
        hits = [(s, e) for s, e in hits if not any(t.lower_ in self.not_pledges for t in doc[self.clause_start(doc, s, lo):e])]
        # "expresó su interés en que Washington evalúe …", "expresaron su interés en la cartera …": what another is to do,
        # a thing wished for — no act of the subject's.
        hits = [(s, e) for s, e in hits if not self.wished_of_others(doc, s, e, hi)]
        # "expressed hope that the United States and Peru will deepen …": what is hoped, however far on in its clause.
        hits = [(s, e) for s, e in hits if not self.hoped(doc, s, lo)]
        # "I thank President Biden for the donation …, as a demonstration of his administration's
        # commitment to …": a commitment named as a noun inside thanks or praise is what is thanked.
        # … or inside what is discussed ("discussed …, including our shared commitment to addressing …").
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in self.pledge_nouns and any(t.lower_ in self.about_pledges for t in doc[lo:s]))]
        # "underscore the U.S. commitment to the OAS and this year’s theme", "the Administration’s commitment to a
        # secure and prosperous Western Hemisphere": a commitment named as a noun, to a thing rather than an act.
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in self.pledge_nouns and not self.to_act(doc, e, hi))]
        # "She also announced a new hemispheric Declaration …": an instrument announced, not a commitment.
        hits = [(s, e) for s, e in hits if not (doc[s].lower_ in self.announcing and
                                                any(t.text in self.heads for t in doc[e:min(hi, e + 4)]))]
        if not hits:
            return []
        # In direct speech a future is an opinion ("“La relación … seguirá creciendo”, afirmó …"):
        # only the words of committing state a commitment there.
        # (… unless an actor is its subject: "“The United States will continue to support …”, said …")
        quoted = self.quoted(doc, lo, hi)
        hits = [(s, e) for s, e in hits if s not in quoted or self.cue(self.lang.commitments["in_quotes"], doc[s:e]) or
                self.actor_first(doc, refs, self.clause_start(doc, s, lo), s) or self.quoted_from(doc, refs, s, quoted)]
        # "During the Summit, the United States will promote …", "Durante la visita, el secretario impulsará …":
        # what a meeting still to come is for (its agenda), not a pledge.
        # ("During the ceremony, Ambassador X announced that USAID will provide …": a past report there is a pledge)
        if self.agenda(doc, lo, hi):
            hits = [(s, e) for s, e in hits if not self.future(doc[s:e]) or any(t.lower_ in self.saying for t in doc[lo:s])]
        # "acordaron volver a reunirse", "agreed to meet again", "accepted the invitation to visit": a meeting
        # planned, not a commitment.
        hits = [(s, e) for s, e in hits if not any(s <= ps < e for ps, pe in self._plan_hits
                                                   if self.cue(self.lang.commitments["meeting_plans"], doc[ps:pe]))]
        # "“Estados Unidos seguirá siendo el principal aliado del Perú”", "will remain a strong partner": a state
        # to last, not an act pledged.
        hits = [(s, e) for s, e in hits if not self.a_state(doc, s, e, hi)]
        # "anunciaron que la próxima reunión … se celebrará en Washington": a meeting announced.
        # ("agreed during the call to …": the meeting it was agreed at)
        hits = [(s, e) for s, e in hits if not any(t.norm_ in self.event_nouns and
                                                   not (t.i >= 2 and doc[t.i - 2].lower_ in self.lang.meetings["opening_prepositions"])
                                                   for t in doc[s:e])]
        # "anunció además que viajará a Washington … para reunirse con Rubio": a trip, a meeting to come; what else the
        # same subject commits to in the sentence still counts, up to that trip. ("se comprometieron a realizar una
        # segunda reunión", "agreed to hold the next meeting …" are pledges to act: and the meeting they plan.)
        starts = {(s, e): self.what_starts(doc, s, e, hi) for s, e in hits}
        # ("informó que se realizarán reuniones técnicas": what a report says will be held is a meeting planned)
        # ("will continue his trip with stops in …": a trip too)
        plans = [s for s, e in hits if doc[starts[(s, e)]].lower_ in self.journey_words or self.goes_on(doc, e, hi) or
                 doc[s].lower_ in self.saying and self.plans_meeting(doc, starts[(s, e)], hi)]
        # ("expresó el interés del Perú en ser incorporado …": what is wished is to be something, no act)
        hits = [(s, e) for s, e in hits if s not in plans and not self.speaks(doc, starts[(s, e)], hi) and
                doc[starts[(s, e)]].lower_ not in self.being]
        if not hits:
            return []
        # When it was made: a day the text gives, not the deadline it sets ("durante el primer semestre de 2026"), nor
        # the day of an aside ("Rubio, who visited Panama last month, said …").
        asides = self.asides(doc, lo, hi)
        date = next((d.value for d in dates if d.value is not None and not d.year_only and d.kind not in _SPANS
                     and not _after(d.value, reference) and not any(a <= d.start < b for a, b in asides)), None)
        out: list[Found] = []
        for (s, e), start, end in self.commitment_clauses(doc, hits, lo, hi, refs):
            subject, opening = self.subject(doc, refs, lo, start, (s, e), end)
            subject = self.antecedent(doc, refs, s, lo) or subject
            # ("… acordaron: • Fortalecer …"; "The United States and Peru: … 2. Reaffirm their commitment to …", not
            # "5. Welcome …, and the United States reiterates its support …": that item's own subject)
            stated = (s, e) in self._stated and not any(r.type != GROUP for r in subject or [])
            if (s, e) in self._items and not subject or stated:
                subject = self.actors_in(mentions, *self._items[(s, e)])
            if subject is None:
                continue    # what a report says of a thing
            # "The visit will deepen …", "Today’s meeting … will deepen economic cooperation": what a
            # meeting is for, not a pledge of anyone's.
            # ("En la llamada, ambas reiteraron …": an opening phrase before the subject says when, not who.)
            told = start
            if doc[start].lower_ in self.lang.meetings["opening_prepositions"]:
                # ("En la reunión se acordó …": with no comma, the phrase ends at its meeting noun)
                nouns = [j + 1 for j in range(start, min(s, start + OPENING_WORDS)) if doc[j].norm_ in self.event_nouns]
                told = next((j + 1 for j in range(start, s) if doc[j].text == ","), nouns[0] if nouns else start)
            if not any(told <= r.start and r.end <= s for r in refs) and \
                    any(t.norm_ in self.anaphoric_nouns for t in doc[told:s]):
                continue
            # "The new center will help …", "El programa beneficiará …", "The U.S. government's assistance will
            # help …": what a thing will do, no one's pledge.
            # ("The project, funded by USAID, will help …": the agent of a participle is no subject either.)
            if not any(not self.owner(doc, r) and not self.passive_agent(doc, r) for r in subject) and not out and self.future(doc[s:e]) and \
                    not any(t.lower_ in self.pronouns or t.lower_ in self.agents for t in doc[opening:e]):
                continue
            if self.instrument_subject(doc, opening, s, hi, subject):
                continue    # "The Treaty … guarantees that the Canal remains …": what an instrument does, no one's pledge
            if self.own_measure(doc, (s, e), end, subject, refs):
                continue
            if s in quoted and not any(r.type == PERSON for r in subject):
                subject = self.speaker(doc, mentions, lo, hi, quoted, s) + subject   # "“Continuaremos …”, afirmó X": X's
            if out and not subject:
                subject = out[0].refs      # "… committed to deepen … and to expand …": the same subject
            clause = doc[start:end]
            # "… deepen cooperation on counternarcotics and agreed to convene …", "reaffirmed U.S. support for X and
            # pledged to …": what is committed ends at the "and" before the next trigger of its clause.
            # (The whole clause still identifies the commitment, and names its topic when that part does not.)
            after = next((p for p in sorted(plans + [h for h, _ in hits]) if e <= p < end), None)
            cut = end if after is None else next((j for j in range(after - 1, e, -1) if doc[j].lower_ in self.clause_breaks), end)
            first = self.what_starts(doc, s, e, cut)
            what = doc[first:end].text
            label = self.label(doc[first:cut].text)
            f = Found("commitment", sent, clause.start_char if out else sent.start, clause.end_char if end < hi else sent.end,
                      subject, label, confidence=self._commitment_weights[(s, e)] - (0 if subject else NO_SUBJECT),
                      trigger=s, others=[r for r in refs if r not in subject])
            f.date = date
            f.aliases = [what]
            f.stated = stated
            # The first area the label names ("fortalecer las relaciones bilaterales y resaltó … el narcotráfico":
            # bilateral relations); "financiará un programa … contra la tala ilegal": what is acted on names the
            # topic, not the verb of acting.
            acted = first + (first == e - 1)
            f.topic = self.topic_of(" ".join(label.split()[acted - first:]))
            if f.topic == OTHER:
                f.topic = self.topic_of(doc[acted:cut].text)
            if f.topic == OTHER:
                f.topic = self.topic_of(what)
            # "… la importancia del Acuerdo de Promoción Comercial, y se comprometieron a trabajar para su plena
            # implementación": what names no topic but points back, the sentence may.
            if f.topic == OTHER and any(t.lower_ in self.back_references for t in doc[first:end]):
                f.topic = self.topic_of(sent.text, weak=False)
            out.append(f)
        return out

    def subject(self, doc: Doc, refs: list[Ref], lo: int, start: int, trigger: tuple[int, int], end: int):
        """Who commits in a clause, and where its subject starts: the actors before the trigger (and the
        giver that channels it: "… a través de la Oficina … (INL)"), not whose thing a verb names, nor whom
        the subject met; the owner of a commitment named as a noun; the subject a report names (None: a
        report says it of a thing, no one commits)."""
        s, e = trigger
        # ("señaló que “el Perú ha demostrado …” y reafirmó …": who a quotation names, outside it, commits nothing)
        quoted = self.quoted(doc, lo, end)
        if s not in quoted:
            refs = [r for r in refs if r.start not in quoted]
        # What a report says ("… afirmó que su país continuará …") is not where the subject is looked for.
        that = self.report_opens(doc, lo, start, trigger)
        head = that if that is not None and that < s else s
        # "Building on Secretary Rubio's visit, they reaffirmed …": the subject follows the last comma.
        # ("El secretario Blinken, a su turno, saludó al Perú … y señaló que …", "Pence, por su parte, reconoció los
        # esfuerzos del Perú … y anunció que …": whom one greets, whose efforts one praises after the comma, is no
        # subject; the subject is before it.)
        opening = max((j + 1 for j in range(start, head) if doc[j].text == ","), default=start)
        addressed = [r for r in refs if opening <= r.start and r.end <= head and
                     (self.after_word(doc, r, opening, self.object_words) or self.owner(doc, r))]
        if opening > start and not any(opening <= r.start and r.end <= head and r not in addressed for r in refs) and \
                not any(t.lower_ in self.pronouns for t in doc[opening:min(head, opening + 2)]):
            opening = start     # (a pronoun opening what follows the comma is its subject: "…, they reaffirmed")
        else:
            addressed = []
        subject = [r for r in refs if (opening <= r.start and r.end <= s or r.start > e and r.end <= end and
                                       self.after_channel(doc, r.start, self.channels)) and r not in addressed]
        # "President Biden welcomed Argentina’s reform efforts and reaffirmed …": whose efforts is no subject.
        # (Not "Los Gobiernos de Chile y de los Estados Unidos": the same head's second owner.)
        owned = [r for r in subject if self.owner(doc, r) and s > r.start > opening and
                 not (r.start >= 2 and doc[r.start - 2].lower_ in self.org_joiners)]
        if len(owned) < len(subject):
            subject = [r for r in subject if r not in owned]
        # "…, where he met with Prime Minister X and announced $15 million …": whom one met is no subject.
        partners = [r for r in subject if self.met_with(doc, r, opening)]
        pronoun = any(t.lower_ in self.pronouns for t in doc[opening:s])
        if partners and (len(partners) < len(subject) or pronoun):
            subject = [r for r in subject if r not in partners]
            if not subject:     # "Verma traveled to Lima, where he met with …": he is the one named before
                subject = [r for r in refs if r.type == PERSON and lo <= r.start and r.end <= opening][-1:]
        # "The Deputy Secretary welcomed Brazil’s renewed commitment to …": the commitment is Brazil's.
        noun = next((k for k in range(s, e) if doc[k].lower_ in self.pledge_nouns), None)
        whose = self.possessor(doc, refs, noun) if noun is not None else None
        # ("The Secretary reaffirmed the partnership between the United States and Peru and the U.S. commitment to …":
        # the Secretary's and the United States', not Peru's.)
        if whose:
            # ("Richardson reaffirmed SOUTHCOM’s commitment …": a person of the owner's country says it)
            subject = [r for r in subject if r.actor != whose.actor and (r.country is None or r.type == PERSON and
                                                                          r.country in (whose.actor, whose.country))] + [whose]
        # "Salazar … aseguró que Estados Unidos seguirá apoyando a Ecuador": who the report says commits.
        if that is not None and that < opening:
            that = None
        told = [r for r in refs if that is not None and that < r.start and r.end <= e]
        if that == s and len(told) > 1 and told[0].start == s + 1 and told[0].type == PERSON:
            told = told[1:]     # "told President X the United States would …": whom one tells is no subject
        # "the ambassador announced that her country will donate …": the speaker's country, through the speaker
        own = next((j for j in range(opening, s - 2) if doc[j].lower_ in self.complementizers and
                    doc[j + 1].lower_ in self.own_country["possessives"] and doc[j + 2].lower_ in self.own_country["nouns"]), None)
        if own is not None and not told:
            speakers = [r for r in subject if r.type == PERSON and r.country and r.end <= own]
            if speakers:
                return speakers[-1:] + [Ref(speakers[-1].country, COUNTRY, own + 1, own + 3, speakers[-1].country)], opening
        if told:
            # ("Biden also said the United States would provide …": the United States, through him)
            # (a speaker of no known country too: "Vice President Mike Pence says the United States will provide …";
            # not a legislator: "la congresista María Elvira Salazar … aseguró que Estados Unidos …")
            speakers = [r for r in subject if r.type == PERSON and r.end <= that and (
                r.country in {t.actor for t in told} or
                r.country is None and not any(t.lower_ in self.outsiders for t in doc[max(opening, r.start - 3):r.start]))]
            subject = speakers + told
        elif that is not None and that + 1 < e and (doc[that + 1].lower_ in self.articles or doc[that + 1].text in self.demonym_words) \
                and not any(t.lower_ in self.agents or t.lower_ in self.pronouns for t in doc[that + 1:e]):
            subject = None  # "informó que el programa beneficiará …", "said that American companies are ready to …": no one's pledge
        return subject, opening

    def antecedent(self, doc: Doc, refs: list[Ref], s: int, lo: int) -> list[Ref]:
        """"…, U.S. President Joe Biden, who pledged …", "… con Biden, quien además se comprometió …": the actors a
        relative pronoun after a comma stands for (those listed right before the comma), a few words before
        the trigger; after "con"/"with", the first person of the sentence too ("A met B, with whom he agreed …")."""
        k = next((k for k in range(s - 1, max(lo, s - 1 - RELATIVE_REACH), -1) if doc[k].lower_ in self.relative_persons), None)
        # ("… sostuvo una reunión con Rodríguez Mackay, con quien acordó …": the one met, and the one who met them)
        joint = k is not None and k - 2 > lo and doc[k - 1].lower_ in self.partner_words and doc[k - 2].text == ","
        if k is None or k - 1 <= lo or doc[k - 1].text != "," and not joint:
            return []
        out = []
        end = k - 2 if joint else k - 1
        while (r := next((r for r in refs if r.end == end), None)) is not None:
            out.insert(0, r)
            end = r.start - 1       # ("Boluarte y Biden, quienes acordaron …": each of a list)
            if end < lo or not doc[end].is_alpha or doc[end].lower_ not in self.list_joiners:
                break
        if joint and out:
            out = [r for r in refs if r.type == PERSON and lo <= r.start and r.end <= out[0].start][:1] + out
        return out

    def report_opens(self, doc: Doc, lo: int, start: int, trigger: tuple[int, int]) -> int | None:
        """Where what a report says opens, before or in the trigger: its "que"/"that" ("afirmó que …"), the
        reporting verb a trigger opens with ("said the assistance would help …"), or one right before the
        reported subject, with no "that" ("Soberón said the funds will help …")."""
        s, e = trigger
        that = max((j for j in range(start, e) if self.reported(doc, j, lo)), default=None)
        if that is None and doc[s].lower_ in self.reporting and any(t.lower_ in self.label_verbs["modals"] for t in doc[s:e]):
            return s
        if that is None:
            return next((j for j in range(start, s) if doc[j].lower_ in self.reporting and
                         (doc[j + 1].lower_ in self.articles or doc[j + 1].text in self.demonym_words)), None)
        return that

    def own_measure(self, doc: Doc, trigger: tuple[int, int], end: int, subject: list[Ref], refs: list[Ref]) -> bool:
        """'anunció que su sector destinará …', 'anunció que Panamá no renovará el memorando con China': a future
        a report tells, negated or naming no one of another side than its subject's (but for a gift), is a
        measure of the subject's own, no pledge to anyone ('anunciaron que la FEMA se asociará con el Perú' is one, and
        so is what two sides announce together)."""
        s, e = trigger
        says = doc[s].lower_ in self.saying
        that = next((j for j in range(s + 1, e) if doc[j].lower_ in self.complementizers), None)
        if not says or that is None or not self.future(doc[e - 1:e]):
            return False
        if doc[e - 2].lower_ in self.lang.commitments["negations"]:
            return True
        if doc[e - 1].lower_ in self.lang.commitments["giving"]:
            return False    # "anunció que Estados Unidos donará …": a gift has a receiver, named or not
        own = {r.country for r in subject}     # (a country's ref has itself as its country)
        if len(own - {None}) > 1 or any(r.via for r in subject):
            return False    # "Ambos anunciaron que sus equipos iniciarán …": both sides announce it, to each other
        return not any(r.country and r.country not in own for r in refs if that < r.start < end)

    def instrument_subject(self, doc: Doc, opening: int, s: int, hi: int, subject: list[Ref]) -> bool:
        """The clause's subject is an instrument's name ("The Treaty Concerning … of the Panama Canal"), the
        actors it names inside that name."""
        k = opening
        while k < s and doc[k].lower_ in self.articles:
            k += 1
        if k >= s or not doc[k].text[:1].isupper():
            return False
        a, b = self.chunk(doc, k, k, hi)
        return any(doc[j].text in self.heads or j in self._head_tokens for j in range(a, b)) and \
            all(a <= r.start and r.end <= b for r in subject)

    def ends_with_verb(self, doc: Doc, s: int, e: int) -> bool:
        """The trigger ends with the verb of what is committed ("acordaron fortalecer", "seguirán cooperando",
        "apoyará al Perú", "will support Peru"), not a light one ("will continue to …")."""
        last = doc[e - 1].lower_
        verbs = self.label_verbs
        return last not in verbs["light"] and (last.endswith(tuple(verbs["endings"])) or e - 1 > s and doc[e - 2].lower_ in verbs["modals"])

    def label_noun(self, doc: Doc, s: int, e: int) -> int | None:
        """Where in the trigger what is given or backed is named ("underscored U.S. [support] for …",
        "announced [$]15 million …", "anunció una [donación] de …")."""
        return next((k for k in range(s + 1, e) if doc[k].lower_ in self.label_nouns or doc[k].like_num), None)

    def met_with(self, doc: Doc, r: Ref, opening: int) -> bool:
        """An actor named after "with", "con" (past a title): whom the subject met, not the subject."""
        return self.after_word(doc, r, opening, self.partner_words)

    def after_word(self, doc: Doc, r: Ref, opening: int, words) -> bool:
        """An actor named right after one of `words`, past its title and articles ("with Prime Minister X")."""
        j = r.start - 1
        while j > opening and (doc[j].is_title or doc[j].lower_ in self.articles):
            j -= 1
        return j >= opening and doc[j].lower_ in words

    def possessor(self, doc: Doc, refs: list[Ref], s: int) -> Ref | None:
        """Whose a commitment named as a noun is: "Brazil’s (renewed) commitment", "the U.S. commitment",
        "the commitment of Brazil", "el compromiso de Brasil"."""
        for r in refs:
            between = doc[r.end:s]
            if r.end <= s and len(between) <= 3 and between and between[0].text in self.possessives and \
                    all(t.is_lower for t in between[1:]):
                return r
            # "the U.S. (renewed) commitment": a name used as an adjective after an article
            if r.end <= s and len(between) <= 2 and all(t.is_lower and t.is_alpha for t in between) and \
                    r.start > 0 and doc[r.start - 1].lower_ in self.articles:
                return r
            if r.start > s and r.start - s <= 3 and doc[s + 1].lower_ in self.of_words and \
                    all(t.lower_ in self.articles for t in doc[s + 2:r.start]):
                return r
        return None

    def wished_of_others(self, doc: Doc, s: int, e: int, hi: int) -> bool:
        """The trigger names a wish ("interés", "desire") and no infinitive of the subject's own follows it (right
        after it, or past whose wish it is: "el interés de su país en seguir cooperando …")."""
        if not any(t.lower_ in self.wish_nouns for t in doc[s:e]) or e >= hi or self.infinitive(doc[e]) and \
                doc[e].lower_ not in self.complementizers:
            return False
        # (not the wish of others: "el interés de empresas estadounidenses en invertir …")
        verb = self.infinitive_after(doc, e, hi)
        return verb is None or any(t.lower_ in self.complementizers or t.lower_ in self.third_parties for t in doc[e:verb])

    def by_third_party(self, doc: Doc, s: int, lo: int) -> bool:
        """The word before the trigger, past auxiliaries, names a group outside the governments
        ("opposition lawmakers vowed to …", "los analistas prevén …")."""
        k = s - 1
        while k > lo and doc[k].lower_ in self.auxiliaries:
            k -= 1
        return k >= lo and doc[k].lower_ in self.third_parties

    def goes_on(self, doc: Doc, e: int, hi: int) -> bool:
        """The trigger ends with going on, and a journey follows ("will continue his trip", "continuará su gira")."""
        return doc[e - 1].lower_ in self.going_on and any(t.lower_ in self.journey_nouns for t in doc[e:min(hi, e + 3)])

    def a_state(self, doc: Doc, s: int, e: int, hi: int) -> bool:
        """The trigger ends with a verb of being ("seguirá siendo", "will remain a partner"), or, a future,
        is followed by one, maybe past a small word ("will continue to be"; not "agreed to remain in
        contact", an act)."""
        return doc[e - 1].lower_ in self.states or \
            self.future(doc[s:e]) and any(doc[k].lower_ in self.states for k in (e, e + 1) if k < hi)

    def what_starts(self, doc: Doc, s: int, e: int, end: int) -> int:
        """Where what is committed starts: at the verb the trigger ends with ("acordaron fortalecer …",
        "seguirán cooperando …") or after it; "reiteró el compromiso de su país de continuar …": at the
        infinitive a few words on."""
        if self.ends_with_verb(doc, s, e):
            return e - 1
        return self.infinitive_after(doc, e, end) or self.label_noun(doc, s, e) or e

    def infinitive_after(self, doc: Doc, e: int, end: int) -> int | None:
        """An infinitive a few words after doc[e], after its marker ("… de su país de continuar …")."""
        return next((k + 1 for k in range(e, min(end - 1, e + INFINITIVE_WINDOW)) if doc[k].lower_ in
                     self.infinitive_markers and self.infinitive(doc[k + 1])), None)

    def speaks(self, doc: Doc, first: int, end: int) -> bool:
        """What is committed is to speak: a verb of giving, then a speech ("deliver remarks at …")."""
        return first < end and doc[first].lower_ in self.speaking["verbs"] and \
            any(t.lower_ in self.speaking["nouns"] for t in doc[first + 1:min(end, first + 4)])

    def plans_meeting(self, doc: Doc, first: int, end: int) -> bool:
        """What is said will be done is to hold a meeting: a verb of holding one, then a meeting's noun or an
        event's name ("se realizarán reuniones técnicas")."""
        heads = self.lang.meetings["event_heads"]
        return first < end and doc[first].lower_ in self.meeting_verbs and \
            any(t.norm_ in self.event_nouns or t.text in heads for t in doc[first + 1:min(end, first + 1 + MEETING_WINDOW)])

    def owner(self, doc: Doc, r: Ref) -> bool:
        """An actor named as the owner of a thing ("the U.S. government's assistance", "la asistencia del
        Gobierno"): the thing, not the actor, is the subject."""
        after = doc[r.end + 1] if r.end + 1 < len(doc) else None
        if r.end < len(doc) and doc[r.end].text in self.possessives and after is not None:
            return after.is_lower and after.lower_ not in self.agents
        before = doc[r.start - 2] if r.start >= 2 else None
        return before is not None and doc[r.start - 1].lower_ in self.of_words and before.is_alpha and \
            before.is_lower and before.lower_ not in self.agents and before.lower_ not in self.articles

    def passive_agent(self, doc: Doc, r: Ref) -> bool:
        """An actor named as the agent of a participle ("funded by USAID", "financiado por USAID")."""
        j = r.start
        while j > 0 and doc[j - 1].lower_ in self.articles:
            j -= 1
        return j >= 2 and doc[j - 1].lower_ in self.passive["by"] and \
            doc[j - 2].lower_.endswith(tuple(self.passive["participle_endings"]))

    def agenda(self, doc: Doc, lo: int, hi: int) -> bool:
        """A sentence opening with a meeting as its frame ("During the Summit, …", "Durante la visita, …"; not
        "Tras la reunión, Rubio anunció que …": after it)."""
        if doc[lo].lower_ not in self.lang.meetings["within_meeting"]:
            return False
        comma = next((j for j in range(lo, hi) if doc[j].text == ","), lo)
        return any(t.norm_ in self.event_nouns for t in doc[lo:comma])

    def to_act(self, doc: Doc, e: int, hi: int) -> bool:
        """What a noun of committing is to is an act: a verb ("to work", "to strengthening"), a noun
        of action ("to a full implementation of …") or an instrument to uphold ("to the Inter-American Democratic
        Charter") — not a body, a place or a theme ("to the OAS")."""
        objects = self.lang.commitments["noun_objects"]
        if e >= hi or not objects["not_first"]:
            return True
        first = doc[e]
        if first.is_alpha and first.is_lower and first.lower_ not in objects["not_first"] and \
                first.lower_ not in objects["themes"]:
            return True
        return any(t.lower_.endswith(tuple(objects["act_endings"])) for t in doc[e:min(hi, e + ACT_WINDOW)]) or \
            any(t.text in self.heads for t in doc[e:min(hi, e + NAME_WINDOW)])

    def opened_by_preposition(self, doc: Doc, that: int, lo: int) -> bool:
        """'en la que', 'en que', 'por el cual': the relative word opens a clause with a subject of its own."""
        j = that - 1
        if j > lo and doc[j].lower_ in self.articles:
            j -= 1
        return j >= lo and doc[j].lower_ in self.clause_prepositions

    def reported(self, doc: Doc, that: int, lo: int) -> bool:
        """'señaló que', 'said that they', 'anunció que': the complementizer opens what a verb of reporting
        or announcing reports."""
        j = that - 1
        # (past pronouns, and an adverb between commas or not: "anunció, además, que …", "anunció además que …")
        while j > lo and (doc[j].lower_ in self.pronouns or doc[j].text == "," or doc[j].is_lower and doc[j - 1].text == "," or
                          doc[j].lower_ in self.lang.commitments["report_adverbs"]):
            j -= 1
        return j >= lo and doc[j].lower_ in self.saying and doc[that].lower_ in self.complementizers

    def hoped(self, doc: Doc, s: int, lo: int) -> bool:
        """A word of hope opens the clause the trigger is in: back to the sentence's start, a semicolon
        or a conjunction after a comma ("expresó su esperanza en …, y Estados Unidos apoyará …" pledges)."""
        for j in range(s - 1, lo - 1, -1):
            word = doc[j].lower_
            if word in self.hopes:
                return True
            if word == ";" or word in self.list_joiners and j > lo and doc[j - 1].text == ",":
                return False
        return False

    def clause_start(self, doc: Doc, s: int, lo: int) -> int:
        """Where the words before a trigger that can qualify it start: a few tokens back, not past a
        comma or a conjunction ("agradeció el apoyo … y expresó su interés en seguir …")."""
        j = s
        while j > max(lo, s - PLEDGE_WINDOW) and doc[j - 1].lower_ not in self.clause_breaks:
            j -= 1
        return j

    def label(self, what: str) -> str:
        """A short label: what is committed up to its first clause break, a dozen words at most."""
        text = re.sub(r"^[-•–*·\s]+", "", what).strip()
        text = " ".join(re.sub(r"[\"“”«»]", "", text).split())    # 'seguirá apoyando" a Ecuador': a quote's edge
        aside = _ASIDE_AFTER_VERB.match(text)
        if aside and not set(aside.group(2).lower().split()) & self.list_joiners:
            # "intercambiar, antes de setiembre, los informes …": the verb's object (not "humane, safe and orderly …": a list)
            text = aside.group(1) + " " + text[aside.end():]
        # At the first break that leaves a phrase, not a word of a list ("humane, safe and orderly migration").
        # ("a prosperous, secure, and democratic hemisphere": a comma before one word and the next comma or "and" lists it)
        cut = next((m for m in self.label_stops.finditer(text) if len(text[:m.start()].split()) >= MIN_LABEL_WORDS and
                    not (m.group() == "," and self.listed_word(text[m.end():]))), None)
        if cut:
            text = text[:cut.start()]
        words = text.split()
        while len(words) > 1 and identity.fold(words[0]) in self.label_connectors:
            words.pop(0)        # "para fortalecer …", "to deepen …"
        text = " ".join(words)
        if len(words) <= MAX_LABEL_WORDS:
            return text.rstrip(" ,;:.\"”»’'")
        words = words[:MAX_LABEL_WORDS]
        while words and identity.fold(words[-1]) in self.label_connectors:
            words.pop()
        return " ".join(words).rstrip(",;:") + "…"

    def listed_word(self, rest: str) -> bool:
        """What follows a comma is one word of a list: that word, then a comma or a list's conjunction."""
        words = rest.split(maxsplit=2)
        return len(words) >= 2 and (words[0].endswith(",") or words[1].lower() in self.list_joiners)

    def commitment_clauses(self, doc: Doc, hits, lo: int, hi: int, refs=()):
        """The commitments a sentence joins, one per trigger after a conjunction and a subject of its
        own ('… agreed to launch X, and Paraguay committed to Y'); what one subject lists ('committed
        to deepen X, and to expand Y', '“Vamos a seguir así … y vamos a buscar otros nichos”') is one
        commitment. Yields (trigger, clause start, clause end)."""
        joins = self.clause_breaks - {","}
        kept = [hits[0]]
        for s, e in hits[1:]:
            join = next((j for j in range(kept[-1][1], s) if doc[j].lower_ in joins), None)
            if join is not None and (any(join < r.start and r.end <= s for r in refs) or
                                     any(t.lower_ in self.pronouns for t in doc[join + 1:s])):
                kept.append((s, e))
        clauses = [(lo, *kept[0])]
        for s, e in kept[1:]:     # the clause opens at its conjunction: "…, and Paraguay committed to …"
            clauses.append((max((j for j in range(clauses[-1][2], s) if doc[j].lower_ in joins), default=s), s, e))
        for n, (start, s, e) in enumerate(clauses):
            end = clauses[n + 1][0] if n + 1 < len(clauses) else hi
            while end > start + 1 and doc[end - 1].text == ",":
                end -= 1
            yield (s, e), start, end

    def actor_first(self, doc: Doc, refs: list[Ref], start: int, s: int) -> bool:
        """An actor opens the words before a trigger (its subject: "The United States will …"), not a
        complement ("La relación con los Estados Unidos seguirá …")."""
        first = next((j for j in range(start, s) if doc[j].is_alpha), s)
        opening = {first, first + 1} if first < s and doc[first].lower_ in self.articles else {first}
        return any(r.start in opening and r.end <= s for r in refs)

    @staticmethod
    def quoted_from(doc: Doc, refs: list[Ref], s: int, quoted: set[int]) -> bool:
        """'Harris “reaffirmed the United States’ support for …”', 'said Washington "will continue to support …"': a
        quote opened right after the actor whose words it gives, with its verb, is the text's report of them, not
        direct speech."""
        k = s
        while k - 1 in quoted:
            k -= 1
        return k == s and any(r.end == k - 1 for r in refs)

    def speaker(self, doc: Doc, mentions: Mentions, lo: int, hi: int, quoted: set[int], at: int) -> list[Ref]:
        """Who says the words in quotes (those around token `at`): the person named after them ("“…”, afirmó
        el canciller X", "“…,” Milei said …, thanking Trump for his “unconditional” support"), else before
        them ("Ambassador X said: “…”")."""
        people = [r for r in mentions.refs if lo <= r.start and r.end <= hi and r.type == PERSON and r.start not in quoted]
        end = next((j for j in range(at, hi) if j not in quoted), hi)
        start = at
        while start - 1 >= lo and start - 1 in quoted:
            start -= 1
        after = [r for r in people if r.start >= end]
        before = [r for r in people if r.end <= start]
        return after[:1] or before[-1:] or self.speaker_before(doc, mentions, lo)

    def speaker_before(self, doc: Doc, mentions: Mentions, lo: int) -> list[Ref]:
        """'“…,” said Ambassador Tai. “The United States is committed to …”': a quote that opens its sentence
        right after a sentence of quoted words and their speaker goes on with that speaker's words."""
        if lo == 0 or doc[lo].text not in QUOTES:
            return []
        start = doc[lo - 1].sent.start
        quoted = self.quoted(doc, start, lo)
        if not quoted:
            return []
        return [r for r in mentions.refs if start <= r.start and r.end <= lo and r.type == PERSON and r.start not in quoted][-1:]

    def quoted(self, doc: Doc, lo: int, hi: int) -> set[int]:
        """Tokens inside quotation marks (from the sentence's start to a closing mark the sentence does not open)."""
        out, opener = set(), None
        for j in range(lo, hi):
            t = doc[j].text
            if opener is not None and t == QUOTES[opener]:
                opener = None
            elif opener is None and not out and (t in ("”", "»") or t == '"' and self.closes(doc, j, lo, hi)):
                out.update(range(lo, j))    # "… Peru. We will continue to …,” said X": the quote opened a sentence before
            elif opener is None and t in QUOTES:
                opener = t
            elif opener is not None:
                out.add(j)
        return out if opener is None else set()

    @staticmethod
    def closes(doc: Doc, j: int, lo: int, hi: int) -> bool:
        """A straight quotation mark closes a quote opened before the sentence: punctuation right after it
        ('…", afirmó X') or, as the sentence's last mark, right before it ('… crime," said X')."""
        return j + 1 < hi and doc[j + 1].text in (",", ".", ";") or \
            j > lo and doc[j - 1].text in (",", ".", "!", "?") and not any(t.text == '"' for t in doc[j + 1:hi])

    def after_channel(self, doc: Doc, i: int, channels: list[list[str]]) -> bool:
        j = i
        while j > 0 and doc[j - 1].lower_ in self.articles:
            j -= 1
        return any(j >= len(c) and [t.lower_ for t in doc[j - len(c):j]] == c for c in channels)


def _next_line(doc: Doc, k: int) -> int:
    """The first token of the line after token k's (past blank lines)."""
    k += 1
    while k < len(doc) and not (doc[k - 1].is_space and "\n" in doc[k - 1].text or "\n" in doc[k - 1].whitespace_):
        k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k
