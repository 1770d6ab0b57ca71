"""Account forms with Norwegian labels and messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm


class InnloggingForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Feil brukernavn eller passord. Husk at passordet skiller mellom store og små bokstaver.",
        "inactive": "Denne kontoen er deaktivert. Kontakt fagbrevkoordinatoren.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Brukernavn"
        self.fields["password"].label = "Passord"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})


class PassordEndreForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Nåværende passord"
        self.fields["new_password1"].label = "Nytt passord"
        self.fields["new_password2"].label = "Gjenta nytt passord"


class PassordGlemtForm(PasswordResetForm):
    email = forms.EmailField(label="E-post", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PassordNyttForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nytt passord"
        self.fields["new_password2"].label = "Gjenta nytt passord"


class TotpKodeForm(forms.Form):
    """The six digits from the authenticator app."""

    kode = forms.RegexField(
        label="Kode fra autentiseringsappen",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Koden har seks siffer.", "required": "Skriv inn koden fra appen."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()
