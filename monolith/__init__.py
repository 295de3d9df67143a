"""The monolith: every feature in one Django project, on one database."""
