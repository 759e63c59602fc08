"""Actor mentions: names, aliases and titles resolved to gazetteer entries, and people or
organisations the gazetteer does not know discovered and minted as new actors.

Names and aliases are matched as written (so "Camino" the vice minister is not "el camino");
titles and offices case-insensitively. A title followed by a name is that person; a bare title
("the Secretary", "el canciller") refers back to the last person named with that role, or else
to the holder of a matching office on the document's date."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..build.facts import Gazetteer, Role
from ..dates import PartialDate
from . import identity
from .lexicon import Language, date_names, demonyms, token_pattern
from .names import (
    HEADLINE_WORDS,
    _after_portfolio,
    _is_name_token,
    acronym_after,
    headline_words,
    line_matcher,
    name_after,
    organisation_at,
    past_words,
    portfolio_end,
    without_nickname,
)
from .refs import COUNTRY, GROUP, ORGANISATION, PERSON, NewActor, Ref
from .titles import MAX_GAP, MAX_TITLE_WORDS, PORTFOLIO_AREAS, Titles

__all__ = ["COUNTRY", "GROUP", "ORGANISATION", "PERSON", "ActorIndex", "Mentions", "NewActor", "Ref", "find_mentions"]

ASIDE_WORDS = 4       # of an aside between commas after a subject ("Washington, for its part, will …")
PRESS_ACRONYM = 4     # letters of an acronym the press may write with one capital

# Words for two actors named before: the text's countries, the two people, the two organisations.
COLLECTIVES = ("both_countries", "both_people", "both_bodies")


def _variants(name: str) -> set[str]:
    """A name as written and with its first letter capitalised (sentence start); an acronym of four
    letters or more also as the Spanish press writes it ("Usaid", "Devida", "Mercosur")."""
    out = {name, name[:1].upper() + name[1:]}
    if name.isalpha() and name.isupper() and len(name) >= PRESS_ACRONYM:
        out.add(name.capitalize())
    return out


def _within(role: Role, start: dt.date, end: dt.date) -> bool:
    r_start = role.start.as_date() if role.start else dt.date.min
    r_end = role.end.as_date() if role.end else dt.date.max
    return r_start <= end and start <= r_end


class ActorIndex:
    """The gazetteer and the language's titles as matchers over one spaCy vocabulary."""

    def __init__(self, gaz: Gazetteer, lang: Language, vocab):
        self.gaz, self.lang = gaz, lang
        self.titles = lang.titles()
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="NORM")     # titles and offices, with or without accents
        tokenizer = _Tokenizer(vocab)
        for a in gaz.actors.values():
            names = set(identity.names_of(a))
            self.exact.add("actor:" + a.id, [tokenizer(v) for n in names for v in _variants(n)])
        for p in gaz.places.values():
            names = set(identity.names_of(p))
            self.exact.add("place:" + p.id, [tokenizer(v) for n in names for v in _variants(n)])
        for country, by_lang in demonyms().items():
            words = by_lang.get(lang.code, [])
            if words:
                self.exact.add("demonym:" + country, [tokenizer(v) for w in words for v in _variants(w)])
        self.office_role: dict[str, str] = {}
        for o in gaz.offices.values():
            names = set(identity.names_of(o))
            self.folded.add("office:" + o.id, [tokenizer(n.lower()) for n in names])
            roles = sorted((self.titles[n.lower()] for n in names if n.lower() in self.titles), key=len, reverse=True)
            role = roles[0] if roles else self._role_in(names)
            if role:
                self.office_role[o.id] = role
        for phrase, role in self.titles.items():
            self.folded.add("title:" + role, [tokenizer(phrase)])
        for key in COLLECTIVES:
            self.folded.add(key, [tokenizer(p.lower()) for p in lang.actors[key]])
        # Capitalised words that never start a name: articles and prepositions opening a sentence,
        # and the months and days of the week ("On Tuesday, the Secretary…").
        self.date_words = {w.capitalize() for w in date_names()}
        self.not_names = set(lang.actors["not_names"]) | self.date_words
        self.particles = set(lang.actors["name_particles"])
        self.locatives = set(lang.names["locatives"])
        self.definite_articles = set(lang.actors["definite_articles"])
        self.of_words = set(lang.names["of"])
        self.title_gap = set(lang.actors["title_gap"])
        self.list_joiners = set(lang.actors["list_joiners"])
        # "el canciller nacional …", "subsecretario de Estado Adjunto": words that go on with a title.
        self.title_modifiers = {w.lower() for w in lang.actors["title_modifiers"]}
        self.honorifics = set(lang.actors["honorifics"])
        self.indefinite_articles = set(lang.actors["indefinite_articles"])
        self.branches = set(lang.actors["branches"])
        self.ranks = set(lang.actors["ranks"])
        self.name_ranks = set(lang.actors["name_ranks"])
        self.posting_links = set(lang.actors["posting_links"])
        # ", uno de sus asesores", ", one of his advisers": an apposition that says a name is a person's
        # (matched with the comma before it).
        self.elliptical_titles = line_matcher(vocab, "elliptical", lang.actors.get("elliptical_titles", []))
        self.apposition_openers = Matcher(vocab)
        self.apposition_openers.add("apposition", [[{"ORTH": ","}] + token_pattern(line) for line in lang.actors["apposition_openers"]])
        self.portfolio_prepositions = set(lang.actors["portfolio_prepositions"])
        self.portfolio_words = {w.lower() for w in lang.actors["portfolio_words"]}
        # Words a title's own words are made of, between it and the comma before its holder's name.
        self.title_words = self.title_modifiers | self.portfolio_prepositions | set(lang.actors["title_links"]) | \
            set(lang.actors["organisation_connectors"]) | \
            self.title_gap | {w for t in self.titles for w in t.split()}
        self.org_heads = set(lang.actors["organisation_heads"])
        self.not_organisations = set(lang.meetings["event_heads"]) | set(lang.meetings["body_heads"])
        self.named_place_heads = frozenset(lang.actors["named_place_heads"])
        # The embassy of a country in another, by the office posted there: "the Embassy" of a text about both.
        words = tuple(lang.actors["embassy_words"])
        self.embassies = {(self.country_of(o.organisation), o.posted_to): o.organisation for o in gaz.offices.values()
                          if o.posted_to and o.organisation in gaz.actors and
                          any(w in n for n in gaz.actors[o.organisation].name.values() for w in words)}
        self.embassy_ids = frozenset(self.embassies.values())
        self.agreement_heads = {w for ws in lang.agreements["heads"].values() for w in ws}
        self.org_connectors = set(lang.actors["organisation_connectors"])
        self.org_joiners = set(lang.actors["organisation_joiners"])
        self.country_heads = {w.lower() for w in lang.actors["country_heads"]}
        self.place_heads = {w.lower() for w in lang.actors["place_heads"]}
        # Last words that end the name of a thing, not of a person ("General Assembly").
        self.not_person_words = self.org_heads | set(lang.meetings["event_heads"]) | set(lang.meetings["body_heads"]) | \
            {w for ws in lang.agreements["heads"].values() for w in ws}
        self.countries = {a.id for a in gaz.actors.values() if a.type == COUNTRY}
        self.country_names = identity.Countries(gaz, demonyms())
        # Organisations by their name without the country ("Ministry of Foreign Affairs"): a key
        # that several countries' organisations share is generic, and names whichever country
        # the text says.
        self.org_keys: dict[str, set[str]] = {}
        for a in gaz.actors.values():
            if a.type == ORGANISATION and self.country_of(a.id):
                for n in identity.names_of(a):
                    key = self.country_names.key(n)
                    if key:
                        self.org_keys.setdefault(key, set()).add(a.id)

    def _role_in(self, names) -> str | None:
        """The role of an office whose names are not bare titles: the longest title they contain
        ("Minister of Foreign Affairs of Chile" -> foreign-minister)."""
        best = None
        for n in names:
            folded = n.lower()
            for phrase, role in self.titles.items():
                if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) and (best is None or len(phrase) > len(best[0])):
                    best = (phrase, role)
        return best[1] if best else None

    def counterpart_office(self, office: str | None, role: str | None, country: str) -> list[str]:
        """The offices of `country` that play the role of `office` (or hold `role`)."""
        role = self.office_role.get(office, role) if office else role
        if office and self.office_country(office) == country:
            return [office]
        return [o for o, r in self.office_role.items() if r == role and self.office_country(o) == country]

    def org_counterparts(self, text: str) -> set[str] | None:
        """The organisations of every country that a generic name fits, or None if the name is
        this organisation's own ("State Department", "Cancillería del Perú")."""
        if self.country_names.named(text):
            return None
        key = self.country_names.key(text)
        same = self.org_keys.get(key, set())
        if len({self.country_of(o) for o in same}) < 2:
            return None
        return same

    def person_roles(self, actor_id: str) -> set[str]:
        a = self.gaz.actors.get(actor_id)
        return {self.office_role[r.office] for r in a.roles if r.office in self.office_role} if a else set()

    def holders(self, offices: list[str], date: PartialDate | None) -> set[str]:
        if date is None:
            return set()
        start, end = date.days
        return {a.id for a in self.gaz.actors.values() for r in a.roles if r.office in offices and _within(r, start, end)}

    def country_of(self, actor_id: str) -> str | None:
        a = self.gaz.actors.get(actor_id)
        if a is None:
            return None
        return a.id if a.type == COUNTRY else a.country

    def office_country(self, office_id: str) -> str | None:
        org = self.gaz.offices[office_id].organisation
        seen = set()
        while org and org not in seen:
            seen.add(org)
            if org in self.countries:
                return org
            a = self.gaz.actors[org]
            org = a.country or a.part_of
        return None


