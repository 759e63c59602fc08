"""`kg evaluate`: the extractor, run with the curated layer switched off, scored against the
curated annotations of the seed documents, the gold annotations of data/gold and the held-out
set of data/heldout (written blind to the extractor: the honest estimate of its quality).

Matching rule (per document and class). A predicted fact *states* a gold fact when one of its
evidence spans overlaps one of the gold fact's quotes and, for meetings and agreements, they
share a participant or party or have the same normalised name; for commitments, they share an
actor. Precision counts the predictions that state some gold fact; recall counts the gold facts
found when each prediction may account for one gold fact only (a maximum matching), so one
sentence read as one meeting does not find five. Actors are scored as the set of (document,
actor) pairs that the facts involve."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .build import curation, documents, gazetteer, to_rdf
from .build.facts import DocumentFacts
from .config import ROOT, Config
from .extract import Extractor, identity
from .extract.merge import overlaps

GOLD = ROOT / "data" / "gold"
HELDOUT = ROOT / "data" / "heldout"
CLASSES = ("meetings", "agreements", "commitments", "actors")
TARGETS = {"meetings": 0.85, "agreements": 0.85, "commitments": 0.75}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0      # predictions that state some gold fact
    found: int = 0        # gold facts found (maximum matching)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        for k in ("gold", "predicted", "correct", "found"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.misses += other.misses
        self.wrong += other.wrong


def _actors(fact) -> set[str]:
    return set(getattr(fact, "participants", None) or getattr(fact, "actors", None) or getattr(fact, "parties", None) or [])


def _names(fact) -> set[str]:
    return {identity.name_key(n) for n in fact.name.values()}


def states(pred, gold, section: str) -> bool:
    if not overlaps(pred, gold):
        return False
    if _actors(pred) & _actors(gold):
        return True
    return section != "commitments" and bool(_names(pred) & _names(gold))


def _max_matching(edges: dict[int, list[int]]) -> int:
    owner: dict[int, int] = {}

    def augment(p, seen):
        for g in edges.get(p, []):
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    return sum(augment(p, set()) for p in edges)


def score_document(pred: DocumentFacts, gold: DocumentFacts) -> dict[str, Score]:
    scores = {}
    for section in CLASSES[:3]:
        P, G = getattr(pred, section), getattr(gold, section)
        edges = {i: [j for j, g in enumerate(G) if states(p, g, section)] for i, p in enumerate(P)}
        s = Score(len(G), len(P), sum(1 for e in edges.values() if e), _max_matching(edges))
        hit = {j for e in edges.values() for j in e}
        s.misses = [f"{gold.document}: {G[j].id}" for j in range(len(G)) if j not in hit]
        s.wrong = [f"{pred.document}: {P[i].id} «{P[i].evidence[0].quote[:90]}»" for i, e in edges.items() if not e]
        scores[section] = s
    ga = {a for f in gold.all() for a in _actors(f)}
    pa = {a for f in pred.all() for a in _actors(f)}
    scores["actors"] = Score(len(ga), len(pa), len(ga & pa), len(ga & pa),
                             [f"{gold.document}: {a}" for a in sorted(ga - pa)], [f"{pred.document}: {a}" for a in sorted(pa - ga)])
    return scores


def evaluate(config: Config, sets: dict[str, tuple[Path, Path]] | None = None) -> dict[str, dict[str, Score]]:
    """Scores per set ('seeds', 'corpus-extra', 'heldout') and class, plus their sum under 'all'."""
    sets = sets or {"seeds": (config.documents_dir, config.annotations_dir),
                    "corpus-extra": (GOLD / "documents", GOLD / "annotations"),
                    "heldout": (HELDOUT / "documents", HELDOUT / "annotations")}
    gaz = gazetteer.load(config.gazetteer_file)
    topics = to_rdf.topic_ids(config.ontology_dir)
    extractor = Extractor(gaz)
    result: dict[str, dict[str, Score]] = {"all": {c: Score() for c in CLASSES}}
    for name, (docs_dir, ann_dir) in sets.items():
        docs = documents.load_folder(docs_dir)
        gold = {f.document: f for f in curation.load(ann_dir, docs, gaz, topics)}
        result[name] = {c: Score() for c in CLASSES}
        for doc in docs:
            pred = extractor.extract(doc).facts
            for c, s in score_document(pred, gold.get(doc.identifier, DocumentFacts(doc.identifier))).items():
                result[name][c].add(s)
                result["all"][c].add(s)
    return result


def table(result: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'set':<14}{'class':<13}{'gold':>5}{'pred':>6}{'precision':>11}{'recall':>8}{'F1':>7}  target"]
    for name in [n for n in result if n != "all"] + ["all"]:
        for c in CLASSES:
            s = result[name][c]
            target = TARGETS.get(c)
            mark = "" if name != "all" or target is None else f"≥{target:.2f} {'met' if s.f1 >= target else 'MISSED'}"
            lines.append(f"{name:<14}{c:<13}{s.gold:>5}{s.predicted:>6}{s.precision:>11.2f}{s.recall:>8.2f}{s.f1:>7.2f}  {mark}")
        lines.append("")
    return "\n".join(lines).rstrip()


__all__ = ["evaluate", "score_document", "states", "TARGETS"]
