"""The date rules, frozen at their edges: exam windows, the fagprøve window, end date, practice, stipend."""

import datetime
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from lop.frister import (
    beregn_sluttdato,
    beregn_stipend,
    dato_i_vindu,
    fagprove_hindringer,
    fyller_ar,
    legg_til_maneder,
    neste_vindu,
    praksis_ar,
    praksis_krav_prosentdager,
    praksis_prosentdager,
)
from lop.seksjoner import _slutt_i_vinduet

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def oslo(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


# --- exam windows: (Oslo time, window open?, name of the window shown as "next") ---------------
KANTER = [
    (oslo(2027, 1, 14, 23, 59), False, "vår 2027"),
    (oslo(2027, 1, 15, 0, 0), True, "vår 2027"),
    (oslo(2027, 2, 1, 23, 54, 59), True, "vår 2027"),
    (oslo(2027, 2, 1, 23, 55), False, "høst 2027"),
    (oslo(2027, 2, 2, 0, 0), False, "høst 2027"),
    (oslo(2027, 8, 31, 23, 59), False, "høst 2027"),
    (oslo(2027, 9, 1, 0, 0), True, "høst 2027"),
    (oslo(2027, 9, 15, 12, 0), True, "høst 2027"),
    (oslo(2027, 9, 16, 0, 0), False, "vår 2028"),
    (oslo(2027, 12, 31, 23, 59), False, "vår 2028"),
    (oslo(2028, 1, 1, 0, 0), False, "vår 2028"),
]


@pytest.mark.parametrize(("na", "apent", "navn"), KANTER)
def test_exam_window_is_open_exactly_within_its_edges_and_next_window_rolls_over_the_year(na, apent, navn):
    with time_machine.travel(na, tick=False):
        vindu = neste_vindu(timezone.now())
        assert vindu.navn == navn
        assert vindu.er_apent(timezone.now()) is apent


def test_deadline_on_a_weekend_is_not_moved():
    # 1 February 2026 is a Sunday; the portal still closes that day at 23:55.
    assert datetime.date(2026, 2, 1).weekday() == 6
    with time_machine.travel(oslo(2026, 2, 1, 23, 55), tick=False):
        assert neste_vindu(timezone.now()).navn == "høst 2026"


def test_windows_close_at_23_55_oslo_on_the_last_day_of_the_one_table():
    vindu = neste_vindu(oslo(2027, 1, 20, 12, 0))
    assert vindu.stenger == oslo(2027, 2, 1, 23, 55) and vindu.apner == oslo(2027, 1, 15, 0, 0)


def test_window_edges_are_oslo_time_not_utc():
    # 23:30 UTC on 14 January is 00:30 on 15 January in Oslo: open.
    with time_machine.travel(datetime.datetime(2027, 1, 14, 23, 30, tzinfo=datetime.UTC), tick=False):
        assert neste_vindu(timezone.now()).er_apent(timezone.now())


@pytest.mark.parametrize(
    ("dato", "innenfor"),
    [
        (datetime.date(2027, 1, 14), False),
        (datetime.date(2027, 1, 15), True),
        (datetime.date(2027, 2, 1), True),
        (datetime.date(2027, 2, 2), False),
        (datetime.date(2027, 8, 31), False),
        (datetime.date(2027, 9, 1), True),
        (datetime.date(2027, 9, 15), True),
        (datetime.date(2027, 9, 16), False),
    ],
)
def test_a_registration_date_outside_the_windows_is_recognised(dato, innenfor):
    assert (dato_i_vindu(dato) is not None) is innenfor


# --- fagprøve ---------------------------------------------------------------------------------
SLUTT = datetime.date(2027, 6, 30)


@pytest.mark.parametrize(
    ("idag", "tillatt"),
    [
        (datetime.date(2026, 10, 29), False),  # 8 months and a day before
        (datetime.date(2026, 10, 30), True),  # exactly 8 months before (30.06 − 8 mnd)
        (datetime.date(2027, 4, 30), True),  # exactly 2 months before
        (datetime.date(2027, 5, 1), False),  # a day too late
    ],
)
def test_fagprove_can_be_ordered_from_exactly_8_to_exactly_2_months_before_the_contract_ends(idag, tillatt):
    with time_machine.travel(datetime.datetime.combine(idag, datetime.time(12), OSLO), tick=False):
        grunner = fagprove_hindringer(idag=timezone.localdate(), kontrakt_slutt=SLUTT, skriftlig_bestatt=True)
    assert (grunner == []) is tillatt


def test_fagprove_refusals_say_why():
    assert (
        "For tidlig"
        in fagprove_hindringer(idag=datetime.date(2026, 1, 1), kontrakt_slutt=SLUTT, skriftlig_bestatt=True)[0]
    )
    assert (
        "For sent"
        in fagprove_hindringer(idag=datetime.date(2027, 6, 1), kontrakt_slutt=SLUTT, skriftlig_bestatt=True)[0]
    )
    grunner = fagprove_hindringer(idag=datetime.date(2027, 1, 1), kontrakt_slutt=SLUTT, skriftlig_bestatt=False)
    assert len(grunner) == 1 and "ikke bestått" in grunner[0]
    assert (
        "ingen sluttdato"
        in fagprove_hindringer(idag=datetime.date(2027, 1, 1), kontrakt_slutt=None, skriftlig_bestatt=True)[0]
    )


def test_fagprove_window_follows_the_organisations_months():
    assert (
        fagprove_hindringer(
            idag=datetime.date(2026, 6, 30), kontrakt_slutt=SLUTT, skriftlig_bestatt=True, tidligst_maneder=12
        )
        == []
    )


def test_month_arithmetic_clamps_to_the_last_day_of_the_month():
    assert legg_til_maneder(datetime.date(2027, 8, 31), -6) == datetime.date(2027, 2, 28)
    assert legg_til_maneder(datetime.date(2027, 11, 15), 3) == datetime.date(2028, 2, 15)
    assert legg_til_maneder(datetime.date(2028, 8, 31), -6) == datetime.date(2028, 2, 29)


# --- end date --------------------------------------------------------------------------------
def test_end_date_is_start_plus_training_time_minus_credit_plus_approved_leave():
    beregnet = beregn_sluttdato(
        start=datetime.date(2025, 8, 1),
        opplaeringstid_maneder=24,
        godskriving_maneder=6,
        permisjoner=[(datetime.date(2026, 3, 1), datetime.date(2026, 3, 10))],
    )
    assert beregnet.dato == datetime.date(2027, 2, 10)  # 01.08.2025 + 18 mnd − 1 dag = 31.01.2027, + 10 dager
    assert "18 måneder" in beregnet.forklaring and "10 dager" in beregnet.forklaring


# --- practice years ----------------------------------------------------------------------------
def test_overlapping_practice_periods_are_counted_once():
    perioder = [
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 30), 100),  # 365 days
        (datetime.date(2020, 7, 1), datetime.date(2021, 6, 29), 100),  # overlaps half a year
    ]
    # 01.01.2020–29.06.2021 once: 546 days (2020 is a leap year) = 1.4958 years, shown rounded down
    assert praksis_prosentdager(perioder) == 546 * 100
    assert praksis_ar(perioder) == Decimal("1.49")


