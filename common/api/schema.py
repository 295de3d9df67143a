"""What drf-spectacular cannot tell by itself, so that the schema says exactly what the API
does: how Tandem authenticates (the bearer token), and each text field's rules (length,
and the characters it takes) as `minLength`, `maxLength` and `pattern`."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)

from common.auth.tokens import OPENAPI_SCHEME

#: `extend_schema(auth=BEARER)`: the operation needs the bearer token.
BEARER = [{"bearerAuth": []}]


class PrincipalAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "common.api.authentication.PrincipalAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return OPENAPI_SCHEME


class TextFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "common.api.fields.TextField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        schema = {"type": "string", "pattern": field.pattern}
        schema["minLength"] = field.min_length or (0 if field.allow_blank else 1)
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        if field.style.get("input_type") == "password":
            schema["format"] = "password"
        return schema
