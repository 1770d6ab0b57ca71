"""The training plan's goal select: «Kompetansemål» spelled right, goals cut between words (issue #20)."""

import re

import pytest

from fagbrev.tekstgrenser import forkort
from lop.tests.factories import KompetansemalFactory

LANG = (
    "Planlegge, gjennomføre og vurdere aktiviteter for barn og unge med utgangspunkt i barns og unges "
    "behov, interesser og medvirkning"
)


@pytest.mark.parametrize(
    ("tekst", "maks", "ventet"),
    [
        ("kort mål", 20, "kort mål"),
        (LANG, 40, "Planlegge, gjennomføre og vurdere…"),
        ("ett ordsomerforlangt", 10, "ett…"),
        ("Ordsomerforlangtogingenmellomrom", 10, "Ordsomerf…"),
    ],
)
def test_a_text_is_cut_between_words(tekst, maks, ventet):
    assert forkort(tekst, maks) == ventet and len(forkort(tekst, maks)) <= maks


def test_the_plan_form_names_the_goal_in_norwegian_and_cuts_no_word(client, koordinator, deltaker):
    KompetansemalFactory(fagretning=deltaker.fagretning, tekst=LANG)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/opplaeringsplan/").content.decode()
    assert re.search(r'for="id_kompetansemal" class="form-label">\s*Kompetansemål\s*</label>', html)
    assert "Kompetansemal" not in re.sub(r'(name|id|for)="[^"]*"', "", html)
    valg = re.findall(r"<option value=\"\d+\">([^<]+)</option>", html)
    lang = [v for v in valg if v.startswith("Planlegge")]
    assert lang and all(v.endswith("…") and LANG.startswith(v[:-1]) and LANG[len(v) - 1] == " " for v in lang)
