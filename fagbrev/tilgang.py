"""The access log's write and its read for the case page.

Every look at a participant's personal data calls `tilgang_logg`: the case page, a document
download, an export, the full fødselsnummer. Coordinators see "who has seen this case" on the case
page (the section `seksjon_hvem_har_sett`, registers in fagbrev/seksjoner.py).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Count, Max, Q
from django.http import HttpRequest

from . import permissions
from .models import Oppslag
from .seksjoner import Seksjon, pa_saksside
from .sikkerhet import klient_ip

HVA = Oppslag.Hva


def tilgang_logg(
    *,
    user,
    deltaker_id: int,
    hva: str,
    request: HttpRequest | None = None,
    formal: str = "",
    organisasjon_id: int | None = None,
) -> Oppslag:
    """Write one access-log entry: who (user), which participant, what, from where (request), why."""
    if hva not in HVA.values:
        raise ValueError(f"Ukjent oppslagstype: {hva}")
    if organisasjon_id is None:
        # by label, as a ForeignKey names a model of an app above the core
        Deltaker = apps.get_model("deltakere", "Deltaker")
        organisasjon_id = Deltaker.objects.filter(pk=deltaker_id).values_list("organisasjon_id", flat=True).first()
    return Oppslag.objects.create(
        bruker=user,
        deltaker_id=deltaker_id,
        organisasjon_id=organisasjon_id,
        hva=hva,
        formal=formal[:200],
        ip=klient_ip(request) if request is not None else None,
    )


def hvem_har_sett(*, deltaker_id: int, grense: int = 30) -> list[dict]:
    """One row per person who looked at the case: name, number of looks, last look, full fnr shown."""
    return list(
        Oppslag.objects.filter(deltaker_id=deltaker_id)
        .values("bruker_id", "bruker__first_name", "bruker__last_name", "bruker__username")
        .annotate(
            antall=Count("id"),
            sist=Max("tidspunkt"),
            fnr_vist=Count("id", filter=Q(hva=HVA.FNR_VIST)),
        )
        .order_by("-sist")[:grense]
    )


@pa_saksside(rekkefolge=90)
def seksjon_hvem_har_sett(*, deltaker, user, idag) -> Seksjon | None:
    """Case-page section for coordinators: who has seen this case."""
    if not permissions.can_edit_deltaker(user, deltaker):
        return None
    return Seksjon(
        template="fagbrev/_seksjon_hvem_har_sett.html",
        context={"rader": hvem_har_sett(deltaker_id=deltaker.pk)},
    )
