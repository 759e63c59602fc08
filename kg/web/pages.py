"""The pages people read: home, a timeline of meetings and agreements, a network of who met whom,
and the YASGUI assets that the query editor (editor.html, rendered by /sparql) loads from npm's
node_modules. Every page is rendered on the server, so it reads without JavaScript; scripts only
add the editor and the interactive graph. What each page shows comes from queries/pages/*.rq."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, abort, jsonify, render_template, request, send_from_directory

from ..config import ROOT
from ..errors import ClientError
from ..linked.labels import pick
from ..query.files import sparql
from ..vocab import DIP, PREFIXES, TOPIC_NS
from . import context, dates, tables

bp = Blueprint("pages", __name__)

YASGUI_BUILD = ROOT / "node_modules" / "@triply" / "yasgui" / "build"
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")
ACTOR_TYPES = {"person": DIP.Person.value, "organisation": DIP.Organisation.value, "country": DIP.Country.value}
KINDS = ("meeting", "agreement")


# ---------------------------------------------------------------- helpers shared by the templates

@bp.app_context_processor
def _globals():
    return {"kg_base_iri": context.iris().base, "kg_topic_ns": TOPIC_NS, "reader_language": context.language()}


@bp.app_template_filter("href")
def href(iri: str) -> str:
    """The link to one of the graph's IRIs: its page on this server (so a local run stays local)."""
    return context.href(iri)


@bp.app_template_filter("human_date")
def human_date(iso: str | None) -> str:
    """'2024-05-09' -> '9 May 2024' ('9 de mayo de 2024' for a Spanish reader), precision kept."""
    return dates.human_date(iso, context.language())


def rows(name: str) -> list[dict]:
    """The solutions of queries/pages/NAME.rq on this worker's store, as {variable: term}."""
    result = context.store().query(sparql(f"pages/{name}.rq"))
    variables = [v.value for v in result.variables]
    return [{v: solution[v] for v in variables} for solution in result]


def value(term) -> str | None:
    return None if term is None else term.value


# ---------------------------------------------------------------- home

@bp.get("/")
def home():
    store = context.store()
    counts = {k: int(v.value) for k, v in rows("counts")[0].items()}
    documents = [{k: value(v) for k, v in row.items()} for row in rows("latest_documents")]
    return render_template("home.html", triples=store.triple_count(), counts=counts, documents=documents)


# ---------------------------------------------------------------- timeline

@dataclass
class Event:
    """One dated (or undated) entry of the timeline: a fact as one or more documents date it."""
    item: str
    kind: str
    date: str | None          # ISO, at the precision the source gives
    until: str | None         # end of a date range ("between date and until")
    reported: bool            # the fact has no date of its own: `date` is its document's date
    label: str = ""
    statuses: set = field(default_factory=set)
    places: set = field(default_factory=set)
    documents: dict = field(default_factory=dict)   # identifier -> title

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else ""


def timeline_events(kind: str | None = None) -> list[Event]:
    events: dict[tuple, Event] = {}
    labels, places = defaultdict(list), defaultdict(list)
    for r in rows("timeline"):
        item, k = r["item"].value, r["kind"].value
        if kind and k != kind:
            continue
        if r["date"] is not None:
            when = (r["date"].value, None, False)
        elif r["earliest"] is not None:
            when = (r["earliest"].value, value(r["latest"]), False)
        else:
            when = (value(r["documentDate"]), None, r["documentDate"] is not None)
        e = events.setdefault((item, *when), Event(item, k, *when))
        e.documents[r["document"].value] = r["documentTitle"].value
        if r["statusLabel"] is not None:
            e.statuses.add(r["statusLabel"].value)
        labels[item].append(r["label"])
        places[(item, *when)].append(r["placeLabel"])
    for key, e in events.items():
        e.label = pick(labels[e.item], context.languages()) or href(e.item)
        place = pick(places[key], context.languages())
        if place:
            e.places.add(place)
    # Dated entries in order; undated ones last. A fact dated by its own source comes before one
    # dated only by the document that reports it, on the same day.
    return sorted(events.values(), key=lambda e: (e.date is None, e.date or "", e.reported, e.kind, e.label))


@bp.get("/timeline")
def timeline():
    kind = request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise ClientError(400, f"must be one of: {', '.join(KINDS)} (got {kind!r})", "parameter 'kind'")
    events = timeline_events(kind)
    years = defaultdict(list)
    for e in events:
        years[e.year or "Date not given"].append(e)
    return render_template("timeline.html", years=list(years.items()), kind=kind, count=len(events), kinds=KINDS)


# ---------------------------------------------------------------- network

