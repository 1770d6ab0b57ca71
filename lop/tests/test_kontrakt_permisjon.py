"""The contract's end date follows the case's leave: the union of the county-approved leave days inside
the contract (a shared day once, a day outside not at all); waiting leave shows what it would do."""

import datetime

import pytest

from deltakere.tests.factories import PermisjonFactory
from lop.frister import beregn_sluttdato, permisjonsdager_i_perioden
from lop.selectors import aktiv_kontrakt, kontraktslutt
from lop.tests.factories import laerekontrakt

D = datetime.date
START = D(2026, 1, 1)  # 24 months: the contract's last day without leave is 31.12.2027
UTEN_PERMISJON = D(2027, 12, 31)


def _slutt(*permisjoner):
    return beregn_sluttdato(start=START, opplaeringstid_maneder=24, permisjoner=permisjoner)


def test_two_overlapping_leaves_count_their_shared_days_once():
    mars, mars_april = (D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 3, 15), D(2027, 4, 15))
    assert permisjonsdager_i_perioden([mars, mars_april], START, UTEN_PERMISJON) == 46  # not 31 + 32 = 63
    slutt = _slutt(mars, mars_april)
    assert (slutt.permisjonsdager, slutt.dato) == (46, UTEN_PERMISJON + datetime.timedelta(days=46))


def test_a_leave_spanning_months_and_a_leap_day_counts_each_calendar_day():
    slutt = beregn_sluttdato(
        start=D(2027, 8, 1), opplaeringstid_maneder=24, permisjoner=[(D(2028, 1, 15), D(2028, 3, 14))]
    )
    assert slutt.permisjonsdager == 17 + 29 + 14  # January from the 15th, all of February 2028, March to the 14th
    assert slutt.dato == D(2029, 7, 31) + datetime.timedelta(days=60)


@pytest.mark.parametrize(
    ("permisjon", "dager"),
    [
        ((D(2025, 11, 1), D(2025, 12, 31)), 0),  # before the contract
        ((D(2025, 12, 20), D(2026, 1, 10)), 10),  # across its start: only the days from the start
        ((D(2028, 6, 1), D(2028, 6, 30)), 0),  # after its end
    ],
)
def test_leave_outside_the_contract_does_not_move_its_end(permisjon, dager):
    slutt = _slutt(permisjon)
    assert (slutt.permisjonsdager, slutt.dato) == (dager, UTEN_PERMISJON + datetime.timedelta(days=dager))


def test_leave_across_the_end_lengthens_the_contract_by_all_its_days():
    # 20.12.2027–10.01.2028: the first 12 days move the end to 12.01.2028, which brings the rest inside.
    slutt = _slutt((D(2027, 12, 20), D(2028, 1, 10)))
    assert (slutt.permisjonsdager, slutt.dato) == (22, D(2028, 1, 22))


def _permisjon(deltaker, fra, til, godkjent):
    return PermisjonFactory(deltaker=deltaker, fra=fra, til=til, arsak="Sykdom i familien", godkjent_av_fylket=godkjent)


def test_waiting_leave_does_not_move_the_end_but_shows_where_it_would(deltaker):
    laerekontrakt(deltaker, start=START)
    _permisjon(deltaker, D(2027, 3, 1), D(2027, 3, 31), godkjent=True)
    _permisjon(deltaker, D(2027, 3, 15), D(2027, 4, 15), godkjent=False)
    slutt = kontraktslutt(kontrakt=aktiv_kontrakt(deltaker=deltaker), fagretning=deltaker.fagretning)
    assert slutt.beregnet.dato == UTEN_PERMISJON + datetime.timedelta(days=31)
    assert slutt.med_ventende.dato == UTEN_PERMISJON + datetime.timedelta(days=46)
    assert [dager for _, dager in slutt.permisjoner] == [31, 32]


def test_the_contract_page_shows_the_cases_leave_and_its_effect(client, koordinator, deltaker):
    laerekontrakt(deltaker, start=START)
    _permisjon(deltaker, D(2027, 3, 1), D(2027, 3, 31), godkjent=True)
    _permisjon(deltaker, D(2027, 5, 1), D(2027, 5, 10), godkjent=False)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert "01.03.2027–31.03.2027 (31 dager i kontraktens periode)" in html
    assert "godkjent av fylket" in html and "venter på fylket" in html
    assert "flyttes sluttdatoen til <strong>10.02.2028</strong> (nå 31.01.2028)" in html
    assert "Ingen permisjoner" not in html


def test_approving_a_leave_on_the_case_moves_the_contracts_end(client, koordinator, deltaker):
    laerekontrakt(deltaker, start=START)
    permisjon = _permisjon(deltaker, D(2027, 3, 1), D(2027, 3, 10), godkjent=False)
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{deltaker.pk}/permisjon/{permisjon.pk}/godkjenning/", {"godkjent": "1"})
    assert svar.status_code == 302
    slutt = kontraktslutt(kontrakt=aktiv_kontrakt(deltaker=deltaker), fagretning=deltaker.fagretning)
    assert (slutt.beregnet.dato, slutt.med_ventende) == (UTEN_PERMISJON + datetime.timedelta(days=10), None)
