"""Applying many events in one transaction, for catch-up and rebuilds: the ids go into the
inbox in one statement, and each handler written for lists (`Batched`) takes the batch's
events of its types at once. A read model of a million events is then a thousand
transactions of a handful of statements each, not a million transactions.

What keeps an event from applying twice is the inbox's, as for one event
(common/events/inbox.py): an id already there fails the batch's insert, a position at or
below the retention mark is skipped.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Callable

from django.db import connection, transaction

from common import metrics, tracing
from common.events.envelope import Envelope
from common.events.inbox import Handlers, handler_for, retention_mark
from common.events.models import DeadLetter, ProcessedEvent

logger = logging.getLogger(__name__)


class Batched:
    """A handler written for many events at once: `many(envelopes)` applies them in store
    order inside the caller's transaction, and calling the handler with one event runs the
    same logic for one. A service whose handlers are all `Batched` declares by that that each
    touches rows of its own, so a batch may hand each handler its events together."""

    def __init__(self, many: Callable[[list[Envelope]], None]):
        self.many = many
        self.__name__ = many.__name__
        self.__doc__ = many.__doc__

    def __call__(self, envelope: Envelope) -> None:
        self.many([envelope])


def apply_batch(items: list[tuple[dict, int]], handlers: Handlers) -> int:
    """Applies, in one transaction, every event of `items` (wire form and position, in store
    order) that is neither handled nor parked yet; returns how many it applied. Whatever
    goes wrong (a handler fails, another process applies one of them meanwhile, an event
    breaks the contract) rolls the whole batch back and is raised: the caller then applies
    the events one by one, which tells the culprit apart."""
    done = _handled_or_parked_between(items[0][1], items[-1][1])
    mark = retention_mark()
    todo = [
        (event, seq, Envelope.from_dict(event))
        for event, seq in items
        if event["id"] not in done and seq > mark
    ]
    if not todo:
        return 0
    handler_of = {envelope.id: handler_for(handlers, envelope) for _, _, envelope in todo}
    with transaction.atomic():
        _record_many([(envelope.id, seq) for _, seq, envelope in todo])
        if all(isinstance(h, Batched) for h in handlers.values()):
            groups: dict[Batched, list[Envelope]] = {}
            for _, _, envelope in todo:
                groups.setdefault(handler_of[envelope.id], []).append(envelope)
            for handler, envelopes in groups.items():
                handler.many(envelopes)
        else:
            for _, _, envelope in todo:
                handler_of[envelope.id](envelope)
    for event, seq, _ in todo:
        # Each event keeps its span in the trace of the change that caused it.
        with tracing.handling(event, seq):
            pass
    service = metrics.service()
    for event_type, count in Counter(envelope.type for _, _, envelope in todo).items():
        metrics.EVENTS_HANDLED.labels(service, event_type).inc(count)
    logger.info("handled %d events in one batch, up to %d", len(todo), todo[-1][1])
    return len(todo)


def _record_many(handled: list[tuple[uuid.UUID, int]]) -> None:
    """Writes many ids to the inbox in one statement: IntegrityError if any is there. On
    PostgreSQL the ids and positions go as two array literals (UUIDs and integers print as
    themselves), not as a thousand rows of values each adapted apart."""
    if connection.vendor != "postgresql":
        ProcessedEvent.objects.bulk_create(
            [ProcessedEvent(event_id=event_id, seq=seq) for event_id, seq in handled]
        )
        return
    inbox = connection.ops.quote_name(ProcessedEvent._meta.db_table)
    ids = ",".join(str(event_id) for event_id, _ in handled)
    seqs = ",".join(str(int(seq)) for _, seq in handled)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {inbox} (event_id, seq, processed_at) "
            "SELECT id, seq, now() FROM unnest(%s::uuid[], %s::bigint[]) AS handled(id, seq)",
            [f"{{{ids}}}", f"{{{seqs}}}"],
        )


def _handled_or_parked_between(first: int, last: int) -> set[str]:
    """Which events at positions first..last this service has applied or parked: by
    position, two range reads of the indexes on `seq`, not a thousand ids sent over. An
    event handled without its position is not found here; its id in the inbox then fails
    the batch's insert, and the events are applied one by one."""
    done = ProcessedEvent.objects.filter(seq__range=(first, last)).values_list("event_id")
    parked = DeadLetter.objects.filter(seq__range=(first, last)).values_list("event_id")
    return {str(i) for (i,) in done.union(parked, all=True)}
