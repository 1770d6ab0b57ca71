"""Date inputs carry a visible «dd.mm.åååå» hint tied to the input, so an English browser's mm/dd/yyyy
picker is not misread."""

import datetime as dt
import re

from django import forms
from django.template import Context, Template

from fagbrev.forms import DatoInput


class _Skjema(forms.Form):
    fra = forms.DateField(label="Fra", widget=DatoInput())
    til = forms.DateField(label="Til", widget=DatoInput(), required=False, help_text="Tom: til videre.")


def test_datofelt_viser_formathint_knyttet_til_feltet():
    html = str(_Skjema(initial={"fra": dt.date(2026, 3, 9)})["fra"])
    assert 'type="date"' in html
    assert 'value="2026-03-09"' in html
    assert 'aria-describedby="id_fra_datoformat"' in html
    assert re.search(r'<small[^>]*id="id_fra_datoformat"[^>]*>Valgt: 09\.03\.2026 \(dd\.mm\.åååå\)</small>', html)
    assert "Format: dd.mm.åååå</small>" in str(_Skjema()["fra"])
    assert "Format: dd.mm.åååå</small>" in str(_Skjema(data={"fra": "tull"})["fra"])  # kept as typed, no guess


def test_hjelpetekst_og_formathint_beskriver_begge_feltet():
    html = str(_Skjema()["til"])
    assert 'aria-describedby="id_til_helptext id_til_datoformat"' in html


def test_skjemaet_tar_imot_iso_dato_som_for():
    skjema = _Skjema(data={"fra": "2026-03-09", "til": ""})
    assert skjema.is_valid(), skjema.errors
    assert skjema.cleaned_data["fra"] == dt.date(2026, 3, 9)


def test_crispy_skjema_viser_formathintet():
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": _Skjema()}))
    assert html.count("Format: dd.mm.åååå") == 2
    assert 'id="id_fra_datoformat"' in html
