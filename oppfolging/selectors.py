"""Reads in follow-up: the visit rhythm, semester status, meetings and action items.

The visit rhythm is computed in the database: for each participant the last visit (or, before the
first visit, the start of the open placement) plus the track's `besok_intervall_dager` gives the
date the next visit is due. One query for any number of participants.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery

from arbeidsgivere.models import Plassering
from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.models import Fagretning
from fagbrev.permissions import FAGLARER, KOORDINATOR

from .besoksdato import LeggTilDager, frister_oppdater, grunnlag, neste_frist
from .besoksfrist import BESOK_SNART_DAGER, besok_snart_til
from .models import Besok, Faddersamling, Mote, Revisjon, Semester, Tiltak, Vurderingssamtale, semester_for


@dataclass(frozen=True)
class Semestertall:
    """My overview's follow-up counts over whole organisations."""

    aktive: int  # followed up at the workplace (statusgrupper.PA_ARBEIDSPLASSEN)
    holdt: int  # of them, those whose last assessment meeting held is in the semester or later
    planlagt: int  # the semester's meetings not yet held, of those followed up


# f(*, org_ids, semester) -> Semestertall: the counts read from a pre-aggregate a higher app keeps current
# by triggers (rapporter registers one in its ready(); my overview brings it current first, `for_oversikt`).
# Without one, or for a reader who sees part of an organisation, they are counted from the rows.
LAGRET_SEMESTERTALL: dict[str, Callable[..., Semestertall]] = {}


def hele_organisasjoner(user) -> set[int]:
    """The organisations whose every participant `deltakere_for_oppfolging(user)` holds, when it holds
    nothing else (a coordinator's); empty when part of an organisation is hers (a faglærer's own)."""
    return set() if user.organisasjoner_med(FAGLARER) else user.organisasjoner_med(KOORDINATOR)


def _lagret_semestertall(hele_org: set[int] | frozenset[int], semester: Semester) -> Semestertall | None:
    lagret = next(iter(LAGRET_SEMESTERTALL.values()), None)
    return lagret(org_ids=hele_org, semester=semester) if hele_org and lagret is not None else None


def _semestertall(aktive: QuerySet[Deltaker], semester: Semester, hele_org: set[int] | frozenset[int]) -> Semestertall:
    """The counts for `aktive` (those followed up, of whole `hele_org` when given): stored, or from the rows."""
    if (tall := _lagret_semestertall(hele_org, semester)) is not None:
        return tall
    # Held: her last meeting held is in this semester (Deltaker.siste_vurderingssamtale, stored by
    # besoksdato, current once my overview's `for_oversikt` has run); planned: the semester's meetings not
    # yet held. Each read through a partial index, not a join of every active case with the meetings.
    antall = aktive.aggregate(
        alle=Count("pk"), holdt=Count("pk", filter=Q(siste_vurderingssamtale__gte=semester.start))
    )
    planlagt = Vurderingssamtale.objects.filter(
        semester=semester.kode, holdt_dato__isnull=True, deltaker__in=aktive
    ).count()
    return Semestertall(aktive=antall["alle"], holdt=antall["holdt"], planlagt=planlagt)


def deltakere_for_oppfolging(user) -> QuerySet[Deltaker]:
    """Participants the user may record follow-up for: a coordinator's organisation, a faglærer's own."""
    koordinator = user.organisasjoner_med(KOORDINATOR)
    faglarer = user.organisasjoner_med(FAGLARER)
    q = Q(pk__in=[])
    if koordinator:
        q |= Q(organisasjon_id__in=koordinator)
    if faglarer:
        q |= Q(organisasjon_id__in=faglarer, faglarer_id=user.pk)
    return Deltaker.objects.filter(q)


def med_besoksrytme(qs: QuerySet[Deltaker]) -> QuerySet[Deltaker]:
    """Annotate siste_besok, grunnlag (last visit or placement start), neste_frist and arbeidssted_navn."""
    siste = Besok.objects.filter(deltaker=OuterRef("pk")).order_by("-dato", "-pk")
    apen = Plassering.objects.filter(deltaker=OuterRef("pk"), til__isnull=True).order_by("-fra")
    return qs.annotate(
        siste_besok=Subquery(siste.values("dato")[:1], output_field=DateField()),
        planlagt_besok=Subquery(siste.values("neste_besok")[:1], output_field=DateField()),
        plassering_fra=Subquery(apen.values("fra")[:1], output_field=DateField()),
        arbeidssted_navn=Subquery(apen.values("arbeidssted__navn")[:1]),
        grunnlag=grunnlag(),
        neste_frist=neste_frist(),
    )


def besoksfrist_for(*, deltaker: Deltaker) -> datetime.date | None:
    """The day her next visit is due (`neste_frist`, the one rule), worked out now: one query of the
    rule's own subqueries, not the whole rhythm `med_besoksrytme` annotates for a list."""
    return Deltaker.objects.filter(pk=deltaker.pk).annotate(frist=neste_frist()).values_list("frist", flat=True).get()


