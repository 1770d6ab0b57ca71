"""Reminders that send the workplace a link: the delivery the reminder engine calls for this app's
rules (medvirkning/regler.py), after it has claimed the reminder row with its exactly-once key.

Each delivery re-checks that the task still applies (the reminder was planned days ago), makes a
link for that one task with the rule's own lifetime, and mails it at once (we are already in the
engine's send task). The link is made on the authority of a coordinator of the case (the one who
last sent a link by hand, else the organisation's first), and its history says it came from a rule.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbeidsgivere.models import Avtale, Kontaktperson, Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from deltakere.models import Deltaker
from fagbrev.models import Medlemskap, Rolle, User
from oppfolging.models import Vurderingssamtale

from . import utsending
from .models import GYLDIG_DAGER, Lenke, Signatur
from .permissions import can_send_lenker
from .selectors import leder_for, siste_versjon
from .services_lenker import _trekk, lenke_lag

H = Lenke.Handling
P = Lenke.Part


def fullmakt_for(deltaker: Deltaker) -> User | None:
    """On whose authority a rule sends a link: the coordinator who last sent one by hand for her (if
    still a coordinator there), else the organisation's first active coordinator."""
    siste = Lenke.objects.filter(deltaker=deltaker, regel="").select_related("sendt_av").order_by("-opprettet").first()
    if siste is not None and siste.sendt_av.is_active and can_send_lenker(siste.sendt_av, deltaker):
        return siste.sendt_av
    medlemskap = (
        Medlemskap.objects.filter(
            organisasjon_id=deltaker.organisasjon_id, rolle=Rolle.KOORDINATOR, bruker__is_active=True
        )
        .select_related("bruker")
        .order_by("bruker_id")
        .first()
    )
    return medlemskap.bruker if medlemskap else None


def lenke_send_fra_regel(*, regel: str, deltaker: Deltaker, gyldig_dager: int, **lenke) -> str | None:
    """Make the link and mail it now. None when sent; else why not (the engine cancels the reminder).
    A mail that fails withdraws the link (its token is lost) and raises for the engine's retry."""
    fullmakt = fullmakt_for(deltaker)
    if fullmakt is None:
        return "Ingen aktiv fagbrevkoordinator kan stå som avsender."
    try:
        with transaction.atomic():
            ny = lenke_lag(deltaker=deltaker, utfort_av=fullmakt, regel=regel, gyldig_dager=gyldig_dager, **lenke)
    except ValidationError as feil:
        return " ".join(feil.messages)[:300]
    try:
        utsending.lenke_send(lenke_id=ny.pk)
    except Exception:
        with transaction.atomic():
            _trekk(ny, utfort_av=None, naa=timezone.now(), grunn="e-posten kunne ikke sendes")
        raise
    return None


def _kontakt(p) -> Kontaktperson:
    return Kontaktperson.objects.get(pk=p.kontaktperson_id)


def lever_avtale_usignert(p) -> str | None:
    """A new signing link for the workplace party who has not signed this version."""
    avtale = Avtale.objects.select_related("plassering__deltaker", "plassering__fadder").get(pk=p.objekt_id)
    versjon = siste_versjon(avtale)
    if avtale.status != Avtale.Status.TIL_SIGNERING or versjon is None or p.periode != f"v{versjon.versjon}":
        return "Avtalen er ikke lenger til signering i denne versjonen."
    kontakt = _kontakt(p)
    plassering = avtale.plassering
    leder = leder_for(plassering)
    part = P.LEDER if leder and leder.pk == kontakt.pk else P.FADDER if plassering.fadder_id == kontakt.pk else None
    if part is None:
        return "Kontaktpersonen er ikke lenger part i avtalen."
    if Signatur.objects.filter(dokument=versjon, part=part).exists():
        return "Kontaktpersonen har allerede signert."
    return lenke_send_fra_regel(
        regel=p.regel,
        handling=H.SIGNER_AVTALE,
        part=part,
        deltaker=plassering.deltaker,
        kontaktperson=kontakt,
        plassering=plassering,
        avtale=avtale,
        dokument=versjon,
        gyldig_dager=GYLDIG_DAGER,
    )


def lever_maned_mal(p) -> str | None:
    """The month's link to mark goals; it works until the month ends."""
    plassering = Plassering.objects.select_related("deltaker").get(pk=p.objekt_id)
    idag = timezone.localdate()
    if not plassering.er_aktiv(idag) or plassering.fadder_id != p.kontaktperson_id:
        return "Plasseringen er avsluttet eller har fått en annen fadder."
    neste_maned = (idag.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return lenke_send_fra_regel(
        regel=p.regel,
        handling=H.MARKER_MAL,
        part=P.FADDER,
        deltaker=plassering.deltaker,
        kontaktperson=_kontakt(p),
        plassering=plassering,
        gyldig_dager=(neste_maned - idag).days,
    )


def lever_samtale(p) -> str | None:
    """The workplace's part of the coming vurderingssamtale; the link works through the meeting day."""
    samtale = Vurderingssamtale.objects.select_related("deltaker").get(pk=p.objekt_id)
    idag = timezone.localdate()
    if samtale.holdt_dato or not samtale.planlagt_dato or samtale.planlagt_dato < idag:
        return "Samtalen er holdt eller ikke lenger planlagt."
    plasseringer = list(Plassering.objects.filter(deltaker=samtale.deltaker).select_related("arbeidssted"))
    return lenke_send_fra_regel(
        regel=p.regel,
        handling=H.VURDERINGSSAMTALE,
        part=P.FADDER,
        deltaker=samtale.deltaker,
        kontaktperson=_kontakt(p),
        plassering=gjeldende_plassering(plasseringer, idag),
        samtale=samtale,
        gyldig_dager=(samtale.planlagt_dato - idag).days + 1,
    )
