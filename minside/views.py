"""The participant's own pages (/min-side/): log in by link, her page, plan marks, logbook,
self-evaluation, her data. Every view starts from her account (`get_konto`): she sees herself only.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fagbrev.models import Oppslag
from fagbrev.sikkerhet import klient_ip
from fagbrev.tilgang import tilgang_logg
from lop.models import Opplaeringsplanpunkt
from medvirkning.selectors import siste_versjon
from medvirkning.services import signer_som_deltaker
from personvern.innsyn import innsyn_json, innsyn_samle
from personvern.views import innsyn_pdf_bytes

from . import bilder, selectors, services
from .forms import MERKER, AvtaleSignerForm, LenkeBestillForm, LoggbokForm, SelvevalueringForm
from .models import Innloggingslenke, sak_lukket
from .permissions import get_egen_avtale, get_eget_innlegg, get_konto, konto_for_user
from .sprak import COOKIE, COOKIE_ALDER, KODER, PREFIKS

BACKEND = "django.contrib.auth.backends.ModelBackend"


def deltaker_pakrevd(view):
    """Her pages: a participant's login, or the login page. Staff get a 404: this is not theirs."""

    @wraps(view)
    def innpakket(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("minside:logg_inn")
        request.konto = get_konto(request)
        if sak_lukket(request.konto.deltaker):
            return _avsluttet(request)
        return view(request, *args, **kwargs)

    return never_cache(innpakket)


# --- getting in -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def logg_inn(request: HttpRequest) -> HttpResponse:
    """The login page: "send me a new link". The answer is the same whether the address is known or not."""
    if konto_for_user(request.user) is not None:
        return redirect("minside:forside")
    form = LenkeBestillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.lenke_bestill(epost=form.cleaned_data["epost"])
        return redirect(reverse("minside:logg_inn") + "?sendt=1")
    return render(request, "minside/logg_inn.html", {"form": form, "sendt": request.GET.get("sendt") == "1"})


@never_cache
@require_http_methods(["GET", "POST"])
def lenke(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. GET shows a button (mail scanners that open links must not spend it);
    POST spends it and logs her in on this phone for 30 days. A spent, expired or unknown link gets
    a plain page with the form for a new one, and no data; the link of a closed case, a plain page
    saying her case is closed."""
    lenken = (
        Innloggingslenke.objects.filter(token_hash=services.token_hash(token)).select_related("konto__deltaker").first()
    )
    if lenken is not None and sak_lukket(lenken.konto.deltaker):
        return _avsluttet(request)
    if request.method == "POST":
        konto = services.lenke_bruk(token=token)
        if konto is None:
            return _lenke_ugyldig(request)
        if request.user.is_authenticated:
            logout(request)
        login(request, konto.user, backend=BACKEND)
        request.session.set_expiry(services.INNLOGGET)
        return redirect("minside:forside")
    if lenken is None or not lenken.er_gyldig(timezone.now()):
        return _lenke_ugyldig(request)
    return render(request, "minside/lenke.html", {})


def _lenke_ugyldig(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and konto_for_user(request.user) is not None:
        logout(request)  # a spent link opened on someone else's phone shows nobody's data
    return render(request, "minside/lenke_ugyldig.html", {"form": LenkeBestillForm()}, status=410)


def _avsluttet(request: HttpRequest) -> HttpResponse:
    """Her case is closed: a plain page in her language, no data, and she is logged out."""
    if request.user.is_authenticated and konto_for_user(request.user) is not None:
        logout(request)
    return render(request, "minside/avsluttet.html", {}, status=403)


@require_POST
def logg_ut(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("minside:logg_inn")


@require_POST
def sprak_velg(request: HttpRequest) -> HttpResponse:
    """Choose her language: remembered in a cookie (and on her account, for the e-mails)."""
    kode = request.POST.get("sprak", "")
    neste = request.POST.get("neste", "")
    if not (neste.startswith(PREFIKS) and url_has_allowed_host_and_scheme(neste, {request.get_host()})):
        neste = reverse("minside:forside")
    svar = redirect(neste)
    if kode in KODER:
        svar.set_cookie(COOKIE, kode, max_age=COOKIE_ALDER, samesite="Lax", secure=request.is_secure(), httponly=True)
        konto = konto_for_user(request.user)
        if konto is not None:
            services.sprak_lagre(konto=konto, kode=kode)
    return svar


# --- her page ---------------------------------------------------------------------------------


def _forside(request: HttpRequest, *, signer: tuple[int, AvtaleSignerForm] | None = None) -> HttpResponse:
    """Her page; `signer` is the signing form she sent with the name refused (kept, error at the field)."""
    konto = request.konto
    side = selectors.forside(konto=konto, na=timezone.now())
    skjemaer = {d.avtale_pk: AvtaleSignerForm(auto_id=f"avtale-{d.avtale_pk}-%s") for d in side.dokumenter}
    if signer is not None:
        skjemaer[signer[0]] = signer[1]
    for d in side.dokumenter:
        d.skjema = skjemaer[d.avtale_pk]
    return render(
        request,
        "minside/forside.html",
        {"konto": konto, "deltaker": konto.deltaker, "side": side, "merker": MERKER},
    )


@deltaker_pakrevd
@require_GET
def forside(request: HttpRequest) -> HttpResponse:
    return _forside(request)


def _signeringsfeil(feil: ValidationError) -> str:
    """The service's refusal in her language (by its code)."""
    koder = {e.code for e in feil.error_list} if not hasattr(feil, "error_dict") else set()
    if "allerede_signert" in koder:
        return _("Du har allerede signert denne avtalen.")
    if "ny_versjon" in koder:
        return _("Avtalen er endret. Les den nye versjonen og signer den.")
    return _("Denne avtalen kan ikke signeres nå.")


@deltaker_pakrevd
@require_GET
def avtale_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest version of her agreement, the exact PDF she signs (its SHA-256 is on her page)."""
    versjon = siste_versjon(get_egen_avtale(request.konto, pk))
    if versjon is None:
        raise Http404("Avtalen har ingen versjon ennå.")
    return FileResponse(
        versjon.fil.open("rb"), content_type="application/pdf", filename=f"avtale-om-deltakelse-v{versjon.versjon}.pdf"
    )


@deltaker_pakrevd
@require_POST
def avtale_signer(request: HttpRequest, pk: int) -> HttpResponse:
    """She signs her agreement as the participant, typing her full name, on its latest version."""
    konto = request.konto
    avtale = get_egen_avtale(konto, pk)
    form = AvtaleSignerForm(request.POST, auto_id=f"avtale-{avtale.pk}-%s")
    if not form.is_valid():
        return _forside(request, signer=(avtale.pk, form))
    try:
        signer_som_deltaker(
            avtale=avtale,
            deltaker=konto.deltaker,
            bruker=request.user,
            navn=form.cleaned_data["navn"],
            ip=klient_ip(request),
        )
    except ValidationError as feil:
        if hasattr(feil, "error_dict") and "navn" in feil.error_dict:
            form.add_error(
                "navn",
                _("Skriv fullt navn slik det står i avtalen: %(navn)s.") % {"navn": konto.deltaker.navn},
            )
            return _forside(request, signer=(avtale.pk, form))
        messages.error(request, _signeringsfeil(feil))
    else:
        messages.success(request, _("Takk! Du har signert avtalen."))
    return redirect("minside:forside")  # no fragment: her message is at the top


@deltaker_pakrevd
@require_POST
def planpunkt_marker(request: HttpRequest, pk: int) -> HttpResponse:
    konto = request.konto
    try:
        punkt = Opplaeringsplanpunkt.objects.get(pk=pk, deltaker_id=konto.deltaker_id)
    except Opplaeringsplanpunkt.DoesNotExist:
        raise Http404 from None
    try:
        services.planpunkt_marker(konto=konto, punkt=punkt, vurdering=request.POST.get("vurdering", ""))
        messages.success(request, _("Merket er lagret."))
    except ValidationError:
        messages.error(request, _("Velg et av merkene."))
    return redirect(reverse("minside:forside") + f"#mal-{punkt.pk}")


# --- logbook ----------------------------------------------------------------------------------


def _plan(konto):
    return Opplaeringsplanpunkt.objects.filter(deltaker_id=konto.deltaker_id).order_by("pk")


def _bildebytes(form) -> bytes | None:
    fil = form.cleaned_data.get("bilde")
    return fil.read() if fil else None


@deltaker_pakrevd
@require_http_methods(["GET", "POST"])
def loggbok(request: HttpRequest) -> HttpResponse:
    konto = request.konto
    form = LoggbokForm(request.POST or None, request.FILES or None, plan=_plan(konto))
    if request.method == "POST" and form.is_valid():
        try:
            services.loggbok_skriv(
                konto=konto,
                tekst=form.cleaned_data["tekst"],
                planpunkter=form.cleaned_data["planpunkter"],
                bilde=_bildebytes(form),
            )
        except ValidationError:
            form.add_error("bilde", _("Bildet kan ikke brukes. Prøv et annet bilde (JPG eller PNG)."))
        else:
            messages.success(request, _("Innlegget er lagret."))
            return redirect("minside:loggbok")
    innlegg = list(selectors.loggbok_for(deltaker=konto.deltaker))
    na = timezone.now()
    for i in innlegg:
        i.kan_endre = i.kan_endres(na)
    return render(request, "minside/loggbok.html", {"konto": konto, "form": form, "innlegg": innlegg})


@deltaker_pakrevd
@require_http_methods(["GET", "POST"])
def loggbok_endre(request: HttpRequest, pk: int) -> HttpResponse:
    konto = request.konto
    innlegg = get_eget_innlegg(konto, pk)
    if not innlegg.kan_endres(timezone.now()):
        messages.info(request, _("Du kan bare endre et innlegg det første døgnet."))
        return redirect("minside:loggbok")
    initial = {"tekst": innlegg.tekst, "planpunkter": list(innlegg.planpunkter.all())}
    form = LoggbokForm(
        request.POST or None,
        request.FILES or None,
        plan=_plan(konto),
        initial=initial,
        kan_fjerne_bilde=bool(innlegg.bilde),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.loggbok_endre(
                konto=konto,
                innlegg=innlegg,
                tekst=form.cleaned_data["tekst"],
                planpunkter=form.cleaned_data["planpunkter"],
                bilde=_bildebytes(form),
                fjern_bilde=form.cleaned_data.get("fjern_bilde", False),
            )
        except ValidationError:
            form.add_error(
                None,
                _("Innlegget kunne ikke lagres. Du kan bare endre det første døgnet, og bildet må være JPG eller PNG."),
            )
        else:
            messages.success(request, _("Innlegget er endret."))
            return redirect("minside:loggbok")
    return render(request, "minside/loggbok_endre.html", {"konto": konto, "form": form, "innlegg": innlegg})


def bilde_svar(innlegg) -> HttpResponse:
    if not innlegg.bilde:
        raise Http404
    try:
        innhold = bilder.bilde_les(innlegg.bilde)
    except FileNotFoundError:
        raise Http404 from None
    svar = HttpResponse(innhold, content_type="image/jpeg")
    svar["Cache-Control"] = "private, no-store"
    svar["X-Content-Type-Options"] = "nosniff"
    return svar


@deltaker_pakrevd
@require_GET
def loggbok_bilde(request: HttpRequest, pk: int) -> HttpResponse:
    return bilde_svar(get_eget_innlegg(request.konto, pk))


@deltaker_pakrevd
@require_POST
def fadder_samtykke(request: HttpRequest) -> HttpResponse:
    ja = request.POST.get("fadder_kan_lese") == "ja"
    services.fadder_samtykke_sett(konto=request.konto, ja=ja)
    messages.success(request, _("Valget ditt er lagret."))
    return redirect("minside:loggbok")


# --- self-evaluation --------------------------------------------------------------------------


@deltaker_pakrevd
@require_http_methods(["GET", "POST"])
def egenvurdering(request: HttpRequest) -> HttpResponse:
    """Her part before the meeting; once the meeting has been held, her answers are shown and stay."""
    konto = request.konto
    semester = selectors.gjeldende_semester(timezone.localdate())
    eksisterende = selectors.selvevaluering_for(deltaker_id=konto.deltaker_id, semester=semester)
    samtale = selectors.samtale_for(deltaker=konto.deltaker, semester=semester)
    laast = selectors.egenvurdering_laast(deltaker_id=konto.deltaker_id, semester=semester)
    initial = {}
    if eksisterende:
        initial = {f: getattr(eksisterende, f) for f in SelvevalueringForm.base_fields}
    form = SelvevalueringForm(request.POST or None, initial=initial)
    if request.method == "POST" and laast:
        messages.info(request, _("Samtalen er holdt. Du kan ikke endre egenvurderingen nå."))
        return redirect("minside:egenvurdering")
    if request.method == "POST" and form.is_valid():
        try:
            services.selvevaluering_lagre(konto=konto, semester=semester, **form.cleaned_data)
        except ValidationError:
            messages.info(request, _("Samtalen er holdt. Du kan ikke endre egenvurderingen nå."))
            return redirect("minside:egenvurdering")
        messages.success(request, _("Takk! Egenvurderingen er lagret. Du kan endre den før samtalen."))
        return redirect("minside:forside")
    return render(
        request,
        "minside/egenvurdering.html",
        {"konto": konto, "form": form, "samtale": samtale, "lagret": eksisterende, "laast": laast},
    )


# --- her data ---------------------------------------------------------------------------------


@deltaker_pakrevd
@require_GET
def mine_data(request: HttpRequest) -> HttpResponse:
    konto = request.konto
    return render(
        request, "minside/mine_data.html", {"konto": konto, "rader": selectors.hvem_har_sett_meg(konto=konto)}
    )


@deltaker_pakrevd
@require_GET
def mine_data_last_ned(request: HttpRequest) -> HttpResponse:
    """The innsyn export (personvern): everything the system holds about her, as a PDF to read or
    (`?format=json`) as data to take elsewhere."""
    konto = request.konto
    innsyn = innsyn_samle(deltaker=konto.deltaker)
    som_json = request.GET.get("format") == "json"
    tilgang_logg(
        user=request.user,
        deltaker_id=konto.deltaker_id,
        organisasjon_id=konto.organisasjon_id,
        hva=Oppslag.Hva.EKSPORT,
        request=request,
        formal="Innsyn: deltakeren selv",
    )
    if som_json:
        svar = HttpResponse(innsyn_json(innsyn), content_type="application/json; charset=utf-8")
    else:
        svar = HttpResponse(innsyn_pdf_bytes(innsyn, request.user), content_type="application/pdf")
    endelse = "json" if som_json else "pdf"
    svar["Content-Disposition"] = f'attachment; filename="mine-data-{timezone.localdate():%Y-%m-%d}.{endelse}"'
    svar["Cache-Control"] = "private, no-store"
    return svar
