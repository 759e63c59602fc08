"""What dereferencing an IRI returns: its description as triples, and the same as a page model.

The description (queries/linked/describe.rq) is what an RDF client gets; the page model reads only
those triples, so the HTML page and the RDF never say different things."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple, Variable

from ..config import Config
from ..iris import Iris
from ..query.files import sparql
from ..store import PerGeneration
from ..store.embedded import EmbeddedStore
from ..vocab import DC, DCT, DIP, OA, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEMAPV, SKOS, SSSOM, XSD, curie
from ..yamlfile import read as read_yaml
from . import labels
from .highlight import Span, anchor, pieces

PREDICATES = Path(__file__).with_name("predicates.yaml")
XSD_STRING = XSD.string.value
# What a page shows in its own place rather than among the facts.
APART = {RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, OWL.sameAs, SKOS.exactMatch, SCHEMA.text}


def exists(store: EmbeddedStore, iri: str) -> bool:
    return bool(store.query(sparql("linked/exists.rq"), substitutions={Variable("this"): NamedNode(iri)}))


def description(store: EmbeddedStore, iri: str) -> list[Triple]:
    """The triples describing `iri`, its own statements first, then grouped by subject."""
    triples = list(store.query(sparql("linked/describe.rq"), substitutions={Variable("this"): NamedNode(iri)}))
    return sorted(triples, key=lambda t: (t.subject.value != iri, t.subject.value, t.predicate.value))


class Names:
    """Readable names of terms: the ontology's labels, then predicates.yaml (beside this module), then a CURIE."""

    @classmethod
    def of(cls, store: EmbeddedStore, config: Config) -> "Names":
        """The names of the generation `store` reads (computed once per generation)."""
        return _NAMES.get((store.generation, config.base_iri), store, config)

    def __init__(self, store: EmbeddedStore, config: Config):
        rows = store.query(sparql("linked/term-labels.rq"),
                           substitutions={Variable("ontology"): Iris(config.base_iri).graph("ontology")})
        self.terms = {r["term"].value: r["label"].value for r in rows}
        for key, label in read_yaml(PREDICATES).items():
            prefix, local = key.split(":", 1)
            self.terms.setdefault(PREFIXES[prefix] + local, label)

    def __call__(self, iri: str) -> str:
        return self.terms.get(iri) or curie(iri)


# ---------------------------------------------------------------- the page model


@dataclass
class Link:
    href: str
    text: str
    iri: str = ""
    title: str = ""


@dataclass
class Value:
    text: str
    href: str | None = None
    lang: str | None = None
    note: str | None = None  # datatype, for typed literals
    date: str | None = None  # a linked meeting's or agreement's date (ISO), shown beside it


@dataclass
class Fact:
    predicate: Link
    values: list[Value]


@dataclass
class Evidence:
    quote: str
    prefix: str
    suffix: str
    document: Link
    href: str             # the document page, at the highlighted quote
    method: str = ""
    confidence: str = ""
    annotation: str = ""  # href of the annotation itself


@dataclass
class External:
    """A link to another dataset, and where it comes from."""
    href: str
    text: str
    provenance: str = ""


@dataclass
class Role:
    office: Link | None
    organisation: Link | None
    member: Link | None
    start: str = ""
    end: str = ""


@dataclass
class Statement:
    """What one source document says of a fact: a meeting one document plans and another reports."""
    document: Link
    status: Link | None
    date: str
    until: str
    place: Link | None


@dataclass
class Page:
    iri: str
    title: str
    labels: list[Value] = field(default_factory=list)
    alt_labels: list[Value] = field(default_factory=list)
    types: list[Link] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    incoming: list[Fact] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    external: list[External] = field(default_factory=list)
    text: str | None = None
    statements: list[Statement] = field(default_factory=list)


class Linker:
    """Turns IRIs into links this server answers (see kg.iris): a deployment's IRIs map to paths on
    its own host, under the script root."""

    def __init__(self, config: Config, root: str = ""):
        self.iris, self.root = Iris(config.base_iri), root

    def href(self, iri: str) -> str:
        return self.iris.href(iri, self.root)


