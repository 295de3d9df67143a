"""Why the users feature refuses a request (their HTTP statuses: `common/api/errors.py`)."""

from common.errors import DomainError


class UsernameTaken(DomainError):
    message = "This username is taken."


class InvalidCredentials(DomainError):
    message = "Wrong username or password."


class UnknownAuthor(DomainError):
    """A token stays valid for its lifetime even if its user is gone (a database reset)."""

    message = "The token names a user that does not exist."
