"""The pathway pages of a case: learning contract, exams and fagprøve, Norwegian test, training
plan, practice years, stipend; and a track's competence goals and monthly topics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import frister, permissions, selectors, services, services_stipend
from ..forms import (
    EksamenForm,
    FagproveEndreForm,
    FagproveForm,
    KompetansemalForm,
    KontraktStatusForm,
    LaerekontraktForm,
    ManedstemaForm,
    NorskproveForm,
    PermisjonForm,
    PlanpunktForm,
    PraksisperiodeForm,
    SjekkpunktForm,
    StipendAvsluttForm,
    StipendForm,
    StipendvedtakForm,
)
from ..models import (
    Eksamen,
    Fagprove,
    Fagretning,
    Grunnbelop,
    Kompetansemal,
    Manedstema,
    Norskprove,
    Opplaeringsplanpunkt,
    Sjekkpunkt,
    Stipendvedtak,
)

# --- The pathway: learning contract, exams and fagprøve, Norwegian, training plan, practice -------
# Each page is read by whoever may see the participant; each POST checks its own permission
# (koordinator for the case file; norsklærer for Norwegian; faglærer for the training plan).


def _deltaker(request: HttpRequest, pk: int, *, kan=None):
    """The participant through the one permission helper; `kan` is the write predicate for POSTs."""
    from deltakere.permissions import get_deltaker_for_user

    deltaker = get_deltaker_for_user(request.user, pk)
    if request.method == "POST" and not (kan or permissions.can_edit_deltaker)(request.user, deltaker):
        raise PermissionDenied("Du kan se denne deltakeren, men ikke registrere dette.")
    return deltaker


def _valideringsfeil(form, feil: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(feil, "error_dict"):
        for felt, meldinger in feil.message_dict.items():
            form.add_error(felt if felt in form.fields else None, meldinger)
    else:
        for melding in feil.messages:
            form.add_error(None, melding)


def _flagg(user, deltaker) -> dict:
    return {
        "kan_endre": permissions.can_edit_deltaker(user, deltaker),
        "kan_norsk": permissions.can_record_norsk(user, deltaker),
        "kan_plan": permissions.can_record_oppfolging(user, deltaker),
        "kan_se_fravarsgrunner": permissions.can_see_feltgruppe(user, deltaker, "fravarsgrunner"),
    }


# Learning contract ----------------------------------------------------------------------------


def _kontrakt_side(request, deltaker, *, kontrakt_form=None, status_form=None, permisjon_form=None, status=200):
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    beregnet = selectors.beregnet_sluttdato(kontrakt=kontrakt, fagretning=deltaker.fagretning) if kontrakt else None
    context = {
        "deltaker": deltaker,
        "fane": "kontrakt",
        "kontrakt": kontrakt,
        "beregnet": beregnet,
        "mangler": [s for s in kontrakt.sjekkpunkter.all() if s.mangler] if kontrakt else [],
        "sjekkpunkt_skjema": [(s, SjekkpunktForm(instance=s, prefix=f"s{s.pk}")) for s in kontrakt.sjekkpunkter.all()]
        if kontrakt
        else [],
        "kontrakt_form": kontrakt_form
        or LaerekontraktForm(
            instance=kontrakt if kontrakt and kontrakt.er_aktiv else None,
            deltaker=deltaker,
            initial={} if kontrakt else {"rute": (deltaker.fagretning.ruter or [""])[0], "start": timezone.localdate()},
        ),
        "status_form": status_form or KontraktStatusForm(initial={"dato": timezone.localdate()}),
        "permisjon_form": permisjon_form or PermisjonForm(),
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/kontrakt.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def kontrakt(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    if request.method == "GET":
        return _kontrakt_side(request, deltaker)
    eksisterende = selectors.aktiv_kontrakt(deltaker=deltaker)
    eksisterende = eksisterende if eksisterende and eksisterende.er_aktiv else None
    form = LaerekontraktForm(request.POST, instance=eksisterende, deltaker=deltaker)
    if form.is_valid():
        try:
            if eksisterende:
                services.laerekontrakt_endre(
                    kontrakt=eksisterende,
                    utfort_av=request.user,
                    **{f: form.cleaned_data[f] for f in form.changed_data},
                )
                messages.success(request, "Lærekontrakten er lagret.")
            else:
                services.laerekontrakt_opprett(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data)
                messages.success(request, "Lærekontrakten er opprettet som utkast med sjekkliste for søknaden.")
            return redirect("fagbrev:kontrakt", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _kontrakt_side(request, deltaker, kontrakt_form=form)


@login_required
@require_POST
def kontrakt_status(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    if kontrakt is None:
        raise Http404("Ingen lærekontrakt.")
    form = KontraktStatusForm(request.POST)
    if form.is_valid():
        try:
            kontrakt = services.laerekontrakt_sett_status(
                kontrakt=kontrakt, utfort_av=request.user, **form.cleaned_data
            )
            messages.success(request, f"Lærekontrakten har status «{kontrakt.get_status_display()}».")
            return redirect("fagbrev:kontrakt", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _kontrakt_side(request, deltaker, status_form=form)


@login_required
@require_POST
def sjekkpunkt(request: HttpRequest, pk: int, sjekkpunkt_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    punkt = get_object_or_404(
        Sjekkpunkt.objects.select_related("kontrakt"), pk=sjekkpunkt_pk, kontrakt__deltaker=deltaker
    )
    form = SjekkpunktForm(request.POST, instance=Sjekkpunkt.objects.get(pk=punkt.pk), prefix=f"s{punkt.pk}")
    if form.is_valid():
        try:
            services.sjekkpunkt_endre(
                sjekkpunkt=punkt, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.fields}
            )
            messages.success(request, f"{punkt.get_type_display()}: {punkt.get_status_display().lower()}.")
        except ValidationError as feil:
            messages.error(request, " ".join(feil.messages))
    else:
        messages.error(request, f"{punkt.get_type_display()}: sjekk feltene.")
    return redirect(f"{reverse('fagbrev:kontrakt', args=[deltaker.pk])}#sjekkliste")


@login_required
@require_POST
def permisjon(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    if kontrakt is None:
        raise Http404("Ingen lærekontrakt.")
    form = PermisjonForm(request.POST)
    if form.is_valid():
        try:
            services.permisjon_registrer(kontrakt=kontrakt, utfort_av=request.user, **form.cleaned_data)
            messages.success(request, "Permisjonen er registrert.")
            return redirect("fagbrev:kontrakt", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _kontrakt_side(request, deltaker, permisjon_form=form)


# Written exam and fagprøve ------------------------------------------------------------------------


def _eksamen_side(request, deltaker, *, eksamen_form=None, fagprove_form=None):
    idag = timezone.localdate()
    status = selectors.eksamen_status(deltaker=deltaker)
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    org = deltaker.organisasjon
    hindringer = frister.fagprove_hindringer(
        idag=idag,
        kontrakt_slutt=kontrakt.slutt if kontrakt and kontrakt.er_aktiv else None,
        skriftlig_bestatt=status.skriftlig_bestatt,
        tidligst_maneder=org.fagprove_tidligst_maneder,
        senest_maneder=org.fagprove_senest_maneder,
    )
    if not (kontrakt and kontrakt.er_aktiv):
        hindringer.insert(0, "Deltakeren har ingen aktiv lærekontrakt.")
    apen = next((f for f in status.fagprover if not f.resultat), None)
    if apen:
        hindringer.insert(0, "Deltakeren er allerede meldt opp; registrer resultatet før et nytt forsøk.")
    if any(f.resultat == "bestatt" for f in status.fagprover):
        hindringer = ["Deltakeren har bestått fagprøven."]
    context = {
        "deltaker": deltaker,
        "fane": "eksamen",
        "status": status,
        "kontrakt": kontrakt,
        "vindu": frister.neste_vindu(timezone.now()),
        "na": timezone.now(),
        "fagprovevindu": frister.fagprovevindu(
            kontrakt.slutt, tidligst_maneder=org.fagprove_tidligst_maneder, senest_maneder=org.fagprove_senest_maneder
        )
        if kontrakt and kontrakt.slutt
        else None,
        "hindringer": hindringer,
        # The fagprøve is normally held within two months after the contract ends.
        "sen_provedato": frister.legg_til_maneder(kontrakt.slutt, 2) if kontrakt and kontrakt.slutt else None,
        "eksamen_form": eksamen_form or EksamenForm(initial={"pameldt_dato": idag}),
        "eksamen_endre": [(e, EksamenForm(instance=e, prefix=f"e{e.pk}")) for e in status.eksamener],
        "fagprove_form": fagprove_form or FagproveForm(),
        "fagprove_endre": [(f, FagproveEndreForm(instance=f, prefix=f"f{f.pk}")) for f in status.fagprover],
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/eksamen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def eksamen(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    if request.method == "GET":
        return _eksamen_side(request, deltaker)
    form = EksamenForm(request.POST)
    if form.is_valid():
        try:
            ny = services.eksamen_registrer(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data)
            messages.success(request, f"Påmelding til skriftlig eksamen ({ny.termin}) er registrert.")
            if ny.pameldt_dato and frister.dato_i_vindu(ny.pameldt_dato) is None:
                messages.warning(request, f"Påmeldingsdatoen {ny.pameldt_dato:%d.%m.%Y} er utenfor påmeldingsvinduene.")
            return redirect("fagbrev:eksamen", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _eksamen_side(request, deltaker, eksamen_form=form)


@login_required
@require_POST
def eksamen_endre(request: HttpRequest, pk: int, eksamen_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    objekt = get_object_or_404(Eksamen, pk=eksamen_pk, deltaker=deltaker)
    form = EksamenForm(request.POST, instance=Eksamen.objects.get(pk=objekt.pk), prefix=f"e{objekt.pk}")
    if form.is_valid():
        services.eksamen_endre(
            eksamen=objekt, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, "Eksamen er oppdatert.")
    else:
        messages.error(request, "Eksamen ble ikke lagret: " + "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect("fagbrev:eksamen", pk=deltaker.pk)


@login_required
@require_POST
def fagprove(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    form = FagproveForm(request.POST)
    if form.is_valid():
        try:
            ny = services.fagprove_meld_opp(
                deltaker=deltaker, utfort_av=request.user, idag=timezone.localdate(), **form.cleaned_data
            )
            messages.success(request, f"Deltakeren er meldt opp til fagprøven (forsøk {ny.forsok}).")
            return redirect("fagbrev:eksamen", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _eksamen_side(request, deltaker, fagprove_form=form)


@login_required
@require_POST
def fagprove_endre(request: HttpRequest, pk: int, fagprove_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    objekt = get_object_or_404(Fagprove, pk=fagprove_pk, deltaker=deltaker)
    form = FagproveEndreForm(request.POST, instance=Fagprove.objects.get(pk=objekt.pk), prefix=f"f{objekt.pk}")
    if form.is_valid():
        services.fagprove_endre(
            fagprove=objekt, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, "Fagprøven er oppdatert.")
    else:
        messages.error(request, "Fagprøven ble ikke lagret: " + "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect("fagbrev:eksamen", pk=deltaker.pk)


# Norwegian test ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def norsk(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_norsk)
    form = NorskproveForm(request.POST or None, initial={"dato": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        for ferdighet, niva in form.resultater():
            services.norskprove_registrer(
                deltaker=deltaker,
                utfort_av=request.user,
                ferdighet=ferdighet,
                niva=niva,
                dato=form.cleaned_data["dato"],
            )
        messages.success(request, "Resultatene fra Norskprøven er registrert.")
        return redirect("fagbrev:norsk", pk=deltaker.pk)
    prover = list(Norskprove.objects.filter(deltaker=deltaker).select_related("registrert_av").order_by("-dato"))
    context = {
        "deltaker": deltaker,
        "fane": "norsk",
        "form": form,
        "prover": prover,
        "norsk": selectors.norsk_status(deltaker=deltaker, prover=prover),
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/norsk.html", context)


# Training plan ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opplaeringsplan(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_oppfolging)
    form = PlanpunktForm(request.POST or None, deltaker=deltaker, initial={"dato": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.planpunkt_opprett(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data)
            messages.success(request, "Punktet er lagt til i opplæringsplanen.")
            return redirect("fagbrev:opplaeringsplan", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    punkter = list(selectors.opplaeringsplan(deltaker=deltaker))
    mal = list(selectors.kompetansemal_for(fagretning=deltaker.fagretning).filter(aktiv=True))
    if not form.is_bound:
        form = PlanpunktForm(deltaker=deltaker, mal=mal, initial={"dato": timezone.localdate()})
    context = {
        "deltaker": deltaker,
        "fane": "plan",
        "form": form,
        "rader": [(p, PlanpunktForm(instance=p, deltaker=deltaker, mal=mal, prefix=f"p{p.pk}")) for p in punkter],
        "fremdrift": selectors.Planfremdrift(utfort=sum(p.utfort for p in punkter), totalt=len(punkter)),
        "manedstema": selectors.manedstema_for(fagretning=deltaker.fagretning, kull_id=deltaker.kull_id).filter(
            maned__gte=timezone.localdate().replace(day=1)
        )[:3],
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/opplaeringsplan.html", context, status=200)


@login_required
@require_POST
def planpunkt(request: HttpRequest, pk: int, punkt_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_oppfolging)
    punkt = get_object_or_404(Opplaeringsplanpunkt, pk=punkt_pk, deltaker=deltaker)
    form = PlanpunktForm(
        request.POST, instance=Opplaeringsplanpunkt.objects.get(pk=punkt.pk), deltaker=deltaker, prefix=f"p{punkt.pk}"
    )
    if form.is_valid():
        services.planpunkt_endre(
            punkt=punkt, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, f"«{punkt.oppgave}» er oppdatert.")
    else:
        messages.error(request, "Punktet ble ikke lagret: " + "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect(f"{reverse('fagbrev:opplaeringsplan', args=[deltaker.pk])}#p{punkt.pk}")


# Practice periods (praksiskandidat) ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def praksis(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    form = PraksisperiodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.praksisperiode_registrer(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data)
            messages.success(request, "Praksisperioden er registrert.")
            return redirect("fagbrev:praksis", pk=deltaker.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    context = {
        "deltaker": deltaker,
        "fane": "praksis",
        "form": form,
        "praksis": selectors.praksis_status(deltaker=deltaker),
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/praksis.html", context)


# Stipend (4th intro year) -------------------------------------------------------------------------
# Money: the coordinator only, for reading too. Decisions are stored with their computed months (the
# steering group's report sums those); the calculator below them computes any period without saving.


def _stipend_deltaker(request: HttpRequest, pk: int):
    from deltakere.permissions import get_deltaker_for_user

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
        "deltaker": deltaker,
        "fane": "stipend",
        "form": form,
        "feilform": feilform,
        "beregning": beregning,
        "vedtak": skjema,
        "ny_form": ny_form or StipendvedtakForm(prefix="ny", initial={"fra": idag.replace(day=1)}),
        "grunnbelop": Grunnbelop.objects.order_by("-gjelder_fra")[:6],
        **_flagg(request.user, deltaker),
    }
    return render(request, "fagbrev/lop/stipend.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stipend(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's stipend decisions and their months; POST registers a new decision."""
    deltaker = _stipend_deltaker(request, pk)
    if request.method == "GET":
        return _stipend_side(request, deltaker)
    form = StipendvedtakForm(request.POST, prefix="ny")
    if form.is_valid():
        try:
            services_stipend.stipendvedtak_registrer(deltaker=deltaker, utfort_av=request.user, **form.cleaned_data)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
        else:
            messages.success(request, "Stipendvedtaket er registrert, og månedene er beregnet.")
            return redirect("fagbrev:stipend", pk=deltaker.pk)
    return _stipend_side(request, deltaker, ny_form=form)


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
    if form.is_valid():
        try:
            services_stipend.stipendvedtak_endre(vedtak=vedtak, utfort_av=request.user, **form.cleaned_data)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
        else:
            messages.success(request, "Stipendvedtaket er endret, og månedene er beregnet på nytt.")
            return redirect(f"{reverse('fagbrev:stipend', args=[deltaker.pk])}#vedtak-{vedtak.pk}")
    return _stipend_side(request, deltaker, feil_vedtak=(vedtak.pk, form))


