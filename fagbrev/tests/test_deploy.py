"""Production settings: check --deploy is clean, our own deploy checks, headers, CSP-safe templates."""

import json
import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from fagbrev import checks

ROT = Path(django_settings.BASE_DIR)


def produksjonsmiljo(tmp_path) -> dict:
    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FAGBREV_", "PYTEST"))}
    miljo.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50)[:50],
        ALLOWED_HOSTS="fagbrev.kommune.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DJANGO_SETTINGS_MODULE="fagbrev.settings",
    )
    for navn in ("TOTP_PAKREVD", "SESSION_COOKIE_AGE", "EMAIL_URL", "REDIS_URL"):
        miljo.pop(navn, None)
    return miljo


PRODUKSJON = """
import json, django
django.setup()
from django.conf import settings as s
from django.core.management import call_command
call_command("check", deploy=True, fail_level="DEBUG")
print(json.dumps({n: getattr(s, n) for n in [
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF", "TOTP_PAKREVD", "SESSION_COOKIE_AGE"]}))
"""


def test_check_deploy_with_production_settings_reports_nothing_and_turns_on_https_hsts_secure_cookies(tmp_path):
    """`manage.py check --deploy` in a fresh process with DEBUG off, as a server would start."""
    svar = subprocess.run(  # noqa: S603  (our own interpreter and fixed code)
        [sys.executable, "-c", PRODUKSJON],
        cwd=ROT,
        env=produksjonsmiljo(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert svar.returncode == 0, svar.stdout + svar.stderr
    linjer = svar.stdout.strip().splitlines()
    assert "System check identified no issues (0 silenced)." in linjer
    assert json.loads(linjer[-1]) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "TOTP_PAKREVD": True,
        "SESSION_COOKIE_AGE": 1800,
    }


def test_every_response_carries_the_security_headers(client, koordinator, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    client.force_login(koordinator)
    svar = client.get("/", secure=True)
    csp = svar["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert svar["X-Frame-Options"] == "DENY"
    assert svar["Referrer-Policy"] == "same-origin"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Strict-Transport-Security"].startswith("max-age=31536000")


# --- our own deploy checks ------------------------------------------------------------------------
def ids(feil) -> list[str]:
    return [f.id for f in feil]


def test_an_empty_csp_fails_the_deploy_check(settings):
    settings.SECURE_CSP = {}
    assert ids(checks.sjekk_csp(None)) == ["fagbrev.E001"]


def test_a_csp_with_unsafe_inline_scripts_fails_the_deploy_check(settings):
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": ["'self'", "'unsafe-inline'"]}
    assert ids(checks.sjekk_csp(None)) == ["fagbrev.E001"]


def test_the_configured_csp_passes(settings):
    assert checks.sjekk_csp(None) == []


def test_a_session_longer_than_the_limit_fails_the_deploy_check(settings):
    settings.OKT_MAKS_SEKUNDER = 3600
    settings.SESSION_COOKIE_AGE = 3601
    assert ids(checks.sjekk_okt(None)) == ["fagbrev.E002"]
    settings.SESSION_COOKIE_AGE = 3600
    assert checks.sjekk_okt(None) == []


def test_a_session_that_is_never_renewed_warns_the_deploy_check(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "fagbrev.sikkerhet.OktFornyelseMiddleware"]
    settings.SESSION_SAVE_EVERY_REQUEST = False
    assert ids(checks.sjekk_okt(None)) == ["fagbrev.W002"]
    settings.SESSION_SAVE_EVERY_REQUEST = True
    assert checks.sjekk_okt(None) == []


def test_renewal_slack_must_stay_well_inside_the_logout_warning(settings):
    settings.OKT_VARSEL_SEKUNDER, settings.OKT_FORNY_SEKUNDER = 300, 151
    assert ids(checks.sjekk_okt(None)) == ["fagbrev.W003"]
    settings.OKT_FORNY_SEKUNDER = 150
    assert checks.sjekk_okt(None) == []


def test_demo_users_with_the_demo_password_fail_the_deploy_check_without_debug(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert checks.sjekk_demobrukere(None) == []  # fine on a developer's machine
    settings.DEBUG = False
    feil = checks.sjekk_demobrukere(None)
    assert ids(feil) == ["fagbrev.E003"] and "koordinator" in feil[0].msg


def test_users_with_demo_names_but_own_passwords_pass(settings, koordinator):
    settings.DEBUG = False
    assert checks.sjekk_demobrukere(None) == []


def test_two_factor_switched_off_fails_the_deploy_check_without_debug(settings):
    settings.DEBUG, settings.TOTP_PAKREVD = False, False
    assert ids(checks.sjekk_tofaktor(None)) == ["fagbrev.E004"]
    settings.DEBUG = True
    assert checks.sjekk_tofaktor(None) == []


# --- templates that the CSP would break -----------------------------------------------------------
INLINE = [
    (re.compile(r"\sstyle\s*="), "style-attributt"),
    (re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "hendelsesattributt (onclick=...)"),
    (re.compile(r"javascript:", re.I), "javascript:-lenke"),
    (re.compile(r"<style[\s>]", re.I), "inline <style>"),
]


def brudd(html: str) -> list[str]:
    return [f"{navn}: {m.group(0)!r}" for monster, navn in INLINE for m in monster.finditer(html)]


@pytest.mark.parametrize("mal", sorted(str(p.relative_to(ROT)) for p in (ROT / "templates").rglob("*.html")))
def test_no_template_has_inline_script_or_style(mal):
    assert brudd((ROT / mal).read_text()) == []


def test_rendered_pages_have_no_inline_script_or_style(client, koordinator, deltaker, superbruker):
    sider = ["/konto/logg-inn/"]
    assert brudd(client.get(sider[0]).content.decode()) == []
    client.force_login(koordinator)
    for sti in [
        "/",
        "/deltakere/",
        f"/deltakere/{deltaker.pk}/",
        "/arbeidsgivere/",
        "/konto/passord/",
        "/konto/2fa/",
        "/konto/2fa/oppsett/",
        "/finnes-ikke/",
    ]:
        assert brudd(client.get(sti).content.decode()) == [], sti
