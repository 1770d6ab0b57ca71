"""Two-factor pages under /konto/2fa/: status, set-up with a QR code, and verification."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TotpKodeForm
from .sikkerhet import krever_totp, okt_forny, okt_igjen, tofaktor_aktiver, tofaktor_logg_inn

ENHETSNAVN = "Autentiseringsapp"


def _neste(request: HttpRequest) -> str:
    neste = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(neste, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return neste
    return settings.LOGIN_REDIRECT_URL


def _bekreftet_enhet(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _ubekreftet_enhet(user) -> TOTPDevice:
    enhet = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return enhet or TOTPDevice.objects.create(user=user, name=ENHETSNAVN, confirmed=False)


@never_cache
@login_required
@require_GET
def tofaktor_status(request: HttpRequest) -> HttpResponse:
    context = {"enhet": _bekreftet_enhet(request.user), "pakrevd": krever_totp(request.user)}
    return render(request, "registration/tofaktor_status.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tofaktor_oppsett(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then prove it with one code."""
    if _bekreftet_enhet(request.user):
        # A password alone must never be enough to enrol a new device.
        if not request.user.is_verified():
            return _til("tofaktor_bekreft", _neste(request))
        messages.info(request, "Tofaktor-innlogging er allerede slått på.")
        return redirect("tofaktor_status")
    enhet = _ubekreftet_enhet(request.user)
    form = TotpKodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enhet.verify_token(form.cleaned_data["kode"]):
            tofaktor_aktiver(enhet=enhet, utfort_av=request.user)
            tofaktor_logg_inn(request, enhet)
            messages.success(request, "Tofaktor-innlogging er slått på.")
            return redirect(_neste(request))
        form.add_error("kode", "Koden stemmer ikke. Sjekk at klokka på telefonen er riktig, og prøv neste kode.")
    context = {
        "form": form,
        "hemmelighet": " ".join(_grupper(b32encode(enhet.bin_key).decode())),
        "pakrevd": krever_totp(request.user),
        "next": _neste(request),
    }
    return render(request, "registration/tofaktor_oppsett.html", context, status=200)


@never_cache
@login_required
@require_GET
def tofaktor_qr(request: HttpRequest) -> HttpResponse:
    """The set-up QR code as SVG, drawn here (no external service sees the secret)."""
    enhet = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
    if enhet is None:
        return HttpResponse(status=404)
    bilde = qrcode.make(enhet.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return HttpResponse(bilde.to_string(), content_type="image/svg+xml")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tofaktor_bekreft(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the device set up earlier."""
    enhet = _bekreftet_enhet(request.user)
    if enhet is None:
        return _til("tofaktor_oppsett", _neste(request))
    if request.user.is_verified():
        return redirect(_neste(request))
    form = TotpKodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tillatt, _ = enhet.verify_is_allowed()
        if not tillatt:
            form.add_error("kode", "For mange feil koder på rad. Vent et halvt minutt og prøv igjen.")
        elif enhet.verify_token(form.cleaned_data["kode"]):
            tofaktor_logg_inn(request, enhet)
            return redirect(_neste(request))
        else:
            form.add_error("kode", "Koden stemmer ikke. Prøv den neste koden appen viser.")
    return render(request, "registration/tofaktor_bekreft.html", {"form": form, "next": _neste(request)})


@never_cache
@login_required
@require_GET
def okt_forleng(request: HttpRequest) -> JsonResponse:
    """Renew the session and say how long it now lasts."""
    okt_forny(request)
    return JsonResponse({"sekunder": okt_igjen(request)})


def _til(navn: str, neste: str) -> HttpResponse:
    return redirect(f"{reverse(navn)}?{urlencode({'next': neste})}")


def _grupper(tekst: str, storrelse: int = 4) -> list[str]:
    return [tekst[i : i + storrelse] for i in range(0, len(tekst), storrelse)]
