"""Bridges the auth middleware to DRF: `request.user` is the principal the middleware verified."""

from __future__ import annotations

from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission


class PrincipalAuthentication(BaseAuthentication):
    def authenticate(self, request):
        principal = getattr(request._request, "principal", None)
        return None if principal is None else (principal, None)

    def authenticate_header(self, request):
        return 'Bearer realm="tandem"'


class WritesNeedPrincipal(BasePermission):
    """Reads are public; anything that changes state needs a signed-in user."""

    def has_permission(self, request, view):
        if not hasattr(view, request.method.lower()):
            return True  # let the view answer 405, whoever asks
        return request.method in SAFE_METHODS or request.user is not None
