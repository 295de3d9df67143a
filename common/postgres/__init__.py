"""PostgreSQL, for Django, with a deadline on every round trip (see `base`)."""
