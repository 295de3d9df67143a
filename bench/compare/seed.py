"""Both builds' PostgreSQL tables filled with bulk SQL, for the scale section: N posts, with
comments and users in the proportions of the bench's mix, as the builds would have written
them, in a few `INSERT ... SELECT generate_series` statements per database instead of
millions of requests.

Every row is a function of its number and of `Data`, so each database of the split build is
filled on its own and still agrees with the others: the users service's users, the posts
service's posts, the comments service's comments and the posts it knows, moderation's
verdicts, and the event bus's store with every event the split build would have stored for
them, in the order it would have stored them. The query service's read model is left to be
built by replaying that store, as an operator rebuilds it.

Post i is written `GAP` after post i - 1, the newest one `GAP` before `Data.now`; users sign
up before the first post; comments spread evenly over the posts, each written after its
post. Every `REJECTED_EVERY`th comment has a blocked word and was rejected; the others were
approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import sql

from bench.compare.event_sql import envelope, to_sql
from bench.compare.workload import BLOCKED_SHARE, MIX, PASSWORD
from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.envelope import Envelope
from common.moderation.events import CommentModerated
from common.moderation.rules import moderator_from_settings
from common.posts.events import PostCreated
from common.users.events import UserRegistered
from common.users.hashing import Argon2Hasher

#: The bench's mix writes 25 comments for every 20 posts.
COMMENTS_PER_POST = MIX["comment"] / MIX["post"]
POSTS_PER_USER = 100
FEWEST_USERS = 10
REJECTED_EVERY = round(1 / BLOCKED_SHARE)
GAP = timedelta(seconds=3)
#: What the seeded comments say, and the verdicts the build's own moderator gives them.
BLOCKED_TEXT = ", I like orange"
APPROVED = moderator_from_settings().decide("Seeded comment")
REJECTED = moderator_from_settings().decide(BLOCKED_TEXT)
#: A comment's version once moderated: 1 when written, one more at its verdict.
MODERATED_VERSION = 2
#: After a comment, moderation's verdict and the comment's update, as the events went round.
MODERATED_AFTER = timedelta(milliseconds=10)
UPDATED_AFTER = timedelta(milliseconds=20)
#: The bus stores an event this long after it occurred.
STORED_AFTER = timedelta(milliseconds=5)
#: Memory for the seeding session's sorts: the store's rows are numbered in time order.
SEED_WORK_MEM = "512MB"


@dataclass(frozen=True)
class Data:
    posts: int
    #: The newest post was written `GAP` before this.
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    @property
    def comments(self) -> int:
        return round(self.posts * COMMENTS_PER_POST)

    @property
    def users(self) -> int:
        return max(FEWEST_USERS, self.posts // POSTS_PER_USER)

    @property
    def events(self) -> int:
        """What the split build stored: a user's sign-up, a post, and three per comment
        (written, moderated, updated)."""
        return self.users + self.posts + 3 * self.comments


USERS = """
SELECT u AS user_id, 'seeded' || u AS username,
       {now} - ({posts} + {users} - u + 1) * {gap} AS registered_at
FROM generate_series(1::bigint, {users}) AS u
"""

POSTS = """
SELECT i AS post_id, 'Seeded post ' || i AS title,
       (i - 1) % {users} + 1 AS author_id, 'seeded' || ((i - 1) % {users} + 1) AS author_username,
       {now} - ({posts} - i + 1) * {gap} AS created_at
FROM generate_series(1::bigint, {posts}) AS i
"""

COMMENTS = """
SELECT j AS comment_id, (j - 1) * {posts} / {comments} + 1 AS post_id,
       'Seeded comment ' || j || CASE WHEN j % {every} = 0 THEN {blocked} ELSE '' END AS content,
       CASE WHEN j % {every} = 0 THEN {rejected} ELSE {approved} END AS status,
       CASE WHEN j % {every} = 0 THEN {reason} END AS reason,
       (j - 1) % {users} + 1 AS author_id, 'seeded' || ((j - 1) % {users} + 1) AS author_username,
       {now} - {posts} * {gap} + ((j - 0.5) * {posts} / {comments})::float8 * {gap} AS created_at
