"""The event contract (common/events/): what a consumer accepts and refuses."""

import copy

import jsonschema
import pytest

from common.comments.events import CommentCreated, CommentUpdated
from common.events import contract
from common.events.envelope import ContractError, Envelope
from common.moderation.events import CommentModerated
from common.posts.events import PostCreated
from common.users.events import UserRegistered
from tests.support.sample_events import COMMENT, POST, post_created


def test_an_event_round_trips_through_its_wire_form():
    event = post_created()
    parsed = Envelope.from_dict(event)
    assert parsed.to_dict() == event
    assert event["producer"] == "posts"
    assert event["aggregate"] == {"type": "post", "id": 7, "version": 1}


def test_every_type_names_its_consumers():
    assert contract.subscriptions("query") == (
        "UserRegistered",
        "PostCreated",
        "CommentCreated",
        "CommentUpdated",
    )
    assert contract.subscriptions("comments") == ("PostCreated", "CommentModerated")
    assert contract.subscriptions("moderation") == ("CommentCreated",)
    assert contract.subscriptions("posts") == ()


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(type="PostDeleted"),
        lambda e: e.update(version=2),
        lambda e: e.update(id="not-a-uuid"),
        lambda e: e.pop("aggregate"),
        lambda e: e["data"].pop("title"),
        lambda e: e["data"].update(post_id="7"),
        lambda e: e["data"].update(post_id=True),
        lambda e: e["data"].update(author="a"),
    ],
)
def test_events_that_break_the_contract_are_refused(change):
    event = copy.deepcopy(post_created())
    change(event)
    with pytest.raises(ContractError):
        Envelope.from_dict(event)


def test_a_verdict_may_have_no_reason_but_not_a_numeric_one():
    verdict = Envelope.of(
        CommentModerated(comment_id=1, post_id=2, status="approved", reason=None), version=1
    ).to_dict()
    Envelope.from_dict(verdict)
    verdict["data"]["reason"] = 5
    with pytest.raises(ContractError):
        Envelope.from_dict(verdict)


def test_each_event_gets_its_own_id():
    assert Envelope.of(PostCreated.of(POST)).id != Envelope.of(PostCreated.of(POST)).id


@pytest.mark.parametrize("payload", [CommentCreated, CommentUpdated, CommentModerated])
def test_a_status_that_is_not_a_comment_status_breaks_the_contract(payload):
    event = Envelope.of(_example(payload)).to_dict()
    Envelope.from_dict(event)
    event["data"]["status"] = "maybe"
    with pytest.raises(ContractError):
        Envelope.from_dict(event)


@pytest.mark.parametrize("payload", list(contract.ROUTES))
def test_the_published_json_schema_accepts_what_the_payload_writes(payload):
    schema = contract.envelope_schema(payload)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(Envelope.of(_example(payload)).to_dict(), schema)


def test_the_published_json_schema_refuses_what_the_payload_refuses():
    event = post_created()
    event["data"]["author"] = {"username": "nobody"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(event, contract.envelope_schema(PostCreated))


TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def test_a_traceparent_travels_with_the_event_and_the_schema_declares_it():
    event = {**post_created(), "traceparent": TRACEPARENT}
    assert Envelope.from_dict(event).to_dict() == event
    jsonschema.validate(event, contract.envelope_schema(PostCreated))
    assert "traceparent" not in post_created(), "without traces the envelope has none"


@pytest.mark.parametrize("malformed", ["", "nonsense", 7, TRACEPARENT.upper(), None])
def test_a_malformed_traceparent_is_ignored_never_refused(malformed):
    event = {**post_created(), "traceparent": malformed}
    assert Envelope.from_dict(event).traceparent is None


def test_every_service_that_consumes_something_is_one_the_bus_can_route_to():
    services = {s for consumers in contract.ROUTES.values() for s in consumers}
    assert services == {"comments", "moderation", "query"}
    assert all(contract.consumers(p.TYPE) == c for p, c in contract.ROUTES.items())


def _example(payload):
    return {
        CommentCreated: CommentCreated.of(COMMENT),
        CommentUpdated: CommentUpdated.of(COMMENT),
        CommentModerated: CommentModerated(
            comment_id=5, post_id=7, status="rejected", reason="blocked_word:orange"
        ),
        PostCreated: PostCreated.of(POST),
        UserRegistered: UserRegistered(user_id=1, username="a", registered_at=POST.created_at),
    }[payload]
