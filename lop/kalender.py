"""The pathway's dates on the year wheel and its parts of the coordinator's Monday overview.

They register in fagbrev/kalender.py when `LopConfig.ready()` imports this module. Titles carry no
personal data; the participant is named in the event's `hvem` and `fornavn` (fagbrev/kalender.py), never
by birth date or identity number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from arbeidsgivere.models import Avtale
from deltakere.models import Deltaker
from fagbrev.datoregning import dato_tekst
from fagbrev.kalender import Del, Kalenderdato, datoer_om_deltakere, kalenderkilde, navneliste, om_deltaker, ukedel
from fagbrev.models import Organisasjon

from .frister import fagprovevindu, pameldingsvinduer
from .models import Eksamen, Fagprove, Laerekontrakt, Resultat, Sjekkpunkt
from .selectors import eksamener_uten_pamelding

KONTRAKT_UKER = 8


def _datoer_om_deltakerne(
    qs, datofelt: str, art: str, uid: str, tittel: str, *, user, **vindu
) -> Iterator[Kalenderdato]:
    """One event per row of `qs` dated in the window (`organisasjon_ids`, `fra`, `til`) about a participant
    the user may see, linked to her case page and named in `hvem`/`fornavn`. One query."""
    hennes = qs.filter(deltaker__in=Deltaker.objects.visible_to(user))
    return datoer_om_deltakere(
        hennes, datofelt, tittel=tittel, art=art, uid=uid, lenke="/deltakere/{deltaker_id}/", **vindu
    )


@kalenderkilde
def kontraktslutt(**hvor) -> Iterator[Kalenderdato]:
    """The end date of each open learning contract of the participants the user may see."""
    apne = Laerekontrakt.objects.exclude(status__in=Laerekontrakt.AVSLUTTET)
    return _datoer_om_deltakerne(apne, "slutt", "kontrakt", "kontraktslutt", "Lærekontrakten slutter", **hvor)


@kalenderkilde
def fagprover(**hvor) -> Iterator[Kalenderdato]:
    """Fagprøve dates of the participants the user may see."""
    return _datoer_om_deltakerne(Fagprove.objects.all(), "provedato", "fagprove", "fagprove", "Fagprøve", **hvor)


@kalenderkilde
def fagprovefrister(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """The last day to order the fagprøve (lop/frister.py: the organisation's months before the contract
    ends) on each open contract of a participant the user may see with no fagprøve ordered. One query."""
    meldt = Fagprove.objects.filter(kontrakt_id=OuterRef("pk"))
    for pk, slutt, tidligst, senest, fornavn, etternavn, deltaker_id in (
        Laerekontrakt.objects.filter(
            organisasjon_id__in=organisasjon_ids,
            deltaker__in=Deltaker.objects.visible_to(user),
            slutt__gte=fra,  # the deadline is before the end, so an end before `fra` has its deadline before too
        )
        .exclude(status__in=Laerekontrakt.AVSLUTTET)
        .filter(~Exists(meldt))
        .order_by("slutt", "pk")
        .values_list(
            "pk",
            "slutt",
            "organisasjon__fagprove_tidligst_maneder",
            "organisasjon__fagprove_senest_maneder",
            "deltaker__fornavn",
            "deltaker__etternavn",
            "deltaker_id",
        )
    ):
        frist = fagprovevindu(slutt, tidligst_maneder=tidligst, senest_maneder=senest).senest
        if fra <= frist <= til:
            yield om_deltaker(
                fornavn,
                etternavn,
                dato=frist,
                tittel="Siste frist for oppmelding til fagprøve",
                art="fagprove",
                lenke=f"/deltakere/{deltaker_id}/eksamen/",
                uid=f"fagprovefrist-{pk}",
            )


@ukedel(rekkefolge=50)
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


@ukedel(rekkefolge=60)
def eksamen_og_fagprove(*, organisasjon_id, mottaker, idag) -> Del | None:
    """The exam window open or opening within two weeks with who is not registered, and fagprøve
    registrations whose period closes within eight weeks. Two queries.
    """

    linjer = []
    for vindu in pameldingsvinduer(idag.year) + pameldingsvinduer(idag.year + 1):
        if vindu.siste_dag >= idag and vindu.forste_dag <= idag + datetime.timedelta(days=14):
            navn = list(
                eksamener_uten_pamelding(vindu)
                .filter(organisasjon_id=organisasjon_id)
                .order_by("deltaker__fornavn")
                .values_list("deltaker__fornavn", flat=True)
            )
            tekst = f"Påmelding til skriftlig eksamen {vindu.navn}: {vindu.forste_dag:%d.%m}–{vindu.siste_dag:%d.%m.%Y}"
            linjer.append(tekst + (f"; ikke meldt opp: {len(navn)} ({navneliste(navn)})" if navn else ""))
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


@ukedel(rekkefolge=70)
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
        linjer.append(f"Dokumenter mangler i kontraktsøknaden: {len(mangler)} ({navneliste(mangler)})")
    if usignert:
        linjer.append(f"Praksisavtaler som ikke er signert: {len(usignert)} ({navneliste(usignert)})")
    return Del("Dokumenter og signaturer", linjer) if linjer else None
