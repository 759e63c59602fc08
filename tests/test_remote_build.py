"""`kg build` into a remote store, and `kg serve` from one: each document's graph replaced whole,
graphs of removed documents dropped, a refused or failed build leaving the previous graph, and real
gunicorn front ends following a rebuild. Each test starts stores of its own."""
import shutil
import threading
import time

import pytest
import requests
from conftest import running_server
from pyoxigraph import NamedNode, Quad
from remote_support import kg

from kg.build.pipeline import build
from kg.config import ROOT, Config
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore
from kg.store.remote_build import STAGING, publish

pytestmark = pytest.mark.remote

GRAPHS = "https://w3id.org/dipkg/graph/"
BIG = 20_000   # triples: a replacement long enough for a reader to catch it half done, if it ever were


def version(graph: str, tag: str, n: int = BIG) -> list[Quad]:
    g = NamedNode(graph)
    return [Quad(NamedNode(f"urn:x-test:s{i}"), NamedNode("urn:x-test:version"), NamedNode(f"urn:x-test:{tag}"), g)
            for i in range(n)]


def seen(store: RemoteStore, graph: str | None) -> dict[str, int]:
    """How many triples of each version a reader sees in a named graph, or in the default graph."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?v }}" if graph else "?s <urn:x-test:version> ?v"
    query = f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ {pattern} }} GROUP BY ?v"
    return {r["v"].value: int(r["n"].value) for r in store.query(query)}


def test_readers_never_see_half_a_document(fresh):
    config, _ = fresh
    store = RemoteStore.for_config(config)
    doc, same = GRAPHS + "document/big", GRAPHS + "document/unchanged"
    publish(store, version(doc, "old") + version(same, "same", 10), GRAPHS)
    whole = ({"urn:x-test:old": BIG, "urn:x-test:same": 10}, {"urn:x-test:new": BIG, "urn:x-test:same": 10})
    observed: dict[str | None, list] = {None: [], doc: [], same: []}
    stop = threading.Event()

    def read():
        while not stop.is_set():
            for graph, seen_there in observed.items():
                seen_there.append(seen(store, graph))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        done = publish(store, version(doc, "new") + version(same, "same", 10), GRAPHS)
    finally:
        stop.set()
        reader.join()
    assert done.replaced == [doc], "an unchanged document is not written again"
    assert len(observed[None]) >= 2, "the reader must have read while the build ran"
    assert all(o in whole for o in observed[None]), [o for o in observed[None] if o not in whole][:3]
    assert all(o == {"urn:x-test:same": 10} for o in observed[same])
    if not store.dialect.dirty_reads:   # Virtuoso shows a graph being moved (see kg/store/remote_build.py)
        halves = [o for o in observed[doc] if o not in ({"urn:x-test:old": BIG}, {"urn:x-test:new": BIG})]
        assert halves == []
    assert seen(store, doc) == {"urn:x-test:new": BIG} and seen(store, None) == whole[1]


def test_a_build_that_fails_while_loading_leaves_the_previous_graph(fresh):
    config, _ = fresh
    store = RemoteStore.for_config(config)
    first = version(GRAPHS + "document/a", "old", 10) + version(GRAPHS + "document/b", "old", 10)
    publish(store, first, GRAPHS)
    before = (store.build().stamp, seen(store, GRAPHS + "document/a"), seen(store, GRAPHS + "document/b"))

    class Failing(RemoteStore):
        """The store's connection breaks after the first graph was sent."""
        puts = 0

        def put(self, *args, **kwargs):
            Failing.puts += 1
            if Failing.puts > 1:
                raise ConnectionResetError("the connection broke")
            return super().put(*args, **kwargs)

    failing = Failing(config.store_url, update=config.store_update_url, gsp=config.store_gsp_url,
                      user=config.store_user, password=config.store_password)
    with pytest.raises(ConnectionResetError):
        publish(failing, version(GRAPHS + "document/a", "new", 10) + version(GRAPHS + "document/b", "new", 10), GRAPHS)
    store.refresh()
    assert (store.build().stamp, seen(store, GRAPHS + "document/a"), seen(store, GRAPHS + "document/b")) == before
    staging = f'SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{STAGING}")) }}'
    assert list(store.query(staging, default_graphs=[])) == []


