"""Demo data of the participant's page: Amina Yusuf's own login, her logbook and her faglærer's answer.

In real use she logs in by the link in the e-mail and has no password. The demo gives her user
`deltaker.amina` the demo password, so /min-side/ can be shown from the ordinary login page (the
start page then sends her on to her own page). Idempotent: her account is found by her case.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from deltakere.models import Deltaker
from fagbrev.demo import LORENSKOG, Demo, seeder
from fagbrev.models import User
from lop.models import Opplaeringsplanpunkt

from .models import Deltakerkonto, Loggbokinnlegg, Loggbokkommentar

BRUKERNAVN = "deltaker.amina"
INNLEGG = [
    (9, "I dag hadde jeg samlingsstund. Jeg leste en bok om høsten for barna. De var stille og hørte på."),
    (2, "Jeg skrev en beskjed til foreldrene om turdagen. Fadderen hjalp meg med to ord."),
]


@seeder(rekkefolge=100)
def seed(demo: Demo) -> None:
    deltaker = (
        Deltaker.objects.filter(organisasjon__navn=LORENSKOG, fornavn="Amina", etternavn="Yusuf")
        .select_related("faglarer")
        .first()
    )
    if deltaker is None:
        return
    konto = Deltakerkonto.objects.filter(deltaker=deltaker).first()
    if konto is None:
        user, laget = User.objects.get_or_create(
            username=BRUKERNAVN,
            defaults={"first_name": deltaker.fornavn, "last_name": deltaker.etternavn, "email": deltaker.epost},
        )
        if laget:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        konto = Deltakerkonto.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            user=user,
            deltaker=deltaker,
            invitert_av=demo.brukere.get("koordinator"),
        )
    if Loggbokinnlegg.objects.filter(deltaker=deltaker).exists():
        return
    plan = list(Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).order_by("pk")[:2])
    na = timezone.now()
    for nr, (dager, tekst) in enumerate(INNLEGG):
        innlegg = Loggbokinnlegg.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            tekst=tekst,
            opprettet=na - datetime.timedelta(days=dager, hours=3),
        )
        innlegg.planpunkter.set(plan[nr : nr + 1])
        if nr == 0 and deltaker.faglarer:
            Loggbokkommentar.objects.create(
                organisasjon_id=deltaker.organisasjon_id,
                innlegg=innlegg,
                forfatter=deltaker.faglarer,
                tekst="Fint! Neste gang kan du spørre barna hva de likte best i boka.",
                opprettet=na - datetime.timedelta(days=dager - 1),
            )
