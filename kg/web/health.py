"""/health: is the store there, which build is served, how many triples; the query processes."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..errors import InputError
from ..query import run
from ..store.remote import RemoteError
from . import context

bp = Blueprint("health", __name__)
_counts: dict[str, tuple[int, int]] = {}   # generation -> (triples, graphs): a build never changes


@bp.get("/health")
def health():
    try:
        s = context.store()
        if s.generation not in _counts:
            _counts[s.generation] = (s.triple_count(), len(s.named_graphs()))
        triples, graphs = _counts[s.generation]
        return jsonify(status="ok", store=s.generation, triples=triples, graphs=graphs,
                       executors=run.pools())
    except (InputError, OSError, RemoteError) as exc:
        return jsonify(status="unavailable", error=str(exc)), 503
