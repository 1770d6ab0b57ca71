"""Forms in follow-up. They check and normalise input; rules that need the database live in services."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from arbeidsgivere.models import Kontaktperson, Plassering
from deltakere import statusgrupper
from fagbrev.forms import DatoInput as Dato
from fagbrev.forms import UtenModellvalidering
from fagbrev.models import Fagretning, User
from fagbrev.tekstgrenser import BESKRIVELSE, NOTAT

from .models import FERDIGHETER, SPORSMAL, Mote, Vurdering, Vurderingssamtale
from .selectors import deltakere_for_oppfolging
from .services import SAMTALE_FELT


def _tekst(label: str, rader: int = 3, *, max_length: int = NOTAT) -> forms.CharField:
    """A free-text field; the limit is the model field's (fagbrev/tekstgrenser.py)."""
    return forms.CharField(
        label=label, required=False, max_length=max_length, widget=forms.Textarea(attrs={"rows": rader})
    )


class DeltakerValg(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.navn} ({obj.fagretning.kortnavn})"


class BesokForm(forms.Form):
    """A workplace visit, on one phone screen: the essentials first, free text below."""

    deltaker = DeltakerValg(label="Deltaker", queryset=None, empty_label="Velg deltaker")
    dato = forms.DateField(label="Dato", widget=Dato())
    tilstede = forms.CharField(
        label="Hvem var til stede",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "F.eks. deltaker, fadder, leder"}),
    )
    observert = _tekst("Hva observerte du?", 3)
    oppgaver = _tekst("Oppgaver gitt", 2)
    manedens_tema = _tekst("Kobling til månedens tema", 2)
    opplaeringsplan = _tekst("Kobling til opplæringsplanen", 2)
    neste_besok = forms.DateField(label="Neste besøk planlagt", required=False, widget=Dato())

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deltaker"].queryset = (
            deltakere_for_oppfolging(user)
            .i_status_pa(statusgrupper.PA_ARBEIDSPLASSEN, timezone.localdate())  # a leave counts from its day
            .select_related("fagretning")
            .annotate(
                egen=Case(When(faglarer_id=user.pk, then=Value(0)), default=Value(1), output_field=IntegerField())
            )
            .order_by("egen", "etternavn", "fornavn", "pk")
        )


class BesokEndreForm(BesokForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        del self.fields["deltaker"]


class VurderingssamtaleForm(UtenModellvalidering, forms.ModelForm):
    """Plan the semester's assessment meeting, or record it with the follow-up form and self-evaluation."""

    class Meta:
        model = Vurderingssamtale
        fields = list(SAMTALE_FELT)
        widgets = {
            "planlagt_dato": Dato(),
            "holdt_dato": Dato(),
            **{
                f: forms.Textarea(attrs={"rows": 2})
                for f in (
                    "hvordan_gar_det",
                    "fokusomrader",
                    *SPORSMAL,
                    "selv_kommentar",
                )
            },
        }

    versjon = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisasjon_id: int, deltaker_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # her faddere: the fadder of any of her placements and the faddere of those workplaces, not every
        # fadder of the organisation (issue #20); the one already chosen stays on offer
        plasseringer = Plassering.objects.filter(deltaker_id=deltaker_id)
        hennes = Q(pk__in=plasseringer.values("fadder_id")) | Q(
            arbeidssted_id__in=plasseringer.values("arbeidssted_id")
        )
        if self.instance.fadder_id:
            hennes |= Q(pk=self.instance.fadder_id)
        self.fields["fadder"].queryset = (
            Kontaktperson.objects.filter(hennes, organisasjon_id=organisasjon_id, rolle=Kontaktperson.Rolle.FADDER)
            .select_related("arbeidssted")
            .order_by("arbeidssted__navn", "navn", "pk")
        )
        self.fields["fadder"].label = "Fadder"
        self.fields["fadder"].empty_label = "Ingen fadder valgt"
        for felt in ("selv_oppgaver", "selv_norsk", "selv_fremgang"):
            self.fields[felt] = forms.TypedChoiceField(
                label=self.fields[felt].label[0].upper() + self.fields[felt].label[1:],
                choices=[("", "–")] + [(i, str(i)) for i in range(1, 11)],
                coerce=int,
                empty_value=None,
                required=False,
            )
        for navn, felt in self.fields.items():
            if navn in FERDIGHETER:
                felt.widget = forms.RadioSelect(attrs={"class": "form-check-input"})
                felt.choices = [("", "Ikke vurdert"), *Vurdering.choices]
            elif navn.startswith("tiltak_"):
                felt.label = {"tiltak_deltaker": "Deltakeren", "tiltak_kommune": "Kommunen"}.get(navn, "Arbeidsgiver")
            elif felt.label:
                felt.label = felt.label[0].upper() + felt.label[1:]

    def clean(self):
        data = super().clean()
        if not data.get("planlagt_dato") and not data.get("holdt_dato"):
            self.add_error("planlagt_dato", "Oppgi planlagt dato eller dato samtalen ble holdt.")
        return data

    def tjenestefelt(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in SAMTALE_FELT}


class MoteForm(forms.Form):
    type = forms.ChoiceField(label="Type møte", choices=Mote.Type.choices)
    fagretning = forms.ModelChoiceField(
        label="Fagretning",
        queryset=None,
        required=False,
        empty_label="Ingen (styringsgruppe)",
        help_text="Påkrevd for prosjektgruppemøter.",
    )
    dato = forms.DateField(label="Dato", widget=Dato())
    tilstede = forms.ModelMultipleChoiceField(
        label="Til stede", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    andre_tilstede = forms.CharField(label="Andre til stede", required=False, max_length=300)
    agenda = _tekst("Saksliste (én sak per linje)", 4, max_length=BESKRIVELSE)
    referat = _tekst("Referat", 5)
    vedtak = _tekst("Vedtak", 3)

    def __init__(self, *args, organisasjon_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon_id=organisasjon_id, aktiv=True)
        self.fields["tilstede"].queryset = User.objects.filter(
            medlemskap__organisasjon_id=organisasjon_id, is_active=True
        ).order_by("first_name", "last_name")

    def clean(self):
        data = super().clean()
        if data.get("type") == Mote.Type.PROSJEKTGRUPPE and not data.get("fagretning"):
            self.add_error("fagretning", "Et prosjektgruppemøte hører til en fagretning.")
        return data


class TiltakForm(forms.Form):
    beskrivelse = forms.CharField(label="Tiltak", max_length=300)
    ansvarlig = forms.ModelChoiceField(label="Ansvarlig", queryset=None, empty_label="Velg ansvarlig")
    frist = forms.DateField(label="Frist", widget=Dato())

    def __init__(self, *args, organisasjon_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarlig"].queryset = User.objects.filter(
            medlemskap__organisasjon_id=organisasjon_id, is_active=True
        ).order_by("first_name", "last_name")


class FaddersamlingForm(forms.Form):
    fagretning = forms.ModelChoiceField(label="Fagretning", queryset=None, empty_label="Velg fagretning")
    dato = forms.DateField(label="Dato", widget=Dato())
    tema = forms.CharField(label="Tema", required=False, max_length=200)
    faddere = forms.ModelMultipleChoiceField(
        label="Faddere som kom", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    notat = _tekst("Notat", 3)

    def __init__(self, *args, organisasjon_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fagretning"].queryset = Fagretning.objects.filter(organisasjon_id=organisasjon_id, aktiv=True)
        self.fields["faddere"].queryset = Kontaktperson.objects.filter(
            organisasjon_id=organisasjon_id, rolle=Kontaktperson.Rolle.FADDER, aktiv=True
        ).order_by("navn")
