"""`kg serve`: the app under gunicorn, each worker reading the store read-only.

Workers are gthread that read each request in full in their event loop before a thread takes it
(kg/web/worker.py), so slow or idle connections hold no thread. A request waiting on a long query
holds a thread that only sleeps on a socket (the query itself runs in a killable query process, see
kg/query/pool.py); admission control (kg/query/admission.py) bounds how many run and wait, so the
worker keeps threads for everything else: /health, pages, dumps, and refusals that come at once.
Each worker starts its query processes as soon as it boots."""
from __future__ import annotations

import logging
import sys
import threading

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from ..config import Config
from ..query import admission, run
from . import worker
from .app import create_app

SPARE_THREADS = 8   # beyond the queries running and waiting: health checks, pages, dumps


def threads(config: Config) -> int:
    """Request threads per worker: every query that may run or wait, and spare ones for the rest."""
    return run.POOL_SIZE + admission.HEAVY + config.query_queue + SPARE_THREADS


def access_log() -> None:
    """`kg.access` lines go to standard error, beside gunicorn's own log."""
    logger = logging.getLogger("kg.access")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] kg.access %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


class AccessLog(Logger):
    """gunicorn's access log, less /sparql: each query has its own `kg.access` line already, and a
    second line per query costs a tenth of a short query's CPU."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") != "/sparql":
            super().access(resp, req, environ, request_time)


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


def warm_search(config: Config) -> threading.Thread:
    """Build the search index of the store being served now, beside the worker's serving (over 10
    million triples it takes over a minute, near gunicorn's start-up timeout), so that searches and pages
    wait at most for what is left of it; a worker that cannot (no store yet) builds it on the first
    search instead."""
    from ..linked.search import Index
    from ..store import open_store

    def build():
        try:
            Index.of(open_store(config))
        except Exception as exc:  # never keep a worker from serving
            logging.getLogger(__name__).warning("search index not built at start: %s", exc)

    warming = threading.Thread(target=build, name="warm-search", daemon=True)
    warming.start()
    return warming


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    def post_worker_init(_):
        # Every query process started now, and replaced as soon as one is killed: a query never waits
        # for one to start (the light lane must be ready while heavy queries run). A remote store runs
        # queries itself.
        if not config.store_url:
            run.pool(warmup=run.warmup(config), warm=run.POOL_SIZE + admission.HEAVY)
        warm_search(config)

    worker.BODY_LIMIT = config.max_request_bytes

    def worker_exit(server, worker):
        run.shutdown()

    Server(config, {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-", "logger_class": AccessLog,
                    "worker_class": "kg.web.worker.BufferingWorker", "threads": threads(config),
                    # A request lasts at most the query timeout; gunicorn's own limit stays above it.
                    "timeout": max(120, int(config.query_timeout) + 30), "graceful_timeout": 10,
                    # Longer than any Retry-After sent: a client that waits it out finds its connection open.
                    "keepalive": 5,
                    "limit_request_line": 8190,  # the longest GET gunicorn allows; POST for longer queries
                    "post_worker_init": post_worker_init, "worker_exit": worker_exit}).run()
