"""`kg link --accept`: the accepted candidates of the review file become links, with provenance.

A candidate is accepted when a person wrote yes in its row, or, only if the user gives a threshold,
when it is its entity's single candidate scoring at least that. Before it is written it is verified:
the service named in its row must really have proposed that item for that name (its cached answer
says so), the entity must have no item yet, and no other entity of ours may have that item. Accepted
links go to data/links/wikidata.yaml with the service, score, name and dates; their entities' rows
leave the review file. Nothing is published until the next build."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..build import gazetteer
from ..config import Config
from . import review
from .service import Service

LINKS_HEADER = """\
# Links to Wikidata accepted from reconciliation (`kg link --accept`; see README, Linking): each
# with the service that proposed it, its score and the name of ours it was found by, the dates of
# its proposal and acceptance, and how it was accepted (review: a person wrote yes in the review
# file; threshold N: the user's own score threshold). The build publishes them with that provenance.
# Identifiers known with certainty without reconciliation belong in data/gazetteer.yaml instead.
"""


@dataclass
class Outcome:
    accepted: list[review.Row] = field(default_factory=list)
    refused: list[tuple[review.Row, str]] = field(default_factory=list)
    undecided: int = 0


def _chosen(rows: list[review.Row], threshold: float | None) -> tuple[list[review.Row], list[tuple[review.Row, str]]]:
    """The row each entity accepts: the one marked yes, or the threshold's single best one."""
    by_entity = defaultdict(list)
    for r in rows:
        by_entity[r.entity].append(r)
    chosen, refused = [], []
    for entity, mine in by_entity.items():
        marked = [r for r in mine if r.accepted]
        if len(marked) > 1:
            refused += [(r, f"{len(marked)} candidates of {entity} are marked yes; keep one") for r in marked]
        elif marked:
            chosen.append(marked[0])
        elif threshold is not None and not any(r.accept for r in mine):
            above = [r for r in mine if r.score >= threshold]
            if len(above) == 1:
                chosen.append(above[0])
    return chosen, refused


def accept(config: Config, threshold: float | None = None, today: date | None = None) -> Outcome:
    path, links_path = config.links_dir / review.FILE, config.links_dir / gazetteer.LINKS_FILE
    rows = review.read(path)
    gaz = gazetteer.load(config.gazetteer_file)
    existing = gazetteer.load_links(links_path, gaz)
    owner = gazetteer.owners(gaz, existing)
    linked = set(gazetteer.curated_wikidata(gaz)) | {x.entity for x in existing}
    chosen, refused = _chosen(rows, threshold)
    outcome = Outcome(refused=refused)
    services: dict[str, Service] = {}
    for r in chosen:
        service = services.setdefault(r.service, Service(r.service, config.reconcile_cache_dir, config.reconcile_timeout))
        if not gazetteer.QID.match(r.candidate):
            reason = f"{r.candidate!r} is not a Wikidata item id"
        elif r.candidate not in service.proposed(r.query):
            reason = (f"{r.service} did not propose {r.candidate} for {r.query!r} (no such answer in the cache "
                      f"{config.reconcile_cache_dir}); run `kg link wikidata` again, or, if you know the item, "
                      "give it in data/gazetteer.yaml")
        elif r.entity in linked:
            reason = f"{r.entity} already has a Wikidata item"
        elif r.candidate in owner and not r.entity.startswith("place/"):
            reason = f"{r.candidate} is already the item of {owner[r.candidate]}"
        else:
            if not r.entity.startswith("place/"):
                owner[r.candidate] = r.entity
            linked.add(r.entity)
            outcome.accepted.append(r)
            continue
        outcome.refused.append((r, reason))
    if outcome.accepted:
        when = (today or date.today()).isoformat()
        entries = [_entry(x) for x in existing] + [
            {"entity": r.entity, "wikidata": r.candidate, "name": r.candidate_name, "score": r.score, "query": r.query,
             "service": r.service, "proposed": r.proposed, "accepted": when,
             "accepted_by": "review" if r.accepted else f"threshold {threshold:g}"} for r in outcome.accepted]
        _write_links(links_path, sorted(entries, key=lambda e: e["entity"]))
        done = {r.entity for r in outcome.accepted}
        review.write(path, [r for r in rows if r.entity not in done])
    outcome.undecided = len({r.entity for r in review.read(path) if not r.accept})
    return outcome


def _entry(x) -> dict:
    return {"entity": x.entity, "wikidata": x.identifier, "name": x.name, "score": x.score, "query": x.query,
            "service": x.service, "proposed": x.proposed.iso, "accepted": x.accepted.iso, "accepted_by": x.accepted_by}


def _write_links(path: Path, entries: list[dict]) -> None:
    text = LINKS_HEADER + yaml.safe_dump({"links": entries}, allow_unicode=True, sort_keys=False, width=120)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
