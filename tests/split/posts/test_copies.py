"""The posts service taking posts over from the monolith (step 5 of docs/migration.md): it
copies the monolith's posts from their `PostCreated`, with their ids, authors and moments."""

import pytest

from common.events.inbox import apply
from microservices.posts.handlers import TAKING_OVER
from microservices.posts.models import Post
from tests.support.sample_events import POST, post_created

pytestmark = pytest.mark.django_db


def test_a_monolith_post_is_copied_once_with_its_id_author_and_moment():
    apply(post_created(), 1, TAKING_OVER)
    apply({**post_created(), "id": "9f1b7a52-2c0e-4c4b-8d4e-3f5a6b7c8d9e"}, 2, TAKING_OVER)
    copy = Post.objects.get()
    assert (copy.pk, copy.title, copy.created_at) == (POST.id, POST.title, POST.created_at)
    assert (copy.author_id, copy.author_username) == (POST.author.id, POST.author.username)
