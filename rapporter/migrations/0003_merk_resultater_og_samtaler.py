"""Triggers that mark the participant when her exams, fagprøver, Norwegian tests or assessment meetings
change (the counts «eksamen:», «fagprove:», «norsk:», «samtale»), and every participant of a track
whose Norwegian goal changes. Hand-written: the SQL is built in oppfolging/merketriggere.py, as in 0002;
every participant is marked once, so her new kinds are counted at the first read."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

# table: (the participants from the row {r}, the columns whose change can move a count)
KILDER = {
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
        ("rapporter", "0002_forhandstelte_tall"),
        ("lop", "0002_grunnbelop_verdier"),
        ("oppfolging", "0002_besoksfrist_merking"),
        ("fagbrev", "0001_initial"),
    ]

    operations = [
        merketriggere(prefiks="rapporter_merk", merketabell="rapporter_uoppdatert", kilder=KILDER),
    ]
