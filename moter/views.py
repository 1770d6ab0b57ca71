"""Meeting pages: the list (coming and past), a meeting with its attendees, attendance on a phone, and
the start-up meeting of a placement. Coordinators write; faglærere read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev.models import Fagretning
from fagbrev.skjema import skjema_post, skjema_svar, skjema_view
from fagbrev.tilgang import tilgang_merk_deltaker

from . import selectors, services
from .forms import DeltakelseForm, EksternForm, MoteFilter, MoteForm, OppmoteForm, OppstartsmoteForm
from .models import Mote
from .permissions import (
    can_write,
    get_mote_for_user,
    get_plassering_med_oppstart,
    krev_moter,
    lese_orgs,
    oppstartsmote_for,
    org_for_ny,
)


def _liste(mote: Mote, user) -> selectors.Motedeltakere:
    """Who is on the meeting's list; each participant shown by name is written in the access log."""
    liste = selectors.motedeltakere(mote=mote, user=user)
    for d in liste.deltakelser:
        tilgang_merk_deltaker(d.deltaker)
    return liste


def _til_mote(mote: Mote, anker: str = "") -> HttpResponse:
    return redirect(reverse("moter:detalj", args=[mote.pk]) + anker)


# --- recruitment and information meetings -------------------------------------------------------------


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    user = request.user
    krev_moter(user)
    filter_ = MoteFilter(request.GET).verdier()
    idag = timezone.localdate()
    kommende, tidligere = selectors.moteliste(
        user=user, art=filter_["art"], fagretning_id=filter_["fagretning"], idag=idag
    )
    return render(
        request,
        "moter/liste.html",
        {
            "kommende": kommende,
            "tidligere": tidligere,
            "filter": filter_,
            "arter": Mote.Art.choices,
            "fagretninger": Fagretning.objects.filter(organisasjon_id__in=lese_orgs(user)).order_by("-aktiv", "navn"),
            "kan_registrere": any(can_write(user, o) for o in lese_orgs(user)),
            "grense": selectors.TIDLIGERE_GRENSE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ny(request: HttpRequest) -> HttpResponse:
    user = request.user
    org_id = org_for_ny(user)
    art = request.GET.get("art", "")
    form = MoteForm(
        request.POST or None,
        organisasjon_id=org_id,
        initial={"arrangor": user.pk, "art": art if art in Mote.Art.values else Mote.Art.INFORMASJONSMOTE},
    )
    return skjema_svar(
        request,
        form,
        lambda data: services.mote_opprett(organisasjon_id=org_id, utfort_av=user, **data),
        melding=lambda m: f"{m.get_art_display()} {m.dato:%d.%m.%Y} er registrert. Legg til hvem som er invitert.",
        videre=_til_mote,
        tittel="Nytt møte",
        tilbake=reverse("moter:liste"),
        knapp="Registrer møtet",
    )


@login_required
@require_GET
def detalj(request: HttpRequest, pk: int) -> HttpResponse:
    mote = get_mote_for_user(request.user, pk)
    return render(
        request,
        "moter/detalj.html",
        {
            "mote": mote,
            "liste": _liste(mote, request.user),
            "kan_endre": can_write(request.user, mote.organisasjon_id),
            "er_passert": mote.dato < timezone.localdate(),
        },
    )


endre = skjema_view(
    get_mote_for_user,
    lambda mote, data: MoteForm(data, instance=mote, organisasjon_id=mote.organisasjon_id),
    lambda mote, **felter: services.mote_endre(mote=mote, **felter),
    tittel=lambda mote: f"Endre {str(mote).lower()}",
    tilbake=lambda mote: reverse("moter:detalj", args=[mote.pk]),
)


@login_required
@require_http_methods(["GET", "POST"])
def slett(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete the meeting with its list (POST)."""
    mote = get_mote_for_user(request.user, pk, write=True)
    if request.method == "POST":
        navn = str(mote)
        services.mote_slett(mote=mote, utfort_av=request.user)
        messages.success(request, f"{navn} er slettet.")
        return redirect("moter:liste")
    liste = _liste(mote, request.user)
    return render(request, "moter/slett.html", {"mote": mote, "liste": liste})


@login_required
@require_http_methods(["GET", "POST"])
def oppmote(request: HttpRequest, pk: int) -> HttpResponse:
    """Who came: one tap per person, made for a phone at the door."""
    mote = get_mote_for_user(request.user, pk, write=True)
    liste = _liste(mote, request.user)
    form = OppmoteForm(request.POST or None, deltakelser=liste.deltakelser, eksterne=liste.eksterne)
    if svar := skjema_post(
        request,
        form,
        lambda data: services.oppmote_registrer(
            mote=mote, utfort_av=request.user, deltakelser_mott=data["deltakelser"], eksterne_mott=data["eksterne"]
        ),
        melding=lambda antall: f"Oppmøtet er lagret: {antall} av {len(liste.deltakelser) + len(liste.eksterne)} møtte.",
        videre=lambda _: _til_mote(mote, "#liste"),
    ):
        return svar
    return render(request, "moter/oppmote.html", {"mote": mote, "form": form, "liste": liste})


def _legg_til(skjema, legg_til, *, hva: str, forklaring: str):
    """The view putting someone on a meeting's list: `skjema(mote, data)` makes the form, `legg_til` is the service."""
    return skjema_view(
        get_mote_for_user,
        skjema,
        lambda mote, **felter: legg_til(mote=mote, **felter),
        melding=lambda rad: f"{getattr(rad, 'deltaker', rad).navn} er lagt til.",
        videre=lambda rad: _til_mote(rad.mote, "#liste"),
        tittel=lambda mote: f"Legg til {hva}: {str(mote).lower()}",
        tilbake=lambda mote: reverse("moter:detalj", args=[mote.pk]),
        forklaring=forklaring,
        knapp="Legg til",
    )


deltaker_ny = _legg_til(
    lambda mote, data: DeltakelseForm(data, deltakere=selectors.deltakere_a_legge_til(mote=mote)),
    services.deltaker_legg_til,
    hva="deltaker",
    forklaring="Personer som ennå ikke har en sak, registreres først som henvisning, eller legges til som ekstern.",
)

ekstern_ny = _legg_til(
    lambda mote, data: EksternForm(data),
    services.ekstern_legg_til,
    hva="ekstern",
    forklaring="NAV-veiledere, arbeidsgivere og andre utenfra. Telefon og e-post brukes bare om møtet.",
)


@login_required
@require_POST
def fjern(request: HttpRequest, pk: int, rad: int, liste: str) -> HttpResponse:
    """Take someone off the list (`liste`: "deltakelser" or "eksterne", from the URL)."""
    mote = get_mote_for_user(request.user, pk, write=True)
    raden = getattr(mote, liste).filter(pk=rad).first()
    if raden is None:
        raise Http404("Fant ikke personen på listen.")
    services.fra_listen_fjern(rad=raden, utfort_av=request.user)
    messages.success(request, f"{getattr(raden, 'deltaker', raden).navn} er tatt av listen.")
    return _til_mote(mote, "#liste")


# --- the start-up meeting at the workplace -------------------------------------------------------------


@login_required
@require_GET
def oppstartsmote(request: HttpRequest, pk: int) -> HttpResponse:
    """A placement's start-up meeting (pk: the placement), or that none is recorded yet."""
    plassering = get_plassering_med_oppstart(request.user, pk)
    return render(
        request,
        "moter/oppstartsmote.html",
        {
            "plassering": plassering,
            "deltaker": plassering.deltaker,
            "mote": oppstartsmote_for(plassering),
            "kan_endre": can_write(request.user, plassering.organisasjon_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def oppstartsmote_endre(request: HttpRequest, pk: int) -> HttpResponse:
    plassering = get_plassering_med_oppstart(request.user, pk, write=True)
    mote = oppstartsmote_for(plassering)
    initial = {} if mote else {"koordinator": request.user.pk, "oppstartsdato": plassering.fra}
    form = OppstartsmoteForm(request.POST or None, instance=mote, initial=initial, plassering=plassering)
    deltaker = plassering.deltaker
    return skjema_svar(
        request,
        form,
        lambda data: services.oppstartsmote_registrer(plassering=plassering, utfort_av=request.user, **data),
        melding="Oppstartsmøtet er lagret.",
        videre=lambda _: redirect("moter:oppstartsmote", pk=plassering.pk),
        tittel=f"Oppstartsmøte: {deltaker.navn} på {plassering.arbeidssted.navn}",
        tilbake=reverse("deltakere:detalj", args=[deltaker.pk]),
        forklaring="Deltaker, koordinator og leder avtaler forventninger, roller og oppstartsdato, og signerer "
        "avtalen om deltakelse." + (f" Tolk: {deltaker.tolk_sprak}." if deltaker.tolk_sprak else ""),
    )
