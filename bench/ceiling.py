"""The ceiling: a bare DRF view returning a constant (and taking a JSON body), served like
Tandem is.

Whatever a build reaches is read as a fraction of this, measured in the same run, so the
machine's speed of the day cancels out.

    gunicorn bench.ceiling:application
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="ceiling-bench-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"],
    MIDDLEWARE=[],
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402


class ConstantApi(APIView):
    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        """A write with no work behind it: the body parsed, 201 and a small answer."""
        return Response({"ok": True, "fields": len(request.data)}, status=201)


def health(request):
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})


# Also at /posts, so a compiled generator sends the builds' own requests to it unchanged.
urlpatterns = [
    path("constant", ConstantApi.as_view()),
    path("posts", ConstantApi.as_view()),
    path("health", health),
]

application = get_wsgi_application()
