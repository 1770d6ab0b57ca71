"""Her fadder reads and comments on her logbook by a link (no account), while she agrees.

The link is hers to give: she says yes on her logbook page, and the fadder of her placement gets it
by e-mail (staff may send it again from the case). The pages are in bokmål, like the workplace's
other link pages; every look is in her access log, on the authority of whoever sent the link.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev.models import Oppslag
from fagbrev.tilgang import tilgang_logg

from . import selectors, services
from .forms import KommentarForm
from .models import Fadderlenke, Loggbokinnlegg
from .views import bilde_svar


def _lenke(token: str) -> Fadderlenke | None:
    return services.fadderlenke_finn(token=token)


def _ugyldig(request: HttpRequest) -> HttpResponse:
    with translation.override("nb"):
        return render(request, "minside/fadder_ugyldig.html", {}, status=410)


def _innlegg(lenke: Fadderlenke, pk: int) -> Loggbokinnlegg:
    try:
        return Loggbokinnlegg.objects.get(pk=pk, deltaker_id=lenke.konto.deltaker_id)
    except Loggbokinnlegg.DoesNotExist:
        raise Http404("Fant ikke innlegget.") from None


def _logg(request: HttpRequest, lenke: Fadderlenke) -> None:
    tilgang_logg(
        user=lenke.sendt_av,
        deltaker_id=lenke.konto.deltaker_id,
        organisasjon_id=lenke.organisasjon_id,
        hva=Oppslag.Hva.SAKSSIDE,
        request=request,
        formal=selectors.fadderlenke_formal(lenke),
    )


@never_cache
@require_GET
def loggbok(request: HttpRequest, token: str) -> HttpResponse:
    lenke = _lenke(token)
    if lenke is None:
        return _ugyldig(request)
    _logg(request, lenke)
    with translation.override("nb"):
        return render(
            request,
            "minside/fadder_loggbok.html",
            {
                "lenke": lenke,
                "token": token,
                "deltaker": lenke.konto.deltaker,
                "innlegg": selectors.loggbok_for(deltaker=lenke.konto.deltaker),
                "form": KommentarForm(),
            },
        )


@require_POST
def kommenter(request: HttpRequest, token: str, innlegg_pk: int) -> HttpResponse:
    lenke = _lenke(token)
    if lenke is None:
        return _ugyldig(request)
    innlegg = _innlegg(lenke, innlegg_pk)
    form = KommentarForm(request.POST)
    if form.is_valid():
        try:
            services.loggbok_kommenter(innlegg=innlegg, lenke=lenke, tekst=form.cleaned_data["tekst"])
        except ValidationError:
            messages.error(request, "Kommentaren kunne ikke lagres.")
        else:
            messages.success(request, "Kommentaren er lagret.")
    else:
        messages.error(request, "Skriv en kommentar.")
    return redirect(reverse("minside:fadder", args=[token]) + f"#innlegg-{innlegg.pk}")


@never_cache
@require_http_methods(["GET"])
def bilde(request: HttpRequest, token: str, innlegg_pk: int) -> HttpResponse:
    lenke = _lenke(token)
    if lenke is None:
        raise Http404
    return bilde_svar(_innlegg(lenke, innlegg_pk))
