"""The workplace reference at the end of a case: ordered by the coordinator, filled from the placement.

A reference is written for a placement whose case has ended (fullført or avbrutt) or that has ended
itself; one per placement, edited until the leader's words are in. The PDF is made and versioned by
`dokumenter` (type «arbeidsattest»).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deltakere.statusgrupper import LOP_AVSLUTTET
from fagbrev.models import User
from fagbrev.services import objekt_endre, objekt_opprett

from .models import Arbeidsattest, Kontaktperson, Plassering

FELTER = ("leder", "arbeidsoppgaver", "oppmote", "uttalelse")


def attest_mulig(plassering: Plassering) -> bool:
    """May a reference be ordered for this placement now: the case has ended, or the placement has."""
    avsluttet = plassering.til is not None and plassering.til <= timezone.localdate()
    return plassering.deltaker.status in LOP_AVSLUTTET or avsluttet


@transaction.atomic
def attest_lagre(*, plassering: Plassering, utfort_av: User, **felter: Any) -> Arbeidsattest:
    """Order (write) the workplace's reference for the placement, or change it; every change logged."""
    if set(felter) - set(FELTER):
        raise ValueError(f"Kan ikke endre {sorted(set(felter) - set(FELTER))} her.")
    plassering = Plassering.objects.select_related("deltaker", "arbeidssted").get(pk=plassering.pk)
    if not attest_mulig(plassering):
        raise ValidationError("Arbeidsattesten bestilles når saken eller plasseringen er avsluttet.", code="for_tidlig")
    leder = felter.get("leder")
    if leder is not None and (
        leder.arbeidssted_id != plassering.arbeidssted_id or leder.rolle != Kontaktperson.Rolle.LEDER
    ):
        raise ValidationError({"leder": "Velg en leder som er registrert på arbeidsstedet."})
    felter = {k: v.strip() if isinstance(v, str) else v for k, v in felter.items()}
    attest = Arbeidsattest.objects.select_for_update().filter(plassering=plassering).first()
    navn = plassering.arbeidssted.navn
    if attest is None:
        return objekt_opprett(
            Arbeidsattest(
                organisasjon_id=plassering.organisasjon_id, plassering=plassering, registrert_av=utfort_av, **felter
            ),
            "arbeidsgivere.attest.bestilt",
            utfort_av,
            deltaker_id=plassering.deltaker_id,
            beskrivelse=f"Arbeidsattest fra {navn} bestilt",
        )
    return objekt_endre(
        attest,
        "arbeidsgivere.attest.endret",
        utfort_av,
        felter,
        bare_ved_endring=True,
        deltaker_id=plassering.deltaker_id,
        beskrivelse=f"Arbeidsattest fra {navn} endret",
    )
