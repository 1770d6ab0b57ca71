from django import forms

from .models import Art, Levering
from .services import levering_for


class VarslingsvalgForm(forms.Form):
    """One choice per kind of reminder: e-mail at once, a daily digest, or only the bell."""

    def __init__(self, *args, valg: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for art, etikett in Art.choices:
            valgene = Levering.choices
            if art == Art.UKESOPPSUMMERING:  # already a digest: e-mail on Monday, or only the bell
                valgene = [(v, e) for v, e in Levering.choices if v != Levering.DAGLIG]
            self.fields[art] = forms.ChoiceField(
                label=etikett, choices=valgene, initial=levering_for(valg, art), widget=forms.Select
            )
