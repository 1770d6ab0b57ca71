"""At 375 px the participant list and the pathway's tabs scroll inside their own region, never the
whole page sideways (issue 20), for the coordinator and the faglærer."""

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
