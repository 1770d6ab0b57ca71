"""The scheme's fixed facts as template tags, so pages and PDFs name them from their one home.

`{% eksamensvinduer %}` → "15. januar–1. februar og 1.–15. september" (fagbrev.datoregning.EKSAMENSVINDUER),
`{% eksamen_stenger %}` → "kl. 23.55 siste dag", `{% semestre %}` → how the year is split.
"""

from __future__ import annotations

from django import template

from fagbrev.datoregning import EKSAMEN_STENGER_TEKST, Semester, eksamensvinduer_tekst

register = template.Library()


@register.simple_tag
def eksamensvinduer(bindeord: str = "og") -> str:
    return eksamensvinduer_tekst(bindeord)


@register.simple_tag
def eksamen_stenger() -> str:
    return EKSAMEN_STENGER_TEKST


@register.simple_tag
def semestre() -> str:
    """'høst: august–desember, vår: januar–juli (juli er sommerferie)'."""
    return f"høst: {Semester(2000, 'H').maneder_tekst}, vår: {Semester(2000, 'V').maneder_tekst}"
