"""`kg evaluate`: the extractor, run with the curated layer off, scored against gold facts.

Two kinds of gold.

Named gold (`kg evaluate --documents DIR --gold DIR`; the real set, ../shared/corpus-real, and any
folder pair in its schema): one YAML file per document (same stem), with `meetings` (participants as
names, date, place, kind, planned, evidence), `agreements` (name, parties, status, date, evidence),
`commitments` (by, what, topic, evidence) and `actors` (name, type, role); evidence strings are
verbatim substrings of the body.

  Names. A gold name and a predicted actor are the same actor when their normalised names meet
  (accents, case and punctuation folded; a leading "the" and a parenthesised acronym dropped, the
  acronym itself kept as a name): a gazetteer actor by any of its names and aliases in both
  languages, a minted actor by its name. Names also meet when the shorter's words (at least two that
  are not filler) are all in the longer ("Julio Prado", "Julio José Prado"), or, for people, when the
  shorter is the longer's surname alone ("Castiglioni") or both have the same surname and first
  initial ("Michael R. Pompeo", "Mike Pompeo"). A surname the text misspells still meets the gold's
  normalised one ("Giammettei", "Giammattei"; "Withaker", "Whitaker"): a surname of six letters or
  more is the same within one edit per four letters (a letter added, dropped, changed or two swapped).

  Facts. A predicted fact *states* a gold fact of its class when one of its evidence spans overlaps
  the gold evidence and they share an actor: a participant for meetings, a party for agreements (or
  the same normalised name), a committer for commitments. Precision counts the predictions that
  state some gold fact; recall counts the gold facts found when each prediction may account for one
  gold fact only (a maximum matching), so one sentence read as one meeting does not find five.

  Actors. The gold actors against the actors the extractor names in the document (people and
  organisations it found, countries its facts involve), matched one to one by name; precision counts
  the predicted actors that are some gold actor; `typed` the matched ones whose type is the gold's.

  Dates. Of the gold meetings with a date, the share that some prediction stating them gives exactly
  that date (same precision: 2024-03 is not 2024-03-14; a span is not a day).

Id gold (plain `kg evaluate`, after the real set): the curated annotations of the seed documents,
data/gold and data/heldout, in the curation schema (gazetteer ids). The same rule with ids for
names: a shared participant/party/actor id or, but for commitments, the same normalised name.
Actors are the (document, actor) pairs the facts involve.

Both real sets are split in two halves, alternately in file-name order (first, third, … file: `dev`;
second, fourth, …: `test`): rules are tuned looking at the dev halves' errors only. data/real's
test half (and the whole of it, which holds that half) is reported by its summary alone, whatever
the options: its errors and documents are never printed, so that it stays a fair estimate of
documents nobody has tuned on."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlfile
from ..build import curation, documents, gazetteer, to_rdf
from ..build.facts import DocumentFacts
from ..config import ROOT, Config
from ..dates import parse_iso
from ..errors import InputError
from . import identity
from .extractor import Extractor, confidence, involved
from .merge import overlaps

GOLD = ROOT / "data" / "gold"
HELDOUT = ROOT / "data" / "heldout"
REAL = ROOT.parent / "shared" / "corpus-real"
# A second real set, annotated blind to the extractor: its dev half is read, its test half held out.
REAL_HELD_OUT = ROOT / "data" / "real"
SECTIONS = ("meetings", "agreements", "commitments")
CLASSES = (*SECTIONS, "actors")
TARGETS = {"meetings": 0.85, "agreements": 0.85, "commitments": 0.75}
log = logging.getLogger(__name__)
ACTOR_RECALL_TARGET = 0.9
DATED_TARGET = 0.8
SPLITS = ("all", "dev", "test")


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


def _score(pred: list, gold: list, states, label_pred, label_gold, document: str) -> Score:
    """Precision, recall (maximum matching) and the misses and wrong predictions of one class."""
    edges = {i: [j for j, g in enumerate(gold) if states(p, g)] for i, p in enumerate(pred)}
    s = Score(len(gold), len(pred), sum(1 for e in edges.values() if e), _max_matching(edges))
    hit = {j for e in edges.values() for j in e}
    s.misses = [f"{document}: {label_gold(gold[j])}" for j in range(len(gold)) if j not in hit]
    s.wrong = [f"{document}: {label_pred(pred[i])}" for i, e in edges.items() if not e]
    return s


def _quote(fact) -> str:
    return f"«{fact.evidence[0].quote[:100]}»" if fact.evidence else ""


# ------------------------------------------------------------------ named gold

@dataclass
class GoldFact:
    section: str
    names: list[str]                  # participants, parties or committers
    spans: list[tuple[int, int]]      # where its evidence is in the text
    date: object = None
    label: str = ""
    evidence: list = field(default_factory=list)   # Evidence-like spans for merge.overlaps


@dataclass
class GoldActor:
    name: str
    type: str
    role: str | None = None


@dataclass
class NamedGold:
    document: str
    facts: dict[str, list[GoldFact]]
    actors: list[GoldActor]


@dataclass
class _Span:
    start: int
    end: int


def _gold_date(value):
    return None if value in (None, "") else parse_iso(value)


def load_named_gold(path: Path, doc: documents.Document) -> NamedGold:
    data = yamlfile.read(path) or {}
    keys = {"meetings": "participants", "agreements": "parties", "commitments": "by"}
    facts: dict[str, list[GoldFact]] = {}
    for section in SECTIONS:
        out = []
        for entry in data.get(section) or []:
            found = documents.locate(doc, str(entry.get("evidence", "")))
            if found is None:
                log.warning("%s: %s evidence not in the text: %r", path.name, section, entry.get("evidence"))
                continue
            names = [str(n) for n in entry.get(keys[section]) or []]
            label = entry.get("name") or entry.get("what") or " – ".join(names)
            out.append(GoldFact(section, names, [found], _gold_date(entry.get("date")), f"{label} «{entry['evidence'][:90]}»",
                                [_Span(*found)]))
        facts[section] = out
    actors = [GoldActor(str(a["name"]), str(a.get("type", "")), a.get("role")) for a in data.get("actors") or []]
    return NamedGold(doc.identifier, facts, actors)


_FILLER = {"the", "of", "de", "del", "la", "el", "los", "las", "and", "y", "for", "para"}


def name_keys(name: str) -> set[str]:
    """'Asia-Pacific Economic Cooperation (APEC)' -> the name with and without its acronym, and the acronym."""
    keys = set()
    for variant in (name, re.sub(r"\([^)]*\)", " ", name), *re.findall(r"\(([^)]+)\)", name)):
        words = identity.words(variant)
        if words and words[0] == "the":
            words = words[1:]
        if words:
            keys.add(" ".join(words))
    return keys


def _edits(a: str, b: str) -> int:
    """Edits from one word to the other: letters added, dropped, changed, or two neighbours swapped."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb)))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def same_surname(a: str, b: str) -> bool:
    """The same surname, or one the text misspells ("Giammettei" for "Giammattei")."""
    if a == b:
        return len(a) > 3
    return min(len(a), len(b)) >= 6 and _edits(a, b) <= max(len(a), len(b)) // 4