def test_practice_one_day_short_of_five_years_is_not_five_years():
    """1,824 full-time days: 4.99 years shown, the requirement of 5 years (1,825 days) not met."""
    fra = datetime.date(2019, 1, 1)
    perioder = [(fra, fra + datetime.timedelta(days=1823), 100)]
    assert praksis_prosentdager(perioder) == 1824 * 100
    assert praksis_ar(perioder) == Decimal("4.99")
    assert praksis_prosentdager(perioder) < praksis_krav_prosentdager(Decimal("5.0"))
    perioder = [(fra, fra + datetime.timedelta(days=1824), 100)]
    assert praksis_prosentdager(perioder) == praksis_krav_prosentdager(Decimal("5.0"))


def test_part_time_practice_counts_by_position_percentage_and_the_highest_wins_on_overlap():
    perioder = [
        (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), 50),
        (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), 80),
    ]
    assert praksis_ar(perioder) == Decimal("0.80")


# --- stipend -----------------------------------------------------------------------------------
G = [(datetime.date(2024, 5, 1), 124_028), (datetime.date(2025, 5, 1), 130_160)]


def test_stipend_over_a_year_is_2_g_with_imdi_paying_1_g():
    stipend = beregn_stipend(
        fodselsdato=datetime.date(1990, 1, 1),
        fra=datetime.date(2025, 5, 1),
        til=datetime.date(2026, 4, 30),
        grunnbelop=G,
    )
    assert stipend.sum == 2 * 130_160
    assert stipend.imdi == 130_160 and stipend.kommune == 130_160


def test_stipend_changes_on_1_may_and_on_the_25th_birthday():
    # 30 days under 25 at the old G (April), then 25 on 1 June: May young at new G, June old at new G.
    stipend = beregn_stipend(
        fodselsdato=datetime.date(2000, 6, 1),
        fra=datetime.date(2025, 4, 1),
        til=datetime.date(2025, 6, 30),
        grunnbelop=G,
    )
    assert [(p.fra, p.g, p.under_25) for p in stipend.perioder] == [
        (datetime.date(2025, 4, 1), 124_028, True),
        (datetime.date(2025, 5, 1), 130_160, True),
        (datetime.date(2025, 6, 1), 130_160, False),
    ]
    april = Decimal(2 * 124_028) * 2 / 3 * 30 / 365
    mai = Decimal(2 * 130_160) * 2 / 3 * 31 / 365
    juni = Decimal(2 * 130_160) * 30 / 365
    assert stipend.sum == (april + mai + juni).quantize(Decimal(1))
    imdi = Decimal(124_028) * 30 / 365 + Decimal(130_160) * 61 / 365
    assert stipend.imdi == imdi.quantize(Decimal(1))
    assert stipend.kommune == stipend.sum - stipend.imdi


