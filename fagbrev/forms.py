"""Account forms and the pathway's forms, with Norwegian labels and messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

from .models import (
    Eksamen,
    Fagprove,
    Kompetansemal,
    Kull,
    Laerekontrakt,
    Manedstema,
    Niva,
    Opplaeringsplanpunkt,
    Permisjon,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
    Stipendvedtak,
)


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


class DatoInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _datofelt(form: forms.Form) -> None:
    """Date pickers for date fields, and a Norwegian label for every empty choice."""
    for felt in form.fields.values():
        if isinstance(felt, forms.DateField) and not isinstance(felt.widget, DatoInput):
            felt.widget = DatoInput()
        if isinstance(felt, forms.ModelChoiceField):
            felt.empty_label = "Velg …"
        elif isinstance(felt, forms.ChoiceField) and felt.choices and felt.choices[0][0] == "":
            felt.choices = [("", "Velg …"), *felt.choices[1:]]


class LaerekontraktForm(forms.ModelForm):
    class Meta:
        model = Laerekontrakt
        fields = [
            "rute",
            "arbeidsgiver",
            "fagansvarlig",
            "fagansvarlig_epost",
            "start",
            "slutt",
            "godskriving_maneder",
            "fylke_saksnummer",
        ]
        help_texts = {"slutt": "La stå tom for å bruke den beregnede sluttdatoen."}

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        from arbeidsgivere.models import Arbeidsgiver

        self.fields["arbeidsgiver"].queryset = Arbeidsgiver.objects.filter(
            organisasjon_id=deltaker.organisasjon_id
        ).order_by("-godkjent_laerebedrift", "navn")
        self.fields["arbeidsgiver"].label_from_instance = lambda a: (
            f"{a.navn}{' (godkjent lærebedrift)' if a.godkjent_laerebedrift else ''}"
        )
        _datofelt(self)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("slutt") and data["slutt"] <= data["start"]:
            self.add_error("slutt", "Sluttdatoen må være etter startdatoen.")
        return data


class KontraktStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Ny status", choices=[c for c in Laerekontrakt.Status.choices if c[0] != Laerekontrakt.Status.UTKAST]
    )
    dato = forms.DateField(label="Dato", widget=DatoInput())


class SjekkpunktForm(forms.ModelForm):
    class Meta:
        model = Sjekkpunkt
        fields = ["status", "referanse", "pakrevd"]
        widgets = {
            "status": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "referanse": forms.TextInput(
                attrs={"class": "form-control form-control-sm", "placeholder": "F.eks. «Saksmappe, mottatt 12.03»"}
            ),
            "pakrevd": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }


class PermisjonForm(forms.ModelForm):
    class Meta:
        model = Permisjon
        fields = ["fra", "til", "grunn", "godkjent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        return data


class EksamenForm(forms.ModelForm):
    class Meta:
        model = Eksamen
        fields = ["type", "termin", "pameldt_dato", "gebyr_betalt", "eksamensdato", "resultat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)
        self.fields["resultat"].choices = [("", "Ikke avlagt ennå"), *list(Resultat.choices)]


class FagproveForm(forms.ModelForm):
    class Meta:
        model = Fagprove
        fields = ["provested", "provedato", "fagansvarlig_informert"]
        help_texts = {"provedato": "Normalt innen to måneder etter kontraktens slutt."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)


class FagproveEndreForm(FagproveForm):
    class Meta(FagproveForm.Meta):
        fields = ["provested", "provedato", "fagansvarlig_informert", "resultat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resultat"].choices = [("", "Ikke avlagt ennå"), *list(Resultat.choices)]


UNDER_A1 = "under"
NIVA_VALG = [("", "Ikke tatt nå"), (UNDER_A1, "Under A1"), *list(Niva.choices)]


class NorskproveForm(forms.Form):
    """One sitting of Norskprøven: the date and the level of each skill taken."""

    dato = forms.DateField(label="Prøvedato", widget=DatoInput())
    muntlig = forms.ChoiceField(label="Muntlig", choices=NIVA_VALG, required=False)
    skriftlig = forms.ChoiceField(label="Skriftlig", choices=NIVA_VALG, required=False)
    lesing = forms.ChoiceField(label="Leseforståelse", choices=NIVA_VALG, required=False)
    lytting = forms.ChoiceField(label="Lytteforståelse", choices=NIVA_VALG, required=False)

    FERDIGHETER = ("muntlig", "skriftlig", "lesing", "lytting")

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in self.FERDIGHETER):
            raise forms.ValidationError("Velg nivå for minst én ferdighet.")
        return data

    def resultater(self) -> list[tuple[str, str]]:
        """(skill, level) for each skill taken; "" is below A1."""
        return [
            (f, "" if self.cleaned_data[f] == UNDER_A1 else self.cleaned_data[f])
            for f in self.FERDIGHETER
            if self.cleaned_data.get(f)
        ]


class PraksisperiodeForm(forms.ModelForm):
    class Meta:
        model = Praksisperiode
        fields = ["arbeidsgiver", "stilling", "fra", "til", "stillingsprosent", "dokumentert"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        prosent = data.get("stillingsprosent")
        if prosent is not None and not 1 <= prosent <= 100:
            self.add_error("stillingsprosent", "Stillingsprosenten må være mellom 1 og 100.")
        return data


class KompetansemalForm(forms.ModelForm):
    class Meta:
        model = Kompetansemal
        fields = ["omrade", "tekst", "rekkefolge", "aktiv"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 2})}


class PlanpunktForm(forms.ModelForm):
    class Meta:
        model = Opplaeringsplanpunkt
        fields = ["kompetansemal", "oppgave", "utfort", "fadder_vurdering", "deltaker_vurdering", "kommentar", "dato"]

    def __init__(self, *args, deltaker, mal: list | None = None, **kwargs):
        """`mal`: the track's goals, fetched once, when one page renders many of these forms."""
        super().__init__(*args, **kwargs)
        felt = self.fields["kompetansemal"]
        felt.queryset = Kompetansemal.objects.filter(fagretning_id=deltaker.fagretning_id, aktiv=True).order_by(
            "rekkefolge", "pk"
        )
        felt.label_from_instance = lambda m: m.tekst[:90]
        if mal is not None:
            felt.choices = [("", "Velg …"), *((m.pk, m.tekst[:90]) for m in mal)]
        _datofelt(self)


