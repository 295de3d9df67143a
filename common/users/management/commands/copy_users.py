"""`copy_users`: the users another database holds, copied into this one with their ids,
password hashes and sign-up times; then this database's next user id set past them and a
gap (common/sequences.py).

Password hashes never travel as events, so users move to the users service by this copy
(docs/migration.md, step 6):

    python -m microservices users copy_users --source postgresql://…/monolith

The source is a live monolith taking sign-ups: it is read in id order, a batch at a time,
each read its own short transaction. Run again after the route flips, the copy brings the
sign-ups the monolith took meanwhile (their ids lie in the gap the first run left) and
whatever hashes changed, and nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
from django.contrib.auth.hashers import is_password_usable
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.db.utils import load_backend

from common.sequences import continue_ids
from common.settings import bounded_postgres
from common.users.models import User

SOURCE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


@contextmanager
def temporary_database(url: str) -> Iterator[str]:
    """A connection alias for the database at `url` (`postgresql://…` or
    `sqlite:///path`), closed and forgotten on leaving. Not one of the settings' databases:
    nothing else sees it."""
    config = connections.configure_settings({DEFAULT_DB_ALIAS: dj_database_url.parse(url)})
    config = bounded_postgres(config[DEFAULT_DB_ALIAS])
    alias = f"copy_source_{uuid.uuid4().hex[:8]}"
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def batches(using: str, size: int) -> Iterator[list[User]]:
    """Every user `using` holds, in id order, `size` at a time, each batch one short read."""
    after = 0
    while batch := list(User.objects.using(using).filter(pk__gt=after).order_by("pk")[:size]):
        yield batch
        after = batch[-1].pk


@dataclass
class Copied:
    copied: int = 0
    already_here: int = 0
    conflicts: list[str] = field(default_factory=list)


def copy_batch(users: list[User], using: str, tally: Copied) -> None:
    """Writes into `using` each of `users` it does not hold yet, and the hash of each it
    holds under the same id and name; a name or id it holds for another user is a conflict,
    for which nothing is written. A hash that cannot sign anyone in is never written over
    one that can: once users have moved out, the monolith keeps copies of this service's
    sign-ups without their hashes (monolith/publishing/copies.py), and a copy run after the
    flip meets them."""
    with transaction.atomic(using=using):
        here = User.objects.using(using)
        by_id = here.in_bulk([user.pk for user in users])
        names = [user.username for user in users]
        ids_by_name = dict(here.filter(username__in=names).values_list("username", "pk"))
        new = []
        for user in users:
            held = by_id.get(user.pk)
            if held is not None and held.username == user.username:
                tally.already_here += 1
                if held.password != user.password and is_password_usable(user.password):
                    here.filter(pk=user.pk).update(password=user.password)
            elif held is not None:
                tally.conflicts.append(f"{user} (id {user.pk}): id {user.pk} is {held}'s here")
            elif user.username in ids_by_name:
                tally.conflicts.append(
                    f"{user} (id {user.pk}): {user} is id {ids_by_name[user.username]} here"
                )
            else:
                new.append(user)
        refused = insert(new, using)
        tally.conflicts += [f"{user} (id {user.pk}): signed up here meanwhile" for user in refused]
        tally.copied += len(new) - len(refused)


def insert(users: list[User], using: str) -> list[User]:
    """Inserts `users` as they are, ids and sign-up times too; returns those a name or id
    written here meanwhile kept out."""
    try:
        with transaction.atomic(using=using):
            for user in users:
                # raw, as loaddata writes a row: created_at kept, not auto_now_add's
                user.save_base(using=using, raw=True, force_insert=True)
        return []
    except IntegrityError:
        if len(users) == 1:
            return users
        return [refused for user in users for refused in insert([user], using)]


class Command(BaseCommand):
    help = (
        "Copy every user (id, name, password hash, sign-up time) the database at --source "
        "holds and this one does not, bring changed hashes up to date, then set this "
        "database's next user id past them and --gap. Exit status 1 if a name or id is "
        "another user's here."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", required=True, metavar="URL", help="postgresql://… or sqlite:///path"
        )
        parser.add_argument("--gap", type=int, default=1000, help="ids left unused (1000)")
        parser.add_argument("--batch", type=int, default=1000, help="users per read (1000)")

    def handle(self, *args, source, gap, batch, **options):
        if gap < 0 or batch < 1:
            raise CommandError("--gap must be 0 or more and --batch 1 or more")
        try:
            config = dj_database_url.parse(source)
        except ValueError as exc:
            raise CommandError(f"--source: {exc}") from exc
        if config["ENGINE"] not in SOURCE_ENGINES:
            raise CommandError("--source: a postgresql:// or sqlite:/// URL")
        if config["ENGINE"].endswith("sqlite3") and not Path(config["NAME"]).is_file():
            raise CommandError(f"--source: no SQLite database at {config['NAME']}")
        tally = Copied()
        with temporary_database(source) as source_alias:
            try:
                for users in batches(source_alias, batch):
                    copy_batch(users, DEFAULT_DB_ALIAS, tally)
            except DatabaseError as exc:
                stopped = f"the copy stopped, what it wrote stays (run it again): {exc}"
                raise CommandError(stopped) from exc
        next_id = continue_ids(User, gap=gap)
        self.stdout.write(
            f"copied {tally.copied} users ({tally.already_here} already here, "
            f"{len(tally.conflicts)} conflicts); new ids start at {next_id}"
        )
        for conflict in tally.conflicts:
            self.stderr.write(f"conflict, not copied: {conflict}")
        if tally.conflicts:
            raise CommandError(f"{len(tally.conflicts)} users not copied", returncode=1)
