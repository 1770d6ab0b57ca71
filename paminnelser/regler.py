"""Deadline rules: each a small named function `(idag) -> iterable of Forfall`, listed by dotted path.

A rule answers "what is due on this date, and for whom". It must be set-based: a few queries for
the whole installation, never one per participant (see bench/paminnelser_bench.py). It does not
write; the scan (services.skann_utfor) turns its answers into reminder rows, and the unique key
(rule, object, period, recipient) makes a rule that fires again the same period a no-op.

Rules fire from their trigger day until their deadline ("catch-up"), not only on the exact day:
if the scan did not run one morning, the next run still reminds, and the key stops repeats.
A trigger that falls on a weekend or holiday moves to the working day before, so a coordinator
hears about a window opening on Saturday while she is at work on Friday.

Another app adds a rule by writing the function in its own module and appending its dotted path to
`REGLER` (daily) or `UKENTLIGE_REGLER` (Monday). Recipients are user ids; titles carry at most a
participant's first name and never an identity number; links are paths inside Fagbrev.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string

from fagbrev.datoregning import legg_til_maneder
from fagbrev.models import Medlemskap, Organisasjon, Rolle

from .datoer import dato_tekst, eksamensvinduer, forrige_virkedag
from .models import Art


@dataclass(frozen=True)
class Forfall:
    """One thing due for one recipient. (regel, objekt, periode, mottaker) is the reminder's key."""

    objekt_type: type[models.Model]
    objekt_id: int
    periode: str
    mottaker_id: int | None  # a user; None when `kontaktperson_id` is the recipient
    tittel: str
    lenke: str
    art: str
    organisasjon_id: int | None = None
    sendes_senest: datetime.date | None = None  # default: three days after the scan date
    kontaktperson_id: int | None = None  # a fadder (no login): e-mail only


Regel = Callable[[datetime.date], Iterable[Forfall]]

# Daily rules, run by the 06:00 scan and `send_reminders`. Append; do not reorder.
REGLER: list[str] = [
    "paminnelser.regler.eksamensvindu_apner",
    "paminnelser.regler.eksamensvindu_lukker_snart",
    "paminnelser.regler.politiattest_mangler",
]

# Weekly rules, run on Monday mornings (and by `send_reminders` when the date is a Monday).
UKENTLIGE_REGLER: list[str] = [
    "paminnelser.regler.ukeoversikt_koordinator",
]


def regel(navn: str):
    """Give a rule its stable name (the first part of every reminder key it makes)."""

    def merk(funksjon):
        funksjon.regel_navn = navn
        return funksjon

    return merk


def regel_navn(funksjon) -> str:
    return getattr(funksjon, "regel_navn", f"{funksjon.__module__}.{funksjon.__name__}")


def hent_regler(stier: Iterable[str]) -> list[Regel]:
    return [import_string(sti) for sti in stier]


