"""The moderation rules of common/moderation/rules.py."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.comments.domain import CommentStatus
from common.moderation.rules import BlockedWords, Moderator, moderator_from_settings


@pytest.mark.parametrize(
    "text", ["orange", "Orange juice", "I like ORANGE.", "(orange)", "x orange y", "ORANGE!"]
)
def test_the_default_rules_reject_the_blocked_word(text):
    decision = moderator_from_settings().decide(text)
    assert decision.status is CommentStatus.REJECTED
    assert decision.reason == "blocked_word:orange"


@pytest.mark.parametrize("text", ["apple", "oranges", "orangery", "or ange", "", "blood-orangex"])
def test_the_default_rules_approve_other_text(text):
    assert moderator_from_settings().decide(text).status is CommentStatus.APPROVED


def test_the_blocked_words_are_configurable():
    moderator = moderator_from_settings(["kiwi", " Lemon "])
    assert moderator.decide("a kiwi").status is CommentStatus.REJECTED
    assert moderator.decide("LEMON tart").status is CommentStatus.REJECTED
    assert moderator.decide("orange").status is CommentStatus.APPROVED


def test_an_empty_list_approves_everything():
    assert moderator_from_settings([]).decide("orange").status is CommentStatus.APPROVED


def test_words_with_pattern_characters_match_literally():
    rule = BlockedWords(["c++", "a.b"])
    assert rule("I write c++ daily") == "blocked_word:c++"
    assert rule("axb") is None


def test_the_first_rule_that_objects_gives_the_reason():
    moderator = Moderator([lambda t: None, lambda t: "too_loud" if t.isupper() else None])
    assert moderator.decide("HEY").reason == "too_loud"
    assert moderator.decide("hey").status is CommentStatus.APPROVED


@given(st.text(), st.text())
def test_a_blocked_word_anywhere_between_spaces_rejects(before, after):
    text = f"{before} orange {after}"
    assert moderator_from_settings().decide(text).status is CommentStatus.REJECTED


@given(st.text(alphabet=st.characters(exclude_characters="oO")))
def test_text_without_the_letter_o_is_approved(text):
    assert moderator_from_settings().decide(text).status is CommentStatus.APPROVED
