"""Routes of the queries blueprint (to be filled in by its issue)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("queries", __name__)
