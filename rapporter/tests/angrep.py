"""An attacker on the published reports: what can be worked out about a hidden number?

The attacker reads what the steering group gets (the Excel export; the page and the PDF show the same
cells, which the tests check) and knows how every number is made: columns and rows add up to their
totals, a track is the sum of its cohorts, a year is the sum of its two semesters, the steps of the
funnel are nested, «Besøk forventet» is active participants × (days in the period ÷ the track's visit
interval), «Samtaler forventet» active × semesters, a share is round(100 × done ÷ due), and the same
number appears in several tables (avbrutt per track = the row total of «Avbrudd etter årsak»).

Every cell is a variable with a set of possible values: a shown number its value, «<5» 1–4, «skjult»
anything. Each relation removes the values that no choice of the others can satisfy, and this
runs until nothing changes (generalised arc consistency). A hidden cell left with one possible value has
been worked out. The attacker is checked against the truth (the coordinator's unsuppressed export): the
true value must always remain possible, or the attacker's model of the report is wrong.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from openpyxl import load_workbook

SKJULT_TEKSTER = {"<5", "skjult"}
MAKS = 40  # no count in the generated data sets comes near this (at most 12 participants, 36 visits)


@dataclass
class Ark:
    tittel: str
    kolonner: list[str]
    rader: dict[str, list]  # row name → values ("Totalt" included)


def les_excel(innhold: bytes) -> dict[str, Ark]:
    """Every sheet of the export by its title (tables and trends)."""
    ut = {}
    for ark in load_workbook(io.BytesIO(innhold)):
        rader = [[c.value for c in rad] for rad in ark.iter_rows()]
        tittel = str(rader[0][0]).split(" – ", 1)[0]
        if rader[1] and rader[1][0] == "Semester":  # a trend: Semester | Antall
            ut[tittel] = Ark(tittel, ["Antall"], {r[0]: [r[1]] for r in rader[2:]})
        else:
            ut[tittel] = Ark(tittel, [str(k) for k in rader[2][1:]], {r[0]: list(r[1:]) for r in rader[3:]})
    return ut


def _prosent(teller: int, nevner: int) -> int:
    return int(100 * teller / nevner + 0.5) if nevner else 0


@dataclass
class Angriper:
    dom: dict[Hashable, set[int]] = field(default_factory=dict)
    skjulte: set[Hashable] = field(default_factory=set)
    regler: list[tuple[tuple[Hashable, ...], Callable]] = field(default_factory=list)

    # --- variables ------------------------------------------------------------------------------
    def celle(self, nokkel: Hashable, publisert, *, mulige: Iterable[int] | None = None, avledet: bool = False) -> None:
        """A published cell: a number, or hidden («<5»: 1–4; «skjult»: anything within `mulige`). A hidden
        number made from counts (`avledet`: a share, a due number) only says that it is hidden."""
        if publisert in SKJULT_TEKSTER:
            self.skjulte.add(nokkel)
            grunn = set(mulige) if mulige is not None else set(range(MAKS + 1))
            # «skjult» says nothing about the size (rapporter/undertrykking.py)
            self.dom[nokkel] = grunn & {1, 2, 3, 4} if publisert == "<5" and not avledet else grunn
        else:
            self.dom[nokkel] = {int(publisert)}

    def ukjent(self, nokkel: Hashable, mulige: Iterable[int]) -> None:
        """A number the report does not print but the attacker reasons about (active per track)."""
        self.dom.setdefault(nokkel, set(mulige))

    # --- relations ------------------------------------------------------------------------------
    def sum_lik(self, ledd: list[tuple[int, Hashable]], konstant: int = 0) -> None:
        """Σ koeffisient × x = konstant."""
        nokler = tuple(n for _, n in ledd)

        def sjekk():
            endret = False
            for i, (c, n) in enumerate(ledd):
                andre = [(c2, n2) for j, (c2, n2) in enumerate(ledd) if j != i]
                summer = {0}
                for c2, n2 in andre:
                    summer = {s + c2 * x for s in summer for x in self.dom[n2]}
                    if len(summer) > 50_000:
                        return endret  # too wide to reason about exactly: no conclusion
                nytt = {x for x in self.dom[n] if konstant - c * x in summer}
                if nytt != self.dom[n]:
                    self.dom[n], endret = nytt, True
            return endret

        self.regler.append((nokler, sjekk))

    def lik(self, a: Hashable, b: Hashable) -> None:
        self.sum_lik([(1, a), (-1, b)])

    def minst(self, storre: Hashable, mindre: Hashable) -> None:
        def sjekk():
            a, b = self.dom[storre], self.dom[mindre]
            nytt_a = {x for x in a if x >= min(b, default=0)}
            nytt_b = {x for x in b if x <= max(a, default=0)}
            endret = nytt_a != a or nytt_b != b
            self.dom[storre], self.dom[mindre] = nytt_a, nytt_b
            return endret

        self.regler.append(((storre, mindre), sjekk))

    def funksjon(self, resultat: Hashable, kilder: list[Hashable], f: Callable[..., int]) -> None:
        """resultat = f(*kilder), by trying every combination (the sets are small)."""

        def sjekk():
            kombinasjoner = [()]
            for k in kilder:
                kombinasjoner = [(*komb, x) for komb in kombinasjoner for x in self.dom[k]]
                if len(kombinasjoner) > 200_000:
                    return False
            gyldige = [komb for komb in kombinasjoner if f(*komb) in self.dom[resultat]]
            endret = False
            nytt_r = {f(*komb) for komb in gyldige}
            if nytt_r != self.dom[resultat]:
                self.dom[resultat], endret = nytt_r, True
            for i, k in enumerate(kilder):
                nytt = {komb[i] for komb in gyldige}
                if nytt != self.dom[k]:
                    self.dom[k], endret = nytt, True
            return endret

        self.regler.append(((resultat, *kilder), sjekk))

    def prosent(self, p: Hashable, teller: Hashable, nevner: Hashable) -> None:
        self.funksjon(p, [teller, nevner], _prosent)

    # --- reasoning ------------------------------------------------------------------------------
    def resonner(self, maks_runder: int = 200) -> None:
        for _ in range(maks_runder):
            endret = [sjekk() for _, sjekk in self.regler]  # every rule, every round
            if not any(endret):
                return

    def funnet(self) -> dict[Hashable, int]:
        """Hidden cells whose value the attacker has worked out."""
        return {n: next(iter(self.dom[n])) for n in self.skjulte if len(self.dom[n]) == 1}

    def feil_modell(self, sannhet: dict[Hashable, int]) -> list[Hashable]:
        """Cells whose true value the attacker has ruled out: her model of the report is wrong there."""
        return [n for n, v in sannhet.items() if n in self.dom and v not in self.dom[n]]
