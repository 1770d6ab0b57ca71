"""Participant pages: the list, the referral, the case file and the forms that change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev import permissions
from fagbrev.identifikatorer import ser_ut_som_fodselsnummer
from fagbrev.models import Fagretning, Kull, Medlemskap, Oppslag, Rolle, User
from fagbrev.paginering import BegrensetPaginator
from fagbrev.seksjoner import saksside_seksjoner
from fagbrev.tilgang import tilgang_merk

from . import forms, overganger, services
from .models import Deltaker, Dokument, Kriterievurdering, Opptakskriterium, Opptaksvedtak, Utfall, Utstyrslan
from .permissions import get_deltaker_for_user
from .selectors import SORTERINGER, deltaker_finn_pa_fodselsnummer, deltakere_for_liste, saksmappe, utfall_status

S = Deltaker.Status


def _tall(verdi: str | None) -> str:
    return verdi if verdi and verdi.isdigit() else ""


def _legg_feil_pa_skjema(form, feil: ValidationError) -> None:
    """Put a service's ValidationError on the form: at the field when the form has it, else on top."""
    if hasattr(feil, "error_dict"):
        for felt, liste in feil.error_dict.items():
            form.add_error(felt if felt in form.fields else None, liste)
    else:
        form.add_error(None, feil)


LISTE_TAK = 10_000  # the list counts exactly up to this many rows, then says «over 10 000»
VALG_MAKS = 200  # past this many options a select is no help (and grows the page): a name field instead


def _valg(qs, *felter: str, etikett) -> list[tuple[str, str]] | None:
    """(value, label) for a filter's select, or None when there are more than VALG_MAKS options.

    Reads at most VALG_MAKS + 1 rows, as tuples: only the labels are needed, not model instances.
    """
    rader = list(qs.values_list("pk", *felter)[: VALG_MAKS + 1])
    return None if len(rader) > VALG_MAKS else [(str(pk), etikett(*rest)) for pk, *rest in rader]


def _brukernavn(fornavn: str, etternavn: str, brukernavn: str) -> str:
    """As User.__str__: the full name, or the username when there is none."""
    return f"{fornavn} {etternavn}".strip() or brukernavn


@login_required
@require_GET
def deltaker_liste(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_case_files(request.user):
        raise PermissionDenied("Din rolle gir ikke tilgang til deltakersaker.")
    user = request.user
    q = request.GET.get("q", "").strip()[:100]
    if ser_ut_som_fodselsnummer(q):  # without JavaScript: search nothing, say where to search
        messages.info(request, "Søk på fødselsnummer i feltet «Finn sak på fødselsnummer».")
        q = ""
    filtre = {
        "status": request.GET.get("status", "") if request.GET.get("status") in S.values else "",
        "fagretning_id": _tall(request.GET.get("fagretning")),
        "kull_id": _tall(request.GET.get("kull")),
        "faglarer_id": _tall(request.GET.get("faglarer")),
        "arbeidssted_id": _tall(request.GET.get("arbeidssted")),
        "faglarer_navn": request.GET.get("faglarer_navn", "").strip()[:100],
        "arbeidssted_navn": request.GET.get("arbeidssted_navn", "").strip()[:100],
    }
    sortering = request.GET.get("sort", "navn")
    if sortering not in SORTERINGER:
        sortering = "navn"
    qs = deltakere_for_liste(user=user, q=q, filtre=filtre, sortering=sortering)
    side = BegrensetPaginator(qs, 50, tak=LISTE_TAK).get_page(request.GET.get("side"))
    orgs = user.organisasjoner_med()
    er_koordinator = user.har_rolle(permissions.KOORDINATOR)
    from arbeidsgivere.models import Arbeidssted

    # a semi-join, not a join + DISTINCT: PostgreSQL can stop at the first 201 teachers by name
    faglarere = User.objects.filter(
        pk__in=Medlemskap.objects.filter(organisasjon_id__in=orgs, rolle=Rolle.FAGLARER).values("bruker_id")
    ).order_by("first_name", "last_name", "pk")
    arbeidssteder = Arbeidssted.objects.for_roller(user, permissions.KOORDINATOR).order_by("navn", "pk")
    arbeidssted_valg = _valg(arbeidssteder, "navn", etikett=str) if er_koordinator else []
    context = {
        "side": side,
        # The case links are this prefix + pk: one reverse() for the page instead of one per row.
        "detalj_prefiks": reverse("deltakere:liste"),
        "q": q,
        "filtre": filtre,
        "sortering": sortering,
        "sorteringer": [
            ("navn", "Navn A–Å"),
            ("-navn", "Navn Å–A"),
            ("status", "Status"),
            ("fagretning", "Fagretning"),
            ("kull", "Kull"),
            ("nyeste", "Nyeste henvisning"),
        ],
        "statuser": S.choices,
        "fagretninger": list(Fagretning.objects.visible_to(user).order_by("-aktiv", "navn")),
        "kull": Kull.objects.visible_to(user).select_related("fagretning").order_by("-oppstart"),
        "faglarer_valg": _valg(faglarere, "first_name", "last_name", "username", etikett=_brukernavn),
        "arbeidssted_valg": arbeidssted_valg,
        "vis_arbeidssted": er_koordinator and arbeidssted_valg != [],
        "er_koordinator": er_koordinator,
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
        data = dict(form.cleaned_data)
        cv, referanser = data.pop("cv"), data.pop("referanser")
        fagretning = data.pop("fagretning")
        eksisterende = services.deltaker_finn_duplikat(
            organisasjon_id=fagretning.organisasjon_id, fodselsnummer=data["fodselsnummer"]
        )
        if eksisterende:
            messages.warning(
                request,
                f"{eksisterende.navn} er allerede registrert med dette fødselsnummeret. Du ser den eksisterende "
                "saken; ingen ny sak ble laget.",
            )
            return redirect("deltakere:detalj", pk=eksisterende.pk)
        try:
            with transaction.atomic():
                deltaker = services.deltaker_registrer(fagretning=fagretning, utfort_av=request.user, **data)
                for fil, type_ in ((cv, Dokument.Type.CV), (referanser, Dokument.Type.REFERANSE)):
                    if fil:
                        services.dokument_last_opp(deltaker=deltaker, fil=fil, type=type_, utfort_av=request.user)
        except ValidationError as feil:
            _legg_feil_pa_skjema(form, feil)
        else:
            messages.success(request, f"Henvisningen av {deltaker.navn} er registrert.")
            return redirect("deltakere:detalj", pk=deltaker.pk)
    return render(
        request,
        "deltakere/skjema.html",
        {"form": form, "tittel": "Ny henvisning", "knapp": "Registrer henvisning", "filer": True},
    )


@login_required
@require_GET
def deltaker_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk)  # the helper marks her for the access log
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
    }
    return render(request, "deltakere/detalj.html", context)


