"""GET /health: 200 only when the process can reach its database (ready for traffic).
GET /health/live: 200 whenever the process answers at all (alive; restarting it would not
bring a database back)."""

from django.db import connection
from django.http import JsonResponse


def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure to reach the database means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def live(request):
    return JsonResponse({"status": "ok"})
