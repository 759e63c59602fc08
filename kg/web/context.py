"""What a request handler needs: the configuration and this process's store."""
from __future__ import annotations

from flask import current_app

from ..config import Config
from ..store.embedded import EmbeddedStore, current


def config() -> Config:
    return current_app.config["KG"]


def store() -> EmbeddedStore:
    """This worker's read-only store (reopened after a rebuild)."""
    return current(config().store_dir)
