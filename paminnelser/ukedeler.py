"""Parts of the coordinator's Monday overview over the pathway, follow-up and placements.

Each part is `(*, organisasjon_id, mottaker, idag) -> Del | None` (see ukeoversikt.py), a query or
two for the organisation whatever its size, and names participants by first name only.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q

from arbeidsgivere.models import Avtale
from deltakere.models import Deltaker
from fagbrev.datoregning import dato_tekst
from fagbrev.models import Organisasjon
from lop.frister import fagprovevindu, pameldingsvinduer
from lop.models import Eksamen, Fagprove, Laerekontrakt, Resultat, Sjekkpunkt
from oppfolging.models import Vurderingssamtale, semester_for
from oppfolging.selectors import med_besoksrytme
from oppfolging.services import BESOK_STATUSER

from .ukeoversikt import Del

VIS_NAVN = 10
KONTRAKT_UKER = 8


def _navn(navn: list[str]) -> str:
    vis = ", ".join(navn[:VIS_NAVN])
    return vis + (f" og {len(navn) - VIS_NAVN} til" if len(navn) > VIS_NAVN else "")


def vurderingssamtaler(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Assessment meetings planned this week, and who has none held or planned this semester. Two queries."""

    semester = semester_for(idag)
    uke_slutt = idag + datetime.timedelta(days=6 - idag.weekday())
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
        Deltaker.objects.filter(organisasjon_id=organisasjon_id, status__in=BESOK_STATUSER)
        .exclude(Exists(har))
        .order_by("fornavn")
        .values_list("fornavn", flat=True)
    )
    if not planlagt and not mangler:
        return None
    linjer = [f"{dato_tekst(dato)}: {fornavn}" for dato, fornavn in planlagt]
    if mangler:
        linjer.append(
            f"Ingen samtale holdt eller planlagt i {str(semester).lower()}: {len(mangler)} ({_navn(mangler)})"
        )
    return Del("Vurderingssamtaler", linjer)


def besok_forfalt(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Workplace visits overdue by the track's rhythm. One query."""

    rader = list(
        med_besoksrytme(Deltaker.objects.filter(organisasjon_id=organisasjon_id, status__in=BESOK_STATUSER))
        .filter(neste_frist__lt=idag)
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


def kontrakter_slutter(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Learning contracts ending in the next eight weeks. One query."""

    rader = list(
        Laerekontrakt.objects.filter(
            organisasjon_id=organisasjon_id,
            slutt__gte=idag,
            slutt__lte=idag + datetime.timedelta(weeks=KONTRAKT_UKER),
        )
        .exclude(status__in=Laerekontrakt.AVSLUTTET)
        .order_by("slutt")
        .values_list("slutt", "deltaker__fornavn")
    )
    if not rader:
        return None
    return Del("Kontrakter som slutter de neste åtte ukene", [f"{dato_tekst(s)}: {fornavn}" for s, fornavn in rader])


def eksamen_og_fagprove(*, organisasjon_id, mottaker, idag) -> Del | None:
    """The exam window open or opening within two weeks with who is not registered, and fagprøve
    registrations whose period closes within eight weeks. Two queries.
    """

    linjer = []
    for vindu in pameldingsvinduer(idag.year) + pameldingsvinduer(idag.year + 1):
        if vindu.siste_dag >= idag and vindu.forste_dag <= idag + datetime.timedelta(days=14):
            navn = list(
                Eksamen.objects.filter(
                    organisasjon_id=organisasjon_id,
                    termin__iexact=vindu.navn,
                    pameldt_dato__isnull=True,
                    deltaker__status__in=Deltaker.AKTIVE_STATUSER,
                )
                .order_by("deltaker__fornavn")
                .values_list("deltaker__fornavn", flat=True)
            )
            tekst = f"Påmelding til skriftlig eksamen {vindu.navn}: {vindu.forste_dag:%d.%m}–{vindu.siste_dag:%d.%m.%Y}"
            linjer.append(tekst + (f"; ikke meldt opp: {len(navn)} ({_navn(navn)})" if navn else ""))
    org = Organisasjon.objects.get(pk=organisasjon_id)
    bestatt = Eksamen.objects.filter(deltaker_id=OuterRef("deltaker_id"), resultat=Resultat.BESTATT)
    meldt = Fagprove.objects.filter(kontrakt_id=OuterRef("pk"))
    for slutt, fornavn in (
        Laerekontrakt.objects.filter(organisasjon_id=organisasjon_id, slutt__gt=idag)
        .exclude(status__in=Laerekontrakt.AVSLUTTET)
        .filter(Exists(bestatt), ~Exists(meldt))
        .order_by("slutt")
        .values_list("slutt", "deltaker__fornavn")
    ):
        vindu = fagprovevindu(
            slutt, tidligst_maneder=org.fagprove_tidligst_maneder, senest_maneder=org.fagprove_senest_maneder
        )
        if vindu.tidligst <= idag + datetime.timedelta(days=14) and idag <= vindu.senest:
            linjer.append(f"Fagprøve for {fornavn}: oppmelding {vindu.tidligst:%d.%m}–{vindu.senest:%d.%m.%Y}")
    return Del("Eksamen og fagprøve", linjer) if linjer else None


def dokumenter_og_signaturer(*, organisasjon_id, mottaker, idag) -> Del | None:
    """Required checklist documents missing on open contracts, and placement agreements not signed. Two queries."""

    mangler = list(
        Sjekkpunkt.objects.filter(
            kontrakt__organisasjon_id=organisasjon_id, pakrevd=True, status=Sjekkpunkt.Status.MANGLER
        )
        .exclude(kontrakt__status__in=Laerekontrakt.AVSLUTTET)
        .order_by("kontrakt__deltaker__fornavn")
        .values_list("kontrakt__deltaker__fornavn", flat=True)
        .distinct()
    )
    usignert = list(
        Avtale.objects.filter(organisasjon_id=organisasjon_id, status__in=["utkast", "til_signering"])
        .order_by("plassering__deltaker__fornavn")
        .values_list("plassering__deltaker__fornavn", flat=True)
    )
    linjer = []
    if mangler:
        linjer.append(f"Dokumenter mangler i kontraktsøknaden: {len(mangler)} ({_navn(mangler)})")
    if usignert:
        linjer.append(f"Praksisavtaler som ikke er signert: {len(usignert)} ({_navn(usignert)})")
    return Del("Dokumenter og signaturer", linjer) if linjer else None
