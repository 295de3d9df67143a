"""Events between the services of the split build: the contract, and the outbox, inbox,
dead letters, catch-up and bus client that carry it reliably over Celery and Redis.

The monolith does not use any of this: its features call each other in-process.
"""
