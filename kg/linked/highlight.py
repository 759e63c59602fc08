"""Highlighting evidence in a document's text from its TextPositionSelector offsets.

Offsets count Unicode code points into schema:text, which is what Python's str indexes, so a
span is text[start:end]. Quotes may overlap (several facts often cite one sentence): the text is
cut at every span boundary, and each piece knows which evidence covers it and which starts there."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    anchor: str


@dataclass
class Piece:
    text: str
    covering: list[str] = field(default_factory=list)  # anchors of the evidence this piece belongs to
    starting: list[str] = field(default_factory=list)  # anchors of the evidence that begins here


def anchor(annotation_iri: str) -> str:
    """The fragment id of an evidence in its document's page: `{base}id/evidence/{doc}/meeting/x/1`
    becomes `ev-meeting-x-1` (unique within the document, since the number always ends it)."""
    _, sep, rest = annotation_iri.partition("/id/evidence/")
    parts = rest.split("/")[1:] if sep else []
    if len(parts) >= 2 and "#" not in rest:
        return "ev-" + "-".join(parts)
    return "ev-" + hashlib.sha256(annotation_iri.encode()).hexdigest()[:12]


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    spans = [Span(max(0, s.start), min(len(text), s.end), s.anchor) for s in spans]
    spans = [s for s in spans if s.start < s.end]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s.anchor for s in spans if s.start <= a and b <= s.end]
        starting = [s.anchor for s in spans if s.start == a]
        out.append(Piece(text[a:b], covering, starting))
    return out