FROM generate_series(1::bigint, {comments}) AS j
"""


def rows(template: str, data: Data) -> sql.Composed:
    """One of the row sources above, for this data."""
    return sql.SQL(template).format(
        posts=data.posts,
        comments=data.comments,
        users=data.users,
        now=data.now,
        gap=GAP,
        every=REJECTED_EVERY,
        blocked=BLOCKED_TEXT,
        approved=APPROVED.status.value,
        rejected=REJECTED.status.value,
        reason=REJECTED.reason,
    )


def password_hash() -> str:
    """A real hash of the bench's password: any seeded user can sign in with it."""
    hasher = Argon2Hasher()
    return hasher.encode(PASSWORD, hasher.salt())


def users_table(data: Data, password: str) -> sql.Composed:
    """The users table, the same in the monolith and the users service."""
    return sql.SQL(
        "INSERT INTO users_user (id, username, password, created_at) "
        "SELECT user_id, username, {password}, registered_at FROM ({rows}) AS r"
    ).format(password=password, rows=rows(USERS, data))


def monolith(data: Data, password: str) -> list[sql.Composed]:
    return [
        users_table(data, password),
        sql.SQL(
            "INSERT INTO posts_post (id, title, author_id, created_at) "
            "SELECT post_id, title, author_id, created_at FROM ({rows}) AS r"
        ).format(rows=rows(POSTS, data)),
        sql.SQL(
            "INSERT INTO comments_comment (id, post_id, author_id, content, status, created_at) "
            "SELECT comment_id, post_id, author_id, content, status, created_at FROM ({rows}) AS r"
        ).format(rows=rows(COMMENTS, data)),
        *sequences_continued("users_user", "posts_post", "comments_comment"),
    ]


def consumer_cursor(data: Data) -> sql.Composed:
    """A consumer's catch-up cursor at the store's head: it has handled everything seeded
    (and its inbox has forgotten the ids since, as retention would have it)."""
    return sql.SQL(
        "INSERT INTO events_catchupcursor (name, position) VALUES ('bus', {head}) "
        "ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position"
    ).format(head=data.events)


def split(data: Data, password: str) -> dict[str, list[sql.Composed]]:
    """Each service's statements, by service. Consumers' cursors come before the store, so
    that no running consumer ever sees a seeded event after its cursor and replays it."""
    return {
        "users": [users_table(data, password), *sequences_continued("users_user")],
        "posts": [
            sql.SQL(
                "INSERT INTO posts_post (id, title, author_id, author_username, created_at) "
                "SELECT post_id, title, author_id, author_username, created_at FROM ({rows}) AS r"
            ).format(rows=rows(POSTS, data)),
            *sequences_continued("posts_post"),
        ],
        "comments": [
            consumer_cursor(data),
            sql.SQL(
                "INSERT INTO comments_knownpost (id) SELECT i FROM generate_series(1, {posts}) AS i"
            ).format(posts=data.posts),
            sql.SQL(
                "INSERT INTO comments_comment (id, post_id, author_id, author_username, content, "
                "status, version, created_at) SELECT comment_id, post_id, author_id, "
                "author_username, content, status, {version}, created_at FROM ({rows}) AS r"
            ).format(version=MODERATED_VERSION, rows=rows(COMMENTS, data)),
            *sequences_continued("comments_comment"),
        ],
        "moderation": [
            consumer_cursor(data),
            sql.SQL(
                "INSERT INTO moderation_verdict (comment_id, post_id, status, reason, decided_at) "
                "SELECT comment_id, post_id, status, coalesce(reason, ''), created_at + {after} "
                "FROM ({rows}) AS r"
            ).format(after=MODERATED_AFTER, rows=rows(COMMENTS, data)),
        ],
        "query": [consumer_cursor(data)],
        "eventbus": [store(data), *sequences_continued("eventbus_storedevent", column="seq")],
    }


