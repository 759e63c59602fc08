"""How the rules see an actor: a mention of it in the text (Ref), and an actor the gazetteer does not
know, discovered in the text (NewActor)."""
from __future__ import annotations

from dataclasses import dataclass, field

PERSON, ORGANISATION, COUNTRY = "Person", "Organisation", "Country"
GROUP = "group"       # the role of plural titles ("los viceministros …"): they introduce lists of names


@dataclass
class Ref:
    """An actor as a sentence mentions it."""
    actor: str
    type: str
    start: int          # token indices in the document
    end: int
    country: str | None = None
    discovered: bool = False
    via: str | None = None          # "both_people", "both_countries": stands for the last meeting's people, the text's countries


@dataclass
class NewActor:
    id: str
    type: str
    name: str
    language: str
    country: str | None = None
    roles: set[str] = field(default_factory=set)
