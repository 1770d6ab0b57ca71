"""Document pages: make a version, download it, attach a signed scan, letterhead, batch jobs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from fagbrev import permissions
from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, OBJEKTDOKUMENTER
from fagbrev.models import Fagretning, Kull, Organisasjon
from fagbrev.skjema import knapp_post, skjema_post
from fagbrev.tilgang import tilgang_merk

from . import services
from .forms import DokumentprofilForm, SkannForm
from .models import Dokumentprofil, Dokumenttype
from .permissions import get_batchjobb_for_user, get_dokument_for_user
from .selectors import batchjobb_deltakere, batchjobber_for_org
from .validering import filtype


def _saksside(deltaker_id: int) -> str:
    return reverse("deltakere:detalj", args=[deltaker_id]) + "#dokumenter"


def _lag(request: HttpRequest, lag) -> None:
    """Make a version and say so, or say what stopped it; the page it was made from follows."""
    knapp_post(
        request, lag, melding=lambda dokument: f"{dokument.get_type_display()}, versjon {dokument.versjon}, er laget."
    )


@login_required
@require_POST
def dokument_lag(request: HttpRequest, pk: int, type: str) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    if type not in DELTAKERDOKUMENTER:
        raise Http404("Ukjent dokumenttype.")
    _lag(request, lambda: services.dokument_lag(type=type, deltaker=deltaker, utfort_av=request.user))
    return redirect(_saksside(deltaker.pk))


@login_required
@require_POST
def dokument_lag_objekt(request: HttpRequest, type: str, pk: int) -> HttpResponse:
    """Make a version of a record's document (agreement, assessment meeting, meeting) from its page."""
    definisjon = OBJEKTDOKUMENTER.get(type)
    if definisjon is None:
        raise Http404("Ukjent dokumenttype.")
    objekt = definisjon.hent_for(request.user, pk)  # 404 when the record is not visible
    deltaker = definisjon.deltaker_for(objekt)
    if deltaker is None:
        if not permissions.can_manage_org(request.user, objekt.organisasjon_id):
            raise PermissionDenied("Bare koordinatoren kan lage møtereferat.")
    elif not permissions.can_edit_deltaker(request.user, deltaker):
        raise PermissionDenied("Du kan se saken, men ikke lage dokumenter for den.")
    _lag(request, lambda: services.dokument_lag_for_objekt(type=type, objekt=objekt, utfort_av=request.user))
    return redirect(reverse(definisjon.side, args=[objekt.pk]) + "#dokumenter")


def _fil_svar(fil, filnavn: str) -> FileResponse:
    svar = FileResponse(fil.open("rb"), as_attachment=True, filename=filnavn)
    svar["Cache-Control"] = "private, no-store"
    return svar


