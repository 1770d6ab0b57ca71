"""Forms of the steering group's records, in Norwegian. Rules that need the database are in services."""

from __future__ import annotations

from django import forms

from fagbrev.forms import UtenModellvalidering, _datofelt
from fagbrev.models import Fagretning

from .models import Kostnad, Sporplan, Sporsteg


class KostnadForm(UtenModellvalidering, forms.ModelForm):
    semester = forms.ChoiceField(label="Semester")

    class Meta:
        model = Kostnad
        fields = ["fagretning", "semester", "art", "betaler", "belop", "merknad"]
        error_messages = {
            "belop": {
                "invalid": "Skriv beløpet i hele kroner, bare sifre (for eksempel 12500).",
                "min_value": "Beløpet kan ikke være negativt.",
                "required": "Skriv inn beløpet.",
            },
            "fagretning": {"required": "Velg fagretning."},
            "art": {"required": "Velg hva kostnaden gjelder."},
            "betaler": {"required": "Velg hvem som betaler."},
        }

    def __init__(self, *args, organisasjon, semestre: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon=organisasjon).order_by(
            "-aktiv", "navn"
        )
        self.fields["semester"].choices = [("", "Velg …"), *semestre]
        self.fields["semester"].error_messages["required"] = "Velg semester."
        self.fields["belop"].widget.attrs.update({"inputmode": "numeric", "min": 0})
        _datofelt(self)


class SporplanForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Sporplan
        fields = ["navn", "beskrivelse", "fagretning"]
        error_messages = {"navn": {"required": "Gi løpet et navn."}}
        widgets = {"beskrivelse": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisasjon, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon=organisasjon).order_by("navn")
        self.fields["fagretning"].required = False
        self.fields["beskrivelse"].help_text = "Målgruppe, yrke og arbeidsgivere løpet skal bygges for."
        _datofelt(self)


class SporstegForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Sporsteg
        fields = ["status", "ansvarlig", "startet", "frist", "ferdig", "notat"]
        widgets = {"notat": forms.Textarea(attrs={"rows": 6})}
        error_messages = {f: {"invalid": "Skriv datoen som dd.mm.åååå."} for f in ("startet", "frist", "ferdig")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notat"].help_text = "Hva er gjort, hva er bestemt, hva gjenstår (for eksempel tiltaksplanen)."
        _datofelt(self)
