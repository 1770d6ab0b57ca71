"""In Chromium at phone width: a faglærer records a visit; the draft survives a reload and is cleared on save."""

import pytest

from oppfolging.models import Besok

from .factories import PlasseringFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 375, "height": 812}, "locale": "nb-NO"}


def test_faglarer_records_a_visit_on_a_phone_and_the_draft_survives_a_reload(
    live_server, page, faglarer, deltaker, fagretning
):
    from deltakere.tests.factories import DeltakerFactory

    plassering = PlasseringFactory(deltaker=deltaker)
    andre = DeltakerFactory(fagretning=fagretning, faglarer=faglarer)
    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.fill("#id_username", "faglarer")
    page.fill("#id_password", "fagbrev-test-passord")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/oppfolging/besok/ny/")

    page.select_option("#id_deltaker", str(deltaker.pk))
    assert plassering.arbeidssted.navn in page.text_content("[data-arbeidssted-visning]")
    page.fill("#id_observert", "Ledet samlingsstund med fem barn.")
    page.fill("#id_oppgaver", "Planlegg en formingsaktivitet.")
    # the whole form fits the phone (375 × 812): no sideways scrolling, the save button on the first screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    knapp = page.locator("button[type=submit]", has_text="Lagre besøket").bounding_box()
    assert knapp["y"] + knapp["height"] <= 812

    page.reload()  # an accidental reload (or the connection dropped and she came back)
    assert page.input_value("#id_observert") == "Ledet samlingsstund med fem barn."
    assert page.input_value("#id_deltaker") == str(deltaker.pk)
    assert "hentet fram" in page.text_content("[data-utkast-status]")

    # opening the form for another participant neither shows nor overwrites this draft
    page.goto(f"{live_server.url}/oppfolging/besok/ny/?deltaker={andre.pk}")
    assert page.input_value("#id_observert") == ""
    page.fill("#id_observert", "Et annet besøk.")
    page.goto(f"{live_server.url}/oppfolging/besok/ny/?deltaker={deltaker.pk}")
    assert page.input_value("#id_observert") == "Ledet samlingsstund med fem barn."

    page.click("text=Lagre besøket")
    page.wait_for_url("**/oppfolging/besok/*/")
    assert Besok.objects.get().observert == "Ledet samlingsstund med fem barn."

    page.goto(f"{live_server.url}/oppfolging/besok/ny/?deltaker={deltaker.pk}")
    assert page.input_value("#id_observert") == ""  # saved: her draft is gone
    page.goto(f"{live_server.url}/oppfolging/besok/ny/")  # nobody chosen: the other unsaved draft comes back
    assert page.input_value("#id_observert") == "Et annet besøk."
    assert page.input_value("#id_deltaker") == str(andre.pk)
