"""/reconcile: a reconciliation service over our actors, meetings, agreements and documents.

It speaks the W3C Entity Reconciliation Service API (v0.2, what OpenRefine sends): GET /reconcile is
the service manifest; GET or POST with `queries=` (a JSON object of queries) reconciles a batch,
with `type` and `properties` (country, role, participant, party, date) to tell namesakes apart;
`extend=` fetches property values of reconciled ids (data extension). Ids are paths under the
identifier space (`actor/antony-blinken` is `{base}id/actor/antony-blinken`); `view` and `preview`
point at this server's pages; suggest services complete entities, types and properties. Names match
in both languages, whatever their accents and case (kg/link/match.py)."""
from __future__ import annotations

import json
import re

from flask import Blueprint, Response, jsonify, render_template, request

from ..errors import ClientError
from ..link.entities import Entity, Index
from ..link.match import normal, similarity
from ..linked.entity import Names
from ..vocab import DIP, ONTOLOGY_NS
from . import context
from .sparql import allow_any_origin

bp = Blueprint("reconcile", __name__, url_prefix="/reconcile")
bp.after_request(allow_any_origin)

# Type ids are local names in the ontology's namespace (the manifest's schemaSpace).
TYPES = {"Actor": (DIP.Person, DIP.Organisation, DIP.Country), "Person": (DIP.Person,),
         "Organisation": (DIP.Organisation,), "Country": (DIP.Country,), "Meeting": (DIP.Meeting,),
         "Agreement": (DIP.Agreement,), "SourceDocument": (DIP.SourceDocument,), "Office": (DIP.Office,)}
DEFAULT_TYPES = ("Actor", "Meeting", "Agreement", "SourceDocument")
# Properties a query may give and data extension may fetch (`wikidata`: the item we are the same as).
PROPERTIES = {"country": "Country", "role": "Role (office held)", "participant": "Participant", "party": "Party",
              "date": "Date", "wikidata": "Wikidata item"}
MATCH = 95          # a candidate this good, and clearly ahead of the next, is a match
MIN_SCORE = 40      # below this a name is not worth proposing
MAX_LIMIT = 100
CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]*$")


def _index() -> Index:
    return Index.of(context.store(), context.config().base_iri)


def _type_name(type_id: str) -> str:
    names = Names.of(context.store(), context.config())
    return "Actor" if type_id == "Actor" else names(TYPES[type_id][0].value)


def _types_of(e: Entity) -> list[dict]:
    return [{"id": t, "name": _type_name(t)} for t, classes in TYPES.items()
            if t != "Actor" and any(c.value in e.types for c in classes)]


def _root() -> str:
    return request.host_url.rstrip("/") + request.script_root


def _answer(body) -> Response:
    """JSON, or JSONP when a `callback` is given (older clients read the manifest that way)."""
    callback = request.values.get("callback")
    if callback is None:
        return jsonify(body)
    if not CALLBACK.match(callback):
        raise ClientError(400, "must be a JavaScript identifier", "parameter 'callback'")
    return Response(f"{callback}({json.dumps(body, ensure_ascii=False)});", mimetype="application/javascript")


def _json(name: str):
    try:
        return json.loads(request.values[name])
    except json.JSONDecodeError as exc:
        raise ClientError(400, f"is not JSON: {exc}", f"parameter '{name}'") from None


@bp.route("", methods=["GET", "POST"])
def service():
    if "queries" in request.values:
        queries = _json("queries")
        if not isinstance(queries, dict):
            raise ClientError(400, "must be a JSON object of queries keyed by name", "parameter 'queries'")
        index = _index()
        return _answer({key: {"result": reconcile(index, key, q)} for key, q in queries.items()})
    if "extend" in request.values:
        return _answer(extend(_index(), _json("extend")))
    return _answer(manifest())


