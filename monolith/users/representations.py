"""How a user appears inside other objects: id and name, never more."""

from common.api.representations import user_repr
from common.auth.tokens import Principal


def author_repr(author) -> dict:
    if isinstance(author, Principal):
        return user_repr(user_id=author.user_id, username=author.username)
    return user_repr(user_id=author.pk, username=author.username)
