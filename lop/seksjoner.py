"""The pathway's sections on the case page and on my overview (they register in fagbrev/seksjoner.py)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from deltakere.selectors import permisjoner_for_saksside
from fagbrev import permissions
from fagbrev.models import Organisasjon
from fagbrev.seksjoner import Seksjon, pa_oversikt, pa_saksside

from . import frister, selectors
from .models import Eksamen, Fagprove, Laerekontrakt, Resultat

OVERSIKT_GRENSE = 20  # contracts listed as ready for the fagprøve on my overview


@pa_saksside(rekkefolge=20)
def saksside_lop(*, deltaker, user, idag) -> Seksjon | None:
    """Contract, end date, exam window, exams, fagprøve, Norwegian against goal, plan progress."""
    if not permissions.can_view_deltaker(user, deltaker):
        return None
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    beregnet = (  # her leave as the case file above read it (the contract is hers: same rows)
        selectors.beregnet_sluttdato(
            kontrakt=kontrakt,
            fagretning=deltaker.fagretning,
            permisjoner=permisjoner_for_saksside(deltaker=deltaker),
        )
        if kontrakt
        else None
    )
    # aktiv_kontrakt gives None only when she has no contract at all: then she has no fagprøve either
    eksamen = selectors.eksamen_status(deltaker=deltaker, har_kontrakt=kontrakt is not None)
    er_praksiskandidat = bool(kontrakt and kontrakt.rute == "praksiskandidat")
    return Seksjon(
        template="lop/_seksjon_saksside.html",
        context={
            "deltaker": deltaker,
            "kontrakt": kontrakt,
            "beregnet": beregnet,
            "avvik": bool(kontrakt and kontrakt.slutt and beregnet and kontrakt.slutt != beregnet.dato),
            "mangler": [s for s in kontrakt.sjekkpunkter.all() if s.mangler] if kontrakt else [],
            "vindu": frister.neste_vindu(timezone.now()),
            "na": timezone.now(),
            "eksamen": eksamen,
            "fagprove_hindringer": selectors.fagprove_hindringer(
                deltaker=deltaker, idag=idag, kontrakt=kontrakt, eksamen=eksamen
            ),
            "norsk": selectors.norsk_status(deltaker=deltaker),
            "fremdrift": selectors.plan_fremdrift(deltaker=deltaker),
            "praksis": selectors.praksis_status(deltaker=deltaker) if er_praksiskandidat else None,
        },
    )


def _slutt_i_vinduet(org: Organisasjon, idag: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first and the last contract end that lets the fagprøve be ordered today in the organisation's
    window, by `frister.fagprove_hindringer` itself: month arithmetic clips at a month's end, so the
    window's ends are sought among a few days on either side (the ends that pass form one run of days)."""

    def kan(slutt: datetime.date) -> bool:
        return not frister.fagprove_hindringer(
            idag=idag,
            kontrakt_slutt=slutt,
            skriftlig_bestatt=True,
            tidligst_maneder=org.fagprove_tidligst_maneder,
            senest_maneder=org.fagprove_senest_maneder,
        )

    dag = datetime.timedelta(days=1)
    slakk = 4 * dag
    fra = frister.legg_til_maneder(idag, org.fagprove_senest_maneder) - slakk
    til = frister.legg_til_maneder(idag, org.fagprove_tidligst_maneder) + slakk
    while fra <= til and not kan(fra):
        fra += dag
    while til >= fra and not kan(til):
        til -= dag
    return (fra, til) if fra <= til else None


def _i_fagprovevinduet(org_ids, idag: datetime.date) -> Q:
    """Contracts whose end lets the fagprøve be ordered today in their organisation's window, exactly:
    only the rows listed are read (through the partial index lop_laerekontrakt_apen_slutt, in order)."""
    q = Q(pk__in=[])
    for org in Organisasjon.objects.filter(pk__in=org_ids):
        if grenser := _slutt_i_vinduet(org, idag):
            q |= Q(organisasjon_id=org.pk, slutt__gte=grenser[0], slutt__lte=grenser[1])
    return q


@pa_oversikt(rekkefolge=10)
def oversikt_lop(*, user, idag) -> Seksjon | None:
    """The next exam window for everyone with case files; for coordinators, who can be ordered to
    the fagprøve today (passed written exam, inside the window, no open or passed attempt)."""
    if not permissions.can_use_case_files(user):
        return None
    klare = []
    koordinator_orgs = user.organisasjoner_med(permissions.KOORDINATOR)
    if koordinator_orgs:
        kontrakter = (
            Laerekontrakt.objects.filter(_i_fagprovevinduet(koordinator_orgs, idag))
            .exclude(status__in=Laerekontrakt.AVSLUTTET)
            .filter(Exists(Eksamen.objects.filter(deltaker=OuterRef("deltaker"), resultat=Resultat.BESTATT)))
            .exclude(
                Exists(Fagprove.objects.filter(deltaker=OuterRef("deltaker")).exclude(resultat=Resultat.IKKE_BESTATT))
            )
            .select_related("deltaker", "organisasjon", "deltaker__fagretning")
            # the id breaks ties: two requests list the same contracts in the same order
            .order_by("slutt", "pk")[:OVERSIKT_GRENSE]
        )
        for k in kontrakter:  # each inside the window (`_slutt_i_vinduet`): the window shown is hers
            org = k.organisasjon
            vindu = frister.fagprovevindu(
                k.slutt, tidligst_maneder=org.fagprove_tidligst_maneder, senest_maneder=org.fagprove_senest_maneder
            )
            klare.append((k, vindu))
    return Seksjon(
        template="lop/_seksjon_oversikt.html",
        context={"vindu": frister.neste_vindu(timezone.now()), "na": timezone.now(), "klare": klare},
    )
