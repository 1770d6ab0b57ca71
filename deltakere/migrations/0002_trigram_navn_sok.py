"""A trigram index over the name as the search compares it (`navn_sok`, fagbrev/sok.py), on PostgreSQL;
nothing on other databases.

The participant list searches `navn_sok LIKE '%besic%'` for each word typed. A B-tree index cannot serve
a pattern with a leading `%`; a GIN index of trigrams can, so the search stays fast at 100,000
participants (docs/performance.md). SQLite (development, tests) keeps the plain scan, which is fast
enough at its sizes. The index lives outside the model state, so `makemigrations` neither sees nor
drops it.
"""

from django.db import migrations


def opprett(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS deltakere_navn_sok_trgm ON deltakere_deltaker USING gin (navn_sok gin_trgm_ops)"
    )


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS deltakere_navn_sok_trgm")


class Migration(migrations.Migration):
    dependencies = [("deltakere", "0001_initial")]

    operations = [migrations.RunPython(opprett, fjern, elidable=False)]