def _sperret(deltaker: Deltaker, til: str) -> dict[str, list[str]]:
    """What stops the case from reaching `til` now, shown above a form before anyone types."""
    grunner = overganger.hindringer(deltaker, til)
    return {til: grunner} if grunner else {}


def _skjema(request, deltaker, form, tittel: str, knapp: str, **ekstra) -> HttpResponse:
    return render(
        request,
        "deltakere/skjema.html",
        {"form": form, "deltaker": deltaker, "tittel": tittel, "knapp": knapp, **ekstra},
    )


def _lagre(request, deltaker, form, tjeneste, melding: str) -> HttpResponse | None:
    """Run the service; on success redirect to the case, on a broken rule put it on the form."""
    try:
        tjeneste()
    except ValidationError as feil:
        _legg_feil_pa_skjema(form, feil)
        return None
    messages.success(request, melding)
    return redirect("deltakere:detalj", pk=deltaker.pk)


@login_required
@require_http_methods(["GET", "POST"])
def deltaker_endre(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    if deltaker.fodselsnummer:  # the form holds the whole number: logged as shown, like «vis»
        tilgang_merk(deltaker_id=deltaker.pk, organisasjon_id=deltaker.organisasjon_id, hva=Oppslag.Hva.FNR_VIST)
    form = forms.DeltakerForm(request.POST or None, instance=deltaker, user=request.user)
    if request.method == "POST" and form.is_valid():
        felter = {f: form.cleaned_data[f] for f in form.Meta.fields}
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.deltaker_endre(
                deltaker=Deltaker.objects.get(pk=deltaker.pk),
                versjon=form.cleaned_data["versjon"],
                utfort_av=request.user,
                **felter,
            ),
            "Opplysningene er lagret.",
        )
        if svar:
            return svar
    return _skjema(request, deltaker, form, "Endre opplysninger", "Lagre")


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
    if request.method == "POST" and form.is_valid():
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.kartlegging_lagre(
                deltaker=deltaker,
                utfort_av=request.user,
                versjon=form.cleaned_data["versjon"],
                vurderinger=form.vurderinger(),
                **form.modellfelter(),
            ),
            "Kartleggingen er lagret.",
        )
        if svar:
            return svar
    return _skjema(request, deltaker, form, "Intervju og kartlegging", "Lagre kartlegging")


