"""GET /health: each dependency of this process by name, and 200 only when its database
answers (ready for traffic). A split service also reports its broker: writes still succeed
while Redis is down (the outbox keeps their events), so it is reported, not required.
GET /health/live: 200 whenever the process answers at all (alive; restarting it would not
bring a database back), unless the relay's loop it runs has stopped turning (restarting
the process starts it again)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from common import heartbeats
from common.errors import StoreUnavailable


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure to reach the database means "not healthy"
        return False
    return True


def _broker() -> bool:
    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def health(request):
    checks = {"database": "ok" if _database() else "down"}
    if getattr(settings, "CELERY_BROKER_URL", "").startswith("redis"):
        checks["broker"] = "ok" if _broker() else "down"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if set(checks.values()) == {"ok"} else "degraded"), 200
    headers = {"Retry-After": str(StoreUnavailable.retry_after)} if code == 503 else {}
    return JsonResponse({"status": status, "checks": checks}, status=code, headers=headers)


#: A loop beside the requests that has not turned for this long is stuck (the relay's takes
#: well under a second a pass, and waits five at most while a dependency is down).
STUCK_AFTER_SECONDS = 30.0


def live(request):
    stuck = heartbeats.stale(STUCK_AFTER_SECONDS)
    if stuck:
        checks = dict.fromkeys(stuck, "stuck")
        return JsonResponse({"status": "stuck", "checks": checks}, status=503)
    return JsonResponse({"status": "ok"})