def names_meet(a: set[str], b: set[str], person: bool) -> bool:
    if a & b:
        return True
    for x in a:
        for y in b:
            short, long = sorted((x.split(), y.split()), key=len)
            content = [w for w in short if w not in _FILLER]
            if len(content) >= 2 and set(short) <= set(long):
                return True
            if person and same_surname(short[-1], long[-1]) and (len(short) == 1 or short[0][0] == long[0][0]):
                return True     # "Castiglioni"; "Michael R. Pompeo" and "Mike Pompeo"
    return False


class ActorNames:
    """The names of the actors an extraction uses: the gazetteer's in both languages, the minted ones'."""

    def __init__(self, gaz):
        self.gaz = gaz
        self._cache: dict[str, set[str]] = {}

    def keys(self, actor: str, minted: dict) -> set[str]:
        if actor in minted:
            return set().union(*(name_keys(n) for n in minted[actor].name.values()))
        if actor not in self._cache:
            a = self.gaz.actors.get(actor)
            self._cache[actor] = set().union(*(name_keys(n) for n in identity.names_of(a))) if a else {actor}
        return self._cache[actor]

    def type(self, actor: str, minted: dict) -> str:
        a = minted.get(actor) or self.gaz.actors.get(actor)
        return (a.type if a else "").lower().replace("organization", "organisation")


