"""Triggers that mark a participant whose assessment meetings changed (oppfolging/besoksdato.py works her
Deltaker.siste_vurderingssamtale out with the next-visit date). Creating them marks every participant, so
the fields added in deltakere 0004 are worked out for those already there on the first read."""

from django.db import migrations

from oppfolging.merketriggere import merketriggere

KILDER = {"oppfolging_vurderingssamtale": ("VALUES ({r}.deltaker_id)", ["deltaker_id", "holdt_dato"])}


class Migration(migrations.Migration):
    dependencies = [
        ("oppfolging", "0003_samtale_planlagt_indeks"),
        ("deltakere", "0005_oversikt_lagret"),
    ]

    operations = [
        merketriggere(prefiks="oppfolging_frist", merketabell="oppfolging_fristuoppdatert", kilder=KILDER),
    ]
