from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "monolith.publishing"
    label = "publishing"
    verbose_name = "The monolith's facts, published on the way to the split build"
