"""Places of meetings: the city or venue a sentence names (never, by default, a participant's
country), and the destinations of a trip."""
from __future__ import annotations

from spacy.tokens import Doc

from .actors import COUNTRY, Mentions, Ref
from .rules import Rules


class PlaceRules(Rules):
    """Where a meeting is, and the stops of a trip."""

    def __init__(self, lang, vocab, gaz=None):
        super().__init__(lang, vocab, gaz)
        self.visit_cues = set(lang.meetings["visit_cues"])
        self.place_prepositions = set(lang.meetings["place_prepositions"])
        places = gaz.places.values() if gaz else []
        self.place_types = {p.id: p.type for p in places}
        self.place_countries = {p.id: p.country for p in places if p.country}

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