@login_required
@require_GET
def dokument_last_ned(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = get_dokument_for_user(request.user, pk)
    return _fil_svar(dokument.fil, services.dokument_filnavn(dokument))


@login_required
@require_GET
def skann_last_ned(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = get_dokument_for_user(request.user, pk)
    if not dokument.signert_skann:
        raise Http404("Ingen signert skann.")
    endelse = dokument.signert_skann.name.rsplit(".", 1)[-1] if "." in dokument.signert_skann.name else "bin"
    navn = services.dokument_filnavn(dokument).removesuffix(".pdf") + f"-signert.{endelse}"
    return _fil_svar(dokument.signert_skann, navn)


@login_required
@require_http_methods(["GET", "POST"])
def skann_legg_ved(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = get_dokument_for_user(request.user, pk, write=True)
    form = SkannForm(request.POST or None, request.FILES or None)
    return skjema_post(
        request,
        form,
        lambda data: services.dokument_skann_legg_ved(dokument=dokument, fil=data["fil"], utfort_av=request.user),
        melding="Det signerte skannet er lagt ved.",
        videre=_saksside(dokument.deltaker_id)
        if dokument.deltaker_id
        else reverse("dokumenter:last_ned", kwargs={"pk": pk}),
    ) or render(request, "dokumenter/skann.html", {"dokument": dokument, "form": form})


@login_required
@require_GET
def oversikt(request: HttpRequest) -> HttpResponse:
    """Coordinators: the letterhead and making documents for whole cohorts."""
    org_ider = request.user.organisasjoner_med(permissions.KOORDINATOR)
    if not org_ider:
        raise PermissionDenied("Bare fagbrevkoordinatorer lager dokumenter for hele kull.")
    context = {
        "organisasjoner": Organisasjon.objects.filter(pk__in=org_ider).order_by("navn"),
        "kull": Kull.objects.filter(organisasjon_id__in=org_ider)
        .select_related("fagretning")
        .order_by("-oppstart", "fagretning__navn"),
        "fagretninger": Fagretning.objects.filter(organisasjon_id__in=org_ider).order_by("navn"),
        "jobber": batchjobber_for_org(organisasjon_ider=org_ider)[:20],
    }
    return render(request, "dokumenter/oversikt.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profil(request: HttpRequest, org_pk: int) -> HttpResponse:
    if not permissions.can_manage_org(request.user, org_pk):
        raise Http404("Fant ikke organisasjonen.")
    organisasjon = get_object_or_404(Organisasjon, pk=org_pk)
    instans = Dokumentprofil.objects.filter(organisasjon=organisasjon).first() or Dokumentprofil(
        organisasjon=organisasjon
    )
    form = DokumentprofilForm(request.POST or None, request.FILES or None, instance=instans)
    return skjema_post(
        request,
        form,
        lambda data: services.dokumentprofil_lagre(
            organisasjon=organisasjon,
            utfort_av=request.user,
            logo=data.get("ny_logo"),
            fjern_logo=data.get("fjern_logo", False),
            **{navn: data[navn] for navn in services.PROFIL_FELTER},
        ),
        melding="Brevhodet er lagret.",
        videre=reverse("dokumenter:profil", kwargs={"org_pk": organisasjon.pk}),
    ) or render(request, "dokumenter/profil.html", {"organisasjon": organisasjon, "profil": instans, "form": form})


@login_required
@require_POST
def batch_bestill(request: HttpRequest, kull_pk: int) -> HttpResponse:
    kull = get_object_or_404(Kull.objects.select_related("fagretning"), pk=kull_pk)
    if not permissions.can_manage_org(request.user, kull.organisasjon_id):
        raise Http404("Fant ikke kullet.")
    return _bestill(request, kull=kull, type=Dokumenttype.DELTAKERBEVIS)


@login_required
@require_POST
def batch_bestill_fagretning(request: HttpRequest, fagretning_pk: int) -> HttpResponse:
    """All training plans of a track, as one ZIP."""
    fagretning = get_object_or_404(Fagretning, pk=fagretning_pk)
    if not permissions.can_manage_org(request.user, fagretning.organisasjon_id):
        raise Http404("Fant ikke fagretningen.")
    return _bestill(request, fagretning=fagretning, type=Dokumenttype.OPPLAERINGSPLAN)


def _bestill(request: HttpRequest, **omfang) -> HttpResponse:
    """Order the batch job; what refused it is said on the overview."""
    try:
        jobb = services.batchjobb_bestill(utfort_av=request.user, **omfang)
    except ValidationError as feil:
        messages.error(request, " ".join(feil.messages))
        return redirect("dokumenter:oversikt")
    return _til_jobben(request, jobb)


def _til_jobben(request: HttpRequest, jobb) -> HttpResponse:
    """To the job's page; if the queue was down when the order was handed over, say that it waits."""
    jobb.refresh_from_db(fields=["status", "koet"])
    if jobb.status == jobb.Status.VENTER and jobb.koet is None:
        messages.warning(request, services.KO_NEDE_MELDING)
    return redirect("dokumenter:jobb", pk=jobb.pk)


@login_required
@require_GET
@never_cache
def jobb(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch job's progress; htmx polls the `fremdrift` partial until the job is done."""
    batchjobb = get_batchjobb_for_user(request.user, pk)
    template = "dokumenter/jobb.html#fremdrift" if request.headers.get("HX-Request") else "dokumenter/jobb.html"
    return render(request, template, {"jobb": batchjobb})


@login_required
@require_GET
def jobb_zip(request: HttpRequest, pk: int) -> HttpResponse:
    batchjobb = get_batchjobb_for_user(request.user, pk)
    if not batchjobb.zip_fil:
        raise Http404("ZIP-filen er ikke klar.")
    for deltaker_id in batchjobb_deltakere(jobb=batchjobb):  # every participant whose document is in it
        tilgang_merk(deltaker_id=deltaker_id, organisasjon_id=batchjobb.organisasjon_id)
    omfang = f"kull-{batchjobb.kull_id}" if batchjobb.kull_id else f"fagretning-{batchjobb.fagretning_id}"
    return _fil_svar(batchjobb.zip_fil, f"{batchjobb.type}-{omfang}-jobb-{batchjobb.pk}.zip")


@login_required
@require_GET
def logo(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The uploaded logo, for the letterhead page (uploads are never served publicly)."""
    if not permissions.can_manage_org(request.user, org_pk):
        raise Http404("Fant ikke logoen.")
    profil = Dokumentprofil.objects.filter(organisasjon_id=org_pk).first()
    if not profil or not profil.logo:
        raise Http404("Fant ikke logoen.")
    with profil.logo.open("rb") as f:
        type_ = filtype(f)
    svar = FileResponse(profil.logo.open("rb"), content_type=f"image/{type_ or 'png'}")
    svar["Cache-Control"] = "private, no-store"
    return svar
