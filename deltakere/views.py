"""Participant pages: the list, the referral, the case file and the forms that change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev import permissions
from fagbrev.identifikatorer import ser_ut_som_fodselsnummer
from fagbrev.models import Fagretning, Kull, Medlemskap, Oppslag, Rolle, User
from fagbrev.paginering import BegrensetPaginator
from fagbrev.seksjoner import oversikt_seksjoner, saksside_med, saksside_seksjoner
from fagbrev.skjema import skjema_post
from fagbrev.tilgang import tilgang_logg

from . import forms, liste, politiattest, services, services_opptak, statusgrupper
from .models import Deltaker, Opptakskriterium
from .permissions import get_deltaker_for_user
from .selectors import SAKSMAPPE_MED, deltaker_finn_pa_fodselsnummer, deltakere_for_liste, saksmappe, telling

S = Deltaker.Status


def _tall(verdi: str | None) -> str:
    return verdi if verdi and verdi.isdigit() else ""


LISTE_TAK = 10_000  # the list counts exactly up to this many rows, then says «over 10 000»


def _brukernavn(fornavn: str, etternavn: str, brukernavn: str) -> str:
    """As User.__str__: the full name, or the username when there is none."""
    return f"{fornavn} {etternavn}".strip() or brukernavn


@login_required
@require_GET
def oversikt(request: HttpRequest) -> HttpResponse:
    """What needs doing now, for the logged-in user's role."""
    user = request.user
    # The sections first: they bring the stored figures current once (fagbrev.seksjoner.FOR_OVERSIKT),
    # before the status counts below read them too.
    seksjoner = oversikt_seksjoner(user=user, idag=timezone.localdate())
    context: dict = {"statuser": Deltaker.Status}
    # One grouped query for the status cards and the track table: a coordinator's rows are read once.
    rapport_orgs = user.organisasjoner_med(permissions.KOORDINATOR, permissions.STYRINGSGRUPPE)
    tall = telling(user=user, hele_org_ids=rapport_orgs)
    if permissions.can_use_case_files(user):
        synlige = tall.per_status
        context["telling"] = [(verdi, etikett, synlige.get(verdi, 0)) for verdi, etikett in Deltaker.Status.choices]
        context["aktive"] = sum(synlige.get(s, 0) for s in statusgrupper.AKTIV)
        context["mine"] = (
            Deltaker.objects.visible_to(user)
            .filter(Q(faglarer=user) | Q(norsklarer=user), status__in=statusgrupper.AKTIV)
            .select_related("fagretning", "kull")
            .order_by("etternavn", "fornavn")[:50]
        )
        context["nye_henvisninger"] = (
            Deltaker.objects.for_roller(user, permissions.KOORDINATOR)
            .filter(status=Deltaker.Status.HENVIST)
            .select_related("fagretning")
            .order_by("-opprettet")[:10]
        )
    if permissions.can_view_reports(user):
        fagretninger = list(
            Fagretning.objects.for_roller(user, permissions.KOORDINATOR, permissions.STYRINGSGRUPPE).order_by(
                "-aktiv", "navn"
            )
        )
        koordinerer = user.organisasjoner_med(permissions.KOORDINATOR)
        for f in fagretninger:
            f.kan_apne = f.organisasjon_id in koordinerer  # the track's page: its cohorts, goals and topics
            per_status = tall.per_fagretning.get(f.pk, {})
            f.aktive = sum(per_status.get(s, 0) for s in statusgrupper.AKTIV)
            f.fullfort = per_status.get(Deltaker.Status.FULLFORT, 0)
        context["fagretninger"] = fagretninger
    context["seksjoner"] = seksjoner
    context["er_koordinator"] = user.har_rolle(permissions.KOORDINATOR)
    context["er_styring_alene"] = user.har_rolle(permissions.STYRINGSGRUPPE) and not permissions.can_use_case_files(
        user
    )
    return render(request, "deltakere/oversikt.html", context)


