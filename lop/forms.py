"""The pathway's forms, with Norwegian labels and messages. Forms check and normalise input; rules that
need the database live in lop/services.py."""

from django import forms
from django.utils import timezone

from arbeidsgivere.models import Arbeidsgiver
from fagbrev.forms import DatoInput, Datoskjema, Periodeskjema, UtenModellvalidering, _datofelt
from fagbrev.models import Kull, Niva
from fagbrev.tekstgrenser import forkort

from .models import (
    Eksamen,
    Fagprove,
    Kompetansemal,
    Laerekontrakt,
    Manedstema,
    Opplaeringsplanpunkt,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
    Stipendvedtak,
)

UNDER_A1 = "under"
NIVA_VALG = [("", "Ikke tatt nå"), (UNDER_A1, "Under A1"), *list(Niva.choices)]


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
            "praksis_unntak",
        ]
        help_texts = {"slutt": "La stå tom for å bruke den beregnede sluttdatoen."}

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.initial.get("rute"):
            # the case's own pathway first; else the track's first
            self.initial["rute"] = deltaker.rute or (deltaker.fagretning.ruter or [""])[0]
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


class EksamenForm(Datoskjema):
    class Meta:
        model = Eksamen
        fields = ["type", "termin", "pameldt_dato", "gebyr_betalt", "eksamensdato", "resultat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resultat"].choices = [("", "Ikke avlagt ennå"), *list(Resultat.choices)]


class FagproveForm(Datoskjema):
    class Meta:
        model = Fagprove
        fields = ["provested", "provedato", "fagansvarlig_informert"]
        help_texts = {"provedato": "Normalt innen to måneder etter kontraktens slutt."}


class FagproveEndreForm(FagproveForm):
    class Meta(FagproveForm.Meta):
        fields = ["provested", "provedato", "fagansvarlig_informert", "resultat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resultat"].choices = [("", "Ikke avlagt ennå"), *list(Resultat.choices)]


def _har_kommet(dato) -> None:
    if dato > timezone.localdate():
        raise forms.ValidationError("Prøvedatoen kan ikke være fram i tid. Registrer resultatet når det har kommet.")


def _provedato() -> forms.DateField:
    """The date of a Norskprøven sitting: one that has come (a result is registered when it has arrived)."""
    return forms.DateField(label="Prøvedato", widget=DatoInput(), validators=[_har_kommet])


class NorskproveForm(forms.Form):
    """One sitting of Norskprøven: the date and the level of each skill taken."""

    dato = _provedato()
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


class NorskproveEndreForm(forms.Form):
    """Correct one registered result: its level and date (a wrong entry, or a result amended by the
    test centre). The correction and its reason are kept in the history."""

    niva = forms.ChoiceField(label="Nivå", choices=NIVA_VALG[1:])
    dato = _provedato()
    begrunnelse = forms.CharField(label="Hvorfor rettes resultatet?", max_length=300)

    def __init__(self, *args, prove=None, **kwargs):
        if prove is not None:
            kwargs.setdefault("initial", {"niva": prove.niva or UNDER_A1, "dato": prove.dato})
        super().__init__(*args, **kwargs)

    def endringer(self) -> dict:
        niva = self.cleaned_data["niva"]
        return {"niva": "" if niva == UNDER_A1 else niva, "dato": self.cleaned_data["dato"]}


class PraksisperiodeForm(Periodeskjema):
    class Meta:
        model = Praksisperiode
        fields = ["arbeidsgiver", "stilling", "fra", "til", "stillingsprosent", "dokumentert"]

    def clean(self):
        data = super().clean()
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
        felt.label = "Kompetansemål"
        felt.label_from_instance = lambda m: forkort(m.tekst, 90)
        if mal is not None:
            felt.choices = [("", "Velg …"), *((m.pk, forkort(m.tekst, 90)) for m in mal)]
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


class StipendvedtakForm(UtenModellvalidering, Periodeskjema):
    """Register or change a stipend decision: the first and last day paid."""

    class Meta:
        model = Stipendvedtak
        fields = ["fra", "til"]
        labels = {"fra": "Første dag", "til": "Siste dag"}


class StipendAvsluttForm(forms.Form):
    til = forms.DateField(label="Siste dag med stipend", widget=DatoInput())
