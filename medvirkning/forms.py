"""Forms of the link pages and the coordinator's signature. Labels in plain Norwegian."""

from __future__ import annotations

from django import forms

from fagbrev.tekstgrenser import BESKRIVELSE
from lop.models import Opplaeringsplanpunkt
from oppfolging.models import FERDIGHETER, Vurdering, Vurderingssamtale

from .services import EVALUERING_ARBEIDSSTED, SAMTALE_ARBEIDSSTED


class SignerForm(forms.Form):
    navn = forms.CharField(
        label="Skriv fullt navn",
        max_length=200,
        help_text="Skriv navnet ditt slik det står over. Det er din underskrift.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    lest = forms.BooleanField(label="Jeg har lest avtalen og er enig i den", required=True)

    def __init__(self, *args, bekreft_ekstra: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if bekreft_ekstra:
            self.fields["bekreft_ekstra"] = forms.BooleanField(
                label="Jeg bekrefter at deltakeren er en ekstra person og ikke erstatter noen ansatte",
                required=True,
            )
            self.order_fields(["bekreft_ekstra", "navn", "lest"])


class BekreftForm(forms.Form):
    bekreft_ekstra = forms.BooleanField(
        label="Jeg bekrefter at deltakeren er en ekstra person og ikke erstatter noen ansatte", required=True
    )


class MalForm(forms.Form):
    """One «done» box and one rating per point of the training plan."""

    def __init__(self, *args, punkter: list[Opplaeringsplanpunkt], **kwargs):
        super().__init__(*args, **kwargs)
        self.punkter = punkter
        valg = [("", "Ikke vurdert"), *Opplaeringsplanpunkt.Vurdering.choices]
        for p in punkter:
            self.fields[f"utfort_{p.pk}"] = forms.BooleanField(label="Utført", required=False, initial=p.utfort)
            self.fields[f"vurdering_{p.pk}"] = forms.ChoiceField(
                label="Din vurdering", choices=valg, required=False, initial=p.fadder_vurdering
            )

    def rader(self):
        return [(p, self[f"utfort_{p.pk}"], self[f"vurdering_{p.pk}"]) for p in self.punkter]

    def verdier(self) -> dict[int, dict]:
        return {
            p.pk: {
                "utfort": self.cleaned_data[f"utfort_{p.pk}"],
                "fadder_vurdering": self.cleaned_data[f"vurdering_{p.pk}"],
            }
            for p in self.punkter
        }


class SamtaleForm(forms.ModelForm):
    """The workplace's part of the follow-up form."""

    class Meta:
        model = Vurderingssamtale
        fields = list(SAMTALE_ARBEIDSSTED)
        widgets = {
            **dict.fromkeys(FERDIGHETER, forms.RadioSelect),
            "laert_arbeidsgiver": forms.Textarea(attrs={"rows": 3}),
            "ma_forbedre": forms.Textarea(attrs={"rows": 3}),
            "tiltak_arbeidsgiver": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "laert_arbeidsgiver": "Hva mener dere på arbeidsplassen at deltakeren har lært?",
            "ma_forbedre": "Hva må bli bedre?",
            "tiltak_arbeidsgiver": "Hva gjør arbeidsplassen framover?",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in self.fields.values():
            if isinstance(felt.widget, forms.RadioSelect):
                felt.choices = [("", "Ikke vurdert"), *Vurdering.choices]  # not Django's English blank label


class EvalueringForm(forms.Form):
    """The employer's part of the final evaluation of the practice place."""

    arbeidsgiver_bra = forms.CharField(
        label="Hva var bra med praksisperioden?", max_length=BESKRIVELSE, widget=forms.Textarea(attrs={"rows": 4})
    )
    arbeidsgiver_forbedre = forms.CharField(
        label="Hva kan bli bedre neste gang?",
        max_length=BESKRIVELSE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def felter(self) -> dict[str, str]:
        return {f: self.cleaned_data[f].strip() for f in EVALUERING_ARBEIDSSTED}


class AnsattSignerForm(forms.Form):
    navn = forms.CharField(
        label="Skriv fullt navn", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    lest = forms.BooleanField(label="Jeg har lest avtalen og signerer for kommunen", required=True)
