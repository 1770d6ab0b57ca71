"""Account forms, and the helpers every app's forms use (date input, empty-choice label), in Norwegian."""

import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db.models import Q

from .models import Kull


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


# --- The pathway --------------------------------------------------------------------------------
# Forms check and normalise input; rules that need the database live in fagbrev/services.py.


DATOFORMAT_HINT = "dd.mm.åååå"


class DatoInput(forms.DateInput):
    """A date picker with a visible «dd.mm.åååå» hint, tied to the input by aria-describedby: a browser
    in English shows mm/dd/yyyy, and the hint says how to read (and type) the date."""

    input_type = "date"
    template_name = "fagbrev/widgets/dato.html"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs=attrs, format="%Y-%m-%d", **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        if attrs.get("id"):
            hint_id = f"{attrs['id']}_datoformat"
            attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), hint_id]))
            context["widget"]["hint_id"] = hint_id
        context["widget"]["hint"] = datohint(context["widget"]["value"])
        return context


def datohint(verdi) -> str:
    """'Valgt: 26.04.1988 (dd.mm.åååå)' for a date the input holds (ISO), else 'Format: dd.mm.åååå'.
    static/js/fagbrev.js writes the same text when the user picks another date."""
    try:
        dato = datetime.date.fromisoformat(str(verdi or ""))
    except ValueError:
        return f"Format: {DATOFORMAT_HINT}"
    return f"Valgt: {dato:%d.%m.%Y} ({DATOFORMAT_HINT})"


def _datofelt(form: forms.Form) -> None:
    """Date pickers for date fields, and a Norwegian label for every empty choice."""
    for felt in form.fields.values():
        if isinstance(felt, forms.DateField) and not isinstance(felt.widget, DatoInput):
            felt.widget = DatoInput()
        if isinstance(felt, forms.ModelChoiceField):
            felt.empty_label = "Velg …"
        elif isinstance(felt, forms.ChoiceField) and felt.choices and felt.choices[0][0] == "":
            felt.choices = [("", "Velg …"), *felt.choices[1:]]


def kull_valg(felt: forms.ModelChoiceField, *, organisasjon_ids, idag, fagretning_id=None, beholde_id=None) -> None:
    """A cohort select offers the open cohorts (`Kull.lukket` not passed) of the case's track, or, with
    no track yet (a new referral), of every track, grouped under the track's name. The cohort already
    chosen stays offered even when closed, so an old case's form still saves."""
    apne = Q(lukket__isnull=True) | Q(lukket__gt=idag)
    if beholde_id:
        apne |= Q(pk=beholde_id)
    qs = Kull.objects.filter(apne, organisasjon_id__in=organisasjon_ids).select_related("fagretning")
    if fagretning_id:
        qs = qs.filter(fagretning_id=fagretning_id)
    qs = qs.order_by("fagretning__navn", "-oppstart", "pk")
    felt.queryset = qs
    grupper: dict[str, list] = {}
    for k in qs:
        grupper.setdefault(k.fagretning.navn, []).append((k.pk, str(k)))
    tom = [("", felt.empty_label or "Velg …")]
    felt.choices = tom + (next(iter(grupper.values()), []) if fagretning_id else list(grupper.items()))


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


class Datoskjema(forms.ModelForm):
    """A model form with date pickers and «Velg …» for every empty choice (`_datofelt`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)


class Periodeskjema(Datoskjema):
    """A model form for a period `fra`–`til` (til may be empty): til may not be before fra."""

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        return data


class UtenModellvalidering:
    """For ModelForms whose service validates the model and names the field on a broken rule: the
    form must not change the instance (or run database rules) before the service takes its "before"
    snapshot for the event log."""

    def _post_clean(self):
        pass


class KullForm(forms.ModelForm):
    """A cohort of one track: create it, rename it, move its dates, close it. The track's uniqueness of
    names is checked in the service (the form has no track field)."""

    class Meta:
        model = Kull
        fields = ["navn", "oppstart", "avslutning", "lukket"]
        help_texts = {"navn": "For eksempel «Høst 2026» eller «Desember 2025». Vises som «BUA Høst 2026»."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)


class ForslagInput(forms.TextInput):
    """Free text with suggestions (a <datalist>): a common value in two taps, anything else typed."""

    template_name = "fagbrev/widgets/forslag.html"

    def __init__(self, forslag: tuple[str, ...], attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.forslag = forslag

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        liste_id = f"{context['widget']['attrs'].get('id') or name}_forslag"
        context["widget"]["attrs"]["list"] = liste_id
        context["widget"]["forslag"] = self.forslag
        return context
