"""The entities reconciliation looks at, read from the store: names and aliases in both languages,
classes, and the property values that tell namesakes apart (country, role, participants…)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal

from ..iris import Iris
from ..linked import labels
from ..query.files import sparql
from ..vocab import WD


@dataclass
class Entity:
    iri: str
    id: str                                   # its path under id/: actor/antony-blinken
    types: set[str] = field(default_factory=set)
    names: list[Literal] = field(default_factory=list)
    aliases: list[Literal] = field(default_factory=list)
    values: dict[str, list] = field(default_factory=lambda: defaultdict(list))  # key -> IRIs or literals

    @property
    def label(self) -> str:
        return labels.pick(self.names) or self.id

    @property
    def wikidata(self) -> str | None:
        items = [v.value[len(WD.base):] for v in self.values.get("wikidata", [])]
        return min(items) if items else None

    def all_names(self) -> list[Literal]:
        return self.names + self.aliases


class Index:
    """Every reconcilable entity of one store generation, by id (computed once per generation)."""

    _cache: dict[tuple, "Index"] = {}

    @classmethod
    def of(cls, store, base_iri: str) -> "Index":
        key = (store.generation, base_iri)
        if key not in cls._cache:
            cls._cache.clear()
            cls._cache[key] = cls(store, base_iri)
        return cls._cache[key]

    def __init__(self, store, base_iri: str):
        iris = Iris(base_iri)
        self.entities: dict[str, Entity] = {}
        for r in store.query(sparql("linked/reconcilable.rq")):
            iri = r["entity"].value
            e = self.entities.get(iri)
            if e is None:
                e = self.entities[iri] = Entity(iri, iris.path(iri).removeprefix("/id/"))
            e.types.add(r["type"].value)
            key, value = r["key"].value, r["value"]
            if key in ("name", "alias"):
                (e.names if key == "name" else e.aliases).append(value)
            else:
                e.values[key].append(value)
        self.by_id = {e.id: e for e in self.entities.values()}

    def label(self, iri: str) -> str:
        """The label of an entity of the index, or the IRI's last segment."""
        e = self.entities.get(iri)
        return e.label if e else iri.rstrip("/").rsplit("/", 1)[-1]
