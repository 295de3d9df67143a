"""The store over HTTP, for relays (did the bus get my event?) and catch-up (what did I miss?).

These paths are internal: the gateway does not expose them.
"""

import uuid

from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from common.timestamps import timestamp
from microservices.eventbus import store


class TypesField(serializers.CharField):
    """`types=A,B`: a few event types (each read apart, microservices/eventbus/store.py)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, **kwargs)

    def to_internal_value(self, data) -> list[str]:
        types = [t for t in super().to_internal_value(data).split(",") if t]
        if len(types) > 50:
            raise serializers.ValidationError("At most 50 types.")
        return types


class EventsQuery(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=1000, default=500)
    types = TypesField()
    settled = serializers.FloatField(min_value=0, required=False)


def _events_query(request) -> tuple[dict, list[str] | None]:
    """The query's options, and its types (None for every type)."""
    query = EventsQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    options = query.validated_data
    return options, options.get("types") or None


class EventsApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        options, types = _events_query(request)
        events = store.read_after(
            options["after"],
            types=types,
            limit=options["limit"],
            settled_seconds=options.get("settled"),
        )
        return Response(
            {
                "events": [
                    {"seq": e.seq, "stored_at": timestamp(e.stored_at), "event": e.envelope}
                    for e in events
                ]
            }
        )


class TallyApi(APIView):
    """How many events of some types are settled after a position, and up to where: a
    consumer's catch-up compares it with what it has handled before reading any."""

    permission_classes = [AllowAny]

    def get(self, request):
        options, types = _events_query(request)
        upto, count = store.tally(
            options["after"], types=types, settled_seconds=options.get("settled")
        )
        return Response({"upto": upto, "count": count})


class HeadQuery(serializers.Serializer):
    types = TypesField()


class HeadApi(APIView):
    """The newest position among events of some types: how far a consumer of those types
    should have got (its lag, common/metrics/delivery.py)."""

    permission_classes = [AllowAny]

    def get(self, request):
        query = HeadQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response({"head": store.head(query.validated_data.get("types") or None)})


class StoredIdsQuery(serializers.Serializer):
    ids = serializers.CharField()

    def validate_ids(self, value: str) -> list[str]:
        ids = [part for part in value.split(",") if part]
        if len(ids) > 1000:
            raise serializers.ValidationError("At most 1000 ids.")
        try:
            return [str(uuid.UUID(part)) for part in ids]
        except ValueError as exc:
            raise serializers.ValidationError("Ids must be UUIDs.") from exc


class StoredIdsApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        query = StoredIdsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response({"stored": store.stored_ids(query.validated_data["ids"])})
