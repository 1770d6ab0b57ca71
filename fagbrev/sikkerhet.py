"""Login hardening: the client address, the lockout page, and the two-factor requirement.

Policy in one place: who must use two-factor (`krever_totp`), what happens when the login throttle
locks a username+IP pair (`innlogging_sperret`), and the middleware that sends a logged-in user who
still owes a second factor to the pages under /konto/2fa/ — Django admin included.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .forms import InnloggingForm

SPERRET_MELDING = (
    "For mange mislykkede innloggingsforsøk. Kontoen er midlertidig sperret fra denne maskinen. "
    "Prøv igjen om {minutter} minutter, eller kontakt fagbrevkoordinatoren."
)

# The session remembers whether the user has a confirmed device, so that users who need no second
# factor cost no query per request. Cleared with the session at login and logout.
OKT_HAR_ENHET = "fagbrev_totp_enhet"
# When the session's expiry was last moved forward (seconds since the epoch); see OktFornyelseMiddleware.
OKT_FORNYET = "fagbrev_okt_fornyet"


def klient_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For as set by PROXY_ANTALL trusted proxies."""
    antall = settings.PROXY_ANTALL
    if antall > 0:
        kjede = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(kjede) >= antall:
            return kjede[-antall]
    return request.META.get("REMOTE_ADDR") or None


def innlogging_sperret(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes lockout: the login page again, with a Norwegian message, status 429."""
    minutter = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = InnloggingForm(request, initial={"username": (credentials or {}).get("username", "")})
    context = {"form": form, "sperret_melding": SPERRET_MELDING.format(minutter=minutter)}
    return render(request, "registration/login.html", context, status=429)


def krever_totp(user) -> bool:
    """Must this user verify a second factor before using the application?"""
    if not settings.TOTP_PAKREVD or not user.is_authenticated:
        return False
    return user.is_superuser or user.har_rolle(*settings.OTP_REQUIRED_ROLES)


def har_bekreftet_enhet(request: HttpRequest) -> bool:
    if OKT_HAR_ENHET not in request.session:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        request.session[OKT_HAR_ENHET] = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return request.session[OKT_HAR_ENHET]


class OktFornyelseMiddleware:
    """Renew a logged-in user's session on activity, at most every OKT_FORNY_SEKUNDER.

    Changing the session makes SessionMiddleware save it with a fresh expiry (SESSION_COOKIE_AGE from
    now): that is the inactivity timeout. Renewing on every request (SESSION_SAVE_EVERY_REQUEST) wrote
    the session on every page view; a minute's slack keeps the rule and drops the write from almost
    every request. The session then ends SESSION_COOKIE_AGE after the last renewal, never later than
    after the last request, and the warning script is told the seconds actually left (`okt_igjen`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            sist = request.session.get(OKT_FORNYET)
            na = time.time()
            if sist is None or na - sist >= settings.OKT_FORNY_SEKUNDER:
                request.session[OKT_FORNYET] = na
        return self.get_response(request)


def okt_forny(request: HttpRequest) -> None:
    """Renew the session now (the «stay logged in» button), whenever it was renewed last."""
    request.session[OKT_FORNYET] = time.time()


def okt_igjen(request: HttpRequest) -> int:
    """Seconds until the session ends without further activity."""
    alder = request.session.get_expiry_age()
    sist = request.session.get(OKT_FORNYET)
    return alder if sist is None else max(0, alder - int(time.time() - sist))


class ToFaktorMiddleware:
    """Send a logged-in user who owes a second factor to verify (or to set one up first).

    Owes it: superusers and OTP_REQUIRED_ROLES (when TOTP_PAKREVD), and anyone who has set up a
    device of her own free will. Pages needed to get there (log in/out, the 2FA pages, static
    files, the health check) stay open.
    """

    FRI = ("/konto/logg-inn/", "/konto/logg-ut/", "/konto/2fa/", "/konto/okt/", "/static/", "/helse/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.TOTP_PAKREVD
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(self.FRI)
        ):
            if har_bekreftet_enhet(request):
                return self._til("tofaktor_bekreft", request)
            if krever_totp(user):
                return self._til("tofaktor_oppsett", request)
        return self.get_response(request)

    @staticmethod
    def _til(navn: str, request: HttpRequest) -> HttpResponse:
        neste = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{reverse(navn)}?{urlencode({'next': neste})}")


def tofaktor_logg_inn(request: HttpRequest, enhet) -> None:
    """Mark the session as verified by `enhet` and give it a new key (the second factor is a login)."""
    from django_otp import login as otp_login

    otp_login(request, enhet)
    request.session.cycle_key()
    request.session[OKT_HAR_ENHET] = True


@transaction.atomic
def tofaktor_aktiver(*, enhet, utfort_av) -> None:
    """Confirm a freshly scanned device, drop the user's other unconfirmed ones, and log it."""
    from .services import hendelse_logg

    enhet.confirmed = True
    enhet.save(update_fields=["confirmed"])
    type(enhet).objects.filter(user=utfort_av, confirmed=False).delete()
    hendelse_logg(
        handling="fagbrev.tofaktor.aktivert",
        objekt=enhet,
        utfort_av=utfort_av,
        beskrivelse="Tofaktor-innlogging slått på",
    )


def okt(request: HttpRequest) -> dict:
    """Context processor: the inactivity timeout and warning for static/js/okt.js (data- attributes)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"okt": {"sekunder": okt_igjen(request), "varsel": settings.OKT_VARSEL_SEKUNDER}}


class UtloggingView(LogoutView):
    """Django's logout, and the browser told to forget what this site stored (unsaved drafts in
    localStorage, see static/js/fagbrev.js). Browsers honour Clear-Site-Data over HTTPS and on
    localhost; the logout form's own script covers the rest."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        svar = super().post(request, *args, **kwargs)
        svar["Clear-Site-Data"] = '"storage"'
        return svar
