"""Small-number suppression for tables the steering group sees.

Primary suppression hides every count from 1 to 4 (shown as "<5"). Secondary suppression then makes
sure no hidden cell can be worked back out from the totals: in every line of the table — each row with
its row total, each column with its column total — either no entry is hidden or at least two are. When
a line has exactly one hidden entry, the smallest other non-zero entry of that line is hidden too, and
the check repeats until the table is stable.

Zeros are shown: a zero is not a person, and hiding zeros would hide most of a small municipality's
tables. A zero beside a single hidden cell does not protect it, which is why the rule picks the
smallest *non-zero* partner. When a line has no non-zero partner left, its total is hidden instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

GRENSE = 5  # counts 1..GRENSE-1 are hidden
SKJULT = "<5"
SKJULT_BELOP = "skjult"  # an amount hidden because the count of its row is hidden
# A count of 5 or more hidden only to protect a small one (secondary suppression): "<5" would be untrue.
SKJULT_SEKUNDAER = "skjult"


@dataclass(frozen=True)
class Tabell:
    """A count table with row and column totals; `skjult` marks hidden cells by (row, col).

    Totals live at index `len(rader)` (bottom row) and `len(kolonner)` (right column).
    """

    rader: list[str]
    kolonner: list[str]
    verdier: list[list[int]]  # including totals: (len(rader)+1) × (len(kolonner)+1), or no total column
    skjult: frozenset[tuple[int, int]]
    rad_total: bool = True
    # column index → what a hidden cell of that column says (amounts are not counts: not "<5")
    skjult_tekst: dict[int, str] = field(default_factory=dict)

    def vis(self, r: int, k: int) -> int | str:
        verdi = self.verdier[r][k]
        if (r, k) not in self.skjult:
            return verdi
        return self.skjult_tekst.get(k) or (SKJULT if 0 < verdi < GRENSE else SKJULT_SEKUNDAER)

    def visningsrader(self) -> list[tuple[str, list[int | str]]]:
        navn = [*self.rader, "Totalt"]
        bredde = len(self.kolonner) + (1 if self.rad_total else 0)
        return [(navn[r], [self.vis(r, k) for k in range(bredde)]) for r in range(len(navn))]


def med_totaler(celler: list[list[int]], *, rad_total: bool = True) -> list[list[int]]:
    """Add a total column to each row (unless the columns are nested steps) and a total row at the bottom."""
    rader = [[*rad, sum(rad)] if rad_total else list(rad) for rad in celler]
    bredde = len(rader[0]) if rader else 1
    total = [sum(rad[k] for rad in rader) for k in range(bredde)]
    return [*rader, total]


def _linjer(antall_rader: int, antall_kolonner: int, *, rad_total: bool = True) -> list[list[tuple[int, int]]]:
    """Every line that sums: each row with its total (when rows have one), each column with its total."""
    r_n, k_n = antall_rader + 1, antall_kolonner + (1 if rad_total else 0)
    rader = [[(r, k) for k in range(k_n)] for r in range(r_n)] if rad_total else []
    kolonner = [[(r, k) for r in range(r_n)] for k in range(k_n)]
    return rader + kolonner


def tom_totalrad(kolonner: list[str], *, rad_total: bool = True) -> list[list[int]]:
    return [[0] * (len(kolonner) + (1 if rad_total else 0))]


def undertrykk(rader: list[str], kolonner: list[str], celler: list[list[int]], *, rad_total: bool = True) -> Tabell:
    """Suppress small counts in a table (given without totals) and protect them against the totals.

    rad_total=False for tables whose columns are nested steps (a funnel): rows then get no total.
    """
    verdier = med_totaler(celler, rad_total=rad_total) if celler else tom_totalrad(kolonner, rad_total=rad_total)
    skjult = {(r, k) for r, rad in enumerate(verdier) for k, verdi in enumerate(rad) if 0 < verdi < GRENSE}
    linjer = _linjer(len(rader), len(kolonner), rad_total=rad_total)
    skjult = _sekundaer(lambda c: verdier[c[0]][c[1]], linjer, skjult)
    return Tabell(rader=rader, kolonner=kolonner, verdier=verdier, skjult=frozenset(skjult), rad_total=rad_total)


def _sekundaer(verdi, linjer: list[list], skjult: set) -> set:
    """Secondary suppression: until every line has no hidden entry or at least two, hide the smallest
    other non-zero entry of a line with exactly one. Cells are any hashable key; `verdi(cell)` its count."""
    skjult = set(skjult)
    endret = True
    while endret:
        endret = False
        for linje in linjer:
            skjulte = [c for c in linje if c in skjult]
            if len(skjulte) != 1:
                continue
            kandidater = [c for c in linje if c not in skjult and verdi(c) > 0]
            if not kandidater:
                continue  # every other entry is zero: the hidden one equals the (hidden) total's own value
            skjult.add(min(kandidater, key=lambda c: (verdi(c), c)))
            endret = True
    return skjult


def uten_undertrykking(
    rader: list[str], kolonner: list[str], celler: list[list[int]], *, rad_total: bool = True
) -> Tabell:
    """The same table with every number shown (for coordinators)."""
    verdier = med_totaler(celler, rad_total=rad_total) if celler else tom_totalrad(kolonner, rad_total=rad_total)
    return Tabell(rader=rader, kolonner=kolonner, verdier=verdier, skjult=frozenset(), rad_total=rad_total)


def vis_tall(verdi: int, *, undertrykk_sma: bool) -> int | str:
    """One count on its own (no totals around it)."""
    return SKJULT if undertrykk_sma and 0 < verdi < GRENSE else verdi


def beskytt_sammen(overordnet: Tabell, underordnet: Tabell, forelder: list[int]) -> tuple[Tabell, Tabell]:
    """Protect two tables of the same counts where one refines the other (per track, and per cohort
    within the tracks), so that no hidden cell can be worked out by setting one table against the other.

    `forelder[i]` is the row of `overordnet` that row i of `underordnet` belongs to; the rows of each
    parent must add up to it (so participants without a cohort need a row per track, not one row for
    all). Besides each table's own lines, every parent cell and its children's cells form a line, and
    the two total rows (the same numbers) are tied together. The tables must have the same columns.
    """
    assert overordnet.kolonner == underordnet.kolonner and overordnet.rad_total == underordnet.rad_total
    if not (overordnet.skjult or underordnet.skjult):
        return overordnet, underordnet
    tabeller = (overordnet, underordnet)
    bredde = len(overordnet.kolonner) + (1 if overordnet.rad_total else 0)
    linjer = [
        [(t, r, k) for r, k in linje]
        for t, tabell in enumerate(tabeller)
        for linje in _linjer(len(tabell.rader), len(tabell.kolonner), rad_total=tabell.rad_total)
    ]
    for p in range(len(overordnet.rader)):
        barn = [i for i, f in enumerate(forelder) if f == p]
        linjer += [[(0, p, k), *((1, i, k) for i in barn)] for k in range(bredde)]
    linjer += [[(0, len(overordnet.rader), k), (1, len(underordnet.rader), k)] for k in range(bredde)]
    skjult = {(t, r, k) for t, tabell in enumerate(tabeller) for r, k in tabell.skjult}
    skjult = _sekundaer(lambda c: tabeller[c[0]].verdier[c[1]][c[2]], linjer, skjult)
    return tuple(
        replace(tabell, skjult=frozenset((r, k) for t_, r, k in skjult if t_ == t)) for t, tabell in enumerate(tabeller)
    )
