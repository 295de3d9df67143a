"""The users service takes the users table over from the monolith (docs/migration.md, step
6): `continue_ids` (common/sequences.py) and `copy_users`, on this run's database as the
service's, with a monolith's users table as the source: a fresh SQLite file, and in the
PostgreSQL run a fresh PostgreSQL database on the same server too."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command
from django.db import connections

from common.sequences import continue_ids
from common.users.management.commands.copy_users import temporary_database
from common.users.models import User
from common.users.services import user_create, user_sign_in
from tests.support.databases import PostgresDatabases

pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)

#: The monolith's users: id, name, signed up at; each one's password is "<name>'s password".
MONOLITH = [(3, "alice"), (4, "bob"), (9, "carol"), (40, "dave")]
SIGNED_UP = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


@dataclass
class Source:
    url: str
    alias: str

    def sign_up(self, user_id: int, username: str, hash_: str) -> None:
        """A row as the monolith wrote it, at a moment of its own."""
        User.objects.using(self.alias).create(id=user_id, username=username, password=hash_)
        at = SIGNED_UP + timedelta(days=user_id)
        User.objects.using(self.alias).filter(pk=user_id).update(created_at=at)


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {name: make_password(f"{name}'s password") for _, name in [*MONOLITH, (0, "zed")]}


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresDatabases | None]:
    """The PostgreSQL run's server (`DATABASE_URL` names its `postgres` database), or None."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None
        return
    databases = PostgresDatabases(url)
    yield databases
    databases.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def source(request, tmp_path, postgres) -> Iterator[Source]:
    """A monolith's database holding a fresh users table, and no user yet."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'monolith.sqlite3'}"
    elif postgres is None:
        pytest.skip("a PostgreSQL source is tried in the PostgreSQL run")
    else:
        url = postgres.create("monolith")
    with temporary_database(url) as alias:
        with connections[alias].schema_editor() as editor:
            editor.create_model(User)
        yield Source(url, alias)


@pytest.fixture
def monolith(source, hashes) -> Source:
    for user_id, name in MONOLITH:
        source.sign_up(user_id, name, hashes[name])
    return source


def copy_users(source: Source, *args: str) -> tuple[str, str, int]:
    """What the command wrote to stdout and stderr, and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("copy_users", "--source", source.url, *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc.returncode
    return out.getvalue(), err.getvalue(), 0


def rows(using: str = "default") -> list[tuple]:
    return list(
        User.objects.using(using)
        .order_by("pk")
        .values_list("pk", "username", "password", "created_at")
    )


def test_the_next_id_follows_the_table_and_the_sequence_and_never_goes_back():
    assert continue_ids(User, gap=0) == 1, "a fresh sequence: the first id"
    User.objects.create(id=5, username="five", password="!")
    User.objects.create(id=40, username="forty", password="!")  # on PostgreSQL, past the sequence
    assert continue_ids(User, gap=10) == 51
    assert User.objects.create(username="next", password="!").pk == 51
    User.objects.all().delete()
    assert continue_ids(User, gap=0) == 52, "what the sequence issued stays issued"
    assert continue_ids(User, gap=0) == 52, "gap 0 twice: no id skipped"
    with pytest.raises(ValueError):
        continue_ids(User, gap=-1)


def test_a_fresh_table_starts_past_the_gap(source):
    # SQLite: sqlite_sequence has no row for the table yet; PostgreSQL: is_called is false.
    assert continue_ids(User, gap=1000, using=source.alias) == 1001
    assert User.objects.using(source.alias).create(username="first", password="!").pk == 1001


def test_the_command_names_each_table_and_refuses_a_model_it_cannot_continue():
    out = io.StringIO()
    call_command("continue_ids", "users.User", "--gap", "5", stdout=out)
    assert out.getvalue() == "users_user: new ids start at 6\n"
    for wrong in ("posts.Post", "users", "events.OutboxEvent"):  # not here; no model; a uuid id
        with pytest.raises(CommandError, match=wrong) as refused:
            call_command("continue_ids", "users.User", wrong, "--gap", "100")
        assert refused.value.returncode == 1
    assert User.objects.create(username="next", password="!").pk == 6, "nothing changed"


def test_users_are_copied_as_they_are_and_a_second_copy_brings_only_what_changed(monolith, hashes):
    assert copy_users(monolith, "--batch", "3") == (
        "copied 4 users (0 already here, 0 conflicts); new ids start at 1041\n",
        "",
        0,
    )
    assert rows() == rows(monolith.alias)
    assert user_sign_in(username="carol", password="carol's password").user.id == 9

    out, _, _ = copy_users(monolith)
    assert out == "copied 0 users (4 already here, 0 conflicts); new ids start at 2041\n"
    assert rows() == rows(monolith.alias)

    # While the route flips, the monolith takes a sign-up (its next id, below the gap) and
    # a changed password; the service takes a sign-up of its own.
    monolith.sign_up(41, "erin", hashes["zed"])
    User.objects.using(monolith.alias).filter(username="alice").update(password=hashes["zed"])
    assert user_create(username="frank", password="frank's password").id == 2041
    out, _, _ = copy_users(monolith, "--gap", "0")
    assert out == "copied 1 users (4 already here, 0 conflicts); new ids start at 2042\n"
    assert rows()[:-1] == rows(monolith.alias)
    assert user_sign_in(username="alice", password="zed's password").user.id == 3
    assert user_sign_in(username="erin", password="zed's password").user.id == 41
    assert all(hash_ not in out for hash_ in hashes.values())


def test_the_monoliths_copy_of_a_service_user_never_replaces_the_users_hash(monolith, hashes):
    """Once users move out, the monolith keeps copies of the service's sign-ups, made from
    events and without a usable password (monolith/publishing/copies.py). The copy run after
    the flip finds such a user under the same id and name: the service's hash stays."""
    copy_users(monolith)
    frank = user_create(username="frank", password="frank's password")
    monolith.sign_up(frank.id, "frank", make_password(None))
    out, _, status = copy_users(monolith)
    assert out == "copied 0 users (5 already here, 0 conflicts); new ids start at 2042\n"
    assert status == 0
    assert user_sign_in(username="frank", password="frank's password").user.id == frank.id


def test_a_name_or_id_another_user_holds_here_is_a_conflict_and_the_rest_is_copied(
    monolith, hashes
):
    User.objects.create(id=900, username="carol", password=hashes["zed"])
    User.objects.create(id=4, username="zed", password=hashes["zed"])
    out, err, status = copy_users(monolith)
    assert status == 1
    assert out == "copied 2 users (0 already here, 2 conflicts); new ids start at 1901\n"
    assert [line.split(":")[1].split()[0] for line in err.splitlines()] == ["bob", "carol"]
    assert all(hash_ not in out + err for hash_ in hashes.values())
    assert rows() == [
        *rows(monolith.alias)[:1],
        (4, "zed", hashes["zed"], User.objects.get(pk=4).created_at),
        *rows(monolith.alias)[3:],
        (900, "carol", hashes["zed"], User.objects.get(pk=900).created_at),
    ]
    assert user_create(username="gina", password="gina's password").id == 1901


def test_a_missing_source_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no SQLite database"):
        call_command("copy_users", "--source", f"sqlite:///{tmp_path / 'none.sqlite3'}")
