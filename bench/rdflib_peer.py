"""`rdflib-endpoint` serving an N-Quads file: its default graph as the file's default graph, the
named graphs as named graphs (a Dataset, not a union view), so it answers as our store does.

    python bench/rdflib_peer.py DATASET.nq PORT"""
from __future__ import annotations

import sys

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def main(path: str, port: int) -> None:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
