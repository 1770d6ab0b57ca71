"""Follow-up's reminder rules: assessment meetings, workplace visits, group meetings, action items.

Registered in the core's registry (fagbrev/regler.py) when `OppfolgingConfig.ready()` imports this
module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, Max, OuterRef, Q

from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.datoregning import forrige_virkedag, ukens_sondag
from fagbrev.models import Fagretning, Organisasjon
from fagbrev.regler import Art, Forfall, regel, til_hver_organisasjon, til_koordinatorer, ukeperiode

from .besoksfrist import besok_forfalt_q
from .models import Mote, Tiltak, Vurderingssamtale, semester_for
from .selectors import med_besoksrytme

VURDERINGSSAMTALE_UKER_FOR = 6
PROSJEKTGRUPPE_INTERVALL_DAGER = 28
PROSJEKTGRUPPE_VARSEL_DAGER = 7


def semesterslutt_for(idag: datetime.date) -> datetime.date:
    """When the semester's meetings are due: `Semester.frist` (30 June before the summer break, or
    31 December); July belongs to vår but is the break, so nothing falls due in it."""
    return semester_for(idag).frist


@regel("paminnelser.vurderingssamtale_mangler", rekkefolge=60)
def vurderingssamtale_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """No assessment meeting held or planned this semester: coordinators and the faglærer, from six
    weeks before the semester ends, then weekly (the period is the ISO week). Two queries.
    """

    slutt = semesterslutt_for(idag)
    start = forrige_virkedag(slutt - datetime.timedelta(weeks=VURDERINGSSAMTALE_UKER_FOR))
    if not (start <= idag <= slutt):
        return
    semester = semester_for(idag)
    samtaler = Vurderingssamtale.objects.filter(semester=semester.kode).filter(
        Q(planlagt_dato__isnull=False) | Q(holdt_dato__isnull=False)
    )
    rader = list(
        Deltaker.objects.i_status_pa(statusgrupper.PA_ARBEIDSPLASSEN, idag)  # her status on the day asked about
        .exclude(pk__in=samtaler.values("deltaker_id"))
        .order_by("organisasjon_id", "pk")
        .values_list("pk", "organisasjon_id", "fornavn", "faglarer_id")
    )
    yield from til_koordinatorer(
        (
            Forfall(
                objekt_type=Deltaker,
                objekt_id=pk,
                periode=ukeperiode(idag),
                tittel=f"Ingen vurderingssamtale for {fornavn} i {str(semester).lower()} (frist {slutt:%d.%m.%Y}"
                f"{' før sommerferien' if slutt != semester.slutt else ''})",
                lenke=f"/deltakere/{pk}/",
                art=Art.VURDERINGSSAMTALE,
                organisasjon_id=org_id,
                sendes_senest=min(ukens_sondag(idag), slutt),
            )
            for pk, org_id, fornavn, _ in rader
        ),
        ogsa={pk: faglarer_id for pk, _, _, faglarer_id in rader},
    )


@regel("paminnelser.besok_forfalt", rekkefolge=70)
def besok_forfalt(idag: datetime.date) -> Iterator[Forfall]:
    """The next workplace visit by the track's rhythm is overdue: the faglærer. One query (the rhythm
    is computed in the database by oppfolging.selectors.med_besoksrytme). One reminder per due date.
    """

    rader = (
        med_besoksrytme(
            Deltaker.objects.i_status_pa(statusgrupper.PA_ARBEIDSPLASSEN, idag).filter(faglarer__isnull=False)
        )
        .filter(besok_forfalt_q(idag))
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


@regel("paminnelser.prosjektgruppemote_mangler", rekkefolge=110)
def prosjektgruppemote_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A track with active participants has had no project group meeting for four weeks (or is due
    within a week) and none is planned: the coordinators. Two queries. The period is the due date
    (the ISO week when the track has never met).
    """
    pg = Mote.objects.filter(fagretning_id=OuterRef("pk"), type=Mote.Type.PROSJEKTGRUPPE)
    aktive = Deltaker.objects.filter(fagretning_id=OuterRef("pk"), status__in=statusgrupper.AKTIV)
    rader = (
        Fagretning.objects.filter(aktiv=True)
        .filter(Exists(aktive), ~Exists(pg.filter(dato__gte=idag)))
        .annotate(siste=Max("moter__dato", filter=Q(moter__type=Mote.Type.PROSJEKTGRUPPE)))
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "navn", "siste")
    )
    forfall = []
    for pk, org_id, navn, siste in rader:
        frist = siste + datetime.timedelta(days=PROSJEKTGRUPPE_INTERVALL_DAGER) if siste else None
        if frist is None or frist - datetime.timedelta(days=PROSJEKTGRUPPE_VARSEL_DAGER) <= idag:
            forfall.append(
                Forfall(
                    objekt_type=Fagretning,
                    objekt_id=pk,
                    periode=frist.isoformat() if frist else ukeperiode(idag),
                    tittel=f"Ingen prosjektgruppemøte planlagt for {navn}"
                    + (f" (neste skulle vært {frist:%d.%m.%Y})" if frist else ""),
                    lenke="/oppfolging/",
                    art=Art.MOTE,
                    organisasjon_id=org_id,
                )
            )
    yield from til_koordinatorer(forfall)


@regel("paminnelser.styringsgruppemote_mangler", rekkefolge=120)
def styringsgruppemote_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """An organisation with active participants has no steering group meeting dated this semester:
    the coordinators, once per semester (from its first working day). Two queries.
    """
    semester = semester_for(idag)
    slutt = semesterslutt_for(idag)
    if idag > slutt:  # July: the summer break
        return
    moter = Mote.objects.filter(
        organisasjon_id=OuterRef("pk"), type=Mote.Type.STYRINGSGRUPPE, dato__gte=semester.start, dato__lte=slutt
    )
    aktive = Deltaker.objects.filter(organisasjon_id=OuterRef("pk"), status__in=statusgrupper.AKTIV)
    org_ids = list(Organisasjon.objects.filter(Exists(aktive), ~Exists(moter)).values_list("pk", flat=True))
    if not org_ids:
        return
    yield from til_hver_organisasjon(
        lambda org_id: Forfall(
            objekt_type=Organisasjon,
            objekt_id=org_id,
            periode=semester.kode,
            tittel=f"Styringsgruppemøte {str(semester).lower()} har ingen dato",
            lenke="/oppfolging/",
            art=Art.MOTE,
            organisasjon_id=org_id,
            sendes_senest=slutt,
        ),
        org_ids,
    )


@regel("paminnelser.tiltak_forfalt", rekkefolge=130)
def tiltak_forfalt(idag: datetime.date) -> Iterator[Forfall]:
    """An action item past its due date and not done: its owner. One query, one reminder per item."""

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
