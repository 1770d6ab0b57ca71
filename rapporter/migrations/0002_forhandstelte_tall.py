"""Triggers that mark the participant a write touched (rapporter/models.py, rapporter/tellinger.py); an
update marks only when a counted column changes. The SQL is built in oppfolging/merketriggere.py."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

# table: (the participant from the row {r}, the columns whose change can move a count)
KILDER = {
    "deltakere_deltaker": ("VALUES ({r}.id)", ["status", "fagretning_id", "kull_id", "henvist_dato", "organisasjon_id", "opprettet"]),
    "deltakere_statusendring": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "til_status", "dato", "organisasjon_id"]),
    "deltakere_avbrudd": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "dato", "kategori", "organisasjon_id"]),
    "deltakere_utfall": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "tidspunkt", "situasjon", "dato"]),
    "oppfolging_besok": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "dato", "organisasjon_id"]),
}


class Migration(migrations.Migration):
    dependencies = [
        ("rapporter", "0001_initial"),
        ("deltakere", "0001_initial"),
        ("oppfolging", "0001_initial"),
    ]

    operations = [
        merketriggere(prefiks="rapporter_merk", merketabell="rapporter_uoppdatert", kilder=KILDER),
    ]
