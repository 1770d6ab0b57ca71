"""Follow-up pages: the overview, visits (phone-first), assessment meetings, meetings, mentor gatherings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from arbeidsgivere.models import Plassering
from deltakere.permissions import get_deltaker_for_user
from fagbrev import permissions
from fagbrev.skjema import skjema_post

from .forms import BesokEndreForm, BesokForm, FaddersamlingForm, MoteForm, TiltakForm, VurderingssamtaleForm
from .models import FERDIGHETER, Mote
from .permissions import (
    get_besok_for_user,
    get_mote_for_user,
    get_samtale_for_user,
    get_tiltak_for_user,
    koordinator_org,
)
from .selectors import (
    apne_tiltak,
    besoksrytme,
    deltakere_for_oppfolging,
    faddersamlinger_for,
    moter_for,
    moterytme,
    revisjoner_for,
    semesterstatus,
)
from .services import (
    besok_endre,
    besok_registrer,
    faddersamling_registrer,
    mote_registrer,
    plassering_pa,
    tiltak_fullfor,
    tiltak_opprett,
    vurderingssamtale_endre,
    vurderingssamtale_registrer,
)


def _krev_oppfolging(user) -> None:
    if not permissions.can_use_oppfolging(user):
        raise PermissionDenied("Din rolle gir ikke tilgang til oppfølging.")


def _utkast_nokkel(user, skjema: str) -> str:
    """localStorage key of a form's draft: per user and form, so a shared phone keeps drafts apart."""
    return f"lop:utkast:{user.pk}:{skjema}"


@login_required
def oversikt(request: HttpRequest) -> HttpResponse:
    """The follow-up page: visits due and overdue, this semester's assessment meetings, meetings."""
    user = request.user
    _krev_oppfolging(user)
    idag = timezone.localdate()
    deltakere = deltakere_for_oppfolging(user)
    er_koordinator = user.har_rolle(permissions.KOORDINATOR)
    context = {
        "idag": idag,
        "rytme": besoksrytme(deltakere=deltakere, idag=idag),
        "semester": semesterstatus(deltakere=deltakere, idag=idag),
        "tiltak": list(apne_tiltak(user=user, alle_i_org=er_koordinator)[:50]),
        "moter": list(moter_for(user).order_by("-dato", "-pk")[:10]),
        "moterytme": moterytme(user=user, idag=idag),
        "samlinger": list(faddersamlinger_for(user).order_by("-dato", "-pk")[:10]),
        "er_koordinator": er_koordinator,
    }
    return render(request, "oppfolging/oversikt.html", context)


# --- visits ---------------------------------------------------------------------------------------

ENDRET = "Endringen er lagret. Den forrige versjonen er tatt vare på."


SLETT_UTKAST = "oppfolging_slett_utkast"  # session: the draft the record's page tells the browser to drop


def _lagret(request: HttpRequest, utkast: str, side: str, pk: int) -> HttpResponse:
    """After a save: the browser drops the form's draft, and the record's page follows."""
    request.session[SLETT_UTKAST] = _utkast_nokkel(request.user, utkast)
    return redirect(side, pk=pk)


def _utkastskjema(request: HttpRequest, mal: str, form, *, utkast: str, tittel: str, **ekstra) -> HttpResponse:
    """A visit's or an assessment meeting's form; the browser keeps a draft of it under `utkast` until saved."""
    return render(
        request,
        mal,
        {"form": form, "utkast_nokkel": _utkast_nokkel(request.user, utkast), "tittel": tittel, **ekstra},
    )


def _samtaleskjema(request: HttpRequest, form, deltaker, *, utkast: str, **ekstra) -> HttpResponse:
    return _utkastskjema(
        request,
        "oppfolging/samtale_skjema.html",
        form,
        utkast=utkast,
        tittel=f"Vurderingssamtale med {deltaker.navn}",
        deltaker=deltaker,
        ferdighetsfelt=list(FERDIGHETER),
        **ekstra,
    )


