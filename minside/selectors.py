"""Reads for the participant's page: plain values and querysets with their joins done. Never writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from arbeidsgivere.models import Avtale, Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from deltakere.models import Deltaker
from dokumenter.models import Dokument, Dokumenttype
from fagbrev.models import Oppslag
from lop import frister
from lop.models import Opplaeringsplanpunkt
from lop.selectors import eksamen_status, norsk_status, opplaeringsplan
from medvirkning.models import Signatur
from oppfolging.models import Vurderingssamtale, semester_for

from .models import Deltakerkonto, Loggbokinnlegg, Loggbokkommentar, Selvevaluering


@dataclass
class Neste:
    """One thing that happens next, for the page to say in words: `art` picks the sentence."""

    art: str  # eksamen_apent, eksamen_vindu, eksamen_dato, samtale, fagprove
    fra: datetime.date | None = None
    til: datetime.date | None = None


@dataclass
class Dokumentstatus:
    navn: str
    signert: datetime.date | None
    ma_signere: bool
    avtale_pk: int | None = None
    versjon: Dokument | None = None  # the version she signs (number and SHA-256 shown)
    forventet_navn: str = ""


@dataclass
class Forside:
    neste: list[Neste]
    plan: list[Opplaeringsplanpunkt]
    norsk: list
    plassering: Plassering | None
    dokumenter: list[Dokumentstatus]
    selvevaluering_mangler: bool
    antall_innlegg: int


def neste_for(*, deltaker: Deltaker, na: datetime.datetime) -> list[Neste]:
    """What happens next and when: the written exam's window (lop/frister.py), her exam, the next
    assessment meeting, the fagprøve."""
    idag = timezone.localdate(na)
    neste: list[Neste] = []
    status = eksamen_status(deltaker=deltaker)
    if not status.skriftlig_bestatt:
        kommende = [e for e in status.eksamener if e.eksamensdato and e.eksamensdato >= idag and not e.resultat]
        if kommende:
            neste.append(Neste(art="eksamen_dato", fra=min(e.eksamensdato for e in kommende)))
        else:
            vindu = frister.neste_vindu(na)
            art = "eksamen_apent" if vindu.er_apent(na) else "eksamen_vindu"
            neste.append(Neste(art=art, fra=vindu.forste_dag, til=vindu.siste_dag))
    samtale = (
        Vurderingssamtale.objects.filter(deltaker=deltaker, holdt_dato__isnull=True, planlagt_dato__gte=idag)
        .order_by("planlagt_dato")
        .first()
    )
    if samtale:
        neste.append(Neste(art="samtale", fra=samtale.planlagt_dato))
    fagprove = status.siste_fagprove
    if fagprove and fagprove.provedato and fagprove.provedato >= idag and not fagprove.resultat:
        neste.append(Neste(art="fagprove", fra=fagprove.provedato))
    return sorted(neste, key=lambda n: n.fra or idag)


def plassering_for(*, deltaker: Deltaker, idag: datetime.date) -> Plassering | None:
    plasseringer = list(
        Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted__arbeidsgiver", "fadder")
    )
    return gjeldende_plassering(plasseringer, idag)


def _siste_versjoner(avtaler: list[Avtale]) -> dict[int, Dokument]:
    """The latest version of each agreement, in one query."""
    nokler = {f"avtale:{a.pk}": a.pk for a in avtaler}
    siste: dict[int, Dokument] = {}
    for d in Dokument.objects.filter(type=Dokumenttype.AVTALE, objekt_nokkel__in=nokler).order_by("-versjon"):
        siste.setdefault(nokler[d.objekt_nokkel], d)
    return siste


def dokumenter_for(*, deltaker: Deltaker) -> list[Dokumentstatus]:
    """The participation agreements she has signed or must sign: one «til signering» whose latest
    version she has not signed yet she signs here (medvirkning's `signer_som_deltaker`)."""
    avtaler = Avtale.objects.filter(plassering__deltaker=deltaker).exclude(status=Avtale.Status.UTKAST)
    avtaler = list(avtaler.select_related("plassering__arbeidssted").order_by("-oppstart"))
    siste = _siste_versjoner([a for a in avtaler if a.status == Avtale.Status.TIL_SIGNERING])
    signert = dict(
        Signatur.objects.filter(dokument__in=siste.values(), part=Signatur.Part.DELTAKER).values_list(
            "dokument_id", "tidspunkt"
        )
    )
    ut = []
    for a in avtaler:
        versjon = siste.get(a.pk)
        tidspunkt = signert.get(versjon.pk) if versjon else None
        ut.append(
            Dokumentstatus(
                navn=a.plassering.arbeidssted.navn,
                signert=a.signert_deltaker or (timezone.localdate(tidspunkt) if tidspunkt else None),
                ma_signere=versjon is not None and tidspunkt is None and a.signert_deltaker is None,
                avtale_pk=a.pk,
                versjon=versjon,
                forventet_navn=deltaker.navn,
            )
        )
    return ut


def gjeldende_semester(idag: datetime.date) -> str:
    return semester_for(idag).kode


def forside(*, konto: Deltakerkonto, na: datetime.datetime) -> Forside:
    deltaker = konto.deltaker
    idag = timezone.localdate(na)
    return Forside(
        neste=neste_for(deltaker=deltaker, na=na),
        plan=list(opplaeringsplan(deltaker=deltaker)),
        norsk=norsk_status(deltaker=deltaker),
        plassering=plassering_for(deltaker=deltaker, idag=idag),
        dokumenter=dokumenter_for(deltaker=deltaker),
        selvevaluering_mangler=not Selvevaluering.objects.filter(
            deltaker=deltaker, semester=gjeldende_semester(idag)
        ).exists()
        and not egenvurdering_laast(deltaker_id=deltaker.pk, semester=gjeldende_semester(idag)),
        antall_innlegg=Loggbokinnlegg.objects.filter(deltaker=deltaker).count(),
    )


def loggbok_for(*, deltaker: Deltaker) -> QuerySet[Loggbokinnlegg]:
    return (
        Loggbokinnlegg.objects.filter(deltaker=deltaker)
        .prefetch_related(
            "planpunkter",
            Prefetch("kommentarer", queryset=Loggbokkommentar.objects.select_related("forfatter", "fadder")),
        )
        .order_by("-opprettet", "-pk")
    )


def samtale_for(*, deltaker: Deltaker, semester: str) -> Vurderingssamtale | None:
    return Vurderingssamtale.objects.filter(deltaker=deltaker, semester=semester).first()


def egenvurdering_laast(*, deltaker_id: int, semester: str) -> bool:
    """Her self-evaluation is for the meeting: once the semester's vurderingssamtale has been held, it
    is part of the record and stays as it was."""
    holdt = Vurderingssamtale.objects.filter(deltaker_id=deltaker_id, semester=semester, holdt_dato__isnull=False)
    return holdt.exists()


def selvevaluering_for(*, deltaker_id: int, semester: str) -> Selvevaluering | None:
    return Selvevaluering.objects.filter(deltaker_id=deltaker_id, semester=semester).first()


@dataclass
class Skrivehyppighet:
    totalt: int
    siste_30_dager: int
    sist: datetime.datetime | None


def skrivehyppighet(*, deltaker_id: int, na: datetime.datetime) -> Skrivehyppighet:
    """How often she writes, for the coordinator: counts only, never the text. One query."""
    tall = Loggbokinnlegg.objects.filter(deltaker_id=deltaker_id).aggregate(
        totalt=Count("pk"),
        siste=Count("pk", filter=Q(opprettet__gte=na - datetime.timedelta(days=30))),
        sist=Max("opprettet"),
    )
    return Skrivehyppighet(totalt=tall["totalt"], siste_30_dager=tall["siste"], sist=tall["sist"])


# The access log's purpose of a look through her fadder's link (logged on the sender's authority).
FADDERLENKE_FORMAL = "Via fadderlenke"


def fadderlenke_formal(lenke) -> str:
    return f"{FADDERLENKE_FORMAL} ({lenke.pk}): fadderen {lenke.fadder.navn}"


def hvem_har_sett_meg(*, konto: Deltakerkonto) -> list[dict]:
    """Who has looked at her case (the access log): each person by name, her fadder's looks by link
    under the fadder's name, her own looks left out. Two queries."""
    logg = Oppslag.objects.filter(deltaker_id=konto.deltaker_id)
    personer = (
        logg.exclude(formal__startswith=FADDERLENKE_FORMAL)
        .exclude(bruker_id=konto.user_id)
        .values("bruker_id", "bruker__first_name", "bruker__last_name", "bruker__username")
        .annotate(antall=Count("id"), sist=Max("tidspunkt"))
        .order_by("-sist")[:50]
    )
    faddere = (
        logg.filter(formal__startswith=FADDERLENKE_FORMAL)
        .values("formal")
        .annotate(antall=Count("id"), sist=Max("tidspunkt"))
        .order_by("-sist")[:50]
    )
    rader = [
        {
            "navn": f"{r['bruker__first_name']} {r['bruker__last_name']}".strip() or r["bruker__username"],
            "fadder": False,
            "antall": r["antall"],
            "sist": r["sist"],
        }
        for r in personer
    ]
    rader += [
        {"navn": r["formal"].partition("fadderen ")[2], "fadder": True, "antall": r["antall"], "sist": r["sist"]}
        for r in faddere
    ]
    return sorted(rader, key=lambda r: r["sist"], reverse=True)