def predictedinvolved(extraction) -> list[str]:
    """The actors an extraction names: those it reports as mentioned, and every actor of its facts."""
    out = [a.id for a in extraction.mentioned]
    for f in extraction.facts.all():
        out += involved(f)
    return list(dict.fromkeys(out))


@dataclass
class DocResult:
    document: str
    scores: dict[str, Score]
    dated: int = 0            # gold meetings with a date
    dated_right: int = 0      # … that a prediction stating them gives exactly
    named: int = 0            # gold actors some predicted actor names
    typed: int = 0            # … with the gold's type
    missed_dates: list[str] = field(default_factory=list)


def score_named(extraction, gold: NamedGold, names: ActorNames, min_confidence: float = 0.0) -> DocResult:
    minted = {a.id: a for a in [*extraction.actors, *extraction.mentioned] if a.id not in names.gaz.actors}
    gold_types = {k: a.type for a in gold.actors for k in name_keys(a.name)}

    def same(gold_name: str, actor: str) -> bool:
        keys = name_keys(gold_name)
        person = any(gold_types.get(k) == "person" for k in keys) or names.type(actor, minted) == "person"
        return names_meet(keys, names.keys(actor, minted), person)

    def states(section):
        def rule(pred, g: GoldFact) -> bool:
            if not overlaps(pred, g):
                return False
            if any(same(n, a) for n in g.names for a in involved(pred)):
                return True
            return section == "agreements" and any(names_meet(name_keys(n), name_keys(g.label.split(" «")[0]), False)
                                                   for n in pred.name.values())
        return rule

    scores = {}
    doc = gold.document
    result = DocResult(doc, scores)
    for section in SECTIONS:
        pred = [f for f in getattr(extraction.facts, section) if confidence(f) >= min_confidence]
        scores[section] = _score(pred, gold.facts[section], states(section),
                                 lambda p: f"{p.id} {_quote(p)}", lambda g: g.label, doc)
        if section == "meetings":
            rule = states(section)
            for g in gold.facts[section]:
                if g.date is None:
                    continue
                result.dated += 1
                if any(rule(p, g) and p.date == g.date for p in pred):
                    result.dated_right += 1
                else:
                    told = [p.date.iso if p.date else None for p in pred if rule(p, g)]
                    result.missed_dates.append(f"{doc}: {g.date.iso} given as {told or 'no meeting'}: {g.label}")
    actors = predictedinvolved(extraction)
    edges = {i: [j for j, g in enumerate(gold.actors) if same(g.name, a)] for i, a in enumerate(actors)}
    s = Score(len(gold.actors), len(actors), sum(1 for e in edges.values() if e), _max_matching(edges))
    hit = {j for e in edges.values() for j in e}
    s.misses = [f"{doc}: {g.name} ({g.type})" for j, g in enumerate(gold.actors) if j not in hit]
    s.wrong = [f"{doc}: {a} ({names.type(a, minted)})" for i, a in enumerate(actors) if not edges[i]]
    result.typed = sum(1 for j in hit if any(j in e and gold.actors[j].type == names.type(actors[i], minted) for i, e in edges.items()))
    result.named = len(hit)
    scores["actors"] = s
    return result


def split_of(names: list[str], split: str) -> list[str]:
    """The documents of a split: alternately in file-name order, dev first."""
    ordered = sorted(names)
    if split == "all":
        return ordered
    return ordered[0::2] if split == "dev" else ordered[1::2]


def shows_details(gold_dir: Path, split: str) -> bool:
    """Whether a report may list a set's errors and per-document scores: not for data/real's test
    half, nor for the whole of data/real (which holds it)."""
    return split == "dev" or Path(gold_dir).resolve() != (REAL_HELD_OUT / "gold").resolve()


