"""Extraction speed on one core: documents per second of the extractor, next to a peer — spaCy's
blank tokenizer alone over the same texts (the floor any spaCy-based extractor pays).

    .venv/bin/python bench/run.py extract [--rounds N]

Prints both figures and their ratio; no assertion (speed targets live here, not in the tests)."""
from __future__ import annotations

import os
import statistics
import time

from kg.build import documents, gazetteer
from kg.config import Config
from kg.extract import Extractor
from kg.extract.evaluate import GOLD, HELDOUT, REAL
from kg.extract.text import pipeline


def corpus() -> list:
    """The seeds, the internal sets and, where it is there, the real set (../shared/corpus-real)."""
    folders = [Config().documents_dir, GOLD / "documents", HELDOUT / "documents", REAL / "documents"]
    return [d for folder in folders if folder.is_dir() for d in documents.load_folder(folder)]


def rate(fn, docs, rounds: int) -> float:
    runs = []
    for _ in range(rounds):
        t = time.perf_counter()
        for d in docs:
            fn(d)
        runs.append(len(docs) / (time.perf_counter() - t))
    return statistics.median(runs)


def add_arguments(p) -> None:
    p.add_argument("--rounds", type=int, default=7)


def main(args) -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = corpus()
    extractor = Extractor(gazetteer.load(Config().gazetteer_file))
    for d in docs:  # warm up: pipelines and matchers are built once per language
        extractor.extract(d)
        pipeline(d.language).make_doc(d.text)
    words = sum(len(d.text.split()) for d in docs)
    ours = rate(extractor.extract, docs, args.rounds)
    peer = rate(lambda d: pipeline(d.language).make_doc(d.text), docs, args.rounds)
    print(f"{len(docs)} documents, {words / len(docs):.0f} words each on average, one core, median of {args.rounds} rounds")
    print(f"{'extractor (kg.extract)':<36}{ours:>10.1f} documents/s")
    print(f"{'peer: spaCy blank tokenizer only':<36}{peer:>10.1f} documents/s")
    print(f"{'ratio extractor / tokenizer':<36}{ours / peer:>10.3f}")
    return 0
