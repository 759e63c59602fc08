"""The application factory: one Flask app, one blueprint per concern."""
from __future__ import annotations

from flask import Flask

from ..config import Config


def create_app(config: Config | None = None) -> Flask:
    app = Flask(__name__)
    app.config["KG"] = config or Config.from_env()
    app.config["MAX_CONTENT_LENGTH"] = app.config["KG"].max_request_bytes
    app.json.ensure_ascii = False

    from . import errors, health, linked, pages, queries, sparql

    errors.register(app)
    for module in (health, sparql, queries, linked, pages):
        app.register_blueprint(module.bp)
    app.wsgi_app = sparql.Direct(app)
    return app
