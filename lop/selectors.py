"""Reads for the pathway: what the case page, the pathway pages and the overview show.

Each selector does its joins up front so the templates never query in loops.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from deltakere import statusgrupper
from deltakere.models import Permisjon
from fagbrev.models import Fagretning, Niva

from . import frister
from .models import (
    Eksamen,
    Fagprove,
    Grunnbelop,
    Kompetansemal,
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


def gjelder_praksiskandidat(deltaker) -> bool:
    """Whether the practice-year record and the 4th-intro-year stipend concern this case: a
    praksiskandidat, or a case with no route yet on a track that offers that route. An alternativt
    løp or Fagbrev på jobb case has neither (issue #20: their tabs are hidden). No query beyond the
    track, which the pathway pages have fetched already."""
    praksis = Fagretning.Rute.PRAKSISKANDIDAT
    if deltaker.rute:
        return deltaker.rute == praksis
    return praksis in (deltaker.fagretning.ruter or [])


def eksamener_uten_pamelding(vindu) -> QuerySet[Eksamen]:
    """Planned exams for the window's term with no registration date, of participants in a pathway:
    whom the reminders (lop/regler.py) and the Monday overview (lop/kalender.py) name as not registered."""
    return Eksamen.objects.filter(
        termin__iexact=vindu.navn, pameldt_dato__isnull=True, deltaker__status__in=statusgrupper.AKTIV
    )


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
        )
        .order_by("-start", "-pk")[:5]
    )
    for kontrakt in kontrakter:
        if kontrakt.er_aktiv:
            return kontrakt
    return kontrakter[0] if kontrakter else None


def kontrakt_permisjoner(*, kontrakt: Laerekontrakt) -> list[Permisjon]:
    """The case's leave (registered once, on the case), oldest first: what may move the contract's end."""
    return list(Permisjon.objects.filter(deltaker_id=kontrakt.deltaker_id).order_by("fra", "pk"))


def beregnet_sluttdato(
    *,
    kontrakt: Laerekontrakt,
    fagretning: Fagretning,
    permisjoner: list[Permisjon] | None = None,
    med_ventende: bool = False,
) -> frister.Sluttdato:
    """The contract's end by the rule (lop/frister.py): the county-approved leave days inside it lengthen
    it; `med_ventende` also counts leave still waiting for approval (what it would move the end to)."""
    if permisjoner is None:
        permisjoner = kontrakt_permisjoner(kontrakt=kontrakt)
    return frister.beregn_sluttdato(
        start=kontrakt.start,
        opplaeringstid_maneder=fagretning.opplaeringstid_maneder,
        godskriving_maneder=kontrakt.godskriving_maneder,
        permisjoner=[(p.fra, p.til) for p in permisjoner if p.godkjent_av_fylket or med_ventende],
    )


@dataclass
class Kontraktslutt:
    """The end date with approved leave, the leaves and their days inside the contract, and where the
    end would move if the leave waiting for the county were approved (None when nothing waits)."""

    beregnet: frister.Sluttdato
    permisjoner: list[tuple[Permisjon, int]]
    med_ventende: frister.Sluttdato | None


def kontraktslutt(*, kontrakt: Laerekontrakt, fagretning: Fagretning) -> Kontraktslutt:
    permisjoner = kontrakt_permisjoner(kontrakt=kontrakt)
    beregnet = beregnet_sluttdato(kontrakt=kontrakt, fagretning=fagretning, permisjoner=permisjoner)
    ventende = None
    if any(not p.godkjent_av_fylket for p in permisjoner):
        ventende = beregnet_sluttdato(
            kontrakt=kontrakt, fagretning=fagretning, permisjoner=permisjoner, med_ventende=True
        )
    slutt = (ventende or beregnet).dato
    return Kontraktslutt(
        beregnet=beregnet,
        permisjoner=[
            (p, frister.permisjonsdager_i_perioden([(p.fra, p.til)], kontrakt.start, slutt)) for p in permisjoner
        ],
        med_ventende=ventende,
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
    """Documented practice against the track's requirement, compared exactly in percent-days.

    `prosentdager` counts periods with a received attest, `prosentdager_registrert` all registered
    periods; the years shown are rounded down, what remains is rounded up, so "oppfylt" and
    "gjenstår 0,01 år" never disagree with the exact comparison.
    """

    perioder: list[Praksisperiode]
    prosentdager: int
    krav: Decimal
    prosentdager_registrert: int = 0

    @property
    def ar(self) -> Decimal:
        return frister.praksis_ar_fra_prosentdager(self.prosentdager)

    @property
    def ar_registrert(self) -> Decimal:
        return frister.praksis_ar_fra_prosentdager(self.prosentdager_registrert)

    @property
    def uten_attest(self) -> Decimal:
        return frister.praksis_ar_fra_prosentdager(self.prosentdager_registrert - self.prosentdager)

    @property
    def krav_prosentdager(self) -> int:
        return frister.praksis_krav_prosentdager(self.krav)

    @property
    def oppfylt(self) -> bool:
        return self.prosentdager >= self.krav_prosentdager

    @property
    def gjenstar(self) -> Decimal:
        mangler = max(self.krav_prosentdager - self.prosentdager, 0)
        return (Decimal(mangler) / Decimal(100 * frister.DAGER_PER_PRAKSISAR)).quantize(
            Decimal("0.01"), rounding=ROUND_UP
        )

    @property
    def prosent(self) -> int:
        if not self.krav_prosentdager:
            return 100
        return min(100, 100 * self.prosentdager // self.krav_prosentdager)


def praksis_status(*, deltaker) -> Praksisstatus:
    perioder = list(Praksisperiode.objects.filter(deltaker=deltaker).order_by("fra"))
    return Praksisstatus(
        perioder=perioder,
        prosentdager=frister.praksis_prosentdager(
            (p.fra, p.til, p.stillingsprosent) for p in perioder if p.dokumentert
        ),
        krav=deltaker.fagretning.praksiskrav_ar,
        prosentdager_registrert=frister.praksis_prosentdager((p.fra, p.til, p.stillingsprosent) for p in perioder),
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


def eksamen_status(*, deltaker, har_kontrakt: bool = True) -> Eksamensstatus:
    """Her exams and fagprøver. `har_kontrakt=False` when the caller read that she has no learning contract
    at all: a fagprøve is ordered on one of her contracts (Fagprove.kontrakt), so there is none to read."""
    eksamener = list(Eksamen.objects.filter(deltaker=deltaker).order_by("-pk"))
    for e in eksamener:
        e.vindu = frister.dato_i_vindu(e.pameldt_dato) if e.pameldt_dato else None
    return Eksamensstatus(
        eksamener=eksamener,
        fagprover=list(Fagprove.objects.filter(deltaker=deltaker).order_by("-forsok")) if har_kontrakt else [],
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


_HENT = object()  # fagprove_hindringer: fetch the contract (the case page passes the one it has)


def fagprove_hindringer(
    *, deltaker, idag: datetime.date, kontrakt=_HENT, eksamen: Eksamensstatus | None = None
) -> list[str]:
    """Why the fagprøve cannot be ordered for this participant today (empty: it can) — the one rule
    the service enforces and the exam page and the case page show.

    An active contract with an end date, no open or passed attempt, the written exam passed, today
    inside the organisation's window before the contract's end, and for a praksiskandidat the
    track's practice requirement documented in full (or an exemption with its reason on the contract).
    `eksamen`: the participant's exams and fagprøver if the caller has them (the case page), else fetched.
    """
    if eksamen is not None:
        resultater = [f.resultat for f in eksamen.fagprover]
    else:
        resultater = list(Fagprove.objects.filter(deltaker=deltaker).values_list("resultat", flat=True))
    if Resultat.BESTATT in resultater:
        return ["Deltakeren har allerede bestått fagprøven."]
    if kontrakt is _HENT:
        kontrakt = aktiv_kontrakt(deltaker=deltaker)
    if not (kontrakt and kontrakt.er_aktiv):
        return ["Deltakeren har ingen aktiv lærekontrakt."]
    grunner = []
    if any(not r for r in resultater):
        grunner.append("Deltakeren er allerede meldt opp; registrer resultatet før et nytt forsøk.")
    org = deltaker.organisasjon
    grunner += frister.fagprove_hindringer(
        idag=idag,
        kontrakt_slutt=kontrakt.slutt,
        skriftlig_bestatt=eksamen.skriftlig_bestatt
        if eksamen is not None
        else Eksamen.objects.filter(deltaker=deltaker, resultat=Resultat.BESTATT).exists(),
        tidligst_maneder=org.fagprove_tidligst_maneder,
        senest_maneder=org.fagprove_senest_maneder,
    )
    if kontrakt.rute == Fagretning.Rute.PRAKSISKANDIDAT and not kontrakt.praksis_unntak.strip():
        praksis = praksis_status(deltaker=deltaker)
        if not praksis.oppfylt:
            grunner.append(
                f"Praksiskandidaten har dokumentert {_ar(praksis.ar)} av {_ar(praksis.krav)} år praksis "
                f"(gjenstår {_ar(praksis.gjenstar)} år). Registrer praksis med attest, eller skriv begrunnelsen "
                "for et unntak på lærekontrakten."
            )
    return grunner


def _ar(verdi: Decimal) -> str:
    """Years as Norwegian text: 4,99 · 5 · 0,5."""
    tekst = f"{Decimal(verdi).normalize():f}"
    return tekst.replace(".", ",")
