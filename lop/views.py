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
from django.views.decorators.http import require_http_methods, require_POST

from deltakere.permissions import get_deltaker_for_user
from fagbrev import permissions
from fagbrev.skjema import knapp_post, rad_post, skjema_post

from . import frister, selectors, services
from .forms import (
    EksamenForm,
    FagproveEndreForm,
    FagproveForm,
    KontraktStatusForm,
    LaerekontraktForm,
    NorskproveEndreForm,
    NorskproveForm,
    PlanpunktForm,
    PraksisperiodeForm,
    SjekkpunktForm,
)
from .models import Eksamen, Fagprove, Norskprove, Opplaeringsplanpunkt, Sjekkpunkt

# --- The pathway: learning contract, exams and fagprøve, Norwegian, training plan, practice -------
# Each page is read by whoever may see the participant; each POST checks its own permission
# (koordinator for the case file; norsklærer for Norwegian; faglærer for the training plan).


def _deltaker(request: HttpRequest, pk: int, *, kan=None):
    """The participant through the one permission helper; `kan` is the write predicate for POSTs."""

    deltaker = get_deltaker_for_user(request.user, pk)
    if request.method == "POST" and not (kan or permissions.can_edit_deltaker)(request.user, deltaker):
        raise PermissionDenied("Du kan se denne deltakeren, men ikke registrere dette.")
    return deltaker


def _flagg(user, deltaker) -> dict:
    return {
        "kan_endre": permissions.can_edit_deltaker(user, deltaker),
        "kan_norsk": permissions.can_record_norsk(user, deltaker),
        "kan_plan": permissions.can_record_oppfolging(user, deltaker),
        "kan_se_fravarsgrunner": permissions.can_see_feltgruppe(user, deltaker, "fravarsgrunner"),
    }


def _fane(request: HttpRequest, deltaker, fane: str, mal: str, context: dict, *, status: int = 200) -> HttpResponse:
    """A tab of the pathway pages: the case, which tab, the tab's own context and what the user may do."""
    return render(
        request, mal, {"deltaker": deltaker, "fane": fane, **context, **_flagg(request.user, deltaker)}, status=status
    )


# Learning contract ----------------------------------------------------------------------------


