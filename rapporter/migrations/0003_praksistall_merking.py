"""Triggers that mark the employer a write touched, for the placements in use per employer and period
(rapporter/praksistall.py): a placement's (old and new workplace's employer) and a workplace moved to
another employer (both). Every employer is marked once, so the figures are counted at the first read.
The SQL is built in oppfolging/merketriggere.py."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

# table: (the employers from the row {r}, the columns whose change can move a figure)
KILDER = {
    "arbeidsgivere_plassering": (
        "SELECT arbeidsgiver_id FROM arbeidsgivere_arbeidssted WHERE id = {r}.arbeidssted_id",
        ["arbeidssted_id", "fra", "til", "organisasjon_id"],
    ),
    "arbeidsgivere_arbeidssted": ("VALUES ({r}.arbeidsgiver_id)", ["arbeidsgiver_id"]),
}


class Migration(migrations.Migration):
    dependencies = [
        ("rapporter", "0002_forhandstelte_tall"),
        ("arbeidsgivere", "0001_initial"),
    ]

    operations = [
        merketriggere(
            prefiks="rapporter_praksis",
            merketabell="rapporter_uoppdatertarbeidsgiver",
            kilder=KILDER,
            kolonne="arbeidsgiver_id",
            alle="SELECT id FROM arbeidsgivere_arbeidsgiver WHERE true",
        ),
    ]
