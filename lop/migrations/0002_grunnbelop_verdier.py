"""The grunnbeløp values as national reference data (not demo data): each is in force from 1 May."""

import datetime

from django.db import migrations

# (in force from, amount in kroner, estimated?) — 2022–2025 are the values decided each spring.
# 2026 is NOT a decided value: it is an invented, plausible estimate (≈ +4.4 %) until the real one
# is entered; `anslatt=True` makes the interface say so.
G_VERDIER = [
    (datetime.date(2022, 5, 1), 111_477, False),
    (datetime.date(2023, 5, 1), 118_620, False),
    (datetime.date(2024, 5, 1), 124_028, False),
    (datetime.date(2025, 5, 1), 130_160, False),
    (datetime.date(2026, 5, 1), 135_900, True),  # ANSLÅTT, oppdiktet verdi
]


def legg_inn(apps, schema_editor):
    Grunnbelop = apps.get_model("lop", "Grunnbelop")
    for dato, belop, anslatt in G_VERDIER:
        Grunnbelop.objects.get_or_create(gjelder_fra=dato, defaults={"belop": belop, "anslatt": anslatt})


class Migration(migrations.Migration):
    dependencies = [("lop", "0001_initial")]

    operations = [migrations.RunPython(legg_inn, migrations.RunPython.noop)]
