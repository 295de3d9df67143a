"""`python manage.py publish_existing`: the backfill of step 1 (monolith/publishing/backfill.py)."""

from django.core.management.base import BaseCommand, CommandError

from monolith.publishing.backfill import backfill
from monolith.publishing.outbox import publishing


class Command(BaseCommand):
    help = (
        "Records the facts of every existing user, post and comment in the outbox, for the "
        "relay to deliver to the event bus. Safe to run twice and while writes go on; run it "
        "once every monolith process publishes (TANDEM_PUBLISH_EVENTS=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=1000, help="rows read at a time")

    def handle(self, *args, chunk: int, **options):
        if not publishing():
            raise CommandError(
                "TANDEM_PUBLISH_EVENTS is not 1 here. Turn it on in every monolith process "
                "first (docs/migration.md, step 1): rows written without it are found only "
                "by a backfill that starts after."
            )
        tallies = backfill(chunk=chunk)
        for name, tally in tallies.items():
            self.stdout.write(f"{name}: {tally.rows} rows, {tally.new_events} new events")