def koordinatorer_per_org(organisasjon_ids: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Organisation id → ids of its active coordinators. One query."""
    qs = Medlemskap.objects.filter(rolle=Rolle.KOORDINATOR, bruker__is_active=True)
    if organisasjon_ids is not None:
        qs = qs.filter(organisasjon_id__in=set(organisasjon_ids))
    ut: dict[int, list[int]] = defaultdict(list)
    for org_id, bruker_id in qs.order_by("organisasjon_id", "bruker_id").values_list("organisasjon_id", "bruker_id"):
        ut[org_id].append(bruker_id)
    return ut


# --- exam registration windows (data-independent; for coordinators) ----------------------------


def _vinduer_rundt(idag: datetime.date):
    return eksamensvinduer(idag.year - 1) + eksamensvinduer(idag.year) + eksamensvinduer(idag.year + 1)


@regel("paminnelser.eksamensvindu_apner")
def eksamensvindu_apner(idag: datetime.date) -> Iterator[Forfall]:
    """The registration window for the written exam opens (15 Jan / 1 Sep): tell each coordinator.

    Fires from the working day on or before the opening until the window closes.
    """
    for vindu in _vinduer_rundt(idag):
        if not (forrige_virkedag(vindu.apner) <= idag <= vindu.lukker):
            continue
        if idag < vindu.apner:
            tittel = f"Påmeldingen til tverrfaglig eksamen åpner {dato_tekst(vindu.apner)}"
        elif idag == vindu.apner:
            tittel = "Påmeldingen til tverrfaglig eksamen åpner i dag"
        else:
            tittel = "Påmeldingen til tverrfaglig eksamen er åpen"
        tittel += f" (frist {vindu.lukker:%d.%m.%Y})"
        for org_id, koordinatorer in koordinatorer_per_org().items():
            for bruker_id in koordinatorer:
                yield Forfall(
                    objekt_type=Organisasjon,
                    objekt_id=org_id,
                    periode=vindu.periode,
                    mottaker_id=bruker_id,
                    tittel=tittel,
                    lenke="/arshjul/",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.lukker,
                )


@regel("paminnelser.eksamensvindu_lukker_snart")
def eksamensvindu_lukker_snart(idag: datetime.date) -> Iterator[Forfall]:
    """Three days before the window closes (1 Feb / 15 Sep): tell each coordinator."""
    for vindu in _vinduer_rundt(idag):
        varsel = forrige_virkedag(vindu.lukker - datetime.timedelta(days=3))
        if not (varsel <= idag <= vindu.lukker):
            continue
        dager = (vindu.lukker - idag).days
        nar = "i dag" if dager == 0 else ("i morgen" if dager == 1 else f"om {dager} dager")
        tittel = f"Påmeldingen til tverrfaglig eksamen stenger {nar} ({dato_tekst(vindu.lukker)})"
        for org_id, koordinatorer in koordinatorer_per_org().items():
            for bruker_id in koordinatorer:
                yield Forfall(
                    objekt_type=Organisasjon,
                    objekt_id=org_id,
                    periode=vindu.periode,
                    mottaker_id=bruker_id,
                    tittel=tittel,
                    lenke="/arshjul/",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.lukker,
                )


# --- police certificate before a placement in a track that requires one -------------------------

POLITIATTEST_DAGER_FOR = 14


def mangler_politiattest() -> Q:
    """Placements whose participant has no police certificate registered as received (intake meeting)."""
    return Q(deltaker__inntakssamtale__politiattest_mottatt__isnull=True)


@regel("paminnelser.politiattest_mangler")
def politiattest_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A placement starts within 14 days in a track that requires a police certificate, and none
    has been received: tell the coordinators (they apply for it at the intake meeting). Two queries.
    """
    from arbeidsgivere.models import Plassering
    from deltakere.models import Deltaker

    mangler = mangler_politiattest()
    S = Deltaker.Status
    plasseringer = list(
        Plassering.objects.filter(
            mangler,
            fra__gte=idag,
            fra__lte=idag + datetime.timedelta(days=POLITIATTEST_DAGER_FOR),
            deltaker__fagretning__krever_politiattest=True,
        )
        .exclude(deltaker__status__in=[S.AVBRUTT, S.AVSLATT, S.FULLFORT])
        .values_list("pk", "fra", "organisasjon_id", "deltaker_id", "deltaker__fornavn")
    )
    if not plasseringer:
        return
    koordinatorer = koordinatorer_per_org({p[2] for p in plasseringer})
    for pk, fra, org_id, deltaker_id, fornavn in plasseringer:
        for bruker_id in koordinatorer.get(org_id, []):
            yield Forfall(
                objekt_type=Plassering,
                objekt_id=pk,
                periode=fra.isoformat(),
                mottaker_id=bruker_id,
                tittel=f"Politiattest mangler for {fornavn}: praksis starter {dato_tekst(fra)}",
                lenke=f"/deltakere/{deltaker_id}/",
                art=Art.POLITIATTEST,
                organisasjon_id=org_id,
                sendes_senest=fra,
            )


# --- the coordinator's Monday overview ---------------------------------------------------------


@regel("paminnelser.ukeoversikt")
def ukeoversikt_koordinator(idag: datetime.date) -> Iterator[Forfall]:
    """One overview per coordinator per ISO week; its body is built when it is sent (ukeoversikt.py)."""
    ar, uke, _ = idag.isocalendar()
    for org_id, koordinatorer in koordinatorer_per_org().items():
        for bruker_id in koordinatorer:
            yield Forfall(
                objekt_type=Organisasjon,
                objekt_id=org_id,
                periode=f"{ar}-W{uke:02d}",
                mottaker_id=bruker_id,
                tittel=f"Ukeoversikt for uke {uke}",
                lenke="/varsler/",
                art=Art.UKESOPPSUMMERING,
                organisasjon_id=org_id,
                sendes_senest=idag + datetime.timedelta(days=2),
            )


# --- round 2: rules over the pathway, follow-up and the case file ---------------------------------
#
# Each rule below is a few queries for the whole installation. Participants are named by first
# name at most; links are paths inside Fagbrev.

REGLER += [
    "paminnelser.regler.eksamen_ikke_pameldt",
    "paminnelser.regler.eksamen_ikke_pameldt_liste",
    "paminnelser.regler.vurderingssamtale_mangler",
    "paminnelser.regler.besok_forfalt",
    "paminnelser.regler.fagprove_oppmelding",
    "paminnelser.regler.permisjon_slutter",
    "paminnelser.regler.utstyr_ikke_returnert",
    "paminnelser.regler.prosjektgruppemote_mangler",
    "paminnelser.regler.styringsgruppemote_mangler",
    "paminnelser.regler.tiltak_forfalt",
]

EKSAMEN_LUKKER_DAGER_FOR = 3
VURDERINGSSAMTALE_UKER_FOR = 6
FAGPROVE_LUKKER_UKER_FOR = 3
PERMISJON_DAGER_FOR = 7
PROSJEKTGRUPPE_INTERVALL_DAGER = 28
PROSJEKTGRUPPE_VARSEL_DAGER = 7
AVSLUTTET = ("fullfort", "avbrutt", "avslatt")


def _uke(idag: datetime.date) -> str:
    ar, uke, _ = idag.isocalendar()
    return f"{ar}-W{uke:02d}"


def _sondag(idag: datetime.date) -> datetime.date:
    return idag + datetime.timedelta(days=6 - idag.weekday())


def _pameldingsfaser(idag: datetime.date):
    """(vindu, fase, periode) for each exam window phase live on `idag`: 'apner' and 'lukker'."""
    from fagbrev.frister import pameldingsvinduer

    for ar in (idag.year - 1, idag.year, idag.year + 1):
        for vindu in pameldingsvinduer(ar):
            forste, siste = vindu.forste_dag, vindu.siste_dag
            if forrige_virkedag(forste) <= idag <= siste:
                yield vindu, "apner", f"{forste:%Y-%m}-apner"
            lukker = forrige_virkedag(siste - datetime.timedelta(days=EKSAMEN_LUKKER_DAGER_FOR))
            if lukker <= idag <= siste:
                yield vindu, "lukker", f"{forste:%Y-%m}-lukker"


def _uten_pamelding(vindu) -> list[tuple]:
    """Planned exams for this window's term with no registration date, of active participants. One query."""
    from deltakere.models import Deltaker
    from fagbrev.models import Eksamen

    return list(
        Eksamen.objects.filter(
            termin__iexact=vindu.navn,
            pameldt_dato__isnull=True,
            deltaker__status__in=Deltaker.AKTIVE_STATUSER,
        )
        .order_by("organisasjon_id", "deltaker__fornavn", "pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "deltaker__faglarer_id")
    )


@regel("paminnelser.eksamen_ikke_pameldt")
def eksamen_ikke_pameldt(idag: datetime.date) -> Iterator[Forfall]:
    """A participant planned for this window's exam is not registered: coordinators and her faglærer,
    when the window opens and again three days before it closes. Two queries per live phase.
    """
    from fagbrev.models import Eksamen

    lest: dict[str, tuple] = {}  # both phases of one window share its two queries
    for vindu, fase, periode in _pameldingsfaser(idag):
        if vindu.navn not in lest:
            rader = _uten_pamelding(vindu)
            lest[vindu.navn] = (rader, koordinatorer_per_org({r[1] for r in rader}) if rader else {})
        rader, koordinatorer = lest[vindu.navn]
        for pk, org_id, deltaker_id, fornavn, faglarer_id in rader:
            if fase == "apner":
                tittel = f"{fornavn} er ikke meldt opp til skriftlig eksamen {vindu.navn}"
            else:
                tittel = f"{fornavn} er fortsatt ikke meldt opp til skriftlig eksamen {vindu.navn}"
            tittel += f" (frist {vindu.siste_dag:%d.%m.%Y})"
            mottakere = list(dict.fromkeys([*koordinatorer.get(org_id, []), *([faglarer_id] if faglarer_id else [])]))
            for bruker_id in mottakere:
                yield Forfall(
                    objekt_type=Eksamen,
                    objekt_id=pk,
                    periode=periode,
                    mottaker_id=bruker_id,
                    tittel=tittel,
                    lenke=f"/deltakere/{deltaker_id}/",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.siste_dag,
                )


@regel("paminnelser.eksamen_ikke_pameldt_liste")
def eksamen_ikke_pameldt_liste(idag: datetime.date) -> Iterator[Forfall]:
    """The coordinator's list of who is still missing: one reminder per organisation and phase."""
    lest: dict[str, tuple] = {}
    for vindu, _fase, periode in _pameldingsfaser(idag):
        if vindu.navn not in lest:
            per_org: dict[int, list[str]] = defaultdict(list)
            for _, org_id, _, fornavn, _ in _uten_pamelding(vindu):
                per_org[org_id].append(fornavn)
            lest[vindu.navn] = (per_org, koordinatorer_per_org(per_org) if per_org else {})
        per_org, koordinatorer = lest[vindu.navn]
        if not per_org:
            continue
        for org_id, navn in per_org.items():
            antall = len(navn)
            vis = ", ".join(navn[:5]) + (f" og {antall - 5} til" if antall > 5 else "")
            tittel = (
                f"{antall} {'deltaker' if antall == 1 else 'deltakere'} mangler påmelding til skriftlig eksamen "
                f"{vindu.navn} (frist {vindu.siste_dag:%d.%m.%Y}): {vis}"
            )
            for bruker_id in koordinatorer.get(org_id, []):
                yield Forfall(
                    objekt_type=Organisasjon,
                    objekt_id=org_id,
                    periode=periode,
                    mottaker_id=bruker_id,
                    tittel=tittel,
                    lenke="/deltakere/?status=i_opplaering",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.siste_dag,
                )


def semesterslutt_for(idag: datetime.date) -> datetime.date:
    """The end of the semester `idag` belongs to for assessment meetings: 30 June or 31 December."""
    return datetime.date(idag.year, 6, 30) if idag.month <= 7 else datetime.date(idag.year, 12, 31)


@regel("paminnelser.vurderingssamtale_mangler")
def vurderingssamtale_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """No assessment meeting held or planned this semester: coordinators and the faglærer, from six
    weeks before the semester ends, then weekly (the period is the ISO week). Two queries.
    """
    from deltakere.models import Deltaker
    from oppfolging.models import Vurderingssamtale, semester_for
    from oppfolging.services import BESOK_STATUSER

    slutt = semesterslutt_for(idag)
    start = forrige_virkedag(slutt - datetime.timedelta(weeks=VURDERINGSSAMTALE_UKER_FOR))
    if not (start <= idag <= slutt):
        return
    semester = semester_for(idag)
    samtaler = Vurderingssamtale.objects.filter(semester=semester.kode).filter(
        Q(planlagt_dato__isnull=False) | Q(holdt_dato__isnull=False)
    )
    rader = list(
        Deltaker.objects.filter(status__in=BESOK_STATUSER)
        .exclude(pk__in=samtaler.values("deltaker_id"))
        .order_by("organisasjon_id", "pk")
        .values_list("pk", "organisasjon_id", "fornavn", "faglarer_id")
    )
    if not rader:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in rader})
    for pk, org_id, fornavn, faglarer_id in rader:
        mottakere = list(dict.fromkeys([*koordinatorer.get(org_id, []), *([faglarer_id] if faglarer_id else [])]))
        for bruker_id in mottakere:
            yield Forfall(
                objekt_type=Deltaker,
                objekt_id=pk,
                periode=_uke(idag),
                mottaker_id=bruker_id,
                tittel=f"Ingen vurderingssamtale for {fornavn} i {str(semester).lower()} (semesteret slutter "
                f"{slutt:%d.%m.%Y})",
                lenke=f"/deltakere/{pk}/",
                art=Art.VURDERINGSSAMTALE,
                organisasjon_id=org_id,
                sendes_senest=min(_sondag(idag), slutt),
            )


