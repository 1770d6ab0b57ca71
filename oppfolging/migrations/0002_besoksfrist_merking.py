"""Triggers that mark a participant whose next-visit date or last assessment meeting may have moved
(oppfolging/besoksdato.py works the marked figures out: Deltaker.neste_besok_frist, praksis_til and
siste_vurderingssamtale). The SQL is built in oppfolging/merketriggere.py, shared with rapporter's counts."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

# table: (how to find the participants from the row {r}, the columns whose change marks)
KILDER = {
    "oppfolging_besok": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "dato"]),
    "arbeidsgivere_plassering": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "fra", "til"]),
    "deltakere_deltaker": ("VALUES ({r}.id)", ["fagretning_id"]),
    # WHERE on the SELECT: SQLite would read ON CONFLICT as a join's ON
    "fagbrev_fagretning": ("SELECT id FROM deltakere_deltaker WHERE fagretning_id = {r}.id", ["besok_intervall_dager"]),
    "oppfolging_vurderingssamtale": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "holdt_dato"]),
}


class Migration(migrations.Migration):
    dependencies = [
        ("oppfolging", "0001_initial"),
        ("deltakere", "0001_initial"),
        ("arbeidsgivere", "0001_initial"),
        ("fagbrev", "0001_initial"),
    ]

    operations = [
        merketriggere(prefiks="oppfolging_frist", merketabell="oppfolging_fristuoppdatert", kilder=KILDER),
    ]