@login_required
@require_POST
def stipendvedtak_avslutt(request: HttpRequest, pk: int, vedtak_pk: int) -> HttpResponse:
    deltaker = _stipend_deltaker(request, pk)
    vedtak = _vedtak(deltaker, vedtak_pk)
    form = StipendAvsluttForm(request.POST, prefix=f"a{vedtak.pk}")
    if form.is_valid():
        try:
            services_stipend.stipendvedtak_avslutt(vedtak=vedtak, til=form.cleaned_data["til"], utfort_av=request.user)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
        else:
            messages.success(request, f"Stipendet er avsluttet {vedtak.til:%d.%m.%Y}.")
            return redirect(f"{reverse('fagbrev:stipend', args=[deltaker.pk])}#vedtak-{vedtak.pk}")
    return _stipend_side(request, deltaker, feil_vedtak=(vedtak.pk, form))


# Track: competence goals and monthly topics --------------------------------------------------------


def _fagretning(request: HttpRequest, pk: int) -> Fagretning:
    """Visible to the organisation's case-file roles; changes by its coordinators only."""
    fagretning = get_object_or_404(
        Fagretning.objects.for_roller(
            request.user, permissions.KOORDINATOR, permissions.FAGLARER, permissions.NORSKLARER
        ),
        pk=pk,
    )
    if request.method == "POST" and not permissions.can_manage_org(request.user, fagretning.organisasjon_id):
        raise PermissionDenied("Bare koordinatoren kan endre kompetansemål og månedstema.")
    return fagretning


