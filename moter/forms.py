"""Forms for meetings, in Norwegian. They check and normalise input; rules that need the database are in services."""

from __future__ import annotations

from django import forms

from arbeidsgivere.models import Kontaktperson
from deltakere.models import Deltaker
from fagbrev.forms import ForslagInput, UtenModellvalidering, _datofelt
from fagbrev.models import Fagretning, Rolle, User
from fagbrev.skjema import Listefilter, id_felt, valgfritt
from fagbrev.telefon import normaliser_telefon

from .models import Ekstern, Mote, Oppstartsmote

# Who usually comes from outside; anything else is typed.
EKSTERNE_ROLLER = (
    "NAV-veileder",
    "Arbeidsgiver",
    "Leder på arbeidsplassen",
    "Programrådgiver (introduksjonsprogrammet)",
    "Lærer i voksenopplæringen",
    "Jobbsjansen",
    "Fylkeskommunen",
    "Tolk",
)
DATO_FEIL = {"invalid": "Skriv datoen som dd.mm.åååå.", "required": "Velg dato."}


def _ansatte(organisasjon_id: int, *roller: str):
    return (
        User.objects.filter(medlemskap__organisasjon_id=organisasjon_id, medlemskap__rolle__in=roller)
        .distinct()
        .order_by("first_name", "last_name")
    )


class _Brukervalg(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class MoteForm(UtenModellvalidering, forms.ModelForm):
    arrangor = _Brukervalg(queryset=User.objects.none(), label="Arrangør")

    class Meta:
        model = Mote
        fields = ["art", "dato", "klokken", "sted", "fagretning", "arrangor", "notat"]
        widgets = {
            "klokken": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notat": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "art": {"required": "Velg hva slags møte det er."},
            "dato": DATO_FEIL,
            "klokken": {
                "invalid": "Skriv klokkeslettet som tt:mm, for eksempel 10:00.",
                "required": "Skriv når møtet starter.",
            },
            "sted": {"required": "Skriv hvor møtet er."},
        }

    def __init__(self, *args, organisasjon_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon_id=organisasjon_id).order_by(
            "-aktiv", "navn"
        )
        self.fields["fagretning"].required = False
        self.fields["fagretning"].help_text = "Tomt når møtet gjelder alle fagretninger."
        self.fields["arrangor"].queryset = _ansatte(organisasjon_id, Rolle.KOORDINATOR, Rolle.FAGLARER)
        self.fields["arrangor"].error_messages["required"] = "Velg hvem som arrangerer."
        self.fields["klokken"].help_text = "Norsk tid, tt:mm."
        self.fields["sted"].widget.attrs["placeholder"] = "For eksempel «Lørenskog hus, møterom 3»"
        self.fields["notat"].help_text = "Hva som ble presentert, spørsmål som kom, hvem som vil søke."
        _datofelt(self)


class DeltakelseForm(forms.Form):
    deltaker = forms.ModelChoiceField(
        queryset=Deltaker.objects.none(),
        label="Deltaker",
        error_messages={"required": "Velg deltakeren.", "invalid_choice": "Velg en deltaker fra listen."},
    )
    invitert = forms.BooleanField(label="Invitert", required=False, initial=True)
    mott = forms.BooleanField(label="Møtte", required=False)

    def __init__(self, *args, deltakere, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deltaker"].queryset = deltakere
        self.fields["deltaker"].help_text = "Saker i organisasjonen, etter etternavn."
        self.fields["deltaker"].label_from_instance = lambda d: f"{d.etternavn}, {d.fornavn} ({d.fagretning.kortnavn})"
        _datofelt(self)


class EksternForm(UtenModellvalidering, forms.ModelForm):
    class Meta:
        model = Ekstern
        fields = ["navn", "rolle", "telefon", "epost", "invitert", "mott"]
        error_messages = {
            "navn": {"required": "Skriv navnet."},
            "rolle": {"required": "Skriv rollen eller hvor personen kommer fra, for eksempel «NAV-veileder»."},
            "epost": {"invalid": "Skriv en gyldig e-postadresse, for eksempel navn@nav.no."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rolle"].widget = ForslagInput(EKSTERNE_ROLLER)
        self.fields["telefon"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})
        self.fields["telefon"].help_text = "Valgfritt."
        self.fields["epost"].help_text = "Valgfritt."

    def clean_telefon(self) -> str:
        return normaliser_telefon(self.cleaned_data.get("telefon", ""))


class OppmoteForm(forms.Form):
    """Who came: one box per person on the list, ticked = came."""

    deltakelser = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Deltakere"
    )
    eksterne = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Fra andre etater og arbeidsgivere"
    )

    def __init__(self, *args, deltakelser, eksterne, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deltakelser"].choices = [(d.pk, d.deltaker.navn) for d in deltakelser]
        self.fields["eksterne"].choices = [(e.pk, str(e)) for e in eksterne]
        if not self.is_bound:
            self.initial = {
                "deltakelser": [d.pk for d in deltakelser if d.mott],
                "eksterne": [e.pk for e in eksterne if e.mott],
            }


class MoteFilter(Listefilter):
    art = valgfritt(Mote.Art.choices, label="Type møte")
    fagretning = id_felt()


class OppstartsmoteForm(UtenModellvalidering, forms.ModelForm):
    koordinator = _Brukervalg(queryset=User.objects.none(), label="Koordinator")

    class Meta:
        model = Oppstartsmote
        fields = [
            "dato",
            "koordinator",
            "leder",
            "leder_navn",
            "deltaker_tilstede",
            "oppstartsdato",
            "forventninger",
            "roller",
            "avtale_signert",
            "notat",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("forventninger", "roller", "notat")}
        error_messages = {"dato": DATO_FEIL, "oppstartsdato": {"invalid": DATO_FEIL["invalid"]}}

    def __init__(self, *args, plassering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["koordinator"].queryset = _ansatte(plassering.organisasjon_id, Rolle.KOORDINATOR)
        self.fields["koordinator"].error_messages["required"] = "Velg koordinatoren som var med."
        self.fields["leder"].queryset = Kontaktperson.objects.filter(
            arbeidssted_id=plassering.arbeidssted_id, rolle=Kontaktperson.Rolle.LEDER
        ).order_by("-aktiv", "navn")
        self.fields["leder"].required = False
        self.fields["leder"].help_text = f"Ledere registrert på {plassering.arbeidssted.navn}."
        self.fields["forventninger"].help_text = "Hva arbeidsplassen og deltakeren forventer av hverandre."
        self.fields["roller"].help_text = "Hvem gjør hva: leder, fadder, faglærer, koordinator."
        self.fields["oppstartsdato"].help_text = "Første dag på arbeidsplassen."
        _datofelt(self)
