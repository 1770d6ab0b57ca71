import datetime

from rapporter.semester import HOST, VAR, Semester


def test_31_december_is_autumn_and_1_january_is_spring():
    assert Semester.for_dato(datetime.date(2026, 12, 31)) == Semester(2026, HOST)
    assert Semester.for_dato(datetime.date(2027, 1, 1)) == Semester(2027, VAR)
    assert Semester.for_dato(datetime.date(2027, 6, 30)) == Semester(2027, VAR)


def test_last_six_semesters_run_oldest_first_across_years():
    assert [s.kode for s in Semester(2026, HOST).siste(3)] == ["2025-host", "2026-var", "2026-host"]


def test_codes_round_trip_and_reject_garbage():
    assert Semester.fra_kode("2026-var") == Semester(2026, VAR)
    assert Semester.fra_kode("2026-sommer") is None
    assert Semester.fra_kode("x") is None
