"""Staff side of the participant's page (bokmål): the coordinator invites her from the case; her
faglærer reads and comments on her logbook. URLs under the case: /deltakere/<id>/min-side/…"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from fagbrev.skjema import knapp_post

from . import selectors, services
from .forms import KommentarForm
from .models import Deltakerkonto
from .permissions import can_invite, can_read_loggbok, get_deltaker_for_loggbok, get_innlegg_for_leser
from .views import bilde_svar


@login_required
@require_POST
def inviter(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk)
    if not can_invite(request.user, deltaker):
        raise PermissionDenied("Bare koordinatoren kan invitere deltakeren.")
    knapp_post(
        request,
        lambda: services.konto_inviter(deltaker=deltaker, utfort_av=request.user),
        melding=f"Invitasjon til Min side er sendt til {deltaker.epost}.",
    )
    return redirect("deltakere:detalj", pk)


@login_required
@require_POST
def fadderlenke(request: HttpRequest, pk: int) -> HttpResponse:
    """Send her fadder the logbook link again (she has said yes on her page): the coordinator or her
    faglærer, e.g. when the placement has a new fadder."""
    deltaker = get_deltaker_for_user(request.user, pk)
    if not (can_invite(request.user, deltaker) or can_read_loggbok(request.user, deltaker)):
        raise PermissionDenied("Bare koordinatoren og faglæreren kan sende lenken til fadderen.")
    konto = Deltakerkonto.objects.filter(deltaker=deltaker).select_related("deltaker").first()
    if konto is None:
        messages.error(request, "Deltakeren er ikke invitert til Min side.")
        return redirect("deltakere:detalj", pk)
    knapp_post(
        request,
        lambda: services.fadderlenke_bestill(konto=konto, utfort_av=request.user),
        melding="Lenken til loggboken er sendt til fadderen.",
    )
    return redirect("deltakere:detalj", pk)


@never_cache
@login_required
@require_GET
def loggbok(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_loggbok(request.user, pk)
    return render(
        request,
        "minside/ansatt_loggbok.html",
        {"deltaker": deltaker, "innlegg": selectors.loggbok_for(deltaker=deltaker), "form": KommentarForm()},
    )


@login_required
@require_POST
def kommenter(request: HttpRequest, pk: int, innlegg_pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_loggbok(request.user, pk)
    innlegg = get_innlegg_for_leser(request.user, deltaker, innlegg_pk)
    form = KommentarForm(request.POST)
    if form.is_valid():
        services.loggbok_kommenter(innlegg=innlegg, forfatter=request.user, tekst=form.cleaned_data["tekst"])
        messages.success(request, "Kommentaren er lagret.")
    else:
        messages.error(request, "Skriv en kommentar.")
    return redirect(reverse("minside_ansatt:loggbok", args=[pk]) + f"#innlegg-{innlegg.pk}")


@never_cache
@login_required
@require_http_methods(["GET"])
def bilde(request: HttpRequest, pk: int, innlegg_pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_loggbok(request.user, pk)
    return bilde_svar(get_innlegg_for_leser(request.user, deltaker, innlegg_pk))
