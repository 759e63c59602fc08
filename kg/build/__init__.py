"""The build: documents, gazetteer and curated annotations become facts, then RDF, validated and swapped in."""
