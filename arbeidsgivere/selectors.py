"""Reads for employer pages and for the employer section on the case page. Never writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev import permissions
from fagbrev.seksjoner import Seksjon, delt, pa_oversikt, pa_saksside

from .models import Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering
from .permissions import arbeidsgivere_visible_to

EGNET_VALG = [("ja", "Egnet"), ("nei", "Ikke egnet"), ("ukjent", "Ikke evaluert")]
JA_NEI = {"ja": True, "nei": False}  # a yes/no filter's value → the field's


def arbeidsgivere_for_liste(*, user, q: str = "", filtre: dict | None = None) -> QuerySet[Arbeidsgiver]:
    """Employers the user may see, filtered, each annotated with its number of workplaces, its
    current placements and the latest evaluation's verdict. A fixed number of queries."""
    filtre = filtre or {}
    siste_egnet = Evaluering.objects.filter(plassering__arbeidssted__arbeidsgiver=OuterRef("pk")).order_by(
        "-dato", "-pk"
    )
    # A subquery per row, not Count("arbeidssteder"): PostgreSQL evaluates it for the 50 rows of the
    # page after the LIMIT, instead of grouping every employer's workplaces before the page is cut.
    steder = Arbeidssted.objects.filter(arbeidsgiver=OuterRef("pk")).order_by().values("arbeidsgiver")
    qs = arbeidsgivere_visible_to(user).annotate(
        antall_steder=Coalesce(Subquery(steder.annotate(n=Count("pk")).values("n")), 0),
        siste_egnet=Subquery(siste_egnet.values("egnet")[:1]),
        siste_evaluering=Subquery(siste_egnet.values("dato")[:1]),
    )
    if q:
        qs = qs.filter(Q(navn__icontains=q) | Q(bransje__icontains=q) | Q(godkjent_laerefag__icontains=q) | Q(orgnr=q))
    if filtre.get("fagretning_id"):
        qs = qs.filter(
            Exists(
                Arbeidsgiver.fagretninger.through.objects.filter(
                    arbeidsgiver_id=OuterRef("pk"), fagretning_id=filtre["fagretning_id"]
                )
            )
        )
    if filtre.get("godkjent") in JA_NEI:
        qs = qs.filter(godkjent_laerebedrift=JA_NEI[filtre["godkjent"]])
    if filtre.get("sektor"):
        qs = qs.filter(sektor=filtre["sektor"])
    if filtre.get("egnet") in JA_NEI:
        qs = qs.filter(siste_egnet=JA_NEI[filtre["egnet"]])
    elif filtre.get("egnet") == "ukjent":
        qs = qs.filter(siste_egnet__isnull=True)
    return qs.select_related("kontaktperson_kommune").prefetch_related("fagretninger").order_by("navn", "pk")


@dataclass
class ArbeidsgiverSide:
    steder: list[Arbeidssted]
    plasseringer: list[Plassering]
    avtaler: list[Avtale]
    evalueringer: list[Evaluering]


def arbeidsgiver_side(*, arbeidsgiver: Arbeidsgiver, user) -> ArbeidsgiverSide:
    """Everything on the employer page. Placements (and their agreements and evaluations) only of
    participants whose case the user may see: a faglærer sees her own participants, not others'."""
    steder = list(
        Arbeidssted.objects.filter(arbeidsgiver=arbeidsgiver)
        .prefetch_related(
            Prefetch(
                "kontaktpersoner",
                queryset=Kontaktperson.objects.annotate(antall_deltakere=Count("plasseringer")).order_by(
                    "-rolle", "navn"
                ),
            )
        )
        .order_by("navn")
    )
    synlige = Deltaker.objects.visible_to(user)
    plasseringer = list(
        Plassering.objects.filter(arbeidssted__arbeidsgiver=arbeidsgiver, deltaker__in=synlige)
        .select_related("deltaker", "arbeidssted", "fadder")
        .prefetch_related(Prefetch("avtaler", queryset=Avtale.objects.order_by("-pk")))
        .order_by("-fra", "-pk")
    )
    avtaler = [a for p in plasseringer for a in p.avtaler.all()]
    evalueringer = list(
        Evaluering.objects.filter(plassering__arbeidssted__arbeidsgiver=arbeidsgiver)
        .select_related("plassering__arbeidssted", "plassering__deltaker", "registrert_av")
        .order_by("-dato", "-pk")
    )
    return ArbeidsgiverSide(steder=steder, plasseringer=plasseringer, avtaler=avtaler, evalueringer=evalueringer)


def gjeldende_plassering(plasseringer: list[Plassering], idag: datetime.date) -> Plassering | None:
    """The placement running today, else the open or coming one."""
    for p in plasseringer:
        if p.er_aktiv(idag):
            return p
    for p in plasseringer:
        if p.til is None or p.til >= idag:
            return p
    return None


def plasseringer_for_saksside(*, deltaker) -> list[Plassering]:
    """Her placements, newest first, with workplace, employer, fadder, attest, agreements (newest first) and
    the workplace's active leaders: read once per case page (fagbrev.seksjoner.delt), for this app's
    section and the meetings' section alike. Three queries, none when another section read them."""
    return delt(
        deltaker,
        "arbeidsgivere.plasseringer",
        lambda: list(
            Plassering.objects.filter(deltaker=deltaker)
            .select_related("arbeidssted__arbeidsgiver", "fadder", "attest")
            .prefetch_related(
                Prefetch("avtaler", queryset=Avtale.objects.order_by("-pk")),
                Prefetch(
                    "arbeidssted__kontaktpersoner",
                    queryset=Kontaktperson.objects.filter(rolle=Kontaktperson.Rolle.LEDER, aktiv=True),
                    to_attr="ledere",
                ),
            )
            .order_by("-fra", "-pk")
        ),
    )


