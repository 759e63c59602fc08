"""`kg build`: a validated store of every curated fact, with evidence, swapped in atomically."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from conftest import KG
from sparql_support import oracle, select

from kg.build.pipeline import collect
from kg.build.validate import validate
from kg.config import ROOT, Config
from kg.store.embedded import prune, swap_in, write_generation

DOCS = ROOT / "data" / "documents"
ANNOTATIONS = ROOT / "data" / "annotations"


def curated():
    """The annotation files, read directly: what the graph must contain."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(ANNOTATIONS.glob("*.yaml"))}


def quotes_of(entry):
    return entry.get("quotes") or [entry["quote"]]


def kg_build(*args, env=None):
    return subprocess.run([KG, "build", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def store_state(store_dir: Path):
    """What a reader of the store sees: which generation, and its quads."""
    return os.path.realpath(store_dir), sorted(map(str, oracle(store_dir)))


# ---------------------------------------------------------------- the built graph

def test_the_build_is_shacl_clean():
    config = Config()
    _, _, quads = collect(config, DOCS)
    assert validate(quads, config.ontology_dir / "shapes.ttl") == []


def test_shacl_violations_name_the_document_and_fact():
    config = Config()
    _, _, quads = collect(config, DOCS)
    broken = [q for q in quads if q.predicate.value != "https://w3id.org/dipkg/ontology#committedBy"]
    violations = validate(broken, config.ontology_dir / "shapes.ttl")
    assert violations
    assert all("/id/commitment/" in v.focus and v.documents for v in violations)
    assert any("001_35fdf57af7bb5313" in str(v) for v in violations)


def test_one_named_graph_per_document_plus_ontology_and_gazetteer(built, store):
    graphs = {r["g"] for r in select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    base = built.base_iri
    expected = {f"{base}graph/document/{p.stem}" for p in DOCS.glob("*.txt")} | {f"{base}graph/ontology", f"{base}graph/gazetteer"}
    assert graphs == expected


def test_each_document_node_carries_its_file_name_as_identifier(store):
    rows = select(store, "SELECT ?id WHERE { ?d a dip:SourceDocument ; dcterms:identifier ?id }")
    assert sorted(r["id"] for r in rows) == sorted(p.stem for p in DOCS.glob("*.txt"))


@pytest.mark.parametrize("section, cls", [("meetings", "Meeting"), ("commitments", "Commitment"), ("agreements", "Agreement")])
def test_every_curated_fact_is_in_the_graph_with_its_evidence_quote(store, section, cls):
    rows = select(store, f"""
        SELECT ?fact ?quote ?document ?start ?end ?text WHERE {{
          ?fact a dip:{cls} .
          ?ann oa:hasBody ?fact ; oa:hasTarget ?t .
          ?t oa:hasSource ?doc ; oa:hasSelector ?q, ?pos .
          ?q oa:exact ?quote . ?pos oa:start ?start ; oa:end ?end .
          ?doc dcterms:identifier ?document ; schema:text ?text .
        }}""")
    found = {(r["fact"].rsplit("/", 1)[1], r["document"]) for r in rows}
    annotations = curated()
    for doc, data in annotations.items():
        for entry in data.get(section) or []:
            assert (entry["id"], doc) in found, f"{section[:-1]} {entry['id']} of {doc} is missing"
    for r in rows:  # offsets point at the quote in the published text
        assert r["text"][int(r["start"]):int(r["end"])] == r["quote"]
    quotes = {(r["document"], " ".join(r["quote"].split())) for r in rows}
    for doc, data in annotations.items():
        for entry in data.get(section) or []:
            for q in quotes_of(entry):
                assert (doc, " ".join(q.replace("\u00a0", " ").split())) in quotes


def test_facts_carry_provenance_to_their_document(store):
    rows = select(store, """SELECT ?fact WHERE { { ?fact a dip:Meeting } UNION { ?fact a dip:Agreement } UNION { ?fact a dip:Commitment }
                            FILTER NOT EXISTS { ?fact prov:wasDerivedFrom ?d . ?d a dip:SourceDocument } }""")
    assert rows == []


def test_one_agreement_one_node_across_documents(store):
    rows = select(store, """SELECT DISTINCT ?document WHERE {
        ?a a dip:Agreement ; prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?document .
        FILTER(CONTAINS(LCASE(STR(?a)), "trade-promotion")) }""")
    nodes = select(store, """SELECT DISTINCT ?a WHERE { ?a a dip:Agreement . FILTER(CONTAINS(LCASE(STR(?a)), "trade-promotion")) }""")
    assert len(nodes) == 1
    assert {r["document"] for r in rows} == {"000_82964b1a4c72b6da", "001_35fdf57af7bb5313", "004_a59b5df70f3fbcd3"}


def test_the_dialogue_announced_in_one_document_and_reported_in_another_is_one_node(store):
    rows = select(store, """SELECT ?document ?status WHERE {
        GRAPH ?g { ?m a dip:Meeting ; dip:status ?status ; prov:wasDerivedFrom ?doc . }
        ?doc dcterms:identifier ?document .
        ?m schema:startDate "2024-05-09"^^xsd:date ; dip:participant ?peru .
        ?m dcterms:subject ?any .
        FILTER NOT EXISTS { ?m schema:superEvent ?parent }
        FILTER(CONTAINS(STR(?m), "high-level-dialogue")) }""")
    assert {(r["document"], r["status"].rsplit("#", 1)[1]) for r in rows} == {
        ("001_35fdf57af7bb5313", "Scheduled"), ("000_82964b1a4c72b6da", "Held")}


@pytest.mark.parametrize("person, documents", [
    ("antony-blinken", {"001_35fdf57af7bb5313", "004_a59b5df70f3fbcd3"}),
    ("marco-rubio", {"002_3849fbab3ae65f18", "003_f312e11e23bcb29a"}),
])
def test_one_actor_is_one_node_however_many_documents_mention_it(built, store, person, documents):
    rows = select(store, f"""SELECT DISTINCT ?document WHERE {{
        ?m dip:participant <{built.base_iri}id/actor/{person}> ; prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?document }}""")
    assert {r["document"] for r in rows} == documents


def test_relative_dates_are_resolved_against_the_document_date(built, store):
    def dates(doc):
        return {r["d"] for r in select(store, f"""SELECT ?d WHERE {{ GRAPH <{built.base_iri}graph/document/{doc}> {{
                  ?m a dip:Meeting ; schema:startDate ?d }} }}""")}
    assert "2025-12-06" in dates("003_f312e11e23bcb29a")       # "se reunió hoy", document of 2025-12-06
    assert "2024-03-14" in dates("001_35fdf57af7bb5313")       # "met on March 14", document of 2024
    assert dates("002_3849fbab3ae65f18") == set()              # "hoy" in a document with no date
    span = select(store, f"""SELECT ?a ?b WHERE {{ GRAPH <{built.base_iri}graph/document/003_f312e11e23bcb29a> {{
                  ?m dip:earliestDate ?a ; dip:latestDate ?b }} }}""")
    assert {(r["a"], r["b"]) for r in span} == {("2025-12-08", "2025-12-14")}  # "la próxima semana"


def test_roles_have_time_spans(built, store):
    rows = select(store, f"""PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?start ?end WHERE {{ ?m org:member <{built.base_iri}id/actor/antony-blinken> ; schema:startDate ?start .
                                    OPTIONAL {{ ?m schema:endDate ?end }} }}""")
    assert rows and all(r["end"] is None or r["start"] < r["end"] for r in rows)
    assert any(r["start"].startswith("2021") and (r["end"] or "").startswith("2025") for r in rows)


def test_iris_are_stable_across_rebuilds_and_follow_the_base_iri():
    config = Config()
    first = {str(q) for q in collect(config, DOCS)[2]}
    second = {str(q) for q in collect(config, DOCS)[2]}
    assert first == second
    other = {str(q) for q in collect(config.with_(base_iri="https://example.org/kg/"), DOCS)[2]}
    assert any("<https://example.org/kg/id/actor/antony-blinken>" in q for q in other)
    assert not any("w3id.org/dipkg/id/" in q for q in other)


# ---------------------------------------------------------------- subsets and unannotated documents

def test_a_build_of_another_folder_uses_only_its_documents_annotations(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DOCS / "001_35fdf57af7bb5313.txt", folder)
    (folder / "plain.txt").write_text("The Secretary met the Foreign Minister today to discuss trade.", encoding="utf-8")
    result = kg_build("--documents", folder, "--store", tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert "no front matter" in result.stderr  # the warning for plain.txt
    store = oracle(tmp_path / "store")
    docs = {r["id"] for r in select(store, "SELECT ?id WHERE { ?d a dip:SourceDocument ; dcterms:identifier ?id }")}
    assert docs == {"001_35fdf57af7bb5313", "plain"}
    lang = select(store, "SELECT ?l WHERE { ?d dcterms:identifier 'plain' ; dcterms:language ?l }")
    assert [r["l"] for r in lang] == ["en"]
    facts = {r["d"] for r in select(store, "SELECT DISTINCT ?d WHERE { ?f prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?d . ?f a dip:Meeting }")}
    assert facts == {"001_35fdf57af7bb5313"}


# ---------------------------------------------------------------- bad input never half-writes a store

@pytest.fixture
def previous(built_copy, tmp_path):
    """A store that is serving (a copy of the session's build), and a copy of the inputs to break."""
    store = built_copy.store_dir
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    annotations = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS, annotations)
    return store, docs, annotations, store_state(store)


def assert_untouched(store: Path, before, tmp_path: Path):
    """The previous store is served as it was, and no half-written generation is left beside it."""
    assert store_state(store) == before
    assert not list(tmp_path.glob(".store.building-*"))


def _replace(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INPUTS = {
    "malformed front matter": (lambda d, a: (d / "002_3849fbab3ae65f18.txt").write_text("---\ntitle: x\n", encoding="utf-8"),
                               "002_3849fbab3ae65f18.txt", "never closed"),
    "invalid date": (lambda d, a: _replace(d / "000_82964b1a4c72b6da.txt", 'date: "2024-05-10"', 'date: "2024-05-40"'),
                     "000_82964b1a4c72b6da.txt:4", "invalid date"),
    "invalid language": (lambda d, a: _replace(d / "001_35fdf57af7bb5313.txt", "language: en", "language: english"),
                         "001_35fdf57af7bb5313.txt:5", "invalid language"),
    "undecodable bytes": (lambda d, a: (d / "new.txt").write_bytes(b"---\ntitle: x\n---\nPer\xfa\n"), "new.txt:4", "UTF-8"),
    "malformed YAML": (lambda d, a: _replace(d / "003_f312e11e23bcb29a.txt", "title: null", "title: [null"),
                       "003_f312e11e23bcb29a.txt", "malformed YAML"),
    "malformed annotation YAML": (lambda d, a: (a / "002_3849fbab3ae65f18.yaml").write_text("meetings:\n  - id: x\n   bad: [", encoding="utf-8"),
                                  "002_3849fbab3ae65f18.yaml", "malformed YAML"),
    "quote not in the text": (lambda d, a: _replace(a / "001_35fdf57af7bb5313.yaml", "met on March 14 in Washington", "met on March 15 in Washington"),
                              "001_35fdf57af7bb5313.yaml", "quote not found"),
    "unknown actor": (lambda d, a: _replace(a / "003_f312e11e23bcb29a.yaml", "marco-rubio", "marco-rubioo"),
                      "003_f312e11e23bcb29a.yaml", "unknown actor 'marco-rubioo'"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_naming_its_cause_and_the_previous_store_keeps_serving(previous, tmp_path, case):
    store, docs, annotations, before = previous
    breaks, where, what = BAD_INPUTS[case]
    breaks(docs, annotations)
    result = kg_build("--documents", docs, "--store", store, env={"KG_ANNOTATIONS_DIR": str(annotations)})
    assert result.returncode == 1
    assert where in result.stderr and what in result.stderr, result.stderr
    assert "previous store is unchanged" in result.stderr
    assert_untouched(store, before, tmp_path)


def test_a_failure_while_writing_leaves_the_link_untouched(previous, tmp_path):
    store, _, _, before = previous
    config = Config()
    quads = collect(config, DOCS)[2]

    def failing():
        yield from quads[:100]
        raise OSError("disk full")

    with pytest.raises(OSError):
        swap_in(store, write_generation(store, failing()))
    assert_untouched(store, before, tmp_path)


def _building(store: Path) -> bool:
    """A build has started writing its new generation beside the store (files in it)."""
    return any(any(d.iterdir()) for d in store.parent.glob(f".{store.name}.building-*") if d.is_dir())


@pytest.mark.parametrize("stage", ["writing", pytest.param("swapped", marks=pytest.mark.slow)])
def test_an_interrupted_build_leaves_a_complete_store(previous, stage):
    """SIGKILL at a moment the build has reached (its new generation being written, or just swapped
    in), not after a fixed sleep that may come before it wrote anything (issue 12, item 11)."""
    store, _, _, before = previous
    proc = subprocess.Popen([KG, "build", "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reached = _building if stage == "writing" else (lambda s: os.path.realpath(s) != before[0])
    deadline = time.monotonic() + 120
    while not reached(store):
        assert proc.poll() is None, f"the build ended before it reached the {stage} stage"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    generation, quads = store_state(store)
    # Killed before the swap: the old store; after it: the new one, complete. Never a mixture.
    assert (generation == before[0]) == (stage == "writing")
    assert quads == before[1]
    assert os.path.isdir(generation)
    if stage == "writing":
        assert list(store.parent.glob(f".{store.name}.building-*")), "the half-written generation is beside it"
        prune(store)
        assert not list(store.parent.glob(f".{store.name}.building-*")), "and the next build's pruning removes it"


def test_the_default_graph_is_the_union_of_the_named_graphs_each_triple_once(built, store):
    tpa = f"<{built.base_iri}id/agreement/us-peru-trade-promotion-agreement>"
    in_graphs = select(store, f"SELECT ?g ?l WHERE {{ GRAPH ?g {{ {tpa} rdfs:label ?l }} }}")
    in_default = select(store, f"SELECT ?l WHERE {{ {tpa} rdfs:label ?l }}")
    assert len({r["g"] for r in in_graphs}) == 3                         # stated by three documents
    assert sorted(r["l"] for r in in_default) == sorted({r["l"] for r in in_graphs})  # yet each label once
