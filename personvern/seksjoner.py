"""The case page's privacy section: the innsyn link and, for a closed case, when it is anonymised."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from fagbrev.models import Organisasjon
from fagbrev.seksjoner import Seksjon, pa_saksside

from .anonymisering import _ar_etter
from .permissions import can_export_innsyn


@pa_saksside(rekkefolge=95)
def saksside(*, deltaker, user, idag) -> Seksjon | None:
    """Coordinators only. No query for an open case; one for a closed case (its end date)."""
    if not can_export_innsyn(user, deltaker):
        return None
    org = deltaker.organisasjon
    anonymiseres = None
    if deltaker.er_avsluttet and org.oppbevaring == Organisasjon.Oppbevaring.ANONYMISER:
        avsluttet = deltaker.statusendringer.filter(til_status=deltaker.status).aggregate(d=Max("dato"))["d"]
        anonymiseres = _ar_etter(avsluttet or timezone.localdate(deltaker.endret), org.anonymiser_etter_ar)
    return Seksjon(
        template="personvern/_seksjon_personvern.html",
        context={"deltaker": deltaker, "org": org, "anonymiseres": anonymiseres},
    )
