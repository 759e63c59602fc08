"""Facts to RDF: the only module that knows how facts map to the ontology's terms.

Every fact becomes quads in the named graph of the document that states it; the gazetteer and the
ontology get graphs of their own. IRIs are minted from stable slugs under one base IRI, so they do
not change across rebuilds. No blank nodes: every node has an IRI other datasets can link to."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from ..dates import DateRange, PartialDate
from ..iris import ONTOLOGY_IRI, Iris
from ..vocab import DC, DCT, DIP, GEONAMES, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEMAPV, SKOS, SSSOM, TOPIC, WD, XSD
from .documents import Document
from .facts import Actor, Agreement, Commitment, DocumentFacts, Evidence, Gazetteer, Link, Meeting, Title

ACTOR_CLASS = {"Person": DIP.Person, "Organisation": DIP.Organisation, "Country": DIP.Country}
PLACE_CLASS = {"City": SCHEMA.City, "Country": SCHEMA.Country, "Region": SCHEMA.AdministrativeArea,
               "Building": SCHEMA.LandmarksOrHistoricalBuildings}


def concept(slug: str) -> NamedNode:
    """A concept of the ontology's schemes from its notation: 'in-force' -> dip:InForce."""
    return DIP["".join(w.capitalize() for w in slug.split("-"))]


def date_literal(d: PartialDate) -> Literal:
    return Literal(d.iso, datatype=XSD[d.xsd_type])


def _labels(subject, names: dict, graph, predicate=RDFS.label) -> Iterator[Quad]:
    for lang, value in sorted(names.items()):
        for v in [value] if isinstance(value, str) else value:
            yield Quad(subject, predicate, Literal(v, language=lang), graph)


def ontology_quads(ontology_dir: Path, graph: NamedNode) -> Iterator[Quad]:
    for name in ("dip.ttl", "topics.ttl"):
        path = Path(ontology_dir) / name
        with path.open("rb") as f:
            for t in parse(f, format=RdfFormat.TURTLE, base_iri=ONTOLOGY_IRI):
                yield Quad(t.subject, t.predicate, t.object, graph)


DATASETS = {"wikidata": ("Wikidata", WD), "geonames": ("GeoNames", GEONAMES)}


