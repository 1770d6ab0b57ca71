"""`{{ nummer|telefon }}` → «+47 912 34 567» (fagbrev.telefon.vis_telefon)."""

from __future__ import annotations

from django import template

from fagbrev.telefon import vis_telefon

register = template.Library()


@register.filter
def telefon(verdi) -> str:
    return vis_telefon(str(verdi or ""))
