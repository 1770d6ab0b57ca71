import random

import pytest

from rapporter.undertrykking import (
    SKJULT,
    SKJULT_SEKUNDAER,
    _gjenstar,
    _linjer,
    _summer,
    beskytt_sammen,
    undertrykk,
    vis_tall,
)


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    tabell = undertrykk(["BUA"], ["a", "b", "c", "d"], [[0, 1, 4, 5]])
    assert tabell.visningsrader()[0][1][:4] == [0, SKJULT, SKJULT, 5]


def test_a_single_hidden_cell_in_a_row_gets_a_partner_so_the_total_does_not_reveal_it():
    # Row: 3, 10, 12 → total 25. Hiding only 3 would let 25 - 10 - 12 reveal it.
    tabell = undertrykk(["BUA", "Helse"], ["henvist", "aktive", "fullført"], [[3, 10, 12], [20, 30, 40]])
    rad = tabell.visningsrader()[0][1]
    assert rad[0] == SKJULT
    assert rad[1] == SKJULT_SEKUNDAER  # the smallest other non-zero count in the row: hidden, but not "<5"
    assert rad[2] == 12


def test_column_totals_are_protected_too():
    tabell = undertrykk(["BUA", "Helse", "Renhold"], ["aktive"], [[2], [30], [40]])
    kolonne = [rad[1][0] for rad in tabell.visningsrader()]
    assert kolonne[0] == SKJULT and kolonne[1] == SKJULT_SEKUNDAER and kolonne[2] == 40


def test_a_small_total_is_hidden():
    tabell = undertrykk(["BUA"], ["a", "b"], [[1, 2]])
    assert tabell.visningsrader()[0][1] == [SKJULT, SKJULT, SKJULT]


def test_no_line_is_left_with_exactly_one_hidden_entry_in_random_tables():
    rng = random.Random(7)
    for _ in range(300):
        r, k = rng.randint(1, 5), rng.randint(1, 6)
        celler = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(k)] for _ in range(r)]
        tabell = undertrykk([str(i) for i in range(r)], [str(i) for i in range(k)], celler)
        for linje in _linjer(r, k):
            skjulte = [c for c in linje if c in tabell.skjult]
            ikke_null = [c for c in linje if tabell.verdier[c[0]][c[1]] > 0]
            assert len(skjulte) != 1 or len(ikke_null) == 1, (celler, linje)
        for ri, ki in tabell.skjult:
            assert ri <= r and ki <= k


def test_single_numbers_are_suppressed_only_when_asked():
    assert vis_tall(3, undertrykk_sma=True) == SKJULT
    assert vis_tall(3, undertrykk_sma=False) == 3
    assert vis_tall(0, undertrykk_sma=True) == 0


def test_a_funnel_table_has_no_row_totals_but_its_columns_are_protected():
    tabell = undertrykk(["A", "B"], ["tatt opp", "fullført"], [[10, 2], [12, 9]], rad_total=False)
    rader = dict(tabell.visningsrader())
    assert rader["A"] == [10, SKJULT]
    assert rader["B"] == [12, SKJULT_SEKUNDAER]  # partner in the column, so 11 - 9 cannot reveal the 2
    assert rader["Totalt"] == [22, 11]


def test_a_cohort_hidden_in_one_table_cannot_be_worked_out_from_the_track_table():
    # BUA 9 = cohort «Høst 2025» 7 + BUA without cohort 2; Helse 6 = cohort «Høst 2026» 6.
    spor = undertrykk(["BUA", "Helse"], ["henvist"], [[9], [6]], rad_total=False)
    kull = undertrykk(["BUA H25", "BUA uten kull", "Helse H26"], ["henvist"], [[7], [2], [6]], rad_total=False)
    # Alone, the cohort table hides 2 and its smallest partner in the column (6), and shows 7 —
    # which the track table's 9 would turn into 9 - 7 = 2.
    assert kull.skjult == {(1, 0), (2, 0)}
    spor, kull = beskytt_sammen(spor, kull, forelder=[0, 0, 1])
    for forelder, barn in ((0, [0, 1]), (1, [2])):
        linje = [(0, forelder), *((1, b) for b in barn)]
        skjulte = [c for c in linje if c[1] in (spor.skjult if c[0] == 0 else kull.skjult)]
        assert len(skjulte) != 1, (linje, spor.skjult, kull.skjult)
    assert (1, 0) in kull.skjult and (0, 0) in kull.skjult  # 2 and its sibling 7
    assert (1, 0) in spor.skjult  # Helse's 6 = its only cohort's hidden 6


