"""The base of every error a feature raises on purpose.

Features speak of what went wrong (a name is taken, a post does not exist), never of HTTP:
`common.api.errors` holds the one table that gives each of these its status and stable code.
"""


class DomainError(Exception):
    """A refusal a client can act on; `message` is what the client is told."""

    message = "The request was refused."
    #: Seconds after which trying again may succeed, for a refusal that is only for now.
    retry_after: int | None = None

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)


class Unavailable(DomainError):
    """Something the answer depends on does not answer right now; trying again may work."""

    retry_after = 5


class StoreUnavailable(Unavailable):
    """The database is down, restarting or unreachable."""

    message = "A store this service needs is not answering."


class OwnerUnavailable(Unavailable):
    """The answer depends on a service that owns the data and does not answer right now
    (the split build only: a service asks another only where events have not told it yet)."""

    message = "The service that owns this is not answering; try again shortly."
