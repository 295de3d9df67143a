"""URL converter for object ids: digits that fit a 64-bit key, so an absurd id is a 404
from the router rather than an overflow error from the database."""

from django.urls import register_converter


class ObjectIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(ObjectIdConverter, "id")
