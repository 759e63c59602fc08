"""`kg serve`: the app under gunicorn, each worker reading the store read-only."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from ..config import Config
from .app import create_app


class Server(BaseApplication):
    def __init__(self, config: Config, options: dict):
        self.kg_config, self.options = config, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.kg_config)


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    Server(config, {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-",
                    "worker_class": "gthread", "threads": 4, "timeout": 120}).run()
