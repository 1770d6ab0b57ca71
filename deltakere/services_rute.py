"""The track switch: a case's `rute` changes only here, with a dated, reasoned row in its history.

The switch records a decision already taken (NAV Asker: a praksiskandidat in paid work for a year goes
on to Fagbrev på jobb), so its date is a day that has come: not before the case began (the referral
date, else the day it was registered), not before the last switch, and not after today. A switch that
is only planned is a reminder, not a fact (`arbeidsgivere/regler.py` gives the coordinator one), so the
case never shows a track early.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fagbrev.models import Fagretning, User
from fagbrev.services import objekt_endre, objekt_opprett, pakrevd_tekst

from .models import Deltaker, Rutebytte
from .services import _idag, _las

RUTE = dict(Fagretning.Rute.choices)


def rute_tidligste_dato(deltaker: Deltaker) -> datetime.date:
    """The first day a switch may be dated: the later of the case's start and its last switch."""
    start = deltaker.henvist_dato or timezone.localdate(deltaker.opprettet)
    siste = deltaker.rutebytter.order_by("-dato", "-pk").values_list("dato", flat=True).first()
    return max(start, siste) if siste else start


@transaction.atomic
def rute_bytt(
    *,
    deltaker: Deltaker,
    til: str,
    dato: datetime.date,
    begrunnelse: str,
    utfort_av: User,
    versjon: int | None = None,
) -> Rutebytte:
    """Switch the case's track from `dato` and keep the switch in its history; all or nothing. Refused
    if the case changed since `versjon` (the form's optimistic lock)."""
    deltaker = Deltaker.objects.select_for_update().select_related("fagretning").get(pk=deltaker.pk)
    if til not in RUTE:
        raise ValidationError({"til": "Velg et løp fra listen."})
    if til == deltaker.rute:
        raise ValidationError({"til": f"Saken er allerede i løpet «{RUTE[til]}»."})
    tilbys = deltaker.fagretning.ruter or []
    if tilbys and til not in tilbys:
        raise ValidationError({"til": f"{deltaker.fagretning.navn} tilbyr ikke løpet «{RUTE[til]}»."})
    begrunnelse = pakrevd_tekst(begrunnelse, felt="begrunnelse", melding="Skriv hvorfor løpet byttes.")
    tidligst = rute_tidligste_dato(deltaker)
    if dato < tidligst:
        raise ValidationError(
            {"dato": f"Datoen kan ikke være før {tidligst:%d.%m.%Y} (sakens start eller forrige bytte)."}
        )
    if dato > _idag():
        raise ValidationError({"dato": "Datoen kan ikke være i fremtiden: registrer byttet den dagen det gjelder fra."})
    _las(deltaker, versjon)
    fra = deltaker.rute
    bytte = objekt_opprett(
        Rutebytte(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            fra=fra,
            til=til,
            dato=dato,
            begrunnelse=begrunnelse,
            registrert_av=utfort_av,
        ),
        "deltakere.rutebytte.registrert",
        utfort_av,
        beskrivelse=f"Løp byttet fra {RUTE.get(fra, 'uten løp')} til {RUTE[til]} fra {dato:%d.%m.%Y}",
    )
    objekt_endre(
        deltaker,
        "deltakere.deltaker.rute_byttet",
        utfort_av,
        {"rute": til},
        valider=False,
        beskrivelse=f"Løp: {RUTE[til]}",
    )
    return bytte