def link_quads(entity: str, predicate: NamedNode, dataset: str, identifier: str, iris: Iris, g,
               accepted: Link | None = None) -> Iterator[Quad]:
    """A link from one of our nodes (kind/slug) to another dataset, and its provenance on a node of its
    own (an OWL annotation axiom in SSSOM's terms): curated in the gazetteer, or proposed by a
    reconciliation service and accepted. Nothing else is published: a build refuses a link without it
    (ontology/shapes.ttl)."""
    title, ns = DATASETS[dataset]
    s, target = iris.entity(*entity.split("/", 1)), ns[identifier + ("/" if dataset == "geonames" else "")]
    x = iris.entity("link", f"{entity}/{dataset}")
    yield Quad(s, predicate, target, g)
    yield Quad(x, RDF.type, OWL.Axiom, g)
    yield Quad(x, RDF.type, PROV.Entity, g)
    yield Quad(x, RDFS.label, Literal(f"link to {title} {identifier}", language="en"), g)
    yield Quad(x, OWL.annotatedSource, s, g)
    yield Quad(x, OWL.annotatedProperty, predicate, g)
    yield Quad(x, OWL.annotatedTarget, target, g)
    if accepted is None:
        yield Quad(x, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration, g)
        yield Quad(x, PROV.wasGeneratedBy, iris.activity("gazetteer-curation"), g)
        return
    a = accepted
    activity = iris.activity(f"reconciliation-{a.proposed.iso}-{_hash(a.service)}")
    yield Quad(x, SSSOM.mapping_justification, SEMAPV.LexicalMatching, g)
    yield Quad(x, SSSOM.mapping_tool, Literal(a.service), g)
    yield Quad(x, SSSOM.mapping_date, date_literal(a.proposed), g)
    yield Quad(x, SSSOM.confidence, Literal(f"{a.score / 100:.4f}", datatype=XSD.double), g)
    yield Quad(x, SSSOM.match_string, Literal(a.query), g)
    if a.name:
        yield Quad(x, SSSOM.object_label, Literal(a.name), g)
    yield Quad(x, DCT.dateAccepted, date_literal(a.accepted), g)
    yield Quad(x, SKOS.editorialNote, Literal(f"accepted ({a.accepted_by})", language="en"), g)
    yield Quad(x, PROV.wasGeneratedBy, activity, g)
    yield Quad(activity, RDF.type, PROV.Activity, g)
    yield Quad(activity, RDFS.label, Literal(f"reconciliation against {a.service}", language="en"), g)
    yield Quad(activity, DCT.date, date_literal(a.proposed), g)
    yield Quad(activity, PROV.wasAssociatedWith, NamedNode(a.service), g)
    yield Quad(NamedNode(a.service), RDF.type, PROV.SoftwareAgent, g)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def gazetteer_quads(gaz: Gazetteer, iris: Iris) -> Iterator[Quad]:
    g = iris.graph("gazetteer")
    curation = iris.activity("gazetteer-curation")
    yield Quad(curation, RDF.type, PROV.Activity, g)
    yield Quad(curation, RDFS.label, Literal("curation of the gazetteer (data/gazetteer.yaml)", language="en"), g)
    for o in gaz.offices.values():
        s = iris.entity("office", o.id)
        yield Quad(s, RDF.type, DIP.Office, g)
        yield from _labels(s, o.name, g)
        yield from _labels(s, o.aliases, g, SKOS.altLabel)
        if o.organisation:
            yield Quad(s, SCHEMA.memberOf, iris.entity("actor", o.organisation), g)
        if o.wikidata:
            yield from link_quads(f"office/{o.id}", OWL.sameAs, "wikidata", o.wikidata, iris, g)
    actor_items = {a.wikidata for a in gaz.actors.values() if a.wikidata}
    actor_items |= {x.identifier for x in gaz.links if x.entity.startswith("actor/")}
    for p in gaz.places.values():
        s = iris.entity("place", p.id)
        yield Quad(s, RDF.type, SCHEMA.Place, g)
        yield Quad(s, RDF.type, PLACE_CLASS[p.type], g)
        yield from _labels(s, p.name, g)
        yield from _labels(s, p.aliases, g, SKOS.altLabel)
        if p.wikidata:
            yield from link_quads(f"place/{p.id}", place_link(p.wikidata, actor_items), "wikidata", p.wikidata, iris, g)
        if p.geonames:
            yield from link_quads(f"place/{p.id}", OWL.sameAs, "geonames", p.geonames, iris, g)
        if p.country and p.type != "Country":   # a country is not contained in itself
            yield Quad(s, SCHEMA.containedInPlace, iris.entity("actor", p.country), g)
    for a in gaz.actors.values():
        s = iris.entity("actor", a.id)
        yield Quad(s, RDF.type, ACTOR_CLASS[a.type], g)
        yield from _labels(s, a.name, g)
        yield from _labels(s, a.aliases, g, SKOS.altLabel)
        if a.wikidata:
            yield from link_quads(f"actor/{a.id}", OWL.sameAs, "wikidata", a.wikidata, iris, g)
        if a.country:
            yield Quad(s, SCHEMA.nationality if a.type == "Person" else SCHEMA.location, iris.entity("actor", a.country), g)
        if a.part_of:
            yield Quad(s, ORG.subOrganizationOf, iris.entity("actor", a.part_of), g)
        for r in a.roles:
            office = gaz.offices[r.office]
            m = NamedNode(f"{s.value}/role/{r.office}" + (f"/{r.start.iso}" if r.start else ""))
            yield Quad(m, RDF.type, ORG.Membership, g)
            yield Quad(m, ORG.member, s, g)
            yield Quad(m, ORG.role, iris.entity("office", r.office), g)
            if office.organisation:
                yield Quad(m, ORG.organization, iris.entity("actor", office.organisation), g)
            if r.start:
                yield Quad(m, SCHEMA.startDate, date_literal(r.start), g)
            if r.end:
                yield Quad(m, SCHEMA.endDate, date_literal(r.end), g)
    for x in gaz.links:
        predicate = place_link(x.identifier, actor_items) if x.entity.startswith("place/") else OWL.sameAs
        yield from link_quads(x.entity, predicate, x.dataset, x.identifier, iris, g, accepted=x)


