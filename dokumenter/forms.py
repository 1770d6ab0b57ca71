"""Forms for the letterhead and signed scans. Files are checked by their bytes, not their names."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .models import Dokumentprofil
from .validering import valider_logo, valider_skann


class DokumentprofilForm(forms.ModelForm):
    ny_logo = forms.FileField(
        label="Ny logo",
        required=False,
        help_text="PNG eller JPEG, høyst 1 MB. Vises øverst til venstre på alle dokumenter.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    fjern_logo = forms.BooleanField(label="Fjern logoen", required=False)

    class Meta:
        model = Dokumentprofil
        fields = ["adresselinjer", "telefon", "epost", "signatar_navn", "signatar_tittel"]
        widgets = {"adresselinjer": forms.Textarea(attrs={"rows": 3})}

    def clean_ny_logo(self):
        fil = self.cleaned_data.get("ny_logo")
        if fil:
            valider_logo(fil)
        return fil


class SkannForm(forms.Form):
    fil = forms.FileField(
        label="Signert skann",
        help_text="PDF, JPEG eller PNG av det signerte dokumentet.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        try:
            valider_skann(fil)
        except ValidationError as feil:
            raise forms.ValidationError(feil.messages) from None
        return fil
