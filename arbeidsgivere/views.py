"""Employer pages: list and search, the employer page, and the forms that change them.

Coordinators read and write; a faglærer reads the employers where her participants are placed.
Every view fetches through a permission helper (404 not visible, 403 read-only).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from deltakere.politiattest import kan_starte_praksis
from fagbrev import permissions
from fagbrev.models import Fagretning, Organisasjon
from fagbrev.skjema import knapp_post, skjema_svar, skjema_view

from . import services
from .forms import (
    GODKJENT_VALG,
    ArbeidsgiverFilterForm,
    ArbeidsgiverForm,
    ArbeidsstedForm,
    AvsluttForm,
    AvtaleForm,
    EvalueringForm,
    KontaktpersonForm,
    PlasseringEndreForm,
    PlasseringForm,
    SignaturForm,
)
from .models import Arbeidsattest, Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Plassering
from .permissions import (
    get_arbeidsgiver_for_user,
    get_arbeidssted_for_user,
    get_avtale_for_user,
    get_kontaktperson_for_user,
    get_plassering_for_user,
)
from .selectors import EGNET_VALG, arbeidsgiver_side, arbeidsgivere_for_liste
from .services_attest import attest_mulig


def _tall(verdi) -> str:
    """3 → "3", 2.5 → "2,5" (Norwegian decimal comma)."""
    return format(Decimal(verdi).normalize(), "f").replace(".", ",")


# --- employers ------------------------------------------------------------------------------------


@login_required
@require_GET
def arbeidsgiver_liste(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_arbeidsgivere(request.user):
        raise PermissionDenied("Din rolle gir ikke tilgang til arbeidsgivere.")
    filterform = ArbeidsgiverFilterForm(request.GET)
    q, filtre = filterform.verdier()["q"], filterform.filtre()
    qs = arbeidsgivere_for_liste(user=request.user, q=q, filtre=filtre)
    side = Paginator(qs, 50).get_page(request.GET.get("side"))
    orgs = request.user.organisasjoner_med(permissions.KOORDINATOR, permissions.FAGLARER)
    context = {
        "side": side,
        "q": q,
        "filtre": filtre,
        "fagretning_valg": [
            (str(f.pk), str(f)) for f in Fagretning.objects.filter(organisasjon_id__in=orgs).order_by("-aktiv", "navn")
        ],
        "godkjent_valg": GODKJENT_VALG,
        "sektorer": Arbeidsgiver.Sektor.choices,
        "egnet_valg": EGNET_VALG,
        "kan_opprette": request.user.har_rolle(permissions.KOORDINATOR),
    }
    return render(request, "arbeidsgivere/liste.html", context)


@login_required
@require_GET
def arbeidsgiver_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    arbeidsgiver = get_arbeidsgiver_for_user(request.user, pk)
    side = arbeidsgiver_side(arbeidsgiver=arbeidsgiver, user=request.user)
    idag = timezone.localdate()
    context = {
        "arbeidsgiver": arbeidsgiver,
        "fagretninger": list(arbeidsgiver.fagretninger.all()),
        "side": side,
        "naa": [p for p in side.plasseringer if p.til is None or p.til >= idag],
        "tidligere": [p for p in side.plasseringer if p.til is not None and p.til < idag],
        "kan_endre": permissions.can_manage_org(request.user, arbeidsgiver.organisasjon_id),
        "idag": idag,
    }
    return render(request, "arbeidsgivere/detalj.html", context)


def _organisasjon_for_ny(user):
    orgs = sorted(user.organisasjoner_med(permissions.KOORDINATOR))
    if not orgs:
        raise PermissionDenied("Bare fagbrevkoordinatorer kan registrere arbeidsgivere.")

    return Organisasjon.objects.get(pk=orgs[0])


@login_required
@require_http_methods(["GET", "POST"])
def arbeidsgiver_ny(request: HttpRequest) -> HttpResponse:
    organisasjon = _organisasjon_for_ny(request.user)
    return skjema_svar(
        request,
        ArbeidsgiverForm(request.POST or None, organisasjon=organisasjon),
        lambda data: services.arbeidsgiver_opprett(organisasjon=organisasjon, utfort_av=request.user, **data),
        melding=lambda arbeidsgiver: f"{arbeidsgiver.navn} er registrert.",
        videre=lambda arbeidsgiver: redirect("arbeidsgivere:detalj", pk=arbeidsgiver.pk),
        tittel="Ny arbeidsgiver",
        tilbake="/arbeidsgivere/",
        knapp="Registrer",
    )


def _arbeidsgiver_url(arbeidsgiver: Arbeidsgiver) -> str:
    return f"/arbeidsgivere/{arbeidsgiver.pk}/"


def _sted_url(sted: Arbeidssted) -> str:
    return f"/arbeidsgivere/{sted.arbeidsgiver_id}/#sted-{sted.pk}"


def _plassering_url(plassering_id: int) -> str:
    return f"/arbeidsgivere/plasseringer/{plassering_id}/"


def _plasseringen(plassering: Plassering) -> str:
    return _plassering_url(plassering.pk)


arbeidsgiver_endre = skjema_view(
    get_arbeidsgiver_for_user,
    lambda arbeidsgiver, data: ArbeidsgiverForm(data, instance=arbeidsgiver, organisasjon=arbeidsgiver.organisasjon),
    lambda arbeidsgiver, **felter: services.arbeidsgiver_endre(arbeidsgiver=arbeidsgiver, **felter),
    tittel=lambda arbeidsgiver: f"Endre {arbeidsgiver.navn}",
    tilbake=_arbeidsgiver_url,
)


# --- workplaces and people ------------------------------------------------------------------------


arbeidssted_ny = skjema_view(
    get_arbeidsgiver_for_user,
    lambda arbeidsgiver, data: ArbeidsstedForm(data),
    lambda arbeidsgiver, **felter: services.arbeidssted_opprett(arbeidsgiver=arbeidsgiver, **felter),
    melding=lambda sted: f"{sted.navn} er registrert. Legg til leder og faddere.",
    videre=lambda sted: redirect(_sted_url(sted)),
    tittel=lambda arbeidsgiver: f"Nytt arbeidssted hos {arbeidsgiver.navn}",
    tilbake=_arbeidsgiver_url,
)

arbeidssted_endre = skjema_view(
    get_arbeidssted_for_user,
    ArbeidsstedForm,
    lambda sted, **felter: services.arbeidssted_endre(arbeidssted=sted, **felter),
    tittel=lambda sted: f"Endre {sted.navn}",
    tilbake=_sted_url,
)


@login_required
@require_http_methods(["GET", "POST"])
def kontaktperson_ny(request: HttpRequest, pk: int) -> HttpResponse:
    sted = get_arbeidssted_for_user(request.user, pk, write=True)
    rolle = request.GET.get("rolle", "fadder")
    return skjema_svar(
        request,
        KontaktpersonForm(request.POST or None, initial={"rolle": rolle, "har_fagbrev": rolle == "fadder"}),
        lambda data: services.kontaktperson_opprett(arbeidssted=sted, utfort_av=request.user, **data),
        melding=lambda person: f"{person.navn} er registrert som {person.get_rolle_display().lower()}.",
        tittel=f"Ny fadder eller leder ved {sted.navn}",
        tilbake=_sted_url(sted),
    )


kontaktperson_endre = skjema_view(
    get_kontaktperson_for_user,
    KontaktpersonForm,
    lambda person, **felter: services.kontaktperson_endre(kontaktperson=person, **felter),
    tittel=lambda person: f"Endre {person.navn}",
    tilbake=lambda person: _sted_url(person.arbeidssted),
)


# --- placements -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plassering_ny(request: HttpRequest, deltaker_pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, deltaker_pk, write=True)
    initial = {"fra": timezone.localdate()}
    if request.GET.get("arbeidssted", "").isdigit():
        initial["arbeidssted"] = request.GET["arbeidssted"]
    return skjema_svar(
        request,
        PlasseringForm(request.POST or None, deltaker=deltaker, initial=initial),
        lambda data: services.plassering_opprett(deltaker=deltaker, utfort_av=request.user, **data),
        melding=lambda plassering: f"{deltaker.navn} er plassert ved {plassering.arbeidssted.navn}.",
        videre=lambda plassering: redirect("arbeidsgivere:plassering", pk=plassering.pk),
        tittel=f"Ny praksisplassering for {deltaker.navn}",
        tilbake=f"/deltakere/{deltaker.pk}/",
        knapp="Plasser",
        forklaring="Har deltakeren en plassering fra før, avsluttes den dagen før den nye starter."
        + (
            f" {deltaker.fagretning.navn} krever politiattest, og den er ikke registrert som mottatt."
            if not kan_starte_praksis(deltaker)
            else ""
        ),
    )


@login_required
@require_GET
def plassering_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_for_user(request.user, pk)
    kan_endre = permissions.can_edit_deltaker(request.user, plassering.deltaker)
    avtaler = list(plassering.avtaler.select_related("signert_kommune_av").order_by("-pk"))
    gjeldende = next((a for a in avtaler if a.status != Avtale.Status.AVSLUTTET), None)
    evaluering = Evaluering.objects.filter(plassering=plassering).select_related("registrert_av").first()
    context = {
        "attest": Arbeidsattest.objects.filter(plassering=plassering).first(),
        "attest_mulig": attest_mulig(plassering),
        "plassering": plassering,
        "deltaker": plassering.deltaker,
        "avtaler": avtaler,
        "gjeldende": gjeldende,
        "evaluering": evaluering,
        "kan_endre": kan_endre,
        "kan_se_arbeidsgiver": permissions.can_manage_org(request.user, plassering.organisasjon_id)
        or permissions.can_use_arbeidsgivere(request.user),
        "avslutt_form": AvsluttForm(initial={"til": timezone.localdate()}),
        "signatur_form": SignaturForm(initial={"dato": timezone.localdate()}),
    }
    return render(request, "arbeidsgivere/plassering.html", context)


plassering_endre = skjema_view(
    get_plassering_for_user,
    PlasseringEndreForm,
    lambda plassering, **felter: services.plassering_endre(plassering=plassering, **felter),
    melding="Plasseringen er oppdatert.",
    tittel=lambda plassering: f"Endre plassering for {plassering.deltaker.navn}",
    tilbake=_plasseringen,
)

plassering_avslutt = skjema_view(
    get_plassering_for_user,
    lambda plassering, data: AvsluttForm(data, initial={"til": timezone.localdate()}),
    lambda plassering, **felter: services.plassering_avslutt(plassering=plassering, **felter),
    melding="Plasseringen er avsluttet.",
    tittel="Avslutt plassering",
    tilbake=_plasseringen,
    knapp="Avslutt",
)


# --- agreement ------------------------------------------------------------------------------------


def _avtaleskjema(plassering: Plassering, data) -> AvtaleForm:
    """A new agreement's form, filled in from the placement."""
    return AvtaleForm(
        data,
        initial={
            "oppstart": plassering.fra,
            "arbeidstid": f"{_tall(plassering.dager_per_uke)} dager i uken",
            "fravaersregler": "Fravær meldes til leder og koordinator før arbeidstid samme dag. Oppmøte minst 80 %.",
        },
    )


