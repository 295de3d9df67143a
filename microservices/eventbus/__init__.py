"""The event bus service: stores every event in one global order, routes each to the queue of
every service that consumes it, and serves the store for replay (GET /events)."""
