"""The application factory: one Flask app, one blueprint per concern."""
from __future__ import annotations

from flask import Flask

from ..config import Config


def create_app(config: Config | None = None) -> Flask:
    app = Flask(__name__)
    app.config["KG"] = config or Config.from_env()
    app.config["MAX_CONTENT_LENGTH"] = app.config["KG"].max_request_bytes
    app.json.ensure_ascii = False

    from . import browse, errors, health, linked, pages, queries, reconcile, search, security, sparql

    errors.register(app)
    security.register(app)
    for module in (health, sparql, queries, browse, linked, reconcile, pages, search):
        app.register_blueprint(module.bp)

    @app.after_request
    def vary_language(response):
        """Pages name things in the reader's language (context.language), so caches keep one per language."""
        if response.mimetype == "text/html":
            response.vary.add("Accept-Language")
        return response

    app.wsgi_app = sparql.Direct(app)   # queries on /sparql answered in front of Flask, for speed
    return app