def manifest() -> dict:
    root = _root()
    base = context.config().base_iri
    return {
        "versions": ["0.2"],
        "name": "Peru–United States diplomatic relations knowledge graph",
        "identifierSpace": base + "id/",
        "schemaSpace": ONTOLOGY_NS,
        "defaultTypes": [{"id": t, "name": _type_name(t)} for t in DEFAULT_TYPES],
        "view": {"url": root + "/page/id/{{id}}"},
        "preview": {"url": root + "/reconcile/preview?id={{id}}", "width": 430, "height": 160},
        "suggest": {kind: {"service_url": root, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": root, "service_path": "/reconcile/properties"},
                   "property_settings": []},
    }


# ---------------------------------------------------------------- reconciliation


def _wanted_types(key: str, q: dict) -> list[str]:
    given = q.get("type")
    wanted = list(DEFAULT_TYPES) if given in (None, "", []) else [given] if isinstance(given, str) else given
    unknown = [t for t in wanted if t not in TYPES]
    if unknown:
        raise ClientError(400, f"unknown type {unknown[0]!r}; types are " + ", ".join(TYPES), f"query '{key}'")
    return wanted


def _values(v) -> list[str]:
    """A property value as the API gives it: text, an {id, name} object, or a list of either."""
    out = []
    for x in v if isinstance(v, list) else [v]:
        if isinstance(x, dict):
            out += [str(x[k]) for k in ("id", "name") if x.get(k)]
        elif x is not None:
            out.append(str(x))
    return out


def _has(index: Index, e: Entity, pid: str, wanted: list[str]) -> bool:
    """Whether `e` has one of the values `wanted` for `pid`: an id, or a name of the entity it points
    to (accents and case aside), or the start of a date (2024 matches 2024-03-14)."""
    for value in e.values.get(pid, []):
        text = value.value
        target = index.entities.get(text)
        for w in wanted:
            if target is not None and (w in (target.id, target.iri) or target.wikidata == w
                                       or any(similarity(w, n.value) == 1.0 for n in target.all_names())):
                return True
            if target is None and (text.startswith(w) or normal(text) == normal(w)):
                return True
    return False


def reconcile(index: Index, key: str, q) -> list[dict]:
    if not isinstance(q, dict) or not isinstance(q.get("query"), str):
        raise ClientError(400, "needs a 'query' text", f"query '{key}'")
    classes = {c.value for t in _wanted_types(key, q) for c in TYPES[t]}
    try:
        limit = max(1, min(int(q.get("limit") or 10), MAX_LIMIT))
    except (TypeError, ValueError):
        raise ClientError(400, f"limit {q.get('limit')!r} is not a number", f"query '{key}'") from None
    props = [(p.get("pid"), _values(p.get("v"))) for p in q.get("properties") or [] if isinstance(p, dict)]
    unknown = [pid for pid, _ in props if pid not in PROPERTIES]
    if unknown:
        raise ClientError(400, f"unknown property {unknown[0]!r}; properties are " + ", ".join(PROPERTIES),
                          f"query '{key}'")
    scored = []
    for e in index.entities.values():
        if not classes & e.types:
            continue
        by_label = max((similarity(q["query"], n.value) for n in e.names), default=0.0)
        name = max([by_label] + [similarity(q["query"], n.value) for n in e.aliases])
        score = 100 * name
        if props:  # names decide most; properties tell namesakes apart
            agree = sum(_has(index, e, pid, values) for pid, values in props) / len(props)
            score = 100 * (0.75 * name + 0.25 * agree)
        if score >= MIN_SCORE:
            scored.append((round(score, 2), by_label, e))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].label))
    out = [_candidate(index, e, score) for score, _, e in scored[:limit]]
    if out and out[0]["score"] >= MATCH and (len(out) == 1 or out[1]["score"] < out[0]["score"] - 5):
        out[0]["match"] = True
    return out


def _candidate(index: Index, e: Entity, score: float) -> dict:
    return {"id": e.id, "name": e.label, "type": _types_of(e), "score": score, "match": False,
            "description": _description(index, e)}


