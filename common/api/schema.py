"""Tells drf-spectacular how Tandem authenticates, so the schema shows the bearer token."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PrincipalAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "common.api.authentication.PrincipalAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


#: `extend_schema(auth=BEARER)`: the operation needs the bearer token.
BEARER = [{"bearerAuth": []}]
