"""`kg evaluate`: the extractor without the curated layer, scored per class against gold facts — the
real set's named gold (`--documents DIR --gold DIR`, the schema of ../shared/corpus-real) and the
internal sets in the curation schema (seeds, data/gold, data/heldout)."""
from __future__ import annotations

import subprocess
import time

import pytest
from conftest import KG

from kg.build import documents
from kg.build.facts import Actor, Commitment, DocumentFacts, Evidence, Gazetteer, Meeting
from kg.config import Config
from kg.dates import PartialDate
from kg.extract import Extraction
from kg.extract.evaluate import (
    REAL,
    REAL_HELD_OUT,
    TARGETS,
    ActorNames,
    evaluate,
    held_out_documents,
    load_named_gold,
    name_keys,
    names_meet,
    score_document,
    score_named,
    shows_details,
    split_of,
)


@pytest.fixture(scope="module")
def result():
    return evaluate(Config())


@pytest.mark.parametrize("cls", sorted(TARGETS))
def test_the_extractor_meets_the_targets_on_the_internal_sets(result, cls):
    assert result["all"][cls].f1 >= TARGETS[cls], (cls, result["all"][cls])


def test_every_internal_set_is_scored(result):
    assert result["seeds"]["meetings"].gold >= 20 and result["corpus-extra"]["meetings"].gold >= 10
    assert result["corpus-extra"]["agreements"].gold > 0 and result["corpus-extra"]["commitments"].gold > 0
    assert all(result["heldout"][c].gold >= 15 for c in ("meetings", "agreements", "commitments"))


@pytest.mark.parametrize("cls", ["meetings", "agreements", "commitments", "actors"])
def test_all_is_the_sum_of_the_three_internal_sets(result, cls):
    sets = ["seeds", "corpus-extra", "heldout"]
    assert [n for n in result if n != "all"] == sets
    for k in ("gold", "predicted", "correct", "found"):
        assert getattr(result["all"][cls], k) == sum(getattr(result[n][cls], k) for n in sets)


def ev(start, end, confidence=None):
    return [Evidence("d", "x" * (end - start), start, end, method="extracted", confidence=confidence)]


def test_a_prediction_counts_once_for_recall_but_is_right_if_it_states_any_gold_fact():
    gold = DocumentFacts("d", meetings=[Meeting(f"s{i}", {"en": f"session {i}"}, participants=["peru"], evidence=ev(0, 100))
                                        for i in range(5)])
    pred = DocumentFacts("d", meetings=[Meeting("m", {"en": "sessions"}, participants=["peru"], evidence=ev(10, 60))])
    s = score_document(pred, gold)["meetings"]
    assert (s.precision, s.recall) == (1.0, 0.2)


def test_overlap_without_a_shared_actor_or_name_is_not_a_match():
    gold = DocumentFacts("d", meetings=[Meeting("g", {"en": "Summit"}, participants=["peru"], evidence=ev(0, 50))],
                         commitments=[Commitment("c", {"en": "x"}, ["peru"], evidence=ev(0, 50))])
    pred = DocumentFacts("d", meetings=[Meeting("p", {"en": "Call"}, participants=["chile"], date=PartialDate(2024), evidence=ev(0, 50))],
                         commitments=[Commitment("q", {"en": "y"}, ["chile"], evidence=ev(60, 90))])
    scores = score_document(pred, gold)
    assert scores["meetings"].f1 == 0 and scores["commitments"].f1 == 0
    assert scores["actors"].precision == 0


# ------------------------------------------------------------------ named gold (the real set's schema)

@pytest.mark.parametrize("a, b, person", [
    ("Raúl Silvero", "raul silvero", True),                    # accents and case
    ("Julio Prado", "Julio José Prado", True),                 # a middle name left out
    ("Castiglioni", "Luis Alberto Castiglioni", True),         # the surname alone
    ("Michael R. Pompeo", "Mike Pompeo", True),                # same surname and first initial
    ("Alejandro Giammettei", "Alejandro Giammattei", True),    # a surname the text misspells
    ("Kevin Withaker", "Kevin Whitaker", True),
    ("APEC", "Asia-Pacific Economic Cooperation (APEC)", False),
    ("the United States", "United States", False),
])
def test_names_that_are_one_actor_meet(a, b, person):
    assert names_meet(name_keys(a), name_keys(b), person)


