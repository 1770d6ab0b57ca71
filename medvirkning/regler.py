"""Reminder rules that send the workplace a link for one task. Registered in the core's registry
(fagbrev/regler.py) when `MedvirkningConfig.ready()` imports this module; the engine (paminnelser)
makes the rows with the same exactly-once key as every other reminder — (rule, object, period,
contact person) — and calls the rule's `levering` (services_paminnelser) to make and mail the link.

Each rule reads a few queries for the whole installation and writes nothing. Each link's lifetime is
the rule's: 14 days for a signature, the rest of the month for the month's goals, through the meeting
day for the vurderingssamtale.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from arbeidsgivere.models import Avtale, Kontaktperson, Plassering
from deltakere.models import Deltaker
from dokumenter.models import Dokument, Dokumenttype
from fagbrev.datoregning import dato_tekst
from fagbrev.regler import Art, Forfall, regel
from lop.models import Opplaeringsplanpunkt
from oppfolging.models import FERDIGHETER, Vurderingssamtale

from .models import Signatur
from .services_paminnelser import lever_avtale_usignert, lever_maned_mal, lever_samtale

AVTALE_USIGNERT_DAGER = 7  # the workplace has not signed this version a week after it was sent
MANED_MAL_SENDES_DAGER = 7  # the month's goals: from the 1st, at the latest in the first week
SAMTALE_DAGER_FOR = 7  # the workplace's part: a week before the meeting
I_LOPET = [Deltaker.Status.I_OPPLAERING, Deltaker.Status.TEORI_BESTATT, Deltaker.Status.FAGPROVE_MELDT_OPP]
SAMTYKKE = "deltaker__inntakssamtale__samtykke_signert"


@regel("medvirkning.avtale_usignert", rekkefolge=200, levering=lever_avtale_usignert)
def avtale_usignert(idag: datetime.date) -> Iterator[Forfall]:
    """The agreement's latest version has waited AVTALE_USIGNERT_DAGER for the leder's or the fadder's
    signature: a new signing link to whoever of them has not signed. Once per version and person.
    Four queries."""
    avtaler = {
        pk: rad
        for pk, *rad in Avtale.objects.filter(
            **{f"plassering__{SAMTYKKE}": True},
            status=Avtale.Status.TIL_SIGNERING,
            plassering__deltaker__status__in=I_LOPET,
        ).values_list(
            "pk",
            "organisasjon_id",
            "plassering__arbeidssted_id",
            "plassering__fadder_id",
            "plassering__deltaker__fornavn",
        )
    }
    if not avtaler:
        return
    siste: dict[int, tuple[int, int, datetime.datetime]] = {}
    for nokkel, dok_id, versjon, laget in Dokument.objects.filter(
        type=Dokumenttype.AVTALE, objekt_nokkel__in=[f"avtale:{pk}" for pk in avtaler]
    ).values_list("objekt_nokkel", "pk", "versjon", "laget"):
        pk = int(nokkel.split(":")[1])
        if pk not in siste or versjon > siste[pk][1]:
            siste[pk] = (dok_id, versjon, laget)
    signert = set(
        Signatur.objects.filter(dokument_id__in=[d for d, _, _ in siste.values()]).values_list("dokument_id", "part")
    )
    ledere: dict[int, int] = {}
    for sted_id, kp_id in (
        Kontaktperson.objects.filter(arbeidssted_id__in={r[1] for r in avtaler.values()}, rolle="leder", aktiv=True)
        .order_by("-pk")
        .values_list("arbeidssted_id", "pk")
    ):
        ledere[sted_id] = kp_id  # the first active leder wins (as leder_for)
    grense = idag - datetime.timedelta(days=AVTALE_USIGNERT_DAGER)
    for pk, (org_id, sted_id, fadder_id, fornavn) in avtaler.items():
        if pk not in siste or timezone.localtime(siste[pk][2]).date() > grense:
            continue
        dok_id, versjon, _ = siste[pk]
        for part, kp_id in (("leder", ledere.get(sted_id)), ("fadder", fadder_id)):
            if kp_id and (dok_id, part) not in signert:
                yield Forfall(
                    objekt_type=Avtale,
                    objekt_id=pk,
                    periode=f"v{versjon}",
                    kontaktperson_id=kp_id,
                    tittel=f"Avtalen om deltakelse for {fornavn} venter på din signatur",
                    lenke="",
                    art=Art.TILTAK,
                    organisasjon_id=org_id,
                )


@regel("medvirkning.maned_mal", rekkefolge=210, levering=lever_maned_mal)
def maned_mal(idag: datetime.date) -> Iterator[Forfall]:
    """In the first week of each month, the fadder of each running placement whose participant has
    goals left in the training plan gets the month's link to mark them. One query."""
    if idag.day > MANED_MAL_SENDES_DAGER:
        return
    forste = idag.replace(day=1)
    apne_mal = Opplaeringsplanpunkt.objects.filter(deltaker_id=OuterRef("deltaker_id"), utfort=False)
    plasseringer = (
        Plassering.objects.filter(
            Q(til__isnull=True) | Q(til__gte=idag),
            Exists(apne_mal),
            fra__lte=idag,
            fadder__aktiv=True,
            deltaker__status__in=I_LOPET,
            **{SAMTYKKE: True},
        )
        .exclude(fadder__epost="")
        .values_list("pk", "fadder_id", "organisasjon_id", "deltaker__fornavn")
    )
    for pk, fadder_id, org_id, fornavn in plasseringer:
        yield Forfall(
            objekt_type=Plassering,
            objekt_id=pk,
            periode=f"{idag:%Y-%m}",
            kontaktperson_id=fadder_id,
            tittel=f"Marker denne månedens mål i opplæringsplanen for {fornavn}",
            lenke="",
            art=Art.MANEDSTEMA,
            organisasjon_id=org_id,
            sendes_senest=forste + datetime.timedelta(days=MANED_MAL_SENDES_DAGER - 1),
        )