@dataclass
class Rytme:
    """Participants whose next visit is overdue or due soon (`oppfolging.besoksfrist`)."""

    forfalt: list[Deltaker]
    snart: list[Deltaker]
    antall_fulgt: int
    snart_dager: int = BESOK_SNART_DAGER


def besoksrytme(
    *,
    deltakere: QuerySet[Deltaker],
    idag: datetime.date,
    grense: int = 50,
    hele_org: set[int] | frozenset[int] = frozenset(),
) -> Rytme:
    """Overdue (due date passed, or never visited and not placed) and due-soon lists, by the one rule in
    `oppfolging.besoksfrist` (my overview and /oppfolging/ both call this).

    Read from the stored due date (Deltaker.neste_besok_frist, oppfolging/besoksdato.py) through its
    partial index: the work is the lists' rows, not every participant followed up. `hele_org` as in
    `semesterstatus`: the count of those followed up may come stored.
    """
    frister_oppdater()  # dates whose visit or placement changed since the last read (rarely any)
    aktive = deltakere.filter(status__in=statusgrupper.PA_ARBEIDSPLASSEN)
    # Each list is one walk of the partial index deltakere_besok_frist, cut at `grense`; the rhythm's
    # subqueries in the SELECT run only for the rows kept. The SQL says what besoksfrist's rule says:
    # overdue before today (a case never visited nor placed is stored as overdue), soon through the week.
    rader = med_besoksrytme(aktive).select_related("fagretning", "faglarer")
    forfalt = list(rader.filter(neste_besok_frist__lt=idag).order_by("neste_besok_frist", "etternavn", "pk")[:grense])
    snart = list(
        rader.filter(neste_besok_frist__gte=idag, neste_besok_frist__lte=besok_snart_til(idag)).order_by(
            "neste_besok_frist", "etternavn", "pk"
        )[:grense]
    )
    for d in chain(forfalt, snart):
        d.dager_over = (idag - d.neste_frist).days if d.neste_frist else None
    tall = _lagret_semestertall(hele_org, semester_for(idag))
    return Rytme(forfalt=forfalt, snart=snart, antall_fulgt=tall.aktive if tall else aktive.count())


def med_semesterstatus(qs: QuerySet[Deltaker], semester: Semester) -> QuerySet[Deltaker]:
    """Annotate this semester's assessment meeting: samtale_id, samtale_planlagt, samtale_holdt."""
    samtale = Vurderingssamtale.objects.filter(deltaker=OuterRef("pk"), semester=semester.kode)
    return qs.annotate(
        samtale_id=Subquery(samtale.values("pk")[:1]),
        samtale_planlagt=Subquery(samtale.values("planlagt_dato")[:1], output_field=DateField()),
        samtale_holdt=Subquery(samtale.values("holdt_dato")[:1], output_field=DateField()),
    )


@dataclass
class Semesterstatus:
    semester: Semester
    holdt: list[Deltaker]
    planlagt: list[Deltaker]
    mangler: list[Deltaker]
    antall_holdt: int = 0
    antall_planlagt: int = 0
    antall_mangler: int = 0

    @property
    def flere(self) -> int:
        """Participants counted but not listed (the lists were cut at `grense`)."""
        return (
            self.antall_mangler
            - len(self.mangler)
            + self.antall_planlagt
            - len(self.planlagt)
            + (self.antall_holdt - len(self.holdt) if self.holdt else 0)
        )


def semesterstatus(
    *,
    deltakere: QuerySet[Deltaker],
    idag: datetime.date,
    grense: int | None = None,
    med_holdt: bool = True,
    hele_org: set[int] | frozenset[int] = frozenset(),
) -> Semesterstatus:
    """Each active participant's assessment meeting this semester: held, planned or missing.

    Without `grense`, every active participant is listed (the follow-up page): one query, split here.
    With it (my overview), the counts come from the stored day of her last meeting held and the
    semester's meetings not yet held, and each list holds the first `grense` by name, so the overview
    reads the same number of rows in an organisation of any size. `hele_org`: `deltakere` is every
    participant of these organisations (`hele_organisasjoner`), so the counts may come stored.
    """
    semester = semester_for(idag)
    aktive = deltakere.filter(status__in=statusgrupper.PA_ARBEIDSPLASSEN)
    rekke = med_semesterstatus(aktive, semester).select_related("fagretning").order_by("etternavn", "fornavn", "pk")
    if grense is None:
        rader = list(rekke)
        holdt = [d for d in rader if d.samtale_holdt]
        planlagt = [d for d in rader if d.samtale_planlagt and not d.samtale_holdt]
        mangler = [d for d in rader if not d.samtale_id]
        return Semesterstatus(semester, holdt, planlagt, mangler, len(holdt), len(planlagt), len(mangler))
    tall = _semestertall(aktive, semester, hele_org)
    samtaler = Vurderingssamtale.objects.filter(deltaker=OuterRef("pk"), semester=semester.kode)
    return Semesterstatus(
        semester=semester,
        holdt=list(rekke.filter(Exists(samtaler.filter(holdt_dato__isnull=False)))[:grense]) if med_holdt else [],
        planlagt=list(rekke.filter(Exists(samtaler.filter(holdt_dato__isnull=True)))[:grense]),
        mangler=list(rekke.filter(~Exists(samtaler))[:grense]),
        antall_holdt=tall.holdt,
        antall_planlagt=tall.planlagt,
        antall_mangler=tall.aktive - tall.holdt - tall.planlagt,
    )


