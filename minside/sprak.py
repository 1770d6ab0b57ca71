"""The participant's language: chosen on her page, remembered in a cookie, used under /min-side/ only.

The staff interface is bokmål and stays so (settings.LANGUAGES has bokmål alone, so Django's own
LocaleMiddleware never picks another language for staff). This middleware activates the language
she chose for the participant's URLs, and only for them.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .models import Deltakerkonto

# Bokmål first: the default. Each name is written in its own language, as a chooser should.
SPRAK: list[tuple[str, str]] = [("nb", "Norsk"), ("en", "English"), ("ar", "العربية")]
KODER = {kode for kode, _ in SPRAK}
STANDARD = "nb"
COOKIE = "minside_sprak"
COOKIE_ALDER = 365 * 24 * 60 * 60
PREFIKS = "/min-side/"
# Set in her session when she logs in by link: the start page sends her to her own page.
OKT_DELTAKER = "minside_deltaker"


def valgt_sprak(request: HttpRequest) -> str:
    kode = request.COOKIES.get(COOKIE, "")
    return kode if kode in KODER else STANDARD


class SprakMiddleware:
    """Her language under /min-side/; and a participant who lands on the staff start page goes to hers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIKS):
            if request.path == "/" and request.session.get(OKT_DELTAKER):
                return redirect(PREFIKS)
            return self.get_response(request)
        kode = valgt_sprak(request)
        with translation.override(kode):
            request.LANGUAGE_CODE = kode
            response = self.get_response(request)
        response["Content-Language"] = kode
        patch_vary_headers(response, ("Cookie",))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Under /min-side/, «not found» is her own plain page in her language, not the staff one."""
        if request.path.startswith(PREFIKS) and isinstance(exception, Http404):
            return render(request, "minside/404.html", status=404)
        return None


def merk_deltakerokt(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: a participant logged in by any way (her link; the demo's password) has her
    session marked, so the start page sends her to her own page."""
    if request is not None and hasattr(request, "session"):
        deltaker_id = Deltakerkonto.objects.filter(user=user).values_list("deltaker_id", flat=True).first()
        if deltaker_id is not None:
            request.session[OKT_DELTAKER] = deltaker_id