@login_required
@require_GET
def deltaker_liste(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_case_files(request.user):
        raise PermissionDenied("Din rolle gir ikke tilgang til deltakersaker.")
    user = request.user
    filterform = forms.DeltakerFilterForm(request.GET)
    filtre = filterform.filtre()
    q = filterform.verdier()["q"]
    if ser_ut_som_fodselsnummer(q):  # without JavaScript: search nothing, say where to search
        messages.info(request, "Søk på fødselsnummer i feltet «Finn sak på fødselsnummer».")
        q = ""
    sortering = filterform.verdier()["sort"] or "navn"
    qs = deltakere_for_liste(user=user, q=q, filtre=filtre, sortering=sortering)
    side = BegrensetPaginator(qs, 50, tak=LISTE_TAK).get_page(request.GET.get("side"))
    orgs = user.organisasjoner_med()
    er_koordinator = user.har_rolle(permissions.KOORDINATOR)
    # at most VALG_MAKS + 1 teachers are read (past VALG_MAKS the filter is a name field): the semi-join's
    # own LIMIT stops at that many, so the names sorted are those, not every teacher of a large organisation
    faglarere = User.objects.filter(
        pk__in=Medlemskap.objects.filter(organisasjon_id__in=orgs, rolle=Rolle.FAGLARER)
        .order_by("bruker_id")
        .values("bruker_id")
        .distinct()[: liste.VALG_MAKS + 1]
    ).order_by("first_name", "last_name", "pk")
    fagretninger = list(Fagretning.objects.visible_to(user).order_by("-aktiv", "navn"))
    kull = Kull.objects.visible_to(user).select_related("fagretning").order_by("-oppstart")
    context = {
        "side": side,
        # The case links are this prefix + pk: one reverse() for the page instead of one per row.
        "detalj_prefiks": reverse("deltakere:liste"),
        "q": q,
        "filtre": filtre,
        "sortering": sortering,
        "sorteringer": forms.SORTERING_VALG,
        "statuser": S.choices,
        "fagretninger": fagretninger,
        "fagretning_valg": [(str(f.pk), str(f)) for f in fagretninger],
        "kull_valg": [(str(k.pk), str(k)) for k in kull],
        "faglarer_valg": liste.valg(faglarere, "first_name", "last_name", "username", etikett=_brukernavn),
        "er_koordinator": er_koordinator,
        **liste.kontekst(user),
        "fnr_form": forms.FnrSokForm(),
    }
    return render(request, "deltakere/liste.html", context)


@login_required
@require_POST
def deltaker_finn(request: HttpRequest) -> HttpResponse:
    """Exact identity-number search, coordinators only. POST so the number never lands in a URL."""
    if not request.user.har_rolle(permissions.KOORDINATOR):
        raise PermissionDenied("Bare fagbrevkoordinatorer kan søke på fødselsnummer.")
    form = forms.FnrSokForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["fodselsnummer"][0])
        return redirect("deltakere:liste")
    deltaker = deltaker_finn_pa_fodselsnummer(user=request.user, fodselsnummer=form.cleaned_data["fodselsnummer"])
    if deltaker is None:
        messages.info(request, "Ingen sak har dette fødselsnummeret.")
        return redirect("deltakere:liste")
    return redirect("deltakere:detalj", pk=deltaker.pk)


@login_required
@require_http_methods(["GET", "POST"])
def deltaker_ny(request: HttpRequest) -> HttpResponse:
    """Register a referral. A known identity number leads to the existing case instead."""
    if not request.user.har_rolle(permissions.KOORDINATOR):
        raise PermissionDenied("Bare fagbrevkoordinatorer kan registrere henvisninger.")
    form = forms.HenvisningForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fagretning = form.cleaned_data["fagretning"]
        eksisterende = services.deltaker_finn_duplikat(
            organisasjon_id=fagretning.organisasjon_id, fodselsnummer=form.cleaned_data["fodselsnummer"]
        )
        if eksisterende:
            messages.warning(
                request,
                f"{eksisterende.navn} er allerede registrert med dette fødselsnummeret. Du ser den eksisterende "
                "saken; ingen ny sak ble laget.",
            )
            return redirect("deltakere:detalj", pk=eksisterende.pk)
    return skjema_post(
        request,
        form,
        lambda data: services.henvisning_registrer(utfort_av=request.user, **data),
        melding=lambda deltaker: f"Henvisningen av {deltaker.navn} er registrert.",
        videre=lambda deltaker: redirect("deltakere:detalj", pk=deltaker.pk),
    ) or render(
        request,
        "deltakere/skjema.html",
        {"form": form, "tittel": "Ny henvisning", "knapp": "Registrer henvisning", "filer": True},
    )


