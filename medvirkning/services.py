"""Writes of this app. Links (make, mail, withdraw, check) live in `services_lenker`, signing in
`services_signering`; this module holds what a person does through a link and the coordinator's
«send» on the case, and is the one import for the rest (views, tests, other apps).

What a person does through a link is written by the owning app's service (arbeidsgivere, lop,
oppfolging) on the authority of the staff member who sent the link — those services and their
revision tables need a User — and the event written here beside it names the person at the workplace
who actually did it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbeidsgivere import services as arbeidsgivere_services
from arbeidsgivere.models import Avtale, Evaluering, Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from deltakere.models import Deltaker
from fagbrev.models import User
from fagbrev.services import pakrevd_tekst
from lop.models import Opplaeringsplanpunkt
from lop.services import planpunkt_endre
from oppfolging.models import FERDIGHETER, Vurderingssamtale
from oppfolging.services import vurderingssamtale_endre

from .models import Lenke
from .selectors import leder_for
from .services_lenker import (
    lenke_apnet,
    lenke_er_gyldig,
    lenke_finn,
    lenke_lag,
    lenke_las,
    lenke_merk_brukt,
    lenke_opprett,
    lenke_send_igjen,
    lenke_trekk,
)
from .services_signering import (
    _bekreft_ekstra,
    avtale_send_til_signering,
    normaliser_navn,
    signaturside_kontekst,
    signer_med_lenke,
    signer_som_ansatt,
    signer_som_deltaker,
)
from .utsending import epost_send_lenke, lenke_send, token_hash

__all__ = [
    "avtale_send_til_signering",
    "ekstra_bekreft_med_lenke",
    "epost_send_lenke",
    "evaluering_fyll_ut_med_lenke",
    "lenke_apnet",
    "lenke_er_gyldig",
    "lenke_finn",
    "lenke_lag",
    "lenke_opprett",
    "lenke_send",
    "lenke_send_igjen",
    "lenke_trekk",
    "mal_marker_med_lenke",
    "normaliser_navn",
    "oppgave_send",
    "samtale_fyll_ut_med_lenke",
    "signaturside_kontekst",
    "signer_med_lenke",
    "signer_som_ansatt",
    "signer_som_deltaker",
    "token_hash",
]

H = Lenke.Handling
P = Lenke.Part

# the workplace's part of the follow-up form: the general skills, and the employer's texts
SAMTALE_ARBEIDSSTED = (*FERDIGHETER, "laert_arbeidsgiver", "ma_forbedre", "tiltak_arbeidsgiver")
# the employer's part of the final evaluation of the practice place
EVALUERING_ARBEIDSSTED = ("arbeidsgiver_bra", "arbeidsgiver_forbedre")


def _plassering(deltaker: Deltaker, idag: datetime.date) -> Plassering | None:
    plasseringer = list(
        Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted", "fadder").order_by("-fra", "-pk")
    )
    return gjeldende_plassering(plasseringer, idag)


def _siste_avsluttede(deltaker: Deltaker) -> Plassering | None:
    return (
        Plassering.objects.filter(deltaker=deltaker, til__isnull=False)
        .select_related("arbeidssted", "fadder")
        .order_by("-til", "-pk")
        .first()
    )


@transaction.atomic
def oppgave_send(*, deltaker: Deltaker, handling: str, utfort_av: User, idag: datetime.date) -> list[Lenke]:
    """The coordinator's «send» on the case: find what the task is about today and send the link(s)."""
    plassering = _plassering(deltaker, idag)
    felles = {"handling": handling, "deltaker": deltaker, "utfort_av": utfort_av}
    if handling == H.VURDERINGSSAMTALE:
        samtale = (
            Vurderingssamtale.objects.filter(deltaker=deltaker).select_related("fadder").order_by("-semester").first()
        )
        if samtale is None:
            raise ValidationError("Planlegg vurderingssamtalen først.")
        fadder = samtale.fadder or (plassering.fadder if plassering else None)
        return [lenke_opprett(**felles, part=P.FADDER, kontaktperson=fadder, plassering=plassering, samtale=samtale)]
    if handling == H.EVALUERE_PLASSERING:
        avsluttet = _siste_avsluttede(deltaker)
        if avsluttet is None:
            raise ValidationError("Sluttevalueringen sendes når praksisplasseringen er avsluttet.")
        evaluering = Evaluering.objects.filter(plassering=avsluttet).first()
        if evaluering is None:
            raise ValidationError(
                "Registrer kommunens del av sluttevalueringen først, så arbeidsstedet kan fylle ut sin."
            )
        if evaluering.arbeidsgiver_bra:
            raise ValidationError("Arbeidsstedet har allerede fylt ut sin del av sluttevalueringen.")
        return [lenke_opprett(**felles, part=P.FADDER, kontaktperson=avsluttet.fadder, plassering=avsluttet)]
    if plassering is None:
        raise ValidationError("Deltakeren har ingen praksisplass nå.")
    if handling == H.BEKREFT_EKSTRA:
        if plassering.ekstra_person_bekreftet:
            raise ValidationError("Lederen har allerede bekreftet at deltakeren er ekstra person.")
        return [lenke_opprett(**felles, part=P.LEDER, kontaktperson=leder_for(plassering), plassering=plassering)]
    if handling == H.MARKER_MAL:
        if not Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).exists():
            raise ValidationError("Opplæringsplanen har ingen punkter ennå.")
        return [lenke_opprett(**felles, part=P.FADDER, kontaktperson=plassering.fadder, plassering=plassering)]
    if handling == H.SIGNER_AVTALE:
        avtale = Avtale.objects.filter(plassering=plassering).exclude(status=Avtale.Status.AVSLUTTET).first()
        if avtale is None:
            raise ValidationError("Lag avtalen om deltakelse først.")
        return avtale_send_til_signering(avtale=avtale, utfort_av=utfort_av)
    raise ValidationError("Ukjent oppgave.")


