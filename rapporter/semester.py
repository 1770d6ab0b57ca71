"""Reporting periods: semesters as the scheme counts them, and calendar years for the annual report.

The semester rule is the core calendar's (`fagbrev.datoregning.Semester`, `semester_for`): vår is
1 January–31 July (July, the summer break, closes the school year) and høst is 1 August–31 December.
Reports and assessment meetings must put a date in the same semester, so this class delegates its
dates to that one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from fagbrev.datoregning import Semester as Kalendersemester
from fagbrev.datoregning import semester_for

VAR, HOST = "var", "host"


@dataclass(frozen=True, order=True)
class Semester:
    aar: int
    halvar: str  # VAR sorts before HOST within a year

    @classmethod
    def for_dato(cls, dato: datetime.date) -> Semester:
        s = semester_for(dato)
        return cls(s.aar, HOST if s.del_ == "H" else VAR)

    @classmethod
    def fra_kode(cls, kode: str) -> Semester | None:
        """'2026-host' → Semester(2026, 'host'); None for anything else."""
        aar, _, halvar = (kode or "").partition("-")
        if not aar.isdigit() or halvar not in (VAR, HOST) or not 2000 <= int(aar) <= 2100:
            return None
        return cls(int(aar), halvar)

    @property
    def kode(self) -> str:
        return f"{self.aar}-{self.halvar}"

    @property
    def oppfolging_kode(self) -> str:
        """The code oppfølging stores on assessment meetings: '2026H' / '2026V'."""
        return f"{self.aar}{'H' if self.halvar == HOST else 'V'}"

    @property
    def navn(self) -> str:
        return f"{'Vår' if self.halvar == VAR else 'Høst'} {self.aar}"

    @property
    def start(self) -> datetime.date:
        return Kalendersemester(self.aar, "H" if self.halvar == HOST else "V").start

    @property
    def slutt(self) -> datetime.date:
        return Kalendersemester(self.aar, "H" if self.halvar == HOST else "V").slutt

    @property
    def semesterkoder(self) -> list[str]:
        return [self.oppfolging_kode]

    def forrige(self) -> Semester:
        return Semester(self.aar, VAR) if self.halvar == HOST else Semester(self.aar - 1, HOST)

    def siste(self, antall: int) -> list[Semester]:
        """This and the antall-1 semesters before it, oldest first."""
        ut, s = [], self
        for _ in range(antall):
            ut.append(s)
            s = s.forrige()
        return list(reversed(ut))


@dataclass(frozen=True)
class Aar:
    """A calendar year, for the annual report to IMDi, the county and the municipality."""

    aar: int

    @property
    def kode(self) -> str:
        return str(self.aar)

    @property
    def navn(self) -> str:
        return f"Året {self.aar}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.aar, 1, 1)

    @property
    def slutt(self) -> datetime.date:
        return datetime.date(self.aar, 12, 31)

    @property
    def semesterkoder(self) -> list[str]:
        return [f"{self.aar}V", f"{self.aar}H"]

    def siste(self, antall: int) -> list[Semester]:
        return Semester(self.aar, HOST).siste(antall)


Periode = Semester | Aar
