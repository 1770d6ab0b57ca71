"""The workplace reference at the end of a case: the coordinator orders and fills it from the placement
(`services_attest`), and makes its PDF on the reference's page like every versioned document."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fagbrev import permissions
from fagbrev.skjema import skjema_svar

from . import services_attest
from .forms import AttestForm
from .models import Arbeidsattest, Kontaktperson
from .permissions import get_attest_for_user, get_plassering_for_user


@login_required
@require_http_methods(["GET", "POST"])
def attest_bestill(request: HttpRequest, pk: int) -> HttpResponse:
    """Order the reference for a placement (pk: the placement), or edit the one ordered."""
    plassering = get_plassering_for_user(request.user, pk, write=True)
    attest = Arbeidsattest.objects.filter(plassering=plassering).first()
    initial = {}
    if attest is None:
        ledere = list(Kontaktperson.objects.filter(arbeidssted=plassering.arbeidssted, rolle="leder", aktiv=True)[:2])
        initial = {"leder": ledere[0].pk} if len(ledere) == 1 else {}
    form = AttestForm(request.POST or None, instance=attest, initial=initial, plassering=plassering)
    tilbake = reverse("arbeidsgivere:attest", args=[attest.pk]) if attest else f"/deltakere/{plassering.deltaker_id}/"
    mulig = services_attest.attest_mulig(plassering)
    forklaring = (
        f"{plassering.deltaker.navn} ved {plassering.arbeidssted.navn}, {plassering.arbeidssted.arbeidsgiver.navn}."
    )
    if not mulig:
        forklaring += " Arbeidsattesten bestilles når saken eller plasseringen er avsluttet."
    return skjema_svar(
        request,
        form,
        lambda data: services_attest.attest_lagre(plassering=plassering, utfort_av=request.user, **data),
        melding="Arbeidsattesten er lagret. Lag PDF-en og send den til lederen for underskrift.",
        videre=lambda ny: redirect("arbeidsgivere:attest", pk=ny.pk),
        tittel="Endre arbeidsattest" if attest else "Bestill arbeidsattest",
        tilbake=tilbake,
        forklaring=forklaring,
    )


@login_required
@require_GET
def attest_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    attest = get_attest_for_user(request.user, pk)
    kan_endre = permissions.can_edit_deltaker(request.user, attest.plassering.deltaker)
    return render(
        request,
        "arbeidsgivere/attest.html",
        {
            "attest": attest,
            "plassering": attest.plassering,
            "deltaker": attest.plassering.deltaker,
            "kan_endre": kan_endre,
        },
    )