@pytest.mark.parametrize(
    ("fodselsdato", "alder", "dag"),
    [
        (datetime.date(2004, 2, 29), 25, datetime.date(2029, 2, 28)),  # a leap-day birthday: 28 February
        (datetime.date(2004, 2, 29), 24, datetime.date(2028, 2, 29)),  # and 29 February in leap years
        (datetime.date(2003, 2, 28), 25, datetime.date(2028, 2, 28)),  # the 28th stays the 28th
        (datetime.date(2004, 12, 31), 25, datetime.date(2029, 12, 31)),
        (datetime.date(2004, 1, 31), 25, datetime.date(2029, 1, 31)),
    ],
)
def test_someone_born_on_29_february_has_her_birthday_on_28_february_in_other_years(fodselsdato, alder, dag):
    assert fyller_ar(fodselsdato, alder) == dag


def test_stipend_changes_to_the_full_rate_on_28_february_for_a_leap_day_birthday():
    D = datetime.date
    stipend = beregn_stipend(fodselsdato=D(2004, 2, 29), fra=D(2029, 2, 1), til=D(2029, 3, 31), grunnbelop=G)
    perioder = [(p.fra, p.til, p.under_25) for p in stipend.perioder]
    assert perioder == [(D(2029, 2, 1), D(2029, 2, 27), True), (D(2029, 2, 28), D(2029, 3, 31), False)]


def test_stipend_refuses_days_before_any_known_g():
    with pytest.raises(ValueError, match="Grunnbeløpet"):
        beregn_stipend(
            fodselsdato=datetime.date(1990, 1, 1),
            fra=datetime.date(2024, 4, 30),
            til=datetime.date(2024, 5, 1),
            grunnbelop=G,
        )


def test_the_closing_minute_is_oslo_time_in_winter_and_in_summer():
    # CET (UTC+1) in February, CEST (UTC+2) in September: the same 23:55 is a different UTC hour.
    var = neste_vindu(oslo(2027, 1, 20, 12, 0))
    host = neste_vindu(oslo(2027, 9, 5, 12, 0))
    assert var.stenger.astimezone(datetime.UTC).hour == 22
    assert host.stenger.astimezone(datetime.UTC).hour == 21
    with time_machine.travel(datetime.datetime(2027, 9, 15, 21, 54, tzinfo=datetime.UTC), tick=False):
        assert host.er_apent(timezone.now())
    with time_machine.travel(datetime.datetime(2027, 9, 15, 21, 55, tzinfo=datetime.UTC), tick=False):
        assert not host.er_apent(timezone.now())


def test_end_date_computation_across_a_daylight_saving_weekend_counts_calendar_days():
    # Leave over the last weekend of March (clocks forward) still counts each calendar day once.
    beregnet = beregn_sluttdato(
        start=datetime.date(2026, 3, 1),
        opplaeringstid_maneder=1,
        permisjoner=[(datetime.date(2026, 3, 28), datetime.date(2026, 3, 29))],
    )
    assert beregnet.dato == datetime.date(2026, 4, 2)


def test_the_overview_window_holds_exactly_the_contract_ends_the_rule_lets_through():
    """My overview reads «ready for the fagprøve» from an exact range of contract ends (lop/seksjoner.py):
    for every day of a year and several organisation windows, the range holds the ends
    `fagprove_hindringer` passes, no more and no fewer (month ends clip, leap days included)."""
    for tidligst, senest in ((8, 2), (6, 1), (12, 3), (3, 3)):
        org = SimpleNamespace(fagprove_tidligst_maneder=tidligst, fagprove_senest_maneder=senest)
        for n in range(0, 400, 3):
            idag = datetime.date(2027, 1, 1) + datetime.timedelta(days=n)
            slutter = [idag + datetime.timedelta(days=i) for i in range(0, 31 * (tidligst + 1))]
            fasit = [
                s
                for s in slutter
                if not fagprove_hindringer(
                    idag=idag,
                    kontrakt_slutt=s,
                    skriftlig_bestatt=True,
                    tidligst_maneder=tidligst,
                    senest_maneder=senest,
                )
            ]
            grenser = _slutt_i_vinduet(org, idag)
            if not fasit:
                assert grenser is None
            else:
                assert grenser == (fasit[0], fasit[-1])
                assert len(fasit) == (fasit[-1] - fasit[0]).days + 1  # one run of days
