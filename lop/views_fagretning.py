"""A track's pages: its competence goals and monthly topics (read by the case-file roles, changed by
the organisation's coordinators)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from fagbrev import permissions
from fagbrev.models import Fagretning
from fagbrev.skjema import rad_post, skjema_post

from . import selectors, services
from .forms import KompetansemalForm, ManedstemaForm
from .models import Kompetansemal, Manedstema


def _fagretning(request: HttpRequest, pk: int) -> Fagretning:
    """Visible to the organisation's case-file roles; changes by its coordinators only."""
    fagretning = get_object_or_404(
        Fagretning.objects.for_roller(
            request.user, permissions.KOORDINATOR, permissions.FAGLARER, permissions.NORSKLARER
        ),
        pk=pk,
    )
    if request.method == "POST" and not permissions.can_manage_org(request.user, fagretning.organisasjon_id):
        raise PermissionDenied("Bare koordinatoren kan endre kompetansemål og månedstema.")
    return fagretning


def _fagretning_side(request, fagretning, *, mal_form=None, tema_form=None):
    mal = list(selectors.kompetansemal_for(fagretning=fagretning))
    kan_endre = permissions.can_manage_org(request.user, fagretning.organisasjon_id)
    context = {
        "fagretning": fagretning,
        "mal": [(m, KompetansemalForm(instance=m, prefix=f"m{m.pk}") if kan_endre else None) for m in mal],
        "manedstema": Manedstema.objects.filter(fagretning=fagretning).select_related("kull").order_by("maned", "pk"),
        "mal_form": mal_form or KompetansemalForm(initial={"rekkefolge": (len(mal) + 1) * 10}),
        "tema_form": tema_form or ManedstemaForm(fagretning=fagretning),
        "kan_endre": kan_endre,
    }
    return render(request, "lop/fagretning.html", context)


@login_required
@require_GET
def fagretning_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    return _fagretning_side(request, _fagretning(request, pk))


@login_required
@require_POST
def kompetansemal_ny(request: HttpRequest, pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    form = KompetansemalForm(request.POST)
    return skjema_post(
        request,
        form,
        lambda data: services.kompetansemal_opprett(fagretning=fagretning, utfort_av=request.user, **data),
        melding="Kompetansemålet er lagt til.",
        videre=lambda _: redirect("lop:fagretning", pk=fagretning.pk),
    ) or _fagretning_side(request, fagretning, mal_form=form)


@login_required
@require_POST
def kompetansemal_endre(request: HttpRequest, pk: int, mal_pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    mal = get_object_or_404(Kompetansemal, pk=mal_pk, fagretning=fagretning)
    form = KompetansemalForm(request.POST, instance=Kompetansemal.objects.get(pk=mal.pk), prefix=f"m{mal.pk}")
    rad_post(
        request,
        form,
        lambda endret: services.kompetansemal_endre(kompetansemal=mal, utfort_av=request.user, **endret),
        melding="Kompetansemålet er lagret.",
        hva="Kompetansemålet",
    )
    return redirect(f"{reverse('lop:fagretning', args=[fagretning.pk])}#m{mal.pk}")


@login_required
@require_POST
def manedstema_ny(request: HttpRequest, pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    form = ManedstemaForm(request.POST, fagretning=fagretning)
    return skjema_post(
        request,
        form,
        lambda data: services.manedstema_opprett(fagretning=fagretning, utfort_av=request.user, **data),
        melding="Månedstemaet er lagt til.",
        videre=lambda _: redirect("lop:fagretning", pk=fagretning.pk),
    ) or _fagretning_side(request, fagretning, tema_form=form)
