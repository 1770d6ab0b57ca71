"""Reads: a case's links and the agreement's signing state, the sections for the case page and my
overview, and permission-checked lookups of links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from arbeidsgivere.models import Avtale, Evaluering, Kontaktperson, Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from dokumenter.models import Dokument, Dokumenttype
from fagbrev.permissions import KOORDINATOR, deltaker_scope
from fagbrev.seksjoner import Seksjon, pa_oversikt, pa_saksside
from oppfolging.models import Vurderingssamtale

from .models import Lenke, Signatur
from .permissions import can_see_lenker, can_send_lenker, can_sign_for_kommune

H = Lenke.Handling
TILSTAND = {
    "aktiv": "Venter",
    "ikke_sendt": "Sendes",
    "brukt": "Brukt",
    "utlopt": "Utløpt",
    "trukket": "Trukket tilbake",
}


def get_lenke_for_user(user, pk: int, *, write: bool = False) -> Lenke:
    """A link is as visible as its participant's case; only coordinators change it."""
    try:
        lenke = (
            Lenke.objects.filter(deltaker_scope(user, "deltaker__"))
            .select_related("deltaker", "kontaktperson", "avtale", "plassering", "samtale")
            .get(pk=pk)
        )
    except Lenke.DoesNotExist:
        raise Http404("Fant ikke lenken.") from None
    if write and not can_send_lenker(user, lenke.deltaker):
        raise PermissionDenied("Du kan se denne lenken, men ikke endre den.")
    return lenke


@dataclass
class Lenkerad:
    lenke: Lenke
    tilstand: str

    @property
    def tilstand_tekst(self) -> str:
        return TILSTAND[self.tilstand]

    @property
    def venter(self) -> bool:
        return self.tilstand in ("aktiv", "ikke_sendt")


@dataclass
class Partstatus:
    part: str
    navn: str
    signatur: Signatur | None
    lenke: Lenke | None


def _rader(lenker, naa) -> list[Lenkerad]:
    return [Lenkerad(lenke=lenke, tilstand=lenke.tilstand(naa)) for lenke in lenker]


def siste_versjon(avtale: Avtale) -> Dokument | None:
    return (
        Dokument.objects.filter(type=Dokumenttype.AVTALE, objekt_nokkel=f"avtale:{avtale.pk}")
        .order_by("-versjon")
        .first()
    )


def leder_for(plassering: Plassering) -> Kontaktperson | None:
    """The workplace's leder (the first active one)."""
    return (
        Kontaktperson.objects.filter(arbeidssted_id=plassering.arbeidssted_id, rolle="leder", aktiv=True)
        .order_by("pk")
        .first()
    )


def signaturparter(avtale: Avtale) -> dict[str, tuple[str, Kontaktperson | None]]:
    """The parties who sign by link, with the name each must type: participant, leder, fadder.
    (The kommune signs in the app; its name is the signing coordinator's own.)"""
    plassering = avtale.plassering
    leder = leder_for(plassering)
    return {
        Signatur.Part.DELTAKER: (plassering.deltaker.navn, None),
        Signatur.Part.LEDER: (leder.navn if leder else "", leder),
        Signatur.Part.FADDER: (plassering.fadder.navn if plassering.fadder_id else "", plassering.fadder),
    }


def signeringsstatus(*, avtale: Avtale, lenker: list[Lenkerad]) -> dict:
    """Each party of the latest version: signed (when, how) or waiting (for whom, since when)."""
    versjon = siste_versjon(avtale)
    signaturer = {s.part: s for s in Signatur.objects.filter(dokument=versjon)} if versjon else {}
    navn = {part: n for part, (n, _) in signaturparter(avtale).items()}
    navn[Signatur.Part.KOMMUNE] = "Fagbrevkoordinatoren"
    venter = {
        r.lenke.part: r.lenke
        for r in reversed(lenker)
        if r.venter and r.lenke.handling == H.SIGNER_AVTALE and r.lenke.dokument_id == (versjon.pk if versjon else None)
    }
    parter = [
        Partstatus(part=Signatur.Part(p).label, navn=navn.get(p, ""), signatur=signaturer.get(p), lenke=venter.get(p))
        for p in Signatur.Part.values
    ]
    return {"avtale": avtale, "versjon": versjon, "parter": parter}


def medvirkning_side(*, deltaker, user, idag: datetime.date) -> dict:
    naa = timezone.now()
    lenker = _rader(
        Lenke.objects.filter(deltaker=deltaker)
        .select_related("kontaktperson", "sendt_av", "dokument")
        .order_by("-opprettet", "-pk")[:50],
        naa,
    )
    plasseringer = list(
        Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted", "fadder").order_by("-fra", "-pk")
    )
    plassering = gjeldende_plassering(plasseringer, idag)
    avtale = (
        Avtale.objects.filter(plassering=plassering).exclude(status=Avtale.Status.AVSLUTTET).first()
        if plassering
        else None
    )
    samtale = Vurderingssamtale.objects.filter(deltaker=deltaker).order_by("-semester").first()
    avsluttet = max((p for p in plasseringer if p.til), key=lambda p: (p.til, p.pk), default=None)
    evaluering = Evaluering.objects.filter(plassering=avsluttet).first() if avsluttet else None
    return {
        "deltaker": deltaker,
        "plassering": plassering,
        "avtale": avtale,
        "signering": signeringsstatus(avtale=avtale, lenker=lenker) if avtale else None,
        "samtale": samtale,
        "lenker": lenker,
        "avsluttet": avsluttet,
        "evaluering": evaluering,
        "kan_sende": can_send_lenker(user, deltaker),
        "kan_signere": bool(avtale) and can_sign_for_kommune(user, avtale),
    }


@pa_saksside(rekkefolge=35)
def saksside(*, deltaker, user, idag: datetime.date) -> Seksjon | None:
    """Case-page section: what waits for whom at the workplace, since when. Two queries."""
    if not can_see_lenker(user, deltaker):
        return None
    naa = timezone.now()
    rader = _rader(
        Lenke.objects.filter(deltaker=deltaker, trukket__isnull=True, utloper__gt=naa)
        .select_related("kontaktperson")
        .order_by("opprettet", "pk")[:20],
        naa,
    )
    venter = [r for r in rader if r.venter]
    return Seksjon(
        template="medvirkning/_seksjon_saksside.html",
        context={
            "deltaker": deltaker,
            "venter": venter,
            "kan_sende": can_send_lenker(user, deltaker),
            "neste": f"/deltakere/{deltaker.pk}/",
        },
    )


@pa_oversikt(rekkefolge=45)
def oversikt(*, user, idag: datetime.date) -> Seksjon | None:
    """My overview, for coordinators: links still waiting, oldest first. One query."""
    orgs = user.organisasjoner_med(KOORDINATOR) if user.is_authenticated else set()
    if not orgs:
        return None
    naa = timezone.now()
    venter = list(
        Lenke.objects.filter(organisasjon_id__in=orgs, trukket__isnull=True, utloper__gt=naa)
        .filter(brukt__isnull=True)
        .select_related("deltaker", "kontaktperson")
        .order_by("opprettet", "pk")[:15]
    )
    if not venter:
        return None
    return Seksjon(template="medvirkning/_seksjon_oversikt.html", context={"venter": venter})
