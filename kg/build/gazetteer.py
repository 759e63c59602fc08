"""The gazetteer (data/gazetteer.yaml): actors, offices and places with their names in both
languages, roles with dates, and identifiers in external datasets; and the links accepted from
reconciliation (data/links/wikidata.yaml, written by `kg link --accept`)."""
from __future__ import annotations

import re
from pathlib import Path

from .. import yamlfile
from ..dates import parse_iso
from ..errors import InputError
from .facts import ACTOR_TYPES, PLACE_TYPES, Actor, Gazetteer, Link, Office, Place, Role

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
# What an accepted link may name: a node of ours (kind/slug), and the facts that make it verifiable.
LINKED = re.compile(r"^(actor|office|place|meeting|agreement)/[a-z0-9]+(?:-[a-z0-9]+)*$")
LINKS_FILE = "wikidata.yaml"  # in Config.links_dir: the links `kg link --accept` wrote
PROVENANCE = ("service", "score", "query", "proposed", "accepted", "accepted_by")


def _names(path, kind, entry, key="name", required=True) -> dict:
    value = entry.get(key) or {}
    if required and not value:
        raise InputError(path, f"{kind} {entry.get('id')!r} has no {key}")
    if not isinstance(value, dict) or not all(isinstance(v, (str, list)) for v in value.values()):
        raise InputError(path, f"{kind} {entry.get('id')!r}: {key} must map a language to text")
    return value


def _entry(path, kind, entry, seen) -> str:
    if not isinstance(entry, dict):
        raise InputError(path, f"each {kind} must be a mapping, got {entry!r}")
    ident = entry.get("id")
    if not isinstance(ident, str) or not SLUG.match(ident):
        raise InputError(path, f"{kind} id {ident!r} is not a slug (lowercase letters, digits and hyphens)")
    if ident in seen:
        raise InputError(path, f"{kind} id {ident!r} is defined twice")
    qid = entry.get("wikidata")
    if qid is not None and not QID.match(str(qid)):
        raise InputError(path, f"{kind} {ident!r}: wikidata {qid!r} is not a Wikidata item id (Q…)")
    return ident


def _date(path, what, value):
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise InputError(path, f"{what}: {exc}") from None


def load(path: Path) -> Gazetteer:
    data = yamlfile.read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "the gazetteer must be a mapping with actors, offices and places")
    gaz = Gazetteer()
    for e in data.get("offices") or []:
        i = _entry(path, "office", e, gaz.offices)
        gaz.offices[i] = Office(i, _names(path, "office", e), _names(path, "office", e, "aliases", False),
                                e.get("organisation"), e.get("wikidata"), e.get("posted_to"))
    for e in data.get("places") or []:
        i = _entry(path, "place", e, gaz.places)
        if e.get("type") not in PLACE_TYPES:
            raise InputError(path, f"place {i!r}: type {e.get('type')!r} is not one of {', '.join(PLACE_TYPES)}")
        if not isinstance(e.get("capital", False), bool) or e.get("capital") and not e.get("country"):
            raise InputError(path, f"place {i!r}: capital must be true or false, and a capital needs its country")
        gaz.places[i] = Place(i, e["type"], _names(path, "place", e), _names(path, "place", e, "aliases", False),
                              e.get("wikidata"), str(e["geonames"]) if e.get("geonames") else None, e.get("country"),
                              e.get("capital", False))
    for e in data.get("actors") or []:
        i = _entry(path, "actor", e, gaz.actors)
        if e.get("type") not in ACTOR_TYPES:
            raise InputError(path, f"actor {i!r}: type {e.get('type')!r} is not one of {', '.join(ACTOR_TYPES)}")
        roles = [Role(r.get("office"), _date(path, f"actor {i!r} role start", r.get("start")),
                      _date(path, f"actor {i!r} role end", r.get("end"))) for r in e.get("roles") or []]
        gaz.actors[i] = Actor(i, e["type"], _names(path, "actor", e), _names(path, "actor", e, "aliases", False),
                              e.get("wikidata"), e.get("country"), e.get("part_of"), roles)
    _check_references(path, gaz)
    return gaz


