"""Semesters as the scheme counts them: vår (January–June) and høst (August–December; July counts to høst)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

VAR, HOST = "var", "host"


@dataclass(frozen=True, order=True)
class Semester:
    aar: int
    halvar: str  # VAR sorts before HOST within a year

    @classmethod
    def for_dato(cls, dato: datetime.date) -> Semester:
        return cls(dato.year, VAR if dato.month <= 6 else HOST)

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
    def navn(self) -> str:
        return f"{'Vår' if self.halvar == VAR else 'Høst'} {self.aar}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.aar, 1 if self.halvar == VAR else 7, 1)

    @property
    def slutt(self) -> datetime.date:
        return datetime.date(self.aar, 6, 30) if self.halvar == VAR else datetime.date(self.aar, 12, 31)

    def forrige(self) -> Semester:
        return Semester(self.aar, VAR) if self.halvar == HOST else Semester(self.aar - 1, HOST)

    def siste(self, antall: int) -> list[Semester]:
        """This and the antall-1 semesters before it, oldest first."""
        ut, s = [], self
        for _ in range(antall):
            ut.append(s)
            s = s.forrige()
        return list(reversed(ut))