def _fagretning_side(request, fagretning, *, mal_form=None, tema_form=None):
    mal = list(selectors.kompetansemal_for(fagretning=fagretning))
    kan_endre = permissions.can_manage_org(request.user, fagretning.organisasjon_id)
    context = {
        "fagretning": fagretning,
        "mal": [(m, KompetansemalForm(instance=m, prefix=f"m{m.pk}") if kan_endre else None) for m in mal],
        "manedstema": Manedstema.objects.filter(fagretning=fagretning).select_related("kull").order_by("maned", "pk"),
        "mal_form": mal_form or KompetansemalForm(initial={"rekkefolge": (len(mal) + 1) * 10}),
        "tema_form": tema_form or ManedstemaForm(fagretning=fagretning),
        "kan_endre": kan_endre,
    }
    return render(request, "fagbrev/fagretning.html", context)


@login_required
@require_GET
def fagretning_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    return _fagretning_side(request, _fagretning(request, pk))


@login_required
@require_POST
def kompetansemal_ny(request: HttpRequest, pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    form = KompetansemalForm(request.POST)
    if form.is_valid():
        services.kompetansemal_opprett(fagretning=fagretning, utfort_av=request.user, **form.cleaned_data)
        messages.success(request, "Kompetansemålet er lagt til.")
        return redirect("fagbrev:fagretning", pk=fagretning.pk)
    return _fagretning_side(request, fagretning, mal_form=form)


@login_required
@require_POST
def kompetansemal_endre(request: HttpRequest, pk: int, mal_pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    mal = get_object_or_404(Kompetansemal, pk=mal_pk, fagretning=fagretning)
    form = KompetansemalForm(request.POST, instance=Kompetansemal.objects.get(pk=mal.pk), prefix=f"m{mal.pk}")
    if form.is_valid():
        services.kompetansemal_endre(
            kompetansemal=mal, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, "Kompetansemålet er lagret.")
    else:
        messages.error(
            request, "Kompetansemålet ble ikke lagret: " + "; ".join(" ".join(v) for v in form.errors.values())
        )
    return redirect(f"{reverse('fagbrev:fagretning', args=[fagretning.pk])}#m{mal.pk}")


@login_required
@require_POST
def manedstema_ny(request: HttpRequest, pk: int) -> HttpResponse:
    fagretning = _fagretning(request, pk)
    form = ManedstemaForm(request.POST, fagretning=fagretning)
    if form.is_valid():
        try:
            services.manedstema_opprett(fagretning=fagretning, utfort_av=request.user, **form.cleaned_data)
            messages.success(request, "Månedstemaet er lagt til.")
            return redirect("fagbrev:fagretning", pk=fagretning.pk)
        except ValidationError as feil:
            _valideringsfeil(form, feil)
    return _fagretning_side(request, fagretning, tema_form=form)
