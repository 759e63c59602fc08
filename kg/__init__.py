"""An open knowledge graph of diplomatic relations, served as Linked Data."""

__version__ = "0.1.0"
