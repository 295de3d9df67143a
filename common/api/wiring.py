"""Views written once, wired by each build with the functions that differ.

A view lists what it needs as `wants = {"post_create": PostCreate}`, where `PostCreate` is a
`typing.Protocol` of the function's keyword arguments. A build passes its functions to
`as_view(post_create=...)`; a missing one, or one that takes other arguments, is refused
there, when the URL conf loads (and `common.wsgi` loads it at start), not on the first request.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import ClassVar

from django.core.exceptions import ImproperlyConfigured
from rest_framework.views import APIView


@cache
def _contract_methods() -> dict[str, list[str]]:
    """Route (as both builds write it, "posts/<id:post_id>/comments") -> its methods."""
    from common.api import contract  # imports the feature views, which import this module

    return {
        str(route.pattern): [
            method.upper()
            for method in WiredApi.http_method_names
            if hasattr(route.callback.view_class, method)
        ]
        for route in contract.urlpatterns
    }


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
        """`Allow` (DRF sends it on every answer): the methods the contract gives this path,
        also where a build serves them from different processes (the split build's GET and
        POST /posts). The schema generator asks without a request."""
        match = getattr(getattr(self, "request", None), "resolver_match", None)
        methods = _contract_methods().get(match.route) if match is not None else None
        return methods or super().allowed_methods

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
