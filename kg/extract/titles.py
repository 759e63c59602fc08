"""People named by their titles: a title's own words (modifiers, portfolio, posting, organisation)
up to its holder's name, the title as the text states it (the role the graph gives), appositions
with and without a title, elliptical titles, and bare titles that refer back to someone named
before or to an office's holder on the document's date. A mixin of the actor resolver
(kg.extract.actors), whose state (doc, index, raw matches, refs) it reads."""
from __future__ import annotations

from . import identity
from .names import _is_name_token, name_after, past_words
from .refs import COUNTRY, GROUP, ORGANISATION, PERSON, Ref

MAX_GAP = 6              # tokens between a title and its holder's name ("canciller de Perú, Hugo de Zela")
MAX_TITLE_WORDS = 20     # a title's own words before the comma and its holder's name ("Jefe de la Sección de … (INL), X")
PORTFOLIO_AREAS = 4      # commas between the areas a portfolio lists before its holder's name
INDEFINITE_WINDOW = 3    # words between an indefinite article and the title it makes no one in particular ("a senior State Department official")


class Titles:
    """The title rules of the actor resolver: what a title's words say of its holder."""

    def organisation_in_title(self, j: int, chosen, k: int) -> tuple[int, int] | None:
        """An organisation's acronym or name inside a title, right before its holder's name (and
        perhaps after one capitalised word of the title): 'Agregado Jurídico FBI Norman Quilichini',
        'Comandante General PNP Vicente Tiburcio', 'USAID Mission Director Jane Doe'. It stays an
        actor of the text; (the name's start, next candidate) or None."""
        doc = self.doc
        for skip in (0, 1):
            at = j + skip
            if skip and not (doc[j].is_title and doc[j].is_alpha):
                break
            hit = next(((m, c) for m, c in enumerate(chosen[k:k + 2], k) if c[1] == at and
                        (self.organisation_label(c[0]) or c[0] == "org:")), None)
            if hit is None:
                continue
            m, (label, _, le) = hit
            if name_after(doc, le, self.index) - le >= 2:
                self.refs.append(self.discovered_organisation(at, le) if label == "org:" else
                                 Ref(label[6:], ORGANISATION, at, le, self.index.country_of(label[6:])))
                self.qualifiers.append((at, le))
                return le, m + 1
        return None

    def taken(self, chosen) -> set[int]:
        """The tokens an actor or a candidate name already covers."""
        return {i for r in self.refs for i in range(r.start, r.end)} | {i for _, s, e in chosen for i in range(s, e)}

    def titled(self, start: int, end: int) -> None:
        """The title being resolved is doc[start:end] (none if empty)."""
        self.title = self.doc[start:end].text if end > start else None
        self.title_at = (start, end)

    def stated_title(self, s: int, end: int) -> tuple[int, int]:
        """The title as the text states it, for the role the graph gives its holder: with the words
        before it that qualify it ("Acting", "U.S.", "Peruvian", "Colombia's") and its own words up
        to the name ("Assistant Secretary for the Bureau of Western Hemisphere Affairs")."""
        doc, index = self.doc, self.index
        countries = {le: ls for label, ls, le in self.raw if label.startswith("demonym:") or
                     label.startswith("actor:") and label[6:] in index.countries}
        start = s
        while start > 0:
            if doc[start - 1].lower_ in index.title_modifiers or doc[start - 1].is_title and doc[start - 1].lower_ in index.portfolio_words:
                start -= 1      # "Acting", "Interior Secretary"
            elif start in countries:
                start = countries[start]
            elif doc[start - 1].text in ("’s", "'s") and start - 1 in countries:
                start = countries[start - 1]
            else:
                break
        while end > start + 1 and (doc[end - 1].text in (",", ";", "(", ":") or doc[end - 1].lower_ in index.definite_articles):
            end -= 1
        while start < end - 1 and doc[start].lower_ in index.definite_articles:
            start += 1      # "The Secretary": an office's alias with its article
        return start, end

    def title_end(self, e: int) -> int:
        """Where a title's own words end after its head ('Colombia's Foreign Minister, …' ends at the comma)."""
        doc, index = self.doc, self.index
        while e < len(doc) and doc[e].lower_ not in index.list_joiners and (
                doc[e].lower_ in index.title_words or doc[e].text[:1].isupper() and doc[e].is_alpha) and \
                not (e + 2 < len(doc) and doc[e + 1].text == "-" and doc[e + 2].is_lower):
            e += 1      # not past "and": "The Secretary and Foreign Minister discussed …" are two titles; nor "Lima-based"
        while e > 0 and doc[e - 1].lower_ in index.posting_links:
            e -= 1      # ("an analyst at Lima-based …": the title is "analyst")
        return e

    def holder_in(self, s: int, e: int) -> int | None:
        """Where a person's name (two or three words) ends an organisation's discovered name right
        after a word that ends such names — a known actor's name, a head or a portfolio word
        ("Organization of American States Carlos Trujillo", "Bureau of … Affairs Richard Glenn")."""
        doc, index = self.doc, self.index
        ends = {le for label, _, le in self.raw if label.startswith("actor:")}
        for cut in (e - 3, e - 2):
            if cut <= s + 1:
                continue
            name = doc[cut:e]
            before = doc[cut - 1]
            if all(_is_name_token(t, index) and t.text not in index.org_heads and t.lower_ not in index.portfolio_words
                   for t in name) and (cut in ends or before.text in index.org_heads or before.lower_ in index.portfolio_words):
                return cut
        return None

    def posting_at(self, j: int, chosen, k: int):
        """'… to the United Nations', '… en Colombia', '… ante la OEA': the country or organisation a
        title is posted to, right after its link word (and an article): (actor, end, next candidate)."""
        at = j      # (a country's name may hold its article: "en el Perú")
        while j < len(self.doc) and self.doc[j].lower_ in self.index.definite_articles:
            j += 1
        for n in range(k, min(k + 3, len(chosen))):
            label, ls, le = chosen[n]
            if ls not in (at, j):
                continue
            if label == "org:":         # "to the Organization of American States Carlos Trujillo"
                cut = self.holder_in(ls, le)
                if cut is None:
                    return None
                known = next((lab[6:] for lab, s, e in self.raw if (s, e) == (ls, cut) and lab.startswith("actor:")), None)
                ref = Ref(known, ORGANISATION, ls, cut, self.index.country_of(known)) if known else self.discovered_organisation(ls, cut)
                self.refs.append(ref)
                return ref.actor, cut, n + 1
            actor = label.split(":", 1)[1]
            if label.startswith(("actor:", "demonym:")) and actor in self.index.gaz.actors and self.index.gaz.actors[actor].type != PERSON:
                a = self.index.gaz.actors[actor]
                self.refs.append(Ref(actor, a.type, ls, le, self.index.country_of(actor)))
                self.qualifiers.append((ls, le))
                return actor, le, n + 1
        return None

    def bare_title(self, role: str, office: str | None, s: int, e: int, country: str | None = None,
                   posting: str | None = None):
        """'the Secretary', 'el canciller', 'el canciller chileno': the last person named with the
        role (of that country, if the title says), else the holder of that country's office — or,
        for a title no country qualifies, of an office of the document's main countries. A title
        posted somewhere ("Embajador de Estados Unidos en Colombia") is only an office posted there."""
        # "los viceministros", "the ministers": several people; "Office of the Spokesperson": a bureau; "a department
        # spokesperson": someone unnamed
        if role == GROUP or self.office_of(s) or self.indefinite(s):
            return
        if posting:
            names = {identity.fold(n) for n in identity.names_of(self.index.gaz.actors[posting])}
            offices = [o for o in ([office] if office else self.role_offices(role, None))
                       if (not country or self.index.office_country(o) == country) and
                       any(n in identity.fold(x) for n in names for x in identity.names_of(self.index.gaz.offices[o]))]
            holders = self.index.holders(offices, self.date)
            if len(holders) == 1:
                self.person(holders.pop(), s, e, role)
            return
        generic = role in self.index.lang.actors["generic_roles"]
        # "The President", "the Vice President" capitalised: the text's own principal, named first.
        principal = self.doc[e - 1].text[:1].isupper() and s > 0 and self.doc[s - 1].lower_ in self.index.definite_articles
        # "el funcionario estadounidense", "the U.S. official": anyone of that country named before;
        # "la funcionaria", "the official": the person named last (not "the General Assembly": in lower case)
        definite = s > 0 and self.doc[s - 1].lower_ in self.index.definite_articles and self.doc[s:e].text.islower()
        anyone = (country or definite) and role in self.index.lang.actors["any_person_roles"]
        gender = self.gender_at(s)
        for ref in (self.refs if principal else reversed(self.refs)):
            if ref.type != PERSON or (country and ref.country != country):
                continue
            if gender and self.genders.get(ref.actor, gender) != gender:
                continue    # "la presidenta" after "el presidente Joseph R. Biden": not him
            roles = self.roles.get(ref.actor, set()) | self.index.person_roles(ref.actor)
            if role in roles or (generic and any(role in r for r in roles)) or anyone or self.same_office(role, roles, country):
                self.person(ref.actor, s, e, role, ref.country, ref.discovered)
                return
        if generic and office is None:
            return      # "the Minister" no portfolio qualifies: one of many, whom the gazetteer may not list
        # "Secretary of Commerce Gina Raimondo … the Secretary": the last person the text titled with that word, before
        # the office the word names alone
        head = self.doc[e - 1].lower_
        if head in self.index.lang.actors["generic_roles"] and not country:
            for ref in reversed(self.refs):
                if ref.type == PERSON and head in self.roles.get(ref.actor, set()):
                    self.person(ref.actor, s, e, role, ref.country, ref.discovered)
                    return
        if country:
            offices = self.index.counterpart_office(office, role, country)
        else:
            candidates = self.role_offices(role, office)
            owners = {self.index.office_country(o) for o in candidates}
            main = self.principal[:2]     # never another country's official ("viceministro" in a text of Paraguay)
            offices = [o for o in candidates if self.index.office_country(o) in main]
            if not offices and (not main or len(main) < 2 and len(owners) == 1):
                offices = [office] if office else candidates   # a text of no country; a title only the other side has
        # "el embajador de los Estados Unidos" in a text of Uruguay is not the one posted to Peru.
        offices = [o for o in offices if self.index.gaz.offices[o].posted_to in (None, *self.principal)]
        holders = self.index.holders(offices, self.date)
        if len(holders) == 1:
            self.person(holders.pop(), s, e, role)
        elif country:   # "the Foreign Minister of Peru" of a day the gazetteer knows no holder of: Peru's
            self.refs.append(Ref(country, COUNTRY, s, e, country))
        self.unnamed.append((s, e, role, country))

    def same_office(self, role: str, roles: set[str], country: str | None) -> bool:
        """'el jefe de la diplomacia estadounidense' after 'el secretario de Estado Antony Blinken': a role that is a
        national role for the country the title names (not "el canciller" alone)."""
        lex = self.index.lang.actors
        national = lex["national_equivalents"].get(role)
        return national in roles and lex["national_roles"].get(national) == country

    def named_later(self) -> None:
        """'Viceministro de Relaciones Exteriores se reunió con …' in a headline, then 'el viceministro Ignacio
        Higueras' in the story: a bare title (whatever the gazetteer's office holders made of it) is the
        person the text names with that title after it."""
        for s, e, role, country in self.unnamed:
            named = next((r for r in self.refs if r.type == PERSON and r.start > s and r.discovered and
                          role in self.roles.get(r.actor, set()) and (not country or r.country == country)), None)
            if named:
                self.refs = [r for r in self.refs if (r.start, r.end) != (s, e)]
                self.refs.append(Ref(named.actor, PERSON, s, e, named.country, True))

    def rank_before_name(self, candidate, j: int) -> bool:
        """Whether the candidate match at doc[j] is a one-word title in lower case, or a rank in any case
        ("embajador", "Ambassador", "general"), with a person's name right after it."""
        return candidate is not None and candidate[1] == j and candidate[0].startswith("title:") and candidate[2] == j + 1 and \
            (self.doc[j].is_lower or self.doc[j].lower_ in self.index.name_ranks) and name_after(self.doc, j + 1, self.index) - j - 1 >= 2

    def office_of(self, s: int) -> bool:
        """The title names a bureau, not its holder: "Office of the Spokesperson", "Oficina del Vocero"."""
        j = s - 1
        while j >= 0 and self.doc[j].lower_ in self.index.definite_articles:
            j -= 1
        return j >= 1 and self.doc[j].lower_ in self.index.of_words and \
            self.doc[j - 1].lower_ in self.index.lang.actors["office_nouns"]

    def indefinite(self, s: int) -> bool:
        """'a department spokesperson', 'a Peruvian leader', 'un alto funcionario': an indefinite article
        before the title, past a few words."""
        j = s - 1
        while j >= 0 and s - j <= INDEFINITE_WINDOW and self.doc[j].is_alpha:
            if self.doc[j].lower_ in self.index.indefinite_articles:
                return True
            j -= 1
        return False

    def appositive(self, s: int, chosen, n: int):
        """'Luis Gilberto Murillo, Colombia's Foreign Minister', 'John Creamer, Department of State
        Deputy Assistant Secretary …': the name before the comma that precedes a title (and the
        article, country, organisation and modifiers of the title)."""
        doc, j = self.doc, s - 1
        # ("Carlos Durand, a mining analyst at …": an indefinite article and the title's field too)
        while j >= 0 and (doc[j].lower_ in self.index.definite_articles or doc[j].text in ("’s", "'s") or
                          doc[j].lower_ in self.index.indefinite_articles or
                          doc[j].lower_ in self.index.portfolio_words or
                          doc[j].lower_ in self.index.title_modifiers or any(
                ls <= j < le and (lab.startswith("demonym:") or lab == "org:" or
                                  lab.split(":", 1)[-1] in self.index.countries or self.organisation_label(lab))
                for lab, ls, le in chosen)):
            if doc[j].lower_ in self.index.list_joiners and doc[j + 1].lower_ in self.index.definite_articles:
                return None     # "X, y el subsecretario …": another person's title, not X's ("Extraordinario y Plenipotenciario" is one)
            j -= 1
        if j < 1 or doc[j].text != ",":
            return None
        end, start = j, j
        while start > 0 and (_is_name_token(doc[start - 1], self.index) or doc[start - 1].text in self.index.particles):
            start -= 1
        while start < end and doc[start].text in self.index.particles:
            start += 1
        if end - start < 2 or any(ls < end and start < le for _, ls, le in chosen):
            return None
        if any(lab.startswith("place:") and ls <= start and end <= le for lab, ls, le in self.raw):
            return None     # "Building on the Secretary's visit to Buenos Aires, the Secretary …": a place, not a name
        k = past_words(doc, start - 1, self.index.definite_articles)
        if k >= 0 and doc[k].lower_ in self.index.locatives:
            return None     # "In Buenos Aires, the Deputy Secretary will …", "en el Salón Dorado, la mandataria …": where, not who
        return start, end

    def untitled_appositions(self, chosen) -> None:
        """'Michael McKinley, uno de sus principales asesores', 'Jane Doe, one of his senior advisers',
        'X, quien fuera embajador': a name before a comma and an apposition that says what the
        person is, with the role of the first title in it."""
        doc, index = self.doc, self.index
        taken = self.taken(chosen)
        titles = {s: label[6:] for label, s, _ in self.raw if label.startswith("title:")}
        for _, comma, opened in index.apposition_openers(doc):
            if comma < 2:
                continue
            start = comma
            while start > 0 and (_is_name_token(doc[start - 1], index) or doc[start - 1].text in index.particles):
                start -= 1
            while start < comma and doc[start].text in index.particles:
                start += 1
            if comma - start < 2 or taken & set(range(start, comma)):
                continue
            role = next((titles[i] for i in range(opened, min(len(doc), opened + 5)) if i in titles), None)
            stop = next((i for i in range(comma + 1, min(len(doc), comma + 9)) if doc[i].text in (",", ";", ".") or
                         doc[i].lower_ in index.list_joiners), min(len(doc), comma + 9))
            self.titled(comma + 1, stop if role else comma + 1)      # "uno de sus principales asesores"
            self.discover_person(start, comma, role if role != GROUP else "official", None)
            taken |= set(range(start, comma))

    def elliptical_titles(self, chosen) -> None:
        """'el ministro de Relaciones Exteriores, Roberto Álvarez y el de Hacienda, José Manuel
        Vicente': a title left out after a conjunction and an article is the one before, with
        another portfolio."""
        doc, index = self.doc, self.index
        taken = self.taken(chosen)
        titles = [(s, e, label[6:]) for label, s, e in self.raw if label.startswith("title:")]
        for _, s, e in (index.elliptical_titles(doc) if len(index.elliptical_titles) else []):
            comma = next((c for c in range(e, min(len(doc), e + MAX_TITLE_WORDS)) if doc[c].text in (",", ";", ".")), None)
            if comma is None or doc[comma].text != "," or not all(
                    t.text[:1].isupper() or t.lower_ in index.title_words for t in doc[e:comma]):
                continue
            end = name_after(doc, comma + 1, index)
            before = [t for t in titles if t[1] <= s and doc[t[0]].sent == doc[s].sent]
            if end - comma - 1 < 2 or not before or taken & set(range(comma + 1, end)):
                continue
            head = doc[before[-1][0]]      # "ministro" of "ministro de Relaciones Exteriores": with the new portfolio
            self.titled(e - 1, comma)
            self.title = f"{head.text} {self.title}"
            self.discover_person(comma + 1, end, index.titles.get(head.lower_, before[-1][2]), None)

    def country_holders(self, chosen) -> None:
        """'Los cancilleres del Perú, Néstor Popolizio, y del Ecuador, José Valencia', 'the foreign ministers of
        Peru, X, and Ecuador, Y', 'el canciller del Perú, X, y su par del Ecuador, Y': a name after a country a
        title opens with "de"/"of" holds that title for that country; the next country and name of the pair
        (after "y", "and" or a word of counterparts) hold it too."""
        doc, index = self.doc, self.index
        taken = self.taken(chosen)
        titles = {e: (s, label[6:]) for label, s, e in self.raw if label.startswith("title:")}
        counterparts = set(index.lang.actors["counterpart_words"])
        last = None     # (the title's head as the text words it, its role, where its last holder's name ended)
        for label, ls, le in sorted(self.raw, key=lambda x: x[1]):
            country = label.partition(":")[2]
            if not label.startswith("actor:") or country not in index.countries or le + 2 >= len(doc) or doc[le].text != ",":
                continue
            end = name_after(doc, le + 1, index)
            if end - le - 1 < 2:
                continue
            k = past_words(doc, ls - 1, index.definite_articles)
            head = self.head_before(k, titles) if k > 0 and doc[k].lower_ in index.of_words else None
            if head is None and last and last[2] + 1 < ls and doc[last[2]].text == "," and (
                    doc[k].lower_ in counterparts or doc[past_words(doc, k - 1, index.of_words | index.definite_articles)].lower_
                    in index.list_joiners | counterparts):
                head = last[:2]     # "…, y del Ecuador, X", "…, and Ecuador, X", "…, y su par del Ecuador, X"
            if head is None:
                continue
            last = (*head, end)
            if taken & set(range(le + 1, end)):
                continue
            self.titled(k if doc[k].lower_ in index.of_words else ls, le)
            self.title = f"{head[0]} {self.title}"
            self.discover_person(le + 1, end, head[1], country)
            taken |= set(range(le + 1, end))

    def head_before(self, k: int, titles) -> tuple[str, str] | None:
        """The title whose own words (a portfolio: "ministros de Defensa") end at doc[k], in the singular
        ("canciller" of "cancilleres"), with its role."""
        doc, index = self.doc, self.index
        j = k
        while j > 0 and j not in titles and k - j <= MAX_GAP and (
                doc[j - 1].lower_ in index.title_words or doc[j - 1].text[:1].isupper() and doc[j - 1].lower_ in index.portfolio_words):
            j -= 1
        if j not in titles:
            return None
        s, role = titles[j]
        words, portfolio = doc[s:j].text, doc[j:k].text
        if role == GROUP:
            one = next((w for w in (words[:-2], words[:-1]) if index.titles.get(w.lower()) not in (None, GROUP)), None)
            words, role = (one, index.titles[one.lower()]) if one else (words, "official")
        return f"{words} {portfolio}".strip(), role
