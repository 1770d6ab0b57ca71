"""Participant pages: the list and the case file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fagbrev import permissions
from fagbrev.models import Fagretning, Hendelse
from fagbrev.seksjoner import saksside_seksjoner
from fagbrev.tilgang import tilgang_logg

from .models import Deltaker
from .permissions import get_deltaker_for_user
from .selectors import deltakere_for_liste


@login_required
@require_GET
def deltaker_liste(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_case_files(request.user):
        raise PermissionDenied("Din rolle gir ikke tilgang til deltakersaker.")
    q = request.GET.get("q", "").strip()[:100]
    filtre = {
        "status": request.GET.get("status", "") if request.GET.get("status") in Deltaker.Status.values else "",
        "fagretning_id": request.GET.get("fagretning", "") if request.GET.get("fagretning", "").isdigit() else "",
    }
    qs = deltakere_for_liste(user=request.user, q=q, filtre=filtre)
    side = Paginator(qs, 50).get_page(request.GET.get("side"))
    context = {
        "side": side,
        "q": q,
        "filtre": filtre,
        "statuser": Deltaker.Status.choices,
        "fagretninger": Fagretning.objects.visible_to(request.user).order_by("-aktiv", "navn"),
    }
    return render(request, "deltakere/liste.html", context)


@login_required
@require_GET
def deltaker_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk)
    tilgang_logg(
        user=request.user, deltaker_id=pk, hva="saksside", request=request, organisasjon_id=deltaker.organisasjon_id
    )
    context = {
        "deltaker": deltaker,
        "kan_endre": permissions.can_edit_deltaker(request.user, deltaker),
        "kan_se_fnr": permissions.can_see_fodselsnummer(request.user, deltaker),
        "hendelser": Hendelse.objects.filter(deltaker_id=deltaker.pk)
        .select_related("utfort_av")
        .order_by("-tidspunkt")[:50],
        "seksjoner": saksside_seksjoner(deltaker=deltaker, user=request.user, idag=timezone.localdate()),
    }
    return render(request, "deltakere/detalj.html", context)
