"""/health: is the store there, which build is served, how many triples."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..errors import InputError
from . import context

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    try:
        s = context.store()
        return jsonify(status="ok", store=s.generation, triples=s.triple_count(), graphs=len(s.named_graphs()))
    except (InputError, OSError) as exc:
        return jsonify(status="unavailable", error=str(exc)), 503
