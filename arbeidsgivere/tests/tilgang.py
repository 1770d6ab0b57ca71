"""arbeidsgivere's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, KOORDINATORER, KUN_POST, LOGIN, SAKEN_LESES, SAKEN_SKRIVES, Rad, alle, pk

TILGANGSMATRISE: dict[str, Rad] = {
    "arbeidsgivere:liste": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=200)
    ),
    "arbeidsgivere:detalj": Rad(pk("arbeidsgiver"), alle(404, anonym=LOGIN, koordinator=200, faglarer=200)),
    "arbeidsgivere:ny": Rad(INGEN, KOORDINATORER),
    "arbeidsgivere:endre": Rad(pk("arbeidsgiver"), alle(404, anonym=LOGIN, koordinator=200, faglarer=403)),
    "arbeidsgivere:arbeidssted_ny": Rad(pk("arbeidsgiver"), alle(404, anonym=LOGIN, koordinator=200, faglarer=403)),
    "arbeidsgivere:arbeidssted_endre": Rad(pk("arbeidssted"), alle(404, anonym=LOGIN, koordinator=200, faglarer=403)),
    "arbeidsgivere:kontaktperson_ny": Rad(pk("arbeidssted"), alle(404, anonym=LOGIN, koordinator=200, faglarer=403)),
    "arbeidsgivere:kontaktperson_endre": Rad(pk("fadder"), alle(404, anonym=LOGIN, koordinator=200, faglarer=403)),
    "arbeidsgivere:plassering_ny": Rad(pk(deltaker_pk="deltaker"), SAKEN_SKRIVES),
    "arbeidsgivere:plassering": Rad(pk("plassering"), SAKEN_LESES),
    "arbeidsgivere:plassering_endre": Rad(pk("plassering"), SAKEN_SKRIVES),
    "arbeidsgivere:plassering_avslutt": Rad(pk("plassering"), SAKEN_SKRIVES),
    "arbeidsgivere:avtale_ny": Rad(pk("plassering"), SAKEN_SKRIVES),
    "arbeidsgivere:evaluering_ny": Rad(pk("plassering"), SAKEN_SKRIVES),
    "arbeidsgivere:attest_bestill": Rad(pk("plassering"), SAKEN_SKRIVES),
    "arbeidsgivere:attest": Rad(pk("attest"), SAKEN_LESES),
    "arbeidsgivere:avtale_endre": Rad(pk("avtale"), SAKEN_SKRIVES),
    "arbeidsgivere:avtale_status": Rad(pk("avtale"), KUN_POST),
    "arbeidsgivere:avtale_signer": Rad(pk("avtale"), SAKEN_SKRIVES),
}
