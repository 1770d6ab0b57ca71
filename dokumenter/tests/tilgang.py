"""dokumenter's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, KOORDINATORER, KUN_POST, LOGIN, SAKEN_LESES, SAKEN_SKRIVES, Rad, alle, pk

TILGANGSMATRISE: dict[str, Rad] = {
    "dokumenter:oversikt": Rad(INGEN, KOORDINATORER),
    "dokumenter:lag": Rad(lambda o: {"pk": o["deltaker"].pk, "type": "kontrakt"}, KUN_POST),
    # the contract and consent holds the intake (field group «opptak»): coordinators only (fagbrev/permissions.py)
    "dokumenter:last_ned": Rad(pk("dokument"), {**SAKEN_LESES, "faglarer": 403, "norsklarer": 403}),
    "dokumenter:skann": Rad(pk("dokument"), SAKEN_SKRIVES),
    # no scan yet (404), and not the teachers' to read
    "dokumenter:skann_last_ned": Rad(pk("dokument"), alle(404, anonym=LOGIN, faglarer=403, norsklarer=403)),
    "dokumenter:profil": Rad(pk(org_pk="org"), alle(404, anonym=LOGIN, koordinator=200)),
    "dokumenter:logo": Rad(pk(org_pk="org"), alle(404, anonym=LOGIN)),
    "dokumenter:batch_bestill": Rad(pk(kull_pk="kull"), KUN_POST),
    "dokumenter:jobb": Rad(pk("jobb"), alle(404, anonym=LOGIN, koordinator=200)),
    "dokumenter:lag_objekt": Rad(lambda o: {"type": "motereferat", "pk": o["mote"].pk}, alle(405, anonym=302)),
    "dokumenter:batch_bestill_fagretning": Rad(
        lambda o: {"fagretning_pk": o["deltaker"].fagretning_id}, alle(405, anonym=302)
    ),
    "dokumenter:jobb_zip": Rad(pk("jobb"), alle(404, anonym=LOGIN)),
}
