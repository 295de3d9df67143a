"""The table of Django's database cache, where a build keeps its sign-in and sign-up counts
in its database (the monolith; common/users/attempts.py). A build whose cache is Redis gets
no table: `createcachetable` makes tables only for database caches."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
