import random

from rapporter.undertrykking import SKJULT, _linjer, undertrykk, vis_tall


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    tabell = undertrykk(["BUA"], ["a", "b", "c", "d"], [[0, 1, 4, 5]])
    assert tabell.visningsrader()[0][1][:4] == [0, SKJULT, SKJULT, 5]


def test_a_single_hidden_cell_in_a_row_gets_a_partner_so_the_total_does_not_reveal_it():
    # Row: 3, 10, 12 → total 25. Hiding only 3 would let 25 - 10 - 12 reveal it.
    tabell = undertrykk(["BUA", "Helse"], ["henvist", "aktive", "fullført"], [[3, 10, 12], [20, 30, 40]])
    rad = tabell.visningsrader()[0][1]
    assert rad[0] == SKJULT
    assert rad[1] == SKJULT  # the smallest other non-zero count in the row
    assert rad[2] == 12


def test_column_totals_are_protected_too():
    tabell = undertrykk(["BUA", "Helse", "Renhold"], ["aktive"], [[2], [30], [40]])
    kolonne = [rad[1][0] for rad in tabell.visningsrader()]
    assert kolonne[0] == SKJULT and kolonne[1] == SKJULT and kolonne[2] == 40


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
