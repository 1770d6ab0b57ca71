"""The name as the search compares it (`navn_sok`, fagbrev/sok.py), filled for every existing row, with
one trigram index over it on PostgreSQL in place of the two over UPPER(fornavn) and UPPER(etternavn).

The participant list now searches `navn_sok LIKE '%besic%'` for each word typed (after the same
normalisation), which a GIN trigram index serves as it served the old `UPPER(…) LIKE` (docs/performance.md).
SQLite keeps the plain scan. The indexes live outside the model state, as in 0003.
"""

from django.db import migrations, models

from fagbrev.sok import sokeform

GAMLE = {"deltakere_fornavn_trgm": "fornavn", "deltakere_etternavn_trgm": "etternavn"}


def fyll(apps, schema_editor):
    Deltaker = apps.get_model("deltakere", "Deltaker")
    rader = list(Deltaker.objects.only("pk", "fornavn", "etternavn"))
    for d in rader:
        d.navn_sok = sokeform(f"{d.fornavn} {d.etternavn}")
    Deltaker.objects.bulk_update(rader, ["navn_sok"], batch_size=1000)


def indeks_opprett(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS deltakere_navn_sok_trgm ON deltakere_deltaker USING gin (navn_sok gin_trgm_ops)"
    )
    for navn in GAMLE:
        schema_editor.execute(f"DROP INDEX IF EXISTS {navn}")


def indeks_fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS deltakere_navn_sok_trgm")
    for navn, kolonne in GAMLE.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {navn} ON deltakere_deltaker USING gin (UPPER({kolonne}::text) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("deltakere", "0005_statusendring_planlagt_permisjon_godkjent")]

    operations = [
        migrations.AddField(
            model_name="deltaker",
            name="navn_sok",
            field=models.CharField(blank=True, editable=False, max_length=420, verbose_name="navn (søkeform)"),
        ),
        migrations.RunPython(fyll, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(indeks_opprett, indeks_fjern, elidable=False),
    ]
