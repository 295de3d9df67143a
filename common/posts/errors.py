"""Why a request about a post is refused (the HTTP status: `common/api/errors.py`)."""

from common.errors import DomainError


class PostNotFound(DomainError):
    message = "No post with this id."