def _kontrakt_side(request, deltaker, *, kontrakt_form=None, status_form=None, status=200):
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    slutt = selectors.kontraktslutt(kontrakt=kontrakt, fagretning=deltaker.fagretning) if kontrakt else None
    beregnet = slutt.beregnet if slutt else None
    context = {
        "kontrakt": kontrakt,
        "beregnet": beregnet,
        "slutt": slutt,
        "mangler": [s for s in kontrakt.sjekkpunkter.all() if s.mangler] if kontrakt else [],
        "sjekkpunkt_skjema": [(s, SjekkpunktForm(instance=s, prefix=f"s{s.pk}")) for s in kontrakt.sjekkpunkter.all()]
        if kontrakt
        else [],
        "kontrakt_form": kontrakt_form
        or LaerekontraktForm(
            instance=kontrakt if kontrakt and kontrakt.er_aktiv else None,
            deltaker=deltaker,
            initial={} if kontrakt else {"start": timezone.localdate()},
        ),
        "status_form": status_form or KontraktStatusForm(initial={"dato": timezone.localdate()}),
    }
    return _fane(request, deltaker, "kontrakt", "lop/kontrakt.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def kontrakt(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    if request.method == "GET":
        return _kontrakt_side(request, deltaker)
    eksisterende = selectors.aktiv_kontrakt(deltaker=deltaker)
    eksisterende = eksisterende if eksisterende and eksisterende.er_aktiv else None
    form = LaerekontraktForm(request.POST, instance=eksisterende, deltaker=deltaker)
    return skjema_post(
        request,
        form,
        lambda data: (
            services.laerekontrakt_endre(
                kontrakt=eksisterende, utfort_av=request.user, **{f: data[f] for f in form.changed_data}
            )
            if eksisterende
            else services.laerekontrakt_opprett(deltaker=deltaker, utfort_av=request.user, **data)
        ),
        melding="Lærekontrakten er lagret."
        if eksisterende
        else "Lærekontrakten er opprettet som utkast med sjekkliste for søknaden.",
        videre=lambda _: redirect("lop:kontrakt", pk=deltaker.pk),
    ) or _kontrakt_side(request, deltaker, kontrakt_form=form)


@login_required
@require_POST
def kontrakt_status(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    if kontrakt is None:
        raise Http404("Ingen lærekontrakt.")
    form = KontraktStatusForm(request.POST)
    return skjema_post(
        request,
        form,
        lambda data: services.laerekontrakt_sett_status(kontrakt=kontrakt, utfort_av=request.user, **data),
        melding=lambda kontrakt: f"Lærekontrakten har status «{kontrakt.get_status_display()}».",
        videre=lambda kontrakt: redirect("lop:kontrakt", pk=deltaker.pk),
    ) or _kontrakt_side(request, deltaker, status_form=form)


@login_required
@require_POST
def sjekkpunkt(request: HttpRequest, pk: int, sjekkpunkt_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    punkt = get_object_or_404(
        Sjekkpunkt.objects.select_related("kontrakt"), pk=sjekkpunkt_pk, kontrakt__deltaker=deltaker
    )
    form = SjekkpunktForm(request.POST, instance=Sjekkpunkt.objects.get(pk=punkt.pk), prefix=f"s{punkt.pk}")
    if form.is_valid():
        knapp_post(
            request,
            lambda: services.sjekkpunkt_endre(
                sjekkpunkt=punkt, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.fields}
            ),
            melding=lambda _: f"{punkt.get_type_display()}: {punkt.get_status_display().lower()}.",
        )
    else:
        messages.error(request, f"{punkt.get_type_display()}: sjekk feltene.")
    return redirect(f"{reverse('lop:kontrakt', args=[deltaker.pk])}#sjekkliste")


# Written exam and fagprøve ------------------------------------------------------------------------


def _eksamen_side(request, deltaker, *, eksamen_form=None, fagprove_form=None):
    idag = timezone.localdate()
    status = selectors.eksamen_status(deltaker=deltaker)
    kontrakt = selectors.aktiv_kontrakt(deltaker=deltaker)
    org = deltaker.organisasjon
    hindringer = selectors.fagprove_hindringer(deltaker=deltaker, idag=idag)
    context = {
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
        "eksamen_apen": bool(eksamen_form and eksamen_form.errors) or not status.eksamener,
        "eksamen_endre": [(e, EksamenForm(instance=e, prefix=f"e{e.pk}")) for e in status.eksamener],
        "fagprove_form": fagprove_form or FagproveForm(),
        "fagprove_endre": [(f, FagproveEndreForm(instance=f, prefix=f"f{f.pk}")) for f in status.fagprover],
    }
    return _fane(request, deltaker, "eksamen", "lop/eksamen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def eksamen(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    if request.method == "GET":
        return _eksamen_side(request, deltaker)
    form = EksamenForm(request.POST)

    def videre(ny: Eksamen) -> HttpResponse:
        if ny.pameldt_dato and frister.dato_i_vindu(ny.pameldt_dato) is None:
            messages.warning(request, f"Påmeldingsdatoen {ny.pameldt_dato:%d.%m.%Y} er utenfor påmeldingsvinduene.")
        return redirect("lop:eksamen", pk=deltaker.pk)

    return skjema_post(
        request,
        form,
        lambda data: services.eksamen_registrer(deltaker=deltaker, utfort_av=request.user, **data),
        melding=lambda ny: f"Påmelding til skriftlig eksamen ({ny.termin}) er registrert.",
        videre=videre,
    ) or _eksamen_side(request, deltaker, eksamen_form=form)


@login_required
@require_POST
def eksamen_endre(request: HttpRequest, pk: int, eksamen_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    rad_post(
        request,
        get_object_or_404(Eksamen, pk=eksamen_pk, deltaker=deltaker),
        EksamenForm,
        lambda eksamen, **endret: services.eksamen_endre(eksamen=eksamen, **endret),
        prefiks="e",
        melding="Eksamen er oppdatert.",
        hva="Eksamen",
    )
    return redirect("lop:eksamen", pk=deltaker.pk)


@login_required
@require_POST
def fagprove(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    form = FagproveForm(request.POST)
    return skjema_post(
        request,
        form,
        lambda data: services.fagprove_meld_opp(
            deltaker=deltaker, utfort_av=request.user, idag=timezone.localdate(), **data
        ),
        melding=lambda ny: f"Deltakeren er meldt opp til fagprøven (forsøk {ny.forsok}).",
        videre=lambda _: redirect("lop:eksamen", pk=deltaker.pk),
    ) or _eksamen_side(request, deltaker, fagprove_form=form)


@login_required
@require_POST
def fagprove_endre(request: HttpRequest, pk: int, fagprove_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    rad_post(
        request,
        get_object_or_404(Fagprove, pk=fagprove_pk, deltaker=deltaker),
        FagproveEndreForm,
        lambda fagprove, **endret: services.fagprove_endre(fagprove=fagprove, **endret),
        prefiks="f",
        melding="Fagprøven er oppdatert.",
        hva="Fagprøven",
    )
    return redirect("lop:eksamen", pk=deltaker.pk)


# Norwegian test ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def norsk(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_norsk)
    form = NorskproveForm(request.POST or None, initial={"dato": timezone.localdate()})
    svar = skjema_post(
        request,
        form,
        lambda data: services.norskprover_registrer(
            deltaker=deltaker, utfort_av=request.user, dato=data["dato"], resultater=form.resultater()
        ),
        melding="Resultatene fra Norskprøven er registrert.",
        videre=lambda _: redirect("lop:norsk", pk=deltaker.pk),
    )
    if svar:
        return svar
    prover = list(Norskprove.objects.filter(deltaker=deltaker).select_related("registrert_av").order_by("-dato"))
    context = {
        "form": form,
        "prover": prover,
        "prover_rett": [(p, NorskproveEndreForm(prove=p, prefix=f"n{p.pk}")) for p in prover],
        "norsk": selectors.norsk_status(deltaker=deltaker, prover=prover),
    }
    return _fane(request, deltaker, "norsk", "lop/norsk.html", context)


@login_required
@require_POST
def norsk_rett(request: HttpRequest, pk: int, prove_pk: int) -> HttpResponse:
    """Correct one result in place; what was wrong is said in a message and nothing is saved."""
    deltaker = _deltaker(request, pk, kan=permissions.can_record_norsk)
    prove = get_object_or_404(Norskprove, pk=prove_pk, deltaker=deltaker)
    form = NorskproveEndreForm(request.POST, prove=prove, prefix=f"n{prove.pk}")
    if form.is_valid():
        try:
            services.norskprove_rett(
                prove=prove, utfort_av=request.user, begrunnelse=form.cleaned_data["begrunnelse"], **form.endringer()
            )
        except ValidationError as feil:
            messages.error(request, "Resultatet ble ikke rettet: " + "; ".join(feil.messages))
        else:
            messages.success(request, "Resultatet er rettet. Rettingen står i historikken.")
    else:
        messages.error(request, "Resultatet ble ikke rettet: " + "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect("lop:norsk", pk=deltaker.pk)


# Training plan ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opplaeringsplan(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_oppfolging)
    form = PlanpunktForm(request.POST or None, deltaker=deltaker, initial={"dato": timezone.localdate()})
    svar = skjema_post(
        request,
        form,
        lambda data: services.planpunkt_opprett(deltaker=deltaker, utfort_av=request.user, **data),
        melding="Punktet er lagt til i opplæringsplanen.",
        videre=lambda _: redirect("lop:opplaeringsplan", pk=deltaker.pk),
    )
    if svar:
        return svar
    punkter = list(selectors.opplaeringsplan(deltaker=deltaker))
    mal = list(selectors.kompetansemal_for(fagretning=deltaker.fagretning).filter(aktiv=True))
    if not form.is_bound:
        form = PlanpunktForm(deltaker=deltaker, mal=mal, initial={"dato": timezone.localdate()})
    context = {
        "form": form,
        "rader": [(p, PlanpunktForm(instance=p, deltaker=deltaker, mal=mal, prefix=f"p{p.pk}")) for p in punkter],
        "fremdrift": selectors.Planfremdrift(utfort=sum(p.utfort for p in punkter), totalt=len(punkter)),
        "manedstema": selectors.manedstema_for(fagretning=deltaker.fagretning, kull_id=deltaker.kull_id).filter(
            maned__gte=timezone.localdate().replace(day=1)
        )[:3],
    }
    return _fane(request, deltaker, "plan", "lop/opplaeringsplan.html", context)


@login_required
@require_POST
def planpunkt(request: HttpRequest, pk: int, punkt_pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk, kan=permissions.can_record_oppfolging)
    punkt = get_object_or_404(Opplaeringsplanpunkt, pk=punkt_pk, deltaker=deltaker)
    rad_post(
        request,
        punkt,
        PlanpunktForm,
        lambda punkt, **endret: services.planpunkt_endre(punkt=punkt, **endret),
        prefiks="p",
        melding=lambda _: f"«{punkt.oppgave}» er oppdatert.",
        hva="Punktet",
        deltaker=deltaker,
    )
    return redirect(f"{reverse('lop:opplaeringsplan', args=[deltaker.pk])}#p{punkt.pk}")


# Practice periods (praksiskandidat) ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def praksis(request: HttpRequest, pk: int) -> HttpResponse:
    deltaker = _deltaker(request, pk)
    form = PraksisperiodeForm(request.POST or None)
    svar = skjema_post(
        request,
        form,
        lambda data: services.praksisperiode_registrer(deltaker=deltaker, utfort_av=request.user, **data),
        melding="Praksisperioden er registrert.",
        videre=lambda _: redirect("lop:praksis", pk=deltaker.pk),
    )
    if svar:
        return svar
    context = {
        "form": form,
        "praksis": selectors.praksis_status(deltaker=deltaker),
    }
    return _fane(request, deltaker, "praksis", "lop/praksis.html", context)
