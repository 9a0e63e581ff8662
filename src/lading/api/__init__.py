"""The REST API and the web dashboard, served by one FastAPI app (``lading serve``)."""
