"""Core pages: the health check and the error pages. (My overview is `deltakere.views.oversikt`.)"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