# --- what a person does through a link ------------------------------------------------------------


@transaction.atomic
def ekstra_bekreft_med_lenke(*, lenke: Lenke) -> None:
    lenke = lenke_las(lenke, H.BEKREFT_EKSTRA)
    _bekreft_ekstra(lenke=lenke, plassering=Plassering.objects.get(pk=lenke.plassering_id))
    lenke_merk_brukt(lenke, "bekreftet at deltakeren er ekstra person")


@transaction.atomic
def mal_marker_med_lenke(*, lenke: Lenke, verdier: dict[int, dict]) -> int:
    """The fadder marks goals of the training plan: {punkt pk: {"utfort": bool, "fadder_vurdering": str}}.
    Only points of this participant; only changed points are written. Returns how many changed."""
    lenke = lenke_las(lenke, H.MARKER_MAL)
    gyldige = set(Opplaeringsplanpunkt.Vurdering.values) | {""}
    endret = 0
    for punkt in Opplaeringsplanpunkt.objects.filter(deltaker=lenke.deltaker, pk__in=list(verdier)):
        nytt = verdier[punkt.pk]
        felter = {}
        if bool(nytt.get("utfort")) != punkt.utfort:
            felter["utfort"] = bool(nytt.get("utfort"))
        vurdering = nytt.get("fadder_vurdering", punkt.fadder_vurdering)
        if vurdering not in gyldige:
            raise ValidationError("Velg en vurdering fra listen.")
        if vurdering != punkt.fadder_vurdering:
            felter["fadder_vurdering"] = vurdering
        if felter.get("utfort") and not punkt.dato:
            felter["dato"] = timezone.localdate()
        if felter:
            planpunkt_endre(punkt=punkt, utfort_av=lenke.sendt_av, **felter)
            endret += 1
    if endret:
        lenke_merk_brukt(lenke, f"oppdaterte {endret} punkt{'er' if endret != 1 else ''} i opplæringsplanen")
    return endret


@transaction.atomic
def samtale_fyll_ut_med_lenke(*, lenke: Lenke, felter: dict) -> Vurderingssamtale:
    """The fadder fills in the workplace's part of the vurderingssamtale (ratings and the employer's texts)."""
    lenke = lenke_las(lenke, H.VURDERINGSSAMTALE)
    ukjente = set(felter) - set(SAMTALE_ARBEIDSSTED)
    if ukjente:
        raise ValueError(f"Ukjente felt: {sorted(ukjente)}")
    samtale = vurderingssamtale_endre(
        samtale=Vurderingssamtale.objects.get(pk=lenke.samtale_id),
        utfort_av=lenke.sendt_av,
        idag=timezone.localdate(),
        **felter,
    )
    lenke_merk_brukt(lenke, "fylte ut arbeidsstedets del av vurderingssamtalen")
    return samtale


@transaction.atomic
def evaluering_fyll_ut_med_lenke(*, lenke: Lenke, felter: dict) -> Evaluering:
    """The fadder evaluates the ended placement: the employer's part of the final evaluation (what was
    good, what can improve). Once: the link is used up."""
    lenke = lenke_las(lenke, H.EVALUERE_PLASSERING)
    ukjente = set(felter) - set(EVALUERING_ARBEIDSSTED)
    if ukjente:
        raise ValueError(f"Ukjente felt: {sorted(ukjente)}")
    pakrevd_tekst(
        felter.get("arbeidsgiver_bra"), felt="arbeidsgiver_bra", melding="Skriv hva som var bra med praksisperioden."
    )
    evaluering = arbeidsgivere_services.evaluering_endre(
        evaluering=Evaluering.objects.select_related("plassering__arbeidssted").get(plassering_id=lenke.plassering_id),
        utfort_av=lenke.sendt_av,
        **felter,
    )
    lenke_merk_brukt(lenke, "fylte ut arbeidsstedets del av sluttevalueringen")
    return evaluering
