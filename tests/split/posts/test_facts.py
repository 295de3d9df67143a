"""The posts service tells another service about one post, over real HTTP (its WSGI app in a
thread of this process), and the client that asks it stops asking while it cannot answer
(microservices/posts/api.py and client.py)."""

import socket
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application

from common.auth.tokens import Principal
from common.errors import OwnerUnavailable
from common.posts.events import PostCreated
from microservices.posts import client
from microservices.posts.services import post_create


@pytest.fixture(autouse=True)
def closed_breaker():
    client.breaker.close()
    yield
    client.breaker.close()


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def posts_service():
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_owner_answers_with_the_facts_of_the_post_or_none(posts_service, settings):
    settings.TANDEM_POSTS_URL = posts_service
    post = post_create(author=Principal(user_id=3, username="writer"), title="asked about")
    assert client.post_facts(post.id) == PostCreated.of(post)
    assert client.post_facts(post.id + 1000) is None


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_owner_that_does_not_answer_opens_the_breaker(settings):
    settings.TANDEM_POSTS_URL = f"http://127.0.0.1:{_closed_port()}"
    for _ in range(client.breaker.fail_max):
        with pytest.raises(OwnerUnavailable):
            client.post_facts(7)
    assert client.breaker.current_state == "open"
    started = time.monotonic()
    with pytest.raises(OwnerUnavailable):
        client.post_facts(7)
    assert time.monotonic() - started < 0.05, "an open breaker does not even try"
