"""The coordinator's pages (logged in) and the pages a link opens (no login).

A link page looks the token up (services.lenke_finn); a forged, expired, used or withdrawn token
gets the same plain page and status, so the page tells nothing about which it was. Misses are
counted per IP address in the cache; past GJETT_GRENSE in GJETT_VINDU the address gets the plain
page (429) for every token until the window has passed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arbeidsgivere.models import Avtale
from arbeidsgivere.permissions import get_avtale_for_user
from deltakere.permissions import get_deltaker_for_user
from fagbrev.sikkerhet import klient_ip
from fagbrev.skjema import feil_pa_skjema, knapp_post, skjema_post
from fagbrev.tilgang import HVA, tilgang_logg
from lop.models import Manedstema, Opplaeringsplanpunkt
from oppfolging.models import Vurderingssamtale

from . import selectors, services
from .forms import AnsattSignerForm, BekreftForm, EvalueringForm, MalForm, SamtaleForm, SignerForm
from .models import Lenke
from .permissions import can_sign_for_kommune

H = Lenke.Handling
GJETT_GRENSE = getattr(settings, "MEDVIRKNING_GJETT_GRENSE", 20)
GJETT_VINDU = 15 * 60  # seconds


# --- the coordinator -----------------------------------------------------------------------------


@login_required
@require_GET
def deltaker_side(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk)
    context = selectors.medvirkning_side(deltaker=deltaker, user=request.user, idag=timezone.localdate())
    return render(request, "medvirkning/deltaker.html", context)


def _tilbake(request: HttpRequest, standard: str) -> HttpResponse:
    neste = request.POST.get("neste", "")
    if neste and url_has_allowed_host_and_scheme(neste, {request.get_host()}, require_https=request.is_secure()):
        return redirect(neste)
    return redirect(standard)


@login_required
@require_POST
def oppgave_send(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    handling = request.POST.get("handling", "")
    knapp_post(
        request,
        lambda: services.oppgave_send(
            deltaker=deltaker, handling=handling, utfort_av=request.user, idag=timezone.localdate()
        ),
        melding=_sendt_til,
    )
    return _tilbake(request, f"/medvirkning/deltakere/{pk}/")


def _sendt_til(lenker) -> str:
    if not lenker:
        return "Alle har allerede signert."
    mottakere = ", ".join(f"{lenke.mottaker_navn} ({lenke.epost})" for lenke in lenker)
    return f"Lenke sendt til {mottakere}."


@login_required
@require_POST
def lenke_trekk(request: HttpRequest, pk: int) -> HttpResponse:
    lenke = selectors.get_lenke_for_user(request.user, pk, write=True)
    knapp_post(
        request,
        lambda: services.lenke_trekk(lenke=lenke, utfort_av=request.user),
        melding=f"Lenken til {lenke.mottaker_navn} er trukket tilbake. Den virker ikke lenger.",
    )
    return _tilbake(request, f"/medvirkning/deltakere/{lenke.deltaker_id}/")


@login_required
@require_POST
def lenke_send_igjen(request: HttpRequest, pk: int) -> HttpResponse:
    lenke = selectors.get_lenke_for_user(request.user, pk, write=True)
    knapp_post(
        request,
        lambda: services.lenke_send_igjen(lenke=lenke, utfort_av=request.user),
        melding=lambda ny: f"Ny lenke sendt til {ny.mottaker_navn} ({ny.epost}). Den gamle virker ikke lenger.",
    )
    return _tilbake(request, f"/medvirkning/deltakere/{lenke.deltaker_id}/")


def _signert_for_kommunen(avtale: Avtale) -> str:
    """The message after the municipality's signature, read from the agreement as it now stands."""
    avtale.refresh_from_db()
    tekst = "Du har signert avtalen for kommunen."
    if avtale.status == Avtale.Status.SIGNERT:
        tekst += " Alle har signert, og avtalen er signert."
    return tekst


