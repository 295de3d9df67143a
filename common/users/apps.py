from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "common.users"
    label = "users"
