"""A track's pages: its competence goals and monthly topics (read by the case-file roles, changed by
the organisation's coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fagbrev import permissions
from fagbrev import services as kjerne
from fagbrev.forms import KullForm
from fagbrev.models import Fagretning, Kull
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
        raise PermissionDenied("Bare koordinatoren kan endre kull, kompetansemål og månedstema.")
    return fagretning


def _fagretning_side(request, fagretning, *, mal_form=None, tema_form=None, kull_form=None):
    mal = list(selectors.kompetansemal_for(fagretning=fagretning))
    kan_endre = permissions.can_manage_org(request.user, fagretning.organisasjon_id)
    kull = list(
        Kull.objects.filter(fagretning=fagretning).annotate(antall=Count("deltakere")).order_by("-oppstart", "pk")
    )
    context = {
        "fagretning": fagretning,
        "kull": [(k, KullForm(instance=k, prefix=f"k{k.pk}") if kan_endre else None) for k in kull],
        "kull_form": kull_form or KullForm(),
        "idag": timezone.localdate(),
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
    rad_post(
        request,
        mal,
        KompetansemalForm,
        lambda mal, **endret: services.kompetansemal_endre(kompetansemal=mal, **endret),
        prefiks="m",
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


# --- cohorts (issue #20: made, changed and closed here, not in Django admin) ----------------------


def _kull_lagre(fagretning: Fagretning, kull: Kull | None, data: dict, utfort_av) -> Kull:
    """The service, with the track's unique cohort name checked first (the form has no track field)."""
    if (
        data.get("navn")
        and Kull.objects.filter(fagretning=fagretning, navn__iexact=data["navn"])
        .exclude(pk=kull.pk if kull else None)
        .exists()
    ):
        raise ValidationError({"navn": f"{fagretning.kortnavn} har allerede et kull som heter «{data['navn']}»."})
    if kull is None:
        return kjerne.kull_opprett(fagretning=fagretning, utfort_av=utfort_av, **data)
    return kjerne.kull_endre(kull=kull, utfort_av=utfort_av, **data)


@login_required
@require_POST
def kull_ny(request: HttpRequest, pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    form = KullForm(request.POST)
    return skjema_post(
        request,
        form,
        lambda data: _kull_lagre(fagretning, None, data, request.user),
        melding=lambda k: f"Kullet {k} er opprettet.",
        videre=lambda k: redirect(f"{reverse('lop:fagretning', args=[fagretning.pk])}#k{k.pk}"),
    ) or _fagretning_side(request, fagretning, kull_form=form)


@login_required
@require_POST
def kull_endre(request: HttpRequest, pk: int, kull_pk: int) -> HttpResponse:
    """Save a cohort's form, or close it today / open it again (the button's `handling`)."""
    fagretning = _fagretning(request, pk)
    kull = get_object_or_404(Kull, pk=kull_pk, fagretning=fagretning)
    handling = request.POST.get("handling")
    if handling in ("lukk", "apne"):
        lukket = timezone.localdate() if handling == "lukk" else None
        kjerne.kull_endre(kull=kull, utfort_av=request.user, lukket=lukket)
        messages.success(
            request, f"Kullet {kull} er lukket for nye deltakere." if lukket else f"Kullet {kull} er åpnet igjen."
        )
    else:
        rad_post(
            request,
            kull,
            KullForm,
            lambda rad, utfort_av, **endret: _kull_lagre(fagretning, rad, endret, utfort_av),
            prefiks="k",
            melding=lambda _: f"Kullet {kull} er lagret.",
            hva="Kullet",
        )
    return redirect(f"{reverse('lop:fagretning', args=[fagretning.pk])}#k{kull.pk}")
