"""JSON parsing that answers 400 for any body it cannot read.

DRF's JSONParser turns a ValueError into a ParseError, but a deeply nested body ("[[[[...")
makes Python's decoder raise RecursionError, which would otherwise reach the client as a 500.
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("The JSON is nested too deeply.") from exc
