"""Reads of participants, with their joins done."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from fagbrev.datoregning import samme_dag
from fagbrev.models import Hendelse
from fagbrev.permissions import KOORDINATOR, deltaker_scope, hendelse_feltgruppe
from fagbrev.seksjoner import delt
from fagbrev.sok import sokeord

from . import liste, overganger, politiattest, statusgrupper
from .models import (
    Deltaker,
    Inntakssamtale,
    Kartlegging,
    Kriterievurdering,
    Opptakskriterium,
    Opptaksvedtak,
    Permisjon,
    Statusendring,
    Utfall,
    Utstyrslan,
    Vedlegg,
)
from .models_status import status_pa_dato_i

SORTERINGER = {
    "navn": ("etternavn", "fornavn", "pk"),
    "-navn": ("-etternavn", "-fornavn", "-pk"),
    "status": ("status", "etternavn", "fornavn", "pk"),
    "fagretning": ("fagretning__navn", "etternavn", "fornavn", "pk"),
    "kull": ("kull__oppstart", "etternavn", "fornavn", "pk"),
    "nyeste": ("-opprettet", "-pk"),
}


def deltakere_for_liste(
    *, user, q: str = "", filtre: dict | None = None, sortering: str = "navn"
) -> QuerySet[Deltaker]:
    """The participants the user may see, matching a name search and filters, ready for a table.

    `filtre` keys: status, fagretning_id, kull_id, faglarer_id, arbeidssted_id (an open placement there),
    and faglarer_navn / arbeidssted_navn (part of the teacher's or the open placement's workplace's name,
    for organisations with too many to choose from in a select).
    """
    # Only the columns the table shows: a page is 50 participants with their track, cohort and teacher.
    # The track's and cohort's names come as plain values, not as two model objects per row.
    qs = (
        Deltaker.objects.visible_to(user)
        .select_related("faglarer")
        .only(
            "fornavn",
            "etternavn",
            "status",
            "organisasjon_id",
            "faglarer__first_name",
            "faglarer__last_name",
            "faglarer__username",
        )
        .annotate(fagretning_kortnavn=F("fagretning__kortnavn"), kull_navn=F("kull__navn"))
    )
    # each word typed, without case and diacritics («besic», «Doğan, Zeynep»), somewhere in the name
    for ord_ in sokeord(q):
        qs = qs.filter(navn_sok__contains=ord_)
    qs, filtre = liste.filtrer(qs, filtre or {})
    for ord_ in filtre.pop("faglarer_navn", "").split():
        qs = qs.filter(Q(faglarer__first_name__icontains=ord_) | Q(faglarer__last_name__icontains=ord_))
    for felt, verdi in filtre.items():
        if verdi:
            qs = qs.filter(**{felt: verdi})
    if q and sortering in ("navn", "-navn"):
        # A name search sorts its matches, found by the trigram indexes. Ordered by the plain columns,
        # PostgreSQL may instead walk the (etternavn, fornavn) index and test every name on the way,
        # expecting matches to be spread evenly: «Haddad» at 100,000 participants then reads 26,000
        # rows to find 50 (30 ms instead of 3). lower() orders capitalised names the same way.
        retning = "-" if sortering == "-navn" else ""
        felter = [Lower("etternavn"), Lower("fornavn"), F("pk")]
        return qs.order_by(*(f.desc() if retning else f.asc() for f in felter))
    return qs.order_by(*SORTERINGER.get(sortering, SORTERINGER["navn"]))


def deltaker_finn_pa_fodselsnummer(*, user, fodselsnummer: str) -> Deltaker | None:
    """Exact identity-number lookup, for coordinators only (in their own organisations)."""

    return Deltaker.objects.for_roller(user, KOORDINATOR).filter(fodselsnummer=fodselsnummer).first()


def status_telling(*, user) -> dict[str, int]:
    """Participants per status among those the user may see, counted in the database."""
    rader = Deltaker.objects.visible_to(user).values("status").annotate(antall=Count("pk"))
    return {r["status"]: r["antall"] for r in rader}


@dataclass
class Telling:
    per_status: dict[str, int]  # among the participants the user may see
    per_fagretning: dict[int, dict[str, int]]  # track → status → count, over every participant of the track


# f(*, org_ids) -> {(organisation, track, status): n}: today's participants of whole organisations, read from
# a pre-aggregate a higher app keeps current by triggers (rapporter registers one in its ready()); without
# one, `telling` counts the rows.
LAGRET_TELLING: dict[str, Callable[..., dict[tuple[int, int, str], int]]] = {}


def telling(*, user, hele_org_ids: set[int] | frozenset[int] = frozenset()) -> Telling:
    """Both counts my overview shows.

    `per_status` counts what the user may see; `per_fagretning` counts whole tracks of `hele_org_ids`
    (the organisations whose reports she may read), whether or not she sees each case. The organisations
    she sees whole or reads reports of come from the stored counts when there are any (one read of a few
    hundred rows, whatever their size); only the cases she sees in other organisations (a teacher's own)
    are counted from the rows, grouped in one query.
    """
    from django.db.models import BooleanField, ExpressionWrapper

    synlig = deltaker_scope(user)
    koordinator = user.organisasjoner_med(KOORDINATOR)
    per_status: dict[str, int] = {}
    per_fagretning: dict[int, dict[str, int]] = {}

    def legg(status: str, fagretning_id: int, antall: int, ser: bool) -> None:
        if ser:
            per_status[status] = per_status.get(status, 0) + antall
        spor = per_fagretning.setdefault(fagretning_id, {})
        spor[status] = spor.get(status, 0) + antall

    lagret = next(iter(LAGRET_TELLING.values()), None)
    if lagret is not None:
        hele = set(hele_org_ids) | koordinator
        for (org, fagretning_id, status), antall in lagret(org_ids=hele).items():
            legg(status, fagretning_id, antall, org in koordinator)
        if not user.organisasjoner_med() - hele:  # nothing seen outside them
            return Telling(per_status=per_status, per_fagretning=per_fagretning)
        if hele:
            synlig &= ~Q(organisasjon_id__in=hele)
        andre: set[int] = set()
    else:
        # a coordinator sees her organisations whole already: only other report organisations widen the filter
        andre = set(hele_org_ids) - koordinator
    rader = (
        Deltaker.objects.filter(synlig | Q(organisasjon_id__in=andre) if andre else synlig)
        .values("fagretning_id", "status")
        .annotate(synlig=ExpressionWrapper(synlig, output_field=BooleanField()))
        .values("fagretning_id", "status", "synlig")
        .annotate(antall=Count("pk"))
        .order_by()
    )
    for r in rader:
        legg(r["status"], r["fagretning_id"], r["antall"], r["synlig"])
    return Telling(per_status=per_status, per_fagretning=per_fagretning)


def politiattest_mangler(deltaker: Deltaker) -> str | None:
    """Why the participant may not start practice for lack of a police certificate, or None.

    For other apps (placements): call before letting a participant start at a workplace.
    """
    return politiattest.hindring_tekst(deltaker)


@dataclass
class Saksmappe:
    """Everything the case page shows about one participant, fetched with a fixed number of queries."""

    deltaker: Deltaker
    kartlegging: Kartlegging | None
    vurderinger: list[Kriterievurdering]
    kriterier_uten_vurdering: list[Opptakskriterium]
    vedtak: list[Opptaksvedtak]
    inntak: Inntakssamtale | None
    permisjoner: list[Permisjon]
    avbrudd: object | None
    dokumenter: list[Vedlegg]
    utstyr: list[Utstyrslan]
    hendelser: list[Hendelse]
    overganger: list[dict] = field(default_factory=list)
    neste_steg: str = ""
    status_idag: str = ""  # the status in force today (status_pa): a planned change counts from its day
    planlagt: Statusendring | None = None  # the planned change still ahead
    statushistorikk: list[Statusendring] = field(default_factory=list)

    @property
    def status_idag_etikett(self) -> str:
        return Deltaker.Status(self.status_idag).label

    @property
    def apne_lan(self) -> list[Utstyrslan]:
        return [lan for lan in self.utstyr if lan.returnert is None]

    @property
    def aktiv_permisjon(self) -> Permisjon | None:
        if self.status_idag != Deltaker.Status.PERMISJON:
            return None
        idag = timezone.localdate()
        return next((p for p in self.permisjoner if p.fra <= idag), None)


def _en_til_en(rad, navn: str):
    """The related row of a reverse one-to-one fetched with select_related, or None when there is none."""
    try:
        return getattr(rad, navn)
    except ObjectDoesNotExist:
        return None


def status_pa(*, deltaker: Deltaker, dato: datetime.date) -> str:
    """The case's status on `dato` (models.status_pa_dato, the one rule): one query."""
    return Deltaker.objects.filter(pk=deltaker.pk).med_status_pa(dato).values_list("status_pa", flat=True).get()


def permisjoner_for_saksside(
    *, deltaker: Deltaker, statushistorikk: list[Statusendring] | None = None
) -> list[Permisjon]:
    """Her leave, newest first: read once per case page (fagbrev.seksjoner.delt), for the case file and
    the pathway section's contract end alike.

    A leave is registered with the status change into it and withdrawn with it
    (services_status.permisjon_registrer, statusendring_trekk): each has its `Statusendring.permisjon`.
    The case file hands in her whole status history fetched with those leaves (`statushistorikk`), and
    they are taken from it instead of read again."""

    def les() -> list[Permisjon]:
        if statushistorikk is None:
            return list(Permisjon.objects.filter(deltaker=deltaker).order_by("-fra"))
        return sorted((e.permisjon for e in statushistorikk if e.permisjon_id), key=lambda p: p.fra, reverse=True)

    return delt(deltaker, "deltakere.permisjoner", les)


def statushistorikk_for_saksside(*, deltaker: Deltaker) -> list[Statusendring]:
    """Her whole status history, newest first, each change with who decided it and the leave it began: read
    once per case page (fagbrev.seksjoner.delt), for the case file and for sections that ask which
    statuses she has had (`statuser_hatt`)."""
    return delt(
        deltaker,
        "deltakere.statushistorikk",
        lambda: list(
            Statusendring.objects.filter(deltaker=deltaker)
            .select_related("utfort_av", "permisjon")
            .order_by("-dato", "-pk")
        ),
    )


def statuser_hatt(*, deltaker: Deltaker) -> set[str]:
    """Every status the case has had, has, or has planned: today's and both ends of each change in her
    history (a case's status changes only with a change recorded, services_status)."""
    historikk = statushistorikk_for_saksside(deltaker=deltaker)
    return {deltaker.status, *(e.fra_status for e in historikk), *(e.til_status for e in historikk)}


SAKSMAPPE_MED = ("kartlegging__utfort_av", "inntakssamtale", "avbrudd")


def saksmappe(*, deltaker: Deltaker, synlig: frozenset[str] | None = None) -> Saksmappe:
    """The case file for the case page. `synlig`: the field groups the reader may see
    (fagbrev.permissions.feltgrupper_for); what lies outside them is left out, not only unprinted."""
    # the three one-to-one rows (each may be missing) in one query instead of three; none if the caller
    # fetched them with her (get_deltaker_for_user(…, med=SAKSMAPPE_MED))
    rad = (
        deltaker
        if all(getattr(Deltaker, navn).is_cached(deltaker) for navn in ("kartlegging", "inntakssamtale", "avbrudd"))
        else Deltaker.objects.select_related(*SAKSMAPPE_MED).get(pk=deltaker.pk)
    )
    kartlegging, inntak, avbrudd = (_en_til_en(rad, navn) for navn in ("kartlegging", "inntakssamtale", "avbrudd"))

    def ser(gruppe: str) -> bool:  # what she may not see is not read either (_bare_synlig empties it)
        return synlig is None or gruppe in synlig

    vurderinger = (
        list(kartlegging.vurderinger.select_related("kriterium").order_by("kriterium__rekkefolge", "kriterium_id"))
        if kartlegging and ser("kartlegging")
        else []
    )
    vurdert = {v.kriterium_id for v in vurderinger}
    kriterier = (
        [
            k
            # one track's criteria: its order is the model's without the join to sort by track
            for k in Opptakskriterium.objects.filter(fagretning_id=deltaker.fagretning_id, aktiv=True).order_by(
                "rekkefolge", "pk"
            )
            if k.pk not in vurdert
        ]
        if ser("kartlegging")
        else []
    )
    # the status rules read deltaker.inntakssamtale: hand them what we just fetched
    if inntak is not None:
        deltaker.inntakssamtale = inntak
    else:
        deltaker._state.fields_cache["inntakssamtale"] = None
    # her whole status history, each change with the leave it began (her leave list is taken from it)
    statushistorikk = statushistorikk_for_saksside(deltaker=deltaker)
    # an admission decision is made with the status change it decides (services_opptak.opptak_vedta: dated
    # no later than today, so in force at once and never withdrawn): without such a change, no decision
    vedtatt = any(e.til_status in (Deltaker.Status.TATT_OPP, Deltaker.Status.AVSLATT) for e in statushistorikk)
    mappe = Saksmappe(
        deltaker=deltaker,
        kartlegging=kartlegging,
        vurderinger=vurderinger,
        kriterier_uten_vurdering=kriterier,
        vedtak=list(deltaker.opptaksvedtak.select_related("besluttet_av", "sammen_med"))
        if ser("opptak") and vedtatt
        else [],
        inntak=inntak,
        permisjoner=permisjoner_for_saksside(deltaker=deltaker, statushistorikk=statushistorikk),
        avbrudd=avbrudd,
        dokumenter=list(deltaker.dokumenter.all()) if ser("dokumenter") else [],  # the page names no uploader
        utstyr=list(deltaker.utstyrslan.all()) if ser("utstyr") else [],
        hendelser=list(
            Hendelse.objects.filter(deltaker_id=deltaker.pk)
            .select_related("utfort_av")
            .order_by("-tidspunkt", "-id")[:100]
        ),
        overganger=overganger.mulige(deltaker),
        neste_steg=overganger.NESTE_STEG[deltaker.status],
    )
    idag = timezone.localdate()
    mappe.statushistorikk = statushistorikk
    mappe.status_idag = status_pa_dato_i(mappe.statushistorikk, idag, deltaker.status)  # the rows just read
    mappe.planlagt = next((e for e in mappe.statushistorikk if e.er_planlagt and e.dato > idag), None)
    if mappe.status_idag != deltaker.status:  # a change whose day has come, before the daily job ran
        mappe.overganger, mappe.neste_steg = [], overganger.NESTE_STEG[mappe.status_idag]
    if mappe.planlagt is not None:  # the next change starts where the planned one leaves the case
        mappe.overganger = []
    return mappe if synlig is None else _bare_synlig(mappe, synlig)


def _bare_synlig(mappe: Saksmappe, synlig: frozenset[str]) -> Saksmappe:
    """The case file without the field groups the reader may not see."""
    if "kartlegging" not in synlig:
        mappe.kartlegging, mappe.vurderinger, mappe.kriterier_uten_vurdering = None, [], []
    if "opptak" not in synlig:
        mappe.vedtak, mappe.inntak = [], None
    if "oppmote" not in synlig:
        mappe.permisjoner = []
    if "fravarsgrunner" not in synlig:
        mappe.avbrudd = None
    if "dokumenter" not in synlig:
        mappe.dokumenter = []
    if "utstyr" not in synlig:
        mappe.utstyr = []
    if "historikk" not in synlig:
        mappe.statushistorikk = [e for e in mappe.statushistorikk if e is mappe.planlagt]
    if "historikk" not in synlig:  # only the events of the groups she sees
        mappe.hendelser = [h for h in mappe.hendelser if hendelse_feltgruppe(h.handling) in synlig]
    return mappe


# --- outcome after the pathway (utfall) -----------------------------------------------------------

SEKS_MANEDER = 6


def avslutningsdato(*, deltaker: Deltaker) -> datetime.date | None:
    """The day a closed case ended: the last status change into its current status (fullført or
    avbrutt). None for an open case, or a closed one without a recorded change. One query."""
    if deltaker.status not in statusgrupper.LOP_AVSLUTTET:
        return None
    return deltaker.statusendringer.filter(til_status=deltaker.status).aggregate(d=Max("dato"))["d"]


def oppstartsdato(*, deltaker: Deltaker) -> datetime.date | None:
    """The day her training started: the first status change into «I opplæring» (its "gjelder
    fra" date). None if she never started. One query."""
    return deltaker.statusendringer.filter(til_status=Deltaker.Status.I_OPPLAERING).aggregate(d=Min("dato"))["d"]


def utfall_frist_seks_maneder(avsluttet: datetime.date) -> datetime.date:
    """The six-month outcome is due (and can first be dated) six months after the case ended."""
    return samme_dag(avsluttet, maneder=SEKS_MANEDER)


@dataclass
class Utfallsstatus:
    """The case's outcomes by point in time, and when the six-month one is due."""

    avsluttet: datetime.date | None
    ved_fullforing: Utfall | None
    seks_maneder: Utfall | None

    @property
    def frist_seks_maneder(self) -> datetime.date | None:
        return utfall_frist_seks_maneder(self.avsluttet) if self.avsluttet else None

    def seks_maneder_mulig(self, idag: datetime.date) -> bool:
        return self.frist_seks_maneder is not None and idag >= self.frist_seks_maneder


def utfall_status(*, deltaker: Deltaker) -> Utfallsstatus:
    """Two queries: the outcomes (with who registered them) and the end date."""
    rader = {u.tidspunkt: u for u in Utfall.objects.filter(deltaker=deltaker).select_related("registrert_av")}
    return Utfallsstatus(
        avsluttet=avslutningsdato(deltaker=deltaker),
        ved_fullforing=rader.get(Utfall.Tidspunkt.VED_FULLFORING),
        seks_maneder=rader.get(Utfall.Tidspunkt.SEKS_MANEDER),
    )
