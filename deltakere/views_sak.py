"""The forms that change a case: the person's details, the mapping, admission, intake, status, leave,
termination, the outcomes after, documents and lent equipment. Each POST goes through the case's
permission helper and one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev import permissions
from fagbrev.models import Oppslag
from fagbrev.skjema import knapp_post, skjema_post
from fagbrev.tilgang import tilgang_merk

from . import forms, overganger, services, services_opptak, services_rute, services_status, statusgrupper
from .models import Deltaker, Kriterievurdering, Opptakskriterium, Opptaksvedtak, Permisjon, Utfall, Utstyrslan, Vedlegg
from .permissions import get_deltaker_for_user
from .selectors import utfall_status

S = Deltaker.Status


def _sperret(deltaker: Deltaker, til: str) -> dict[str, list[str]]:
    """What stops the case from reaching `til` now, shown above a form before anyone types."""
    grunner = overganger.hindringer(deltaker, til)
    if planlagt := services_status.planlagt_hindring(deltaker=deltaker):
        grunner.append(planlagt)
    return {til: grunner} if grunner else {}


def _side(
    request, deltaker, form, tjeneste, melding: str, tittel: str, knapp: str, *, videre=None, **ekstra
) -> HttpResponse:
    """A case form's page (`skjema_post`): on a valid POST `tjeneste(cleaned_data)`, the message and back to
    the case page (or `videre`); else the form, with what was wrong, on deltakere/skjema.html."""
    return skjema_post(
        request,
        form,
        tjeneste,
        melding=melding,
        videre=videre or (lambda _: redirect("deltakere:detalj", pk=deltaker.pk)),
    ) or render(
        request,
        "deltakere/skjema.html",
        {"form": form, "deltaker": deltaker, "tittel": tittel, "knapp": knapp, **ekstra},
    )


def _saksskjema(skjema, tjeneste, *, melding: str, tittel: str, knapp: str, ekstra=None):
    """The view of a case form (`_side`): the case fetched for writing, `skjema(request, deltaker)` its
    form, `tjeneste(deltaker=…, utfort_av=…, **cleaned_data)` the service, and `ekstra(deltaker)` what
    else the page shows (what stops the change, say)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        deltaker = get_deltaker_for_user(request.user, pk, write=True)
        return _side(
            request,
            deltaker,
            skjema(request, deltaker),
            lambda data: tjeneste(deltaker=deltaker, utfort_av=request.user, **data),
            melding,
            tittel,
            knapp,
            **(ekstra(deltaker) if ekstra else {}),
        )

    return view


