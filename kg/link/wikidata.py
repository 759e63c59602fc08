"""What `kg link wikidata` asks about our entities, and what it makes of the answers.

An entity is asked about when it has no Wikidata item yet and is an actor, office, place, agreement,
or a meeting that is a named event (multilateral, or with sessions of its own): bilateral meetings
and calls have no items. It is asked by each of its names and aliases in both languages (except a
person's one-word aliases, surnames that name many), with its class as the query's type and its
country and offices as properties; the candidates of all its names are merged, best score first,
and those scoring under FLOOR are dropped."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..build import gazetteer
from ..config import Config
from ..linked import labels
from ..store.embedded import EmbeddedStore
from ..vocab import DIP, PREFIXES, WD
from ..yamlfile import read as read_yaml
from . import review
from .entities import Entity, Index
from .match import normal
from .service import Service

MAPPING = Path(__file__).with_name("wikidata.yaml")
CANDIDATES = 3   # kept per entity, and asked for per query
FLOOR = 30       # candidates scoring less are noise to a reviewer


def _expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


@dataclass
class Candidate:
    entity: Entity
    id: str           # Q…
    name: str
    description: str
    score: float
    match: bool
    query: str        # the name of ours that found it


class Asker:
    def __init__(self, index: Index):
        mapping = read_yaml(MAPPING)
        self.index = index
        self.types = {_expand(k): v for k, v in mapping["types"].items()}
        self.properties = mapping["properties"]

    def wanted(self, linked: set[str]) -> list[Entity]:
        """Entities to ask about: no item yet (in the graph or among `linked` ids), and of a kind Wikidata has."""
        out = []
        for e in self.index.entities.values():
            if e.wikidata or e.id in linked or not self.type_of(e):
                continue
            if DIP.Meeting.value in e.types and not (e.values.get("part") or
                                                     DIP.Multilateral in e.values.get("kind", [])):
                continue
            out.append(e)
        return sorted(out, key=lambda e: e.id)

    def type_of(self, e: Entity) -> str | None:
        return next((q for cls, q in self.types.items() if cls in e.types), None)

    def queries(self, e: Entity) -> list[dict]:
        person = DIP.Person.value in e.types
        texts, seen = [], set()
        for n in e.names + sorted(e.aliases, key=lambda a: (a.language or "", a.value)):
            key = normal(n.value)
            if key and key not in seen and not (person and n in e.aliases and " " not in key):
                seen.add(key)
                texts.append(n.value)
        props = self.props(e)
        return [{"query": t, "type": self.type_of(e), "limit": CANDIDATES, **({"properties": props} if props else {})}
                for t in texts]

    def props(self, e: Entity) -> list[dict]:
        out = []
        country = self.properties["country"]
        pid = next((p for cls, p in country.items() if cls != "default" and _expand(cls) in e.types), country["default"])
        for c in e.values.get("country", []):
            item = self.index.entities.get(c.value)
            if item is not None and item.wikidata:
                out.append({"pid": pid, "v": {"id": item.wikidata}})
        for r in e.values.get("role", []):
            office = self.index.entities.get(r.value)
            if office is not None:
                out.append({"pid": self.properties["role"], "v": {"id": office.wikidata} if office.wikidata
                            else labels.pick(office.names)})
        return sorted(out, key=str)

    def ask(self, service: Service, entities: list[Entity]) -> list[Candidate]:
        """Every entity's best candidates (at most CANDIDATES), merged over its names."""
        manifest = service.manifest()
        if manifest["identifierSpace"].rstrip("/") != WD.base.rstrip("/"):
            raise service.error(f"reconciles against {manifest['identifierSpace']}, not Wikidata ({WD.base})")
        questions = [(e, q) for e in entities for q in self.queries(e)]
        answers = service.reconcile([q for _, q in questions])
        best: dict[tuple[str, str], Candidate] = {}
        for (e, q), result in zip(questions, answers):
            for c in (c for c in result if c["score"] >= FLOOR):
                found = Candidate(e, c["id"], str(c.get("name") or ""), str(c.get("description") or ""),
                                  float(c["score"]), bool(c.get("match")), q["query"])
                kept = best.get((e.id, found.id))
                if kept is None or found.score > kept.score:
                    best[(e.id, found.id)] = found
        out = []
        for e in entities:
            mine = sorted((c for (i, _), c in best.items() if i == e.id), key=lambda c: (-c.score, c.id))
            out += mine[:CANDIDATES]
        return out


@dataclass
class Proposal:
    entities: int           # asked about
    rows: list[review.Row]  # written to the review file
    requests: int           # sent (the other answers came from the cache)
    path: Path


def propose(config: Config, url: str) -> Proposal:
    """`kg link wikidata`: ask `url` about every entity that needs an item, and rewrite the review file
    (keeping the decisions already in it). Raises ClientError if the service fails: the answers
    received until then are cached, and the review file is left as it was."""
    index = Index(EmbeddedStore.open(config.store_dir), config.base_iri)
    linked = {x.entity for x in gazetteer.load_links(config.links_dir / gazetteer.LINKS_FILE,
                                                     gazetteer.load(config.gazetteer_file))}
    asker, service = Asker(index), Service(url, config.reconcile_cache_dir, config.reconcile_timeout)
    entities = asker.wanted(linked)
    today = date.today().isoformat()
    path = config.links_dir / review.FILE
    rows = review.merge([review.Row("", c.entity.id, c.entity.label, c.id, c.name, c.score, c.match, c.description,
                                    c.query, url, today) for c in asker.ask(service, entities)], review.read(path))
    review.write(path, rows)
    return Proposal(len(entities), rows, service.sent, path)
