"""The features that can move out of the monolith, in the order docs/migration.md moves them,
and the reading of `TANDEM_MOVED_OUT` (a comma-separated list of them)."""

from django.core.exceptions import ImproperlyConfigured

FEATURES = ("comments", "posts", "users")


def moved_out(value: str) -> tuple[str, ...]:
    named = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(set(named) - set(FEATURES))
    if unknown:
        raise ImproperlyConfigured(
            f"TANDEM_MOVED_OUT names {', '.join(unknown)}; it takes {', '.join(FEATURES)}"
        )
    return named