@regel("paminnelser.besok_forfalt")
def besok_forfalt(idag: datetime.date) -> Iterator[Forfall]:
    """The next workplace visit by the track's rhythm is overdue: the faglærer. One query (the rhythm
    is computed in the database by oppfolging.selectors.med_besoksrytme). One reminder per due date.
    """
    from deltakere.models import Deltaker
    from oppfolging.selectors import med_besoksrytme
    from oppfolging.services import BESOK_STATUSER

    rader = (
        med_besoksrytme(Deltaker.objects.filter(status__in=BESOK_STATUSER, faglarer__isnull=False))
        .filter(neste_frist__lt=idag)
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "fornavn", "faglarer_id", "neste_frist")
    )
    for pk, org_id, fornavn, faglarer_id, frist in rader:
        yield Forfall(
            objekt_type=Deltaker,
            objekt_id=pk,
            periode=frist.isoformat(),
            mottaker_id=faglarer_id,
            tittel=f"Arbeidsplassbesøk hos {fornavn} skulle vært gjort innen {frist:%d.%m.%Y}",
            lenke=f"/deltakere/{pk}/",
            art=Art.BESOK,
            organisasjon_id=org_id,
            sendes_senest=idag + datetime.timedelta(days=7),
        )


@regel("paminnelser.fagprove_oppmelding")
def fagprove_oppmelding(idag: datetime.date) -> Iterator[Forfall]:
    """A participant with a passed written exam and no fagprøve registration: the coordinators, when
    the registration period opens (8 months before the contract ends, per organisation) and again
    three weeks before it closes (2 months before the end). Two queries.
    """
    from django.db.models import Exists, OuterRef

    from fagbrev.frister import fagprovevindu
    from fagbrev.models import Eksamen, Fagprove, Laerekontrakt, Resultat

    bestatt = Eksamen.objects.filter(deltaker_id=OuterRef("deltaker_id"), resultat=Resultat.BESTATT)
    meldt = Fagprove.objects.filter(deltaker_id=OuterRef("deltaker_id"), kontrakt_id=OuterRef("pk"))
    lengste = max(Organisasjon.objects.values_list("fagprove_tidligst_maneder", flat=True), default=8)
    rader = (
        Laerekontrakt.objects.exclude(status__in=Laerekontrakt.AVSLUTTET)
        .filter(Exists(bestatt), ~Exists(meldt), slutt__gt=idag, slutt__lte=legg_til_maneder(idag, lengste + 1))
        .exclude(deltaker__status__in=AVSLUTTET)
        .order_by("pk")
        .values_list(
            "pk",
            "organisasjon_id",
            "deltaker_id",
            "deltaker__fornavn",
            "slutt",
            "organisasjon__fagprove_tidligst_maneder",
            "organisasjon__fagprove_senest_maneder",
        )
    )
    rader = list(rader)
    if not rader:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in rader})
    for pk, org_id, deltaker_id, fornavn, slutt, tidligst, senest in rader:
        vindu = fagprovevindu(slutt, tidligst_maneder=tidligst, senest_maneder=senest)
        # In the last three weeks only the closing reminder: one about the opening then is noise.
        faser = []
        varsel = forrige_virkedag(vindu.senest - datetime.timedelta(weeks=FAGPROVE_LUKKER_UKER_FOR))
        if varsel <= idag <= vindu.senest:
            faser.append(("lukker", f"Oppmelding til fagprøve for {fornavn}: frist {dato_tekst(vindu.senest)}"))
        elif forrige_virkedag(vindu.tidligst) <= idag <= vindu.senest:
            faser.append(("apner", f"Oppmelding til fagprøve for {fornavn} kan gjøres fra {vindu.tidligst:%d.%m.%Y}"))
        for fase, tittel in faser:
            for bruker_id in koordinatorer.get(org_id, []):
                yield Forfall(
                    objekt_type=Laerekontrakt,
                    objekt_id=pk,
                    periode=f"{slutt:%Y-%m-%d}-{fase}",
                    mottaker_id=bruker_id,
                    tittel=tittel,
                    lenke=f"/deltakere/{deltaker_id}/",
                    art=Art.FAGPROVE,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.senest,
                )