class Builder:
    """Builds the page model of one IRI from its description."""

    def __init__(self, iri: str, triples: list[Triple], names: Names, linker: Linker, datasets: dict[str, str],
                 languages: tuple[str, ...] = labels.LANGUAGES):
        self.iri, self.names, self.linker, self.datasets, self.languages = iri, names, linker, datasets, languages
        self.out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.inc: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for t in triples:
            self.out[t.subject.value][t.predicate.value].append(t.object)
            if isinstance(t.object, NamedNode):
                self.inc[t.object.value].append((t.predicate.value, t.subject.value))

    def objects(self, s: str, p: NamedNode) -> list:
        return self.out.get(s, {}).get(p.value, [])

    def one(self, s: str, p: NamedNode) -> str:
        values = self.objects(s, p)
        return values[0].value if values else ""

    def label(self, iri: str) -> str:
        found = labels.pick(self.objects(iri, RDFS.label) + self.objects(iri, SKOS.prefLabel), self.languages)
        if found:
            return found
        if iri in self.names.terms:
            return self.names(iri)
        return curie(iri) if curie(iri) != iri else iri.rstrip("/").rsplit("/", 1)[-1]

    def link(self, iri: str) -> Link:
        return Link(self.linker.href(iri), self.label(iri), iri)

    def value(self, term) -> Value:
        if isinstance(term, NamedNode):
            return Value(self.label(term.value), self.linker.href(term.value))
        if isinstance(term, Literal):
            note = None if term.language or term.datatype.value == XSD_STRING else curie(term.datatype.value)
            return Value(term.value, lang=term.language, note=note)
        return Value(str(term))

    def dated(self, iri: str) -> Value:
        """A linked thing with its date: a meeting's, an agreement's status date, a span's first day."""
        value = self.value(NamedNode(iri))
        dates = [d.value for p in (SCHEMA.startDate, DIP.statusDate, DIP.earliestDate, DCT.date)
                 for d in self.objects(iri, p)]
        value.date = min(dates) if dates else None
        return value

    def external_name(self, iri: str) -> str:
        for space, name in self.datasets.items():
            if iri.startswith(space):
                return f"{name} {iri[len(space):].strip('/')}"
        return iri

    def page(self) -> Page:
        me = self.iri
        page = Page(me, self.label(me))
        page.labels = [self.value(v) for v in self.objects(me, RDFS.label) + self.objects(me, SKOS.prefLabel)]
        # Each alias once, and none that only repeats a name (Peru is Peru in both languages).
        names = {" ".join(v.value.split()).casefold() for v in self.objects(me, RDFS.label)}
        page.alt_labels = [self.value(v) for v in labels.distinct(self.objects(me, SKOS.altLabel))
                           if " ".join(v.value.split()).casefold() not in names]
        page.types = [self.link(t.value) for t in self.objects(me, RDF.type)]
        page.external = self.external()
        text = self.objects(me, SCHEMA.text)
        page.text = text[0].value if text else None
        for p, values in sorted(self.out.get(me, {}).items(), key=lambda kv: self.names(kv[0])):
            if NamedNode(p) not in APART:
                page.facts.append(Fact(Link(self.linker.href(p), self.names(p), p), [self.value(v) for v in values]))
        incoming = defaultdict(list)
        for p, s in self.inc.get(me, []):
            if p not in (OA.hasBody.value, ORG.member.value, ORG.role.value, ORG.organization.value, OA.hasSource.value,
                         OWL.annotatedSource.value):
                incoming[p].append(s)
        for p, subjects in sorted(incoming.items(), key=lambda kv: self.names(kv[0])):
            values = [self.dated(s) for s in set(subjects)]
            # Meetings and agreements in date order (undated last), the rest by name.
            values.sort(key=lambda v: (v.date is None, v.date or "", v.text))
            page.incoming.append(Fact(Link(self.linker.href(p), self.names(p), p), values))
        page.roles = self.roles()
        page.evidence = self.evidence()
        return page

    def external(self) -> list[External]:
        """Each link to another dataset with its provenance (the owl:Axiom the build states about it)."""
        out = []
        for p, x in self.inc.get(self.iri, []):
            if p == OWL.annotatedSource.value:
                target = self.one(x, OWL.annotatedTarget)
                out.append(External(target, self.external_name(target), self.provenance(x)))
        linked = {e.href for e in out}
        out += [External(o.value, self.external_name(o.value)) for o in self.objects(self.iri, OWL.sameAs)
                if o.value not in linked]
        return sorted(out, key=lambda e: e.text)

    def provenance(self, link: str) -> str:
        made_by = self.label(self.one(link, PROV.wasGeneratedBy))
        if self.one(link, SSSOM.mapping_justification) != SEMAPV.LexicalMatching.value:
            return f"from {made_by}"
        score = float(self.one(link, SSSOM.confidence) or 0) * 100
        return (f"proposed by {made_by} on {self.one(link, SSSOM.mapping_date)} for “{self.one(link, SSSOM.match_string)}” "
                f"(score {score:.0f}); {self.one(link, SKOS.editorialNote)} on {self.one(link, DCT.dateAccepted)}")

    def roles(self) -> list[Role]:
        out = []
        for p, m in self.inc.get(self.iri, []):
            if p not in (ORG.member.value, ORG.role.value, ORG.organization.value):
                continue
            get = lambda pred, m=m: self.one(m, pred)  # noqa: E731
            out.append(Role(*(self.link(get(x)) if get(x) else None for x in (ORG.role, ORG.organization, ORG.member)),
                            get(SCHEMA.startDate), get(SCHEMA.endDate)))
        return sorted(out, key=lambda r: (r.start or "9999", r.office.text if r.office else ""))

    def evidence(self) -> list[Evidence]:
        annotations = [s for p, s in self.inc.get(self.iri, []) if p == OA.hasBody.value]
        if OA.Annotation in self.objects(self.iri, RDF.type):
            annotations.append(self.iri)
        out = []
        for a in sorted(set(annotations)):
            target = self.one(a, OA.hasTarget)
            source = self.one(target, OA.hasSource)
            quote = next((s.value for s in self.objects(target, OA.hasSelector)
                          if OA.TextQuoteSelector in self.objects(s.value, RDF.type)), "")
            doc = self.link(source)
            method = self.one(a, DIP.method)
            out.append(Evidence(self.one(quote, OA.exact), self.one(quote, OA.prefix), self.one(quote, OA.suffix),
                                doc, f"{doc.href}#{anchor(a)}", self.names(method) if method else "",
                                self.one(a, DIP.confidence), self.linker.href(a)))
        return sorted(out, key=lambda e: (e.document.text, e.quote))


