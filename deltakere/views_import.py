"""Spreadsheet import: upload, dry run, confirm. The uploaded file waits in MEDIA_ROOT, never in the session."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fagbrev.models import Organisasjon
from fagbrev.permissions import KOORDINATOR
from fagbrev.skjema import knapp_post

from . import eksport as deltaker_eksport
from . import forms, importering

OKT_NOKKEL = "deltakere_import"


def _organisasjon(user) -> Organisasjon:
    orgs = sorted(user.organisasjoner_med(KOORDINATOR))
    if not orgs:
        raise PermissionDenied("Bare fagbrevkoordinatorer kan importere deltakere.")
    return Organisasjon.objects.get(pk=orgs[0])


def _mappe() -> Path:
    mappe = Path(settings.MEDIA_ROOT) / "import"
    mappe.mkdir(parents=True, exist_ok=True)
    return mappe


def _ventende(request) -> tuple[Path, str] | None:
    info = request.session.get(OKT_NOKKEL)
    if not info:
        return None
    sti = _mappe() / info["fil"]
    return (sti, info["navn"]) if sti.exists() and info.get("bruker") == request.user.pk else None


def _rydd(request) -> None:
    ventende = _ventende(request)
    if ventende:
        ventende[0].unlink(missing_ok=True)
    request.session.pop(OKT_NOKKEL, None)


# The two spreadsheet downloads (the import's template, the export): the same file as .xlsx or .csv.
INNHOLDSTYPE = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _krev_format(format: str) -> None:
    if format not in INNHOLDSTYPE:
        raise Http404("Ukjent format.")


def _regneark(innhold: bytes | str, format: str, filnavn: str) -> HttpResponse:
    """The file as an attachment named `filnavn`.`format`."""
    svar = HttpResponse(innhold, content_type=INNHOLDSTYPE[format])
    svar["Content-Disposition"] = f'attachment; filename="{filnavn}.{format}"'
    return svar


@login_required
@require_http_methods(["GET", "POST"])
def importer(request: HttpRequest) -> HttpResponse:
    organisasjon = _organisasjon(request.user)
    form = forms.ImportForm()
    plan = None
    handling = request.POST.get("handling")
    if request.method == "POST" and handling in ("alle", "gyldige"):
        ventende = _ventende(request)
        if ventende is None:
            messages.error(request, "Fant ikke den opplastede filen. Last den opp igjen.")
            return redirect("deltakere:import")
        plan = importering.import_les(
            innhold=ventende[0].read_bytes(), filnavn=ventende[1], organisasjon=organisasjon, idag=timezone.localdate()
        )
        telling = knapp_post(
            request,
            lambda: importering.import_utfor(
                plan=plan, organisasjon=organisasjon, bare_gyldige=handling == "gyldige", utfort_av=request.user
            ),
            melding=lambda t: f"Importert: {t['opprett']} nye, {t['oppdater']} oppdatert, {t['uendret']} uendret.",
        )
        if telling is not None:
            _rydd(request)
            return redirect("deltakere:liste")
    elif request.method == "POST" and handling == "avbryt":
        _rydd(request)
        return redirect("deltakere:import")
    elif request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            fil = form.cleaned_data["fil"]
            navn = fil.name or ""
            if not navn.lower().endswith((".xlsx", ".csv")):
                form.add_error("fil", "Filen må være .xlsx eller .csv.")
            elif fil.size > settings.OPPLASTING_MAKS_BYTES:
                form.add_error("fil", "Filen er for stor.")
            else:
                innhold = fil.read()
                try:
                    plan = importering.import_les(
                        innhold=innhold, filnavn=navn, organisasjon=organisasjon, idag=timezone.localdate()
                    )
                except ValidationError as feil:
                    form.add_error("fil", feil)
                else:
                    _rydd(request)
                    lagret = f"{uuid.uuid4().hex}{Path(navn).suffix.lower()}"
                    (_mappe() / lagret).write_bytes(innhold)
                    request.session[OKT_NOKKEL] = {"fil": lagret, "navn": navn, "bruker": request.user.pk}
    return render(request, "deltakere/import.html", {"form": form, "plan": plan, "organisasjon": organisasjon})


@login_required
@require_GET
def importmal(request: HttpRequest, format: str) -> HttpResponse:
    organisasjon = _organisasjon(request.user)
    _krev_format(format)
    lag = importering.importmal_xlsx if format == "xlsx" else importering.importmal_csv
    return _regneark(lag(organisasjon), format, "deltakere-mal")


@login_required
@require_GET
def eksport(request: HttpRequest, format: str) -> HttpResponse:
    """The organisation's participants in the import's columns: correct them in a spreadsheet and
    import the file again (deltakere/eksport.py). Coordinators only; logged as an export per person."""
    organisasjon = _organisasjon(request.user)
    _krev_format(format)
    rader = deltaker_eksport.eksport_rader(organisasjon=organisasjon)
    lag = deltaker_eksport.som_xlsx if format == "xlsx" else deltaker_eksport.som_csv
    return _regneark(lag(rader), format, f"deltakere-{organisasjon.kortnavn.lower()}")
