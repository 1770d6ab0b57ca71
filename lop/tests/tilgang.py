"""lop's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import KUN_POST, LOGIN, SAKEN_LESES, SAKEN_SKRIVES, Rad, alle, pk

TILGANGSMATRISE: dict[str, Rad] = {
    "lop:kontrakt": Rad(pk("deltaker"), SAKEN_LESES),
    "lop:kontrakt_status": Rad(pk("deltaker"), KUN_POST),
    "lop:sjekkpunkt": Rad(pk("deltaker", sjekkpunkt_pk="sjekkpunkt"), KUN_POST),
    "lop:eksamen": Rad(pk("deltaker"), SAKEN_LESES),
    "lop:eksamen_endre": Rad(pk("deltaker", eksamen_pk="eksamen"), KUN_POST),
    "lop:fagprove": Rad(pk("deltaker"), KUN_POST),
    "lop:fagprove_endre": Rad(pk("deltaker", fagprove_pk="fagprove"), KUN_POST),
    "lop:norsk": Rad(pk("deltaker"), SAKEN_LESES),
    "lop:norsk_rett": Rad(pk("deltaker", prove_pk="norskprove"), KUN_POST),
    "lop:opplaeringsplan": Rad(pk("deltaker"), SAKEN_LESES),
    "lop:planpunkt": Rad(pk("deltaker", punkt_pk="planpunkt"), KUN_POST),
    "lop:praksis": Rad(pk("deltaker"), SAKEN_LESES),
    "lop:stipend": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "lop:stipendvedtak_endre": Rad(pk("deltaker", vedtak_pk="stipendvedtak"), KUN_POST),
    "lop:stipendvedtak_avslutt": Rad(pk("deltaker", vedtak_pk="stipendvedtak"), KUN_POST),
    "lop:fagretning": Rad(
        pk("fagretning"), alle(200, anonym=LOGIN, styring=404, koordinator_asker=404, superbruker=404)
    ),
    "lop:kompetansemal_ny": Rad(pk("fagretning"), KUN_POST),
    "lop:kompetansemal_endre": Rad(pk("fagretning", mal_pk="kompetansemal"), KUN_POST),
    "lop:manedstema_ny": Rad(pk("fagretning"), KUN_POST),
    "lop:kull_ny": Rad(pk("fagretning"), KUN_POST),
    "lop:kull_endre": Rad(pk("fagretning", kull_pk="kull"), KUN_POST),
}
