"""All configuration in one place: defaults, overridden by KG_* environment variables."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

# The SERVICE IRI saved queries are written with (the public Wikidata Query Service).
DEFAULT_BASE_IRI = "https://w3id.org/dipkg/"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
# Wikidata's public reconciliation service, the one OpenRefine offers (English names).
WIKIDATA_RECONCILE = "https://wikidata.reconci.link/en/api"


class ConfigError(ValueError):
    """A KG_* environment variable that cannot be used; names the variable."""


def _list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _endpoint(name: str, value: str) -> str:
    """An allow-listed SERVICE endpoint: an absolute http(s) IRI with a host, written as queries write it."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in ' <>"{}|\\^`'):
        raise ConfigError(f"{name}: {value!r} is not an absolute http(s) IRI of a SPARQL endpoint "
                          "(e.g. https://query.wikidata.org/sparql)")
    return value


@dataclass(frozen=True)
class Config:
    # Identity: every minted IRI lives under this base; other datasets link to it.
    base_iri: str = DEFAULT_BASE_IRI
    # Inputs.
    documents_dir: Path = ROOT / "data" / "documents"
    # Where `kg ingest` puts new documents; `kg build` reads them beside documents_dir. Kept apart so
    # that the seed documents (which the tests build on) stay as they are.
    inbox_dir: Path = ROOT / "data" / "inbox"
    annotations_dir: Path = ROOT / "data" / "annotations"
    gazetteer_file: Path = ROOT / "data" / "gazetteer.yaml"
    # Linking to Wikidata: review file and accepted links (data/links/), the reconciliation service
    # `kg link wikidata` asks (the W3C Entity Reconciliation API), its time limit, and its answers' cache.
    links_dir: Path = ROOT / "data" / "links"
    reconcile_service: str = WIKIDATA_RECONCILE
    reconcile_timeout: float = 30.0     # seconds per request
    reconcile_cache_dir: Path = ROOT / "var" / "reconcile-cache"
    ontology_dir: Path = ROOT / "ontology"
    queries_dir: Path = ROOT / "queries"
    # Extracted facts less sure than this are left out of the graph (kg build, kg ingest); the default
    # is the highest threshold with the best mean F1 in the sweep of `kg evaluate --sweep` on corpus-real.
    min_confidence: float = 0.35
    # The persistent store the build writes and the server reads.
    store_dir: Path = ROOT / "var" / "store"
    # A remote SPARQL 1.1 store instead (see kg/store/remote.py): its query endpoint, and its update and
    # Graph Store Protocol endpoints where they differ from it; credentials where the store needs them.
    store_url: str = ""
    store_update_url: str = ""
    store_gsp_url: str = ""
    store_user: str = ""
    store_password: str = ""
    # Endpoint limits.
    query_timeout: float = 30.0          # seconds; a request may lower it, never raise it
    max_results: int = 100_000           # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)
    max_request_bytes: int = 1_000_000
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)  # SERVICE/LOAD targets
    # Each query process's own limits (a query past one is stopped: 503 naming it).
    query_memory: int = 1024             # megabytes of memory (heap) a query process may hold
    query_cpu: float = 30.0              # CPU seconds one query may use
    # Admission: requests that may wait for a query process, per server process; more get a 503 at once.
    # 32: a crowd of 32 clients, even all on one worker, waits its turn (milliseconds for cheap queries)
    # rather than being refused.
    query_queue: int = 32
    # Where saved queries' SERVICE <WIKIDATA_SPARQL> is sent (a local mirror in tests); see federated().
    wikidata_endpoint: str = WIKIDATA_SPARQL

    @classmethod
    def from_env(cls, env=None, **overrides) -> "Config":
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            name = "KG_" + f.name.upper()
            raw = env.get(name)
            if raw is None:
                continue
            if f.name.endswith(("_dir", "_file")):
                values[f.name] = Path(raw)
            elif f.name == "service_allowlist":
                values[f.name] = tuple(_endpoint(name, v) for v in _list(raw))
            elif f.type in ("float", "int"):
                try:
                    values[f.name] = (float if f.type == "float" else int)(raw)
                except ValueError:
                    raise ConfigError(f"{name}={raw!r} is not a number") from None
                if not math.isfinite(values[f.name]) or values[f.name] <= 0:
                    raise ConfigError(f"{name}={raw!r} must be positive")
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def federated(self, sparql: str) -> str:
        """A saved query's text with its Wikidata SERVICE pointed at the configured endpoint."""
        return sparql.replace(f"SERVICE <{WIKIDATA_SPARQL}>", f"SERVICE <{self.wikidata_endpoint}>")

    def with_(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

