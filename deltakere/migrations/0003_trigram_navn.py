"""Trigram indexes for name search on PostgreSQL; nothing on other databases.

The participant list searches with `fornavn__icontains` / `etternavn__icontains`, which Django
writes on PostgreSQL as `UPPER("fornavn"::text) LIKE UPPER('%…%')`. A B-tree index cannot serve a
pattern with a leading `%`; a GIN index of trigrams over exactly that expression can, so the search
stays fast at 100,000 participants (docs/performance.md). SQLite (development, tests) keeps the plain
scan, which is fast enough at its sizes. The indexes live outside the model state, so
`makemigrations` neither sees nor drops them.
"""

from django.db import migrations

INDEKSER = {
    "deltakere_fornavn_trgm": "fornavn",
    "deltakere_etternavn_trgm": "etternavn",
}


def opprett(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for navn, kolonne in INDEKSER.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {navn} ON deltakere_deltaker USING gin (UPPER({kolonne}::text) gin_trgm_ops)"
        )


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for navn in INDEKSER:
        schema_editor.execute(f"DROP INDEX IF EXISTS {navn}")


class Migration(migrations.Migration):
    dependencies = [("deltakere", "0002_initial")]

    operations = [migrations.RunPython(opprett, fjern, elidable=False)]