class _Tokenizer:
    """Patterns for the phrase matchers, tokenised like the documents (no pipeline run)."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.cache: dict[str, Doc] = {}

    def __call__(self, text: str) -> Doc:
        from .text import folded_norms, pipeline  # the language's tokenizer, with the project's infix rules

        if text not in self.cache:
            self.cache[text] = folded_norms(pipeline(self.vocab.lang).make_doc(text))
        return self.cache[text]


@dataclass
class Mentions:
    """Every actor mention of a document, in order, and the new actors they introduce."""
    refs: list[Ref]
    places: list[tuple[int, int, str]]
    new: dict[str, NewActor]
    principal: list[str]           # the document's main countries, most mentioned first
    qualifiers: list[tuple[int, int]] = field(default_factory=list)   # countries that say whose a title is, not where
    roles: dict[str, str] = field(default_factory=dict)               # actor -> the title the text gives them
    roles_at: dict[str, tuple[int, int]] = field(default_factory=dict)   # actor -> where that title and the name are (characters)

    def in_span(self, start: int, end: int) -> list[Ref]:
        return [r for r in self.refs if start <= r.start and r.end <= end]

    def forget(self, doc: Doc, spans) -> None:
        """Drop the mentions and titles inside these character spans (the headlines of other stories)."""
        def inside(at: int) -> bool:
            return any(lo <= at < hi for lo, hi in spans)
        self.refs = [r for r in self.refs if not inside(doc[r.start].idx)]
        for actor in [a for a, (at, _) in self.roles_at.items() if inside(at)]:
            del self.roles_at[actor]
            self.roles.pop(actor, None)


def find_mentions(doc: Doc, index: ActorIndex, date: PartialDate | None, home: str | None = None) -> Mentions:
    """The actors a document names; `home` is the country its dateline says it was written in."""
    vocab = doc.vocab
    doc.user_data[HEADLINE_WORDS] = headline_words(doc)
    raw = [(vocab.strings[k], s, e) for k, s, e in index.exact(doc)] + \
          [(vocab.strings[k], s, e) for k, s, e in index.folded(doc)]
    places = [(s, e, label[6:]) for label, s, e in raw if label.startswith("place:")]
    # ("the first Latin American country", "the Inter-American Democratic Charter": a region's, not the United States)
    regions = set(index.lang.actors["region_qualifiers"])
    raw = [c for c in raw if not (c[0].startswith("demonym:") and c[1] > 0 and
                                  (doc[c[1] - 1].text in regions or doc[c[1] - 1].text == "-" and doc[c[1] - 2].text in regions))]
    # "de origen cubano", "of Cuban descent": a person's origin, not a country of the text
    origins = set(index.lang.actors["origin_words"])
    raw = [c for c in raw if not (c[0].startswith("demonym:") and (
        c[1] > 0 and doc[c[1] - 1].lower_ in origins or c[2] < len(doc) and doc[c[2]].lower_.strip("-") in origins))]
    # "Palacio de Torre Tagle", "the Palace of …": a building named after an actor is a place.
    titles = {i for label, s, e in raw if label.startswith(("title:", "office:")) for i in range(s, e)}
    raw = [c for c in raw if not _in_place_name(doc, c[1], index) and not _rank_in_name(doc, c, index) and not _title_in_name(doc, c, index)
           and not _another_first_name(doc, c, index, titles)]
    raw += _governments(doc, index, raw)
    capitals = _capital_governments(doc, index, places)
    raw += [("actor:" + country, s, e) for country, s, e in capitals]
    places = [p for p in places if p[:2] not in {(s, e) for _, s, e in capitals}]
    # Discovered organisation names compete with gazetteer names: the longer one wins.
    starts = {s for label, s, _ in raw if label.startswith(("actor:", "demonym:"))}
    ends = {e for label, _, e in raw if label.startswith(("actor:", "demonym:"))}
    # A title after an organisation's name is not part of it ("Department of State Deputy Assistant Secretary").
    titled = {s for label, s, _ in raw if label.startswith("title:")}
    titled |= {i for i in range(len(doc)) if doc[i].lower_ in index.title_modifiers and i + 1 in titled}
    for tok in doc:
        end = organisation_at(doc, tok.i, index, starts, titled, ends)
        if end > tok.i + 1:
            raw.append(("org:", tok.i, end))
    priority = {"actor": 0, "office": 1, "title": 2, **dict.fromkeys(COLLECTIVES, 2), "demonym": 3, "org": 4}
    cands = sorted((c for c in raw if not c[0].startswith("place:")),
                   key=lambda c: (-(c[2] - c[1]), priority[c[0].split(":")[0]], c[1]))
    chosen, used = [], set()
    for label, s, e in cands:
        if used.isdisjoint(range(s, e)):
            chosen.append((label, s, e))
            used.update(range(s, e))
    chosen.sort(key=lambda c: c[1])
    return _Resolver(doc, index, date, raw).run(chosen, places, home)


def _rank_in_name(doc: Doc, match, index: ActorIndex) -> bool:
    """'Asamblea General', 'Attorney General', 'Consulado General': a rank after a capitalised word
    is inside a name, not a title ('general Laura Richardson', 'General Laura Richardson' are)."""
    label, s, e = match
    return label.startswith("title:") and e - s == 1 and doc[s].lower_ in index.ranks and s > 0 and \
        doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and not doc[s - 1].is_sent_start


def _title_in_name(doc: Doc, match, index: ActorIndex) -> bool:
    """'la Reunión de Ministros Responsables de Comercio', 'the Council of Ministers': a capitalised title
    after a capitalised word and a preposition is a word of that name, not someone's title."""
    label, s, _ = match
    return label.startswith("title:") and s > 1 and doc[s].text[:1].isupper() and \
        doc[s - 1].lower_ in index.portfolio_prepositions and doc[s - 2].is_alpha and doc[s - 2].text[:1].isupper() and \
        not doc[s - 2].is_sent_start


