"""Delivery of events: the envelope and contract (`envelope`, `contract`, `payload`), the
outbox, relay, inbox, dead letters, catch-up and bus client that carry events reliably over
Celery and Redis, and the names they share (`delivery`).

Only the split build runs delivery today; the monolith's features call each other
in-process. The payloads themselves live with the feature that owns each fact.
"""
