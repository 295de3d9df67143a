"""Everything the monolith consumes from the event store once it publishes its facts: the
verdicts of the moderation service (step 3 of docs/migration.md), and the copies of the
features that have moved out (`TANDEM_MOVED_OUT`, monolith/publishing/copies.py)."""

from django.conf import settings

from monolith.comments.handlers import HANDLERS as VERDICTS
from monolith.publishing.copies import BY_FEATURE

HANDLERS = {
    **VERDICTS,
    **{
        payload: handler
        for feature in settings.TANDEM_MOVED_OUT
        for payload, handler in BY_FEATURE[feature].items()
    },
}
