"""What a sentence leaves to the sentences before it: whom its pronouns stand for ("she had a
bilateral meeting with …"), who "both leaders" are, the day of the meeting a "Later, …" follows.

Readouts keep one subject over several sentences ("Ambassador Tai traveled to Los Angeles … On
June 7, she had bilateral meetings with A, B and C … On June 8, she had a bilateral meeting with
D"): a person pronoun stands for the subject of the sentences before, not for the person named last."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import PartialDate, lexicon
from .lexicon import fold
from .refs import ORGANISATION, PERSON, Ref
from .rules import Found

HEADLINE_REACH = 3     # sentences at the top of a page where its headline may be (after crumbs)


def speaker(sentences, mentions, openers: list[str]) -> Ref | None:
    """The person whose words a text is, by its headline ("Palabras de la Embajadora … X a su llegada a
    Ecuador", "Remarks by Secretary X"): the first person it names."""
    # (past the crumbs of a page before it: "Home | News & Events | Speeches")
    first = next((s for s in sentences[:HEADLINE_REACH] if any(fold(s.text).startswith(fold(o) + " ") for o in openers)), None)
    if first is None:
        return None
    return next((r for r in mentions.in_span(first.span.start, first.span.end) if r.type == PERSON), None)


@dataclass
class Discourse:
    pronouns: dict[str, list[str]]          # {"person": [he, she, …], "group": [they, …]}
    speaker: Ref | None = None              # whose words the text is: what its first person stands for
    first_person: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()  # "the", "el", "la": a subject starts here
    joiners: frozenset[str] = frozenset()   # "and", "y": "He and X …"
    previous: list[Ref] = field(default_factory=list)     # the actors of the last sentence that stated a fact
    subject: Ref | None = None              # the person the last such sentence was about
    last_people: list[Ref] = field(default_factory=list)  # the people of the last meeting stated
    held_on: PartialDate | None = None      # the day of the last meeting reported as held
    planned_on: PartialDate | None = None   # the day of the last meeting announced ("El lunes 11, … será recibido")
    last_held_on: PartialDate | None = None  # the day of the last meeting told held (not recalled): what "the next day" follows
    held_at: str | None = None              # the place of the last meeting held in person

    def resolve(self, f: Found, doc) -> None:
        """Complete a fact's actors from the context: pronouns, 'both leaders', 'ambos países'."""
        if f.stated:
            return
        lo = f.sentence.span.start
        before = doc[lo:f.trigger] if f.trigger is not None else f.sentence.span
        words = {t.lower_ for t in before}
        f.pronoun = False
        # "Ambos Estados subrayaron su decisión …": a pronoun after an actor of its sentence is that actor's
        said = next((t.i for t in before if t.lower_ in self.pronouns["person"]), None)
        named_first = said is not None and any(r.end <= said for r in f.refs + f.others)
        # "He and Foreign Minister X signed …": the subject told before and X
        joined = any(a.lower_ in self.pronouns["person"] and b.lower_ in self.joiners for a, b in zip(before, before[1:]))
        if joined and self.subject and self.subject.actor not in {r.actor for r in f.refs}:
            f.refs = [self.subject] + f.refs
            f.pronoun = True
        if not any(r.type == PERSON and r.end <= (f.trigger or f.sentence.span.end) for r in f.refs):
            if self.speaker and {t.lower_ for t in f.sentence.span} & self.first_person and \
                    any(r.actor != self.speaker.country for r in f.refs):
                # "Espero tener la oportunidad de felicitar al Presidente Lasso …" (not "viajo fuera de los Estados Unidos")
                f.refs = [self.speaker] + f.refs
            elif words & set(self.pronouns["person"]) and not named_first:
                last = self.subject or next((r for r in reversed(self.previous) if r.type == PERSON), None)
                f.refs = ([last] if last else []) + f.refs
                f.pronoun = last is not None
            elif words & set(self.pronouns["group"]) or self.plural_verb(before) or \
                    f.kind == "commitment" and not f.refs and f.trigger is not None and self.plural_verb(doc[lo:f.trigger + 2]):
                # ("Asimismo, se comprometieron a …": the plural is the trigger's own verb)
                f.refs = self.group() + f.refs
            elif (f.subjectless or f.kind == "meeting" and self.elided(before)) and self.subject and \
                    self.subject.actor not in {r.actor for r in f.refs}:
                # "… conveyed in the meetings with A and B", "Luego se trasladará a Río, donde acompañará al
                # presidente Biden": the visitor's, the subject the sentence leaves out
                f.refs = [self.subject] + f.refs
        if (both := next((r for r in f.refs if r.via == "both_people"), None)) and self.last_people:
            # ("… Xi Jinping, who is expected to hold talks with Boluarte before the two inaugurate …": the two it just named,
            # in the clause a word joins; not after a comma: "… en el que también participaron A y B, ambas autoridades …")
            before = {r.actor for r in f.refs if r.type == PERSON and r.via is None and lo <= r.start and r.end <= both.start}
            named = before if both.start > lo and doc[both.start - 1].is_alpha else set()
            # ("En su encuentro con el canciller de Colombia, X, ambos ministros …": X and the text's subject)
            pair = [self.subject] if len(before) == 1 and self.subject and self.subject.actor not in before and \
                f.kind == "meeting" else None
            f.refs = [r for r in f.refs if r.via != "both_people"] + ([] if len(named) >= 2 else pair or self.last_people)
        elif f.kind == "commitment" and any(r.via == "both_countries" for r in f.refs) and self.last_people:
            f.refs = f.refs + self.last_people    # "ambos países se comprometieron": through the people who met
        if not f.refs and not (f.kind == "meeting" and f.name):     # (a named event: the text's two countries')
            f.refs = self.previous if self.previous else f.others
            f.confidence -= 0.1

    def plural_verb(self, before) -> bool:
        """A verb in the plural with no subject before it ("Asimismo, recordaron el diálogo …"): 'they'."""
        endings = tuple(self.pronouns["group_endings"])
        return bool(endings) and any(t.is_lower and t.is_alpha and t.lower_.endswith(endings) for t in before) and \
            not any(t.text[:1].isupper() and t.i > before.start for t in before)

    def elided(self, before) -> bool:
        """No subject before the words that state the fact ("Luego se trasladará a …", "El domingo viajará a …"; not
        "La siguiente reunión del Diálogo …"): a sentence start and small words in lower case only, no article (but
        a weekday's), no name."""
        days = lexicon()["weekdays"]
        return all((t.i == before.start or t.is_lower) and (t.lower_ not in self.articles or
                                                            t.i + 1 < before.end and t.doc[t.i + 1].lower_ in days) or
                   t.is_punct or t.lower_ in days for t in before)

    def group(self) -> list[Ref]:
        """Whom 'they' stand for: the actors of the sentence before, or, when it names one person at most
        ("The Secretary congratulated him …. They agreed to stay in close touch."), the people who met last."""
        people = [r for r in self.previous if r.type == PERSON]
        if len(people) >= 2:    # (they and their countries, not an organisation they talked about: "… hosting of APEC")
            return [r for r in self.previous if r.type != ORGANISATION]
        if len(self.last_people) < 2:
            return self.previous
        return self.last_people + [r for r in self.previous if r.type != PERSON]

    def told(self, here: list[Found], own: list[Ref]) -> None:
        """After a sentence: its facts' actors (else the actors it names) are what the next one's
        words refer to; its subject, the first person before the words that state a fact."""
        if here:
            own = [r for f in here for r in f.refs]
            first = here[0]
            if not first.pronoun:
                cut = first.trigger if first.trigger is not None else first.sentence.span.end
                subject = next((r for r in first.refs if r.type == PERSON and r.end <= cut), None)
                self.subject = subject or first.visitor or self.subject    # "The visit of X …": X
        if own:     # a person told before stays, for the pronouns of a sentence that names none
            people = [r for r in self.previous if r.type == PERSON] if not any(r.type == PERSON for r in own) else []
            self.previous = own + people

    def met(self, f: Found) -> None:
        """After a meeting: its people are who 'both leaders' are. A meeting of one person ("Ross llegó al
        país para participar en la Conferencia …") names no pair: the last pair stays."""
        people = [r for r in f.refs if r.type == PERSON]
        if len(people) >= 2 or len(self.last_people) < 2:
            self.last_people = people or self.last_people
        # (the latest: a call recalled in passing, "Cabe recordar que … el 2 de febrero pasado", is no day "Más tarde" follows)
        if f.status == "held" and isinstance(f.date, PartialDate) and f.date.day and \
                (self.held_on is None or f.date.as_date() > self.held_on.as_date()):
            self.held_on = f.date
        if isinstance(f.date, PartialDate) and f.date.day:
            if f.status == "scheduled":
                self.planned_on = f.date
            elif f.status == "held" and not f.recalled:
                self.last_held_on = f.date
        if f.status == "held" and f.subtype != "call" and f.place:
            self.held_at = f.place

    def where(self, f: Found) -> str | None:
        """Where a meeting the text places nowhere is: where the last one held in person was, when one of
        its people met there ("… en su visita oficial a Washington. Asimismo, el canciller se reunió con …")."""
        people = {r.actor for r in f.refs if r.type == PERSON}
        return self.held_at if people & {r.actor for r in self.last_people} else None
