"""Login hardening: throttling per username+IP, two-factor for coordinators and superusers."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fagbrev.models import Hendelse

PASSORD = "fagbrev-test-passord"
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def logg_inn(client, username, passord, ip="10.0.0.1"):
    return client.post("/konto/logg-inn/", {"username": username, "password": passord}, REMOTE_ADDR=ip)


def kode(enhet: TOTPDevice, forskyvning: int = 0) -> str:
    totp = TOTP(enhet.bin_key, enhet.step, enhet.t0, enhet.digits, enhet.drift)
    totp.time = timezone.now().timestamp() + forskyvning * enhet.step
    return f"{totp.token():0{enhet.digits}d}"


def enhet_for(user, confirmed=True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=confirmed)


# --- throttling -----------------------------------------------------------------------------------
def test_five_wrong_passwords_lock_the_username_from_that_address_with_a_norwegian_message(client, koordinator):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            logg_inn(client, "koordinator", "feil")
        svar = logg_inn(client, "koordinator", PASSORD)
    html = svar.content.decode()
    assert svar.status_code == 429
    assert "For mange mislykkede innloggingsforsøk" in html and "15 minutter" in html
    assert '<h1 class="mb-3">Logg inn</h1>' in html and 'name="username"' in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, koordinator):
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            logg_inn(client, "koordinator", "feil")
        assert logg_inn(client, "koordinator", PASSORD).status_code == 302


def test_lock_is_for_the_username_and_address_together(client, koordinator, faglarer):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            logg_inn(client, "koordinator", "feil", ip="10.0.0.1")
        assert logg_inn(client, "faglarer", PASSORD, ip="10.0.0.1").status_code == 302
        client.logout()
        assert logg_inn(client, "koordinator", PASSORD, ip="10.0.0.2").status_code == 302


def test_lock_ends_after_the_fifteen_minute_cool_off(client, koordinator):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            logg_inn(client, "koordinator", "feil")
    with time_machine.travel(START + dt.timedelta(minutes=14, seconds=59), tick=False):
        assert logg_inn(client, "koordinator", PASSORD).status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=45), tick=False):
        assert logg_inn(client, "koordinator", PASSORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(settings, rf):
    from fagbrev.sikkerhet import klient_ip

    settings.PROXY_ANTALL = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.9", REMOTE_ADDR="10.0.0.5")
    assert klient_ip(request) == "192.0.2.9"
    settings.PROXY_ANTALL = 0
    assert klient_ip(request) == "10.0.0.5"


# --- two-factor -----------------------------------------------------------------------------------
@pytest.mark.usefixtures("totp_pakrevd")
def test_coordinator_without_a_device_is_sent_to_set_up(client, koordinator):
    client.force_login(koordinator)
    svar = client.get("/deltakere/")
    assert svar.status_code == 302 and svar.url == "/konto/2fa/oppsett/?next=%2Fdeltakere%2F"


@pytest.mark.usefixtures("totp_pakrevd")
def test_superuser_must_set_up_two_factor_before_the_admin(client, superbruker):
    client.force_login(superbruker)
    svar = client.get("/admin/")
    assert svar.status_code == 302 and svar.url.startswith("/konto/2fa/oppsett/")


@pytest.mark.usefixtures("totp_pakrevd")
def test_two_factor_is_optional_for_a_faglarer(client, faglarer):
    client.force_login(faglarer)
    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("totp_pakrevd")
def test_set_up_shows_qr_and_secret_then_a_code_confirms_and_rotates_the_session(client, koordinator):
    client.force_login(koordinator)
    svar = client.get("/konto/2fa/oppsett/?next=/deltakere/")
    assert svar.status_code == 200 and "Nøkkel:" in svar.content.decode()
    qr = client.get("/konto/2fa/oppsett/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    enhet = TOTPDevice.objects.get(user=koordinator)
    assert not enhet.confirmed
    nokkel_for = client.session.session_key

    svar = client.post("/konto/2fa/oppsett/", {"kode": kode(enhet), "next": "/deltakere/"})

    assert svar.status_code == 302 and svar.url == "/deltakere/"
    enhet.refresh_from_db()
    assert enhet.confirmed
    assert client.session.session_key != nokkel_for
    assert client.get("/deltakere/").status_code == 200
    assert Hendelse.objects.filter(handling="fagbrev.tofaktor.aktivert", utfort_av=koordinator).count() == 1


@pytest.mark.usefixtures("totp_pakrevd")
def test_a_wrong_code_at_set_up_keeps_the_device_unconfirmed(client, koordinator):
    client.force_login(koordinator)
    client.get("/konto/2fa/oppsett/")
    svar = client.post("/konto/2fa/oppsett/", {"kode": "000000"})
    enhet = TOTPDevice.objects.get(user=koordinator)
    if kode(enhet) == "000000":  # one in a million
        pytest.skip("the random key produced 000000")
    assert svar.status_code == 200 and "Koden stemmer ikke" in svar.content.decode()
    assert not enhet.confirmed


@pytest.mark.usefixtures("totp_pakrevd")
def test_after_the_password_a_coordinator_with_a_device_must_give_a_code(client, koordinator):
    enhet = enhet_for(koordinator)
    assert logg_inn(client, "koordinator", PASSORD).status_code == 302
    svar = client.get("/deltakere/")
    assert svar.status_code == 302 and svar.url.startswith("/konto/2fa/bekreft/")

    feil = client.post("/konto/2fa/bekreft/", {"kode": "12345"})
    assert feil.status_code == 200 and "Koden har seks siffer" in feil.content.decode()

    nokkel_for = client.session.session_key
    svar = client.post("/konto/2fa/bekreft/", {"kode": kode(enhet), "next": "/deltakere/"})
    assert svar.status_code == 302 and svar.url == "/deltakere/"
    assert client.session.session_key != nokkel_for
    assert client.get("/deltakere/").status_code == 200


@pytest.mark.usefixtures("totp_pakrevd")
def test_a_password_alone_cannot_enrol_a_new_device(client, koordinator):
    enhet_for(koordinator)
    logg_inn(client, "koordinator", PASSORD)
    svar = client.get("/konto/2fa/oppsett/")
    assert svar.status_code == 302 and svar.url.startswith("/konto/2fa/bekreft/")
    assert TOTPDevice.objects.filter(user=koordinator).count() == 1


@pytest.mark.usefixtures("totp_pakrevd")
def test_a_faglarer_who_chose_two_factor_must_give_a_code(client, faglarer):
    enhet_for(faglarer)
    logg_inn(client, "faglarer", PASSORD)
    assert client.get("/").url.startswith("/konto/2fa/bekreft/")


@pytest.mark.usefixtures("totp_pakrevd")
def test_a_code_cannot_be_used_twice(client, koordinator):
    enhet = enhet_for(koordinator)
    logg_inn(client, "koordinator", PASSORD)
    brukt = kode(enhet)
    client.post("/konto/2fa/bekreft/", {"kode": brukt})
    client.post("/konto/logg-ut/")
    logg_inn(client, "koordinator", PASSORD)
    svar = client.post("/konto/2fa/bekreft/", {"kode": brukt})
    assert svar.status_code == 200


@pytest.mark.usefixtures("totp_pakrevd")
def test_next_after_two_factor_never_leaves_the_site(client, koordinator):
    enhet = enhet_for(koordinator)
    logg_inn(client, "koordinator", PASSORD)
    svar = client.post("/konto/2fa/bekreft/", {"kode": kode(enhet), "next": "https://angriper.example/"})
    assert svar.status_code == 302 and svar.url == "/"


def test_without_the_requirement_the_coordinator_goes_straight_in(client, koordinator, settings):
    settings.TOTP_PAKREVD = False
    client.force_login(koordinator)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("sti", ["/konto/2fa/", "/konto/2fa/oppsett/", "/konto/2fa/bekreft/", "/konto/okt/"])
def test_two_factor_pages_need_a_login(client, db, sti):
    svar = client.get(sti)
    assert svar.status_code == 302 and svar.url.startswith("/konto/logg-inn/")


def test_status_page_says_whether_two_factor_is_on(client, faglarer):
    client.force_login(faglarer)
    assert "er <strong>av</strong>" in client.get("/konto/2fa/").content.decode()
    enhet_for(faglarer)
    assert "er <strong>på</strong>" in client.get("/konto/2fa/").content.decode()


def test_keepalive_reports_the_session_length(client, koordinator, settings):
    client.force_login(koordinator)
    assert client.get("/konto/okt/").json() == {"sekunder": settings.SESSION_COOKIE_AGE}


# --- inactivity warning ---------------------------------------------------------------------------
def test_logged_in_pages_tell_the_warning_script_the_timeout(client, koordinator, settings):
    settings.SESSION_COOKIE_AGE, settings.OKT_VARSEL_SEKUNDER = 1800, 300
    client.force_login(koordinator)
    html = client.get("/").content.decode()
    assert 'data-okt-sekunder="1800" data-okt-varsel="300" data-okt-url="/konto/okt/"' in html
    assert 'id="okt-varsel"' in html and "js/okt.js" in html


def test_the_login_page_has_no_session_warning(client, db):
    html = client.get("/konto/logg-inn/").content.decode()
    assert "data-okt-sekunder" not in html and 'id="okt-varsel"' not in html


def test_a_session_ends_after_the_inactivity_timeout(client, koordinator):
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(koordinator)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200  # activity renews the session
    with time_machine.travel(start + dt.timedelta(minutes=58), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=88, seconds=1), tick=False):
        assert client.get("/").status_code == 302


def test_activity_within_a_minute_of_a_renewal_writes_no_session(client, koordinator, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SESSION_COOKIE_AGE, settings.OKT_FORNY_SEKUNDER = 1800, 60
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(koordinator)
        client.get("/konto/2fa/")  # renews
    for sekunder, skrives, igjen in [(30, False, 1770), (59, False, 1741), (60, True, 1800)]:
        with (
            time_machine.travel(start + dt.timedelta(seconds=sekunder), tick=False),
            CaptureQueriesContext(connection) as q,
        ):
            html = client.get("/").content.decode()
        skrevet = any(x["sql"].startswith("UPDATE") and "django_session" in x["sql"] for x in q.captured_queries)
        assert (skrevet, f'data-okt-sekunder="{igjen}"' in html) == (skrives, True), sekunder


def test_stay_logged_in_renews_at_once(client, koordinator, settings):
    settings.SESSION_COOKIE_AGE = 1800
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(koordinator)
        client.get("/")
    with time_machine.travel(start + dt.timedelta(seconds=20), tick=False):
        assert client.get("/konto/okt/").json() == {"sekunder": 1800}
    with time_machine.travel(start + dt.timedelta(seconds=20 + 1800, microseconds=-1), tick=False):
        assert client.get("/").status_code == 200  # counted from the renewal, not from the page before it


@pytest.mark.usefixtures("totp_pakrevd")
@time_machine.travel(START, tick=False)
def test_wrong_codes_in_a_row_are_throttled(client, koordinator):
    """Password, a wrong code, then the right code at once: refused as too many wrong codes, and she is
    still sent to the code page. One frozen moment for every request, so the session is alive and the
    last redirect is the second factor's, not an expired session's."""
    enhet = enhet_for(koordinator)
    logg_inn(client, "koordinator", PASSORD)
    client.post("/konto/2fa/bekreft/", {"kode": "000000" if kode(enhet) != "000000" else "111111"})
    svar = client.post("/konto/2fa/bekreft/", {"kode": kode(enhet)})
    assert svar.status_code == 200 and "For mange feil koder" in svar.content.decode()
    svar = client.get("/")
    assert svar.status_code == 302 and svar.url.startswith("/konto/2fa/bekreft/")  # still not through


@pytest.mark.usefixtures("totp_pakrevd")
def test_a_superuser_with_a_verified_device_reaches_the_admin(client, superbruker):
    client.force_login(superbruker)
    client.get("/konto/2fa/oppsett/")
    enhet = TOTPDevice.objects.get(user=superbruker)
    client.post("/konto/2fa/oppsett/", {"kode": kode(enhet), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("sti", ["/konto/2fa/", "/konto/2fa/oppsett/", "/konto/2fa/bekreft/"])
def test_two_factor_pages_have_exactly_one_h1(client, koordinator, sti):
    if sti.endswith("bekreft/"):
        enhet_for(koordinator)
    client.force_login(koordinator)
    html = client.get(sti).content.decode()
    assert html.count("<h1") == 1


def test_the_lockout_page_has_exactly_one_h1(client, koordinator):
    with time_machine.travel(START, tick=False):
        for _ in range(6):
            svar = logg_inn(client, "koordinator", "feil")
    assert svar.status_code == 429 and svar.content.decode().count("<h1") == 1
