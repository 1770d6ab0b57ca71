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

from fagbrev.models import Medlemskap, Organisasjon, Rolle

from .datoer import dato_tekst, eksamensvinduer, forrige_virkedag
from .models import Art


@dataclass(frozen=True)
class Forfall:
    """One thing due for one recipient. (regel, objekt, periode, mottaker) is the reminder's key."""

    objekt_type: type[models.Model]
    objekt_id: int
    periode: str
    mottaker_id: int
    tittel: str
    lenke: str
    art: str
    organisasjon_id: int | None = None
    sendes_senest: datetime.date | None = None  # default: three days after the scan date


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
