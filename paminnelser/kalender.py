"""The year wheel (årshjul): dated events for an organisation, from the registered sources.

The sources live in the apps that own the dates (lop/kalender.py, oppfolging/kalender.py) and
register in fagbrev/kalender.py; this module adds the scheme's fixed dates and reads them all for
the page /arshjul/, each user's iCalendar feed and the Monday overview.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fagbrev.datoregning import EKSAMEN_STENGER_TEKST, eksamensvinduer, semestre_i_ar
from fagbrev.kalender import KILDER, Kalenderdato, kalenderkilde


@kalenderkilde
def faste_datoer(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """The scheme's fixed dates: exam registration windows, the semesters' due dates and ends. No queries.

    Both from the core calendar (fagbrev/datoregning.py), as the reminders and the dashboard read them.
    """
    for ar in range(fra.year, til.year + 1):
        for vindu in eksamensvinduer(ar):
            if vindu.siste_dag >= fra and vindu.forste_dag <= til:
                yield Kalenderdato(
                    dato=vindu.forste_dag,
                    til=vindu.siste_dag,
                    tittel=f"Påmelding til tverrfaglig skriftlig eksamen (stenger {EKSAMEN_STENGER_TEKST})",
                    art="eksamen",
                    lenke="/arshjul/",
                    uid=f"eksamensvindu-{vindu.periode}",
                )
        for semester in semestre_i_ar(ar):
            navn = f"{'Høst' if semester.er_host else 'Vår'}semesteret {ar}"
            if semester.frist != semester.slutt and fra <= semester.frist <= til:
                yield Kalenderdato(
                    dato=semester.frist,
                    tittel=f"{navn}: siste dag for vurderingssamtaler før sommerferien",
                    art="semester",
                    uid=f"semesterfrist-{semester.frist:%Y%m%d}",
                )
            if fra <= semester.slutt <= til:
                yield Kalenderdato(
                    dato=semester.slutt,
                    tittel=f"{navn} slutter",
                    art="semester",
                    uid=f"semesterslutt-{semester.slutt:%Y%m%d}",
                )


def kalenderdatoer(*, user, organisasjon_ids: Iterable[int], fra, til) -> list[Kalenderdato]:
    """Every registered source's events in [fra, til], sorted by date."""
    ids = set(organisasjon_ids)
    ut: list[Kalenderdato] = []
    for kilde in KILDER.values():
        ut.extend(kilde(organisasjon_ids=ids, fra=fra, til=til, user=user))
    return sorted(ut, key=lambda k: (k.dato, k.tittel))
