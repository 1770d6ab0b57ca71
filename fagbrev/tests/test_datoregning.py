"""The same day N years / N months later: 29 February and the 31st, as fristloven § 5 counts."""

import datetime

import pytest

from fagbrev.datoregning import (
    forste_dag_som_nar,
    hele_ar,
    legg_til_maneder,
    samme_dag,
    siste_dag_som_nar,
    ukens_sondag,
)
from lop import frister

D = datetime.date


@pytest.mark.parametrize(
    ("dato", "ar", "maneder", "ventet"),
    [
        (D(2028, 2, 29), 1, 0, D(2029, 2, 28)),  # a leap day has no day of its own in other years
        (D(2028, 2, 29), -1, 0, D(2027, 2, 28)),
        (D(2028, 2, 29), 4, 0, D(2032, 2, 29)),  # but keeps it in the next leap year
        (D(2028, 2, 29), -5, 0, D(2023, 2, 28)),
        (D(2028, 2, 29), 0, 12, D(2029, 2, 28)),  # twelve months are a year
        (D(2027, 2, 28), 1, 0, D(2028, 2, 28)),  # the 28th stays the 28th in a leap year
        (D(2027, 1, 31), 0, 1, D(2027, 2, 28)),  # the 31st → the month's last day
        (D(2028, 1, 31), 0, 1, D(2028, 2, 29)),
        (D(2027, 8, 31), 0, 6, D(2028, 2, 29)),
        (D(2027, 8, 31), 0, -6, D(2027, 2, 28)),
        (D(2027, 3, 31), 0, 1, D(2027, 4, 30)),
        (D(2027, 12, 31), 0, 1, D(2028, 1, 31)),  # across the new year
        (D(2027, 1, 31), 0, -1, D(2026, 12, 31)),
        (D(2027, 10, 31), 1, 4, D(2029, 2, 28)),  # years and months together
        (D(2027, 5, 15), 0, 0, D(2027, 5, 15)),
    ],
)
def test_the_same_day_later_is_the_months_last_day_when_the_month_lacks_it(dato, ar, maneder, ventet):
    assert samme_dag(dato, ar=ar, maneder=maneder) == ventet


def test_legg_til_maneder_is_the_same_rule_and_frister_still_offers_it():
    assert legg_til_maneder(D(2027, 1, 31), 1) == samme_dag(D(2027, 1, 31), maneder=1) == D(2027, 2, 28)
    assert frister.legg_til_maneder is legg_til_maneder


def test_adding_month_by_month_never_runs_past_the_months_end():
    dato = D(2027, 12, 31)
    for n in range(1, 50):
        ny = samme_dag(dato, maneder=n)
        neste = ny + datetime.timedelta(days=1)
        assert ny.day == 31 or neste.day == 1  # the 31st, or the month's last day


@pytest.mark.parametrize(
    ("fra", "til", "ar"),
    [
        (D(2000, 2, 29), D(2001, 2, 27), 0),
        (D(2000, 2, 29), D(2001, 2, 28), 1),  # the anniversary of a leap day is 28 February
        (D(2000, 2, 29), D(2004, 2, 28), 3),  # and 29 February in leap years
        (D(2000, 2, 29), D(2004, 2, 29), 4),
        (D(2016, 11, 24), D(2026, 11, 23), 9),
        (D(2016, 11, 24), D(2026, 11, 24), 10),
        (D(2026, 1, 31), D(2026, 1, 31), 0),
        (D(2026, 2, 1), D(2026, 1, 31), -1),
    ],
)
def test_whole_years_count_the_anniversary_as_samme_dag_does(fra, til, ar):
    assert hele_ar(fra, til) == ar


@pytest.mark.parametrize(
    ("dato", "forste", "siste"),
    [
        (D(2027, 2, 28), D(2026, 8, 28), D(2026, 8, 31)),  # 28–31 August all reach 28 February
        (D(2028, 2, 29), D(2027, 8, 29), D(2027, 8, 31)),
        (D(2028, 2, 28), D(2027, 8, 28), D(2027, 8, 28)),
        (D(2026, 6, 30), D(2025, 12, 30), D(2025, 12, 31)),  # 31 December reaches 30 June
        (D(2027, 3, 31), D(2026, 10, 1), D(2026, 9, 30)),  # nobody reaches 31 March exactly
        (D(2026, 1, 1), D(2025, 7, 1), D(2025, 7, 1)),
    ],
)
def test_the_days_that_reach_a_date_six_months_on_include_every_month_end(dato, forste, siste):
    assert forste_dag_som_nar(dato, maneder=6) == forste
    assert siste_dag_som_nar(dato, maneder=6) == siste


@pytest.mark.parametrize(("ar", "maneder"), [(0, 6), (0, 8), (0, -2), (1, 0), (5, 0), (0, 1)])
def test_the_days_that_reach_a_date_are_exactly_those_samme_dag_carries_there(ar, maneder):
    for n in range(800):  # every day from 1 February 2027 for over two years, leap day and month ends
        dato = D(2027, 2, 1) + datetime.timedelta(days=n)
        forste = forste_dag_som_nar(dato, ar=ar, maneder=maneder)
        siste = siste_dag_som_nar(dato, ar=ar, maneder=maneder)
        for d in (forste - datetime.timedelta(days=1), forste, siste, siste + datetime.timedelta(days=1)):
            naar = samme_dag(d, ar=ar, maneder=maneder)
            assert (naar >= dato) == (d >= forste) and (naar <= dato) == (d <= siste)


def test_the_week_ends_on_its_sunday_across_months_and_years():
    # Monday 28.12.2026 to Sunday 03.01.2027 is one week; a Sunday is its own week's end.
    for dag in range(28, 32):
        assert ukens_sondag(D(2026, 12, dag)) == D(2027, 1, 3)
    assert ukens_sondag(D(2027, 1, 3)) == D(2027, 1, 3)
    assert ukens_sondag(D(2027, 1, 4)) == D(2027, 1, 10)
    assert ukens_sondag(D(2028, 2, 28)) == D(2028, 3, 5)  # across a leap day