@regel("paminnelser.permisjon_slutter")
def permisjon_slutter(idag: datetime.date) -> Iterator[Forfall]:
    """A leave ends in seven days (from the working day on or before): the coordinators. Two queries."""
    from deltakere.models import Permisjon

    rader = [
        r
        for r in Permisjon.objects.filter(
            til__gte=idag, til__lte=idag + datetime.timedelta(days=PERMISJON_DAGER_FOR + 7)
        )
        .exclude(deltaker__status__in=AVSLUTTET)
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "til")
        if forrige_virkedag(r[4] - datetime.timedelta(days=PERMISJON_DAGER_FOR)) <= idag
    ]
    if not rader:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in rader})
    for pk, org_id, deltaker_id, fornavn, til in rader:
        for bruker_id in koordinatorer.get(org_id, []):
            yield Forfall(
                objekt_type=Permisjon,
                objekt_id=pk,
                periode=til.isoformat(),
                mottaker_id=bruker_id,
                tittel=f"Permisjonen til {fornavn} slutter {dato_tekst(til)}",
                lenke=f"/deltakere/{deltaker_id}/",
                art=Art.PERMISJON,
                organisasjon_id=org_id,
                sendes_senest=til,
            )


@regel("paminnelser.utstyr_ikke_returnert")
def utstyr_ikke_returnert(idag: datetime.date) -> Iterator[Forfall]:
    """Lent equipment not returned after the case ended (fullført/avbrutt): the coordinators, once a
    month until it is registered returned. Two queries.
    """
    from deltakere.models import Utstyrslan

    rader = list(
        Utstyrslan.objects.filter(returnert__isnull=True, deltaker__status__in=["fullfort", "avbrutt"])
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "hva")
    )
    if not rader:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in rader})
    for pk, org_id, deltaker_id, fornavn, hva in rader:
        for bruker_id in koordinatorer.get(org_id, []):
            yield Forfall(
                objekt_type=Utstyrslan,
                objekt_id=pk,
                periode=f"{idag:%Y-%m}",
                mottaker_id=bruker_id,
                tittel=f"Utlånt utstyr ({hva[:60]}) er ikke levert tilbake av {fornavn}",
                lenke=f"/deltakere/{deltaker_id}/",
                art=Art.UTSTYR,
                organisasjon_id=org_id,
                sendes_senest=idag + datetime.timedelta(days=7),
            )