def place_link(qid: str, actor_items: set[str]) -> NamedNode:
    """A country is both an actor and a place here; owl:sameAs on both nodes would make them one
    individual for any reasoner, so the place only matches the item its actor is the same as."""
    return SKOS.exactMatch if qid in actor_items else OWL.sameAs


def document_quads(doc: Document, iris: Iris) -> Iterator[Quad]:
    g, s = iris.document_graph(doc.identifier), iris.document(doc.identifier)
    yield Quad(s, RDF.type, DIP.SourceDocument, g)
    yield Quad(s, DCT.identifier, Literal(doc.identifier), g)
    # What a reader sees it called: its title, else one derived from its text and marked so (never
    # dcterms:title, which is what the source itself gives), else its identifier.
    derived = doc.derived_title
    yield Quad(s, RDFS.label, Literal(doc.title or derived or doc.identifier), g)
    if derived:
        yield Quad(s, DIP.derivedTitle, Literal(derived, language=doc.language) if doc.language else Literal(derived), g)
    if doc.title:
        yield Quad(s, DCT.title, Literal(doc.title, language=doc.language) if doc.language else Literal(doc.title), g)
    if doc.publisher:
        yield Quad(s, DC.publisher, Literal(doc.publisher), g)
    if doc.date:
        yield Quad(s, DCT.date, date_literal(doc.date), g)
    if doc.language:
        yield Quad(s, DCT.language, Literal(doc.language, datatype=XSD.language), g)
    if doc.source:
        # An IRI when the source is one (documents.py checked it), else the text as given.
        yield Quad(s, DCT.source, NamedNode(doc.source) if doc.source.startswith(("http://", "https://")) else Literal(doc.source), g)
    if doc.note:
        yield Quad(s, SKOS.editorialNote, Literal(doc.note), g)
    yield Quad(s, SCHEMA.text, Literal(doc.text, language=doc.language) if doc.language else Literal(doc.text), g)
    # The named graph's own provenance, inside it: where its statements come from.
    yield Quad(g, RDF.type, PROV.Entity, g)
    yield Quad(g, PROV.wasDerivedFrom, s, g)


def new_actor_quads(actors: Iterable[Actor], doc: Document, iris: Iris) -> Iterator[Quad]:
    """Actors the gazetteer does not know, discovered in a document: in that document's graph."""
    g = iris.document_graph(doc.identifier)
    for a in actors:
        s = iris.entity("actor", a.id)
        yield Quad(s, RDF.type, ACTOR_CLASS[a.type], g)
        yield from _labels(s, a.name, g)
        yield Quad(s, PROV.wasDerivedFrom, iris.document(doc.identifier), g)
        if a.country:
            yield Quad(s, SCHEMA.nationality if a.type == "Person" else SCHEMA.location, iris.entity("actor", a.country), g)


def provenance_quads(facts: DocumentFacts, doc: Document, iris: Iris) -> Iterator[Quad]:
    """The activities that produced a document's evidence: curation by people, extraction by a
    versioned software agent that used the document."""
    g = iris.document_graph(doc.identifier)
    evidence = [ev for f in facts.all() for ev in f.evidence]
    if any(ev.method == "curated" for ev in evidence):
        a = iris.activity("curated")
        yield Quad(a, RDF.type, PROV.Activity, g)
        yield Quad(a, RDFS.label, Literal("curation of annotations (data/annotations)", language="en"), g)
        yield Quad(a, PROV.used, iris.document(doc.identifier), g)
    for version in sorted({ev.extractor_version for ev in evidence if ev.extractor_version}):
        a, agent = iris.activity(f"extraction-{version}"), iris.entity("agent", f"extractor-{version}")
        yield Quad(a, RDF.type, PROV.Activity, g)
        yield Quad(a, RDFS.label, Literal(f"automatic extraction, extractor {version}", language="en"), g)
        yield Quad(a, PROV.used, iris.document(doc.identifier), g)
        yield Quad(a, PROV.wasAssociatedWith, agent, g)
        yield Quad(agent, RDF.type, PROV.SoftwareAgent, g)
        yield Quad(agent, RDFS.label, Literal(f"kg extractor {version}", language="en"), g)
        yield Quad(agent, SCHEMA.softwareVersion, Literal(version), g)