def sequences_continued(*tables: str, column: str = "id") -> list[sql.Composed]:
    """Each table's id sequence moved past the ids written explicitly, so the next row the
    build writes takes the next id."""
    return [
        sql.SQL(
            "SELECT setval(pg_get_serial_sequence({table}, {column}), "
            "(SELECT max({field}) FROM {name}))"
        ).format(
            table=table, column=column, field=sql.Identifier(column), name=sql.Identifier(table)
        )
        for table in tables
    ]


#: Each event type, in the order the split build stores events of the same moment: the row
#: it is made of (with its envelope's `occurred_at` and `aggregate_version`), from which source.
EVENTS = (
    (UserRegistered, "registered_at AS occurred_at, 1 AS aggregate_version, *", USERS),
    (PostCreated, "created_at AS occurred_at, 1 AS aggregate_version, *", POSTS),
    (
        CommentCreated,
        "created_at AS occurred_at, 1 AS aggregate_version, comment_id, post_id, content, "
        "{pending} AS status, author_id, author_username, created_at",
        COMMENTS,
    ),
    (
        CommentModerated,
        "created_at + {moderated} AS occurred_at, 1 AS aggregate_version, comment_id, post_id, "
        "status, reason",
        COMMENTS,
    ),
    (
        CommentUpdated,
        "created_at + {updated} AS occurred_at, {version} AS aggregate_version, *",
        COMMENTS,
    ),
)


def store(data: Data) -> sql.Composed:
    """The event bus's store: every event, numbered in the order the bus stored them."""
    kinds = [
        sql.SQL(
            "SELECT {rank} AS rank, {aggregate} AS n, occurred_at, event_id, {type} AS type, "
            "{envelope} AS envelope FROM (SELECT gen_random_uuid() AS event_id, "
            + made_of
            + " FROM ({rows}) AS r) AS e"
        ).format(
            rank=rank,
            aggregate=sql.Identifier(f"{payload.AGGREGATE}_id"),
            type=payload.TYPE,
            envelope=to_sql(envelope(payload)),
            moderated=MODERATED_AFTER,
            updated=UPDATED_AFTER,
            pending=CommentStatus.PENDING.value,
            version=MODERATED_VERSION,
            rows=rows(source, data),
        )
        for rank, (payload, made_of, source) in enumerate(EVENTS)
    ]
    return sql.SQL(
        "INSERT INTO eventbus_storedevent (seq, event_id, type, envelope, stored_at) "
        "SELECT row_number() OVER (ORDER BY occurred_at, rank, n), event_id, type, envelope, "
        "occurred_at + {stored} FROM ({events}) AS events"
    ).format(stored=STORED_AFTER, events=sql.SQL(" UNION ALL ").join(kinds))


def execute(url: str, statements: list[sql.Composed]) -> None:
    """The statements in one transaction, then VACUUM ANALYZE: a build that had grown to
    this size would have had its tables vacuumed and its statistics gathered along the way,
    and autovacuum must not start on them in the middle of a measurement."""
    with psycopg.connect(url) as conn:
        conn.execute(sql.SQL("SET work_mem = {}").format(SEED_WORK_MEM))
        for statement in statements:
            conn.execute(statement)
    vacuum(url)


def vacuum(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def check_store(url: str) -> int:
    """Decodes the newest stored event of each type as a consumer would (ContractError if
    the seeded envelopes break the contract); returns how many events the store holds."""
    with psycopg.connect(url) as conn:
        for payload, *_ in EVENTS:
            row = conn.execute(
                "SELECT event_id, envelope FROM eventbus_storedevent WHERE type = %s "
                "ORDER BY seq DESC LIMIT 1",
                [payload.TYPE],
            ).fetchone()
            if Envelope.from_dict(row[1]).id != str(row[0]):
                raise RuntimeError(f"a seeded {payload.TYPE} names another id than its row's")
        return conn.execute("SELECT count(*) FROM eventbus_storedevent").fetchone()[0]


def database_megabytes(url: str) -> float:
    with psycopg.connect(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return round(size / 2**20, 1)
