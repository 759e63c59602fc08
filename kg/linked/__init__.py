"""Linked Data: entity descriptions and pages, the ontology's documentation, VoID, dumps."""
