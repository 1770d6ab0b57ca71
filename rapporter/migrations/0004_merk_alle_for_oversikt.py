"""Every participant marked once, so the kinds my overview reads («samtale_siste», «samtale_planlagt»,
rapporter/tellinger.py) are counted at the first read. The triggers of 0002 and 0003 already mark what
moves them (a participant's status and organisation, her assessment meetings)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("rapporter", "0003_merk_resultater_og_samtaler")]

    operations = [
        migrations.RunSQL(
            # ON CONFLICT: marks already there stay; WHERE for SQLite's parser
            "INSERT INTO rapporter_uoppdatert (deltaker_id) SELECT id FROM deltakere_deltaker WHERE true "
            "ON CONFLICT DO NOTHING",
            migrations.RunSQL.noop,
        )
    ]
