"""The HTTP layer both builds share: the error codes and their shape, body parsing and its
limits, how views are wired (`wiring`), health checks, and the URL conf the schema is built
from. What each path takes and returns is its feature's (`common/<feature>/api.py`)."""