def _description(index: Index, e: Entity) -> str:
    parts = [t["name"] for t in _types_of(e)]
    parts += sorted({index.label(v.value) for v in e.values.get("country", [])})
    parts += sorted({index.label(v.value) for v in e.values.get("role", [])})
    parts += sorted({v.value for v in e.values.get("date", [])})[:1]
    return " · ".join(parts)


# ---------------------------------------------------------------- data extension


def extend(index: Index, body) -> dict:
    if not isinstance(body, dict) or not isinstance(body.get("ids"), list):
        raise ClientError(400, "must be a JSON object with 'ids' and 'properties'", "parameter 'extend'")
    pids = [p.get("id") if isinstance(p, dict) else p for p in body.get("properties") or []]
    unknown = [p for p in pids if p not in PROPERTIES]
    if unknown:
        raise ClientError(400, f"unknown property {unknown[0]!r}; properties are " + ", ".join(PROPERTIES),
                          "parameter 'extend'")
    rows = {}
    for i in body["ids"]:
        e = index.by_id.get(str(i))
        rows[str(i)] = {p: _cells(index, e, p) if e else [] for p in pids}
    return {"meta": [{"id": p, "name": PROPERTIES[p]} for p in pids], "rows": rows}


def _cells(index: Index, e: Entity, pid: str) -> list[dict]:
    if pid == "wikidata":
        return [{"str": e.wikidata}] if e.wikidata else []
    cells = []
    for v in e.values.get(pid, []):
        target = index.entities.get(v.value)
        cells.append({"id": target.id, "name": target.label} if target else
                     {"date": v.value} if pid == "date" else {"str": v.value})
    return sorted(cells, key=lambda c: json.dumps(c, ensure_ascii=False))


@bp.get("/properties")
def propose_properties():
    type_id = request.args.get("type", "Actor")
    if type_id not in TYPES:
        raise ClientError(400, f"unknown type {type_id!r}", "parameter 'type'")
    return _answer({"type": type_id, "properties": [{"id": p, "name": n} for p, n in PROPERTIES.items()]})


# ---------------------------------------------------------------- suggest and preview


def _prefix() -> str:
    prefix = normal(request.args.get("prefix", ""))
    if not prefix:
        raise ClientError(400, "is missing or empty", "parameter 'prefix'")
    return prefix


def _starts(prefix: str, text: str) -> int:
    """2 when `text` starts with `prefix`, 1 when one of its words does, else 0."""
    t = normal(text)
    return 2 if t.startswith(prefix) else 1 if any(w.startswith(prefix) for w in t.split()) else 0


@bp.get("/suggest/entity")
def suggest_entity():
    prefix, index = _prefix(), _index()
    wanted = request.args.get("type")
    classes = {c.value for t in ([wanted] if wanted in TYPES else DEFAULT_TYPES) for c in TYPES[t]}
    found = []
    for e in index.entities.values():
        rank = max((_starts(prefix, n.value) for n in e.all_names()), default=0)
        if rank and classes & e.types:
            found.append((-rank, e.label, e))
    found.sort(key=lambda f: f[:2])
    return _answer({"result": [{"id": e.id, "name": e.label, "description": _description(index, e)}
                               for _, _, e in found[:10]]})


@bp.get("/suggest/type")
def suggest_type():
    prefix = _prefix()
    return _answer({"result": [{"id": t, "name": _type_name(t)} for t in TYPES
                               if _starts(prefix, t) or _starts(prefix, _type_name(t))]})


@bp.get("/suggest/property")
def suggest_property():
    prefix = _prefix()
    return _answer({"result": [{"id": p, "name": n} for p, n in PROPERTIES.items()
                               if _starts(prefix, p) or _starts(prefix, n)]})


@bp.get("/preview")
def preview():
    index = _index()
    e = index.by_id.get(request.args.get("id", ""))
    if e is None:
        raise ClientError(404, f"no entity {request.args.get('id', '')!r} in this dataset", "parameter 'id'")
    return render_template("reconcile-preview.html", e=e, description=_description(index, e),
                           page=f"{request.script_root}/page/id/{e.id}")
