"""Reads for the pathway: what the case page, the pathway pages and the overview show.

Each selector does its joins up front so the templates never query in loops.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from fagbrev.models import Fagretning, Niva

from . import frister
from .models import (
    Eksamen,
    Fagprove,
    Grunnbelop,
    Kompetansemal,
    Kontraktpermisjon,
    Laerekontrakt,
    Manedstema,
    Norskprove,
    Opplaeringsplanpunkt,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
    Stipendmaned,
    Stipendvedtak,
)

NIVAER = list(Niva.values)


def niva_nadd(niva: str, mal: str) -> bool:
    """Whether a CEFR level reaches the goal ("" = below A1 reaches nothing)."""
    return bool(niva) and NIVAER.index(niva) >= NIVAER.index(mal)


def aktiv_kontrakt(*, deltaker) -> Laerekontrakt | None:
    """The participant's open contract, or else her latest one; checklist and leave prefetched."""
    kontrakter = list(
        Laerekontrakt.objects.filter(deltaker=deltaker)
        .select_related("arbeidsgiver")
        .prefetch_related(
            Prefetch("sjekkpunkter", queryset=Sjekkpunkt.objects.order_by("pk")),
            Prefetch("permisjoner", queryset=Kontraktpermisjon.objects.order_by("fra")),
        )
        .order_by("-start", "-pk")[:5]
    )
    for kontrakt in kontrakter:
        if kontrakt.er_aktiv:
            return kontrakt
    return kontrakter[0] if kontrakter else None


def beregnet_sluttdato(*, kontrakt: Laerekontrakt, fagretning: Fagretning) -> frister.Sluttdato:
    """Uses the prefetched leave: approved leave days extend the contract."""
    return frister.beregn_sluttdato(
        start=kontrakt.start,
        opplaeringstid_maneder=fagretning.opplaeringstid_maneder,
        godskriving_maneder=kontrakt.godskriving_maneder,
        permisjonsdager=sum(p.dager for p in kontrakt.permisjoner.all() if p.godkjent),
    )


@dataclass
class Norskstatus:
    ferdighet: str
    etikett: str
    niva: str | None  # None: not tested
    dato: datetime.date | None
    mal: str | None  # None: the track sets no goal for this skill
    nadd: bool | None


def norsk_status(*, deltaker, prover: list[Norskprove] | None = None) -> list[Norskstatus]:
    """The best result per skill against the track's goal (oral and written have goals)."""
    if prover is None:
        prover = list(Norskprove.objects.filter(deltaker=deltaker).order_by("dato"))
    mal = {
        Norskprove.Ferdighet.MUNTLIG: deltaker.fagretning.norskmal_muntlig,
        Norskprove.Ferdighet.SKRIFTLIG: deltaker.fagretning.norskmal_skriftlig,
    }
    status = []
    for verdi, etikett in Norskprove.Ferdighet.choices:
        beste = None
        for p in prover:
            if p.ferdighet == verdi and (beste is None or _rang(p.niva) >= _rang(beste.niva)):
                beste = p
        m = mal.get(verdi)
        status.append(
            Norskstatus(
                ferdighet=verdi,
                etikett=etikett,
                niva=(beste.niva or "under A1") if beste else None,
                dato=beste.dato if beste else None,
                mal=m,
                nadd=niva_nadd(beste.niva, m) if (beste and m) else None,
            )
        )
    return status


def _rang(niva: str) -> int:
    return NIVAER.index(niva) if niva else -1


@dataclass
class Planfremdrift:
    utfort: int
    totalt: int

    @property
    def prosent(self) -> int:
        return round(100 * self.utfort / self.totalt) if self.totalt else 0


def plan_fremdrift(*, deltaker) -> Planfremdrift:
    tall = Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).aggregate(
        totalt=Count("pk"), utfort=Count("pk", filter=Q(utfort=True))
    )
    return Planfremdrift(utfort=tall["utfort"], totalt=tall["totalt"])


def opplaeringsplan(*, deltaker) -> QuerySet[Opplaeringsplanpunkt]:
    return Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).select_related("kompetansemal").order_by("pk")