@login_required
@require_http_methods(["GET", "POST"])
def deltaker_endre(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    if deltaker.fodselsnummer:  # the form holds the whole number: logged as shown, like «vis»
        tilgang_merk(deltaker_id=deltaker.pk, organisasjon_id=deltaker.organisasjon_id, hva=Oppslag.Hva.FNR_VIST)
    form = forms.DeltakerForm(request.POST or None, instance=deltaker, user=request.user)
    return _side(
        request,
        deltaker,
        form,
        lambda d: services.deltaker_endre(
            deltaker=Deltaker.objects.get(pk=deltaker.pk),
            versjon=d["versjon"],
            utfort_av=request.user,
            **{f: d[f] for f in form.Meta.fields},
        ),
        "Opplysningene er lagret.",
        "Endre opplysninger",
        "Lagre",
    )


@login_required
@require_http_methods(["GET", "POST"])
def kartlegging(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    eksisterende = getattr(deltaker, "kartlegging", None) if hasattr(deltaker, "kartlegging") else None
    kriterier = Opptakskriterium.objects.filter(fagretning_id=deltaker.fagretning_id, aktiv=True)
    vurderinger = (
        {v.kriterium_id: v for v in Kriterievurdering.objects.filter(kartlegging=eksisterende)} if eksisterende else {}
    )
    form = forms.KartleggingForm(
        request.POST or None, instance=eksisterende, deltaker=deltaker, kriterier=kriterier, vurderinger=vurderinger
    )
    return _side(
        request,
        deltaker,
        form,
        lambda d: services_opptak.kartlegging_lagre(
            deltaker=deltaker,
            utfort_av=request.user,
            versjon=d["versjon"],
            vurderinger=form.vurderinger(),
            **form.modellfelter(),
        ),
        "Kartleggingen er lagret.",
        "Intervju og kartlegging",
        "Lagre kartlegging",
    )


def _opptakskjema(request: HttpRequest, deltaker: Deltaker) -> forms.OpptakForm:
    utfall = request.GET.get("til")
    return forms.OpptakForm(
        request.POST or None,
        deltaker=deltaker,
        initial={"utfall": utfall} if utfall in Opptaksvedtak.Utfall.values else None,
    )


opptak = _saksskjema(
    _opptakskjema,
    services_opptak.opptak_vedta,
    melding="Opptaksvedtaket er registrert.",
    tittel="Opptaksvedtak",
    knapp="Registrer vedtak",
    ekstra=lambda deltaker: {"hindringer": _sperret(deltaker, S.TATT_OPP)},
)


@login_required
@require_http_methods(["GET", "POST"])
def inntak(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    eksisterende = getattr(deltaker, "inntakssamtale", None) if hasattr(deltaker, "inntakssamtale") else None
    form = forms.InntakForm(request.POST or None, instance=eksisterende, deltaker=deltaker)
    return _side(
        request,
        deltaker,
        form,
        lambda d: services_opptak.inntakssamtale_lagre(
            deltaker=Deltaker.objects.get(pk=deltaker.pk),  # the form changed the cached checklist
            utfort_av=request.user,
            versjon=d["versjon"],
            **{f: d[f] for f in form.Meta.fields},
        ),
        "Inntakssamtalen er lagret.",
        "Inntakssamtale",
        "Lagre",
    )


status_endre = _saksskjema(  # the generic transition form (those without a form of their own)
    lambda request, deltaker: forms.StatusForm(
        request.POST or None, deltaker=deltaker, initial={"til": request.GET.get("til")}
    ),
    services.deltaker_endre_status,
    melding="Statusen er endret.",
    tittel="Endre status",
    knapp="Endre status",
    ekstra=lambda deltaker: {"hindringer": _hindringer(deltaker)},
)


permisjon = _saksskjema(
    lambda request, deltaker: forms.PermisjonForm(request.POST or None, deltaker=deltaker),
    services.permisjon_registrer,
    melding="Permisjonen er registrert.",
    tittel="Registrer permisjon",
    knapp="Registrer permisjon",
    ekstra=lambda deltaker: {"hindringer": _sperret(deltaker, S.PERMISJON)},
)


def _hindringer(deltaker: Deltaker) -> dict[str, list[str]]:
    """What stops each status change now, and the planned change that waits (shown on the status form)."""
    hindringer = {o["til"]: o["hindringer"] for o in overganger.mulige(deltaker)}
    if planlagt := services_status.planlagt_hindring(deltaker=deltaker):
        hindringer["planlagt"] = [planlagt]
    return hindringer


@login_required
@require_http_methods(["GET", "POST"])
def planlagt_flytt(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the case's planned status change to another day (a day that has come puts it in force)."""
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    endring = services.planlagt_endring(deltaker=deltaker)
    if endring is None:
        messages.info(request, "Saken har ingen planlagt endring.")
        return redirect("deltakere:detalj", pk=deltaker.pk)
    form = forms.FlyttForm(request.POST or None, initial={"dato": endring.dato})
    tittel = f"Flytt «{endring.get_til_status_display()} fra {endring.dato:%d.%m.%Y}»"
    return _side(
        request,
        deltaker,
        form,
        lambda d: services.statusendring_flytt(endring=endring, dato=d["dato"], utfort_av=request.user),
        "Den planlagte endringen er flyttet.",
        tittel,
        "Flytt",
    )


@login_required
@require_POST
def planlagt_trekk(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the case's planned status change (a planned leave goes with it)."""
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    endring = services.planlagt_endring(deltaker=deltaker)
    if endring is None:
        messages.info(request, "Saken har ingen planlagt endring.")
    else:
        knapp_post(
            request,
            lambda: services.statusendring_trekk(endring=endring, utfort_av=request.user),
            melding="Den planlagte endringen er trukket tilbake.",
        )
    return redirect("deltakere:detalj", pk=deltaker.pk)


@login_required
@require_POST
def permisjon_godkjenning(request: HttpRequest, pk: int, permisjon_id: int) -> HttpResponse:
    """The county approved a leave (or the approval is taken back): it lengthens the contract."""
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    permisjon = get_object_or_404(Permisjon, pk=permisjon_id, deltaker=deltaker)
    godkjent = request.POST.get("godkjent") == "1"
    services.permisjon_godkjenn(permisjon=permisjon, godkjent=godkjent, utfort_av=request.user)
    messages.success(request, f"{permisjon}: {'godkjent av fylket' if godkjent else 'ikke godkjent av fylket'}.")
    return redirect(f"{reverse('deltakere:detalj', args=[deltaker.pk])}#h-fravaer")


def _rute_na(deltaker: Deltaker) -> dict[str, str]:
    na = f"Nå: {deltaker.get_rute_display() or 'uten løp'} i {deltaker.fagretning.navn}."
    return {"intro": f"{na} Byttet vises på saken med dato og begrunnelse."}


rute_bytt = _saksskjema(  # «Bytt løp»: the coordinator switches the case's track from a day, with the reason
    lambda request, deltaker: forms.RutebytteForm(request.POST or None, deltaker=deltaker),
    services_rute.rute_bytt,
    melding="Løpet er byttet.",
    tittel="Bytt løp",
    knapp="Bytt løp",
    ekstra=_rute_na,
)


avbrudd = _saksskjema(
    lambda request, deltaker: forms.AvbruddForm(request.POST or None, deltaker=deltaker),
    services.avbrudd_registrer,
    melding="Løpet er avbrutt. Historikken er beholdt.",
    tittel="Avbryt løpet",
    knapp="Avbryt løpet",
    ekstra=lambda deltaker: {
        "apne_lan": list(Utstyrslan.objects.filter(deltaker=deltaker, returnert__isnull=True)),
        "hindringer": _sperret(deltaker, S.AVBRUTT),
    },
)


@login_required
@require_http_methods(["GET", "POST"])
def utfall(request: HttpRequest, pk: int, tidspunkt: str) -> HttpResponse:
    """Register or correct the outcome at completion or six months after (coordinators). The case
    page holds the same form; this page is where a rejected post comes back with its errors."""
    if tidspunkt not in Utfall.Tidspunkt.values:
        raise Http404("Ukjent tidspunkt.")
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    eksisterende = Utfall.objects.filter(deltaker=deltaker, tidspunkt=tidspunkt).first()
    form = forms.UtfallForm(request.POST or None, instance=eksisterende, tidspunkt=tidspunkt)
    hindringer = []
    if deltaker.status not in statusgrupper.LOP_AVSLUTTET:
        hindringer.append("Utfall kan registreres når løpet er fullført eller avbrutt.")
    elif tidspunkt == Utfall.Tidspunkt.SEKS_MANEDER:
        status = utfall_status(deltaker=deltaker)
        if status.avsluttet is None:
            hindringer.append("Fant ikke datoen løpet ble avsluttet, så seks måneder etter kan ikke regnes ut.")
        elif not status.seks_maneder_mulig(timezone.localdate()):
            hindringer.append(f"Utfallet seks måneder etter kan registreres fra {status.frist_seks_maneder:%d.%m.%Y}.")
    return _side(
        request,
        deltaker,
        form,
        lambda data: services.utfall_registrer(deltaker=deltaker, tidspunkt=tidspunkt, utfort_av=request.user, **data),
        f"Utfallet {Utfall.Tidspunkt(tidspunkt).label.lower()} er lagret.",
        f"Utfall {Utfall.Tidspunkt(tidspunkt).label.lower()}",
        "Lagre utfall",
        videre=lambda _: redirect(reverse("deltakere:detalj", args=[deltaker.pk]) + "#utfall"),
        hindringer={tidspunkt: hindringer} if hindringer else {},
    )


dokument_last_opp = _saksskjema(
    lambda request, deltaker: forms.DokumentForm(request.POST or None, request.FILES or None, prefix="dok"),
    services.dokument_last_opp,
    melding="Dokumentet er lastet opp.",
    tittel="Last opp dokument",
    knapp="Last opp",
    ekstra=lambda deltaker: {"filer": True},
)


@login_required
@require_GET
def dokument_hent(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a document only to those who may see the case; never from a public folder."""
    try:
        dokument = Vedlegg.objects.only("deltaker_id").get(pk=pk)
    except Vedlegg.DoesNotExist:
        raise Http404("Fant ikke dokumentet.") from None
    deltaker = get_deltaker_for_user(request.user, dokument.deltaker_id)
    if not permissions.can_see_feltgruppe(request.user, deltaker, "dokumenter"):
        raise PermissionDenied("Din rolle gir ikke tilgang til opplastede dokumenter.")
    dokument = Vedlegg.objects.get(pk=pk)
    svar = FileResponse(
        dokument.fil.open("rb"),
        as_attachment=True,
        filename=dokument.nedlastingsnavn,
        content_type=dokument.innholdstype,
    )
    svar["X-Content-Type-Options"] = "nosniff"
    svar["Cache-Control"] = "private, no-store"
    return svar


utstyr_lan_ut = _saksskjema(
    lambda request, deltaker: forms.UtstyrForm(request.POST or None, prefix="utstyr"),
    services.utstyr_lan_ut,
    melding="Utlånet er registrert.",
    tittel="Lån ut utstyr",
    knapp="Registrer utlån",
)


@login_required
@require_POST
def utstyr_returner(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lan = Utstyrslan.objects.get(pk=pk)
    except Utstyrslan.DoesNotExist:
        raise Http404("Fant ikke utlånet.") from None
    deltaker = get_deltaker_for_user(request.user, lan.deltaker_id, write=True)
    knapp_post(
        request,
        lambda: services.utstyr_returner(lan=lan, returnert=timezone.localdate(), utfort_av=request.user),
        melding=f"{lan.hva} er registrert som returnert.",
    )
    return redirect(reverse("deltakere:detalj", args=[deltaker.pk]) + "#utstyr")
