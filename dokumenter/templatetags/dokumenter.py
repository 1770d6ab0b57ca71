"""`{% dokumentseksjon "type" objekt %}`: the "Dokumenter" box on a record's page.

One line in the host template (placement, assessment meeting, meeting, training plan) shows the
button that makes a new version and the versions made so far, without the host app's view
knowing about documents. Two queries: the versions, and (for minutes) nothing more.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, OBJEKTDOKUMENTER
from fagbrev.permissions import can_edit_deltaker, can_manage_org

from ..selectors import dokumenter_for_objekt

register = template.Library()


@register.inclusion_tag("dokumenter/_objekt.html", takes_context=True)
def dokumentseksjon(context, type: str, objekt) -> dict:
    user = context["request"].user
    if type in DELTAKERDOKUMENTER:
        definisjon = DELTAKERDOKUMENTER[type]
        nokkel = f"deltaker:{objekt.pk}"
        kan_lage = can_edit_deltaker(user, objekt) and definisjon.tilgjengelig_for(objekt)
        kan_lese = True  # the host page is the participant's, already permission-checked
        handling = reverse("dokumenter:lag", args=[objekt.pk, type])
    else:
        definisjon = OBJEKTDOKUMENTER[type]
        nokkel = f"{definisjon.nokkel}:{objekt.pk}"
        if definisjon.deltaker_felt is None:
            kan_lage = can_manage_org(user, objekt.organisasjon_id)
        else:
            kan_lage = can_edit_deltaker(user, definisjon.deltaker_for(objekt))
        kan_lese = True  # the host page is the record's, already checked by the lookup the download asks too
        handling = reverse("dokumenter:lag_objekt", args=[type, objekt.pk])
    versjoner = list(dokumenter_for_objekt(nokkel=nokkel).filter(type=type)) if kan_lese else []
    return {
        "tittel": definisjon.tittel,
        "kan_lage": kan_lage,
        "kan_lese": kan_lese,
        "handling": handling,
        "versjoner": versjoner,
        "csrf_token": context.get("csrf_token"),
    }
