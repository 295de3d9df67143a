from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "monolith.feed"
    label = "feed"
