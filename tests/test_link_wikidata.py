"""`kg link wikidata` against a local reconciliation service, review, `kg link --accept`, and the build
that publishes what was accepted (and nothing else) with its provenance, counted by VoID."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import rdflib
import yaml
from click.testing import CliRunner
from conftest import BASE
from linked_support import Html
from reconcile_support import Fake, running

from kg.build.pipeline import build
from kg.cli import main
from kg.config import Config
from kg.web.app import create_app

WD = "http://www.wikidata.org/entity/"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SSSOM = rdflib.Namespace("https://w3id.org/sssom/")
LINKSET = rdflib.URIRef(BASE + ".well-known/void#links-wikidata")


def kg(args: list[str], links: Path, cache: Path, store: Path, **env):
    """`kg ARGS` with the links folder, cache and store of a test (nothing of data/ is touched)."""
    return CliRunner().invoke(main, args, env={"KG_LINKS_DIR": str(links), "KG_RECONCILE_CACHE_DIR": str(cache),
                                               "KG_STORE_DIR": str(store), **env})


def rows(links: Path) -> list[dict]:
    lines = [line for line in (links / "wikidata-review.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def mark(links: Path, entity: str, candidate: str, value: str = "yes", replace_candidate: str | None = None):
    """Edit the review file as a person would: write `value` in the accept column of one row."""
    path = links / "wikidata-review.tsv"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 3 and cells[1] == entity and cells[3] == candidate:
            cells[0] = value
            if replace_candidate:
                cells[3] = replace_candidate
        out.append("\t".join(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def service():
    fake = Fake()
    with running(fake) as url:
        yield fake, url


@pytest.fixture(scope="module")
def proposed(built, service, tmp_path_factory):
    """One `kg link wikidata` run against the test service, over the built seed store."""
    fake, url = service
    root = tmp_path_factory.mktemp("link")
    links, cache = root / "links", root / "cache"
    result = kg(["link", "wikidata", "--service", url], links, cache, built.store_dir)
    assert result.exit_code == 0, result.output
    return {"links": links, "cache": cache, "url": url, "output": result.output, "requests": list(fake.requests)}


@pytest.fixture
def workspace(proposed, tmp_path):
    """A copy of the proposal's links folder and cache, for a test that accepts or edits."""
    links = shutil.copytree(proposed["links"], tmp_path / "links")
    cache = shutil.copytree(proposed["cache"], tmp_path / "cache")
    return links, cache, tmp_path / "store"


def by_entity(review: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in review:
        out.setdefault(r["entity"], []).append(r)
    return out


def test_it_proposes_candidates_with_scores_one_line_each_and_accepts_nothing(proposed):
    review = by_entity(rows(proposed["links"]))
    kurt = review["actor/kurt-campbell"]
    # The diplomat first: his namesake, a Canadian, contradicts the country sent as a property.
    assert [r["candidate"] for r in kurt] == ["Q900001", "Q900002"]
    assert float(kurt[0]["score"]) > float(kurt[1]["score"])
    assert kurt[0]["service"] == proposed["url"] and kurt[0]["proposed"]
    # A city is asked as a city: the region of the same name is not proposed.
    assert [r["candidate"] for r in review["place/arequipa"]] == ["Q900004"]
    assert review["agreement/artemis-accords"][0]["candidate"] == "Q900006"
    assert review["meeting/ninth-summit-of-the-americas"][0]["candidate"] == "Q900008"
    # Entities that have an item are not asked about; bilateral meetings are not named events.
    assert "actor/antony-blinken" not in review and "actor/peru" not in review
    assert not any(e.startswith("meeting/rubio-jeri-call") for e in review)
    assert all(r["accept"] == "" for r in rows(proposed["links"]))
    assert not (proposed["links"] / "wikidata.yaml").exists()
    assert "Mark the right ones yes" in proposed["output"]


def test_it_asks_in_batches_with_names_and_aliases_in_both_languages_type_and_properties(proposed):
    requests = proposed["requests"]
    assert requests and all(r["method"] == "POST" and 1 <= len(r["queries"]) <= 10 for r in requests)
    asked = [q for r in requests for q in r["queries"].values()]
    kurt = [q for q in asked if "Campbell" in q["query"]]
    texts = {q["query"] for q in kurt}
    assert {"Kurt Campbell", "Kurt M. Campbell", "Secretario de Estado Adjunto Kurt Campbell"} <= texts
    assert "Campbell" not in texts  # a surname alone names too many people
    assert all(q["type"] == "Q5" for q in kurt)
    props = kurt[0]["properties"]
    assert {"pid": "P27", "v": {"id": "Q30"}} in props  # his country, as the item it is linked to
    assert any(p["pid"] == "P39" for p in props)       # the office he held
    assert {q["type"] for q in asked if q["query"] == "Artemis Accords"} == {"Q321839"}


def test_a_second_run_works_offline_from_the_cache(built, service, workspace):
    fake, url = service
    links, cache, _ = workspace
    mark(links, "actor/kurt-campbell", "Q900002", "no")
    before = len(fake.requests)
    fake.failure = "error"  # any request would now fail
    try:
        result = kg(["link", "wikidata", "--service", url], links, cache, built.store_dir)
    finally:
        fake.failure = None
    assert result.exit_code == 0, result.output
    assert len(fake.requests) == before and "(0 request(s)" in result.output
    review = by_entity(rows(links))
    assert {r["candidate"]: r["accept"] for r in review["actor/kurt-campbell"]} == {"Q900001": "", "Q900002": "no"}


def void_count(config: Config) -> int:
    client = create_app(config).test_client()
    g = rdflib.Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data,
                             format="turtle")
    return int(g.value(LINKSET, VOID.triples))


