"""Sections follow-up adds to the case page and to my overview (they register in fagbrev/seksjoner.py)."""

from __future__ import annotations

import datetime

from deltakere import statusgrupper
from deltakere.models import Deltaker
from deltakere.selectors import statuser_hatt
from fagbrev import permissions
from fagbrev.seksjoner import Seksjon, for_oversikt, pa_oversikt, pa_saksside

from .besoksdato import frister_oppdater
from .besoksfrist import besok_er_forfalt
from .models import semester_for
from .selectors import (
    apne_tiltak,
    besoksfrist_for,
    besoksrytme,
    deltakere_for_oppfolging,
    hele_organisasjoner,
    historikk_for,
    semesterstatus,
)

OVERSIKT_GRENSE = 20  # rows per list on my overview; the follow-up page has the rest

# the stored visit dates and placement ends (Deltaker.neste_besok_frist, .praksis_til), current before
# any section reads them (arbeidsgivere's «active without a practice place» among them)
for_oversikt(frister_oppdater)


@pa_saksside(rekkefolge=40)
def saksside(*, deltaker: Deltaker, user, idag: datetime.date) -> Seksjon | None:
    """All visits and assessment meetings of the participant in order, with the next visit due."""
    if not permissions.can_see_feltgruppe(user, deltaker, "vurderinger"):
        return None
    semester = semester_for(idag)
    aktiv = deltaker.status in statusgrupper.PA_ARBEIDSPLASSEN
    # the next visit due is shown only while she is followed at the workplace: no query otherwise
    neste_frist = besoksfrist_for(deltaker=deltaker) if aktiv else None
    # a visit is registered only while she is at the workplace, an assessment meeting only while she is in
    # a pathway (services.besok_registrer, vurderingssamtale_registrer): the statuses she has had (her
    # history, as the case file read it) prove there are none of them before the first such status
    hatt = statuser_hatt(deltaker=deltaker)
    historikk = historikk_for(
        deltaker=deltaker,
        besok=not hatt.isdisjoint(statusgrupper.PA_ARBEIDSPLASSEN),
        samtaler=not hatt.isdisjoint(statusgrupper.AKTIV),
    )
    denne = next((o.objekt for o in historikk if o.type == "samtale" and o.objekt.semester == semester.kode), None)
    return Seksjon(
        template="oppfolging/_seksjon_saksside.html",
        context={
            "historikk": historikk,
            "neste_frist": neste_frist,
            "forfalt": bool(neste_frist and besok_er_forfalt(neste_frist, idag)),
            "semester": semester,
            "denne_samtalen": denne,
            "kan_registrere": aktiv and permissions.can_record_oppfolging(user, deltaker),
            "deltaker": deltaker,
            "aktiv": aktiv,
        },
    )


@pa_oversikt(rekkefolge=12)
def oversikt_besok(*, user, idag: datetime.date) -> Seksjon | None:
    """Visits overdue and due soon (oppfolging.besoksfrist): the faglærer's own, the coordinator's organisation."""
    if not permissions.can_use_oppfolging(user):
        return None
    er_koordinator = user.har_rolle(permissions.KOORDINATOR)
    return Seksjon(
        template="oppfolging/_seksjon_oversikt_besok.html",
        context={
            "rytme": besoksrytme(
                deltakere=deltakere_for_oppfolging(user), idag=idag, hele_org=hele_organisasjoner(user)
            ),
            "idag": idag,
            "vis_faglarer": er_koordinator,
            "tittel_tillegg": "i organisasjonen" if er_koordinator else "hos dine deltakere",
        },
    )


@pa_oversikt(rekkefolge=21)
def oversikt_samtaler(*, user, idag: datetime.date) -> Seksjon | None:
    """Assessment meetings still to hold this semester (planned or missing)."""
    if not permissions.can_use_oppfolging(user):
        return None
    return Seksjon(
        template="oppfolging/_seksjon_oversikt_samtaler.html",
        context={
            "semester": semesterstatus(
                deltakere=deltakere_for_oppfolging(user),
                idag=idag,
                grense=OVERSIKT_GRENSE,
                med_holdt=False,
                hele_org=hele_organisasjoner(user),
            )
        },
    )


@pa_oversikt(rekkefolge=15)
def oversikt_tiltak(*, user, idag: datetime.date) -> Seksjon | None:
    """Open action items: the user's own; a coordinator sees every open item in her organisation."""
    tiltak = list(apne_tiltak(user=user, alle_i_org=user.har_rolle(permissions.KOORDINATOR))[:50])
    if not tiltak:
        return None
    return Seksjon(
        template="oppfolging/_seksjon_oversikt_tiltak.html",
        context={"tiltak": tiltak, "idag": idag},
    )
