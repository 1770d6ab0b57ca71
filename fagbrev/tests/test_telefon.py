"""Phone numbers: one stored form (+country code and digits), Norwegian ones shown as +47 xxx xx xxx."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from fagbrev.telefon import normaliser_telefon, vis_telefon


@pytest.mark.parametrize(
    ("skrevet", "lagret"),
    [
        ("91234567", "+4791234567"),
        ("912 34 567", "+4791234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047-912-34-567", "+4791234567"),
        ("(+47) 22.12.34.56", "+4722123456"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046 70 123 45 67", "+46701234567"),
        ("  ", ""),
    ],
)
def test_normaliser_telefon(skrevet, lagret):
    assert normaliser_telefon(skrevet) == lagret


@pytest.mark.parametrize("skrevet", ["1234567", "01234567", "912345678", "+47 123", "ring meg", "=1+2", "+0123456789"])
def test_ugyldig_telefon_avvises_pa_norsk(skrevet):
    with pytest.raises(ValidationError) as feil:
        normaliser_telefon(skrevet)
    assert "norsk telefonnummer med 8 siffer" in feil.value.messages[0]


@pytest.mark.parametrize(
    ("lagret", "vist"),
    [
        ("+4791234567", "+47 912 34 567"),
        ("41234567", "+47 412 34 567"),  # saved before normalisation
        ("+4722123456", "+47 22 12 34 56"),
        ("+46701234567", "+46701234567"),
        ("ring sentralbordet", "ring sentralbordet"),
        ("", ""),
    ],
)
def test_vis_telefon(lagret, vist):
    assert vis_telefon(lagret) == vist


def test_malfilteret_viser_norsk_nummer_gruppert():
    html = Template("{% load telefon %}{{ n|telefon }}").render(Context({"n": "+4791234567"}))
    assert html == "+47 912 34 567"
