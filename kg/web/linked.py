"""Routes of the linked blueprint (to be filled in by its issue)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("linked", __name__)
