import datetime

from oppfolging.models import semester_for
from rapporter.semester import HOST, VAR, Aar, Semester


def test_31_december_is_autumn_and_1_january_is_spring():
    assert Semester.for_dato(datetime.date(2026, 12, 31)) == Semester(2026, HOST)
    assert Semester.for_dato(datetime.date(2027, 1, 1)) == Semester(2027, VAR)
    assert Semester.for_dato(datetime.date(2027, 6, 30)) == Semester(2027, VAR)


def test_july_closes_the_spring_and_august_opens_the_autumn_as_in_oppfolging():
    assert Semester.for_dato(datetime.date(2026, 7, 31)) == Semester(2026, VAR)
    assert Semester.for_dato(datetime.date(2026, 8, 1)) == Semester(2026, HOST)
    assert Semester(2026, VAR).slutt == datetime.date(2026, 7, 31)
    assert Semester(2026, HOST).start == datetime.date(2026, 8, 1)
    for dato in (datetime.date(2026, 7, 15), datetime.date(2026, 8, 1), datetime.date(2026, 12, 31)):
        assert Semester.for_dato(dato).oppfolging_kode == semester_for(dato).kode


def test_last_six_semesters_run_oldest_first_across_years():
    assert [s.kode for s in Semester(2026, HOST).siste(3)] == ["2025-host", "2026-var", "2026-host"]


def test_codes_round_trip_and_reject_garbage():
    assert Semester.fra_kode("2026-var") == Semester(2026, VAR)
    assert Semester.fra_kode("2026-sommer") is None
    assert Semester.fra_kode("x") is None


def test_a_year_spans_both_semesters():
    assert Aar(2026).semesterkoder == ["2026V", "2026H"]
    assert (Aar(2026).start, Aar(2026).slutt) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
