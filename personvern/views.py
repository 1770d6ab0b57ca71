"""Innsyn pages: an overview of what is held about a participant, and the JSON, PDF and ZIP exports.

Every export is logged in the access log (hva="eksport", formål "Innsynskrav") before it is sent.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dokumenter.selectors import dato, organisasjon_kontekst
from fagbrev.models import Oppslag
from fagbrev.pdf import render_pdf
from fagbrev.tilgang import tilgang_logg

from .innsyn import Innsyn, innsyn_json, innsyn_samle
from .permissions import get_deltaker_for_innsyn

FORMAL = "Innsynskrav"


def _logg(request: HttpRequest, innsyn: Innsyn) -> None:
    tilgang_logg(
        user=request.user,
        deltaker_id=innsyn.deltaker.pk,
        organisasjon_id=innsyn.deltaker.organisasjon_id,
        hva=Oppslag.Hva.EKSPORT,
        request=request,
        formal=FORMAL,
    )


def _vedlegg(innhold: bytes, filnavn: str, innholdstype: str) -> HttpResponse:
    svar = HttpResponse(innhold, content_type=innholdstype)
    svar["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    svar["Cache-Control"] = "private, no-store"
    return svar


def _filnavn(innsyn: Innsyn, endelse: str) -> str:
    # The participant's id, never her name or identity number.
    return f"innsyn-deltaker-{innsyn.deltaker.pk}-{timezone.localdate():%Y-%m-%d}.{endelse}"


def innsyn_pdf_bytes(innsyn: Innsyn, laget_av) -> bytes:

    return render_pdf(
        "pdf/innsyn.html",
        {
            "tittel": "Innsyn i personopplysninger",
            "org": organisasjon_kontekst(innsyn.deltaker.organisasjon),
            "laget_dato": dato(timezone.localdate()),
            "laget_av": laget_av.get_full_name() or laget_av.username,
            "deltaker": innsyn.deltaker,
            "seksjoner": [(navn, rader) for navn, rader in innsyn.seksjoner.values()],
            "filer": [navn for navn, _ in innsyn.filer],
        },
    )


@never_cache
@login_required
@require_GET
def innsyn(request: HttpRequest, pk: int) -> HttpResponse:
    """What the exports will contain, counted per kind of record, with the three download buttons."""
    deltaker = get_deltaker_for_innsyn(request.user, pk)
    samlet = innsyn_samle(deltaker=deltaker)
    return render(
        request,
        "personvern/innsyn.html",
        {
            "deltaker": deltaker,
            "oversikt": [(navn, len(rader)) for navn, rader in samlet.seksjoner.values()],
            "antall_filer": len(samlet.filer),
            "antall_rader": samlet.antall_rader,
        },
    )


def _eksport(
    request: HttpRequest, pk: int, lag: Callable[[Innsyn], bytes], endelse: str, innholdstype: str
) -> HttpResponse:
    """One export of everything about her: logged (who, which participant, which format), as a download."""
    samlet = innsyn_samle(deltaker=get_deltaker_for_innsyn(request.user, pk))
    _logg(request, samlet)
    return _vedlegg(lag(samlet), _filnavn(samlet, endelse), innholdstype)


def _zip(samlet: Innsyn, user) -> bytes:
    """JSON, PDF and every stored file about her (uploads and generated documents) in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arkiv:
        arkiv.writestr("innsyn.json", innsyn_json(samlet))
        arkiv.writestr("innsyn.pdf", innsyn_pdf_bytes(samlet, user))
        for navn, fil in samlet.filer:
            try:
                with fil.open("rb") as kilde:
                    arkiv.writestr(navn, kilde.read())
            except FileNotFoundError:
                arkiv.writestr(navn + ".mangler.txt", "Filen er registrert, men finnes ikke i lageret.")
    return buffer.getvalue()


@never_cache
@login_required
@require_GET
def innsyn_json_last_ned(request: HttpRequest, pk: int) -> HttpResponse:
    return _eksport(request, pk, innsyn_json, "json", "application/json; charset=utf-8")


@never_cache
@login_required
@require_GET
def innsyn_pdf_last_ned(request: HttpRequest, pk: int) -> HttpResponse:
    return _eksport(request, pk, lambda samlet: innsyn_pdf_bytes(samlet, request.user), "pdf", "application/pdf")


@never_cache
@login_required
@require_GET
def innsyn_zip_last_ned(request: HttpRequest, pk: int) -> HttpResponse:
    return _eksport(request, pk, lambda samlet: _zip(samlet, request.user), "zip", "application/zip")