@login_required
@require_http_methods(["GET", "POST"])
def opptak(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    utfall = request.GET.get("til")
    form = forms.OpptakForm(
        request.POST or None,
        deltaker=deltaker,
        initial={"utfall": utfall} if utfall in Opptaksvedtak.Utfall.values else None,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.opptak_vedta(
                deltaker=deltaker,
                utfall=d["utfall"],
                begrunnelse=d["begrunnelse"],
                dato=d["dato"],
                sammen_med=d["sammen_med"],
                versjon=d["versjon"],
                utfort_av=request.user,
            ),
            "Opptaksvedtaket er registrert.",
        )
        if svar:
            return svar
    return _skjema(
        request, deltaker, form, "Opptaksvedtak", "Registrer vedtak", hindringer=_sperret(deltaker, S.TATT_OPP)
    )


@login_required
@require_http_methods(["GET", "POST"])
def inntak(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    eksisterende = getattr(deltaker, "inntakssamtale", None) if hasattr(deltaker, "inntakssamtale") else None
    form = forms.InntakForm(request.POST or None, instance=eksisterende, deltaker=deltaker)
    if request.method == "POST" and form.is_valid():
        felter = {f: form.cleaned_data[f] for f in form.Meta.fields}
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.inntakssamtale_lagre(
                deltaker=Deltaker.objects.get(pk=deltaker.pk),  # the form changed the cached checklist
                utfort_av=request.user,
                versjon=form.cleaned_data["versjon"],
                **felter,
            ),
            "Inntakssamtalen er lagret.",
        )
        if svar:
            return svar
    return _skjema(request, deltaker, form, "Inntakssamtale", "Lagre")


@login_required
@require_http_methods(["GET", "POST"])
def status_endre(request: HttpRequest, pk: int) -> HttpResponse:
    """The generic transition form (those without a form of their own)."""
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    data = request.POST or None
    form = forms.StatusForm(data, deltaker=deltaker, initial={"til": request.GET.get("til")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.deltaker_endre_status(
                deltaker=deltaker,
                til=d["til"],
                begrunnelse=d["begrunnelse"],
                dato=d["dato"],
                versjon=d["versjon"],
                utfort_av=request.user,
            ),
            "Statusen er endret.",
        )
        if svar:
            return svar
    hindringer = {o["til"]: o["hindringer"] for o in overganger.mulige(deltaker)}
    return _skjema(request, deltaker, form, "Endre status", "Endre status", hindringer=hindringer)


@login_required
@require_http_methods(["GET", "POST"])
def permisjon(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    form = forms.PermisjonForm(request.POST or None, deltaker=deltaker)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.permisjon_registrer(
                deltaker=deltaker,
                fra=d["fra"],
                til=d["til"],
                arsak=d["arsak"],
                fylke_informert=d["fylke_informert"],
                versjon=d["versjon"],
                utfort_av=request.user,
            ),
            "Permisjonen er registrert.",
        )
        if svar:
            return svar
    return _skjema(
        request,
        deltaker,
        form,
        "Registrer permisjon",
        "Registrer permisjon",
        hindringer=_sperret(deltaker, S.PERMISJON),
    )


@login_required
@require_http_methods(["GET", "POST"])
def avbrudd(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    form = forms.AvbruddForm(request.POST or None, deltaker=deltaker)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        felter = {f: d[f] for f in form.Meta.fields}
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.avbrudd_registrer(
                deltaker=deltaker, versjon=d["versjon"], utfort_av=request.user, **felter
            ),
            "Løpet er avbrutt. Historikken er beholdt.",
        )
        if svar:
            return svar
    apne_lan = list(Utstyrslan.objects.filter(deltaker=deltaker, returnert__isnull=True))
    return _skjema(
        request,
        deltaker,
        form,
        "Avbryt løpet",
        "Avbryt løpet",
        apne_lan=apne_lan,
        hindringer=_sperret(deltaker, S.AVBRUTT),
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
    if deltaker.status not in (S.FULLFORT, S.AVBRUTT):
        hindringer.append("Utfall kan registreres når løpet er fullført eller avbrutt.")
    elif tidspunkt == Utfall.Tidspunkt.SEKS_MANEDER:
        status = utfall_status(deltaker=deltaker)
        if status.avsluttet is None:
            hindringer.append("Fant ikke datoen løpet ble avsluttet, så seks måneder etter kan ikke regnes ut.")
        elif not status.seks_maneder_mulig(timezone.localdate()):
            hindringer.append(f"Utfallet seks måneder etter kan registreres fra {status.frist_seks_maneder:%d.%m.%Y}.")
    if request.method == "POST" and form.is_valid():
        try:
            services.utfall_registrer(
                deltaker=deltaker, tidspunkt=tidspunkt, utfort_av=request.user, **form.cleaned_data
            )
        except ValidationError as feil:
            _legg_feil_pa_skjema(form, feil)
        else:
            messages.success(request, f"Utfallet {Utfall.Tidspunkt(tidspunkt).label.lower()} er lagret.")
            return redirect(reverse("deltakere:detalj", args=[deltaker.pk]) + "#utfall")
    return _skjema(
        request,
        deltaker,
        form,
        f"Utfall {Utfall.Tidspunkt(tidspunkt).label.lower()}",
        "Lagre utfall",
        hindringer={tidspunkt: hindringer} if hindringer else {},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dokument_last_opp(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    form = forms.DokumentForm(request.POST or None, request.FILES or None, prefix="dok")
    if request.method == "POST" and form.is_valid():
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.dokument_last_opp(
                deltaker=deltaker, fil=form.cleaned_data["fil"], type=form.cleaned_data["type"], utfort_av=request.user
            ),
            "Dokumentet er lastet opp.",
        )
        if svar:
            return svar
    return _skjema(request, deltaker, form, "Last opp dokument", "Last opp", filer=True)


@login_required
@require_GET
def dokument_hent(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a document only to those who may see the case; never from a public folder."""
    try:
        dokument = Dokument.objects.only("deltaker_id").get(pk=pk)
    except Dokument.DoesNotExist:
        raise Http404("Fant ikke dokumentet.") from None
    deltaker = get_deltaker_for_user(request.user, dokument.deltaker_id)
    if not permissions.can_see_feltgruppe(request.user, deltaker, "dokumenter"):
        raise PermissionDenied("Din rolle gir ikke tilgang til opplastede dokumenter.")
    dokument = Dokument.objects.get(pk=pk)
    svar = FileResponse(
        dokument.fil.open("rb"),
        as_attachment=True,
        filename=dokument.originalt_navn,
        content_type=dokument.innholdstype,
    )
    svar["X-Content-Type-Options"] = "nosniff"
    svar["Cache-Control"] = "private, no-store"
    return svar


@login_required
@require_http_methods(["GET", "POST"])
def utstyr_lan_ut(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = get_deltaker_for_user(request.user, pk, write=True)
    form = forms.UtstyrForm(request.POST or None, prefix="utstyr")
    if request.method == "POST" and form.is_valid():
        svar = _lagre(
            request,
            deltaker,
            form,
            lambda: services.utstyr_lan_ut(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data),
            "Utlånet er registrert.",
        )
        if svar:
            return svar
    return _skjema(request, deltaker, form, "Lån ut utstyr", "Registrer utlån")


@login_required
@require_POST
def utstyr_returner(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lan = Utstyrslan.objects.get(pk=pk)
    except Utstyrslan.DoesNotExist:
        raise Http404("Fant ikke utlånet.") from None
    deltaker = get_deltaker_for_user(request.user, lan.deltaker_id, write=True)
    try:
        services.utstyr_returner(lan=lan, returnert=timezone.localdate(), utfort_av=request.user)
    except ValidationError as feil:
        messages.error(request, " ".join(feil.messages))
    else:
        messages.success(request, f"{lan.hva} er registrert som returnert.")
    return redirect(reverse("deltakere:detalj", args=[deltaker.pk]) + "#utstyr")


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
        services.opptakskriterium_sett_aktiv(
            kriterium=kriterium, aktiv=request.POST.get("aktiv") == "1", utfort_av=request.user
        )
        messages.success(request, "Kriteriet er oppdatert.")
        return redirect("deltakere:kriterier", fagretning_id=fagretning.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.opptakskriterium_opprett(fagretning=fagretning, utfort_av=request.user, **form.cleaned_data)
        except ValidationError as feil:
            _legg_feil_pa_skjema(form, feil)
        else:
            messages.success(request, "Kriteriet er lagt til.")
            return redirect("deltakere:kriterier", fagretning_id=fagretning.pk)
    context = {
        "fagretning": fagretning,
        "kriterier": Opptakskriterium.objects.filter(fagretning=fagretning).order_by("-aktiv", "rekkefolge", "pk"),
        "fagretninger": Fagretning.objects.for_roller(request.user, permissions.KOORDINATOR).order_by("-aktiv", "navn"),
        "form": form,
    }
    return render(request, "deltakere/kriterier.html", context)
