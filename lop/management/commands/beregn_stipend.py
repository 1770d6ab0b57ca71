"""Recompute the stored stipend months with the current table of G (see lop.services_stipend)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lop.services_stipend import stipend_beregn_pa_nytt


class Command(BaseCommand):
    help = (
        "Beregner lagrede stipendmåneder på nytt med grunnbeløpene slik de er registrert nå. Kjør etter at et "
        "nytt grunnbeløp (G) er registrert, hvis det ikke ble registrert i admin (som gjør det selv)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fra",
            help="Bare vedtak som løper på eller etter denne datoen (ÅÅÅÅ-MM-DD), f.eks. 1. mai da det nye G gjelder.",
        )

    def handle(self, *args, fra: str | None = None, **options):
        try:
            dato = datetime.date.fromisoformat(fra) if fra else None
        except ValueError:
            raise CommandError(f"Ugyldig dato: {fra!r} (bruk ÅÅÅÅ-MM-DD).") from None
        endret = stipend_beregn_pa_nytt(fra=dato, grunn="beregnet på nytt fra kommandolinjen")
        self.stdout.write(self.style.SUCCESS(f"Stipend beregnet på nytt: {endret} vedtak fikk nye beløp."))
