"""The police certificate's reminder (the rule itself, when one is needed and who is stuck, is
deltakere/politiattest.py), and NAV Asker's «Vurder bytte til fagbrev på jobb» after a year in paid work.

The reminder rule registers in the core's registry (fagbrev/regler.py) when
`ArbeidsgivereConfig.ready()` imports this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import DateField, OuterRef, Q, Subquery

from deltakere.models import Deltaker
from deltakere.politiattest import star_fast_q
from deltakere.statusgrupper import AKTIV
from fagbrev.datoregning import dato_tekst, samme_dag, siste_dag_som_nar
from fagbrev.models import Fagretning
from fagbrev.regler import Art, Forfall, regel, til_koordinatorer

from .models import Plassering

POLITIATTEST_DAGER_FOR = 14


def mangler_politiattest() -> Q:
    """Participants stuck on the police certificate: the one rule (deltakere/politiattest.py)."""
    return star_fast_q()


@regel("paminnelser.politiattest_mangler", rekkefolge=30)
def politiattest_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A case stuck on the police certificate (the same cases as my overview's «Saker som står
    fast»): the coordinators. When a placement starts within 14 days, once for that start ("praksis
    starter …"); otherwise once a month while it lasts. Two queries.
    """

    neste_start = (
        Plassering.objects.filter(deltaker=OuterRef("pk"), fra__gte=idag).order_by("fra", "pk").values("fra")[:1]
    )
    rader = (
        Deltaker.objects.filter(mangler_politiattest())
        .annotate(neste_start=Subquery(neste_start, output_field=DateField()))
        .order_by("organisasjon_id", "pk")
        .values_list("pk", "organisasjon_id", "fornavn", "neste_start")
    )
    grense = idag + datetime.timedelta(days=POLITIATTEST_DAGER_FOR)
    forfall = []
    for pk, org_id, fornavn, fra in rader:
        if fra is not None and fra <= grense:
            tittel, periode, senest = f"Politiattest mangler for {fornavn}: praksis starter {dato_tekst(fra)}", fra, fra
        else:
            tittel = f"Politiattest mangler for {fornavn}: fagretningen krever den før praksis"
            periode, senest = f"{idag:%Y-%m}", idag + datetime.timedelta(days=7)
        forfall.append(
            Forfall(
                objekt_type=Deltaker,
                objekt_id=pk,
                periode=periode.isoformat() if isinstance(periode, datetime.date) else periode,
                tittel=tittel,
                lenke=f"/deltakere/{pk}/",
                art=Art.POLITIATTEST,
                organisasjon_id=org_id,
                sendes_senest=senest,
            )
        )
    yield from til_koordinatorer(forfall)


ARBEID_AR_FOR_BYTTE = 1


@regel("paminnelser.vurder_fagbrev_pa_jobb", rekkefolge=35)
def vurder_fagbrev_pa_jobb(idag: datetime.date) -> Iterator[Forfall]:
    """«Vurder bytte til fagbrev på jobb»: a praksiskandidat in a pathway whose current placement is paid
    work (`Plassering.lonnet`) that began a year ago or more (the same day a year later: from 29.02 it is
    28.02) — NAV Asker moves her to Fagbrev på jobb then. To the coordinators, once per paid placement,
    from that day for as long as she is still a praksiskandidat in it. Two queries.
    """
    rader = (
        Plassering.objects.filter(
            lonnet=True,
            fra__lte=siste_dag_som_nar(idag, ar=ARBEID_AR_FOR_BYTTE),
            deltaker__rute=Fagretning.Rute.PRAKSISKANDIDAT,
            deltaker__status__in=AKTIV,
        )
        .filter(Q(til__isnull=True) | Q(til__gte=idag))
        .order_by("deltaker_id", "pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "fra")
    )
    yield from til_koordinatorer(
        Forfall(
            objekt_type=Plassering,
            objekt_id=pk,
            periode=fra.isoformat(),
            tittel=f"Vurder bytte til fagbrev på jobb for {fornavn}: i lønnet arbeid siden {fra:%d.%m.%Y} "
            f"(ett år {samme_dag(fra, ar=ARBEID_AR_FOR_BYTTE):%d.%m.%Y})",
            lenke=f"/deltakere/{deltaker_id}/lop/bytt/",
            art=Art.RUTE,
            organisasjon_id=org_id,
            sendes_senest=idag + datetime.timedelta(days=7),
        )
        for pk, org_id, deltaker_id, fornavn, fra in rader
    )