def run_named(docs_dir: Path, gold_dir: Path, config: Config, split: str = "all", min_confidence: float = 0.0):
    """(extractions, gold) of the documents of a folder pair that have a gold file, in the split."""
    gaz = gazetteer.load(config.gazetteer_file)
    extractor = Extractor(gaz)
    docs = {d.identifier: d for d in documents.load_folder(docs_dir)}
    stems = split_of([s for s in docs if (Path(gold_dir) / f"{s}.yaml").exists()], split)
    pairs = [(extractor.extract(docs[s]), load_named_gold(Path(gold_dir) / f"{s}.yaml", docs[s])) for s in stems]
    return pairs, ActorNames(gaz)


def total(results: list[DocResult]) -> DocResult:
    out = DocResult("all", {c: Score() for c in CLASSES})
    for r in results:
        for c in CLASSES:
            out.scores[c].add(r.scores[c])
        out.dated += r.dated
        out.dated_right += r.dated_right
        out.typed += r.typed
        out.named += r.named
        out.missed_dates += r.missed_dates
    return out


def per_document(results: list[DocResult]) -> str:
    lines = [f"{'per document: found/gold right/predicted':<42}" + "".join(f"{c:>14}" for c in CLASSES) + f"{'dates':>8}"]
    for r in results:
        cells = "".join(f"{f'{r.scores[c].found}/{r.scores[c].gold} {r.scores[c].correct}/{r.scores[c].predicted}':>14}" for c in CLASSES)
        lines.append(f"{r.document[:41]:<42}{cells}{f'{r.dated_right}/{r.dated}':>8}")
    return "\n".join(lines)


def summary(name: str, t: DocResult, documents_count: int) -> str:
    """Exactly 8 lines: what was scored, a header, one row per class, dated meetings, the targets."""
    lines = [f"{name}: {documents_count} documents, extractor alone; rule: kg/extract/evaluate.py docstring",
             f"{'class':<13}{'gold':>5}{'pred':>6}{'precision':>11}{'recall':>8}{'F1':>7}  target"]
    verdicts = []
    for c in CLASSES:
        s = t.scores[c]
        if c == "actors":
            ok = s.recall >= ACTOR_RECALL_TARGET
            mark = f"recall ≥{ACTOR_RECALL_TARGET:.2f} {'met' if ok else 'MISSED'} (typed {t.typed}/{t.named})"
        else:
            ok = s.f1 >= TARGETS[c]
            mark = f"F1 ≥{TARGETS[c]:.2f} {'met' if ok else 'MISSED'}"
        verdicts.append(ok)
        lines.append(f"{c:<13}{s.gold:>5}{s.predicted:>6}{s.precision:>11.2f}{s.recall:>8.2f}{s.f1:>7.2f}  {mark}")
    share = t.dated_right / t.dated if t.dated else 1.0
    ok = share >= DATED_TARGET
    verdicts.append(ok)
    lines.append(f"{'dated':<13}{t.dated:>5}{'':>6}{'':>11}{share:>8.2f}{'':>7}  "
                 f"{t.dated_right}/{t.dated} dated gold meetings given that date; ≥{DATED_TARGET:.2f} {'met' if ok else 'MISSED'}")
    lines.append(f"targets: {sum(verdicts)}/{len(verdicts)} met")
    return "\n".join(lines)


SWEEP = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def sweep(pairs, names: ActorNames) -> str:
    """Precision and recall of the fact classes as the minimum confidence rises, with their mean F1
    (`kg build --min-confidence`'s default is chosen from it: README, "Confidence")."""
    lines = [f"{'min-conf':<9}" + "".join(f"{c + ' P/R/F1':>23}" for c in SECTIONS) + f"{'mean F1':>9}"]
    for t in SWEEP:
        tot = total([score_named(ex, g, names, t) for ex, g in pairs])
        scores = [tot.scores[c] for c in SECTIONS]
        lines.append(f"{t:<9.2f}" + "".join(f"{s.precision:>9.2f}{s.recall:>7.2f}{s.f1:>7.2f}" for s in scores)
                     + f"{sum(s.f1 for s in scores) / len(scores):>9.3f}")
    return "\n".join(lines)


