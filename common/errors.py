"""The base of every error a feature raises on purpose.

Features speak of what went wrong (a name is taken, a post does not exist), never of HTTP:
`common.api.errors` holds the one table that gives each of these its status and stable code.
"""


class DomainError(Exception):
    """A refusal a client can act on; `message` is what the client is told."""

    message = "The request was refused."

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)
