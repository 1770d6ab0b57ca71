"""The steering group's semester dashboard and its exports. Reads only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fagbrev import permissions
from fagbrev.models import Organisasjon

from . import eksport
from .selectors import dashboard
from .semester import Semester


def _valg(request: HttpRequest) -> tuple[Organisasjon, Semester, bool, list[Organisasjon]]:
    """The organisation and semester asked for, checked against the user's roles."""
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
    semester = Semester.fra_kode(request.GET.get("semester", "")) or Semester.for_dato(timezone.localdate())
    undertrykk_sma = user.roller.get(org.pk) != permissions.KOORDINATOR
    return org, semester, undertrykk_sma, tillatte


@login_required
@require_GET
def styringsgruppe(request: HttpRequest) -> HttpResponse:
    org, semester, undertrykk_sma, tillatte = _valg(request)
    data = dashboard(org_ids={org.pk}, semester=semester, undertrykk_sma=undertrykk_sma)
    idag_semester = Semester.for_dato(timezone.localdate())
    context = {
        "org": org,
        "organisasjoner": tillatte,
        "data": data,
        "semestervalg": list(reversed(idag_semester.siste(8))),
    }
    return render(request, "rapporter/styringsgruppe.html", context)


@login_required
@require_GET
def styringsgruppe_excel(request: HttpRequest) -> HttpResponse:
    org, semester, undertrykk_sma, _ = _valg(request)
    data = dashboard(org_ids={org.pk}, semester=semester, undertrykk_sma=undertrykk_sma)
    innhold = eksport.som_excel(data=data, org=org)
    svar = HttpResponse(innhold, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    svar["Content-Disposition"] = f'attachment; filename="styringsgruppe-{semester.kode}.xlsx"'
    return svar