@dataclass
class Praksisstatus:
    """`ar` counts periods with a received attest; `ar_registrert` all registered periods."""

    perioder: list[Praksisperiode]
    ar: Decimal
    krav: Decimal
    ar_registrert: Decimal = Decimal(0)

    @property
    def uten_attest(self) -> Decimal:
        return self.ar_registrert - self.ar

    @property
    def gjenstar(self) -> Decimal:
        return max(self.krav - self.ar, Decimal(0))

    @property
    def prosent(self) -> int:
        return min(100, round(100 * self.ar / self.krav)) if self.krav else 100


def praksis_status(*, deltaker) -> Praksisstatus:
    perioder = list(Praksisperiode.objects.filter(deltaker=deltaker).order_by("fra"))
    return Praksisstatus(
        perioder=perioder,
        ar=frister.praksis_ar((p.fra, p.til, p.stillingsprosent) for p in perioder if p.dokumentert),
        krav=deltaker.fagretning.praksiskrav_ar,
        ar_registrert=frister.praksis_ar((p.fra, p.til, p.stillingsprosent) for p in perioder),
    )


@dataclass
class Eksamensstatus:
    eksamener: list[Eksamen]
    fagprover: list[Fagprove]
    skriftlig_bestatt: bool
    utenfor_vindu: list[Eksamen] = field(default_factory=list)

    @property
    def siste_fagprove(self) -> Fagprove | None:
        return self.fagprover[0] if self.fagprover else None


def eksamen_status(*, deltaker) -> Eksamensstatus:
    eksamener = list(Eksamen.objects.filter(deltaker=deltaker).order_by("-pk"))
    for e in eksamener:
        e.vindu = frister.dato_i_vindu(e.pameldt_dato) if e.pameldt_dato else None
    return Eksamensstatus(
        eksamener=eksamener,
        fagprover=list(Fagprove.objects.filter(deltaker=deltaker).order_by("-forsok")),
        skriftlig_bestatt=any(e.resultat == Resultat.BESTATT for e in eksamener),
        utenfor_vindu=[e for e in eksamener if e.pameldt_dato and e.vindu is None],
    )


def kompetansemal_for(*, fagretning: Fagretning) -> QuerySet[Kompetansemal]:
    return Kompetansemal.objects.filter(fagretning=fagretning).order_by("rekkefolge", "pk")


def manedstema_for(*, fagretning: Fagretning, kull_id: int | None = None) -> QuerySet[Manedstema]:
    """The track's monthly topics plus those of the given cohort (none of other cohorts)."""
    qs = Manedstema.objects.filter(fagretning=fagretning).select_related("kull")
    return qs.filter(Q(kull__isnull=True) | Q(kull_id=kull_id)).order_by("maned", "pk")


def grunnbelop_tabell() -> list[tuple[datetime.date, int]]:
    return list(Grunnbelop.objects.order_by("gjelder_fra").values_list("gjelder_fra", "belop"))


def stipend_for(*, deltaker, fra: datetime.date, til: datetime.date) -> frister.Stipend | None:
    """The 4th-intro-year stipend for the period, or None without a birth date."""
    if deltaker.fodselsdato is None:
        return None
    return frister.beregn_stipend(fodselsdato=deltaker.fodselsdato, fra=fra, til=til, grunnbelop=grunnbelop_tabell())


def stipendvedtak_for(*, deltaker) -> list[Stipendvedtak]:
    """The participant's stipend decisions, oldest first, each with its stored months and their sums
    (`total_sum`, `total_imdi`, `total_kommune`). Two queries."""
    return list(
        Stipendvedtak.objects.filter(deltaker=deltaker)
        .select_related("registrert_av")
        .annotate(total_sum=Sum("maneder__sum"), total_imdi=Sum("maneder__imdi"), total_kommune=Sum("maneder__kommune"))
        .prefetch_related(Prefetch("maneder", queryset=Stipendmaned.objects.order_by("maned")))
        .order_by("fra", "pk")
    )
