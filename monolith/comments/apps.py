from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "monolith.comments"
    label = "comments"
