"""The facts of the graph as plain data, before any RDF: what the gazetteer knows of actors,
offices and places, and what each document states about meetings, commitments and agreements.

A fact belongs to the document that states it; two documents stating the same meeting or
agreement give it the same id, and the graph merges them into one node."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import DateRange, PartialDate

Names = dict[str, str]            # language -> text
Aliases = dict[str, list[str]]    # language -> texts

ACTOR_TYPES = ("Person", "Organisation", "Country")
PLACE_TYPES = ("City", "Country", "Region", "Building")
MEETING_KINDS = ("in-person", "call", "multilateral")
MEETING_STATUSES = ("held", "scheduled")
AGREEMENT_KINDS = ("treaty", "memorandum-of-understanding", "declaration", "programme", "grant-agreement", "initiative")
AGREEMENT_STATUSES = ("announced", "under-negotiation", "signed", "in-force", "joined", "accession-requested")


@dataclass
class Role:
    office: str
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass
class Actor:
    id: str
    type: str
    name: Names
    aliases: Aliases = field(default_factory=dict)
    wikidata: str | None = None
    country: str | None = None
    part_of: str | None = None
    roles: list[Role] = field(default_factory=list)


@dataclass
class Office:
    id: str
    name: Names
    aliases: Aliases = field(default_factory=dict)
    organisation: str | None = None
    wikidata: str | None = None
    posted_to: str | None = None    # the country an envoy's office serves in ("Ambassador to Peru")


@dataclass
class Place:
    id: str
    type: str
    name: Names
    aliases: Aliases = field(default_factory=dict)
    wikidata: str | None = None
    geonames: str | None = None
    country: str | None = None
    capital: bool = False       # the seat of its country's government ("Washington would provide …": the United States)


@dataclass
class Link:
    """An identifier in another dataset that a reconciliation service proposed and someone accepted
    (data/links/): what it links, and how it was found. The gazetteer's own identifiers are fields
    of its entries instead."""
    entity: str                 # kind/slug of the linked node: actor/kurt-campbell, meeting/…
    dataset: str                # wikidata
    identifier: str             # Q…
    service: str                # the reconciliation service that proposed it
    score: float                # the service's score, 0–100
    query: str                  # the name of ours it was found by
    proposed: PartialDate
    accepted: PartialDate
    accepted_by: str            # "review" (a person marked it) or "threshold N" (the user's explicit threshold)
    name: str = ""              # its label in the other dataset


@dataclass
class Evidence:
    """Where a document states a fact: the exact quote and its offsets in the document's text."""
    document: str
    quote: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    method: str = "curated"               # curated | extracted
    confidence: float | None = None
    extractor_version: str | None = None


Date = PartialDate | DateRange | None


@dataclass
class Meeting:
    id: str
    name: Names
    kind: str | None = None
    status: str | None = None
    date: Date = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    part_of: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Commitment:
    id: str
    name: Names
    actors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date: Date = None
    made_at: str | None = None
    followed_up_by: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Agreement:
    id: str
    name: Names
    kind: str | None = None
    parties: list[str] = field(default_factory=list)
    status: str | None = None
    date: Date = None
    topics: list[str] = field(default_factory=list)
    signed_at: str | None = None
    implements: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Title:
    """The title a document gives an actor ("Acting Assistant Secretary for …"): its role there."""
    actor: str
    text: str
    language: str
    evidence: Evidence | None = None    # the title and the name, as the document words them


@dataclass
class DocumentFacts:
    document: str
    meetings: list[Meeting] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)      # not facts: what the document calls its actors

    def all(self):
        return [*self.meetings, *self.commitments, *self.agreements]


@dataclass
class Gazetteer:
    actors: dict[str, Actor] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)  # accepted links, read from data/links/
