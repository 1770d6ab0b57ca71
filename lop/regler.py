"""The pathway's reminder rules: exam registration windows, the fagprøve and the month's topic.

Registered in the core's registry (fagbrev/regler.py) when `LopConfig.ready()` imports this module.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q

from arbeidsgivere.models import Plassering
from deltakere import statusgrupper
from deltakere.statusgrupper import AVSLUTTET
from fagbrev.datoregning import (
    EKSAMEN_STENGER_KL,
    EKSAMEN_STENGER_TEKST,
    FAGPROVE_TIDLIGST_MANEDER,
    dato_tekst,
    eksamensvinduer,
    forrige_virkedag,
    forste_virkedag_i_maned,
    legg_til_maneder,
)
from fagbrev.models import Organisasjon
from fagbrev.regler import Art, Forfall, koordinatorer_per_org, regel, til_hver_organisasjon, til_koordinatorer

from .frister import fagprovevindu
from .models import Eksamen, Fagprove, Laerekontrakt, Manedstema, Resultat
from .selectors import eksamener_uten_pamelding

EKSAMEN_LUKKER_DAGER_FOR = 3
FAGPROVE_LUKKER_UKER_FOR = 3


# --- exam registration windows (data-independent; for coordinators) ----------------------------


def _pameldingsfaser(idag: datetime.date):
    """(vindu, fase, periode) for each exam window phase live on `idag`: 'apner' from the working day on
    or before the window opens until it closes, 'lukker' from the working day on or before three days
    before it closes until it closes."""

    for vindu in eksamensvinduer(idag.year - 1) + eksamensvinduer(idag.year) + eksamensvinduer(idag.year + 1):
        forste, siste = vindu.forste_dag, vindu.siste_dag
        if forrige_virkedag(forste) <= idag <= siste:
            yield vindu, "apner", f"{forste:%Y-%m}-apner"
        lukker = forrige_virkedag(siste - datetime.timedelta(days=EKSAMEN_LUKKER_DAGER_FOR))
        if lukker <= idag <= siste:
            yield vindu, "lukker", f"{forste:%Y-%m}-lukker"


def _vinduer_i_fase(idag: datetime.date, fase: str):
    """The exam windows in that phase on `idag`: the days the per-participant reminders use too."""
    return [vindu for vindu, f, _ in _pameldingsfaser(idag) if f == fase]


def _til_alle_organisasjoner(vindu, tittel: str) -> Iterator[Forfall]:
    return til_hver_organisasjon(
        lambda org_id: Forfall(
            objekt_type=Organisasjon,
            objekt_id=org_id,
            periode=vindu.periode,
            tittel=tittel,
            lenke="/arshjul/",
            art=Art.EKSAMEN,
            organisasjon_id=org_id,
            sendes_senest=vindu.siste_dag,
        )
    )


@regel("paminnelser.eksamensvindu_apner", rekkefolge=10)
def eksamensvindu_apner(idag: datetime.date) -> Iterator[Forfall]:
    """The registration window for the written exam opens (15 Jan / 1 Sep): tell each coordinator.

    Fires from the working day on or before the opening until the window closes.
    """
    for vindu in _vinduer_i_fase(idag, "apner"):
        if idag < vindu.forste_dag:
            tittel = f"Påmeldingen til tverrfaglig eksamen åpner {dato_tekst(vindu.forste_dag)}"
        elif idag == vindu.forste_dag:
            tittel = "Påmeldingen til tverrfaglig eksamen åpner i dag"
        else:
            tittel = "Påmeldingen til tverrfaglig eksamen er åpen"
        frist = f" (frist {vindu.siste_dag:%d.%m.%Y} {EKSAMEN_STENGER_TEKST})"
        yield from _til_alle_organisasjoner(vindu, tittel + frist)


@regel("paminnelser.eksamensvindu_lukker_snart", rekkefolge=20)
def eksamensvindu_lukker_snart(idag: datetime.date) -> Iterator[Forfall]:
    """Three days before the window closes (1 Feb / 15 Sep): tell each coordinator."""
    for vindu in _vinduer_i_fase(idag, "lukker"):
        dager = (vindu.siste_dag - idag).days
        nar = "i dag" if dager == 0 else ("i morgen" if dager == 1 else f"om {dager} dager")
        tittel = (
            f"Påmeldingen til tverrfaglig eksamen stenger {nar} ({dato_tekst(vindu.siste_dag)}"
            f" kl. {EKSAMEN_STENGER_KL:%H.%M})"
        )
        yield from _til_alle_organisasjoner(vindu, tittel)


# --- exam registration per participant ------------------------------------------------------------


def _uten_pamelding(vindu) -> list[tuple]:
    """Planned exams for this window's term with no registration date, of active participants. One query."""

    return list(
        eksamener_uten_pamelding(vindu)
        .order_by("organisasjon_id", "deltaker__fornavn", "pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "deltaker__faglarer_id")
    )


@regel("paminnelser.eksamen_ikke_pameldt", rekkefolge=40)
def eksamen_ikke_pameldt(idag: datetime.date) -> Iterator[Forfall]:
    """A participant planned for this window's exam is not registered: coordinators and her faglærer,
    when the window opens and again three days before it closes. Two queries per live phase.
    """

    lest: dict[str, tuple] = {}  # both phases of one window share its two queries
    for vindu, fase, periode in _pameldingsfaser(idag):
        if vindu.navn not in lest:
            rader = _uten_pamelding(vindu)
            lest[vindu.navn] = (rader, koordinatorer_per_org({r[1] for r in rader}) if rader else {})
        rader, koordinatorer = lest[vindu.navn]
        fortsatt = "" if fase == "apner" else "fortsatt "
        yield from til_koordinatorer(
            (
                Forfall(
                    objekt_type=Eksamen,
                    objekt_id=pk,
                    periode=periode,
                    tittel=f"{fornavn} er {fortsatt}ikke meldt opp til skriftlig eksamen {vindu.navn}"
                    f" (frist {vindu.siste_dag:%d.%m.%Y})",
                    lenke=f"/deltakere/{deltaker_id}/",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.siste_dag,
                )
                for pk, org_id, deltaker_id, fornavn, _ in rader
            ),
            koordinatorer=koordinatorer,
            ogsa={pk: faglarer_id for pk, _, _, _, faglarer_id in rader},
        )


@regel("paminnelser.eksamen_ikke_pameldt_liste", rekkefolge=50)
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
        forfall = []
        for org_id, navn in per_org.items():
            antall = len(navn)
            vis = ", ".join(navn[:5]) + (f" og {antall - 5} til" if antall > 5 else "")
            tittel = (
                f"{antall} {'deltaker' if antall == 1 else 'deltakere'} mangler påmelding til skriftlig eksamen "
                f"{vindu.navn} (frist {vindu.siste_dag:%d.%m.%Y}): {vis}"
            )
            forfall.append(
                Forfall(
                    objekt_type=Organisasjon,
                    objekt_id=org_id,
                    periode=periode,
                    tittel=tittel,
                    lenke="/deltakere/?status=i_opplaering",
                    art=Art.EKSAMEN,
                    organisasjon_id=org_id,
                    sendes_senest=vindu.siste_dag,
                )
            )
        yield from til_koordinatorer(forfall, koordinatorer=koordinatorer)


# --- the fagprøve registration period -------------------------------------------------------------


@regel("paminnelser.fagprove_oppmelding", rekkefolge=80)
def fagprove_oppmelding(idag: datetime.date) -> Iterator[Forfall]:
    """A participant with a passed written exam and no fagprøve registration: the coordinators, when
    the registration period opens (8 months before the contract ends, per organisation) and again
    three weeks before it closes (2 months before the end). Two queries.
    """
    bestatt = Eksamen.objects.filter(deltaker_id=OuterRef("deltaker_id"), resultat=Resultat.BESTATT)
    meldt = Fagprove.objects.filter(deltaker_id=OuterRef("deltaker_id"), kontrakt_id=OuterRef("pk"))
    lengste = max(
        Organisasjon.objects.values_list("fagprove_tidligst_maneder", flat=True), default=FAGPROVE_TIDLIGST_MANEDER
    )
    rader = list(
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
    if not rader:
        return
    forfall = []
    for pk, org_id, deltaker_id, fornavn, slutt, tidligst, senest in rader:
        vindu = fagprovevindu(slutt, tidligst_maneder=tidligst, senest_maneder=senest)
        # In the last three weeks only the closing reminder: one about the opening then is noise.
        varsel = forrige_virkedag(vindu.senest - datetime.timedelta(weeks=FAGPROVE_LUKKER_UKER_FOR))
        if varsel <= idag <= vindu.senest:
            fase, tittel = "lukker", f"Oppmelding til fagprøve for {fornavn}: frist {dato_tekst(vindu.senest)}"
        elif forrige_virkedag(vindu.tidligst) <= idag <= vindu.senest:
            fase = "apner"
            # «kan gjøres fra» only a day still ahead: a row made (or first sent) once the period is
            # open says so and names the deadline instead (issue #20)
            if vindu.tidligst > idag:
                tittel = f"Oppmelding til fagprøve for {fornavn} kan gjøres fra {dato_tekst(vindu.tidligst)}"
            else:
                tittel = f"Oppmelding til fagprøve for {fornavn} er åpen: frist {dato_tekst(vindu.senest)}"
        else:
            continue
        forfall.append(
            Forfall(
                objekt_type=Laerekontrakt,
                objekt_id=pk,
                periode=f"{slutt:%Y-%m-%d}-{fase}",
                tittel=tittel,
                lenke=f"/deltakere/{deltaker_id}/",
                art=Art.FAGPROVE,
                organisasjon_id=org_id,
                sendes_senest=vindu.senest,
            )
        )
    yield from til_koordinatorer(forfall, koordinatorer=koordinatorer_per_org({r[1] for r in rader}))


# --- the month's topic to the faddere ---------------------------------------------------------------

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


@regel("paminnelser.manedstema_til_faddere", rekkefolge=140)
def manedstema_til_faddere(idag: datetime.date) -> Iterator[Forfall]:
    """The month's topic of the track (or the participant's cohort) to the fadder of each active
    participant with an open placement, on the first working day of the month. Faddere are contact
    persons without a login: e-mail only, naming the participant by first name. Two queries.
    """
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
            deltaker__status__in=statusgrupper.AKTIV,
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
            kontaktperson_id=fadder_id,
            tittel=f"Månedens tema for {MANEDER[idag.month - 1]} for {' og '.join(fornavn)}: {titler[tema_id]}",
            lenke="",
            art=Art.MANEDSTEMA,
            organisasjon_id=org[tema_id],
            sendes_senest=forste + datetime.timedelta(days=MANEDSTEMA_SENDES_DAGER),
        )
