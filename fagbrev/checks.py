"""The project's own deploy checks (`manage.py check --deploy`): what Django's do not catch."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "*")


@register(Tags.security, deploy=True)
def sjekk_csp(app_configs, **kwargs) -> list:
    csp = getattr(settings, "SECURE_CSP", None) or {}
    if not csp or "django.middleware.csp.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        return [
            Error("Content-Security-Policy er tom eller ikke aktivert.", hint="Sett SECURE_CSP.", id="fagbrev.E001")
        ]
    skript = csp.get("script-src", csp.get("default-src"))
    if not skript or any(str(kilde) in UNSAFE for kilde in skript):
        return [
            Error(
                "Content-Security-Policy tillater inline- eller fremmede skript.",
                hint="script-src skal være 'self' (og nonce), uten 'unsafe-inline'.",
                id="fagbrev.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def sjekk_okt(app_configs, **kwargs) -> list:
    feil = []
    if settings.SESSION_COOKIE_AGE > settings.OKT_MAKS_SEKUNDER:
        feil.append(
            Error(
                f"SESSION_COOKIE_AGE ({settings.SESSION_COOKIE_AGE} s) er lengre enn grensen "
                f"OKT_MAKS_SEKUNDER ({settings.OKT_MAKS_SEKUNDER} s).",
                id="fagbrev.E002",
            )
        )
    fornyes = "fagbrev.sikkerhet.OktFornyelseMiddleware" in settings.MIDDLEWARE
    if not fornyes and not settings.SESSION_SAVE_EVERY_REQUEST:
        feil.append(
            Warning(
                "Økten utløper ikke ved inaktivitet (verken OktFornyelseMiddleware eller SESSION_SAVE_EVERY_REQUEST).",
                id="fagbrev.W002",
            )
        )
    if fornyes and settings.OKT_FORNY_SEKUNDER * 2 > settings.OKT_VARSEL_SEKUNDER:
        feil.append(
            Warning(
                f"OKT_FORNY_SEKUNDER ({settings.OKT_FORNY_SEKUNDER} s) er mer enn halve varselet før utlogging "
                f"(OKT_VARSEL_SEKUNDER, {settings.OKT_VARSEL_SEKUNDER} s).",
                id="fagbrev.W003",
            )
        )
    return feil


@register(Tags.security, deploy=True)
def sjekk_demobrukere(app_configs, **kwargs) -> list:
    """Demo users with the known demo password must not exist outside development."""
    if settings.DEBUG:
        return []
    from .demo import BRUKERE
    from .models import User

    navn = [b[0] for b in BRUKERE] + ["admin"]
    try:
        kandidater = list(User.objects.filter(username__in=navn, is_active=True))
    except DatabaseError:  # no database yet (a fresh install): nothing to find
        return []
    med_demopassord = sorted(u.username for u in kandidater if u.check_password(settings.DEMO_PASSWORD))
    if med_demopassord:
        return [
            Error(
                f"Demobrukere med demopassordet finnes: {', '.join(med_demopassord)}.",
                hint="Slett dem eller gi dem nye passord før drift.",
                id="fagbrev.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def sjekk_tofaktor(app_configs, **kwargs) -> list:
    if not settings.DEBUG and not settings.TOTP_PAKREVD:
        return [Error("Tofaktor-krav er slått av (TOTP_PAKREVD=false) uten DEBUG.", id="fagbrev.E004")]
    return []
