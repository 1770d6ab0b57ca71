"""The coordinator walks a referral through to «i opplæring» in Chromium."""

import datetime
import random

import pytest

from deltakere.models import Deltaker
from deltakere.tests.factories import OpptakskriteriumFactory
from fagbrev.demo import lag_fodselsnummer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _send(page):
    page.locator("main form:not([action]) button[type=submit]").first.click()


def test_referral_to_training_in_the_browser(live_server, page, koordinator, fagretning, faglarer):
    OpptakskriteriumFactory(fagretning=fagretning, tekst="Motivert for arbeid med barn")
    fnr = lag_fodselsnummer(datetime.date(1988, 4, 12), random.Random(7))
    page.goto(live_server.url + "/konto/logg-inn/")
    page.fill("input[name=username]", "koordinator")
    page.fill("input[name=password]", "fagbrev-test-passord")
    page.locator("main button[type=submit]").click()

    page.goto(live_server.url + "/deltakere/ny/")
    page.fill("#id_fornavn", "Hiwet")
    page.fill("#id_etternavn", "Gebre")
    page.fill("#id_fodselsnummer", fnr)
    page.select_option("#id_henvist_av", "introduksjonsprogram")
    page.select_option("#id_fagretning", str(fagretning.pk))
    _send(page)
    assert page.locator("h1").inner_text() == "Hiwet Gebre"

    page.get_by_role("link", name="Registrer kartlegging").click()
    page.select_option("#id_norsk_muntlig", "B1")
    page.check("input[type=radio][value=oppfylt]")
    _send(page)
    assert "Kartlagt" in page.locator(".badge").first.inner_text()

    page.get_by_role("link", name="Ta opp").click()
    assert page.locator("input[name=utfall][value=tatt_opp]").is_checked()
    page.fill("#id_begrunnelse", "Oppfyller kriteriene.")
    _send(page)
    assert page.get_by_role("button", name="Start opplæring").is_disabled()
    assert "krever politiattest" in page.content()

    page.get_by_role("link", name="Sjekkliste").click()
    for felt in ("kontrakt_signert", "samtykke_signert", "forventninger_gjennomgatt", "fravarsregler_gjennomgatt"):
        page.check(f"#id_{felt}")
    idag = datetime.date.today()
    page.fill("#id_politiattest_soknad", (idag - datetime.timedelta(days=9)).isoformat())
    page.fill("#id_politiattest_mottatt", (idag - datetime.timedelta(days=1)).isoformat())
    _send(page)

    page.get_by_role("link", name="Start opplæring").click()
    page.fill("#id_begrunnelse", "Starter i barnehagen.")
    _send(page)
    assert "I opplæring" in page.locator(".badge").first.inner_text()
    assert "Starter i barnehagen." in page.locator(".tidslinje").inner_text()
    assert Deltaker.objects.get(etternavn="Gebre").status == Deltaker.Status.I_OPPLAERING
