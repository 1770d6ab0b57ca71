"""Forms for the case file. They check and normalise input; rules that need the database live in services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from fagbrev.forms import DatoInput, ForslagInput, UtenModellvalidering, kull_valg
from fagbrev.identifikatorer import normaliser_fodselsnummer
from fagbrev.models import Fagretning, Rolle, User
from fagbrev.permissions import KOORDINATOR
from fagbrev.skjema import Listefilter, Sokefelt, id_felt, valgfritt
from fagbrev.tekstgrenser import BEGRUNNELSE
from fagbrev.telefon import normaliser_telefon

from . import overganger
from .models import (
    Avbrudd,
    Deltaker,
    Inntakssamtale,
    Kartlegging,
    Kriterievurdering,
    Opptaksvedtak,
    Permisjon,
    Utfall,
    Utstyrslan,
    Vedlegg,
)
from .models_status import TIL_FOR_FRA
from .services import ENDRE_FELTER, REGISTRER_FELTER
from .services_dokumenter import sjekk_opplasting
from .services_rute import rute_tidligste_dato


def _datoer(form: forms.BaseForm) -> None:
    """Date fields as <input type="date">; empty choices say «Velg …» in Norwegian."""
    for felt in form.fields.values():
        if isinstance(felt, forms.DateField):
            felt.widget = DatoInput()
        elif isinstance(felt, forms.ModelChoiceField):
            felt.empty_label = "Velg …"
        elif isinstance(felt, forms.TypedChoiceField) and felt.choices and felt.choices[0][0] == "":
            felt.choices = [("", "Velg …"), *felt.choices[1:]]


class VersjonForm(forms.Form):
    """Carries the case version the user read, for optimistic locking."""

    versjon = forms.IntegerField(widget=forms.HiddenInput)


FNR_SKREVET_MAKS = 20  # 11 digits and the spaces or separators someone may type between them


def _lærere(organisasjon_ids, rolle: str):
    return User.objects.filter(medlemskap__organisasjon_id__in=organisasjon_ids, medlemskap__rolle=rolle).distinct()


# The languages an interpreter is most often booked for here; any other is typed.
TOLKESPRAK = (
    "arabisk",
    "dari",
    "farsi",
    "kurmanji",
    "pashto",
    "polsk",
    "russisk",
    "somali",
    "sorani",
    "swahili",
    "tigrinja",
    "tyrkisk",
    "ukrainsk",
)


class _PersonFelter(forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tolk_sprak"].widget = ForslagInput(TOLKESPRAK)
        orgs = user.organisasjoner_med(KOORDINATOR)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon_id__in=orgs, aktiv=True)
        self.fields["fagretning"].label = "Ønsket fagretning"
        _datoer(self)
        # open cohorts of the case's track (a new referral: of every track, grouped by track)
        spor = self.instance.fagretning_id if self.instance.pk else None
        kull_valg(
            self.fields["kull"],
            organisasjon_ids=orgs if spor is None else [self.instance.organisasjon_id],
            idag=timezone.localdate(),
            fagretning_id=spor,
            beholde_id=self.instance.kull_id,
        )
        if spor is not None:
            self.fields[
                "kull"
            ].help_text = (
                "Åpne kull i fagretningen saken har nå. Bytter du fagretning, lagre først og velg kull etterpå."
            )
        # Room for the number as people type it ("160785 07296", "160785-07296"): the model keeps 11
        # digits, and clean_fodselsnummer returns exactly those, so the 11-character limit is the model's.
        fnr = self.fields["fodselsnummer"]
        fnr.max_length = FNR_SKREVET_MAKS
        fnr.validators = [v for v in fnr.validators if not isinstance(v, MaxLengthValidator)]
        fnr.widget.attrs["maxlength"] = str(FNR_SKREVET_MAKS)

    def clean_fodselsnummer(self) -> str:
        verdi = self.cleaned_data.get("fodselsnummer", "")
        return normaliser_fodselsnummer(verdi) if verdi else ""

    def clean_telefon(self) -> str:
        return normaliser_telefon(self.cleaned_data.get("telefon", ""))

    def clean_tolk_sprak(self) -> str:
        """«Arabisk » → «arabisk»: language names are written in lower case in Norwegian."""
        return " ".join(self.cleaned_data.get("tolk_sprak", "").split()).lower()

    def clean(self):
        data = super().clean()
        kull, fagretning = data.get("kull"), data.get("fagretning")
        if kull and fagretning and kull.fagretning_id != fagretning.pk:
            self.add_error("kull", "Kullet hører til en annen fagretning.")
        if data.get("henvist_dato") and data["henvist_dato"] > timezone.localdate():
            self.add_error("henvist_dato", "Henvisningsdatoen kan ikke være i fremtiden.")
        return data


class HenvisningForm(_PersonFelter):
    cv = forms.FileField(label="CV", required=False, help_text="PDF, JPEG, PNG eller Word (DOCX).")
    referanser = forms.FileField(label="Referanser / attester", required=False)

    class Meta:
        model = Deltaker
        fields = list(REGISTRER_FELTER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["henvist_av"].required = True
        self.fields["fodselsnummer"].help_text = "11 siffer. Brukes til å finne ut om personen alt har en sak."
        self.fields["fodselsnummer"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        if not self.is_bound:
            self.initial.setdefault("henvist_dato", timezone.localdate())

    def _fil(self, navn: str):
        fil = self.cleaned_data.get(navn)
        if fil:
            sjekk_opplasting(fil)
        return fil

    def clean_cv(self):
        return self._fil("cv")

    def clean_referanser(self):
        return self._fil("referanser")


class DeltakerForm(_PersonFelter):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Deltaker
        fields = list(ENDRE_FELTER)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        orgs = [self.instance.organisasjon_id]
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon_id__in=orgs)
        self.fields["fagretning"].label = "Fagretning"
        self.fields["faglarer"].queryset = _lærere(orgs, Rolle.FAGLARER)
        self.fields["norsklarer"].queryset = _lærere(orgs, Rolle.NORSKLARER)
        self.fields["fodselsnummer"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["versjon"] = self.instance.versjon


class KartleggingForm(forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Kartlegging
        fields = [
            "intervjudato",
            "norskopplaering",
            "norsk_muntlig",
            "norsk_skriftlig",
            "ankomst_norge",
            "utdanning",
            "utdanning_ar",
            "arbeidserfaring",
            "arbeid_ar",
            "fagrelevant_erfaring",
            "motivasjon",
            "egnethet",
            "livssituasjon",
            "hindringer_oppmote",
            "forerkort",
            "inntektsgrunnlag",
            "malgruppe",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 2})
            for f in (
                "norskopplaering",
                "utdanning",
                "arbeidserfaring",
                "motivasjon",
                "egnethet",
                "livssituasjon",
                "hindringer_oppmote",
            )
        }

    def __init__(self, *args, deltaker: Deltaker, kriterier, vurderinger: dict, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)
        self.kriterier = list(kriterier)
        for k in self.kriterier:
            eksisterende = vurderinger.get(k.pk)
            self.fields[f"k{k.pk}"] = forms.ChoiceField(
                label=f"{k.tekst}{'' if k.er_krav else ' (fordel, ikke krav)'}",
                choices=Kriterievurdering.Vurdering.choices,
                widget=forms.RadioSelect,
                initial=eksisterende.vurdering if eksisterende else Kriterievurdering.Vurdering.UAVKLART,
            )
            self.fields[f"k{k.pk}_kommentar"] = forms.CharField(
                label="Kommentar",
                required=False,
                max_length=300,
                initial=eksisterende.kommentar if eksisterende else "",
            )
        if not self.is_bound:
            self.initial["versjon"] = deltaker.versjon
            self.initial.setdefault("intervjudato", timezone.localdate())

    def clean_ankomst_norge(self):
        dato = self.cleaned_data.get("ankomst_norge")
        if dato and dato > timezone.localdate():
            raise ValidationError("Ankomstdatoen kan ikke være i fremtiden.")
        return dato

    def vurderinger(self) -> dict[int, tuple[str, str]]:
        return {k.pk: (self.cleaned_data[f"k{k.pk}"], self.cleaned_data[f"k{k.pk}_kommentar"]) for k in self.kriterier}

    def modellfelter(self) -> dict:
        return {f.name: self.cleaned_data[f.name] for f in Kartlegging._meta.fields if f.name in self.fields}


class OpptakForm(VersjonForm):
    utfall = forms.ChoiceField(label="Vedtak", choices=Opptaksvedtak.Utfall.choices, widget=forms.RadioSelect)
    begrunnelse = forms.CharField(label="Begrunnelse", max_length=BEGRUNNELSE, widget=forms.Textarea(attrs={"rows": 3}))
    dato = forms.DateField(label="Dato for vedtaket", widget=DatoInput())
    sammen_med = forms.ModelChoiceField(
        label="Vurdert sammen med faglærer", queryset=User.objects.none(), required=False, empty_label="Velg …"
    )

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sammen_med"].queryset = _lærere([deltaker.organisasjon_id], Rolle.FAGLARER)
        if not self.is_bound:
            self.initial.update(
                {"versjon": deltaker.versjon, "dato": timezone.localdate(), "sammen_med": deltaker.faglarer_id}
            )

    def clean_dato(self):
        dato = self.cleaned_data["dato"]
        if dato > timezone.localdate():
            raise ValidationError("Vedtaksdatoen kan ikke være i fremtiden.")
        return dato


class InntakForm(forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Inntakssamtale
        fields = [
            "dato",
            "kontrakt_signert",
            "samtykke_signert",
            "forventninger_gjennomgatt",
            "fravarsregler_gjennomgatt",
            "politiattest_soknad",
            "politiattest_mottatt",
        ]

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)
        if deltaker.fagretning.krever_politiattest:
            self.fields[
                "politiattest_mottatt"
            ].help_text = f"{deltaker.fagretning.navn} krever politiattest før deltakeren kan starte i praksis."
        if not self.is_bound:
            self.initial["versjon"] = deltaker.versjon

    def clean(self):
        data = super().clean()
        soknad, mottatt = data.get("politiattest_soknad"), data.get("politiattest_mottatt")
        if soknad and mottatt and mottatt < soknad:
            self.add_error("politiattest_mottatt", "Politiattesten kan ikke være mottatt før den ble søkt om.")
        for felt in ("dato", "politiattest_soknad", "politiattest_mottatt"):
            if data.get(felt) and data[felt] > timezone.localdate() and felt not in self.errors:
                self.add_error(felt, "Datoen kan ikke være i fremtiden.")
        return data


class StatusForm(VersjonForm):
    til = forms.ChoiceField(label="Ny status")
    dato = forms.DateField(
        label="Gjelder fra",
        widget=DatoInput(),
        help_text="En dato fram i tid registreres som planlagt: statusen endres den dagen.",
    )
    begrunnelse = forms.CharField(label="Begrunnelse", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["til"].choices = [
            (til, overganger.handling(deltaker.status, til))
            for til in overganger.OVERGANGER[deltaker.status]
            if til not in overganger.EGET_SKJEMA
        ]
        if not self.is_bound:
            self.initial.update({"versjon": deltaker.versjon, "dato": timezone.localdate()})


class PermisjonForm(forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Permisjon
        fields = ["fra", "til", "arsak", "fylke_informert", "godkjent_av_fylket"]
        help_texts = {"fra": "En dato fram i tid registreres som planlagt: statusen endres den dagen."}

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)
        if not self.is_bound:
            self.initial["versjon"] = deltaker.versjon

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", TIL_FOR_FRA)
        return data


class RutebytteForm(VersjonForm):
    """Switch the track (deltakere/services_rute.py): to which track, from which day, and why."""

    til = forms.ChoiceField(label="Nytt løp")
    dato = forms.DateField(label="Gjelder fra", widget=DatoInput())
    begrunnelse = forms.CharField(label="Begrunnelse", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        tilbys = deltaker.fagretning.ruter or Fagretning.Rute.values
        valg = [(r, navn) for r, navn in Fagretning.Rute.choices if r in tilbys and r != deltaker.rute]
        self.fields["til"].choices = [("", "Velg …"), *valg]
        tidligst = rute_tidligste_dato(deltaker)
        self.fields[
            "dato"
        ].help_text = f"Tidligst {tidligst:%d.%m.%Y} (sakens start eller forrige bytte), senest i dag."
        if not self.is_bound:
            self.initial.update({"versjon": deltaker.versjon, "dato": timezone.localdate()})


class FlyttForm(forms.Form):
    """Move a planned status change to another day."""

    dato = forms.DateField(label="Ny dato (gjelder fra)", widget=DatoInput())


class AvbruddForm(forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Avbrudd
        fields = ["dato", "kategori", "arsak", "avslutningsmote", "attest_mottatt", "fylke_informert"]
        widgets = {"arsak": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"attest_mottatt": "Bestill arbeidsattesten under «Praksisplass» på saken når løpet er avbrutt."}

    def __init__(self, *args, deltaker: Deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)
        if not self.is_bound:
            self.initial.update({"versjon": deltaker.versjon, "dato": timezone.localdate()})


class DokumentForm(forms.ModelForm):
    fil = forms.FileField(label="Fil", help_text="PDF, JPEG, PNG eller Word (DOCX).")

    class Meta:
        model = Vedlegg
        fields = ["type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        sjekk_opplasting(fil)
        return fil


class UtstyrForm(forms.ModelForm):
    class Meta:
        model = Utstyrslan
        fields = ["hva", "serienummer", "utlant"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datoer(self)
        if not self.is_bound:
            self.initial["utlant"] = timezone.localdate()


class UtfallForm(UtenModellvalidering, forms.ModelForm):
    """One outcome (at completion or six months after). The prefix is the point in time, so the case
    page can hold both forms and a rejected post comes back to a page with the same field ids."""

    class Meta:
        model = Utfall
        fields = ["situasjon", "dato", "arbeidsgiver"]

    def __init__(self, *args, tidspunkt: str, **kwargs):
        super().__init__(*args, prefix=f"utfall-{tidspunkt}", **kwargs)
        _datoer(self)
        self.fields["situasjon"].choices = [("", "Velg …"), *Utfall.Situasjon.choices]
        if not self.is_bound and self.instance.pk is None:
            self.initial["dato"] = timezone.localdate()


class FnrSokForm(forms.Form):
    fodselsnummer = forms.CharField(label="Fødselsnummer eller D-nummer", max_length=FNR_SKREVET_MAKS)

    def clean_fodselsnummer(self) -> str:
        return normaliser_fodselsnummer(self.cleaned_data["fodselsnummer"])


class ImportForm(forms.Form):
    fil = forms.FileField(label="Regneark (.xlsx eller .csv)")


class ImportRadForm(forms.Form):
    """One imported row's text fields, checked exactly as the registration form checks them
    (the same model fields: lengths, e-mail syntax, no NUL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for navn in ("fornavn", "etternavn", "telefon", "epost"):
            self.fields[navn] = Deltaker._meta.get_field(navn).formfield()


class OpptakskriteriumForm(forms.Form):
    tekst = forms.CharField(label="Nytt kriterium", max_length=300)
    er_krav = forms.BooleanField(label="Krav (ikke bare en fordel)", required=False, initial=True)


SORTERING_VALG = [
    ("navn", "Navn A–Å"),
    ("-navn", "Navn Å–A"),
    ("status", "Status"),
    ("fagretning", "Fagretning"),
    ("kull", "Kull"),
    ("nyeste", "Nyeste henvisning"),
]


class DeltakerFilterForm(Listefilter):
    """The participant list's search, filters and order (GET). The workplace filter is offered by
    `arbeidsgivere` through `liste.py`; its parameters are read here like the others."""

    q = Sokefelt()
    fagretning = id_felt()
    kull = id_felt()
    status = valgfritt(Deltaker.Status.choices)
    faglarer = id_felt()
    faglarer_navn = Sokefelt()
    arbeidssted = id_felt()
    arbeidssted_navn = Sokefelt()
    sort = forms.ChoiceField(choices=SORTERING_VALG, required=False)

    def filtre(self) -> dict[str, str]:
        """The filters by the names `deltakere_for_liste` and the registered extensions know."""
        v = self.verdier()
        return {
            "status": v["status"],
            "fagretning_id": v["fagretning"],
            "kull_id": v["kull"],
            "faglarer_id": v["faglarer"],
            "arbeidssted_id": v["arbeidssted"],
            "faglarer_navn": v["faglarer_navn"],
            "arbeidssted_navn": v["arbeidssted_navn"],
        }