def _another_first_name(doc: Doc, match, index: ActorIndex, titles: set[int]) -> bool:
    """'Gloria de la Fuente' is not Juan Ramón de la Fuente: a known person's surname after a first
    name none of their names has, nor its initial ('Mike Pompeo', 'Michael R. Pompeo' are Pompeo)."""
    label, s, _ = match
    person = index.gaz.actors.get(label[6:]) if label.startswith("actor:") else None
    if person is None or person.type != PERSON or s == 0:
        return False
    def name_word(tok) -> bool:     # not an initial, a capitalised word that opens a sentence, a title ("President-Elect Castillo")
        return tok.is_alpha and len(tok) > 2 and _is_name_token(tok, index) and not tok.is_sent_start and \
            tok.i not in titles and tok.lower_ not in index.title_words

    if not name_word(doc[s - 1]):
        return False
    # ("Carlos Arana Ferrero" is not Alfredo Ferrero: the first name is the one before a paternal surname)
    first = doc[s - 2] if s > 1 and name_word(doc[s - 2]) else doc[s - 1]
    names = [identity.words(n) for n in identity.names_of(person)]
    word = identity.fold(first.text)
    return word not in {w for n in names for w in n[:-1]} and word[0] not in {n[0][0] for n in names if len(n) > 1}


def _in_place_name(doc: Doc, s: int, index: ActorIndex) -> bool:
    """'Palacio de Torre Tagle', 'la sede de la Cancillería': an actor named after a building's word
    (not one said of a host: 'el Perú será sede de la APEC')."""
    # ("aeropuerto internacional Mariscal Sucre": named after someone)
    if any(t.lower_ in index.named_place_heads for t in doc[max(0, s - 2):s]):
        return True
    j = past_words(doc, s - 1, index.definite_articles)
    if not (j >= 1 and doc[j].lower_ in index.of_words and doc[j - 1].lower_ in index.place_heads):
        return False
    head = j - 1
    return not (doc[head].is_lower and head >= 1 and doc[head - 1].lower_ in index.lang.meetings["tense_auxiliaries"])


