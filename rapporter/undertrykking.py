"""Small-number suppression for tables the steering group sees.

Primary suppression hides every count from 1 to 4 (shown as "<5"). Secondary suppression then makes
sure no hidden cell can be worked back out from the totals: in every line of the table — each row with
its row total, each column with its column total — either no entry is hidden or at least two are. When
a line has exactly one hidden entry, the smallest other non-zero entry of that line is hidden too, and
the check repeats until the table is stable.

Zeros are shown: a zero is not a person, and hiding zeros would hide most of a small municipality's
tables. A zero beside a single hidden cell does not protect it, which is why the rule picks the
smallest *non-zero* partner. When a line has no non-zero partner left, its total is hidden instead.

**Numbers made from counts carry their base counts.** A report also shows numbers computed from
counts: visits due = active participants × visits per period, meetings due = active × semesters, a
percentage of two cells, an amount per participant. Such a cell names, in `Tabell.grunnlag`, the
counts it is made from, and a count has a name (`Tabell.nokler`, e.g. ("aktive", "2026-host",
"fagretning", 12)) that is the same wherever the number appears — in another table, in a trend. Over
a whole report (`beskytt_alle`): a count hidden in one place is hidden everywhere it appears, a cell
made from a hidden or small count is hidden, and every line (within a table, between the per-track
and per-cohort tables, between a year and its two semesters) is protected again, until nothing
changes. So «Besøk forventet» 30 is hidden beside the «<5» active participants it was made from.

**Two hidden cells are not always enough.** «<5» tells 1–4, so a line of two «<5» cells with a total
of 8 gives 4 and 4, and four «<5» cohorts under a «<5» track give 1 each. («skjult» tells nothing about
the size: it is a larger count hidden for a small one's sake, or a small count whose «<5» would give a
range away, below.) After the rules above, an audit (`_revider`) reasons like an attacker over every
line of counts — each value kept only if the other cells of all its lines can still add up — and for
a hidden count left with one possible value, hides the smallest shown number of one of its lines; when
no line has a shown number left to hide, it shows the largest «<5» of those lines as «skjult» instead
(`uten_intervall`). Then it starts over. The test `rapporter/tests/test_gjenfinning.py` attacks whole
reports with more knowledge still.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace

GRENSE = 5  # counts 1..GRENSE-1 are hidden
SKJULT = "<5"
SKJULT_BELOP = "skjult"  # an amount hidden because the count of its row is hidden
# A hidden number that says nothing of its size: a count of 5 or more hidden to protect a small one
# ("<5" would be untrue), a number made from counts, or a small count whose "<5" would give a range away.
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
    # (row, column) → the name of the count the cell shows; the same name is the same number anywhere
    nokler: Mapping[tuple[int, int], Hashable] = field(default_factory=dict)
    # (row, column) → the names of the counts a computed cell is made from (module doc)
    grunnlag: Mapping[tuple[int, int], frozenset] = field(default_factory=dict)
    # values of base counts that no cell of the table shows (so that a small one is known to be small)
    grunntall: Mapping[Hashable, int] = field(default_factory=dict)
    summerer: bool = True  # False: a series without totals (a trend): no line to protect inside it
    ikke_i_sum: frozenset[int] = frozenset()  # columns that do not add up (percentages)
    ikke_antall: frozenset[int] = frozenset()  # columns of amounts or numbers made from counts: not audited
    uten_intervall: frozenset[tuple[int, int]] = frozenset()  # hidden small counts shown as «skjult» (doc)

    def vis(self, r: int, k: int) -> int | str:
        verdi = self.verdier[r][k]
        if (r, k) not in self.skjult:
            return verdi
        if (r, k) in self.grunnlag or (r, k) in self.uten_intervall:  # «<5» would give a range away
            return self.skjult_tekst.get(k) or SKJULT_SEKUNDAER
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


def _linjer(
    antall_rader: int, antall_kolonner: int, *, rad_total: bool = True, ikke_i_sum: Iterable[int] = ()
) -> list[list[tuple[int, int]]]:
    """Every line that sums: each row with its total (when rows have one), each column with its total."""
    r_n, k_n = antall_rader + 1, antall_kolonner + (1 if rad_total else 0)
    utenfor = set(ikke_i_sum)
    rader = [[(r, k) for k in range(k_n) if k not in utenfor] for r in range(r_n)] if rad_total else []
    kolonner = [[(r, k) for r in range(r_n)] for k in range(k_n) if k not in utenfor]
    return rader + kolonner


def tabellens_linjer(tabell: Tabell) -> list[list[tuple[int, int]]]:
    if not tabell.summerer:
        return []
    return _linjer(len(tabell.rader), len(tabell.kolonner), rad_total=tabell.rad_total, ikke_i_sum=tabell.ikke_i_sum)


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


def beskytt_alle(
    tabeller: list[Tabell],
    *,
    linjer: Iterable[Iterable[Hashable]] = (),
    grunntall: Mapping[Hashable, int] | None = None,
) -> list[Tabell]:
    """Protect every table of a report together (module doc): the same count hidden everywhere, cells
    made from a hidden or small count hidden, and no line with exactly one hidden entry — the lines of
    each table and `linjer`, lines between tables given by the names of their entries (a parent and
    its children, a year and its semesters). Repeats until nothing changes. Returns the tables in order.
    """
    celler_for: dict[Hashable, list[tuple[int, int, int]]] = {}
    grunnlag: dict[tuple[int, int, int], frozenset] = {}
    verdier: dict[Hashable, int] = dict(grunntall or {})
    alle_linjer = []
    for t, tabell in enumerate(tabeller):
        for (r, k), navn in tabell.nokler.items():
            celler_for.setdefault(navn, []).append((t, r, k))
            verdier.setdefault(navn, tabell.verdier[r][k])
        grunnlag.update({(t, r, k): kilder for (r, k), kilder in tabell.grunnlag.items()})
        for navn, verdi in tabell.grunntall.items():
            verdier.setdefault(navn, verdi)
        alle_linjer += [[(t, r, k) for r, k in linje] for linje in tabellens_linjer(tabell)]
    for linje in linjer:
        celler = [celler_for[navn][0] for navn in linje if navn in celler_for]
        if len(celler) > 1:
            alle_linjer.append(celler)
    sma = {navn for navn, verdi in verdier.items() if 0 < verdi < GRENSE}
    skjult = {(t, r, k) for t, tabell in enumerate(tabeller) for r, k in tabell.skjult}

    def verdi(c):
        return tabeller[c[0]].verdier[c[1]][c[2]]

    def variabel(c):
        return tabeller[c[0]].nokler.get((c[1], c[2]), c)

    tellelinjer = [linje for linje in alle_linjer if all(c[2] not in tabeller[c[0]].ikke_antall for c in linje)]
    uten_intervall = {(t, r, k) for t, tabell in enumerate(tabeller) for r, k in tabell.uten_intervall}
    while True:
        while True:
            antall = len(skjult)
            skjulte_navn = sma | {tabeller[t].nokler.get((r, k)) for t, r, k in skjult} - {None}
            skjult |= {c for navn in skjulte_navn for c in celler_for.get(navn, ())}
            skjult |= {c for c, kilder in grunnlag.items() if kilder & skjulte_navn}
            skjult = _sekundaer(verdi, alle_linjer, skjult)
            if len(skjult) == antall:
                break
        fastlagt = _revider(tellelinjer, skjult, verdi=verdi, variabel=variabel, uten_intervall=uten_intervall)
        linjer_med = [linje for linje in tellelinjer if any(variabel(c) in fastlagt for c in linje)]
        partnere = [c for linje in linjer_med for c in linje if c not in skjult and verdi(c) > 0]
        if partnere:
            skjult.add(min(partnere, key=lambda c: (verdi(c), c)))
            continue
        sma_skjulte = [
            c
            for linje in linjer_med
            for c in linje
            if 0 < verdi(c) < GRENSE and c in skjult and c not in uten_intervall
        ]
        if not sma_skjulte:
            break  # nothing pinned (or nothing left to do about it)
        storst = max(sma_skjulte, key=lambda c: (verdi(c), c))
        navn = variabel(storst)  # the same count wherever it appears
        uten_intervall |= set(celler_for.get(navn, [storst])) if navn != storst else {storst}
    return [
        replace(
            tabell,
            skjult=frozenset((r, k) for t_, r, k in skjult if t_ == t),
            uten_intervall=frozenset((r, k) for t_, r, k in uten_intervall if t_ == t),
        )
        for t, tabell in enumerate(tabeller)
    ]


MAKS_SUMMER = 100_000  # the audit gives up on a line whose possible sums grow past this (huge hidden counts)


def _revider(linjer: list[list], skjult: set, *, verdi, variabel, uten_intervall: set = frozenset()) -> set:
    """The hidden counts an attacker can pin down from the lines alone (module doc).

    Each count is a variable (cells with the same name are one), with the values its text allows:
    a shown number itself, «<5» 1–4, «skjult» anything up to the largest count of the report. Each line
    says that its last entry is the sum of the others; a value is kept only if the others can still
    make the line add up. Repeats until nothing changes; returns the hidden variables with one value left.
    """
    celler = {c for linje in linjer for c in linje}
    storst = max((verdi(c) for c in celler), default=0)
    # shared: a variable's values are replaced when they narrow, never changed. A range, not a set: it
    # answers len() and «in» at once, where a set of every value up to a count of 400,000 cost 9 ms to build
    vide = range(storst + 1)
    mulige: dict = {}
    for c in sorted(celler):
        v = variabel(c)
        if c not in skjult:
            mulige[v] = {verdi(c)}
        elif v not in mulige:
            mulige[v] = set(range(1, GRENSE)) if 0 < verdi(c) < GRENSE and c not in uten_intervall else vide
    skjulte = {variabel(c) for c in celler if c in skjult}
    likninger = []
    for linje in linjer:
        ledd: dict = {}
        for i, c in enumerate(linje):
            ledd[variabel(c)] = ledd.get(variabel(c), 0) + (-1 if i == len(linje) - 1 else 1)
        if any(v in skjulte for v in ledd):
            likninger.append(ledd)
    # variable → its values as runs of consecutive numbers (reset when its set narrows)
    lop: dict = {v: [(0, storst + 1)] for v, m in mulige.items() if m is vide}
    endret = True
    while endret:
        endret = False
        for ledd in likninger:
            for v, koeff in ledd.items():
                if v not in skjulte or koeff == 0:
                    continue
                summer = _summer(ledd, v, mulige, lop)
                if summer is None:
                    continue
                nye = _gjenstar(mulige[v], koeff, *summer)  # a subset of them: fewer is narrower
                if 0 < len(nye) < len(mulige[v]):
                    mulige[v], endret = nye, True
                    lop.pop(v, None)
    return {v for v in skjulte if len(mulige[v]) == 1}


def _gjenstar(mulige: set | range, koeff: int, bits: str, forskyvning: int) -> set:
    """The values x of a variable with koeff·x + (a sum of the others) = 0 possible: −koeff·x among the
    sums. Walks the shorter of the two: the values, or the sums (a «skjult» count's values can be many)."""
    if len(mulige) <= bits.count("1"):
        return {
            x for x in mulige if 0 <= -koeff * x - forskyvning < len(bits) and bits[-koeff * x - forskyvning] == "1"
        }
    nye = set()
    i = bits.find("1")
    while i >= 0:
        x, rest = divmod(-(i + forskyvning), koeff)
        if rest == 0 and x in mulige:
            nye.add(x)
        i = bits.find("1", i + 1)
    return nye


def _summer(ledd: dict, v, mulige: dict, lop: dict) -> tuple[str, int] | None:
    """The sums the terms of a line other than v can make, as a bit string (bit i: the sum forskyvning + i),
    or None once they are more than MAKS_SUMMER. A set of sums is an integer used as a bit set: adding a
    term with a run of consecutive values is a few shifts, where a set of numbers would be a product."""
    maske, forskyvning = 1, 0
    for annen, k in ledd.items():
        if annen == v:
            continue
        if annen not in lop:
            lop[annen] = _lop(mulige[annen])
        maske, forskyvning = _legg_til(maske, forskyvning, k, lop[annen])
        if maske.bit_count() > MAKS_SUMMER:
            return None
    return bin(maske)[2:][::-1], forskyvning


def _lop(verdier) -> list[tuple[int, int]]:
    """The values as runs (first, length) of consecutive numbers, in order."""
    ut: list[tuple[int, int]] = []
    for x in sorted(verdier):
        if ut and ut[-1][0] + ut[-1][1] == x:
            ut[-1] = (ut[-1][0], ut[-1][1] + 1)
        else:
            ut.append((x, 1))
    return ut


def _legg_til(maske: int, forskyvning: int, k: int, lop: list[tuple[int, int]]) -> tuple[int, int]:
    """The sums s + k·x for every sum s in the bit set and every value x of the runs."""
    if k == 0 or not lop:
        return (maske if lop else 0), forskyvning
    forste = min(k * start if k > 0 else k * (start + lengde - 1) for start, lengde in lop)
    ut = 0
    for start, lengde in lop:
        lav = k * start if k > 0 else k * (start + lengde - 1)  # the run's smallest shift
        del_ = maske
        dekket = 1
        while dekket < lengde:  # the run's shifts 0, |k|, 2|k|, … by doubling
            steg = min(dekket, lengde - dekket)
            del_ |= del_ << (steg * abs(k))
            dekket += steg
        ut |= del_ << (lav - forste)
    return ut, forskyvning + forste


def med_nokler(tabell: Tabell, navn) -> Tabell:
    """Name every cell of a table: navn(row, column) → the count's name, or None for a cell without one."""
    bredde = len(tabell.kolonner) + (1 if tabell.rad_total else 0)
    nokler = {(r, k): n for r in range(len(tabell.verdier)) for k in range(bredde) if (n := navn(r, k)) is not None}
    return replace(tabell, nokler={**tabell.nokler, **nokler})


def beskytt_sammen(overordnet: Tabell, underordnet: Tabell, forelder: list[int]) -> tuple[Tabell, Tabell]:
    """Protect two tables of the same counts where one refines the other (per track, and per cohort
    within the tracks), so that no hidden cell can be worked out by setting one table against the other.

    `forelder[i]` is the row of `overordnet` that row i of `underordnet` belongs to; the rows of each
    parent must add up to it (so participants without a cohort need a row per track, not one row for
    all). Besides each table's own lines, every parent cell and its children's cells form a line, and
    the two total rows (the same numbers) are one count. The tables must have the same columns.
    """
    assert overordnet.kolonner == underordnet.kolonner and overordnet.rad_total == underordnet.rad_total
    bredde = len(overordnet.kolonner) + (1 if overordnet.rad_total else 0)
    spor = med_nokler(overordnet, lambda r, k: ("par", k, "total" if r == len(overordnet.rader) else ("spor", r)))
    kull = med_nokler(underordnet, lambda r, k: ("par", k, "total" if r == len(underordnet.rader) else ("kull", r)))
    linjer = par_linjer(
        forelder, antall_foreldre=len(overordnet.rader), bredde=bredde, navn=lambda k, hvem: ("par", k, hvem)
    )
    a, b = beskytt_alle([spor, kull], linjer=linjer)
    return replace(a, nokler=overordnet.nokler), replace(b, nokler=underordnet.nokler)


def par_linjer(forelder: list[int], *, antall_foreldre: int, bredde: int, navn) -> list[list[Hashable]]:
    """The lines between a table and the one that refines it: the children's cells, then the parent's
    (a line's last entry is the sum of the others), by name: navn(column, ("kull", child row)) and
    navn(column, ("spor", parent row))."""
    linjer = []
    for p in range(antall_foreldre):
        barn = [i for i, f in enumerate(forelder) if f == p]
        linjer += [[*(navn(k, ("kull", i)) for i in barn), navn(k, ("spor", p))] for k in range(bredde)]
    return linjer
