"""`|crispy_tomt` (fagbrev/templatetags/tomt_skjema.py): the same markup as `|crispy`, rendered once per
empty form and value, every time for a form with input."""

import datetime

import time_machine
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.utils import translation

from deltakere.forms import DokumentForm, UtstyrForm
from fagbrev.templatetags import tomt_skjema


def test_an_empty_form_gets_the_markup_crispy_gives():
    for form in (DokumentForm(prefix="dok"), UtstyrForm(prefix="utstyr")):
        assert tomt_skjema.crispy_tomt(form) == as_crispy_form(type(form)(prefix=form.prefix))
        assert tomt_skjema.crispy_tomt(type(form)(prefix=form.prefix)) == as_crispy_form(form)


def test_the_markup_is_kept_per_value_prefix_and_language(monkeypatch):
    monkeypatch.setattr(tomt_skjema, "_lagret", {})
    with time_machine.travel(datetime.date(2026, 3, 1), tick=False):
        i_mars = tomt_skjema.crispy_tomt(UtstyrForm(prefix="utstyr"))
        assert tomt_skjema.crispy_tomt(UtstyrForm(prefix="utstyr")) is i_mars
        assert 'value="2026-03-01"' in i_mars
        assert 'name="annet-hva"' in tomt_skjema.crispy_tomt(UtstyrForm(prefix="annet"))
        with translation.override("en"):
            tomt_skjema.crispy_tomt(UtstyrForm(prefix="utstyr"))
    with time_machine.travel(datetime.date(2026, 3, 2), tick=False):
        assert 'value="2026-03-02"' in tomt_skjema.crispy_tomt(UtstyrForm(prefix="utstyr"))
    assert len(tomt_skjema._lagret) == 4


def test_a_form_with_input_is_rendered_each_time_with_its_errors(monkeypatch):
    monkeypatch.setattr(tomt_skjema, "_lagret", {})
    form = UtstyrForm({"utstyr-hva": "", "utstyr-utlant": "2026-03-01"}, prefix="utstyr")
    markup = tomt_skjema.crispy_tomt(form)
    assert "invalid-feedback" in markup or "is-invalid" in markup
    assert markup == as_crispy_form(form)
    assert tomt_skjema._lagret == {}


def test_the_store_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(tomt_skjema, "_lagret", {})
    monkeypatch.setattr(tomt_skjema, "MAKS", 2)
    for prefiks in ("a", "b", "c"):
        tomt_skjema.crispy_tomt(UtstyrForm(prefix=prefiks))
    assert len(tomt_skjema._lagret) == 1
