"""The scheme's fixed calendar at its edges: semesters, exam windows, visits due soon (issue #22)."""

import datetime

import pytest
from django.template import Context, Template

from fagbrev.datoregning import (
    OSLO,
    Semester,
    eksamensvinduer,
    eksamensvinduer_tekst,
    semester_for,
    semester_fra_kode,
)
from oppfolging.besoksfrist import FORFALT, SNART, besok_forfall

D = datetime.date


@pytest.mark.parametrize(
    ("dato", "kode"),
    [
        (D(2027, 1, 1), "2027V"),
        (D(2027, 6, 30), "2027V"),
        (D(2027, 7, 31), "2027V"),  # the last day of July: still vår (the summer break closes it)
        (D(2027, 8, 1), "2027H"),
        (D(2027, 12, 31), "2027H"),
        (D(2028, 2, 29), "2028V"),
    ],
)
def test_every_date_is_in_exactly_one_semester(dato, kode):
    semester = semester_for(dato)
    assert semester.kode == kode and semester.start <= dato <= semester.slutt
    assert semester_fra_kode(kode) == semester


def test_semesters_follow_each_other_without_gap_and_meetings_are_due_before_the_summer_break():
    var, host = Semester(2027, "V"), Semester(2027, "H")
    assert var.slutt + datetime.timedelta(days=1) == host.start
    assert host.slutt + datetime.timedelta(days=1) == Semester(2028, "V").start
    assert (var.frist, host.frist) == (D(2027, 6, 30), D(2027, 12, 31))


def test_the_windows_are_named_from_the_one_table_in_pages_and_pdfs():
    assert eksamensvinduer_tekst() == "15. januar–1. februar og 1.–15. september"
    html = Template("{% load ordning %}{% eksamensvinduer 'eller' %} ({% eksamen_stenger %}); {% semestre %}").render(
        Context()
    )
    assert html == (
        "15. januar–1. februar eller 1.–15. september (kl. 23.55 siste dag); "
        "høst: august–desember, vår: januar–juli (juli er sommerferie)"
    )


def test_a_window_on_a_weekend_is_not_moved_and_closes_at_23_55_oslo():
    var = eksamensvinduer(2026)[0]
    assert var.siste_dag == D(2026, 2, 1) and var.siste_dag.weekday() == 6  # a Sunday
    assert var.stenger == datetime.datetime(2026, 2, 1, 23, 55, tzinfo=OSLO)
    assert var.er_apent(datetime.datetime(2026, 2, 1, 22, 54, tzinfo=datetime.UTC))  # 23:54 Oslo
    assert not var.er_apent(datetime.datetime(2026, 2, 1, 22, 55, tzinfo=datetime.UTC))  # 23:55 Oslo


@pytest.mark.parametrize(
    ("frist", "ventet"),
    [
        (D(2027, 2, 27), FORFALT),
        (D(2027, 2, 28), SNART),  # today, the last day of February
        (D(2027, 3, 7), SNART),  # a week ahead, across the month's end
        (D(2027, 3, 8), None),
        (None, FORFALT),
    ],
)
def test_a_visit_is_due_soon_from_today_through_a_week_ahead(frist, ventet):
    assert besok_forfall(frist, D(2027, 2, 28)) == ventet
