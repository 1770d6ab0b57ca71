"""Each generated participant's pathway as dates, computed from the participant number and status alone.

Every part of the generator that writes dated facts (status changes, placements, contracts, exams,
Norwegian tests, visits, assessment meetings, terminations) reads the dates from `lop_for`, so the
facts agree with each other and with the participant's status, and a part can be re-run for
[fra, til) without reading what another part wrote. Referrals spread over the last three years (the
six semesters the dashboard's trends show); a finished case can have started a little earlier.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from deltakere.models import Deltaker

S = Deltaker.Status
HORISONT = 3 * 365  # six semesters

# The steps after the referral, in order; a participant in status s has reached every step up to s.
STEG = [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
# How far along the steps each status is (the number of steps reached) and whether the case is closed.
NADD = {
    S.HENVIST: (0, False),
    S.KARTLAGT: (1, False),
    S.TATT_OPP: (2, False),
    S.AVSLATT: (1, True),  # declined instead of admitted
    S.I_OPPLAERING: (3, False),
    S.PERMISJON: (3, False),
    S.TEORI_BESTATT: (4, False),
    S.FAGPROVE_MELDT_OPP: (5, False),
    S.FULLFORT: (6, True),
    S.AVBRUTT: (3, True),  # terminated during the training
}


@dataclass(frozen=True)
class Lop:
    henvist: datetime.date
    datoer: dict[str, datetime.date]  # status → the day the case moved into it (steps reached only)
    overganger: list[tuple[str, str, datetime.date]] = field(default_factory=list)  # (from, to, date)
    intervall_jitter: int = 0  # days added to the track's visit interval for this participant

    def __getitem__(self, status: str) -> datetime.date | None:
        return self.datoer.get(status)

    @property
    def opplaering(self) -> datetime.date | None:
        """Start of the training at a workplace (placement, contract)."""
        return self.datoer.get(S.I_OPPLAERING)

    @property
    def slutt(self) -> datetime.date | None:
        """The day the case closed (completed or terminated), None while it runs."""
        return self.datoer.get(S.FULLFORT) or self.datoer.get(S.AVBRUTT)

    def i_praksis_til(self, idag: datetime.date) -> datetime.date:
        """Last day at the workplace so far: the end, the start of a leave, or today."""
        return self.slutt or self.datoer.get(S.PERMISJON) or idag


def lop_for(nr: int, status: str, idag: datetime.date) -> Lop:
    rng = random.Random(nr)
    varighet = [
        rng.randint(10, 40),  # referral → mapped
        rng.randint(20, 60),  # → admitted (or declined)
        rng.randint(14, 45),  # → training starts
        rng.randint(300, 600),  # → written exam passed
        rng.randint(60, 150),  # → fagprøve registered
        rng.randint(30, 90),  # → fagprøve passed
    ]
    forskyvning = [sum(varighet[: i + 1]) for i in range(len(varighet))]  # days from referral to each step
    steg, lukket = NADD[status]
    sist = forskyvning[steg - 1] if steg else 0
    if status == S.AVSLATT:
        sist = forskyvning[1]
    elif status == S.AVBRUTT:
        sist = forskyvning[2] + rng.randint(30, 500)
    elif status == S.PERMISJON:
        sist = forskyvning[2] + rng.randint(30, 200)
    if lukket:
        alder = rng.randint(sist, max(sist, HORISONT))
    else:
        neste = forskyvning[steg] if steg < len(forskyvning) else sist + 1
        if status == S.PERMISJON:
            neste = max(sist + 1, forskyvning[3])
        alder = rng.randint(sist, max(sist, neste - 1))
    henvist = idag - datetime.timedelta(days=alder)
    datoer: dict[str, datetime.date] = {}
    overganger = []
    forrige = S.HENVIST
    for i in range(steg):
        til = STEG[i]
        datoer[til] = henvist + datetime.timedelta(days=forskyvning[i])
        overganger.append((forrige, til, datoer[til]))
        forrige = til
    if status in (S.AVSLATT, S.AVBRUTT, S.PERMISJON):
        dag = henvist + datetime.timedelta(days=forskyvning[1] if status == S.AVSLATT else sist)
        datoer[status] = dag
        overganger.append((forrige, status, dag))
    return Lop(henvist=henvist, datoer=datoer, overganger=overganger, intervall_jitter=rng.randint(3, 10))


def termin(dato: datetime.date) -> str:
    """«vår 2026» / «høst 2026»: the exam term a date falls in."""
    return f"{'vår' if dato.month < 8 else 'høst'} {dato.year}"
