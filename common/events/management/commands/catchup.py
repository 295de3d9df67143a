"""`catchup`: applies, once, every stored event this service has not handled yet.

Run it after wiping a read model's database (`migrate` first): the cursor starts at zero
and the whole store is replayed through the inbox.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common import tracing
from common.events.catchup import CatchUp
from common.events.handlers import service_handlers


class Command(BaseCommand):
    help = "Apply every stored event this service has not handled yet, then exit."

    def handle(self, *args, **options):
        tracing.start(settings.TANDEM_SERVICE)
        handlers = service_handlers()
        if not handlers:
            raise CommandError("this service consumes no events")
        applied = CatchUp(handlers).run(settled_seconds=None)
        self.stdout.write(f"applied {applied} events")