def _date(subject, d, g, predicate=SCHEMA.startDate) -> Iterator[Quad]:
    if isinstance(d, PartialDate):
        yield Quad(subject, predicate, date_literal(d), g)
    elif isinstance(d, DateRange):
        yield Quad(subject, DIP.earliestDate, date_literal(d.start), g)
        yield Quad(subject, DIP.latestDate, date_literal(d.end), g)


class FactWriter:
    """Writes one document's facts; `kinds` maps every fact id of the build to its class."""

    def __init__(self, iris: Iris, kinds: dict[str, str]):
        self.iris, self.kinds = iris, kinds

    def ref(self, slug: str) -> NamedNode:
        return self.iris.entity(self.kinds[slug], slug)

    def actors(self, subject, predicate, ids, g):
        for a in ids:
            yield Quad(subject, predicate, self.iris.entity("actor", a), g)

    def topics(self, subject, ids, g):
        for t in ids:
            yield Quad(subject, DCT.subject, TOPIC[t], g)

    def common(self, fact, kind, cls, doc: Document, g) -> Iterator[Quad]:
        s = self.iris.entity(kind, fact.id)
        yield Quad(s, RDF.type, cls, g)
        yield from _labels(s, fact.name, g)
        yield Quad(s, PROV.wasDerivedFrom, self.iris.document(doc.identifier), g)
        yield from self.topics(s, fact.topics, g)
        for n, ev in enumerate(fact.evidence, 1):
            yield from self.evidence(s, ev, kind, fact.id, n, g)

    def evidence(self, fact, ev: Evidence, kind, slug, n, g) -> Iterator[Quad]:
        a = self.iris.evidence(ev, kind, slug, n)
        target, quote, position = (NamedNode(f"{a.value}#{p}") for p in ("target", "quote", "position"))
        yield Quad(a, RDF.type, OA.Annotation, g)
        yield Quad(a, OA.motivatedBy, OA.describing, g)
        yield Quad(a, OA.hasBody, fact, g)
        yield Quad(a, OA.hasTarget, target, g)
        yield Quad(a, DIP.method, DIP.Curated if ev.method == "curated" else DIP.Extracted, g)
        yield Quad(a, PROV.wasGeneratedBy, self.iris.activity(ev.method if not ev.extractor_version
                                                              else f"extraction-{ev.extractor_version}"), g)
        if ev.confidence is not None:
            yield Quad(a, DIP.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal), g)
        yield Quad(target, RDF.type, OA.SpecificResource, g)
        yield Quad(target, OA.hasSource, self.iris.document(ev.document), g)
        yield Quad(target, OA.hasSelector, quote, g)
        yield Quad(target, OA.hasSelector, position, g)
        yield Quad(quote, RDF.type, OA.TextQuoteSelector, g)
        yield Quad(quote, OA.exact, Literal(ev.quote), g)
        yield Quad(quote, OA.prefix, Literal(ev.prefix), g)
        yield Quad(quote, OA.suffix, Literal(ev.suffix), g)
        yield Quad(position, RDF.type, OA.TextPositionSelector, g)
        yield Quad(position, OA.start, Literal(str(ev.start), datatype=XSD.nonNegativeInteger), g)
        yield Quad(position, OA.end, Literal(str(ev.end), datatype=XSD.nonNegativeInteger), g)

    def meeting(self, m: Meeting, doc, g) -> Iterator[Quad]:
        s = self.iris.entity("meeting", m.id)
        yield from self.common(m, "meeting", DIP.Meeting, doc, g)
        if m.kind:
            yield Quad(s, DIP.meetingKind, concept(m.kind), g)
        if m.status:
            yield Quad(s, DIP.status, concept(m.status), g)
        yield from _date(s, m.date, g)
        if m.place:
            yield Quad(s, SCHEMA.location, self.iris.entity("place", m.place), g)
        yield from self.actors(s, DIP.participant, m.participants, g)
        if m.part_of:
            yield Quad(s, SCHEMA.superEvent, self.ref(m.part_of), g)

    def commitment(self, c: Commitment, doc, g) -> Iterator[Quad]:
        s = self.iris.entity("commitment", c.id)
        yield from self.common(c, "commitment", DIP.Commitment, doc, g)
        yield from self.actors(s, DIP.committedBy, c.actors, g)
        yield from _date(s, c.date, g, DCT.date)
        if c.made_at:
            yield Quad(s, DIP.madeAt, self.ref(c.made_at), g)
        for t in c.followed_up_by:
            yield Quad(s, DIP.followedUpBy, self.ref(t), g)
            yield Quad(self.ref(t), DIP.followsUp, s, g)

    def agreement(self, a: Agreement, doc, g) -> Iterator[Quad]:
        s = self.iris.entity("agreement", a.id)
        yield from self.common(a, "agreement", DIP.Agreement, doc, g)
        if a.kind:
            yield Quad(s, DIP.agreementKind, concept(a.kind), g)
        if a.status:
            yield Quad(s, DIP.status, concept(a.status), g)
        yield from _date(s, a.date, g, DIP.statusDate)
        yield from self.actors(s, DIP.party, a.parties, g)
        if a.signed_at:
            yield Quad(s, DIP.signedAt, self.ref(a.signed_at), g)
        if a.implements:
            yield Quad(s, DIP.implements, self.ref(a.implements), g)

    def facts(self, facts: DocumentFacts, doc: Document) -> Iterator[Quad]:
        g = self.iris.document_graph(doc.identifier)
        for m in facts.meetings:
            yield from self.meeting(m, doc, g)
        for c in facts.commitments:
            yield from self.commitment(c, doc, g)
        for a in facts.agreements:
            yield from self.agreement(a, doc, g)
        for t in facts.titles:
            yield from self.title(t, g)

    def title(self, t: Title, g) -> Iterator[Quad]:
        """The title a document gives an actor, as schema:jobTitle in that document's graph, with the
        words that state it as evidence (an annotation whose body is the actor)."""
        s = self.iris.entity("actor", t.actor)
        yield Quad(s, SCHEMA.jobTitle, Literal(t.text, language=t.language), g)
        if t.evidence is not None:
            yield from self.evidence(s, t.evidence, "actor", t.actor, 1, g)