def apne_tiltak(*, user, alle_i_org: bool = False) -> QuerySet[Tiltak]:
    """Open action items: the user's own; with alle_i_org, every open item in her coordinator orgs."""
    q = Q(ansvarlig=user, organisasjon_id__in=user.organisasjoner_med())
    if alle_i_org:
        q |= Q(organisasjon_id__in=user.organisasjoner_med(KOORDINATOR))
    return (
        Tiltak.objects.filter(q, utfort__isnull=True)
        .select_related("ansvarlig", "mote", "mote__fagretning")
        .order_by("frist", "pk")
    )


def moter_for(user) -> QuerySet[Mote]:
    return Mote.objects.for_roller(user, KOORDINATOR, FAGLARER).select_related("fagretning")


def faddersamlinger_for(user) -> QuerySet[Faddersamling]:
    return (
        Faddersamling.objects.for_roller(user, KOORDINATOR, FAGLARER)
        .select_related("fagretning")
        .prefetch_related("faddere")
    )


@dataclass
class Oppforing:
    """One entry in a participant's follow-up history (a visit or an assessment meeting)."""

    dato: datetime.date
    type: str
    objekt: object


def historikk_for(*, deltaker: Deltaker, besok: bool = True, samtaler: bool = True) -> list[Oppforing]:
    """All visits and assessment meetings of a participant, newest first. Two queries; `besok` or
    `samtaler` False when the caller knows she has none of them (that query is left out)."""
    # sorted together below: the models' own orderings would only cost the queries. The page names who
    # registered a visit only.
    besok = (
        Besok.objects.filter(deltaker=deltaker).select_related("arbeidssted", "registrert_av").order_by()
        if besok
        else []
    )
    samtaler = Vurderingssamtale.objects.filter(deltaker=deltaker).order_by() if samtaler else []
    oppforinger = [Oppforing(b.dato, "besok", b) for b in besok]
    oppforinger += [Oppforing(s.dato, "samtale", s) for s in samtaler]
    return sorted(oppforinger, key=lambda o: (o.dato, o.objekt.pk), reverse=True)


def revisjoner_for(objekt) -> list[Revisjon]:
    """Earlier versions of a visit or assessment meeting, newest first, each with (label, value) rows."""
    from django.contrib.contenttypes.models import ContentType

    revisjoner = list(
        Revisjon.objects.filter(
            objekt_type=ContentType.objects.get_for_model(objekt), objekt_id=objekt.pk
        ).select_related("endret_av")
    )
    meta = type(objekt)._meta
    for r in revisjoner:
        r.rader = []
        for felt, verdi in r.data.items():
            if verdi in (None, ""):
                continue
            f = meta.get_field(felt)
            if f.choices:
                verdi = dict(f.choices).get(verdi, verdi)
            elif f.get_internal_type() == "DateField":
                verdi = datetime.date.fromisoformat(verdi).strftime("%d.%m.%Y")
            elif f.is_relation:
                verdi = f"#{verdi}"
            r.rader.append((str(f.verbose_name).capitalize(), verdi))
    return revisjoner


PROSJEKTGRUPPE_INTERVALL_DAGER = 28  # every four weeks


def moterytme(*, user, idag: datetime.date) -> dict:
    """Per active track: the last project group meeting and when the next is due (four weeks later);
    and whether the steering group has met this semester. Two queries."""
    from django.db.models import Value

    siste = Mote.objects.filter(fagretning=OuterRef("pk"), type=Mote.Type.PROSJEKTGRUPPE).order_by("-dato")
    fagretninger = list(
        Fagretning.objects.for_roller(user, KOORDINATOR, FAGLARER)
        .filter(aktiv=True)
        .annotate(siste_mote=Subquery(siste.values("dato")[:1], output_field=DateField()))
        .annotate(neste_mote=LeggTilDager(F("siste_mote"), Value(PROSJEKTGRUPPE_INTERVALL_DAGER)))
        .order_by("navn")
    )
    for f in fagretninger:
        f.mote_forfalt = f.neste_mote is None or f.neste_mote < idag
    semester = semester_for(idag)
    styring = (
        Mote.objects.for_roller(user, KOORDINATOR, FAGLARER)
        .filter(type=Mote.Type.STYRINGSGRUPPE, dato__range=(semester.start, semester.slutt))
        .order_by("-dato")
        .first()
    )
    return {"fagretninger": fagretninger, "styringsgruppe": styring, "semester": semester}
