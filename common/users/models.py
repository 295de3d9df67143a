"""A user is a name and a password hash; nothing else of theirs is kept."""

from django.db import models

from common.limits import USERNAME_MAX_LENGTH


class User(models.Model):
    username = models.CharField(max_length=USERNAME_MAX_LENGTH, unique=True)
    password = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.username
