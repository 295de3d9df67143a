"""The split build: one Django project per service, each with its own database, talking to
the others only through events stored and routed by the event bus service."""
