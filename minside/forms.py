"""Forms of the participant's page (labels translated: she reads them in her language) and the
faglærer's comment form (bokmål, like the rest of the staff interface)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lop.models import Opplaeringsplanpunkt

SKALA = [("", "–")] + [(str(i), str(i)) for i in range(1, 11)]


class LenkeBestillForm(forms.Form):
    epost = forms.EmailField(
        label=_("Din e-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )


class AvtaleSignerForm(forms.Form):
    navn = forms.CharField(
        label=_("Skriv fullt navn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )


# Her marks, in plain words; the values are the training plan's own.
MERKER = [
    (Opplaeringsplanpunkt.Vurdering.IKKE_SA_BRA, _("Ikke så bra")),
    (Opplaeringsplanpunkt.Vurdering.BRA, _("Bra")),
    (Opplaeringsplanpunkt.Vurdering.MEGET_BRA, _("Meget bra")),
]


class PlanpunktValg(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.oppgave


class LoggbokForm(forms.Form):
    tekst = forms.CharField(
        label=_("Hva gjorde du i dag?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    planpunkter = PlanpunktValg(
        label=_("Hvilke mål passer?"),
        queryset=Opplaeringsplanpunkt.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    bilde = forms.FileField(
        label=_("Bilde (valgfritt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, plan, kan_fjerne_bilde: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planpunkter"].queryset = plan
        if kan_fjerne_bilde:
            self.fields["fjern_bilde"] = forms.BooleanField(label=_("Fjern bildet"), required=False)


def _skala(etikett) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=etikett, choices=SKALA, coerce=int, empty_value=None, required=False)


class SelvevalueringForm(forms.Form):
    oppgaver = _skala(_("Klarer du oppgavene på jobben? (1 = nei, 10 = ja, veldig godt)"))
    norsk = _skala(_("Er norsken din god nok på jobben? (1–10)"))
    fremgang = _skala(_("Hvor mye bedre er du nå enn da du startet? (1–10)"))
    laert = forms.CharField(
        label=_("Hva har du lært?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    onsker = forms.CharField(
        label=_("Hva vil du bli bedre på?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kommentar = forms.CharField(
        label=_("Vil du si noe mer?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class KommentarForm(forms.Form):
    tekst = forms.CharField(label="Kommentar", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
