"""Permission-checked lookups of stored documents and batch jobs.

A participant's document is visible when her case is (deltakere.permissions) and the field group it
holds (fagbrev/dokumenttyper.py) is one the reader's role sees (fagbrev.permissions.SYNLIGE_FELTGRUPPER;
403 otherwise); writing (attaching a scan) needs the right to edit the case. A document made for a
record without a participant (minutes) may be read by whoever may open that record's page — asked of
the same lookup the page uses (`Objektdokument.hent`, e.g. oppfolging's `get_mote_for_user`), so the
page and its PDF can never disagree — and written by the organisation's coordinators. Batch jobs
belong to the coordinators. Not visible → 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from deltakere.permissions import get_deltaker_for_user
from fagbrev.dokumenttyper import OBJEKTDOKUMENTER, feltgruppe_for
from fagbrev.permissions import can_manage_org, can_see_feltgruppe, hent_eller_404

from .models import Batchjobb, Dokument


def get_dokument_for_user(user, pk: int, *, write: bool = False) -> Dokument:
    dokument = hent_eller_404(Dokument.objects.select_related("laget_av"), "Fant ikke dokumentet.", pk=pk)
    if dokument.deltaker_id is not None:
        deltaker = get_deltaker_for_user(user, dokument.deltaker_id, write=write)
        if deltaker.organisasjon_id != dokument.organisasjon_id:
            raise Http404("Fant ikke dokumentet.")
        if not can_see_feltgruppe(user, deltaker, feltgruppe_for(dokument.type)):
            raise PermissionDenied("Din rolle gir ikke tilgang til dette dokumentet.")
        dokument.deltaker = deltaker
    else:
        kan_lese = can_manage_org(user, dokument.organisasjon_id) or (not write and _kan_lese_posten(user, dokument))
        if not kan_lese:
            raise Http404("Fant ikke dokumentet.")
    return dokument


def _kan_lese_posten(user, dokument: Dokument) -> bool:
    """Whether the user may open the page of the record the document was made for (its own lookup)."""
    definisjon = OBJEKTDOKUMENTER.get(dokument.type)
    if definisjon is None or not dokument.objekt_nokkel.startswith(f"{definisjon.nokkel}:"):
        return False
    try:
        objekt = definisjon.hent_for(user, int(dokument.objekt_nokkel.split(":", 1)[1]))
    except (Http404, PermissionDenied, ValueError):
        return False
    return objekt.organisasjon_id == dokument.organisasjon_id


def get_batchjobb_for_user(user, pk: int) -> Batchjobb:
    qs = Batchjobb.objects.select_related("kull__fagretning", "fagretning", "bestilt_av")
    jobb = hent_eller_404(qs, "Fant ikke jobben.", pk=pk)
    if not can_manage_org(user, jobb.organisasjon_id):
        raise Http404("Fant ikke jobben.")
    return jobb
