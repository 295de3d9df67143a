"""Fixtures for the monolith's own tests, which look inside it (queries, transactions)."""

import pytest

from common.auth.tokens import Principal
from common.users.models import User


@pytest.fixture
def author(db) -> Principal:
    user = User.objects.create(username="author", password="!")
    return Principal(user_id=user.pk, username=user.username)
