"""Automatic extraction of meetings, commitments and agreements from documents: the Extractor
(kg.extract.extractor) and one module per kind of fact (meetings, commitments, agreements,
actors with titles and names, dates, places); discourse keeps what a sentence leaves to the ones
before, reconcile joins one event across documents; `kg evaluate` (kg.extract.evaluate) scores
the extractor against gold facts."""
from .extractor import VERSION, Extraction, Extractor

__all__ = ["VERSION", "Extraction", "Extractor"]
