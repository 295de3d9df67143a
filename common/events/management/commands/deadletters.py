"""`deadletters`: lists the events this service parked, and tries them again.

deadletters               # one JSON line per parked event, the first 100 by id
deadletters --after ID    # the next 100 after that id (--limit N for more or fewer)
deadletters --redrive ID  # try one again (ID as listed)
deadletters --redrive-all
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from common import tracing
from common.events.handlers import service_handlers
from common.events.inbox import redrive
from common.events.models import DeadLetter


class Command(BaseCommand):
    help = "List parked events, or redrive them."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--redrive", type=int, metavar="ID")
        group.add_argument("--redrive-all", action="store_true")
        parser.add_argument("--after", type=int, default=0, metavar="ID")
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, **options):
        tracing.start(settings.TANDEM_SERVICE)
        letters = DeadLetter.objects.order_by("pk")
        if options["redrive"] is not None:
            letters = letters.filter(pk=options["redrive"])
        elif not options["redrive_all"]:
            for letter in letters.filter(pk__gt=options["after"])[: options["limit"]]:
                self.stdout.write(json.dumps(self._describe(letter)))
            return
        handlers = service_handlers()
        for letter in letters.iterator():
            handled = redrive(letter, handlers)
            self.stdout.write(json.dumps({"id": letter.pk, "handled": handled}))

    @staticmethod
    def _describe(letter) -> dict:
        return {
            "id": letter.pk,
            "event_id": str(letter.event_id),
            "type": letter.event_type,
            "seq": letter.seq,
            "attempts": letter.attempts,
            "parked_at": letter.parked_at.isoformat(),
            "error": letter.error,
        }
