"""The steering group's semester dashboard, the annual report and their exports. Reads only.

The exports hold aggregates only (no names, no identifiers), so they write no access-log entry; the
list behind a number is the participant list in deltakere, which logs its own access.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dokumenter.selectors import dato, organisasjon_kontekst
from fagbrev import permissions
from fagbrev.models import Organisasjon
from fagbrev.pdf import render_pdf

from . import eksport, sammendrag
from .selectors import Dashboard, dashboard, samme_tall
from .semester import Aar, Periode, Semester

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request: HttpRequest) -> tuple[Organisasjon, bool, list[Organisasjon]]:
    """The organisation asked for, checked against the user's roles; whether to suppress small numbers."""
    user = request.user
    if not permissions.can_view_reports(user):
        raise PermissionDenied("Rapportene er for fagbrevkoordinatorer og styringsgruppen.")
    tillatte = list(
        Organisasjon.objects.filter(pk__in=user.organisasjoner_med(permissions.KOORDINATOR, permissions.STYRINGSGRUPPE))
    )
    org_id = request.GET.get("org", "")
    if org_id:
        org = next((o for o in tillatte if str(o.pk) == org_id), None)
        if org is None:
            raise Http404("Fant ikke organisasjonen.")
    else:
        org = tillatte[0]
    undertrykk_sma = user.roller.get(org.pk) != permissions.KOORDINATOR
    return org, undertrykk_sma, tillatte


def _semester(request: HttpRequest) -> Semester:
    return Semester.fra_kode(request.GET.get("semester", "")) or Semester.for_dato(timezone.localdate())


def _aar(request: HttpRequest) -> Aar:
    tekst = request.GET.get("ar", "")
    if tekst.isdigit() and 2000 <= int(tekst) <= 2100:
        return Aar(int(tekst))
    return Aar(timezone.localdate().year)


def _data(
    request: HttpRequest, periode_fra, *, side: bool = False
) -> tuple[Organisasjon, Dashboard, list[Organisasjon]]:
    """The protected figures; the page adds the summary's series, the exports only the economy."""
    org, undertrykk_sma, tillatte = _org(request)
    tillegg = sammendrag.tillegg if side else sammendrag.tillegg_eksport
    periode: Periode = periode_fra(request)
    with samme_tall():  # the per-track and per-cohort tables share their grouped queries
        data = dashboard(org_ids={org.pk}, semester=periode, undertrykk_sma=undertrykk_sma, tillegg=tillegg)
    return org, data, tillatte


def _side(request: HttpRequest, *, periode_fra, arsrapport: bool) -> HttpResponse:
    org, data, tillatte = _data(request, periode_fra, side=True)
    idag = timezone.localdate()
    context = {
        "org": org,
        "organisasjoner": tillatte,
        "data": data,
        "sammendrag": sammendrag.sammendrag(data),
        "arsrapport": arsrapport,
        "semestervalg": list(reversed(Semester.for_dato(idag).siste(8))),
        "arvalg": list(range(idag.year, idag.year - 6, -1)),
    }
    return render(request, "rapporter/styringsgruppe.html", context)


def _pdf(request: HttpRequest, *, periode_fra, tittel: str, filnavn: str) -> HttpResponse:
    org, data, _ = _data(request, periode_fra)
    kontekst = {
        "org": organisasjon_kontekst(org),
        "data": data,
        "tittel": f"{tittel} {data.periode.navn}",
        "laget_dato": dato(timezone.localtime()),
        "laget_av": str(request.user),
    }
    svar = HttpResponse(render_pdf("pdf/styringsgruppe.html", kontekst), content_type="application/pdf")
    svar["Content-Disposition"] = f'attachment; filename="{filnavn}-{data.periode.kode}.pdf"'
    return svar


def _excel(request: HttpRequest, *, periode_fra, filnavn: str) -> HttpResponse:
    org, data, _ = _data(request, periode_fra)
    svar = HttpResponse(eksport.som_excel(data=data, org=org), content_type=XLSX)
    svar["Content-Disposition"] = f'attachment; filename="{filnavn}-{data.periode.kode}.xlsx"'
    return svar


def _rapport(periode_fra, *, arsrapport: bool, tittel: str, filnavn: str):
    """A report's three views: its page, its Excel and its PDF, over the period `periode_fra` reads."""

    @login_required
    @require_GET
    def side(request: HttpRequest) -> HttpResponse:
        return _side(request, periode_fra=periode_fra, arsrapport=arsrapport)

    @login_required
    @require_GET
    def excel(request: HttpRequest) -> HttpResponse:
        return _excel(request, periode_fra=periode_fra, filnavn=filnavn)

    @login_required
    @require_GET
    def pdf(request: HttpRequest) -> HttpResponse:
        return _pdf(request, periode_fra=periode_fra, tittel=tittel, filnavn=filnavn)

    return side, excel, pdf


styringsgruppe, styringsgruppe_excel, styringsgruppe_pdf = _rapport(
    _semester, arsrapport=False, tittel="Rapport til styringsgruppen", filnavn="styringsgruppe"
)
arsrapport, arsrapport_excel, arsrapport_pdf = _rapport(
    _aar, arsrapport=True, tittel="Årsrapport", filnavn="arsrapport"
)
