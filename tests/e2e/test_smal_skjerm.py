"""Issue 20 on a phone: at 375 px the participant list and the pathway's tabs scroll inside their own
region, never the whole page sideways, for the coordinator and the faglærer; a date input's hint says
the picked date day first."""

from __future__ import annotations

import pytest

from deltakere.models import Deltaker
from fagbrev.models import User

from .hjelp import sidebredde

pytestmark = [pytest.mark.browser]

FANER = ("kontrakt", "eksamen", "norsk", "opplaeringsplan")


@pytest.mark.parametrize("brukernavn", ["koordinator", "faglarer"])
def test_list_and_pathway_tabs_stay_within_a_phone_width(apne, brukernavn):
    page = apne(brukernavn, mobil=True)
    page.goto("/deltakere/")
    assert page.get_by_role("table").is_visible()
    assert sidebredde(page) <= 375, "deltakerlisten er bredere enn telefonen"

    deltaker = Deltaker.objects.visible_to(User.objects.get(username=brukernavn)).order_by("pk").first()
    for fane in FANER:
        page.goto(f"/deltakere/{deltaker.pk}/{fane}/")
        faner = page.get_by_role("navigation", name="Fagbrevløpet")
        assert faner.is_visible()
        assert faner.bounding_box()["width"] <= 375
        assert sidebredde(page) <= 375, f"fanen {fane} er bredere enn telefonen"


def test_date_hint_repeats_the_picked_date_day_first(apne):
    """A browser in English shows mm/dd/yyyy in a date input; the hint under it says the date as dd.mm.åååå."""
    page = apne("koordinator", mobil=True)
    deltaker = Deltaker.objects.exclude(fodselsdato=None).order_by("pk").first()
    page.goto(f"/deltakere/{deltaker.pk}/endre/")
    hint = page.locator("#id_fodselsdato_datoformat")
    assert hint.inner_text() == f"Valgt: {deltaker.fodselsdato:%d.%m.%Y} (dd.mm.åååå)"
    page.fill("#id_fodselsdato", "1990-12-03")
    assert hint.inner_text() == "Valgt: 03.12.1990 (dd.mm.åååå)"
    assert page.get_by_label("Fødselsdato").get_attribute("aria-describedby").endswith("id_fodselsdato_datoformat")
