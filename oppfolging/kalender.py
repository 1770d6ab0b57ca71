"""Follow-up's dates on the year wheel and its parts of the coordinator's Monday overview.

They register in fagbrev/kalender.py when `OppfolgingConfig.ready()` imports this module. Titles carry
no personal data; the participant is named in the event's `hvem` and `fornavn` (fagbrev/kalender.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q

from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.datoregning import dato_tekst, ukens_sondag
from fagbrev.kalender import VIS_NAVN, Del, Kalenderdato, datoer_om_deltakere, kalenderkilde, navneliste, ukedel

from .besoksfrist import besok_forfalt_q
from .models import Mote, Vurderingssamtale, semester_for
from .permissions import samtaler_visible_to
from .selectors import med_besoksrytme, moter_for


@kalenderkilde
def moter(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """Project group and steering group meetings, for those who may see meetings (oppfolging.selectors)."""

    for pk, type_, dato, fagretning in (
        moter_for(user)
        .filter(organisasjon_id__in=organisasjon_ids, dato__gte=fra, dato__lte=til)
        .order_by("dato", "pk")
        .values_list("pk", "type", "dato", "fagretning__kortnavn")
    ):
        navn = dict(Mote.Type.choices)[type_]
        yield Kalenderdato(
            dato=dato,
            tittel=f"{navn} {fagretning}" if fagretning else navn,
            art="mote",
            lenke=f"/oppfolging/moter/{pk}/",
            uid=f"mote-{pk}",
        )


@kalenderkilde
def planlagte_samtaler(*, user, **vindu) -> Iterator[Kalenderdato]:
    """Assessment meetings planned and not yet held, of the participants whose meetings the user may see
    (oppfolging.permissions). One query."""
    planlagte = samtaler_visible_to(user).filter(holdt_dato__isnull=True)
    return datoer_om_deltakere(
        planlagte,
        "planlagt_dato",
        tittel="Vurderingssamtale",
        art="samtale",
        uid="vurderingssamtale",
        lenke="/oppfolging/vurderingssamtaler/{pk}/",
        **vindu,
    )


@ukedel(rekkefolge=30)
def vurderingssamtaler(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Assessment meetings planned this week, and who has none held or planned this semester. Two queries."""

    semester = semester_for(idag)
    uke_slutt = ukens_sondag(idag)
    planlagt = list(
        Vurderingssamtale.objects.filter(
            organisasjon_id=organisasjon_id,
            holdt_dato__isnull=True,
            planlagt_dato__gte=idag,
            planlagt_dato__lte=uke_slutt,
        )
        .order_by("planlagt_dato")
        .values_list("planlagt_dato", "deltaker__fornavn")
    )
    har = Vurderingssamtale.objects.filter(deltaker_id=OuterRef("pk"), semester=semester.kode).filter(
        Q(planlagt_dato__isnull=False) | Q(holdt_dato__isnull=False)
    )
    mangler = list(
        Deltaker.objects.filter(organisasjon_id=organisasjon_id, status__in=statusgrupper.PA_ARBEIDSPLASSEN)
        .exclude(Exists(har))
        .order_by("fornavn")
        .values_list("fornavn", flat=True)
    )
    if not planlagt and not mangler:
        return None
    linjer = [f"{dato_tekst(dato)}: {fornavn}" for dato, fornavn in planlagt]
    if mangler:
        linjer.append(
            f"Ingen samtale holdt eller planlagt i {str(semester).lower()}: {len(mangler)} ({navneliste(mangler)})"
        )
    return Del("Vurderingssamtaler", linjer)


@ukedel(rekkefolge=40)
def besok_forfalt(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Workplace visits overdue by the track's rhythm. One query."""

    rader = list(
        med_besoksrytme(
            Deltaker.objects.filter(organisasjon_id=organisasjon_id, status__in=statusgrupper.PA_ARBEIDSPLASSEN)
        )
        .filter(besok_forfalt_q(idag))
        .order_by("neste_frist", "fornavn")
        .values_list("fornavn", "neste_frist")
    )
    if not rader:
        return None
    return Del(
        "Arbeidsplassbesøk over fristen",
        [f"{len(rader)} deltakere"]
        + [f"{fornavn}: skulle vært {frist:%d.%m.%Y}" for fornavn, frist in rader[:VIS_NAVN]],
    )