def test_accepted_links_are_published_with_their_provenance_and_counted_by_void(built, proposed, workspace):
    links, cache, store = workspace
    mark(links, "actor/kurt-campbell", "Q900001")
    result = kg(["link", "--accept"], links, cache, built.store_dir)
    assert result.exit_code == 0, result.output
    assert "accepted: actor/kurt-campbell = Q900001" in result.output
    entry, = yaml.safe_load((links / "wikidata.yaml").read_text(encoding="utf-8"))["links"]
    assert entry["entity"] == "actor/kurt-campbell" and entry["wikidata"] == "Q900001"
    assert entry["service"] == proposed["url"] and entry["accepted_by"] == "review" and entry["score"] == 100
    assert entry["proposed"] and entry["accepted"] and entry["query"]
    review = by_entity(rows(links))
    assert "actor/kurt-campbell" not in review and "actor/wendy-sherman" in review

    config = Config.from_env(store_dir=store, links_dir=links)
    build(config)
    assert void_count(config) == void_count(built) + 1
    client = create_app(config).test_client()
    page = Html(client.get("/page/id/actor/kurt-campbell").get_data(as_text=True))
    external = page.text["external"]
    assert "Wikidata Q900001" in external and proposed["url"] in external and "accepted (review)" in external
    turtle = client.get("/data/id/actor/kurt-campbell.ttl").data
    g = rdflib.Graph().parse(data=turtle, format="turtle")
    kurt = rdflib.URIRef(BASE + "id/actor/kurt-campbell")
    assert (kurt, rdflib.OWL.sameAs, rdflib.URIRef(WD + "Q900001")) in g
    axiom = g.value(predicate=rdflib.OWL.annotatedSource, object=kurt)
    assert str(g.value(axiom, SSSOM.mapping_tool)) == proposed["url"]
    assert float(g.value(axiom, SSSOM.confidence)) == 1.0
    # Wendy Sherman's candidate was a perfect, "match" candidate, but nobody accepted it.
    wendy = client.get("/data/id/actor/wendy-sherman.ttl").get_data(as_text=True)
    assert "Q900003" not in wendy and "sameAs" not in wendy


def test_a_threshold_the_user_sets_accepts_only_single_candidates_above_it(built, workspace):
    links, cache, _ = workspace
    mark(links, "actor/wendy-sherman", "Q900003", "no")
    result = kg(["link", "--accept", "--threshold", "99"], links, cache, built.store_dir)
    assert result.exit_code == 0, result.output
    accepted = {e["entity"]: e for e in yaml.safe_load((links / "wikidata.yaml").read_text())["links"]}
    assert accepted["actor/kurt-campbell"]["wikidata"] == "Q900001"
    assert accepted["place/arequipa"]["accepted_by"] == "threshold 99"
    assert "actor/wendy-sherman" not in accepted  # a person said no
    assert all(e["score"] >= 99 for e in accepted.values())
    assert "actor/wendy-sherman" in by_entity(rows(links))


def test_a_candidate_the_service_did_not_propose_is_refused(built, workspace):
    links, cache, _ = workspace
    mark(links, "actor/kurt-campbell", "Q900001", replace_candidate="Q900003")  # edited by hand
    result = kg(["link", "--accept"], links, cache, built.store_dir)
    assert result.exit_code == 1
    assert "did not propose Q900003" in result.output
    assert not (links / "wikidata.yaml").exists()


def test_two_candidates_marked_for_one_entity_are_refused(built, workspace):
    links, cache, _ = workspace
    mark(links, "actor/kurt-campbell", "Q900001")
    mark(links, "actor/kurt-campbell", "Q900002")
    result = kg(["link", "--accept"], links, cache, built.store_dir)
    assert result.exit_code == 1 and "keep one" in result.output
    assert not (links / "wikidata.yaml").exists()


@pytest.mark.parametrize("failure, message", [("error", "answered 500"), ("garbage", "not JSON"),
                                              ("foreign", "not Wikidata")])
def test_a_failing_service_is_named_and_nothing_is_written(built, service, tmp_path, failure, message):
    fake, url = service
    fake.failure = failure
    try:
        result = kg(["link", "wikidata", "--service", url], tmp_path / "links", tmp_path / "cache", built.store_dir)
    finally:
        fake.failure = None
    assert result.exit_code == 1
    assert f"reconciliation service {url}" in result.output and message in result.output
    assert not (tmp_path / "links" / "wikidata-review.tsv").exists()


def test_a_slow_service_times_out_at_the_configured_limit(built, service, tmp_path):
    fake, url = service
    fake.failure, fake.delay = "slow", 3.0
    started = time.monotonic()
    try:
        result = kg(["link", "wikidata", "--service", url], tmp_path / "links", tmp_path / "cache", built.store_dir,
                    KG_RECONCILE_TIMEOUT="0.5")
    finally:
        fake.failure = None
    assert result.exit_code == 1 and "did not answer within 0.5 s" in result.output
    assert time.monotonic() - started < 2.5


def test_an_unreachable_service_is_named(built, tmp_path):
    from conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/api"
    result = kg(["link", "wikidata", "--service", url], tmp_path / "links", tmp_path / "cache", built.store_dir)
    assert result.exit_code == 1 and "cannot be reached" in result.output
