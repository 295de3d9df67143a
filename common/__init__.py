"""Code that is the same in both builds; nothing here knows which build runs it.

- `users/`, `posts/`, `comments/`, `moderation/`, `feed/`: one package per feature, with what
  both builds share of it: its domain objects, inputs, representation, event payloads,
  errors and views. Each build keeps only storage and wiring (`monolith/`, `microservices/`).
- `api/`: the HTTP layer (error codes and shape, body parsing, view wiring, health, schema).
- `auth/`: the token format and the middleware that verifies it.
- `events/`: delivery of events (envelope and contract, outbox, relay, inbox, catch-up, bus
  client, the Celery app). Only the split build runs it today; it lives here so that the
  monolith can publish its facts through the same outbox.
"""
