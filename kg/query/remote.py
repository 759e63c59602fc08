"""Running one query on a remote store, under the same limits and in the same formats as on the
embedded one: run.py checks the query first (read-only, SERVICE allow-list), then dispatches here
when `KG_STORE_URL` is set.

The store evaluates the query; this process bounds it: the time limit goes to the store as its own
timeout where it takes one and bounds the reading of its answer in any case, and the result cap cuts
the answer while it streams in (the rest is never read). SERVICE calls, already checked against the
allow-list, are made by the store itself."""
from __future__ import annotations

from ..config import Config
from ..errors import ClientError, InputError
from ..store.remote import RemoteError, RemoteStore, RemoteTimeout
from .results import Outcome, render
from .run import timed_out


def run_remote(config: Config, sparql: str, seconds: float, *, accept=None, format=None, default_graphs=None,
               named_graphs=None, substitutions=None, max_results=None, prefixes=None, base_iri=None) -> Outcome:
    # A dataset given by the protocol replaces the query's own FROM / FROM NAMED entirely.
    dataset = bool(default_graphs) or bool(named_graphs)
    cap = config.max_results if max_results is None else min(max_results, config.max_results)
    try:
        result = RemoteStore.for_config(config).query(
            sparql, default_graphs=list(default_graphs or []) if dataset else None,
            named_graphs=list(named_graphs or []) if dataset else None, substitutions=substitutions,
            base_iri=base_iri, timeout=seconds)
        return render(result, accept=accept, format=format, max_results=cap, prefixes=prefixes)
    except (RemoteTimeout, TimeoutError):  # the store stopped it, or its answer did not come in time
        raise timed_out(seconds) from None
    except RemoteError as exc:
        if exc.status == 400:
            raise ClientError(400, f"malformed query: {exc}") from None
        raise ClientError(503, f"the store is unavailable: {exc}") from None
    except InputError as exc:
        raise ClientError(503, f"the store is unavailable: {exc}") from None
    except (SyntaxError, OSError) as exc:  # the answer broke off, or is not what its media type says
        raise ClientError(502, f"the store's answer could not be read: {exc}") from None
