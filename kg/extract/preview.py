"""What the build will extract from a document, in a few lines (`kg ingest` prints it)."""
from __future__ import annotations

from functools import lru_cache

from ..build import gazetteer
from ..build.documents import Document
from ..config import Config
from .extractor import Extractor, confidence


@lru_cache(maxsize=4)
def _extractor(gazetteer_file, min_confidence: float) -> Extractor:
    return Extractor(gazetteer.load(gazetteer_file), min_confidence)


def preview(config: Config, doc: Document) -> str:
    """'  meeting 0.85: Meeting of Marco Rubio and Hugo de Zela, 2025-03-12, lima' per fact, then
    '  title: Elmer Schialer, Peruvian Foreign Minister' per person the text gives a title."""
    extraction = _extractor(config.gazetteer_file, config.min_confidence).extract(doc)
    facts = extraction.facts
    lines = []
    for kind, found in (("meeting", facts.meetings), ("agreement", facts.agreements), ("commitment", facts.commitments)):
        for f in found:
            extra = [x for x in (getattr(f, "kind", None) if kind == "meeting" else None,
                                 f.date.iso if getattr(f, "date", None) else None,
                                 getattr(f, "place", None), getattr(f, "status", None), *getattr(f, "topics", [])) if x]
            lines.append(f"  {kind} {confidence(f):.2f}: {next(iter(f.name.values()))}" + (f" ({', '.join(extra)})" if extra else ""))
    if not lines:
        lines.append(f"  no fact at confidence ≥ {config.min_confidence}")
    names = {a.id: next(iter(a.name.values())) for a in extraction.mentioned}
    lines += [f"  title: {names.get(t.actor, t.actor)}, {t.text}" for t in facts.titles]
    return "\n".join(lines)
