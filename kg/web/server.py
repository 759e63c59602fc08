"""`kg serve`: the app under gunicorn, each worker reading the store read-only.

Workers are gthread: a request waiting on a long query holds a thread that only sleeps on a socket
(the query itself runs in a killable query process, see kg/query/pool.py), so the worker's other
threads keep answering. Each worker starts its query processes as soon as it boots."""
from __future__ import annotations

import logging
import sys

from gunicorn.app.base import BaseApplication

from ..config import Config
from ..query import run
from .app import create_app

THREADS = run.POOL_SIZE   # one query process per request thread


def access_log() -> None:
    """`kg.access` lines go to standard error, beside gunicorn's own log."""
    logger = logging.getLogger("kg.access")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] kg.access %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


class Server(BaseApplication):
    def __init__(self, config: Config, options: dict):
        self.kg_config, self.options = config, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        access_log()
        return create_app(self.kg_config)


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    def post_worker_init(worker):
        if not config.store_url:  # a remote store runs queries itself
            run.pool(warm=2)   # start query processes now, not on the first query

    def worker_exit(server, worker):
        run.shutdown()

    Server(config, {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-",
                    "worker_class": "gthread", "threads": THREADS,
                    # A request lasts at most the query timeout; gunicorn's own limit stays above it.
                    "timeout": max(120, int(config.query_timeout) + 30), "graceful_timeout": 10,
                    "limit_request_line": 8190,  # the longest GET gunicorn allows; POST for longer queries
                    "post_worker_init": post_worker_init, "worker_exit": worker_exit}).run()
