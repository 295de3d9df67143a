"""Settings every Django project of Tandem shares, read from the environment.

A build's settings module imports these names and adds its own apps and URLs; anything a
deployment changes comes from an environment variable, never from a file in the repository.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from common.auth.keys import DEV_PUBLIC_KEY, DEV_SIGNING_KEY
from common.auth.tokens import OPENAPI_SCHEME


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: tuple[str, ...]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


#: The longest a request waits on the database before it gets a quick `503`: half of it for
#: one operation on the connection it holds (checking it is alive, a query, a commit), half
#: for connecting anew. 0 lifts the bound (a long migration, a bulk load).
TANDEM_DATABASE_TIMEOUT_SECONDS = float(os.environ.get("TANDEM_DATABASE_TIMEOUT_SECONDS", "6"))


def bounded_postgres(database: dict) -> dict:
    """PostgreSQL with every wait bounded: connecting (libpq's `connect_timeout`), a slow
    statement or lock (the server's `statement_timeout`), and a server that stops answering
    on an open connection (`common.postgres`'s deadline)."""
    if (
        TANDEM_DATABASE_TIMEOUT_SECONDS <= 0
        or database["ENGINE"] != "django.db.backends.postgresql"
    ):
        return database
    half = TANDEM_DATABASE_TIMEOUT_SECONDS / 2
    options = database.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", max(2, int(half)))
    # A client that stops between statements (a worker paused, a process frozen) must not
    # hold its transaction's locks for longer than a request may wait: the server ends it.
    timeouts = (
        f"-c statement_timeout={int(half * 1000)} "
        f"-c idle_in_transaction_session_timeout={int(TANDEM_DATABASE_TIMEOUT_SECONDS * 1000)}"
    )
    options["options"] = f"{options.get('options', '')} {timeouts}".strip()
    options.setdefault("deadline", half)
    return {**database, "ENGINE": "common.postgres"}


def database_from_env(sqlite_path: Path) -> dict:
    """`DATABASE_URL` when set (PostgreSQL in CI and compose), else an SQLite file.

    `sqlite:///path` names another SQLite file, with the same settings as the default one.
    """
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:"):
        sqlite_path = Path(dj_database_url.parse(url)["NAME"])
    elif url:
        return bounded_postgres(
            dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
        )
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        "OPTIONS": {
            # Writers queue on the lock instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DEBUG = env_bool("DJANGO_DEBUG", False)
DEV_DJANGO_SECRET_KEY = "tandem-dev-only-django-secret-key"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_DJANGO_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ("127.0.0.1", "localhost", "[::1]"))

# Token keys (common/auth/keys.py): the signing key only where the users feature runs; the
# public keys everywhere. A local run with neither signs with the development key.
TANDEM_TOKEN_PUBLIC_KEYS = os.environ.get("TANDEM_TOKEN_PUBLIC_KEYS", "")
TANDEM_TOKEN_SIGNING_KEY = os.environ.get(
    "TANDEM_TOKEN_SIGNING_KEY", "" if TANDEM_TOKEN_PUBLIC_KEYS else DEV_SIGNING_KEY
)
#: Set by compose and Kubernetes: example secrets are refused there (common/checks.py),
#: unless the run is named a development one.
TANDEM_DEPLOYED = env_bool("TANDEM_DEPLOYED", False)
TANDEM_DEVELOPMENT = env_bool("TANDEM_DEVELOPMENT", False)
if TANDEM_DEVELOPMENT:  # compose/example.env's placeholders stand for the development keys
    TANDEM_TOKEN_SIGNING_KEY = TANDEM_TOKEN_SIGNING_KEY.replace("change-me", DEV_SIGNING_KEY)
    TANDEM_TOKEN_PUBLIC_KEYS = TANDEM_TOKEN_PUBLIC_KEYS.replace("change-me", DEV_PUBLIC_KEY)
TANDEM_TOKEN_TTL = timedelta(seconds=int(os.environ.get("TANDEM_TOKEN_TTL_SECONDS", "3600")))
TANDEM_BLOCKED_WORDS = env_list("TANDEM_BLOCKED_WORDS", ("orange",))

# CSRF protects cookie sessions; Tandem authenticates every write with a bearer token only.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
APPEND_SLASH = False

# Argon2 first, at OWASP's recommended settings (common/users/hashing.py): far cheaper per
# sign-in than PBKDF2 at Django's default iteration count, for the same resistance to guessing.
PASSWORD_HASHERS = [
    "common.users.hashing.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# ---- Sign-in and sign-up under floods (common/users/hashing.py, common/users/attempts.py)
TANDEM_HASHES_AT_ONCE = int(os.environ.get("TANDEM_HASHES_AT_ONCE", "1"))
TANDEM_HASHES_WAITING = int(os.environ.get("TANDEM_HASHES_WAITING", "2"))
TANDEM_HASH_WAIT_SECONDS = float(os.environ.get("TANDEM_HASH_WAIT_SECONDS", "5"))
TANDEM_SIGN_IN_RATE = os.environ.get("TANDEM_SIGN_IN_RATE", "100/m")
TANDEM_SIGN_IN_FAILURES_RATE = os.environ.get("TANDEM_SIGN_IN_FAILURES_RATE", "10/5m")
TANDEM_SIGN_UP_RATE = os.environ.get("TANDEM_SIGN_UP_RATE", "100/h")
#: Proxies in front of every process (the gateway) whose X-Forwarded-For is believed: 0
#: when clients reach the processes directly, as `make run` and the tests do.
TANDEM_TRUSTED_PROXIES = int(os.environ.get("TANDEM_TRUSTED_PROXIES", "0"))
RATELIMIT_FAIL_OPEN = True

MIDDLEWARE = [
    "common.logs.request_lines",
    "common.metrics.requests.counted",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.api.body_limit.BodyLimitMiddleware",
    "common.auth.middleware.TokenAuthMiddleware",
]

#: Collectors read on each scrape of /metrics besides what the processes count
#: (common/metrics/exposition.py): the split build's services add the state of delivery.
TANDEM_METRICS_COLLECTORS: list[str] = []

SHARED_APPS = [
    "common.apps.CommonConfig",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
]

# ---- The web client (client/, built into client/dist by `make client`). Whatever process
# answers "/" serves it: the monolith, or the query service in the split build.
CLIENT_DIST = Path(__file__).resolve().parents[1] / "client" / "dist"
WHITENOISE_ROOT = CLIENT_DIST if CLIENT_DIST.is_dir() else None
WHITENOISE_INDEX_FILE = True
# Vite names built assets by their content's hash: they can be cached for good.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/.+-[0-9A-Za-z_-]{8,}\.(?:js|css)$"
# Where the client sends each path when the split build runs as processes on their own
# ports (microservices.stack computes it); empty: the client's own origin answers all.
TANDEM_CLIENT_ROUTES = json.loads(os.environ.get("TANDEM_CLIENT_ROUTES", "[]"))
# Pages from these origins may call this process from a browser. None by default, and
# never every origin.
CORS_ALLOWED_ORIGINS = env_list("TANDEM_CORS_ORIGINS", ())
CORS_ALLOW_HEADERS = ("accept", "authorization", "content-type", "consistency-token")
# The token a new post is answered with (common/feed/read_after.py) and the next page of a
# comment list (common/comments/api.py), readable by the page.
CORS_EXPOSE_HEADERS = ("consistency-token", "link")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["common.api.authentication.PrincipalAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["common.api.authentication.WritesNeedPrincipal"],
    "DEFAULT_PARSER_CLASSES": ["common.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "common.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "UNAUTHENTICATED_TOKEN": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": "A small blog: users, posts, comments with moderation, and the feed.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {"CommentStatus": "common.comments.domain.CommentStatus"},
    # Declared whether or not a view's own authentication shows it (common/api/schema.py).
    "APPEND_COMPONENTS": {"securitySchemes": {"bearerAuth": OPENAPI_SCHEME}},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # JSON lines with the service, trace, request and event they belong to (common/logs.py).
    "formatters": {"lines": {"()": "common.logs.formatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "lines"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
