"""Places of meetings: the city or venue a sentence names (never, by default, a participant's
country), and the destinations of a trip."""
from __future__ import annotations

from spacy.tokens import Doc

from .actors import Mentions
from .refs import COUNTRY, PERSON, Ref
from .rules import Rules

TRIP_GAP = 7    # tokens between a verb of travel and the preposition of its stop ("llegó el martes 5 de marzo a Lima")
ORIGIN_WORDS = 4      # of a phrase of where someone came from ("tras su paso por")


class PlaceRules(Rules):
    """Where a meeting is, and the stops of a trip."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.place_prepositions = set(lang.meetings["place_prepositions"])
        self.trip_fillers = set(lang.meetings["trip_fillers"])
        self.visitor_words = set(lang.meetings["visitor_words"])
        places = gaz.places.values() if gaz else []
        self.place_types = {p.id: p.type for p in places}
        self.place_countries = {p.id: p.country for p in places if p.country}

    def place(self, doc: Doc, mentions: Mentions, lo: int, hi: int, names) -> str | None:
        """Where: a place after "in"/"en"/"a" first, a city before a country; not one inside the
        event's name ("U.S.–Panama Bilateral Security Dialogue") or naming an actor's country
        ("Subsecretario de Estado de los Estados Unidos")."""
        cands = [(s, e, p) for s, e, p in mentions.places if lo <= s and e <= hi and not any(a <= s < b for a, b in names)
                 and self.place_types.get(p) != "Country"     # a country is a participant, not a place
                 and not self.in_instrument_name(doc, s, e, lo, hi) and not self.came_from(doc, mentions, s, e, lo, hi)]
        def rank(c):
            s, _, p = c
            locative = s > lo and doc[s - 1].lower_ in self.place_prepositions
            return (not locative, self.place_types.get(p) != "City", s)
        return min(cands, key=rank)[2] if cands else None

    def came_from(self, doc: Doc, mentions: Mentions, s: int, e: int, lo: int, hi: int) -> bool:
        """'tras su paso por Santiago de Chile y Asunción', 'procedente de Buenos Aires', 'arrived from Bogotá': where
        someone came from (and the places listed with it), not where they met — unless what follows tells what
        happened there ('procedente de San Salvador, donde el lunes sostuvo un encuentro con …'); nor where someone goes
        back to afterwards ('antes de regresar a Bogotá', 'before flying back to Washington')."""
        if e + 1 < hi and doc[e].text == "," and doc[e + 1].lower_ in self.lang.meetings["clause_openers"]:
            return False
        starts = {pe: ps for ps, pe, _ in mentions.places}
        j = s
        while j > lo and (doc[j - 1].lower_ in self.list_joiners or j in starts):
            j = starts.get(j, j - 1)    # back over the places listed before it
        before = doc[max(lo, j - ORIGIN_WORDS):j]
        return self.says(self.lang.meetings["origin_words"], before) or self.says(self.lang.meetings["return_words"], before)

    def in_instrument_name(self, doc: Doc, s: int, e: int, lo: int, hi: int) -> bool:
        """'the Los Angeles Declaration', 'la Declaración de Los Ángeles': a place an instrument is named after."""
        return e < hi and doc[e].text in self.heads or \
            s - 2 >= lo and doc[s - 1].lower_ in self.of_words and doc[s - 2].text in self.heads

    @staticmethod
    def unknown_city(doc: Doc, j: int, hi: int, countries: dict) -> int | None:
        """Where the country after a city the gazetteer does not know starts ("Cúcuta, Colombia")."""
        k = j
        while k < hi and doc[k].is_title:
            k += 1
        return k + 1 if j < k and k + 1 < hi and doc[k].text == "," and k + 1 in countries else None

    def destinations(self, doc: Doc, triggers, refs: list[Ref], mentions: Mentions, hi: int) -> list[tuple[list[Ref], str | None]]:
        """The stops of a trip: the places and countries listed right after a verb of visiting
        ("will travel to Ottawa, Canada, and Brasília, Brazil", "viajará a Chile, Paraguay, Perú y a
        la ciudad de Cúcuta, Colombia"), each a meeting of the travellers with that country (at
        that city, if one is named). Countries named elsewhere in the sentence are not stops."""
        visit = next(((s, e) for s, e in triggers if doc[s].lower_ in self.journey_words), None)
        if visit is None or doc[visit[1] - 1].lower_ in self.visitor_words:
            return []   # "the visit of the United States Deputy Secretary …": the visitor follows, not a stop
        at = {s: (e, p) for s, e, p in mentions.places}
        countries = {r.start: (r.end, r.actor) for r in refs if r.type == COUNTRY}
        stops: dict[str, tuple[int, str | None]] = {}
        # "visited Lima": the trigger ends with the first stop
        j = visit[1] - 1 if visit[1] - 1 > visit[0] and (visit[1] - 1 in at or visit[1] - 1 in countries) else visit[1]
        # "llegó hoy a Montevideo", "llegó el martes 5 de marzo a Lima": past when, to the preposition of where
        when = next((k for k in range(j, min(hi, j + TRIP_GAP)) if doc[k].lower_ in self.place_prepositions), None)
        if when is not None and j not in at and j not in countries and not any(t.is_punct for t in doc[j:when]):
            j = when
        while j < hi:
            if j in at:
                e, p = at[j]
                country = self.place_countries.get(p) if self.place_types.get(p) == "City" else p
                if country and (country not in stops or stops[country][1] is None):
                    stops[country] = (j, p if self.place_types.get(p) == "City" else None)
                j = e
            elif j in countries:
                e, c = countries[j]
                stops.setdefault(c, (j, None))
                j = e
            elif doc[j].lower_ in self.trip_fillers or doc[j].text == ",":
                j += 1
            elif (country_at := self.unknown_city(doc, j, hi, countries)) is not None:
                j = country_at      # "la ciudad de Cúcuta, Colombia": a stop in that country
            else:
                break
        if not stops:
            return []
        travellers = [r for r in refs if r.end <= visit[0]]
        # "…, where he was received by Secretary X", "…, donde se reunió con X": the people met at the last stop
        met = [r for r in refs if r.type == PERSON and r.start >= j and r.actor not in {t.actor for t in travellers}]
        last = max(stops, key=lambda c: stops[c][0])
        return [(travellers + [Ref(c, COUNTRY, s, s + 1, c)] + (met if c == last else []), p) for c, (s, p) in stops.items()]