class ManedstemaForm(forms.ModelForm):
    maned = forms.DateField(
        label="Måned",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )

    class Meta:
        model = Manedstema
        fields = ["maned", "kull", "tema", "beskrivelse"]
        widgets = {"beskrivelse": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"kull": "La stå tom for at temaet gjelder hele fagretningen."}

    def __init__(self, *args, fagretning, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kull"].queryset = Kull.objects.filter(fagretning=fagretning)
        self.fields["kull"].label_from_instance = lambda k: k.navn
        self.fields["kull"].empty_label = "Hele fagretningen"


class StipendForm(forms.Form):
    fra = forms.DateField(label="Fra", widget=DatoInput())
    til = forms.DateField(label="Til", widget=DatoInput())

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til"):
            if data["til"] < data["fra"]:
                self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
            elif (data["til"] - data["fra"]).days > 3 * 366:
                self.add_error("til", "Velg en periode på høyst tre år.")
        return data


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


class UtenModellvalidering:
    """For ModelForms whose service validates the model and names the field on a broken rule: the
    form must not change the instance (or run database rules) before the service takes its "before"
    snapshot for the event log."""

    def _post_clean(self):
        pass


class StipendvedtakForm(UtenModellvalidering, forms.ModelForm):
    """Register or change a stipend decision: the first and last day paid."""

    class Meta:
        model = Stipendvedtak
        fields = ["fra", "til"]
        labels = {"fra": "Første dag", "til": "Siste dag"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datofelt(self)

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        return data


class StipendAvsluttForm(forms.Form):
    til = forms.DateField(label="Siste dag med stipend", widget=DatoInput())
