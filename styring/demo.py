"""Demo data: the steering group's costs for the last four semesters per Lørenskog track (books, work
clothes, lærlingtilskudd, equipment; split between the municipality, NAV, the county and IMDi), and one
planned new track half way through IMDi's seven steps. Dates relative to the day the demo is loaded,
none after it. Invented figures; idempotent (nothing is added when the organisation has costs)."""

from __future__ import annotations

import datetime

from fagbrev.demo import Demo, seeder

from .models import Kostnad, Sporplan, Sporsteg
from .selectors import semesterkode
from .services import sporplan_opprett

A, B = Kostnad.Art, Kostnad.Betaler

# track key → [(kind, payer, amount per semester)]
KOSTNADER = {
    "bua": [(A.BOKER, B.KOMMUNEN, 9_600), (A.ARBEIDSKLAER, B.NAV, 4_800), (A.LAERLINGTILSKUDD, B.FYLKET, 61_000)],
    "helse": [(A.BOKER, B.KOMMUNEN, 12_400), (A.ARBEIDSKLAER, B.KOMMUNEN, 7_200), (A.UTSTYR, B.IMDI, 18_000)],
    "renhold": [(A.BOKER, B.KOMMUNEN, 3_900), (A.ARBEIDSKLAER, B.NAV, 5_500), (A.EKSAMEN, B.NAV, 2_600)],
}

STEG_NOTAT = {
    1: ("Koordinator og NAV Lørenskog", "Kartlagt behov for fagarbeidere i kantiner og storkjøkken i regionen."),
    2: ("Koordinator", "Restaurant- og matfag (2019) vurdert: for lite praksis; ny modell med lengre praksisår."),
    3: ("Prosjektgruppen", "Tiltaksplan under arbeid: norskopplæring med fagspråk fra første uke."),
}


def _semestre(idag: datetime.date, antall: int) -> list[str]:
    """This semester's code and the ones before it, newest first."""
    koder, dato = [], idag
    for _ in range(antall):
        koder.append(semesterkode(dato))
        dato = datetime.date(dato.year, 7, 1) if dato.month >= 8 else datetime.date(dato.year - 1, 9, 1)
    return koder


@seeder(rekkefolge=110)
def seed(demo: Demo) -> None:
    org = demo.org["Lørenskog"]
    koordinator = demo.brukere["koordinator"]
    if not Kostnad.objects.filter(organisasjon=org).exists():
        rader = []
        for i, semester in enumerate(_semestre(demo.idag, 4)):
            for nokkel, poster in KOSTNADER.items():
                for art, betaler, belop in poster:
                    rader.append(
                        Kostnad(
                            organisasjon=org,
                            fagretning=demo.fagretninger[nokkel],
                            semester=semester,
                            art=art,
                            betaler=betaler,
                            belop=belop + 300 * i,
                            registrert_av=koordinator,
                        )
                    )
        Kostnad.objects.bulk_create(rader)
    if not Sporplan.objects.filter(organisasjon=org).exists():
        plan = sporplan_opprett(
            organisasjon=org,
            utfort_av=koordinator,
            navn="Kokkfag og storkjøkken",
            beskrivelse="Et nytt løp mot fagbrev som kokk for deltakere med erfaring fra kjøkken, med kommunens "
            "sykehjemskjøkken og to kantiner som praksisplasser.",
        )
        for nummer, (ansvarlig, notat) in STEG_NOTAT.items():
            startet = demo.idag - datetime.timedelta(days=150 - 40 * nummer)
            ferdig = startet + datetime.timedelta(days=30) if nummer < 3 else None
            Sporsteg.objects.filter(plan=plan, nummer=nummer).update(
                status=Sporsteg.Status.FERDIG if ferdig else Sporsteg.Status.PAGAR,
                ansvarlig=ansvarlig,
                startet=startet,
                ferdig=ferdig,
                notat=notat,
                endret_av=koordinator,
                endret=datetime.datetime.combine(ferdig or startet, datetime.time(10), tzinfo=datetime.UTC),
            )