def test_rebuilds_replace_documents_and_drop_the_removed_ones(fresh, tmp_path):
    config, env = fresh
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "data" / "documents", docs)
    assert kg("build", "--documents", str(docs), env=env).returncode == 0
    store = RemoteStore.for_config(config)
    all_graphs = store.named_graphs()
    removed = sorted(docs.glob("*.txt"))[-1]
    removed.unlink()
    done = kg("build", "--documents", str(docs), env=env)
    assert done.returncode == 0, done.stderr
    store.refresh()
    gone = GRAPHS + "document/" + removed.stem
    assert gone in all_graphs and store.named_graphs() == [g for g in all_graphs if g != gone]
    embedded = Config.from_env(store_dir=tmp_path / "embedded")
    build(embedded, documents_dir=docs)
    assert store.triple_count() == EmbeddedStore.open(embedded.store_dir).triple_count()


def test_a_refused_build_writes_nothing(fresh, tmp_path):
    config, env = fresh
    assert kg("build", env=env).returncode == 0
    store = RemoteStore.for_config(config)
    stamp, count = store.build().stamp, store.triple_count()
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "data" / "documents", docs)
    (docs / "broken.txt").write_text("---\ntitle: Broken\ndate: 2024-13-45\nlanguage: en\n---\nText.\n")
    done = kg("build", "--documents", str(docs), env=env)
    assert done.returncode == 1 and "broken.txt" in done.stderr
    store.refresh()
    assert (store.build().stamp, store.triple_count()) == (stamp, count)


def test_a_wrong_store_address_is_named_and_changes_nothing(fresh, tmp_path):
    config, env = fresh
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "data" / "documents", docs)
    sorted(docs.glob("*.txt"))[0].unlink()
    assert kg("build", "--documents", str(docs), env=env).returncode == 0
    store = RemoteStore.for_config(config)
    stamp = store.build().stamp
    # The whole set: one graph to send, to an endpoint that is not there.
    done = kg("build", env={**env, "KG_STORE_GSP_URL": env["KG_STORE_URL"].rsplit("/", 1)[0] + "/no-such-endpoint"})
    assert done.returncode == 1 and "no-such-endpoint" in done.stderr and "Traceback" not in done.stderr
    store.refresh()
    assert store.build().stamp == stamp


def test_front_ends_serve_the_store_and_follow_a_rebuild(fresh, tmp_path):
    """Two `kg serve --store-url` front ends (real gunicorn) on one store, as behind a reverse proxy."""
    config, env = fresh
    assert kg("build", env=env).returncode == 0
    others = {k: v for k, v in env.items() if k != "KG_STORE_URL"}
    serve = ["--store-url", env["KG_STORE_URL"]]
    with running_server(tmp_path / "unused", env=others, workers=1, args=serve) as one, \
            running_server(tmp_path / "unused", env=others, workers=1, args=serve) as two:
        first = {requests.get(u + "/health", timeout=10).json()["store"] for u in (one, two)}
        assert len(first) == 1 and first.pop().startswith(env["KG_STORE_URL"] + "#")
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/dipkg/ontology#Meeting> }"
        answers = {requests.get(u + "/sparql", params={"query": count}, timeout=30).json()["results"]["bindings"][0]
                   ["n"]["value"] for u in (one, two)}
        assert len(answers) == 1 and int(answers.pop()) > 0
        assert kg("build", env=env).returncode == 0
        stamp = RemoteStore.for_config(config).build().stamp
        deadline = time.monotonic() + 10
        while {requests.get(u + "/health", timeout=10).json()["store"].rsplit("#")[1] for u in (one, two)} != {stamp}:
            assert time.monotonic() < deadline, "a front end still serves the previous build"
            time.sleep(0.5)
