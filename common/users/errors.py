"""Why the users feature refuses a request (their HTTP statuses: `common/api/errors.py`)."""

import math

from common.errors import DomainError, Unavailable


class UsernameTaken(DomainError):
    message = "This username is taken."


class InvalidCredentials(DomainError):
    message = "Wrong username or password."


class UnknownAuthor(DomainError):
    """A token stays valid for its lifetime even if its user is gone (a database reset)."""

    message = "The token names a user that does not exist."


class TooManyAttempts(DomainError):
    """Past a sign-in or sign-up rate (common/users/attempts.py)."""

    message = "Too many attempts; wait before trying again."

    def __init__(self, seconds_left: float = 60):
        super().__init__()
        self.retry_after = max(1, math.ceil(seconds_left))


class HashingBusy(Unavailable):
    """As many passwords are being hashed in this process as it allows (common/users/hashing.py)."""

    message = "Too many sign-ins at once; try again in a moment."
    retry_after = 1