@regel("medvirkning.samtale_arbeidssted", rekkefolge=220, levering=lever_samtale)
def samtale_arbeidssted(idag: datetime.date) -> Iterator[Forfall]:
    """A vurderingssamtale is planned within SAMTALE_DAGER_FOR days and the workplace's part is empty:
    the fadder (the meeting's, else the running placement's) gets a link to fill it in. Two queries."""
    tom = Q(laert_arbeidsgiver="", **dict.fromkeys(FERDIGHETER, ""))
    samtaler = list(
        Vurderingssamtale.objects.filter(
            tom,
            holdt_dato__isnull=True,
            planlagt_dato__gt=idag,
            planlagt_dato__lte=idag + datetime.timedelta(days=SAMTALE_DAGER_FOR),
            deltaker__status__in=I_LOPET,
            **{SAMTYKKE: True},
        ).values_list("pk", "fadder_id", "planlagt_dato", "deltaker_id", "organisasjon_id", "deltaker__fornavn")
    )
    uten = {r[3] for r in samtaler if not r[1]}
    faddere = (
        dict(
            Plassering.objects.filter(Q(til__isnull=True) | Q(til__gte=idag), deltaker_id__in=uten, fra__lte=idag)
            .exclude(fadder__isnull=True)
            .values_list("deltaker_id", "fadder_id")
        )
        if uten
        else {}
    )
    for pk, fadder_id, dato, deltaker_id, org_id, fornavn in samtaler:
        kp_id = fadder_id or faddere.get(deltaker_id)
        if kp_id:
            yield Forfall(
                objekt_type=Vurderingssamtale,
                objekt_id=pk,
                periode=dato.isoformat(),
                kontaktperson_id=kp_id,
                tittel=f"Fyll ut arbeidsplassens del før vurderingssamtalen med {fornavn} {dato_tekst(dato)}",
                lenke="",
                art=Art.VURDERINGSSAMTALE,
                organisasjon_id=org_id,
                sendes_senest=dato - datetime.timedelta(days=1),
            )