def _governments(doc: Doc, index: ActorIndex, raw) -> list[tuple[str, int, int]]:
    """'el Gobierno del Ecuador', 'the Government of Panama', 'el Gobierno peruano', 'the
    Panamanian government', 'la República de Chile': the country itself."""
    countries = {}
    for label, s, e in raw:
        kind, _, value = label.partition(":")
        if (kind == "demonym" or kind == "actor" and value in index.countries) and e > countries.get(s, ("", 0))[1]:
            countries[s] = (value, e)     # the longest: "Estados Unidos de América", not "Estados Unidos"
    ends = {e: (v, s) for s, (v, e) in countries.items()}
    out = []
    for tok in doc:
        if tok.lower_ not in index.country_heads:
            continue
        j = tok.i + 1
        while j < len(doc) and (doc[j].lower_ in index.of_words | index.definite_articles or doc[j].lower_ in index.country_heads):
            j += 1
        if j in countries and j > tok.i:
            value, end = countries[j]
            out.append(("actor:" + value, tok.i, end))
        elif tok.i in ends:            # "the Panamanian government", "U.S. Government"
            value, start = ends[tok.i]
            out.append(("actor:" + value, start, tok.i + 1))
    return out


def _capital_governments(doc: Doc, index: ActorIndex, places) -> list[tuple[str, int, int]]:
    """'Blinken told Sommerfeld that Washington would provide …', 'Washington’s support': a capital
    as the subject of a verb (or an owner) stands for its country's government."""
    words = index.lang.actors["capital_government"]
    out = []
    for s, e, place in places:
        p = index.gaz.places[place]
        if not p.capital or s > 0 and doc[s - 1].lower_ in words["not_after"] or not doc[s].text[:1].isupper():
            continue
        verb = _past_aside(doc, e)
        if verb < len(doc) and doc[verb].lower_ in words["verbs"]:
            out.append((p.country, s, e))
    return out


def _past_aside(doc: Doc, j: int) -> int:
    """Past an opening quotation mark ('Washington "will continue …') or a short aside between commas
    ('Washington, for its part, will remove …'): where the verb may be."""
    if j < len(doc) and doc[j].is_quote:
        return j + 1
    if j < len(doc) and doc[j].text == ",":
        close = next((k for k in range(j + 1, min(len(doc), j + 2 + ASIDE_WORDS)) if doc[k].text == ","), None)
        if close is not None and all(t.is_alpha for t in doc[j + 1:close]):
            return close + 1
    return j


