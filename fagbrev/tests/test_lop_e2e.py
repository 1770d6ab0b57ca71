"""Browser journey (Playwright, Debian's Chromium): the coordinator registers a participant for
the written exam, records the pass, and orders the fagprøve; then sees it on the case page."""

import pytest
from django.utils import timezone

from fagbrev.frister import legg_til_maneder
from fagbrev.models import Eksamen, Fagprove
from fagbrev.tests.factories import laerekontrakt

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_registers_exam_then_fagprove_in_the_browser(live_server, page, koordinator, deltaker):
    idag = timezone.localdate()
    laerekontrakt(deltaker, start=legg_til_maneder(idag, -19), slutt=legg_til_maneder(idag, 5), status="godkjent")
    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.fill("input[name=username]", "koordinator")
    page.fill("input[name=password]", "fagbrev-test-passord")
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/deltakere/{deltaker.pk}/eksamen/")
    assert "har ikke bestått tverrfaglig skriftlig eksamen" in page.inner_text("main")
    page.fill("#id_termin", "vår 2027")
    page.fill("#id_pameldt_dato", "2027-01-20")
    page.check("#id_gebyr_betalt")
    page.click("button:has-text('Registrer påmelding')")
    assert "Påmelding til skriftlig eksamen (vår 2027) er registrert." in page.inner_text(".meldinger")

    eksamen = Eksamen.objects.get(deltaker=deltaker)
    page.click(f"#e{eksamen.pk} summary")
    page.select_option(f"#id_e{eksamen.pk}-resultat", "bestatt")
    page.click(f"#e{eksamen.pk} button:has-text('Lagre eksamen')")
    assert "Eksamen er oppdatert." in page.inner_text(".meldinger")

    page.fill("#id_provested", "Solsikken barnehage")
    page.fill("#id_fagansvarlig_informert", idag.isoformat())
    page.click("button:has-text('Meld opp til fagprøve')")
    assert "meldt opp til fagprøven (forsøk 1)" in page.inner_text(".meldinger")
    assert Fagprove.objects.get(deltaker=deltaker).pameldt_dato == idag

    page.goto(f"{live_server.url}/deltakere/{deltaker.pk}/")
    tekst = page.inner_text("section[aria-labelledby=h-fagbrevlop]")
    assert "Bestått" in tekst and f"meldt opp {idag:%d.%m.%Y}" in tekst