def report_named(name: str, docs_dir: Path, gold_dir: Path, config: Config, split: str = "all",
                 sweep_too: bool = False, verbose: bool = False, details: bool = True) -> str:
    """The named-gold report: the sweep and the errors if asked, the per-document table (unless
    `details` is off, or the set is held out: data/real's test half or all of it, summary only), and
    the per-class summary last (its lines are what `| tail` shows). InputError if no document has gold."""
    details = details and shows_details(gold_dir, split)
    pairs, names = run_named(docs_dir, gold_dir, config, split)
    if not pairs:
        raise InputError(gold_dir, f"no document of {docs_dir} has a gold file here")
    results = [score_named(ex, g, names) for ex, g in pairs]
    t = total(results)
    parts = [sweep(pairs, names)] if sweep_too else []
    if verbose and details:
        parts.append(errors({c: t.scores[c] for c in CLASSES}, t.missed_dates))
    if details:
        parts.append(per_document(results))
    parts.append(summary(f"{name} [{split}]" if split != "all" else name, t, len(results)))
    return "\n\n".join(parts)


def held_out_documents() -> set[str]:
    """data/real's test half. The internal sets hold some of the same texts under other gold: their
    errors there are not shown either."""
    return set(split_of([p.stem for p in (REAL_HELD_OUT / "gold").glob("*.yaml")], "test"))


def errors(scores: dict[str, Score], missed_dates: list[str] = (), hidden: set[str] = frozenset()) -> str:
    """The gold facts missed and the predictions that state none, per class; those of `hidden`
    documents counted, not shown."""
    def shown(items: list[str]) -> list[str]:
        kept = [x for x in items if x.split(":", 1)[0] not in hidden]
        return [f"  {x}" for x in kept] + ([f"  (and {len(items) - len(kept)} in held-out documents, not shown)"]
                                           if len(kept) < len(items) else [])

    lines = []
    for c, s in scores.items():
        lines += [f"{c}: gold not found ({len(s.misses)})", *shown(s.misses)]
        lines += [f"{c}: predictions stating no gold ({len(s.wrong)})", *shown(s.wrong)]
    if missed_dates:
        lines += [f"dated meetings not given their date ({len(missed_dates)})", *shown(list(missed_dates))]
    return "\n".join(lines)


# ------------------------------------------------------------------ id gold (internal sets)

def _names(fact) -> set[str]:
    return {identity.name_key(n) for n in fact.name.values()}


def states(pred, gold, section: str) -> bool:
    if not overlaps(pred, gold):
        return False
    if set(involved(pred)) & set(involved(gold)):
        return True
    return section != "commitments" and bool(_names(pred) & _names(gold))


def score_document(pred: DocumentFacts, gold: DocumentFacts) -> dict[str, Score]:
    scores = {}
    for section in SECTIONS:
        scores[section] = _score(getattr(pred, section), getattr(gold, section), lambda p, g, section=section: states(p, g, section),
                                 lambda p: f"{p.id} {_quote(p)}", lambda g: g.id, gold.document)
    ga = {a for f in gold.all() for a in involved(f)}
    pa = {a for f in pred.all() for a in involved(f)}
    scores["actors"] = Score(len(ga), len(pa), len(ga & pa), len(ga & pa),
                             [f"{gold.document}: {a}" for a in sorted(ga - pa)], [f"{pred.document}: {a}" for a in sorted(pa - ga)])
    return scores


def evaluate(config: Config, sets: dict[str, tuple[Path, Path]] | None = None) -> dict[str, dict[str, Score]]:
    """Scores per internal set ('seeds', 'corpus-extra', 'heldout') and class, plus their sum under 'all'."""
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


__all__ = ["evaluate", "score_document", "states", "report_named", "errors", "table", "TARGETS", "score_named",
           "run_named", "split_of", "shows_details", "held_out_documents", "REAL", "REAL_HELD_OUT"]