def test_tables_refining_each_other_leave_no_line_with_one_hidden_entry_in_random_data():
    rng = random.Random(11)
    for _ in range(200):
        foreldre = rng.randint(1, 3)
        forelder = [p for p in range(foreldre) for _ in range(rng.randint(1, 3))]
        k = rng.randint(1, 3)
        barn = [[rng.choice([0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(k)] for _ in forelder]
        spor_celler = [
            [sum(barn[i][j] for i, f in enumerate(forelder) if f == p) for j in range(k)] for p in range(foreldre)
        ]
        kolonner = [str(j) for j in range(k)]
        spor = undertrykk([str(p) for p in range(foreldre)], kolonner, spor_celler)
        kull = undertrykk([str(i) for i in range(len(forelder))], kolonner, barn)
        spor, kull = beskytt_sammen(spor, kull, forelder)
        tabeller = (spor, kull)
        linjer = [
            [(0, p, j), *((1, i, j) for i, f in enumerate(forelder) if f == p)]
            for p in range(foreldre)
            for j in range(k + 1)
        ]
        linjer += [
            [(t, r, j) for r, j in linje] for t, tab in enumerate(tabeller) for linje in _linjer(len(tab.rader), k)
        ]
        for linje in linjer:
            skjulte = [c for c in linje if (c[1], c[2]) in tabeller[c[0]].skjult]
            ikke_null = [c for c in linje if tabeller[c[0]].verdier[c[1]][c[2]] > 0]
            assert len(skjulte) != 1 or len(ikke_null) == 1, (barn, forelder, linje)


# --- base counts: numbers made from counts are hidden with them --------------------------------------
def test_a_cell_made_from_a_hidden_count_is_hidden_and_says_nothing_about_its_size():
    from rapporter.undertrykking import beskytt_alle, med_nokler

    deltakere = med_nokler(undertrykk(["BUA"], ["aktive"], [[3]], rad_total=False), lambda r, k: ("aktive", r))
    # due visits = 3 active × 10: 30 is no small count, but it gives the 3 away
    forventet = undertrykk(["BUA"], ["besøk forventet"], [[30]], rad_total=False)
    forventet = beskytt_alle(
        [deltakere, type(forventet)(**{**forventet.__dict__, "grunnlag": {(0, 0): frozenset({("aktive", 0)})}})]
    )[1]
    assert forventet.visningsrader()[0][1] == [SKJULT_SEKUNDAER]
    samtaler = undertrykk(["BUA"], ["samtaler forventet"], [[2]], rad_total=False)  # 2 = 2 semesters × 1
    samtaler = type(samtaler)(**{**samtaler.__dict__, "grunnlag": {(0, 0): frozenset({("aktive", 0)})}})
    (samtaler,) = beskytt_alle([samtaler], grunntall={("aktive", 0): 1})
    assert samtaler.visningsrader()[0][1] == [SKJULT_SEKUNDAER]  # not «<5», which would bound the 1


def test_the_same_count_is_hidden_in_every_table_it_appears_in():
    from rapporter.undertrykking import beskytt_alle, med_nokler

    a = med_nokler(undertrykk(["A", "B"], ["avbrutt"], [[2], [9]], rad_total=False), lambda r, k: ("avbrutt", r))
    b = med_nokler(
        undertrykk(["A", "B"], ["x", "y"], [[0, 9], [6, 7]]), lambda r, k: ("avbrutt", r) if k == 2 else None
    )
    a, b = beskytt_alle([a, b])
    assert (1, 0) in a.skjult  # B's 9, the partner of A's 2 in the column
    assert (1, 2) in b.skjult  # the same 9 as the row total of the other table


@pytest.mark.parametrize(
    ("celler", "total"),
    [([[4], [4]], 8), ([[1], [1], [9]], 11), ([[1], [5]], 6), ([[1], [1], [1], [1]], 4)],
    ids=[
        "two «<5» that must be 4 and 4",
        "two «<5» that must be 1 and 1",
        "«<5» beside a larger hidden count",
        "four «<5» under a «<5» total: 1 each",
    ],
)
def test_hidden_cells_whose_only_possible_values_follow_from_the_total_get_more_company(celler, total):
    import itertools

    from rapporter.undertrykking import beskytt_alle

    rader = [str(i) for i in range(len(celler))]
    (tabell,) = beskytt_alle([undertrykk(rader, ["n"], celler, rad_total=False)])
    vist = [rad[1][0] for rad in tabell.visningsrader()]
    # every way the hidden cells could be filled in, given what they say and the shown numbers
    mulig = {SKJULT: range(1, 5), SKJULT_SEKUNDAER: range(60)}  # «skjult» says nothing of the size
    valg = [mulig[v] if isinstance(v, str) else [v] for v in vist]
    losninger = [x for x in itertools.product(*valg) if sum(x[:-1]) == x[-1]]
    assert tabell.verdier[-1][0] == total and losninger
    for i, v in enumerate(vist):
        if isinstance(v, str):
            assert len({x[i] for x in losninger}) > 1, (vist, i)


def test_the_audits_sums_as_bit_sets_are_the_sums_of_the_sets():
    """The audit's possible sums of a line (an integer used as a bit set, runs of values by shifts) and
    the values left for a count are what the plain product of the sets gives."""
    rng = random.Random(19)
    for _ in range(400):
        antall = rng.randint(1, 5)
        mulige = {
            i: set(rng.sample(range(40), rng.randint(1, 8))) if rng.random() < 0.6 else set(range(rng.randint(1, 60)))
            for i in range(antall)
        }
        ledd = {i: rng.choice([-1, 1, 2, 0]) for i in range(antall)}
        v = rng.randrange(antall)
        summer = {0}
        for annen, k in ledd.items():
            if annen != v:
                summer = {s + k * x for s in summer for x in mulige[annen]}
        bits, forskyvning = _summer(ledd, v, mulige, {})
        assert {i + forskyvning for i, b in enumerate(bits) if b == "1"} == summer
        koeff = ledd[v] or 1
        assert _gjenstar(mulige[v], koeff, bits, forskyvning) == {x for x in mulige[v] if -koeff * x in summer}
