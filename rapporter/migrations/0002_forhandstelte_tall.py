"""Triggers that mark the participant a write touched (rapporter/models.py, rapporter/tellinger.py): her
case, status changes, terminations, outcomes and visits, her exams, fagprøver, Norwegian tests and
assessment meetings, and every participant of a track whose Norwegian goal changes; an update marks only
when a counted column changes. Every participant is marked once, so her counts are worked out at the
first read. The SQL is built in oppfolging/merketriggere.py."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

# table: (the participants from the row {r}, the columns whose change can move a count)
KILDER = {
    "deltakere_deltaker": ("VALUES ({r}.id)", ["status", "fagretning_id", "kull_id", "henvist_dato", "organisasjon_id", "opprettet"]),
    "deltakere_statusendring": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "til_status", "dato", "organisasjon_id"]),
    "deltakere_avbrudd": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "dato", "kategori", "organisasjon_id"]),
    "deltakere_utfall": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "tidspunkt", "situasjon", "dato"]),
    "oppfolging_besok": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "dato", "organisasjon_id"]),
    "lop_eksamen": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "eksamensdato", "resultat", "organisasjon_id"]),
    "lop_fagprove": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "provedato", "resultat", "organisasjon_id"]),
    "lop_norskprove": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "ferdighet", "niva", "dato", "organisasjon_id"]),
    "oppfolging_vurderingssamtale": (
        "VALUES ({r}.deltaker_id)",
        ["deltaker_id", "semester", "holdt_dato", "organisasjon_id"],
    ),
    "fagbrev_fagretning": (
        "SELECT id FROM deltakere_deltaker WHERE fagretning_id = {r}.id",
        ["norskmal_muntlig", "norskmal_skriftlig"],
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("rapporter", "0001_initial"),
        ("deltakere", "0001_initial"),
        ("lop", "0001_initial"),
        ("oppfolging", "0001_initial"),
        ("fagbrev", "0001_initial"),
    ]

    operations = [
        merketriggere(prefiks="rapporter_merk", merketabell="rapporter_uoppdatert", kilder=KILDER),
    ]
