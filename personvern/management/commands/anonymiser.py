"""List, or anonymise, the closed cases whose retention time has run out.

python manage.py anonymiser --dry-run     # what would go, nothing changed
python manage.py anonymiser               # anonymise them (the daily Celery job does the same)
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from personvern.anonymisering import anonymisering_forfalt, deltaker_anonymiser


class Command(BaseCommand):
    help = "Anonymiser personopplysninger i avsluttede saker når oppbevaringstiden er ute."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Bare vis hva som ville blitt anonymisert.")
        parser.add_argument("--dato", help="Regn som om i dag er denne datoen (ÅÅÅÅ-MM-DD).")

    def handle(self, *args, dry_run: bool = False, dato: str | None = None, **options):
        idag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
        forfalt = anonymisering_forfalt(idag=idag)
        if not forfalt:
            self.stdout.write("Ingen saker er klare for anonymisering.")
            return
        gjort = 0
        for f in forfalt:
            # Ids and dates only: this output may end up in a log.
            linje = (
                f"deltaker {f.deltaker_id} (org {f.organisasjon_id}): "
                f"avsluttet {f.avsluttet:%d.%m.%Y}, forfalt {f.forfaller:%d.%m.%Y}"
            )
            if dry_run:
                self.stdout.write(f"Ville anonymisert {linje}")
            elif deltaker_anonymiser(deltaker_id=f.deltaker_id, idag=idag):
                gjort += 1
                self.stdout.write(f"Anonymiserte {linje}")
            else:
                self.stdout.write(f"Hoppet over {linje} (endret eller tatt av en annen kjøring)")
        if dry_run:
            self.stdout.write(f"{len(forfalt)} saker ville blitt anonymisert (tørrkjøring, ingenting er endret).")
        else:
            self.stdout.write(f"{gjort} saker anonymisert.")
