"""The stipend at a leap year: 2 G (IMDi 1 G) for any twelve months, never more (issue #22)."""

import datetime
from decimal import Decimal

import pytest

from fagbrev.datoregning import samme_dag
from lop.frister import beregn_stipend, stipend_per_maned, stipenddager

D = datetime.date
EN_G = [(D(2020, 5, 1), 130_160)]  # one G throughout: the cap is then exactly 2 G and 1 G
VOKSEN = D(1980, 6, 15)  # over 25 throughout
UNG = D(2010, 6, 15)  # under 25 throughout


def test_a_whole_leap_year_pays_exactly_2_g_and_imdi_exactly_1_g():
    stipend = beregn_stipend(fodselsdato=VOKSEN, fra=D(2028, 1, 1), til=D(2028, 12, 31), grunnbelop=EN_G)
    assert stipend.sum == 2 * 130_160 and stipend.imdi == 130_160
    assert stipend.kommune == 130_160


def test_a_whole_leap_year_under_25_pays_two_thirds_of_2_g_and_imdi_1_g():
    stipend = beregn_stipend(fodselsdato=UNG, fra=D(2028, 1, 1), til=D(2028, 12, 31), grunnbelop=EN_G)
    assert stipend.sum == (Decimal(2 * 130_160) * 2 / 3).quantize(Decimal(1)) and stipend.imdi == 130_160


def test_twelve_months_across_29_february_pay_the_same_as_twelve_months_without_it():
    med = beregn_stipend(fodselsdato=VOKSEN, fra=D(2027, 3, 1), til=D(2028, 2, 29), grunnbelop=EN_G)
    uten = beregn_stipend(fodselsdato=VOKSEN, fra=D(2026, 3, 1), til=D(2027, 2, 28), grunnbelop=EN_G)
    assert med.sum == uten.sum == 2 * 130_160
    assert med.imdi == uten.imdi == 130_160


def _starter() -> list[datetime.date]:
    """The 1st, 15th, 28th and last day of every month from February 2027 to March 2028, and 29 February."""
    ut = [D(2028, 2, 29)]
    for indeks in range(14):
        maned = samme_dag(D(2027, 2, 1), maneder=indeks)
        ut += [
            maned,
            maned.replace(day=15),
            maned.replace(day=28),
            samme_dag(maned, maneder=1) - datetime.timedelta(days=1),
        ]
    return sorted(set(ut))


@pytest.mark.parametrize("fodselsdato", [VOKSEN, UNG])
def test_no_twelve_months_around_a_leap_day_pay_more_than_2_g_or_imdi_more_than_1_g(fodselsdato):
    # Each window runs twelve months (fristloven: to the day before the same day a year later):
    # 366 calendar days when it holds 29 February, and none pays over the yearly cap.
    for start in _starter():
        til = samme_dag(start, ar=1) - datetime.timedelta(days=1)
        stipend = beregn_stipend(fodselsdato=fodselsdato, fra=start, til=til, grunnbelop=EN_G)
        assert stipend.sum <= 2 * 130_160, (start, til)
        assert stipend.imdi <= 130_160, (start, til)


def test_29_february_is_not_a_paid_day_and_february_pays_the_same_in_a_leap_year():
    assert stipenddager(D(2028, 2, 1), D(2028, 2, 29)) == 28
    assert stipenddager(D(2028, 1, 1), D(2028, 12, 31)) == 365
    assert stipenddager(D(2027, 3, 1), D(2028, 2, 29)) == 365
    assert stipenddager(D(2028, 2, 29), D(2028, 2, 29)) == 0
    (feb_skuddar,) = stipend_per_maned(fodselsdato=VOKSEN, fra=D(2028, 2, 1), til=D(2028, 2, 29), grunnbelop=EN_G)
    (feb_vanlig,) = stipend_per_maned(fodselsdato=VOKSEN, fra=D(2027, 2, 1), til=D(2027, 2, 28), grunnbelop=EN_G)
    assert feb_skuddar.sum == feb_vanlig.sum and feb_skuddar.imdi == feb_vanlig.imdi
    assert feb_skuddar.dager == 29  # the month's calendar days are still shown


def test_the_months_of_a_leap_year_add_up_to_2_g():
    maneder = stipend_per_maned(fodselsdato=VOKSEN, fra=D(2028, 1, 1), til=D(2028, 12, 31), grunnbelop=EN_G)
    assert len(maneder) == 12
    assert abs(sum(m.sum for m in maneder) - 2 * 130_160) < Decimal("0.10")  # each month rounded to øre
    assert sum(m.sum for m in maneder) <= Decimal(2 * 130_160) + Decimal("0.06")
