"""Rows copied from another owner's events (docs/migration.md, steps 4 to 6), by the monolith
and by the services that take a feature over: a copy keeps the id and the moment the owner
gave the row, where `create` would stamp it with now (`auto_now_add`)."""

from __future__ import annotations

from datetime import datetime

from django.db import models


def create_as_of(model: type[models.Model], *, pk: int, created_at: datetime, **fields) -> None:
    model.objects.create(pk=pk, **fields)
    model.objects.filter(pk=pk).update(created_at=created_at)
