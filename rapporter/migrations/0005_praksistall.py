"""The placements in use per employer and period (rapporter/praksistall.py), and the triggers that mark
the employer a write touched: a placement's (old and new workplace's employer) and a workplace moved to
another employer (both). Every employer is marked once, so the figures are counted at the first read.
The models are generated; the triggers hand-written, their SQL built in oppfolging/merketriggere.py."""

import django.db.models.deletion
from django.db import migrations, models

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
        ('arbeidsgivere', '0002_plassering_lonnet_og_arbeidsattest'),
        ('rapporter', '0004_merk_alle_for_oversikt'),
    ]

    operations = [
        migrations.CreateModel(
            name='UoppdatertArbeidsgiver',
            fields=[
                ('arbeidsgiver_id', models.BigIntegerField(primary_key=True, serialize=False)),
            ],
        ),
        migrations.CreateModel(
            name='Praksistall',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisasjon_id', models.BigIntegerField()),
                ('ar', models.BooleanField()),
                ('start', models.DateField()),
                ('og_senere', models.BooleanField(default=False)),
                ('plasseringer', models.IntegerField()),
                ('steder', models.IntegerField()),
                ('arbeidsgiver', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='arbeidsgivere.arbeidsgiver')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('og_senere', True)), fields=['organisasjon_id', 'ar', 'start'], name='rapporter_praksistall_videre')],
                'constraints': [models.UniqueConstraint(fields=('organisasjon_id', 'ar', 'start', 'arbeidsgiver'), name='rapporter_praksistall_nokkel')],
            },
        ),
        merketriggere(
            prefiks="rapporter_praksis",
            merketabell="rapporter_uoppdatertarbeidsgiver",
            kilder=KILDER,
            kolonne="arbeidsgiver_id",
            alle="SELECT id FROM arbeidsgivere_arbeidsgiver WHERE true",
        ),
    ]