@pytest.mark.parametrize("a, b, person", [
    ("Marc Ostfield", "Mark Wells", True),
    ("Raúl Cano", "Raúl Silvero", True),
    ("Luis García", "Luis Garcés", True),                      # close surnames that are not one misspelt
    ("Ana Pérez", "Ana López", True),
    ("Kevin Whitaker", "Laura Whitaker", True),                # another first name
    ("Department of State", "Department of Homeland Security", False),
    ("Peru", "Paraguay", False),
])
def test_names_of_different_actors_do_not_meet(a, b, person):
    assert not names_meet(name_keys(a), name_keys(b), person)


TEXT = "Secretary Blinken met Peruvian Foreign Minister Ana Cecilia Gervasi in Lima today. She also spoke with Chile."


@pytest.fixture()
def gold_pair(tmp_path):
    (tmp_path / "d.txt").write_text(f"---\ntitle: d\ndate: 2023-05-02\nlanguage: en\n---\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("""meetings:
  - participants: [Antony Blinken, Ana Cecilia Gervasi]
    date: 2023-05-02
    place: Lima
    kind: in-person
    evidence: "Secretary Blinken met Peruvian Foreign Minister Ana Cecilia Gervasi in Lima today"
agreements: []
commitments: []
actors:
  - {name: Antony Blinken, type: person, role: "U.S. Secretary of State"}
  - {name: Ana Cecilia Gervasi, type: person, role: "Minister of Foreign Affairs of Peru"}
  - {name: Peru, type: country, role: null}
""", encoding="utf-8")
    doc = documents.load(tmp_path / "d.txt")
    return doc, load_named_gold(tmp_path / "d.yaml", doc)


def _gaz() -> Gazetteer:
    return Gazetteer(actors={"antony-blinken": Actor("antony-blinken", "Person", {"en": "Antony Blinken"}, {"en": ["Tony Blinken"]}),
                             "peru": Actor("peru", "Country", {"en": "Peru", "es": "Perú"})})


def _meeting(doc, date, participants, quote="Secretary Blinken met", confidence=0.8):
    start = doc.text.index(quote)
    return Meeting("m", {"en": "m"}, "in-person", "held", date, None, participants,
                   evidence=ev(start, start + len(quote), confidence))


def test_a_named_gold_meeting_is_found_by_overlap_and_a_shared_name_with_its_date(gold_pair):
    doc, gold = gold_pair
    minted = Actor("ana-cecilia-gervasi", "Person", {"en": "Ana Cecilia Gervasi"})
    ex = Extraction(DocumentFacts("d", meetings=[_meeting(doc, PartialDate(2023, 5, 2), ["antony-blinken", "ana-cecilia-gervasi"])]),
                    [minted])
    r = score_named(ex, gold, ActorNames(_gaz()))
    assert (r.scores["meetings"].found, r.scores["meetings"].correct) == (1, 1)
    assert (r.dated, r.dated_right) == (1, 1)
    assert r.scores["actors"].found == 2 and r.scores["actors"].gold == 3 and r.typed == 2


def test_a_meeting_with_another_date_or_none_is_found_but_not_dated(gold_pair):
    doc, gold = gold_pair
    for date in (None, PartialDate(2023, 5), PartialDate(2023, 5, 1)):
        r = score_named(Extraction(DocumentFacts("d", meetings=[_meeting(doc, date, ["antony-blinken"])])), gold, ActorNames(_gaz()))
        assert r.scores["meetings"].found == 1 and r.dated_right == 0, date


def test_a_prediction_elsewhere_in_the_text_or_of_other_actors_states_nothing(gold_pair):
    doc, gold = gold_pair
    elsewhere = _meeting(doc, None, ["antony-blinken"], quote="She also spoke with Chile")
    others = _meeting(doc, None, ["peru"])
    r = score_named(Extraction(DocumentFacts("d", meetings=[elsewhere, others])), gold, ActorNames(_gaz()))
    assert r.scores["meetings"].correct == 0 and r.scores["meetings"].predicted == 2


def test_facts_below_the_minimum_confidence_are_not_counted(gold_pair):
    doc, gold = gold_pair
    ex = Extraction(DocumentFacts("d", meetings=[_meeting(doc, None, ["antony-blinken"], confidence=0.5)]))
    assert score_named(ex, gold, ActorNames(_gaz()), 0.4).scores["meetings"].found == 1
    assert score_named(ex, gold, ActorNames(_gaz()), 0.6).scores["meetings"].predicted == 0


def test_the_real_set_splits_alternately_in_file_name_order():
    names = ["b", "d", "a", "c", "e"]
    assert split_of(names, "dev") == ["a", "c", "e"] and split_of(names, "test") == ["b", "d"]
    assert sorted(split_of(names, "dev") + split_of(names, "test")) == split_of(names, "all")


def test_data_real_splits_like_corpus_real_and_its_test_half_is_never_detailed():
    stems = sorted(p.stem for p in (REAL_HELD_OUT / "gold").glob("*.yaml"))
    assert split_of(stems, "dev")[:2] == [stems[0], stems[2]] and split_of(stems, "test")[:1] == [stems[1]]
    assert shows_details(REAL_HELD_OUT / "gold", "dev")
    assert not shows_details(REAL_HELD_OUT / "gold", "test") and not shows_details(REAL_HELD_OUT / "gold", "all")
    assert shows_details(REAL / "gold", "test") and shows_details(REAL / "gold", "all")


@pytest.mark.parametrize("split, detailed", [("dev", True), ("test", False), ("all", False)])
def test_kg_evaluate_lists_errors_of_data_real_for_its_dev_half_only(split, detailed):
    out = subprocess.run([KG, "evaluate", "--documents", str(REAL_HELD_OUT / "documents"), "--gold", str(REAL_HELD_OUT / "gold"),
                          "--split", split, "--verbose"], capture_output=True, text=True, timeout=45)
    assert out.returncode == 0, out.stderr
    assert ("gold not found" in out.stdout and "per document" in out.stdout) == detailed
    assert out.stdout.splitlines()[-1].startswith("targets:")


def test_the_internal_sets_never_show_errors_of_data_reals_test_half():
    """The internal sets hold some of data/real's texts under their curated gold: their errors there
    would tell what the held-out half's errors are."""
    out = subprocess.run([KG, "evaluate", "--verbose"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    internal = out.stdout[out.stdout.find("Internal sets"):]
    hidden = held_out_documents()
    assert hidden and "gold not found" in internal
    shown = [line.strip().split(":", 1)[0] for line in internal.splitlines() if line.startswith("  ")]
    assert shown and not hidden & set(shown)


needs_real = pytest.mark.skipif(not (REAL / "gold").is_dir(), reason="../shared/corpus-real is not there")


@needs_real
def test_kg_evaluate_on_a_folder_pair_ends_with_the_per_class_table():
    started = time.monotonic()
    out = subprocess.run([KG, "evaluate", "--documents", str(REAL / "documents"), "--gold", str(REAL / "gold")],
                         capture_output=True, text=True, timeout=45)
    assert out.returncode == 0, out.stderr
    assert time.monotonic() - started < 45
    last = out.stdout.splitlines()[-8:]
    assert "26 documents" in last[0] and last[1].split()[-4:] == ["precision", "recall", "F1", "target"]
    assert [line.split()[0] for line in last[2:7]] == ["meetings", "agreements", "commitments", "actors", "dated"]
    assert last[7].startswith("targets:")
    assert "per document" in out.stdout and "07_pompeo-visita-paraguay-anuncio" in out.stdout


def test_plain_kg_evaluate_reports_the_real_set_first_then_the_internal_sets():
    out = subprocess.run([KG, "evaluate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    real_at = text.find("corpus-real")
    held_out_at = text.find("data/real (held out")
    assert 0 <= real_at < held_out_at < text.find("Internal sets")
    held_out = text[held_out_at:text.find("Internal sets")]
    assert "per document" not in held_out and "gold not found" not in held_out    # its summary alone
    rows = [line.split() for line in text.splitlines() if line.startswith("all ")]
    assert [r[1] for r in rows] == ["meetings", "agreements", "commitments", "actors"]
    assert all(0 <= float(x) <= 1 for r in rows for x in r[4:7])
