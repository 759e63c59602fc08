"""`kg build`: documents, gazetteer and annotations become a validated store, swapped in atomically.

Nothing is written where the server reads until every check has passed: bad input fails the
build with a message naming its cause, and the previous store keeps serving."""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import InputError
from ..iris import Iris
from ..store.embedded import swap_in, write_generation
from . import curation, documents, gazetteer, to_rdf
from .facts import DocumentFacts
from .validate import validate

log = logging.getLogger(__name__)


class BuildError(Exception):
    """The build was refused; the previous store is untouched."""


@dataclass
class BuildReport:
    store: Path | str     # the generation swapped in, or the remote store and its build stamp
    documents: int
    quads: int
    facts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def unify_names(all_facts: list[DocumentFacts]) -> None:
    """One fact, one set of labels: a fact named in several documents keeps, per language,
    the first name given (in document order), so that merged nodes do not carry rival labels."""
    names: dict[str, dict[str, str]] = {}
    for facts in all_facts:
        for f in facts.all():
            merged = names.setdefault(f.id, {})
            for lang, value in f.name.items():
                merged.setdefault(lang, value)
    for facts in all_facts:
        for f in facts.all():
            f.name = names[f.id]


PROGRESS_FROM = 20  # documents: fewer build in a blink, more get a progress bar (on a terminal)


def extract_all(docs, extractor) -> dict:
    """The extractor's facts for every document, with a progress bar when there are many."""
    from tqdm import tqdm

    quiet = len(docs) < PROGRESS_FROM or not sys.stderr.isatty()
    return {d.identifier: extractor.extract(d)
            for d in tqdm(docs, desc="extracting", unit="doc", disable=quiet, file=sys.stderr)}


def collect(config: Config, documents_dir: Path, inbox: Path | None = None):
    """Read and check every input; returns the quads to write. Raises InputError.

    Facts are the extractor's, corrected and completed by the curated annotations (kg.extract.merge)."""
    from ..extract import Extractor, merge

    docs = documents.load_folder(documents_dir)
    if inbox is not None and Path(inbox).is_dir():
        known = {d.identifier: d.path for d in docs}
        for d in documents.load_folder(inbox):
            if d.identifier in known:
                raise InputError(d.path, f"has the identifier of {known[d.identifier]}: rename one of them")
            docs.append(d)
    gaz = gazetteer.load(config.gazetteer_file)
    gaz.links = gazetteer.load_links(config.links_dir / gazetteer.LINKS_FILE, gaz)
    topics = to_rdf.topic_ids(config.ontology_dir)
    curated = curation.load(config.annotations_dir, docs, gaz, topics)
    extractor = Extractor(gaz, config.min_confidence)
    facts, new_actors = merge.combine(gaz, curated, extract_all(docs, extractor), extractor.name_key)
    unify_names(facts)
    gaz.links = published_links(config, gaz, facts, new_actors)
    quads = list(to_rdf.dataset_quads(docs, facts, gaz, Iris(config.base_iri), config.ontology_dir, new_actors))
    return docs, facts, quads


def published_links(config: Config, gaz, facts: list[DocumentFacts], new_actors: dict) -> list:
    """The accepted links whose node is in this build; one to a meeting or agreement that extraction
    no longer finds (or names otherwise) is left out with a warning, not pointed at nothing."""
    known = {f"{kind}/{i}" for kind, table in (("actor", gaz.actors), ("office", gaz.offices), ("place", gaz.places))
             for i in table}
    known |= {f"{kind}/{i}" for i, kind in to_rdf.fact_kinds(facts).items()}
    known |= {f"actor/{a.id}" for actors in new_actors.values() for a in actors}
    for x in gaz.links:
        if x.entity not in known:
            log.warning("%s: the link of %s to %s is not published: the graph has no %s",
                        config.links_dir / gazetteer.LINKS_FILE, x.entity, x.identifier, x.entity)
    return [x for x in gaz.links if x.entity in known]


def build(config: Config, documents_dir: Path | None = None, store_dir: Path | None = None,
          inbox: Path | None = None) -> BuildReport:
    """Build from `documents_dir` (default: the configured one), plus the documents of `inbox` if given
    (`kg build` gives the configured inbox, where `kg ingest` adds documents)."""
    started = time.monotonic()
    documents_dir = Path(documents_dir or config.documents_dir)
    store_dir = Path(store_dir or config.store_dir)
    docs, facts, quads = collect(config, documents_dir, inbox)
    violations = validate(quads, config.ontology_dir / "shapes.ttl")
    if violations:
        raise BuildError("the data does not conform to the SHACL shapes (ontology/shapes.ttl):\n  "
                         + "\n  ".join(map(str, violations)))
    if config.store_url:  # a remote store: each graph replaced through the Graph Store Protocol
        from ..store.remote import RemoteStore
        from ..store.remote_build import publish

        published = publish(RemoteStore.for_config(config), quads, Iris(config.base_iri).graph("").value)
        final = f"{config.store_url} (build {published.stamp})"
    else:
        final = swap_in(store_dir, write_generation(store_dir, quads))
    # Distinct nodes: a meeting stated by two documents is one meeting.
    counts = {k: len({x.id for f in facts for x in getattr(f, k)}) for k in ("meetings", "commitments", "agreements")}
    return BuildReport(final, len(docs), len(quads), counts,
                       [w for d in docs for w in d.warnings], time.monotonic() - started)


__all__ = ["build", "BuildError", "BuildReport", "InputError"]