def _registrert(request: HttpRequest, mal: str, navn: str, objekt) -> HttpResponse:
    """A visit's or an assessment meeting's page: the record, its earlier versions, and (after a save)
    the draft the browser may now drop."""
    return render(
        request,
        mal,
        {
            navn: objekt,
            "kan_endre": permissions.can_record_oppfolging(request.user, objekt.deltaker),
            "revisjoner": revisjoner_for(objekt),
            "slett_utkast": request.session.pop(SLETT_UTKAST, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def besok_ny(request: HttpRequest) -> HttpResponse:
    """Record a workplace visit: one phone screen, the draft kept in the browser until saved."""
    user = request.user
    _krev_oppfolging(user)
    idag = timezone.localdate()
    if request.method == "POST":
        form = BesokForm(request.POST, user=user)
        if svar := skjema_post(
            request,
            form,
            lambda data: besok_registrer(utfort_av=user, idag=idag, **data),
            melding=lambda besok: f"Besøket hos {form.cleaned_data['deltaker'].navn} er lagret.",
            videre=lambda besok: _lagret(request, f"besok-ny:{besok.deltaker_id}", "oppfolging:besok", besok.pk),
        ):
            return svar
    else:
        initial = {"dato": idag}
        valgt = request.GET.get("deltaker", "")
        if valgt.isdigit():
            form = BesokForm(user=user)
            if not form.fields["deltaker"].queryset.filter(pk=valgt).exists():
                raise Http404("Fant ikke deltakeren.")
            initial["deltaker"] = int(valgt)
        form = BesokForm(initial=initial, user=user)
    # Where each participant is placed now, so the page can show the workplace the visit follows.
    arbeidssteder = {
        str(p.deltaker_id): f"{p.arbeidssted}" + (f" · fadder {p.fadder.navn}" if p.fadder_id else "")
        for p in Plassering.objects.filter(
            deltaker__in=form.fields["deltaker"].queryset.order_by().values("pk"), til__isnull=True
        ).select_related("arbeidssted", "fadder")
    }
    return _utkastskjema(
        request,
        "oppfolging/besok_skjema.html",
        form,
        utkast="besok-ny",
        tittel="Nytt arbeidsplassbesøk",
        arbeidssteder=arbeidssteder,
    )


@login_required
def besok_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    return _registrert(request, "oppfolging/besok_detalj.html", "besok", get_besok_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def besok_endre_view(request: HttpRequest, pk: int) -> HttpResponse:
    besok = get_besok_for_user(request.user, pk, write=True)
    idag = timezone.localdate()
    if request.method == "POST":
        form = BesokEndreForm(request.POST, user=request.user)
        if svar := skjema_post(
            request,
            form,
            lambda data: besok_endre(besok=besok, utfort_av=request.user, idag=idag, **data),
            melding=ENDRET,
            videre=lambda _: _lagret(request, f"besok-{besok.pk}", "oppfolging:besok", besok.pk),
        ):
            return svar
    else:
        form = BesokEndreForm(
            initial={f: getattr(besok, f) for f in BesokEndreForm.base_fields if f not in ("deltaker",)},
            user=request.user,
        )
    return _utkastskjema(
        request,
        "oppfolging/besok_skjema.html",
        form,
        utkast=f"besok-{besok.pk}",
        tittel=f"Endre besøk hos {besok.deltaker.navn}",
        besok=besok,
    )


# --- assessment meetings --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def samtale_ny(request: HttpRequest, deltaker_pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, deltaker_pk)
    if not permissions.can_record_oppfolging(request.user, deltaker):
        raise PermissionDenied("Du kan ikke registrere oppfølging for denne deltakeren.")
    idag = timezone.localdate()
    if request.method == "POST":
        form = VurderingssamtaleForm(request.POST, organisasjon_id=deltaker.organisasjon_id, deltaker_id=deltaker.pk)
        if svar := skjema_post(
            request,
            form,
            lambda _: vurderingssamtale_registrer(
                deltaker=deltaker, utfort_av=request.user, idag=idag, **form.tjenestefelt()
            ),
            melding=f"Vurderingssamtalen for {deltaker.navn} er lagret.",
            videre=lambda samtale: _lagret(request, f"samtale-ny-{deltaker.pk}", "oppfolging:samtale", samtale.pk),
        ):
            return svar
    else:
        plassering = plassering_pa(deltaker=deltaker, dato=idag)
        form = VurderingssamtaleForm(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker_id=deltaker.pk,
            initial={"fadder": plassering.fadder_id if plassering else None},
        )
    return _samtaleskjema(request, form, deltaker, utkast=f"samtale-ny-{deltaker.pk}")


@login_required
def samtale_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    return _registrert(request, "oppfolging/samtale_detalj.html", "samtale", get_samtale_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def samtale_endre(request: HttpRequest, pk: int) -> HttpResponse:
    samtale = get_samtale_for_user(request.user, pk, write=True)
    idag = timezone.localdate()
    if request.method == "POST":
        form = VurderingssamtaleForm(
            request.POST, instance=samtale, organisasjon_id=samtale.organisasjon_id, deltaker_id=samtale.deltaker_id
        )
        if svar := skjema_post(
            request,
            form,
            lambda data: vurderingssamtale_endre(
                samtale=samtale, utfort_av=request.user, idag=idag, versjon=data.get("versjon"), **form.tjenestefelt()
            ),
            melding=ENDRET,
            videre=lambda _: _lagret(request, f"samtale-{pk}", "oppfolging:samtale", pk),
        ):
            return svar
    else:
        form = VurderingssamtaleForm(
            instance=samtale,
            organisasjon_id=samtale.organisasjon_id,
            deltaker_id=samtale.deltaker_id,
            initial={"versjon": samtale.versjon},
        )
    return _samtaleskjema(request, form, samtale.deltaker, utkast=f"samtale-{pk}", samtale=samtale)


# --- meetings, action items, mentor gatherings ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mote_ny(request: HttpRequest) -> HttpResponse:
    org = koordinator_org(request.user)
    if request.method == "POST":
        form = MoteForm(request.POST, organisasjon_id=org)
        if svar := skjema_post(
            request,
            form,
            lambda data: mote_registrer(organisasjon_id=org, utfort_av=request.user, **data),
            melding=lambda mote: f"{mote} er lagret. Legg til tiltak under.",
            videre=lambda mote: redirect("oppfolging:mote", pk=mote.pk),
        ):
            return svar
    else:
        type_ = request.GET.get("type", Mote.Type.PROSJEKTGRUPPE)
        form = MoteForm(organisasjon_id=org, initial={"type": type_, "dato": timezone.localdate()})
    return render(request, "oppfolging/mote_skjema.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mote_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    mote = get_mote_for_user(request.user, pk)
    kan_endre = permissions.can_manage_org(request.user, mote.organisasjon_id)
    tiltak_form = TiltakForm(organisasjon_id=mote.organisasjon_id) if kan_endre else None
    if request.method == "POST":
        mote = get_mote_for_user(request.user, pk, write=True)
        tiltak_form = TiltakForm(request.POST, organisasjon_id=mote.organisasjon_id)
        if svar := skjema_post(
            request,
            tiltak_form,
            lambda data: tiltak_opprett(mote=mote, utfort_av=request.user, **data),
            melding="Tiltaket er lagt til.",
            videre=lambda _: redirect("oppfolging:mote", pk=mote.pk),
        ):
            return svar
    return render(
        request,
        "oppfolging/mote_detalj.html",
        {
            "mote": mote,
            "tilstede": mote.tilstede.order_by("first_name", "last_name"),
            "tiltak": mote.tiltak.select_related("ansvarlig").order_by("frist", "pk"),
            "form": tiltak_form,
            "kan_endre": kan_endre,
            "idag": timezone.localdate(),
        },
    )


@login_required
@require_POST
def tiltak_utfort(request: HttpRequest, pk: int) -> HttpResponse:
    tiltak = get_tiltak_for_user(request.user, pk)
    if tiltak_fullfor(tiltak=tiltak, utfort_av=request.user, idag=timezone.localdate()):
        messages.success(request, f"«{tiltak.beskrivelse}» er markert som utført.")
    else:
        messages.info(request, "Tiltaket var allerede markert som utført.")
    neste = request.POST.get("neste", "")
    if neste in ("oversikt", "oppfolging"):
        return redirect("oversikt" if neste == "oversikt" else "oppfolging:oversikt")
    return redirect("oppfolging:mote", pk=tiltak.mote_id)


@login_required
@require_http_methods(["GET", "POST"])
def faddersamling_ny(request: HttpRequest) -> HttpResponse:
    org = koordinator_org(request.user)
    if request.method == "POST":
        form = FaddersamlingForm(request.POST, organisasjon_id=org)
        svar = skjema_post(
            request,
            form,
            lambda data: faddersamling_registrer(utfort_av=request.user, **data),
            melding="Faddersamlingen er lagret.",
            videre="oppfolging:oversikt",
        )
        if svar:
            return svar
    else:
        form = FaddersamlingForm(organisasjon_id=org, initial={"dato": timezone.localdate()})
    return render(request, "oppfolging/faddersamling_skjema.html", {"form": form})
