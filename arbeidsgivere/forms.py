"""Forms check and normalise input; rules that need the database live in services."""

from __future__ import annotations

from django import forms

from fagbrev.forms import DatoInput, UtenModellvalidering
from fagbrev.identifikatorer import normaliser_orgnr
from fagbrev.models import Fagretning, Niva, User
from fagbrev.skjema import Listefilter, Sokefelt, id_felt, valgfritt
from fagbrev.telefon import normaliser_telefon

from .models import Arbeidsattest, Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering
from .selectors import EGNET_VALG

TEKST = {"rows": 3}


class ArbeidsgiverForm(UtenModellvalidering, forms.ModelForm):
    orgnr = forms.CharField(label="Organisasjonsnummer", max_length=20, help_text="9 siffer. Mellomrom er greit.")

    class Meta:
        model = Arbeidsgiver
        fields = [
            "navn",
            "orgnr",
            "sektor",
            "bransje",
            "fagretninger",
            "godkjent_laerebedrift",
            "godkjent_laerefag",
            "godkjent_fra",
            "kontaktperson_kommune",
            "krav_faglig",
            "krav_norskniva",
            "krav_personlig",
            "notater",
        ]
        widgets = {
            "godkjent_fra": DatoInput(),
            "fagretninger": forms.CheckboxSelectMultiple,
            "krav_faglig": forms.Textarea(attrs=TEKST),
            "krav_personlig": forms.Textarea(attrs=TEKST),
            "notater": forms.Textarea(attrs=TEKST),
        }
        labels = {"sektor": "Sektor (kommunal eller privat)"}

    def __init__(self, *args, organisasjon, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisasjon = organisasjon
        self.fields["fagretninger"].queryset = Fagretning.objects.filter(organisasjon=organisasjon).order_by(
            "-aktiv", "navn"
        )
        self.fields["kontaktperson_kommune"].queryset = User.objects.filter(
            medlemskap__organisasjon=organisasjon, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["kontaktperson_kommune"].empty_label = "Ikke valgt"
        self.fields["krav_norskniva"].choices = [("", "Ikke satt"), *Niva.choices]

    def clean_orgnr(self) -> str:
        return normaliser_orgnr(self.cleaned_data["orgnr"])

    def clean(self):
        data = super().clean()
        if data.get("godkjent_laerebedrift") and not data.get("godkjent_laerefag"):
            self.add_error("godkjent_laerefag", "Skriv hvilke lærefag bedriften er godkjent for.")
        return data


class ArbeidsstedForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Arbeidssted
        fields = ["navn", "adresse", "kapasitet"]


class KontaktpersonForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Kontaktperson
        fields = ["rolle", "navn", "telefon", "epost", "har_fagbrev", "faddersamlinger", "aktiv"]
        labels = {"rolle": "Rolle på arbeidsstedet"}

    def clean_telefon(self) -> str:
        return normaliser_telefon(self.cleaned_data.get("telefon", ""))


class PlasseringForm(forms.Form):
    arbeidssted = forms.ModelChoiceField(queryset=Arbeidssted.objects.none(), label="Arbeidssted")
    fadder = forms.ModelChoiceField(
        queryset=Kontaktperson.objects.none(), label="Fadder", required=False, empty_label="Ikke valgt ennå"
    )
    fra = forms.DateField(label="Fra", widget=DatoInput())
    til = forms.DateField(label="Til", widget=DatoInput(), required=False, help_text="Tom: til videre.")
    dager_per_uke = forms.DecimalField(label="Dager i uken", min_value=0.5, max_value=5, decimal_places=1, initial=3)
    timer_per_uke = forms.DecimalField(
        label="Timer i uken", min_value=1, max_value=40, decimal_places=1, required=False
    )
    ekstra_person_bekreftet = forms.BooleanField(
        label="Leder har bekreftet at deltakeren er ekstra person og ikke erstatter ansatte", required=False
    )
    lonnet = forms.BooleanField(
        label="Lønnet arbeid", required=False, help_text="Deltakeren er ansatt med lønn hos arbeidsgiveren i perioden."
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arbeidssted"].queryset = (
            Arbeidssted.objects.filter(organisasjon_id=deltaker.organisasjon_id)
            .select_related("arbeidsgiver")
            .order_by("arbeidsgiver__navn", "navn")
        )
        self.fields["arbeidssted"].label_from_instance = lambda s: f"{s.arbeidsgiver.navn} – {s.navn}"
        self.fields["fadder"].queryset = (
            Kontaktperson.objects.filter(
                organisasjon_id=deltaker.organisasjon_id, rolle=Kontaktperson.Rolle.FADDER, aktiv=True
            )
            .select_related("arbeidssted")
            .order_by("arbeidssted__navn", "navn")
        )
        self.fields["fadder"].label_from_instance = lambda k: f"{k.navn} ({k.arbeidssted.navn})"

    def clean(self):
        data = super().clean()
        fra, til = data.get("fra"), data.get("til")
        if fra and til and til < fra:
            self.add_error("til", "Sluttdatoen kan ikke være før startdatoen.")
        sted, fadder = data.get("arbeidssted"), data.get("fadder")
        if sted and fadder and fadder.arbeidssted_id != sted.pk:
            self.add_error("fadder", "Fadderen arbeider ikke på det valgte arbeidsstedet.")
        return data


class PlasseringEndreForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Plassering
        fields = ["fadder", "dager_per_uke", "timer_per_uke", "ekstra_person_bekreftet", "lonnet"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fadder"].queryset = Kontaktperson.objects.filter(
            arbeidssted_id=self.instance.arbeidssted_id, rolle=Kontaktperson.Rolle.FADDER, aktiv=True
        )
        self.fields["fadder"].empty_label = "Ikke valgt ennå"


class AvsluttForm(forms.Form):
    til = forms.DateField(label="Siste dag", widget=DatoInput())


class AvtaleForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Avtale
        fields = ["oppstart", "arbeidstid", "forventninger", "roller", "fravaersregler"]
        widgets = {
            "oppstart": DatoInput(),
            "forventninger": forms.Textarea(attrs=TEKST),
            "roller": forms.Textarea(attrs=TEKST),
            "fravaersregler": forms.Textarea(attrs=TEKST),
        }


class SignaturForm(forms.Form):
    part = forms.ChoiceField(
        label="Hvem signerte",
        choices=[("deltaker", "Deltakeren"), ("arbeidssted", "Arbeidsstedet"), ("kommune", "Kommunen (meg)")],
    )
    dato = forms.DateField(label="Dato", widget=DatoInput())
    navn = forms.CharField(label="Navn (for arbeidsstedet)", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("part") == "arbeidssted" and not data.get("navn", "").strip():
            self.add_error("navn", "Skriv hvem som signerte for arbeidsstedet.")
        return data


# The evaluation's free-text answers (what went well and what could be better, per party), in order.
SVAR = [
    "kommune_bra",
    "kommune_forbedre",
    "deltaker_bra",
    "deltaker_forbedre",
    "arbeidsgiver_bra",
    "arbeidsgiver_forbedre",
    "forbedringspunkter",
]


class EvalueringForm(UtenModellvalidering, forms.ModelForm):
    egnet = forms.TypedChoiceField(
        label="Er arbeidsstedet egnet for nye deltakere?",
        choices=[("", "Velg"), ("ja", "Ja"), ("nei", "Nei")],
        coerce=lambda v: v == "ja",
        empty_value=None,
    )

    class Meta:
        model = Evaluering
        fields = ["dato", *SVAR[:6], "egnet", "forbedringspunkter"]
        widgets = {"dato": DatoInput(), **{f: forms.Textarea(attrs={"rows": 2}) for f in SVAR}}


GODKJENT_VALG = [("ja", "Ja"), ("nei", "Nei")]


class ArbeidsgiverFilterForm(Listefilter):
    """The employer list's search and filters (GET)."""

    q = Sokefelt()
    fagretning = id_felt()
    godkjent = valgfritt(GODKJENT_VALG)
    egnet = valgfritt(EGNET_VALG)
    sektor = valgfritt(Arbeidsgiver.Sektor.choices)

    def filtre(self) -> dict[str, str]:
        v = self.verdier()
        return {"fagretning_id": v["fagretning"], "godkjent": v["godkjent"], "egnet": v["egnet"], "sektor": v["sektor"]}


class AttestForm(UtenModellvalidering, forms.ModelForm):
    """The workplace reference: the leader who signs, the tasks, attendance and the leader's own words."""

    class Meta:
        model = Arbeidsattest
        fields = ["leder", "arbeidsoppgaver", "oppmote", "uttalelse"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("arbeidsoppgaver", "oppmote", "uttalelse")}
        help_texts = {
            "arbeidsoppgaver": "Hva deltakeren har gjort på arbeidsstedet.",
            "oppmote": "For eksempel «Stabilt oppmøte, ga beskjed ved fravær». Kan stå tom.",
            "uttalelse": "Lederens egne ord om deltakeren. Lederen skriver under på den utskrevne attesten.",
        }

    def __init__(self, *args, plassering: Plassering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leder"].queryset = Kontaktperson.objects.filter(
            arbeidssted_id=plassering.arbeidssted_id, rolle=Kontaktperson.Rolle.LEDER
        ).order_by("navn")
        self.fields["leder"].empty_label = "Ikke valgt"