avtale_ny = skjema_view(
    get_plassering_for_user,
    _avtaleskjema,
    lambda plassering, **felter: services.avtale_opprett(plassering=plassering, **felter),
    melding="Avtalen om deltakelse er lagret som utkast.",
    tittel=lambda plassering: f"Avtale om deltakelse for {plassering.deltaker.navn}",
    tilbake=_plasseringen,
)

avtale_endre = skjema_view(
    get_avtale_for_user,
    AvtaleForm,
    lambda avtale, **felter: services.avtale_endre(avtale=avtale, **felter),
    melding="Avtalen er oppdatert.",
    tittel="Endre avtale om deltakelse",
    tilbake=lambda avtale: _plassering_url(avtale.plassering_id),
)


@login_required
@require_POST
def avtale_status(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_avtale_for_user(request.user, pk, write=True)
    handling = request.POST.get("handling")
    if handling == "til_signering":
        knapp_post(
            request,
            lambda: services.avtale_send_til_signering(avtale=avtale, utfort_av=request.user),
            melding="Avtalen er sendt til signering.",
        )
    elif handling == "avslutt":
        knapp_post(
            request,
            lambda: services.avtale_avslutt(avtale=avtale, dato=timezone.localdate(), utfort_av=request.user),
            melding="Avtalen er avsluttet.",
        )
    else:
        messages.error(request, "Ukjent handling.")
    return redirect("arbeidsgivere:plassering", pk=avtale.plassering_id)


avtale_signer = skjema_view(
    get_avtale_for_user,
    lambda avtale, data: SignaturForm(data, initial={"dato": timezone.localdate()}),
    lambda avtale, **felter: services.avtale_registrer_signatur(avtale=avtale, **felter),
    melding=lambda avtale: (
        "Signaturen er registrert." + (" Alle har signert." if avtale.status == Avtale.Status.SIGNERT else "")
    ),
    tittel="Registrer signatur",
    tilbake=lambda avtale: _plassering_url(avtale.plassering_id),
    knapp="Registrer",
)


# --- evaluation -----------------------------------------------------------------------------------


evaluering_ny = skjema_view(
    get_plassering_for_user,
    lambda plassering, data: EvalueringForm(data, initial={"dato": plassering.til or timezone.localdate()}),
    lambda plassering, **felter: services.evaluering_registrer(plassering=plassering, **felter),
    melding="Sluttevalueringen er registrert.",
    tittel=lambda plassering: f"Sluttevaluering av {plassering.arbeidssted.navn}",
    tilbake=_plasseringen,
    forklaring="Kommunens, deltakerens og arbeidsgiverens vurdering av praksisplassen.",
)