class _Resolver(Titles):
    """Resolves a document's matches into actor mentions (titles: kg.extract.titles)."""

    def __init__(self, doc: Doc, index: ActorIndex, date: PartialDate | None, raw):
        self.doc, self.index, self.date = doc, index, date
        self.raw = raw                               # every match, before overlaps were resolved
        self.refs: list[Ref] = []
        self.new: dict[str, NewActor] = {}
        self.roles: dict[str, set[str]] = {}       # actor -> roles seen in this document
        self.surnames: dict[str, str] = {}         # last name (folded: "Sanchez" is "Sánchez") -> discovered person
        self.qualifiers: list[tuple[int, int]] = []
        self.stated: dict[str, str] = {}           # actor -> the title the text gives them
        self.stated_at: dict[str, tuple[int, int]] = {}    # actor -> the tokens of that title and the name
        self.title: str | None = None              # the title being resolved …
        self.title_at: tuple[int, int] = (0, 0)    # … and its tokens
        self.unnamed: list[tuple[int, int, str, str | None]] = []     # bare titles: (start, end, role, country)
        self.genders: dict[str, str] = {}          # person -> the gender of the article of their title ("la presidenta")

    def person(self, actor: str, s: int, e: int, role: str | None, country: str | None = None, discovered=False):
        if role:
            self.roles.setdefault(actor, set()).add(role)
            if gender := self.gender_at(s):
                self.genders.setdefault(actor, gender)
            if self.title and len(self.title) > len(self.stated.get(actor, "")):     # the fullest title the text gives
                self.stated[actor] = self.title
                self.stated_at[actor] = (min(s, self.title_at[0]), max(e, self.title_at[1]))
        if not any(r.start == s and r.end == e for r in self.refs):     # (a name before its title, found twice)
            self.refs.append(Ref(actor, PERSON, s, e, country or self.index.country_of(actor), discovered))

    def gender_at(self, s: int) -> str | None:
        """The gender of the article before the title at doc[s], if the language's articles have one."""
        word = self.doc[s - 1].lower_ if s > 0 else ""
        return next((g for g, articles in self.index.lang.actors["gendered_articles"].items() if word in articles), None)

    def discover_person(self, s: int, e: int, role: str | None, country: str | None):
        if self.doc[e - 1].text in self.index.not_person_words or _in_place_name(self.doc, s, self.index):
            return False
        if all(t.lower_ in self.index.portfolio_words for t in self.doc[s:e]):
            return False    # "Ministro de Relaciones Exteriores, Comercio Internacional y Culto": the portfolio goes on
        while e - s > 1 and (self.doc[s].text in self.index.honorifics or self.branch_of_rank(s)):
            s += 1      # "Dr. Philip Gordon", "Army Gen. Laura Richardson"
        name = without_nickname(self.doc[s:e].text)
        ident = self.same_person(name) or identity.person_slug(name)
        known = self.surnames.get(self.doc[e - 1].norm_)
        if known and (e - s == 1 or known == ident):
            ident = known
        actor = self.new.setdefault(ident, NewActor(ident, PERSON, name, self.index.lang.code, country))
        if len(identity.words(name)) > len(identity.words(actor.name)):
            actor.name = name       # "John J. Sullivan" after a headline's "Sullivan": the fullest name
        if role:
            actor.roles.add(role)
        actor.country = actor.country or country
        if e - s > 1:
            self.surnames[self.doc[e - 1].norm_] = ident
        if e - s > 2 and self.doc[e - 2].text[:1].isupper():
            self.surnames.setdefault(self.doc[e - 2].norm_, ident)   # "Marcelo Ebrard Casaubon" … "el canciller Ebrard"
        self.person(ident, s, e, role, actor.country, True)
        return True

    def branch_of_rank(self, s: int) -> bool:
        """Whether doc[s] names a branch of the armed forces before a rank ("Army Gen.", "Air Force Gen.")."""
        k = s
        while k < len(self.doc) and self.doc[k].text in self.index.branches:
            k += 1
        return k > s and k < len(self.doc) and self.doc[k].text in self.index.honorifics

    def listed(self, end: int, role: str | None, country: str | None, chosen) -> None:
        """'los viceministros Hugo Rivera, Anselmo Muñiz y Johannes Kelner': the names a title lists
        after its first (two words at least, none an actor already matched)."""
        doc, index = self.doc, self.index
        taken = {i for _, s, e in chosen for i in range(s, e)}
        while end + 1 < len(doc) and doc[end].lower_ in index.list_joiners:
            start = end + 1
            stop = name_after(doc, start, index)
            # (not "… and National Customs Director X": words before another title are that title's)
            if stop - start < 2 or taken & set(range(start, stop)) or (stop < len(doc) and doc[stop].lower_ in index.org_connectors) or \
                    any(lab.startswith("title:") and ls == stop for lab, ls, _ in self.raw):
                return
            self.discover_person(start, stop, role, country)
            end = stop

    def same_person(self, name: str) -> str | None:
        """A person this text already named: 'Abdo Benítez' after 'Mario Abdo Benítez', 'Mike Pompeo'
        after 'Michael R. Pompeo', 'Néstor Popolizio' after 'Néstor Popolizio Bardales' (the same surname,
        and the same first initial or fewer names)."""
        mine = identity.words(name)
        for ident, actor in self.new.items():
            theirs = identity.words(actor.name)
            if actor.type != PERSON or not mine or not theirs:
                continue
            short, long = sorted((mine, theirs), key=len)
            # (the paternal surname of a Spanish double one: "Néstor Popolizio" after "Néstor Popolizio Bardales")
            if not (short[-1] == long[-1] or len(long) > 2 and short[-1] == long[-2]):
                continue
            if set(short) <= set(long) or short[0][0] == long[0][0]:
                return ident
        return None

    def gap_country(self, s: int, e: int, labels) -> str | None:
        """Whose a title's words say it is: the first country or country's organisation they name, before the
        country of a posting ("director de la Misión de USAID en el Perú, X": USAID's country, not Peru)."""
        posted = None
        for label, ls, le in labels:
            if s <= ls and le <= e and label.startswith(("actor:", "demonym:")):
                actor = label.split(":", 1)[1]
                if actor not in self.index.countries:
                    if label.startswith("actor:") and (owner := self.index.country_of(actor)):
                        return owner
                elif self.doc[past_words(self.doc, ls - 1, self.index.definite_articles, s)].lower_ in self.index.posting_links:
                    posted = posted or actor
                else:
                    return actor
        return posted

    def role_offices(self, role: str | None, office: str | None) -> list[str]:
        return [o for o, r in self.index.office_role.items() if r == (self.index.office_role.get(office, role) if office else role)]

    def qualified(self, s: int, e: int):
        """The countries inside a title's words say whose it is ("el subsecretario de Estado de
        Estados Unidos, …"): they are not where a meeting is."""
        self.qualifiers += [(ls, le) for label, ls, le in self.raw if s <= ls and le <= e and label.startswith(("actor:", "demonym:"))]

    def default_country(self, office: str | None, role: str | None) -> str | None:
        """Whose is a title no country qualifies: the one country that has the role ("Secretary of State
        X"), the office's own country if the document is about it ("the Foreign Minister" in a text about
        Peru), or the one country whose offices have that role ("Assistant Secretary X": the State
        Department's), else the dateline's country for the roles every country has, else unknown."""
        lex = self.index.lang.actors
        played = self.index.office_role.get(office, role) if office else role
        if played in lex["national_roles"]:
            return lex["national_roles"][played]     # the United States', whatever the text names
        owners = {self.index.office_country(office)} if office else \
            {self.index.office_country(o) for o in self.role_offices(role, None)} if role else set()
        own = owners.pop() if len(owners) == 1 else None
        if own in self.principal[:2]:
            return own
        # "Buenos Aires, 6 de octubre.– El canciller Santiago Cafiero": the dateline's country's (not the United
        # States', whose people have titles of their own: it has no "canciller")
        if self.home and played in lex["home_roles"] and self.home not in lex["national_roles"].values():
            return self.home
        return None


    def country_after(self, e: int) -> str | None:
        """'Departamento de Seguridad Nacional estadounidense': a demonym right after a name."""
        for label, ls, _ in self.raw:
            if ls == e and label.startswith("demonym:"):
                return label[8:]
        return None

    def organisation(self, value: str, s: int, e: int, chosen, n: int) -> Ref | None:
        """A gazetteer organisation named by a generic name ("Ministry of Foreign Affairs",
        "Cancillería") is the one of the country the text says ("Guatemala's Ministry of Foreign
        Affairs"), else of the document's main countries; if the gazetteer does not have that
        country's, it is minted."""
        index = self.index
        text = self.doc[s:e].text
        same = index.org_counterparts(text)
        if same is None:
            return Ref(value, ORGANISATION, s, e, index.country_of(value))
        qualifier = self.country_before(s, chosen, n) or self.country_after(e)
        for country in ([qualifier] if qualifier else self.principal[:2]):
            match = [o for o in same if index.country_of(o) == country]
            if match:
                return Ref(match[0], ORGANISATION, s, e, country)
        if not qualifier:
            return None     # whose ministry is unknown: better no actor than a wrong one
        ident = identity.slug(f"{qualifier} {index.country_names.strip(text)}")
        self.new.setdefault(ident, NewActor(ident, ORGANISATION, text, index.lang.code, qualifier))
        return Ref(ident, ORGANISATION, s, e, qualifier, True)

    def run(self, chosen, places, home: str | None) -> Mentions:
        doc, index = self.doc, self.index
        self.principal = _principal(chosen, index, doc, home)
        self.home = home
        consumed = set()
        named_orgs = {i for lab, ls, le in chosen if lab == "org:" or self.organisation_label(lab) for i in range(ls, le)}
        for n, (label, s, e) in enumerate(chosen):
            if n in consumed:
                continue
            kind, _, value = label.partition(":")
            self.titled(s, e if kind in ("title", "office") else s)
            if kind == "actor":
                a = index.gaz.actors[value]
                if a.type == PERSON:
                    # "President Joe Biden", "canciller Hugo de Zela": a gazetteer name that starts with a title
                    inner = max(((le, lab[6:]) for lab, ls, le in self.raw if lab.startswith("title:") and ls == s and le < e),
                                default=None)
                    if inner:
                        self.titled(*self.stated_title(s, inner[0]))
                    self.person(value, s, e, inner[1] if inner else None)
                elif a.type == ORGANISATION:
                    ref = self.organisation(value, s, e, chosen, n)
                    if ref:
                        self.refs.append(ref)
                else:
                    self.refs.append(Ref(value, a.type, s, e, index.country_of(value)))
            elif kind in ("title", "office"):
                role = value if kind == "title" else index.office_role.get(value)
                office = value if kind == "office" else None
                # Whose title: a country named just before ("Chilean Foreign Minister"), right
                # after ("Foreign Minister of Panama", "el canciller chileno") or inside the
                # office's words ("ministro de Relaciones Exteriores del Perú"); else unqualified.
                qualifier = self.country_before(s, chosen, n) or next(
                    (lab.split(":", 1)[1] for lab, ls, le in self.raw if s <= ls and le <= e and
                     (lab.startswith("demonym:") or lab.startswith("actor:") and lab[6:] in index.countries)), None)
                # What follows the title: a gap of little words and the country, then a name.
                j, k, posting = e, n + 1, None
                stop = None     # where the title's words end, if a rank stands between them and the name
                while j < len(doc) and j - e <= MAX_GAP:
                    nxt = chosen[k] if k < len(chosen) else None
                    if nxt and nxt[1] == j and (nxt[0].startswith("demonym:") or nxt[0].partition(":")[2] in index.countries):
                        qualifier = qualifier or nxt[0].split(":", 1)[1]
                        consumed.add(k)
                        j, k = nxt[2], k + 1
                    elif (inner := self.organisation_in_title(j, chosen, k)) is not None:
                        j, k = inner        # "El Agregado Jurídico FBI X", "el Comandante General PNP X"
                        consumed.add(k - 1)
                    elif nxt and nxt[1] == j and nxt[0] == "org:" and (cut := self.holder_in(j, nxt[2])):
                        # "Assistant Secretary for the Bureau of … Affairs Manisha Singh": the holder after the bureau
                        self.refs.append(self.discovered_organisation(j, cut))
                        consumed.add(k)
                        j, k = cut, k + 1
                        chosen[k - 1] = ("org:", nxt[1], cut)
                        break
                    elif doc[j].lower_ in index.posting_links and (post := self.posting_at(j + 1, chosen, k)):
                        posting, j, k = post        # "Ambassador to the United Nations X", "embajador en Colombia, X"
                        consumed.add(k - 1)
                    elif doc[j].lower_ in index.posting_links and (city := next((pe for ps, pe, _ in places if ps == j + 1), None)):
                        self.qualifiers.append((j + 1, city))   # "el Embajador argentino en Washington, X": a posting, no place
                        j = city
                    elif doc[j].lower_ in index.title_gap or doc[j].lower_ in index.title_modifiers | index.portfolio_prepositions:
                        j += 1
                    elif j > e and doc[j - 1].text == "," and self.rank_before_name(nxt, j):
                        consumed.add(k)     # "El viceministro de Relaciones Exteriores, embajador Ignacio Higueras": a rank before the name
                        stop, j, k = j - 1, j + 1, k + 1
                        break
                    elif doc[j].is_lower and doc[j].is_alpha and _after_portfolio(doc, j, index):
                        j += 1      # "la directora de la misión de la agencia María Pérez"
                    else:
                        break
                fallback = qualifier or self.default_country(office, role)
                named = portfolio_end(doc, j, index)   # "Minister of Foreign Trade Manuel Tovar"
                # "Secretary of Economy, …", "presidente de la Corporación …": a portfolio, not a name
                portfolio = named == j and j > e and _after_portfolio(doc, j, index) or \
                    named > j and name_after(doc, named, index) - named < 2
                # ("subsecretario de Agricultura para Comercio y Asuntos Agrícolas Extranjeros, Ted McKinney": capitals
                # that go on with the portfolio up to the comma before a name)
                if not portfolio and named > e and doc[named - 1].lower_ in index.portfolio_words and \
                        (comma := self.title_comma(named, named_orgs)) is not None and doc[comma].text == "," and \
                        name_after(doc, comma + 1, index) - comma - 1 >= 2:
                    portfolio = True
                j = named
                self.qualified(s, j)
                self.titled(*self.stated_title(s, stop or j))
                nxt = chosen[k] if k < len(chosen) else None
                if nxt and nxt[1] == j and nxt[0].startswith("actor:") and index.gaz.actors[nxt[0][6:]].type == PERSON:
                    consumed.add(k)
                    self.person(nxt[0][6:], s, nxt[2], role)
                    continue
                end = name_after(doc, j, index) if not portfolio else j
                if role == GROUP and end - j < 2:
                    end = j     # "Ministers Responsible for Trade": a plural title lists full names, not one word
                if end > j and (not nxt or nxt[1] >= end) and self.discover_person(j, end, role, fallback):
                    self.listed(end, role, fallback, chosen)
                    continue
                # "el subsecretario de Estado para Asuntos Económicos de los Estados Unidos, José W. Fernández":
                # the title's own words up to the comma (no verb: "… norteamericano se reunirá con el Presidente, X").
                # (an organisation's whole name may come between: "… de la Comisión Nacional para el Desarrollo y Vida sin
                # Drogas (DEVIDA), X"; a portfolio may list its areas: "ministra de Promoción de Exportaciones, Comercio
                # Internacional y Desarrollo Económico de Canadá, Mary Ng")
                comma = self.title_comma(j, named_orgs)
                if comma is not None and doc[comma].text == "," and comma + 1 < len(doc):
                    self.titled(*self.stated_title(s, comma))
                    later = next((c for c in chosen[k:] if c[1] == comma + 1), None)
                    inner = qualifier or self.gap_country(j, comma, self.raw)
                    if later and later[0].startswith("actor:") and index.gaz.actors[later[0][6:]].type == PERSON:
                        consumed.add(chosen.index(later))
                        self.person(later[0][6:], s, later[2], role)
                        self.qualified(j, comma)
                        continue
                    start = comma + 1
                    if self.rank_before_name(later, start):     # "… (PNP), general Víctor Zanabria Angulo"
                        consumed.add(chosen.index(later))
                        start += 1
                    end = name_after(doc, start, index)
                    if end > start and not any(ls < end and start < le for _, ls, le in chosen) and \
                            self.discover_person(start, end, role, inner or self.default_country(office, role)):
                        self.qualified(j, comma)
                        continue
                # An appositive before the title: "Luis Gilberto Murillo, Colombia's Foreign Minister".
                self.titled(*self.stated_title(s, self.title_end(e)))
                before = self.appositive(s, chosen, n)
                if before and self.discover_person(*before, role, qualifier or self.gap_country(before[1], s, chosen)
                                                   or self.default_country(office, role)):
                    continue
                if role:
                    self.bare_title(role, office, s, e, qualifier, posting)
            elif kind == "demonym":
                self.refs.append(Ref(value, COUNTRY, s, e, value))
            elif kind == "org":
                self.refs.append(self.discovered_organisation(s, e))
            elif kind in COLLECTIVES:
                self.collective(kind, s, e)
        self.untitled_appositions(chosen)
        self.elliptical_titles(chosen)
        self.country_holders(chosen)
        self.surname_mentions(chosen)
        self.acronym_organisations(chosen)
        self.acronym_mentions(chosen)
        self.bare_embassies(chosen)
        self.named_later()
        self.refs.sort(key=lambda r: r.start)
        self.fullest_ids()
        doc = self.doc
        stated_at = {a: (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for a, (s, e) in self.stated_at.items()}
        return Mentions(self.refs, sorted(places), self.new, self.principal, self.qualifiers, self.stated, stated_at)

    def title_comma(self, j: int, named_orgs: set[int]) -> int | None:
        """The comma, semicolon or full stop that ends a title's own words from doc[j] (a title's words only
        between), past commas between the areas of a portfolio ("de Exportaciones, Comercio Internacional y …")."""
        doc, index = self.doc, self.index
        # (and a demonym: "el encargado de Negocios de la Embajada estadounidense, X")
        demonyms = {i for label, ls, le in self.raw if label.startswith("demonym:") for i in range(ls, le)}

        def title_like(t) -> bool:
            return t.text[:1].isupper() or t.lower_ in index.title_words or t.text in "()" or t.i in named_orgs or t.i in demonyms

        if 0 < j < len(doc) and doc[j].lower_ in index.list_joiners and doc[j - 1].text == ",":
            return None     # ("…, Assistant Trade Representative, and Rachel Kastenberg, Deputy …": the next person of a list)
        start = j
        for _ in range(PORTFOLIO_AREAS):
            comma = next((c for c in range(start, min(len(doc), start + MAX_TITLE_WORDS)) if doc[c].text in (",", ";", ".")), None)
            if comma is None or not all(title_like(t) for t in doc[start:comma]):
                return None
            k = comma + 1 + (comma + 2 < len(doc) and doc[comma + 1].lower_ in index.definite_articles)
            area = doc[k] if k < len(doc) else None     # (maybe past its article: "el Crecimiento Económico, la Energía y …")
            if doc[comma].text != "," or area is None or area.lower_ not in index.portfolio_words or not area.text[:1].isupper():
                return comma
            start = comma + 1
        return None

    def fullest_ids(self) -> None:
        """A discovered person's id is minted from the fullest name the text gives them, wherever it
        comes first ("Sullivan" in a headline, "John J. Sullivan" in the body: john-sullivan, without the initial)."""
        renamed = {}
        for ident, actor in list(self.new.items()):
            better = identity.person_slug(actor.name)
            if actor.type == PERSON and better != ident and better not in self.new and better not in self.index.gaz.actors:
                actor.id = better
                self.new[better] = self.new.pop(ident)
                renamed[ident] = better
        if not renamed:
            return
        for r in self.refs:
            r.actor = renamed.get(r.actor, r.actor)
        self.stated = {renamed.get(a, a): t for a, t in self.stated.items()}
        self.stated_at = {renamed.get(a, a): t for a, t in self.stated_at.items()}
        self.roles = {renamed.get(a, a): t for a, t in self.roles.items()}

    def owner_before(self, s: int) -> str | None:
        """"Panama’s Ministry of Public Security", "the U.S. Department of Defense": the country right before."""
        j = s - 1 if s > 0 and self.doc[s - 1].text in ("’s", "'s") else s
        for label, _ls, le in self.raw:
            kind, _, value = label.partition(":")
            if le == j and (kind == "demonym" or kind == "actor" and value in self.index.countries):
                return value
        return None

    def discovered_organisation(self, s: int, e: int) -> Ref:
        """A capitalised name with an organisation's head word; a generic one qualified by a
        country ("Ministerio de Relaciones Exteriores de Guatemala") is that country's, if known."""
        index = self.index
        name = self.doc[s:e].text
        country = self.gap_country(s, e, self.raw) or self.country_after(e) or self.owner_before(s)
        same = index.org_keys.get(index.country_names.key(name), set())
        known = [o for o in same if index.country_of(o) == country] if country else sorted(same) if len(same) == 1 else []
        if known:       # "Departamento de Estado": the only organisation of that name
            return Ref(known[0], ORGANISATION, s, e, index.country_of(known[0]))
        ident = identity.slug(name)
        self.new.setdefault(ident, NewActor(ident, ORGANISATION, name, index.lang.code, country))
        return Ref(ident, ORGANISATION, s, e, country, True)

    def country_before(self, s: int, chosen, n: int) -> str | None:
        """'Chilean Foreign Minister', 'Colombia's Foreign Minister': the country right before a title
        (past the words of a portfolio: 'U.S. Education Secretary')."""
        j = s - 1
        while j >= 0 and self.doc[j].text[:1].isupper() and self.doc[j].lower_ in self.index.portfolio_words:
            j -= 1
        while j >= 0 and self.doc[j].text in ("’s", "'s", "’"):
            j -= 1
        for lab, _ls, le in chosen[max(0, n - 2):n]:
            if le == j + 1:
                value = lab.split(":", 1)[-1]
                if lab.startswith("demonym:") or value in self.index.countries:
                    return value
        return None

    def organisation_label(self, label: str) -> bool:
        kind, _, value = label.partition(":")
        return kind == "actor" and value in self.index.gaz.actors and self.index.gaz.actors[value].type == ORGANISATION

    def collective(self, kind: str, s: int, e: int):
        if kind == "both_countries":
            for c in self.principal[:2]:
                self.refs.append(Ref(c, COUNTRY, s, e, c, via=kind))
            return
        # "the two": the last two people named; "the two institutions": the last two organisations
        kind_of = ORGANISATION if kind == "both_bodies" else PERSON
        named = []
        for ref in reversed(self.refs):
            if ref.type == kind_of and ref.actor not in named:
                named.append(ref.actor)
                self.refs.append(Ref(ref.actor, kind_of, s, e, ref.country, ref.discovered, kind))
            if len(named) == 2:
                break

    def acronym_organisations(self, chosen):
        """A capitalised name whose words' initials the acronym in brackets after it spells ("U.S. Customs and
        Border Protection (CBP)", "Dirección Nacional de Aduanas (DNA)"): an organisation, whatever its head."""
        doc, index = self.doc, self.index
        taken = self.taken(chosen)
        joiners = index.org_connectors | index.org_joiners
        for tok in doc[1:]:
            acronym = acronym_after(doc, tok.i, len(doc))
            letters = [c for c in acronym or "" if c.isalpha()]
            if len(letters) < 2 or tok.i - 1 in taken:
                continue
            start, initials = tok.i, []
            while start > 0 and len(initials) < len(letters) and \
                    (doc[start - 1].is_title or doc[start - 1].lower_ in joiners and initials):
                start -= 1
                if doc[start].is_title:
                    initials.insert(0, doc[start].text[0].upper())
            while start < tok.i and doc[start].lower_ in joiners:
                start += 1
            name = {t.text for t in doc[start:tok.i]}
            # (not an instrument's, an event's or a body's name: "Environmental Affairs Council (EAC)" is no actor)
            if initials == letters and not taken & set(range(start, tok.i)) and \
                    not name & (index.agreement_heads | index.not_organisations):
                self.refs.append(self.discovered_organisation(start, tok.i))
                taken |= set(range(start, tok.i))

    def acronym_mentions(self, chosen):
        """Later mentions of a discovered organisation by the acronym given after its name
        ("Departamento de Agricultura de los Estados Unidos (USDA) … Los representantes del USDA")."""
        doc = self.doc
        acronyms = {acronym: r for r in self.refs if r.type == ORGANISATION and r.discovered and
                    len(acronym := acronym_after(doc, r.end, len(doc)) or "") > 1}
        if not acronyms:
            return
        taken = self.taken(chosen)
        for tok in doc:
            first = acronyms.get(tok.text)
            if first and tok.i not in taken and tok.i != first.end + 1:
                self.refs.append(Ref(first.actor, ORGANISATION, tok.i, tok.i + 1, first.country, True))

    def bare_embassies(self, chosen):
        """'The Embassy will deliver …', 'la Embajada anunció …': the embassy the text named before, else, in a
        text about two countries, the one one has in the other (as the gazetteer knows it)."""
        doc, index = self.doc, self.index
        # (the one the text named in full before, else the one of its two countries, the dateline's the host)
        named = [r.actor for r in self.refs if r.actor in index.embassy_ids]
        countries = self.principal[:2] + [self.home]
        embassy = named[0] if named else \
            next((index.embassies[(a, b)] for a in countries for b in countries if (a, b) in index.embassies), None)
        if embassy is None:
            return
        taken = self.taken(chosen)
        for tok in doc:
            if tok.text in index.lang.actors["embassy_words"] and tok.i not in taken and tok.i > 0 and \
                    doc[tok.i - 1].lower_ in index.definite_articles and not (tok.i + 1 < len(doc) and doc[tok.i + 1].is_title):
                self.refs.append(Ref(embassy, ORGANISATION, tok.i, tok.i + 1, index.country_of(embassy)))

    def surname_mentions(self, chosen):
        """Later mentions of a discovered person by last name alone."""
        if not self.surnames:
            return
        taken = self.taken(chosen)
        for tok in self.doc:
            ident = self.surnames.get(tok.norm_) if tok.text[:1].isupper() else None
            if ident and tok.i not in taken:
                self.refs.append(Ref(ident, PERSON, tok.i, tok.i + 1, self.new[ident].country, True))


def _principal(chosen, index: ActorIndex, doc: Doc, home: str | None) -> list[str]:
    """The countries a document is about: the most mentioned (countries, their people, demonyms,
    offices whose words name their country — "the Foreign Minister" alone says nothing of whose),
    then the country of its dateline ("Montevideo, 12 de marzo.– El canciller …": Uruguay's)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for label, s, e in chosen:
        kind, _, value = label.partition(":")
        if kind == "actor" and index.org_counterparts(doc[s:e].text) is not None:
            continue   # a generic name ("Cancillería") is whoever's the document is about
        country = value if kind == "demonym" else index.country_of(value) if kind == "actor" else \
            index.office_country(value) if kind == "office" and index.country_names.named(doc[s:e].text) else None
        if country:
            counts[country] += 1
            first.setdefault(country, s)
    named = sorted(counts, key=lambda c: (-counts[c], first[c]))
    return named + [home] if home and home not in named else named
