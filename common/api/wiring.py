"""Views written once, wired by each build with the functions that differ.

A view lists what it needs as `wants = {"post_create": PostCreate}`, where `PostCreate` is a
`typing.Protocol` of the function's keyword arguments. A build passes its functions to
`as_view(post_create=...)`; a missing one, or one that takes other arguments, is refused
there, when the URL conf loads (and `common.wsgi` loads it at start), not on the first request.
"""

from __future__ import annotations

import inspect
from typing import ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve
from rest_framework.views import APIView


def _keywords(function) -> set[str]:
    parameters = inspect.signature(function).parameters.values()
    return {p.name for p in parameters if p.kind is not inspect.Parameter.VAR_KEYWORD} - {"self"}


class WiredApi(APIView):
    #: attribute -> the Protocol of the function a build must pass in under that name
    wants: ClassVar[dict[str, type]] = {}
    #: Only the methods the contract documents: anything else (HEAD, OPTIONS too) is a 405.
    #: CORS preflights never get here: the CORS middleware answers them.
    http_method_names = ["get", "post"]

    @property
    def allowed_methods(self):
        """The `Allow` of a 405: the methods the contract gives this path, also where a
        build serves them from different processes (the split build's GET and POST /posts)."""
        request = getattr(self, "request", None)  # the schema generator asks without one
        try:
            match = resolve(request.path_info, urlconf="common.api.contract")
        except (AttributeError, Resolver404):
            return super().allowed_methods
        view = match.func.view_class
        return [m.upper() for m in self.http_method_names if hasattr(view, m)]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in cls.needed():
            if not hasattr(cls, name):
                setattr(cls, name, None)  # DRF's as_view accepts only known attributes

    @classmethod
    def needed(cls) -> dict[str, type]:
        return {
            k: v for klass in reversed(cls.__mro__) for k, v in vars(klass).get("wants", {}).items()
        }

    @classmethod
    def as_view(cls, **functions):
        for name, protocol in cls.needed().items():
            function = functions.get(name)
            if not callable(function):
                raise ImproperlyConfigured(f"{cls.__name__} needs {name}= ({protocol.__name__})")
            expected = _keywords(protocol.__call__)
            if _keywords(function) != expected:
                raise ImproperlyConfigured(
                    f"{cls.__name__}: {name}= must take {sorted(expected)}, "
                    f"{function.__qualname__} takes {sorted(_keywords(function))}"
                )
        return super().as_view(**functions)

    @classmethod
    def described(cls):
        """The view for the OpenAPI schema only (`common.api.contract`): nothing is wired."""
        return super().as_view()
