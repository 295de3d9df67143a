"""`continue_ids`: tables' next ids moved past what another owner issued (common/sequences.py).

python -m microservices comments continue_ids comments.Comment --gap 1000
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import NotSupportedError, models

from common.sequences import continue_ids, numbered


def models_named(labels: list[str]) -> list[type[models.Model]]:
    """The models `labels` name (`app_label.Model`), each with an integer id its database
    numbers; CommandError for any other, before anything is changed."""
    named = []
    for label in labels:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError) as exc:
            raise CommandError(f"{label}: no such model here ({exc})") from exc
        if not numbered(model):
            raise CommandError(f"{label}: its id is not an integer its database numbers")
        named.append(model)
    return named


class Command(BaseCommand):
    help = (
        "Set each model's next id past the highest its table holds or its sequence has issued, "
        "leaving --gap ids unused for rows the old owner still writes while a route flips."
    )

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="+", metavar="LABEL", help="users.User, posts.Post…")
        parser.add_argument(
            "--gap", type=int, default=1000, help="ids left unused between (default 1000)"
        )

    def handle(self, *args, labels, gap, **options):
        if gap < 0:
            raise CommandError(f"--gap must be 0 or more, not {gap}")
        for model in models_named(labels):
            try:
                next_id = continue_ids(model, gap=gap)
            except NotSupportedError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{model._meta.db_table}: new ids start at {next_id}")
