"""Request validation of the features' inputs and the strict text field."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.comments.inputs import CommentInput
from common.posts.inputs import PostInput
from common.users.inputs import SignUpInput


def _errors(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    assert not serializer.is_valid()
    return {field: [e.code for e in errors] for field, errors in serializer.errors.items()}


@pytest.mark.parametrize("value", [1, 1.5, True, [], {}])
def test_only_strings_are_text(value):
    assert _errors(PostInput, {"title": value}) == {"title": ["invalid_type"]}


def test_titles_refuse_control_characters_and_comments_keep_newlines():
    assert _errors(PostInput, {"title": "a\nb"}) == {"title": ["control_characters"]}
    comment = CommentInput(data={"content": "a\nb\tc"})
    assert comment.is_valid()
    assert comment.validated_data["content"] == "a\nb\tc"


def test_lone_surrogates_are_refused():
    assert _errors(CommentInput, {"content": "x\ud800"}) == {"content": ["invalid_unicode"]}


def test_usernames_are_lowercased_and_passwords_kept_as_typed():
    serializer = SignUpInput(data={"username": "Alice", "password": "  spaced pass  "})
    assert serializer.is_valid()
    assert serializer.validated_data == {"username": "alice", "password": "  spaced pass  "}


@given(st.text(min_size=1, max_size=200))
def test_a_valid_title_comes_back_trimmed_or_is_refused_for_a_reason(title):
    serializer = PostInput(data={"title": title})
    if serializer.is_valid():
        assert serializer.validated_data["title"] == title.strip()
    else:
        assert serializer.errors["title"][0].code in {
            "blank",
            "control_characters",
            "invalid_unicode",
        }
