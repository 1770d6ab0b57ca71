"""Sections the deltakere app adds to shared pages (see fagbrev/seksjoner.py)."""

from __future__ import annotations

from fagbrev.permissions import KOORDINATOR, can_edit_deltaker, can_see_feltgruppe
from fagbrev.seksjoner import Seksjon, pa_oversikt, pa_saksside

from . import statusgrupper
from .forms import UtfallForm
from .models import Deltaker, Permisjon, Rutebytte, Utfall, Utstyrslan
from .politiattest import star_fast_q
from .selectors import utfall_status

S = Deltaker.Status


@pa_oversikt(rekkefolge=20)
def oversikt_oppgaver(*, user, idag) -> Seksjon | None:
    """For coordinators: cases stuck on a rule — no police certificate, leave past its end, kit not back."""
    if not user.har_rolle(KOORDINATOR):
        return None
    mine = Deltaker.objects.for_roller(user, KOORDINATOR)
    uten_attest = list(mine.filter(star_fast_q()).select_related("fagretning").order_by("etternavn", "fornavn")[:20])
    permisjon_ute = list(
        Permisjon.objects.for_roller(user, KOORDINATOR)
        .filter(deltaker__status=S.PERMISJON, til__lt=idag)
        .select_related("deltaker")
        .order_by("til")[:20]
    )
    utstyr_ute = list(
        Utstyrslan.objects.for_roller(user, KOORDINATOR)
        .filter(returnert__isnull=True, deltaker__status__in=statusgrupper.AVSLUTTET)
        .select_related("deltaker")
        .order_by("utlant")[:20]
    )
    if not (uten_attest or permisjon_ute or utstyr_ute):
        return None
    return Seksjon(
        template="deltakere/_oversikt_oppgaver.html",
        context={"uten_attest": uten_attest, "permisjon_ute": permisjon_ute, "utstyr_ute": utstyr_ute},
    )


@pa_saksside(rekkefolge=15)
def saksside_utfall(*, deltaker, user, idag) -> Seksjon | None:
    """Outcome at completion and six months after, for a closed case. Whoever may see the case reads
    it (her teachers); coordinators register and correct it in the section's forms. Two queries,
    none for an open case. The steering group never sees case pages: only the report's counts."""
    if deltaker.status not in statusgrupper.LOP_AVSLUTTET or not can_see_feltgruppe(user, deltaker, "fremdrift"):
        return None
    status = utfall_status(deltaker=deltaker)
    kan_endre = can_edit_deltaker(user, deltaker)
    T = Utfall.Tidspunkt
    rader = []
    for tidspunkt, utfall in ((T.VED_FULLFORING, status.ved_fullforing), (T.SEKS_MANEDER, status.seks_maneder)):
        mulig = tidspunkt == T.VED_FULLFORING or status.seks_maneder_mulig(idag)
        skjema = UtfallForm(instance=utfall, tidspunkt=tidspunkt) if kan_endre and mulig else None
        rader.append({"tidspunkt": T(tidspunkt), "utfall": utfall, "mulig": mulig, "form": skjema})
    return Seksjon(
        template="deltakere/_seksjon_utfall.html",
        context={"deltaker": deltaker, "status": status, "rader": rader, "kan_endre": kan_endre},
    )


@pa_saksside(rekkefolge=12)
def saksside_rutebytter(*, deltaker, user, idag) -> Seksjon | None:
    """The track's history: each switch with its day, reason and who registered it (one query; nothing
    shown for a case that never switched). Read by whoever sees the case's progress."""
    # a case without a track never switched: `rute` changes only by a switch (services_rute.rute_bytt),
    # and a switch always leaves one. No query for her.
    if not deltaker.rute or not can_see_feltgruppe(user, deltaker, "fremdrift"):
        return None
    bytter = list(Rutebytte.objects.filter(deltaker=deltaker).select_related("registrert_av"))
    if not bytter:
        return None
    return Seksjon(template="deltakere/_seksjon_rutebytter.html", context={"deltaker": deltaker, "bytter": bytter})
