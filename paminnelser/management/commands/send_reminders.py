"""Run the reminder scan once by hand: the same work Celery beat schedules every morning."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deltakere.services_status import statusendringer_iverksett
from fagbrev.models import User
from fagbrev.regler import regler
from paminnelser import services


def _dato(verdi: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(verdi)
    except ValueError:
        raise CommandError(f"Ugyldig dato «{verdi}». Bruk formatet ÅÅÅÅ-MM-DD.") from None


class Command(BaseCommand):
    help = "Finner frister som forfaller og sender påminnelser (som den daglige jobben kl. 06.00)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_dato, help="Dato å skanne for (ÅÅÅÅ-MM-DD). Standard: i dag.")
        parser.add_argument("--dry-run", action="store_true", help="Vis hva som forfaller uten å lagre eller sende.")

    def handle(self, *args, date: datetime.date | None = None, dry_run: bool = False, **options):
        idag = date or timezone.localdate()
        kjoringer = [("daglige regler", False)]
        if idag.weekday() == 0:
            kjoringer.append(("ukeoversikt (mandag)", True))
        if not dry_run:  # planned status changes whose day has come (never a day ahead of today)
            antall = statusendringer_iverksett(idag=min(idag, timezone.localdate()))
            self.stdout.write(f"Planlagte statusendringer som trådte i kraft: {antall}.")
        self.stdout.write(f"Skanner påminnelser for {idag:%d.%m.%Y}{' (prøvekjøring)' if dry_run else ''}.")
        for navn, ukentlig in kjoringer:
            resultat = services.skann_utfor(idag=idag, ukentlig=ukentlig, dry_run=dry_run)
            self.stdout.write(f"\n{navn.capitalize()}: {len(resultat.funnet)} forfalt.")
            for regel in regler(ukentlig=ukentlig):
                self.stdout.write(f"  {regel.navn}: {resultat.per_regel.get(regel.navn, 0)}")
            if dry_run:
                navn = dict(
                    User.objects.filter(pk__in={f.mottaker_id for _, f in resultat.funnet}).values_list(
                        "pk", "username"
                    )
                )
                for _regel, f in resultat.funnet[:50]:
                    self.stdout.write(f"  – til {navn.get(f.mottaker_id, f.mottaker_id)}: {f.tittel}")
                if len(resultat.funnet) > 50:
                    self.stdout.write(f"  … og {len(resultat.funnet) - 50} til")
                continue
            self.stdout.write(
                f"  Nye påminnelser: {resultat.nye} (resten fantes fra før og sendes ikke på nytt).\n"
                f"  Sendes med en gang: {resultat.umiddelbart}; samlet e-post til {resultat.samlet_til} "
                f"bruker(e); bare i appen: {resultat.kun_app}; utgått: {resultat.utgatt}."
            )
        self.stdout.write(self.style.SUCCESS("Ferdig."))