def statements(store: EmbeddedStore, builder: Builder) -> list[Statement]:
    """Per source document, the status, date and place it gives fact `builder.iri` (none for other things)."""
    rows = store.query(sparql("linked/statements.rq"), substitutions={Variable("this"): NamedNode(builder.iri)})
    out = []
    for r in rows:
        link = lambda t: builder.link(t.value) if t is not None else None  # noqa: E731
        date = r["date"] or r["earliest"]
        out.append(Statement(builder.link(r["doc"].value), link(r["status"]), date.value if date else "",
                             r["latest"].value if r["latest"] is not None and r["date"] is None else "", link(r["place"])))
    return out


# ---------------------------------------------------------------- documents


@dataclass
class DocumentPage:
    page: Page
    meta: list[Fact]
    pieces: list
    facts: list[tuple[Link, str]]  # (the fact, the href of its evidence in this page)


DOCUMENT_FIELDS = [DCT.title, DC.publisher, DCT.date, DCT.language, DCT.identifier, DCT.source, SKOS.editorialNote]


def document_page(store: EmbeddedStore, builder: Builder) -> DocumentPage:
    page = builder.page()
    meta = [f for p in DOCUMENT_FIELDS for f in page.facts if f.predicate.iri == p.value]
    rows = list(store.query(sparql("linked/document-evidence.rq"), substitutions={Variable("this"): NamedNode(page.iri)}))
    spans = [Span(int(r["start"].value), int(r["end"].value), anchor(r["annotation"].value)) for r in rows]
    facts, seen = [], set()
    for r in rows:
        body = r["body"].value
        if body not in seen:
            seen.add(body)
            label = r["bodyLabel"].value if r["bodyLabel"] else builder.label(body)
            facts.append((Link(builder.linker.href(body), label, body), "#" + anchor(r["annotation"].value)))
    return DocumentPage(page, meta, pieces(page.text or "", spans), facts)


_NAMES = PerGeneration(Names)
