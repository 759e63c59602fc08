"""Automatic extraction of meetings, commitments and agreements from documents: the Extractor
(kg.extract.extractor) and one module per kind of fact (meetings, commitments, agreements,
actors, dates, places); `kg evaluate` (kg.extract.evaluate) scores it against gold facts."""
from .extractor import VERSION, Extraction, Extractor

__all__ = ["VERSION", "Extraction", "Extractor"]
