"""The steering group's economy and its record of new tracks. Coordinators enter; the steering group reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev.skjema import skjema_svar, skjema_view

from . import selectors, services
from .forms import KostnadForm, SporplanForm, SporstegForm
from .permissions import can_enter, get_kostnad_for_user, get_sporplan_for_user, org_for_ny, organisasjoner_for
from .steg import STEG


def _okonomi_url(semester: str, org_id: int | None = None) -> str:
    return f"{reverse('styring:okonomi')}?semester={semester}" + (f"&org={org_id}" if org_id else "")


# --- economy ----------------------------------------------------------------------------------------


@login_required
@require_GET
def okonomi(request: HttpRequest) -> HttpResponse:
    org, tillatte = organisasjoner_for(request.user, request.GET.get("org", ""))
    valg = selectors.semestervalg(timezone.localdate())
    semester = request.GET.get("semester", "")
    if semester not in dict(valg):
        semester = selectors.semesterkode(timezone.localdate())
    return render(
        request,
        "styring/okonomi.html",
        {
            "org": org,
            "organisasjoner": tillatte,
            "semester": semester,
            "semesternavn": selectors.semesternavn(semester),
            "semestervalg": valg,
            "kan_registrere": can_enter(request.user, org.pk),
            **selectors.okonomi_side(org_id=org.pk, semester=semester),
        },
    )


def _kostnad_felter(data: dict) -> dict:
    return {f: data[f] for f in services.KOSTNAD_FELTER}


@login_required
@require_http_methods(["GET", "POST"])
def kostnad_ny(request: HttpRequest) -> HttpResponse:
    org = org_for_ny(request.user, request.GET.get("org", ""))
    idag = timezone.localdate()
    semester = request.GET.get("semester", "") or selectors.semesterkode(idag)
    form = KostnadForm(
        request.POST or None,
        organisasjon=org,
        semestre=selectors.semestervalg(idag),
        initial={"semester": semester},
    )
    return skjema_svar(
        request,
        form,
        lambda data: services.kostnad_registrer(organisasjon=org, utfort_av=request.user, **_kostnad_felter(data)),
        melding=lambda k: f"{k.get_art_display()} for {k.fagretning} er registrert.",
        videre=lambda k: redirect(_okonomi_url(k.semester)),
        tittel="Registrer kostnad",
        tilbake=_okonomi_url(semester),
        forklaring="Én post per fagretning, semester, hva og hvem som betaler. Beløp i hele kroner.",
        knapp="Registrer",
    )


kostnad_endre = skjema_view(
    get_kostnad_for_user,
    lambda kostnad, data: KostnadForm(
        data,
        instance=kostnad,
        organisasjon=kostnad.organisasjon,
        semestre=selectors.semestervalg(timezone.localdate(), bakover=12),
    ),
    lambda kostnad, utfort_av, **data: services.kostnad_endre(
        kostnad=kostnad, utfort_av=utfort_av, **_kostnad_felter(data)
    ),
    videre=lambda k: redirect(_okonomi_url(k.semester)),
    tittel="Endre kostnad",
    tilbake=lambda kostnad: _okonomi_url(kostnad.semester),
)


@login_required
@require_POST
def kostnad_slett(request: HttpRequest, pk: int) -> HttpResponse:
    kostnad = get_kostnad_for_user(request.user, pk, write=True)
    semester = kostnad.semester
    services.kostnad_slett(kostnad=kostnad, utfort_av=request.user)
    messages.success(request, "Kostnaden er slettet.")
    return redirect(_okonomi_url(semester))


# --- new tracks, step by step ------------------------------------------------------------------------


@login_required
@require_GET
def sporplaner(request: HttpRequest) -> HttpResponse:
    org, tillatte = organisasjoner_for(request.user, request.GET.get("org", ""))
    return render(
        request,
        "styring/sporplaner.html",
        {
            "org": org,
            "organisasjoner": tillatte,
            "planer": selectors.sporplaner(org_id=org.pk),
            "steg": STEG,
            "kan_registrere": can_enter(request.user, org.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sporplan_ny(request: HttpRequest) -> HttpResponse:
    org = org_for_ny(request.user, request.GET.get("org", ""))
    form = SporplanForm(request.POST or None, organisasjon=org)
    return skjema_svar(
        request,
        form,
        lambda data: services.sporplan_opprett(organisasjon=org, utfort_av=request.user, **data),
        melding=lambda plan: f"{plan.navn} er opprettet med de sju stegene.",
        videre=lambda plan: redirect("styring:sporplan", pk=plan.pk),
        tittel="Nytt løp",
        tilbake=reverse("styring:sporplaner"),
        forklaring="Et nytt løp bygges steg for steg etter IMDis håndbok (sju steg).",
        knapp="Opprett",
    )


@login_required
@require_GET
def sporplan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_sporplan_for_user(request.user, pk)
    return render(
        request,
        "styring/sporplan.html",
        {
            "plan": plan,
            "steg": list(plan.steg.select_related("endret_av").order_by("nummer")),
            "kan_registrere": can_enter(request.user, plan.organisasjon_id),
        },
    )


sporplan_endre = skjema_view(
    get_sporplan_for_user,
    lambda plan, data: SporplanForm(data, instance=plan, organisasjon=plan.organisasjon),
    lambda plan, **felter: services.sporplan_endre(plan=plan, **felter),
    tittel=lambda plan: f"Endre {plan.navn}",
    tilbake=lambda plan: reverse("styring:sporplan", args=[plan.pk]),
)


@login_required
@require_http_methods(["GET", "POST"])
def sporsteg_endre(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    plan = get_sporplan_for_user(request.user, pk, write=True)
    steg = plan.steg.filter(nummer=nummer).first()
    if steg is None:
        raise Http404("Fant ikke steget.")
    return skjema_svar(
        request,
        SporstegForm(request.POST or None, instance=steg),
        lambda data: services.sporsteg_endre(steg=steg, utfort_av=request.user, **data),
        melding=f"Steg {nummer} er lagret.",
        tittel=f"{plan.navn}: steg {nummer}. {steg.tittel}",
        tilbake=f"{reverse('styring:sporplan', args=[plan.pk])}#steg-{nummer}",
        forklaring=steg.formal,
    )
