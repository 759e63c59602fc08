"""Running SPARQL under the endpoint's limits: checks, killable query processes, results, saved queries."""
