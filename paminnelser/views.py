"""Notification list, delivery choices, the year wheel and the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev.skjema import skjema_post

from . import selectors, services
from .forms import VarslingsvalgForm
from .ical import kalender_ical
from .models import Kalenderabonnement


@login_required
@require_GET
def varsel_liste(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first. Everyone has her own list; nobody sees others'."""
    side = Paginator(selectors.varsler_for_bruker(user=request.user), 50).get_page(request.GET.get("side"))
    return render(request, "paminnelser/varsler.html", {"side": side})


@login_required
@require_POST
def varsel_les(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.paminnelse_marker_lest(user=request.user, paminnelse_id=pk):
        # Not hers, or already read: the same answer, so ids of others' rows do not leak.
        messages.info(request, "Varselet var allerede lest.")
    return redirect("paminnelser:varsler")


@login_required
@require_POST
def varsel_les_alle(request: HttpRequest) -> HttpResponse:
    antall = services.paminnelser_marker_alle_lest(user=request.user)
    messages.success(request, f"{antall} {'varsel' if antall == 1 else 'varsler'} merket som lest.")
    return redirect("paminnelser:varsler")


@login_required
@require_http_methods(["GET", "POST"])
def varslingsvalg(request: HttpRequest) -> HttpResponse:
    valg = services.varslingsvalg_for(request.user.pk)
    form = VarslingsvalgForm(request.POST or None, valg=valg)
    return skjema_post(
        request,
        form,
        lambda data: services.varslingsvalg_lagre(bruker=request.user, valg=data, utfort_av=request.user),
        melding="Valgene dine er lagret.",
        videre="paminnelser:varslingsvalg",
    ) or render(request, "paminnelser/varslingsvalg.html", {"form": form})


def _krev_medlem(user) -> None:
    if not user.organisasjoner_med():
        raise PermissionDenied("Årshjulet viser datoene til organisasjonene du er medlem av.")


@login_required
@require_GET
def arshjul(request: HttpRequest) -> HttpResponse:
    _krev_medlem(request.user)
    idag = timezone.localdate()
    ar_tekst = request.GET.get("ar", "")
    ar = int(ar_tekst) if ar_tekst.isdigit() and 2000 <= int(ar_tekst) <= 2100 else idag.year
    abonnement = Kalenderabonnement.objects.filter(bruker=request.user).first()
    context = {
        "ar": ar,
        "maneder": selectors.arshjul(user=request.user, ar=ar),
        "idag": idag,
        "abonnement": abonnement,
        "feed_url": request.build_absolute_uri(reverse("paminnelser:kalender_feed", args=[abonnement.nokkel]))
        if abonnement
        else "",
    }
    return render(request, "paminnelser/arshjul.html", context)


@login_required
@require_POST
def kalender_opprett(request: HttpRequest) -> HttpResponse:
    _krev_medlem(request.user)
    services.kalenderabonnement_opprett(bruker=request.user, utfort_av=request.user)
    messages.success(request, "Ny kalenderadresse er laget. En eventuell gammel adresse virker ikke lenger.")
    return redirect("paminnelser:arshjul")


@login_required
@require_POST
def kalender_tilbakekall(request: HttpRequest) -> HttpResponse:
    if services.kalenderabonnement_tilbakekall(bruker=request.user, utfort_av=request.user):
        messages.success(request, "Kalenderadressen er slettet og virker ikke lenger.")
    return redirect("paminnelser:arshjul")


@never_cache
@require_GET
def kalender_feed(request: HttpRequest, nokkel: str) -> HttpResponse:
    """The iCalendar feed behind a secret address. No login (calendar apps cannot log in)."""
    abonnement = (
        Kalenderabonnement.objects.select_related("bruker").filter(nokkel=nokkel, bruker__is_active=True).first()
    )
    if abonnement is None:
        raise Http404("Ukjent eller tilbakekalt kalenderadresse.")
    Kalenderabonnement.objects.filter(pk=abonnement.pk).update(sist_hentet=timezone.now())
    # links back to the host the calendar fetched from (validated against ALLOWED_HOSTS by Django)
    innhold = kalender_ical(user=abonnement.bruker, idag=timezone.localdate(), base_url=request.build_absolute_uri("/"))
    svar = HttpResponse(innhold, content_type="text/calendar; charset=utf-8")
    svar["Content-Disposition"] = 'inline; filename="fagbrev-arshjul.ics"'
    return svar