@login_required
@require_GET
def deltaker_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    # the helper marks her for the access log; her one-to-one rows (the case file's and those the sections
    # registered) come in the same query
    deltaker = get_deltaker_for_user(request.user, pk, med=SAKSMAPPE_MED + saksside_med())
    kan_endre = permissions.can_edit_deltaker(request.user, deltaker)
    synlig = permissions.feltgrupper_for(request.user, deltaker)  # the policy's list, for her role
    context = {
        "deltaker": deltaker,
        "mappe": saksmappe(deltaker=deltaker, synlig=synlig),
        "kan_endre": kan_endre,
        "kan_se_fnr": permissions.can_see_fodselsnummer(request.user, deltaker),
        "synlig": synlig,
        "idag": timezone.localdate(),
        "dokument_form": forms.DokumentForm(prefix="dok") if kan_endre else None,
        "utstyr_form": forms.UtstyrForm(prefix="utstyr") if kan_endre else None,
        "seksjoner": saksside_seksjoner(deltaker=deltaker, user=request.user, idag=timezone.localdate()),
        "mangler_politiattest": politiattest.star_fast_pa_politiattest(deltaker),
    }
    return render(request, "deltakere/detalj.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opptakskriterier(request: HttpRequest, fagretning_id: int) -> HttpResponse:
    """A track's admission criteria, kept by the coordinators of its organisation."""
    try:
        fagretning = Fagretning.objects.for_roller(request.user, permissions.KOORDINATOR).get(pk=fagretning_id)
    except Fagretning.DoesNotExist:
        raise Http404("Fant ikke fagretningen.") from None
    form = forms.OpptakskriteriumForm(request.POST or None)
    if request.method == "POST" and "kriterium" in request.POST:
        kriterium = Opptakskriterium.objects.filter(
            fagretning=fagretning, pk=_tall(request.POST["kriterium"]) or 0
        ).first()
        if kriterium is None:
            raise Http404("Fant ikke kriteriet.")
        services_opptak.opptakskriterium_sett_aktiv(
            kriterium=kriterium, aktiv=request.POST.get("aktiv") == "1", utfort_av=request.user
        )
        messages.success(request, "Kriteriet er oppdatert.")
        return redirect("deltakere:kriterier", fagretning_id=fagretning.pk)
    svar = skjema_post(
        request,
        form,
        lambda data: services_opptak.opptakskriterium_opprett(fagretning=fagretning, utfort_av=request.user, **data),
        melding="Kriteriet er lagt til.",
        videre=lambda _: redirect("deltakere:kriterier", fagretning_id=fagretning.pk),
    )
    if svar:
        return svar
    context = {
        "fagretning": fagretning,
        "kriterier": Opptakskriterium.objects.filter(fagretning=fagretning).order_by("-aktiv", "rekkefolge", "pk"),
        "fagretninger": Fagretning.objects.for_roller(request.user, permissions.KOORDINATOR).order_by("-aktiv", "navn"),
        "form": form,
    }
    return render(request, "deltakere/kriterier.html", context)


@never_cache
@login_required
@require_POST
def fodselsnummer_vis(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a coordinator the full fødselsnummer, and log that she saw it (POST: it is an act)."""
    deltaker = get_deltaker_for_user(request.user, pk)
    if not permissions.can_see_fodselsnummer(request.user, deltaker):
        raise PermissionDenied("Din rolle gir ikke tilgang til fødselsnummeret.")
    tilgang_logg(
        user=request.user,
        deltaker_id=deltaker.pk,
        organisasjon_id=deltaker.organisasjon_id,
        hva=Oppslag.Hva.FNR_VIST,
        request=request,
        formal=request.POST.get("formal", "").strip(),
    )
    context = {"deltaker": deltaker}
    if request.headers.get("HX-Request"):
        return render(request, "fagbrev/_fodselsnummer.html#vist", context)
    return render(request, "fagbrev/fodselsnummer_vist.html", context)