@dataclass
class Node:
    iri: str
    type: str                 # person | organisation | country
    label: str = ""
    meetings: set = field(default_factory=set)
    index: int = 0            # position in the page's lists: links the SVG's lines to its nodes
    x: float = 0.0
    y: float = 0.0

    @property
    def radius(self) -> float:
        return round(5 + 2.2 * math.sqrt(len(self.meetings)), 1)


@dataclass
class Pair:
    a: Node
    b: Node
    meetings: dict = field(default_factory=dict)   # meeting IRI -> label


def parse_types(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return tuple(ACTOR_TYPES)
    types = tuple(t.strip().lower() for t in raw.split(",") if t.strip())
    unknown = [t for t in types if t not in ACTOR_TYPES]
    if unknown or not types:
        raise ClientError(400, f"takes a comma-separated list of: {', '.join(ACTOR_TYPES)} "
                               f"(unknown: {', '.join(unknown) or 'none given'})", "parameter 'types'")
    return types


def network(types: tuple[str, ...]) -> tuple[list[Node], list[Pair]]:
    kind_of = {iri: name for name, iri in ACTOR_TYPES.items()}
    nodes: dict[str, Node] = {}
    pairs: dict[tuple, Pair] = {}
    labels = defaultdict(list)
    for r in rows("network_pairs"):
        ta, tb = kind_of[r["aType"].value], kind_of[r["bType"].value]
        if ta not in types or tb not in types:
            continue
        a = nodes.setdefault(r["a"].value, Node(r["a"].value, ta))
        b = nodes.setdefault(r["b"].value, Node(r["b"].value, tb))
        meeting = r["meeting"].value
        a.meetings.add(meeting)
        b.meetings.add(meeting)
        pairs.setdefault((a.iri, b.iri), Pair(a, b)).meetings.setdefault(meeting, None)
        labels[a.iri].append(r["aLabel"])
        labels[b.iri].append(r["bLabel"])
        labels[meeting].append(r["meetingLabel"])
    for n in nodes.values():
        n.label = pick(labels[n.iri], context.languages()) or href(n.iri)
    for p in pairs.values():
        for m in p.meetings:
            p.meetings[m] = pick(labels[m], context.languages()) or href(m)
    order = list(ACTOR_TYPES)
    ordered = sorted(nodes.values(), key=lambda n: (order.index(n.type), n.label))
    for i, n in enumerate(ordered):
        n.index = i
    circle_layout(ordered)
    return ordered, sorted(pairs.values(), key=lambda p: (-len(p.meetings), p.a.label, p.b.label))


# The SVG's coordinate system; network.js refines the circle into a force layout.
WIDTH, HEIGHT, MARGIN = 900, 640, 110


def circle_layout(nodes: list[Node]) -> None:
    """Nodes on an ellipse, grouped by type: readable without JavaScript."""
    rx, ry = WIDTH / 2 - MARGIN - 60, HEIGHT / 2 - MARGIN / 2
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        n.x, n.y = round(WIDTH / 2 + rx * math.cos(angle), 1), round(HEIGHT / 2 + ry * math.sin(angle), 1)


@bp.get("/network")
def network_page():
    types = parse_types(request.args.get("types"))
    nodes, pairs = network(types)
    return render_template("network.html", nodes=nodes, pairs=pairs, types=types, all_types=tuple(ACTOR_TYPES),
                           width=WIDTH, height=HEIGHT)


# ---------------------------------------------------------------- YASGUI, served from node_modules (no CDN)

@bp.get("/assets/yasgui/<path:filename>")
def yasgui_asset(filename: str):
    if filename not in YASGUI_FILES:
        abort(404)
    if not (YASGUI_BUILD / filename).is_file():
        return ("YASGUI is not installed on this server: run `npm ci` (or `make setup`) in the project folder.\n",
                404, {"Content-Type": "text/plain; charset=utf-8"})
    return send_from_directory(YASGUI_BUILD, filename, max_age=86400)


LABELS_AT_ONCE = 1000


@bp.post("/labels")
def labels_of():
    """Labels in the reader's language for a JSON list of IRIs: the query editor's table shows them in
    place of IRIs (the IRIs stay in its downloads). IRIs without a label are left out."""
    asked = request.get_json(silent=True)
    if not isinstance(asked, list) or not all(isinstance(i, str) for i in asked):
        raise ClientError(400, "expected a JSON list of IRIs", "body")
    reader = tables.reader()
    return jsonify({i: reader.iri(i).text for i in asked[:LABELS_AT_ONCE]
                    if reader.lex.label(i, reader.languages) is not None})


@bp.get("/assets/prefixes.json")
def prefixes():
    """The graph's prefixes, shaped like prefix.cc's list: YASQE completes PREFIX lines from it
    instead of asking prefix.cc over the network."""
    return jsonify(PREFIXES)