def fact_kinds(all_facts: Iterable[DocumentFacts]) -> dict[str, str]:
    kinds = {}
    for facts in all_facts:
        kinds.update({m.id: "meeting" for m in facts.meetings})
        kinds.update({c.id: "commitment" for c in facts.commitments})
        kinds.update({a.id: "agreement" for a in facts.agreements})
    return kinds


def dataset_quads(docs: list[Document], facts: list[DocumentFacts], gaz: Gazetteer, iris: Iris,
                  ontology_dir: Path, new_actors: dict[str, list[Actor]] | None = None) -> Iterator[Quad]:
    """Everything the build writes: ontology, gazetteer, then each document's graph (with the
    actors first discovered there)."""
    yield from ontology_quads(ontology_dir, iris.graph("ontology"))
    yield from gazetteer_quads(gaz, iris)
    writer = FactWriter(iris, fact_kinds(facts))
    by_doc = {f.document: f for f in facts}
    for doc in docs:
        yield from document_quads(doc, iris)
        yield from new_actor_quads((new_actors or {}).get(doc.identifier, []), doc, iris)
        if doc.identifier in by_doc:
            yield from writer.facts(by_doc[doc.identifier], doc)
            yield from provenance_quads(by_doc[doc.identifier], doc, iris)


def topic_ids(ontology_dir: Path) -> set[str]:
    """The ids (skos:notation) of the topic scheme's concepts."""
    with (Path(ontology_dir) / "topics.ttl").open("rb") as f:
        return {t.object.value for t in parse(f, format=RdfFormat.TURTLE) if t.predicate == SKOS.notation}