@pa_saksside(rekkefolge=30)
def saksside_plassering(*, deltaker, user, idag: datetime.date) -> Seksjon | None:
    """The case page section: current placement, fadder, leder, agreement status, history.
    Three queries whatever the history's length."""
    if not permissions.can_see_feltgruppe(user, deltaker, "praksis"):
        return None
    plasseringer = plasseringer_for_saksside(deltaker=deltaker)
    naa = gjeldende_plassering(plasseringer, idag)
    avtale = None
    if naa is not None:
        avtaler = list(naa.avtaler.all())
        avtale = next((a for a in avtaler if a.status != Avtale.Status.AVSLUTTET), avtaler[0] if avtaler else None)
    return Seksjon(
        template="arbeidsgivere/_saksside.html",
        context={
            "deltaker": deltaker,
            "naa": naa,
            "leder": (naa.arbeidssted.ledere[0] if naa and naa.arbeidssted.ledere else None),
            "avtale": avtale,
            "historikk": [p for p in plasseringer if p is not naa],
            # the case has ended: the workplace reference for her last placement (ordered or to order)
            "attest_for": plasseringer[0] if plasseringer and deltaker.status in statusgrupper.LOP_AVSLUTTET else None,
            "kan_endre": permissions.can_edit_deltaker(user, deltaker),
            "idag": idag,
        },
    )


def avtale_for_utskrift(*, avtale: Avtale) -> dict:
    """Plain values for printing the avtale om deltakelse (the documents app renders the PDF)."""
    plassering = (
        Plassering.objects.select_related("deltaker", "arbeidssted__arbeidsgiver", "fadder", "organisasjon")
        .prefetch_related(
            Prefetch(
                "arbeidssted__kontaktpersoner",
                queryset=Kontaktperson.objects.filter(rolle=Kontaktperson.Rolle.LEDER, aktiv=True),
                to_attr="ledere",
            )
        )
        .get(pk=avtale.plassering_id)
    )
    leder = plassering.arbeidssted.ledere[0] if plassering.arbeidssted.ledere else None
    return {
        "status": avtale.get_status_display(),
        "deltaker": plassering.deltaker.navn,
        "kommune": plassering.organisasjon.navn,
        "arbeidsgiver": plassering.arbeidssted.arbeidsgiver.navn,
        "arbeidssted": plassering.arbeidssted.navn,
        "adresse": plassering.arbeidssted.adresse,
        "leder": leder.navn if leder else "",
        "fadder": plassering.fadder.navn if plassering.fadder else "",
        "oppstart": avtale.oppstart,
        "arbeidstid": avtale.arbeidstid,
        "forventninger": avtale.forventninger,
        "roller": avtale.roller,
        "fravaersregler": avtale.fravaersregler,
        "signaturer": [
            ("Deltaker", plassering.deltaker.navn, avtale.signert_deltaker),
            ("Arbeidssted", avtale.signert_arbeidssted_navn, avtale.signert_arbeidssted),
            ("Kommunen", str(avtale.signert_kommune_av or ""), avtale.signert_kommune),
        ],
    }


@pa_oversikt(rekkefolge=40)
def oversikt_praksis(*, user, idag: datetime.date) -> Seksjon | None:
    """My overview, for coordinators: active participants without a practice place, agreements not
    yet signed, and placements where the leder has not confirmed the extra person. Four queries."""
    orgs = user.organisasjoner_med(permissions.KOORDINATOR) if user.is_authenticated else set()
    if not orgs:
        return None
    # Without a place today: her latest placement ended before today, or she has none (Deltaker.praksis_til,
    # stored by oppfolging with the visit date and current before my overview's sections run), read
    # through the partial index deltakere_praksis_til: the work is the list's rows, not every active case.
    # The surname is sorted as an expression (the same order) so PostgreSQL does not walk the name index
    # hoping to meet ten early: with (as usual) nobody or few without a place, it probed every case.
    uten_plass = list(
        Deltaker.objects.filter(organisasjon_id__in=orgs, status__in=statusgrupper.AKTIV, praksis_til__lt=idag)
        .select_related("fagretning")
        .order_by(Concat("etternavn", Value("")), "fornavn")[:10]
    )
    usignerte = list(
        Avtale.objects.filter(organisasjon_id__in=orgs, status__in=[Avtale.Status.UTKAST, Avtale.Status.TIL_SIGNERING])
        .select_related("plassering__deltaker", "plassering__arbeidssted")
        .order_by("oppstart", "pk")[:10]
    )
    ubekreftet = list(
        Plassering.objects.filter(organisasjon_id__in=orgs, ekstra_person_bekreftet=False)
        .filter(Q(til__isnull=True) | Q(til__gte=idag))
        .select_related("deltaker", "arbeidssted")
        .order_by("fra", "pk")[:10]
    )
    if not (uten_plass or usignerte or ubekreftet):
        return None
    return Seksjon(
        template="arbeidsgivere/_oversikt.html",
        context={"uten_plass": uten_plass, "usignerte": usignerte, "ubekreftet": ubekreftet},
    )