def _check_references(path, gaz: Gazetteer) -> None:
    def need(what, ref, table, kind):
        if ref is not None and ref not in table:
            raise InputError(path, f"{what} refers to unknown {kind} {ref!r}")

    for a in gaz.actors.values():
        need(f"actor {a.id!r} country", a.country, gaz.actors, "actor")
        need(f"actor {a.id!r} part_of", a.part_of, gaz.actors, "actor")
        for r in a.roles:
            need(f"actor {a.id!r} role", r.office, gaz.offices, "office")
    for o in gaz.offices.values():
        need(f"office {o.id!r} organisation", o.organisation, gaz.actors, "actor")
        need(f"office {o.id!r} posted_to", o.posted_to, gaz.actors, "actor")
    for p in gaz.places.values():
        need(f"place {p.id!r} country", p.country, gaz.actors, "actor")


def curated_wikidata(gaz: Gazetteer) -> dict[str, str]:
    """kind/slug -> the Wikidata id the gazetteer itself gives."""
    out = {}
    for kind, table in (("actor", gaz.actors), ("office", gaz.offices), ("place", gaz.places)):
        out.update({f"{kind}/{e.id}": e.wikidata for e in table.values() if e.wikidata})
    return out


def owners(gaz: Gazetteer, links=()) -> dict[str, str]:
    """Wikidata id -> the node of ours that is the same as it. A place never owns one: a country's place
    only matches the item its actor is (see to_rdf.place_link)."""
    out = {qid: entity for entity, qid in curated_wikidata(gaz).items() if not entity.startswith("place/")}
    out.update({x.identifier: x.entity for x in links if not x.entity.startswith("place/")})
    return out


def load_links(path: Path, gaz: Gazetteer) -> list[Link]:
    """The accepted links of data/links/wikidata.yaml (none if the file is absent). An entry without
    the service, score, dates and acceptance that justify it is refused, as is one that contradicts
    the gazetteer or gives an item to two nodes."""
    path = Path(path)
    if not path.exists():
        return []
    data = yamlfile.read(path) or {}
    entries = data.get("links") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(path, "the links file must be a mapping with a list of links")
    curated, owner = curated_wikidata(gaz), owners(gaz)
    links = []
    for e in entries:
        entity = e.get("entity") if isinstance(e, dict) else None
        if not isinstance(entity, str) or not LINKED.match(entity):
            raise InputError(path, f"link {e!r}: entity must be kind/slug (actor/…, office/…, place/…, meeting/…, agreement/…)")
        qid = str(e.get("wikidata") or "")
        if not QID.match(qid):
            raise InputError(path, f"link of {entity}: wikidata {qid!r} is not a Wikidata item id (Q…)")
        missing = [k for k in PROVENANCE if e.get(k) in (None, "")]
        if missing:
            raise InputError(path, f"link of {entity} to {qid} is not published without its provenance: "
                                   f"missing {', '.join(missing)}")
        if not str(e["service"]).startswith(("http://", "https://")) or " " in str(e["service"]):
            raise InputError(path, f"link of {entity}: service {e['service']!r} is not an http(s) URL")
        if any(link.entity == entity for link in links):
            raise InputError(path, f"link of {entity}: the entity is linked twice")
        if entity in curated:
            raise InputError(path, f"link of {entity}: the gazetteer already gives it {curated[entity]}")
        if not entity.startswith("place/"):
            if owner.setdefault(qid, entity) != entity:
                raise InputError(path, f"link of {entity}: {qid} is already the item of {owner[qid]}")
        try:
            score = float(e["score"])
        except (TypeError, ValueError):
            raise InputError(path, f"link of {entity}: score {e['score']!r} is not a number") from None
        links.append(Link(entity, "wikidata", qid, str(e["service"]), score, str(e["query"]),
                          _date(path, f"link of {entity} proposed", str(e["proposed"])),
                          _date(path, f"link of {entity} accepted", str(e["accepted"])),
                          str(e["accepted_by"]), str(e.get("name") or "")))
    return links
