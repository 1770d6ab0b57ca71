"""A participant's stipend pages (4th intro year): decisions with their computed months, and the calculator.

Money: the coordinator only, for reading too. Decisions are stored with their computed months (the
steering group's report sums those); the calculator below them computes any period without saving."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from fagbrev.skjema import skjema_post

from . import selectors, services_stipend
from .forms import StipendAvsluttForm, StipendForm, StipendvedtakForm
from .models import Grunnbelop, Stipendvedtak
from .views import _fane


def _stipend_deltaker(request: HttpRequest, pk: int):

    return get_deltaker_for_user(request.user, pk, write=True)


def _stipend_side(request, deltaker, *, ny_form=None, feil_vedtak: tuple[int, object] | None = None):
    idag = timezone.localdate()
    form = StipendForm(
        request.GET or None, initial={"fra": idag.replace(month=1, day=1), "til": idag.replace(month=12, day=31)}
    )
    beregning = None
    if request.method == "GET" and form.is_bound and form.is_valid():
        try:
            beregning = selectors.stipend_for(deltaker=deltaker, **form.cleaned_data)
        except ValueError as feil:
            form.add_error(None, str(feil))
    vedtak = selectors.stipendvedtak_for(deltaker=deltaker)
    skjema = []
    for v in vedtak:
        endre = StipendvedtakForm(instance=v, prefix=f"v{v.pk}")
        avslutt = StipendAvsluttForm(prefix=f"a{v.pk}", initial={"til": min(max(idag, v.fra), v.til)})
        if feil_vedtak and feil_vedtak[0] == v.pk:
            if isinstance(feil_vedtak[1], StipendvedtakForm):
                endre = feil_vedtak[1]
            else:
                avslutt = feil_vedtak[1]
        skjema.append((v, endre, avslutt))
    feilform = ny_form if ny_form is not None and ny_form.errors else (feil_vedtak[1] if feil_vedtak else None)
    context = {
        "form": form,
        "feilform": feilform,
        "beregning": beregning,
        "vedtak": skjema,
        "ny_form": ny_form or StipendvedtakForm(prefix="ny", initial={"fra": idag.replace(day=1)}),
        "grunnbelop": Grunnbelop.objects.order_by("-gjelder_fra")[:6],
    }
    return _fane(request, deltaker, "stipend", "lop/stipend.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stipend(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's stipend decisions and their months; POST registers a new decision."""
    deltaker = _stipend_deltaker(request, pk)
    if request.method == "GET":
        return _stipend_side(request, deltaker)
    form = StipendvedtakForm(request.POST, prefix="ny")
    return skjema_post(
        request,
        form,
        lambda data: services_stipend.stipendvedtak_registrer(deltaker=deltaker, utfort_av=request.user, **data),
        melding="Stipendvedtaket er registrert, og månedene er beregnet.",
        videre=lambda _: redirect("lop:stipend", pk=deltaker.pk),
    ) or _stipend_side(request, deltaker, ny_form=form)


def _vedtak(deltaker, vedtak_pk: int) -> Stipendvedtak:
    vedtak = get_object_or_404(Stipendvedtak, pk=vedtak_pk, deltaker=deltaker)
    vedtak.deltaker = deltaker
    return vedtak


@login_required
@require_POST
def stipendvedtak_endre(request: HttpRequest, pk: int, vedtak_pk: int) -> HttpResponse:
    deltaker = _stipend_deltaker(request, pk)
    vedtak = _vedtak(deltaker, vedtak_pk)
    form = StipendvedtakForm(request.POST, instance=vedtak, prefix=f"v{vedtak.pk}")
    return skjema_post(
        request,
        form,
        lambda data: services_stipend.stipendvedtak_endre(vedtak=vedtak, utfort_av=request.user, **data),
        melding="Stipendvedtaket er endret, og månedene er beregnet på nytt.",
        videre=lambda _: redirect(f"{reverse('lop:stipend', args=[deltaker.pk])}#vedtak-{vedtak.pk}"),
    ) or _stipend_side(request, deltaker, feil_vedtak=(vedtak.pk, form))


@login_required
@require_POST
def stipendvedtak_avslutt(request: HttpRequest, pk: int, vedtak_pk: int) -> HttpResponse:
    deltaker = _stipend_deltaker(request, pk)
    vedtak = _vedtak(deltaker, vedtak_pk)
    form = StipendAvsluttForm(request.POST, prefix=f"a{vedtak.pk}")
    return skjema_post(
        request,
        form,
        lambda data: services_stipend.stipendvedtak_avslutt(vedtak=vedtak, til=data["til"], utfort_av=request.user),
        melding=lambda avsluttet: f"Stipendet er avsluttet {avsluttet.til:%d.%m.%Y}.",
        videre=lambda _: redirect(f"{reverse('lop:stipend', args=[deltaker.pk])}#vedtak-{vedtak.pk}"),
    ) or _stipend_side(request, deltaker, feil_vedtak=(vedtak.pk, form))