@login_required
@require_http_methods(["GET", "POST"])
def avtale_signer(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_avtale_for_user(request.user, pk)
    if not can_sign_for_kommune(request.user, avtale):
        raise PermissionDenied("Bare fagbrevkoordinatoren eller deltakerens faglærer kan signere for kommunen.")
    deltaker = avtale.plassering.deltaker
    versjon = selectors.siste_versjon(avtale)
    form = AnsattSignerForm(request.POST or None)
    return skjema_post(
        request,
        form,
        lambda data: services.signer_som_ansatt(
            avtale=avtale, bruker=request.user, navn=data["navn"], ip=klient_ip(request)
        ),
        melding=lambda _: _signert_for_kommunen(avtale),
        videre=lambda _: redirect("medvirkning:deltaker", pk=deltaker.pk),
    ) or render(
        request,
        "medvirkning/ansatt_signer.html",
        {
            "avtale": avtale,
            "deltaker": deltaker,
            "versjon": versjon,
            "form": form,
            "navn": request.user.get_full_name(),
        },
    )


# --- by link --------------------------------------------------------------------------------------


def _gjett_nokkel(request: HttpRequest) -> str:
    return f"medvirkning:gjett:{klient_ip(request) or 'ukjent'}"


def _sperret(request: HttpRequest) -> bool:
    return (cache.get(_gjett_nokkel(request)) or 0) >= GJETT_GRENSE


def _bom(request: HttpRequest) -> None:
    nokkel = _gjett_nokkel(request)
    if cache.add(nokkel, 1, GJETT_VINDU):
        return
    try:
        cache.incr(nokkel)
    except ValueError:
        cache.set(nokkel, 1, GJETT_VINDU)


def _ugyldig(request: HttpRequest, status: int = 404) -> HttpResponse:
    svar = render(request, "medvirkning/lenke_ugyldig.html", {"sperret": status == 429}, status=status)
    svar["X-Robots-Tag"] = "noindex"
    return svar


def _hent(request: HttpRequest, token: str) -> Lenke | HttpResponse:
    if _sperret(request):
        return _ugyldig(request, 429)
    lenke = services.lenke_finn(token=token)
    if lenke is None:
        _bom(request)
        return _ugyldig(request)
    return lenke


def _logg_oppslag(request: HttpRequest, lenke: Lenke, hva: str, tekst: str) -> None:
    """The access log needs a user: the link's sender, on whose authority it was opened; the
    purpose names who opened it."""
    tilgang_logg(
        user=lenke.sendt_av,
        deltaker_id=lenke.deltaker_id,
        hva=hva,
        request=request,
        formal=f"Via lenke ({lenke.pk}): {lenke.get_part_display().lower()} {lenke.mottaker_navn} {tekst}",
        organisasjon_id=lenke.organisasjon_id,
    )


def _forsok(form, handling) -> bool:
    try:
        handling()
    except ValidationError as feil:
        feil_pa_skjema(form, feil)
        return False
    return True


def _signer_avtale(request, lenke, data, context):
    plassering = lenke.plassering
    form = SignerForm(data, bekreft_ekstra=lenke.part == Lenke.Part.LEDER and not plassering.ekstra_person_bekreftet)
    context |= {"avtale": lenke.avtale, "versjon": lenke.dokument, "navn": lenke.mottaker_navn}
    if data is not None and form.is_valid():
        kwargs = {"navn": form.cleaned_data["navn"], "bekreft_ekstra": form.cleaned_data.get("bekreft_ekstra", False)}
        if _forsok(form, lambda: services.signer_med_lenke(lenke=lenke, ip=klient_ip(request), **kwargs)):
            return form, ("Takk! Du har signert avtalen om deltakelse.", True)
    return form, None


def _bekreft_ekstra(request, lenke, data, context):
    form = BekreftForm(data)
    if data is not None and form.is_valid() and _forsok(form, lambda: services.ekstra_bekreft_med_lenke(lenke=lenke)):
        return form, ("Takk! Du har bekreftet at deltakeren er en ekstra person på arbeidsplassen.", True)
    return form, None


def _marker_mal(request, lenke, data, context):
    punkter = list(
        Opplaeringsplanpunkt.objects.filter(deltaker_id=lenke.deltaker_id)
        .select_related("kompetansemal")
        .order_by("utfort", "pk")
    )
    form = MalForm(data, punkter=punkter)
    context["tema"] = (
        Manedstema.objects.filter(fagretning_id=lenke.deltaker.fagretning_id, maned=timezone.localdate().replace(day=1))
        .order_by("kull_id")
        .first()
    )
    antall = []

    def lagre():
        antall.append(services.mal_marker_med_lenke(lenke=lenke, verdier=form.verdier()))

    if data is not None and form.is_valid() and _forsok(form, lagre):
        return form, (f"Lagret. {antall[0]} punkt{'er' if antall[0] != 1 else ''} oppdatert.", False)
    return form, None


def _vurderingssamtale(request, lenke, data, context):
    samtale = Vurderingssamtale.objects.get(pk=lenke.samtale_id)
    form = SamtaleForm(data, instance=samtale)
    context["samtale"] = samtale
    if data is not None and form.is_valid():
        felter = {f: form.cleaned_data[f] for f in services.SAMTALE_ARBEIDSSTED}
        if _forsok(form, lambda: services.samtale_fyll_ut_med_lenke(lenke=lenke, felter=felter)):
            return form, ("Takk! Arbeidsplassens del av vurderingssamtalen er lagret.", False)
    return form, None


def _evaluering(request, lenke, data, context):
    form = EvalueringForm(data)
    context["plassering"] = lenke.plassering

    def lagre():
        services.evaluering_fyll_ut_med_lenke(lenke=lenke, felter=form.felter())

    if data is not None and form.is_valid() and _forsok(form, lagre):
        return form, ("Takk! Arbeidsplassens evaluering av praksisperioden er lagret.", True)
    return form, None


# What each task's page does with the form: (form, None) shows the page; (form, (melding, ferdig)) saved
# it — ferdig: on to the thank-you page (the link is used up), else back to the same page (reusable).
SIDER = {
    H.SIGNER_AVTALE: _signer_avtale,
    H.BEKREFT_EKSTRA: _bekreft_ekstra,
    H.MARKER_MAL: _marker_mal,
    H.VURDERINGSSAMTALE: _vurderingssamtale,
    H.EVALUERE_PLASSERING: _evaluering,
}


@never_cache
@require_http_methods(["GET", "POST"])
def lenke_side(request: HttpRequest, token: str) -> HttpResponse:
    lenke = _hent(request, token)
    if isinstance(lenke, HttpResponse):
        return lenke
    oppgave = lenke.get_handling_display().lower()
    if request.method == "GET":
        services.lenke_apnet(lenke=lenke)
        _logg_oppslag(
            request, lenke, HVA.DOKUMENT if lenke.handling == H.SIGNER_AVTALE else HVA.SAKSSIDE, f"åpnet «{oppgave}»"
        )
    context = {
        "lenke": lenke,
        "deltaker_navn": lenke.deltaker.navn,
        "arbeidssted": lenke.plassering.arbeidssted.navn if lenke.plassering_id else "",
        "organisasjon": lenke.deltaker.organisasjon,
        "koordinator": lenke.sendt_av,
        "utloper": timezone.localtime(lenke.utloper),
        "token": token,
    }
    form, utfall = SIDER[lenke.handling](request, lenke, request.POST if request.method == "POST" else None, context)
    if utfall is not None:
        melding, ferdig = utfall
        _logg_oppslag(request, lenke, HVA.SAKSSIDE, f"brukte lenken: «{oppgave}»")
        messages.success(request, melding)
        return redirect("medvirkning:takk") if ferdig else redirect("medvirkning:lenke", token=token)
    context["form"] = form
    svar = render(request, f"medvirkning/lenke_{lenke.handling}.html", context)
    svar["X-Robots-Tag"] = "noindex"
    return svar


@never_cache
@require_GET
def lenke_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The exact version the link asks to be signed."""
    lenke = _hent(request, token)
    if isinstance(lenke, HttpResponse):
        return lenke
    if lenke.handling != H.SIGNER_AVTALE:
        return _ugyldig(request)
    _logg_oppslag(request, lenke, HVA.DOKUMENT, f"lastet ned avtalen, versjon {lenke.dokument.versjon}")
    return FileResponse(
        lenke.dokument.fil.open("rb"),
        content_type="application/pdf",
        filename=f"avtale-om-deltakelse-v{lenke.dokument.versjon}.pdf",
    )


@never_cache
@require_GET
def lenke_takk(request: HttpRequest) -> HttpResponse:
    return render(request, "medvirkning/lenke_takk.html")
