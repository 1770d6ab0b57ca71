"""Load the demo organisations, users, tracks, employers and participants (idempotent)."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from fagbrev.demo import Demo, seedere


class Command(BaseCommand):
    help = "Lager demodata (organisasjoner, brukere, fagretninger, arbeidsgivere, deltakere). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Kjør selv om DEBUG er av.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo lager demobrukere med kjent passord og kjører bare med DEBUG på. "
                "Bruk --force hvis du virkelig vil."
            )
        demo = Demo(idag=timezone.localdate(), rng=random.Random(2026))
        with transaction.atomic():
            autodiscover_modules("demo")  # each app's demo.py registers its seeders (@seeder)
            for seed in seedere():
                seed(demo)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klar: {len(demo.brukere)} brukere, {len(demo.fagretninger)} fagretninger. "
                f"Passord: DEMO_PASSWORD (standard «fagbrev-demo»)."
            )
        )
