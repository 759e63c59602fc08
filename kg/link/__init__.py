"""Linking both ways with the W3C Entity Reconciliation Service API (the one OpenRefine speaks).

Outward, `kg link wikidata` asks a reconciliation service about our entities that have no Wikidata
item (wikidata.py builds the questions, service.py asks them through an on-disk cache), writes the
candidates to a review file a person edits (review.py), and `kg link --accept` moves the accepted
ones, with their provenance, to data/links/wikidata.yaml, which the build publishes (accept.py).
Inward, /reconcile (kg/web/reconcile.py) lets others reconcile their names against our entities
(entities.py reads them from the store, match.py scores names)."""
