"""Employer pages: list and search, the employer page, and the forms that change them.

Coordinators read and write; a faglærer reads the employers where her participants are placed.
Every view fetches through a permission helper (404 not visible, 403 read-only).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from deltakere.politiattest import kan_starte_praksis
from fagbrev import permissions
from fagbrev.models import Fagretning, Organisasjon
from fagbrev.skjema import skjema_post
from fagbrev.skjema import skjema_side as _skjema

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
from .models import Arbeidsattest, Arbeidsgiver, Avtale, Evaluering
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


def _arbeidsgiver_felter(data: dict) -> dict:
    felter = dict(data)
    felter.pop("fagretninger", None)
    return felter


@login_required
@require_http_methods(["GET", "POST"])
def arbeidsgiver_ny(request: HttpRequest) -> HttpResponse:
    organisasjon = _organisasjon_for_ny(request.user)
    form = ArbeidsgiverForm(request.POST or None, organisasjon=organisasjon)
    return skjema_post(
        request,
        form,
        lambda data: services.arbeidsgiver_opprett(
            organisasjon=organisasjon,
            utfort_av=request.user,
            fagretninger=data["fagretninger"],
            **_arbeidsgiver_felter(data),
        ),
        melding=lambda arbeidsgiver: f"{arbeidsgiver.navn} er registrert.",
        videre=lambda arbeidsgiver: redirect("arbeidsgivere:detalj", pk=arbeidsgiver.pk),
    ) or _skjema(request, form, tittel="Ny arbeidsgiver", tilbake="/arbeidsgivere/", knapp="Registrer")


@login_required
@require_http_methods(["GET", "POST"])
def arbeidsgiver_endre(request: HttpRequest, pk: int) -> HttpResponse:
    arbeidsgiver = get_arbeidsgiver_for_user(request.user, pk, write=True)
    form = ArbeidsgiverForm(request.POST or None, instance=arbeidsgiver, organisasjon=arbeidsgiver.organisasjon)
    return skjema_post(
        request,
        form,
        lambda data: services.arbeidsgiver_endre(
            arbeidsgiver=arbeidsgiver,
            utfort_av=request.user,
            fagretninger=data["fagretninger"],
            **_arbeidsgiver_felter(data),
        ),
        melding="Endringene er lagret.",
        videre=lambda _: redirect("arbeidsgivere:detalj", pk=arbeidsgiver.pk),
    ) or _skjema(request, form, tittel=f"Endre {arbeidsgiver.navn}", tilbake=f"/arbeidsgivere/{pk}/")


# --- workplaces and people ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def arbeidssted_ny(request: HttpRequest, pk: int) -> HttpResponse:
    arbeidsgiver = get_arbeidsgiver_for_user(request.user, pk, write=True)
    form = ArbeidsstedForm(request.POST or None)
    return skjema_post(
        request,
        form,
        lambda data: services.arbeidssted_opprett(arbeidsgiver=arbeidsgiver, utfort_av=request.user, **data),
        melding=lambda sted: f"{sted.navn} er registrert. Legg til leder og faddere.",
        videre=lambda sted: redirect(f"/arbeidsgivere/{pk}/#sted-{sted.pk}"),
    ) or _skjema(request, form, tittel=f"Nytt arbeidssted hos {arbeidsgiver.navn}", tilbake=f"/arbeidsgivere/{pk}/")


@login_required
@require_http_methods(["GET", "POST"])
def arbeidssted_endre(request: HttpRequest, pk: int) -> HttpResponse:
    sted = get_arbeidssted_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/{sted.arbeidsgiver_id}/#sted-{sted.pk}"
    form = ArbeidsstedForm(request.POST or None, instance=sted)
    return skjema_post(
        request,
        form,
        lambda data: services.arbeidssted_endre(arbeidssted=sted, utfort_av=request.user, **data),
        melding="Endringene er lagret.",
        videre=tilbake,
    ) or _skjema(request, form, tittel=f"Endre {sted.navn}", tilbake=tilbake)


@login_required
@require_http_methods(["GET", "POST"])
def kontaktperson_ny(request: HttpRequest, pk: int) -> HttpResponse:
    sted = get_arbeidssted_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/{sted.arbeidsgiver_id}/#sted-{sted.pk}"
    rolle = request.GET.get("rolle", "fadder")
    form = KontaktpersonForm(request.POST or None, initial={"rolle": rolle, "har_fagbrev": rolle == "fadder"})
    return skjema_post(
        request,
        form,
        lambda data: services.kontaktperson_opprett(arbeidssted=sted, utfort_av=request.user, **data),
        melding=lambda person: f"{person.navn} er registrert som {person.get_rolle_display().lower()}.",
        videre=tilbake,
    ) or _skjema(request, form, tittel=f"Ny fadder eller leder ved {sted.navn}", tilbake=tilbake)


@login_required
@require_http_methods(["GET", "POST"])
def kontaktperson_endre(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_kontaktperson_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/{person.arbeidssted.arbeidsgiver_id}/#sted-{person.arbeidssted_id}"
    form = KontaktpersonForm(request.POST or None, instance=person)
    return skjema_post(
        request,
        form,
        lambda data: services.kontaktperson_endre(kontaktperson=person, utfort_av=request.user, **data),
        melding="Endringene er lagret.",
        videre=tilbake,
    ) or _skjema(request, form, tittel=f"Endre {person.navn}", tilbake=tilbake)


# --- placements -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plassering_ny(request: HttpRequest, deltaker_pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, deltaker_pk, write=True)
    initial = {"fra": timezone.localdate()}
    if request.GET.get("arbeidssted", "").isdigit():
        initial["arbeidssted"] = request.GET["arbeidssted"]
    form = PlasseringForm(request.POST or None, deltaker=deltaker, initial=initial)
    return skjema_post(
        request,
        form,
        lambda data: services.plassering_opprett(deltaker=deltaker, utfort_av=request.user, **data),
        melding=lambda plassering: f"{deltaker.navn} er plassert ved {plassering.arbeidssted.navn}.",
        videre=lambda plassering: redirect("arbeidsgivere:plassering", pk=plassering.pk),
    ) or _skjema(
        request,
        form,
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


@login_required
@require_http_methods(["GET", "POST"])
def plassering_endre(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{pk}/"
    form = PlasseringEndreForm(request.POST or None, instance=plassering)
    return skjema_post(
        request,
        form,
        lambda data: services.plassering_endre(plassering=plassering, utfort_av=request.user, **data),
        melding="Plasseringen er oppdatert.",
        videre=tilbake,
    ) or _skjema(request, form, tittel=f"Endre plassering for {plassering.deltaker.navn}", tilbake=tilbake)


@login_required
@require_http_methods(["GET", "POST"])
def plassering_avslutt(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{pk}/"
    form = AvsluttForm(request.POST or None, initial={"til": timezone.localdate()})
    return skjema_post(
        request,
        form,
        lambda data: services.plassering_avslutt(plassering=plassering, utfort_av=request.user, til=data["til"]),
        melding="Plasseringen er avsluttet.",
        videre=tilbake,
    ) or _skjema(request, form, tittel="Avslutt plassering", tilbake=tilbake, knapp="Avslutt")


# --- agreement ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def avtale_ny(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{pk}/"
    form = AvtaleForm(
        request.POST or None,
        initial={
            "oppstart": plassering.fra,
            "arbeidstid": f"{_tall(plassering.dager_per_uke)} dager i uken",
            "fravaersregler": "Fravær meldes til leder og koordinator før arbeidstid samme dag. Oppmøte minst 80 %.",
        },
    )
    return skjema_post(
        request,
        form,
        lambda data: services.avtale_opprett(plassering=plassering, utfort_av=request.user, **data),
        melding="Avtalen om deltakelse er lagret som utkast.",
        videre=tilbake,
    ) or _skjema(request, form, tittel=f"Avtale om deltakelse for {plassering.deltaker.navn}", tilbake=tilbake)


@login_required
@require_http_methods(["GET", "POST"])
def avtale_endre(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_avtale_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{avtale.plassering_id}/"
    form = AvtaleForm(request.POST or None, instance=avtale)
    return skjema_post(
        request,
        form,
        lambda data: services.avtale_endre(avtale=avtale, utfort_av=request.user, **data),
        melding="Avtalen er oppdatert.",
        videre=tilbake,
    ) or _skjema(request, form, tittel="Endre avtale om deltakelse", tilbake=tilbake)


@login_required
@require_POST
def avtale_status(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_avtale_for_user(request.user, pk, write=True)
    handling = request.POST.get("handling")
    try:
        if handling == "til_signering":
            services.avtale_send_til_signering(avtale=avtale, utfort_av=request.user)
            messages.success(request, "Avtalen er sendt til signering.")
        elif handling == "avslutt":
            services.avtale_avslutt(avtale=avtale, dato=timezone.localdate(), utfort_av=request.user)
            messages.success(request, "Avtalen er avsluttet.")
        else:
            messages.error(request, "Ukjent handling.")
    except ValidationError as feil:
        messages.error(request, " ".join(feil.messages))
    return redirect("arbeidsgivere:plassering", pk=avtale.plassering_id)


@login_required
@require_http_methods(["GET", "POST"])
def avtale_signer(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_avtale_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{avtale.plassering_id}/"
    form = SignaturForm(request.POST or None, initial={"dato": timezone.localdate()})
    return skjema_post(
        request,
        form,
        lambda data: services.avtale_registrer_signatur(avtale=avtale, utfort_av=request.user, **data),
        melding=lambda avtale: (
            "Signaturen er registrert." + (" Alle har signert." if avtale.status == Avtale.Status.SIGNERT else "")
        ),
        videre=tilbake,
    ) or _skjema(request, form, tittel="Registrer signatur", tilbake=tilbake, knapp="Registrer")


# --- evaluation -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evaluering_ny(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_for_user(request.user, pk, write=True)
    tilbake = f"/arbeidsgivere/plasseringer/{pk}/"
    form = EvalueringForm(request.POST or None, initial={"dato": plassering.til or timezone.localdate()})
    return skjema_post(
        request,
        form,
        lambda data: services.evaluering_registrer(plassering=plassering, utfort_av=request.user, **data),
        melding="Sluttevalueringen er registrert.",
        videre=tilbake,
    ) or _skjema(
        request,
        form,
        tittel=f"Sluttevaluering av {plassering.arbeidssted.navn}",
        tilbake=tilbake,
        forklaring="Kommunens, deltakerens og arbeidsgiverens vurdering av praksisplassen.",
    )
