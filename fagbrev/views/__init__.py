"""Core pages: my overview, the health check, error pages. The pathway pages are in `lop.py`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from deltakere.models import Deltaker
from deltakere.selectors import telling

from .. import permissions
from ..models import Fagretning
from ..seksjoner import oversikt_seksjoner


@login_required
@require_GET
def oversikt(request: HttpRequest) -> HttpResponse:
    """What needs doing now, for the logged-in user's role."""
    user = request.user
    context: dict = {"statuser": Deltaker.Status}
    # One grouped query for the status cards and the track table: a coordinator's rows are read once.
    rapport_orgs = user.organisasjoner_med(permissions.KOORDINATOR, permissions.STYRINGSGRUPPE)
    tall = telling(user=user, hele_org_ids=rapport_orgs)
    if permissions.can_use_case_files(user):
        synlige = tall.per_status
        context["telling"] = [(verdi, etikett, synlige.get(verdi, 0)) for verdi, etikett in Deltaker.Status.choices]
        context["aktive"] = sum(synlige.get(s, 0) for s in Deltaker.AKTIVE_STATUSER)
        context["mine"] = (
            Deltaker.objects.visible_to(user)
            .filter(Q(faglarer=user) | Q(norsklarer=user), status__in=Deltaker.AKTIVE_STATUSER)
            .select_related("fagretning", "kull")
            .order_by("etternavn", "fornavn")[:50]
        )
        context["nye_henvisninger"] = (
            Deltaker.objects.for_roller(user, permissions.KOORDINATOR)
            .filter(status=Deltaker.Status.HENVIST)
            .select_related("fagretning")
            .order_by("-opprettet")[:10]
        )
    if permissions.can_view_reports(user):
        fagretninger = list(
            Fagretning.objects.for_roller(user, permissions.KOORDINATOR, permissions.STYRINGSGRUPPE).order_by(
                "-aktiv", "navn"
            )
        )
        for f in fagretninger:
            per_status = tall.per_fagretning.get(f.pk, {})
            f.aktive = sum(per_status.get(s, 0) for s in Deltaker.AKTIVE_STATUSER)
            f.fullfort = per_status.get(Deltaker.Status.FULLFORT, 0)
        context["fagretninger"] = fagretninger
    context["seksjoner"] = oversikt_seksjoner(user=user, idag=timezone.localdate())
    context["er_koordinator"] = user.har_rolle(permissions.KOORDINATOR)
    context["er_styring_alene"] = user.har_rolle(permissions.STYRINGSGRUPPE) and not permissions.can_use_case_files(
        user
    )
    return render(request, "fagbrev/oversikt.html", context)


@never_cache
@require_GET
def helse(request: HttpRequest) -> JsonResponse:
    """Database and broker status as JSON: 200 when healthy, 503 when not. No personal data."""
    from django.conf import settings

    resultat: dict = {"tid": timezone.localtime().isoformat()}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        resultat["database"] = "ok"
    except Exception as feil:  # any failure means unhealthy; say which kind, not the details
        resultat["database"] = f"feil: {type(feil).__name__}"
        ok = False
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
            resultat["broker"] = "ok"
        except Exception as feil:
            resultat["broker"] = f"feil: {type(feil).__name__}"
            ok = False
    else:
        resultat["broker"] = "eager (ingen Redis konfigurert)"
    resultat["status"] = "ok" if ok else "feil"
    return JsonResponse(resultat, status=200 if ok else 503)


def feil_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def feil_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def feil_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
