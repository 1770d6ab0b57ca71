"""Employer pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fagbrev import permissions

from .models import Arbeidssted, Kontaktperson
from .permissions import arbeidsgivere_visible_to, get_arbeidsgiver_for_user


@login_required
@require_GET
def arbeidsgiver_liste(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_arbeidsgivere(request.user):
        raise PermissionDenied("Din rolle gir ikke tilgang til arbeidsgivere.")
    q = request.GET.get("q", "").strip()[:100]
    qs = arbeidsgivere_visible_to(request.user).annotate(antall_steder=Count("arbeidssteder"))
    if q:
        qs = qs.filter(Q(navn__icontains=q) | Q(bransje__icontains=q))
    side = Paginator(qs.order_by("navn", "pk"), 50).get_page(request.GET.get("side"))
    return render(request, "arbeidsgivere/liste.html", {"side": side, "q": q})


@login_required
@require_GET
def arbeidsgiver_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    arbeidsgiver = get_arbeidsgiver_for_user(request.user, pk)
    steder = Arbeidssted.objects.filter(arbeidsgiver=arbeidsgiver).prefetch_related(
        Prefetch("kontaktpersoner", queryset=Kontaktperson.objects.order_by("rolle", "navn"))
    )
    return render(request, "arbeidsgivere/detalj.html", {"arbeidsgiver": arbeidsgiver, "steder": steder})
