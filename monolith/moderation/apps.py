from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "monolith.moderation"
    label = "moderation"