@regel("paminnelser.prosjektgruppemote_mangler")
def prosjektgruppemote_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A track with active participants has had no project group meeting for four weeks (or is due
    within a week) and none is planned: the coordinators. Two queries. The period is the due date
    (the ISO week when the track has never met).
    """
    from django.db.models import Exists, Max, OuterRef

    from deltakere.models import Deltaker
    from fagbrev.models import Fagretning
    from oppfolging.models import Mote

    pg = Mote.objects.filter(fagretning_id=OuterRef("pk"), type=Mote.Type.PROSJEKTGRUPPE)
    aktive = Deltaker.objects.filter(fagretning_id=OuterRef("pk"), status__in=Deltaker.AKTIVE_STATUSER)
    rader = list(
        Fagretning.objects.filter(aktiv=True)
        .filter(Exists(aktive), ~Exists(pg.filter(dato__gte=idag)))
        .annotate(siste=Max("moter__dato", filter=Q(moter__type=Mote.Type.PROSJEKTGRUPPE)))
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "navn", "siste")
    )
    forfalte = []
    for pk, org_id, navn, siste in rader:
        frist = siste + datetime.timedelta(days=PROSJEKTGRUPPE_INTERVALL_DAGER) if siste else None
        if frist is None or frist - datetime.timedelta(days=PROSJEKTGRUPPE_VARSEL_DAGER) <= idag:
            forfalte.append((pk, org_id, navn, frist))
    if not forfalte:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in forfalte})
    for pk, org_id, navn, frist in forfalte:
        tittel = f"Ingen prosjektgruppemøte planlagt for {navn}"
        tittel += f" (neste skulle vært {frist:%d.%m.%Y})" if frist else ""
        for bruker_id in koordinatorer.get(org_id, []):
            yield Forfall(
                objekt_type=Fagretning,
                objekt_id=pk,
                periode=frist.isoformat() if frist else _uke(idag),
                mottaker_id=bruker_id,
                tittel=tittel,
                lenke="/oppfolging/",
                art=Art.MOTE,
                organisasjon_id=org_id,
            )


@regel("paminnelser.styringsgruppemote_mangler")
def styringsgruppemote_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """An organisation with active participants has no steering group meeting dated this semester:
    the coordinators, once per semester (from its first working day). Two queries.
    """
    from django.db.models import Exists, OuterRef

    from deltakere.models import Deltaker
    from oppfolging.models import Mote, semester_for

    semester = semester_for(idag)
    slutt = semesterslutt_for(idag)
    if idag > slutt:  # July: the summer break
        return
    moter = Mote.objects.filter(
        organisasjon_id=OuterRef("pk"), type=Mote.Type.STYRINGSGRUPPE, dato__gte=semester.start, dato__lte=slutt
    )
    aktive = Deltaker.objects.filter(organisasjon_id=OuterRef("pk"), status__in=Deltaker.AKTIVE_STATUSER)
    org_ids = list(Organisasjon.objects.filter(Exists(aktive), ~Exists(moter)).values_list("pk", flat=True))
    if not org_ids:
        return
    for org_id, koordinatorer in koordinatorer_per_org(org_ids).items():
        for bruker_id in koordinatorer:
            yield Forfall(
                objekt_type=Organisasjon,
                objekt_id=org_id,
                periode=semester.kode,
                mottaker_id=bruker_id,
                tittel=f"Styringsgruppemøte {str(semester).lower()} har ingen dato",
                lenke="/oppfolging/",
                art=Art.MOTE,
                organisasjon_id=org_id,
                sendes_senest=slutt,
            )


@regel("paminnelser.tiltak_forfalt")
def tiltak_forfalt(idag: datetime.date) -> Iterator[Forfall]:
    """An action item past its due date and not done: its owner. One query, one reminder per item."""
    from oppfolging.models import Tiltak

    rader = (
        Tiltak.objects.filter(utfort__isnull=True, frist__lt=idag, ansvarlig__is_active=True)
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "ansvarlig_id", "beskrivelse", "frist")
    )
    for pk, org_id, bruker_id, beskrivelse, frist in rader:
        yield Forfall(
            objekt_type=Tiltak,
            objekt_id=pk,
            periode=frist.isoformat(),
            mottaker_id=bruker_id,
            tittel=f"Tiltak over fristen ({frist:%d.%m.%Y}): {beskrivelse[:120]}",
            lenke="/oppfolging/",
            art=Art.TILTAK,
            organisasjon_id=org_id,
            sendes_senest=idag + datetime.timedelta(days=7),
        )


# --- the month's topic to the faddere ---------------------------------------------------------------

REGLER += ["paminnelser.regler.manedstema_til_faddere"]

MANEDER = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
MANEDSTEMA_SENDES_DAGER = 4  # catch-up after the first working day


@regel("paminnelser.manedstema_til_faddere")
def manedstema_til_faddere(idag: datetime.date) -> Iterator[Forfall]:
    """The month's topic of the track (or the participant's cohort) to the fadder of each active
    participant with an open placement, on the first working day of the month. Faddere are contact
    persons without a login: e-mail only, naming the participant by first name. Two queries.
    """
    from arbeidsgivere.models import Plassering
    from deltakere.models import Deltaker
    from fagbrev.models import Manedstema

    from .datoer import forste_virkedag_i_maned

    forste = forste_virkedag_i_maned(idag.year, idag.month)
    if not (forste <= idag <= forste + datetime.timedelta(days=MANEDSTEMA_SENDES_DAGER)):
        return
    temaer = list(
        Manedstema.objects.filter(maned=idag.replace(day=1)).values_list("pk", "fagretning_id", "kull_id", "tema")
    )
    if not temaer:
        return
    plasseringer = (
        Plassering.objects.filter(
            Q(til__isnull=True) | Q(til__gte=idag),
            fra__lte=idag + datetime.timedelta(days=31),
            fadder__isnull=False,
            fadder__aktiv=True,
            deltaker__status__in=Deltaker.AKTIVE_STATUSER,
            deltaker__fagretning_id__in={t[1] for t in temaer},
        )
        .exclude(fadder__epost="")
        .order_by("fadder_id", "deltaker__fornavn")
        .values_list(
            "fadder_id", "organisasjon_id", "deltaker__fagretning_id", "deltaker__kull_id", "deltaker__fornavn"
        )
    )
    # A cohort's own topic wins over the track's general one.
    per_spor: dict[tuple[int, int | None], tuple[int, str]] = {}
    for pk, fagretning_id, kull_id, tema in temaer:
        if kull_id is not None or (fagretning_id, None) not in per_spor:
            per_spor[(fagretning_id, kull_id)] = (pk, tema)
    navn: dict[tuple[int, int], list[str]] = defaultdict(list)
    org: dict[int, int] = {}
    for fadder_id, org_id, fagretning_id, kull_id, fornavn in plasseringer:
        tema = per_spor.get((fagretning_id, kull_id)) or per_spor.get((fagretning_id, None))
        if tema and fornavn not in navn[(tema[0], fadder_id)]:
            navn[(tema[0], fadder_id)].append(fornavn)
            org[tema[0]] = org_id
    titler = {pk: tema for pk, _, _, tema in temaer}
    for (tema_id, fadder_id), fornavn in navn.items():
        yield Forfall(
            objekt_type=Manedstema,
            objekt_id=tema_id,
            periode=f"{idag:%Y-%m}",
            mottaker_id=None,
            kontaktperson_id=fadder_id,
            tittel=f"Månedens tema for {MANEDER[idag.month - 1]} for {' og '.join(fornavn)}: {titler[tema_id]}",
            lenke="",
            art=Art.MANEDSTEMA,
            organisasjon_id=org[tema_id],
            sendes_senest=forste + datetime.timedelta(days=MANEDSTEMA_SENDES_DAGER),
        )


# --- outcome six months after completion ------------------------------------------------------------

REGLER += ["paminnelser.regler.utfall_seks_maneder"]

UTFALL_INNHENTING_DAGER = 30  # catch-up after the due date; the key stops repeats


@regel("paminnelser.utfall_seks_maneder")
def utfall_seks_maneder(idag: datetime.date) -> Iterator[Forfall]:
    """«Registrer utfall seks måneder etter fullføring»: six months after a participant completed
    (the date of her status change to fullført), her coordinators record where she stands then.
    Fires from the working day on or before the due date until 30 days after it, unless the outcome
    is registered. Two queries.
    """
    from django.db.models import Exists, Max, OuterRef, Subquery

    from deltakere.models import Deltaker, Statusendring, Utfall
    from deltakere.selectors import utfall_frist_seks_maneder

    S = Deltaker.Status
    fullfort = (
        Statusendring.objects.filter(deltaker=OuterRef("pk"), til_status=S.FULLFORT)
        .values("deltaker")
        .annotate(siste=Max("dato"))
        .values("siste")
    )
    # Completion dates whose due date can be live today: a wide window in SQL (month-end days and a
    # due date moved back over Easter), checked exactly below.
    fra = legg_til_maneder(idag - datetime.timedelta(days=UTFALL_INNHENTING_DAGER), -6) - datetime.timedelta(days=3)
    til = legg_til_maneder(idag + datetime.timedelta(days=10), -6) + datetime.timedelta(days=3)
    registrert = Utfall.objects.filter(deltaker=OuterRef("pk"), tidspunkt=Utfall.Tidspunkt.SEKS_MANEDER)
    rader = []
    for pk, org_id, fornavn, fullfort_dato in (
        Deltaker.objects.filter(status=S.FULLFORT)
        .annotate(fullfort_dato=Subquery(fullfort))
        .filter(fullfort_dato__gte=fra, fullfort_dato__lte=til)
        .exclude(Exists(registrert))
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "fornavn", "fullfort_dato")
    ):
        frist = utfall_frist_seks_maneder(fullfort_dato)
        if forrige_virkedag(frist) <= idag <= frist + datetime.timedelta(days=UTFALL_INNHENTING_DAGER):
            rader.append((pk, org_id, fornavn, fullfort_dato, frist))
    if not rader:
        return
    koordinatorer = koordinatorer_per_org({r[1] for r in rader})
    for pk, org_id, fornavn, fullfort_dato, frist in rader:
        for bruker_id in koordinatorer.get(org_id, []):
            yield Forfall(
                objekt_type=Deltaker,
                objekt_id=pk,
                periode=frist.isoformat(),
                mottaker_id=bruker_id,
                tittel=f"Registrer utfall seks måneder etter fullføring for {fornavn} (fullført "
                f"{fullfort_dato:%d.%m.%Y}, frist {dato_tekst(frist)})",
                lenke=f"/deltakere/{pk}/#utfall",
                art=Art.UTFALL,
                organisasjon_id=org_id,
                sendes_senest=frist + datetime.timedelta(days=UTFALL_INNHENTING_DAGER),
            )
