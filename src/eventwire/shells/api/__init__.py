"""The HTTP shell: `eventwire serve` runs one FastAPI app with the JSON API under /api (its
OpenAPI schema at /openapi.json, interactive docs at /docs) and the HTML pages beside it.
Views parse the request, call the corpus query layer (store/corpus.py) or the analyzer, and
render; no logic lives only here."""
