"""The access matrix's vocabulary, and the core's own rows.

Each app keeps the rows of its own URLs in `<app>/tests/tilgang.py` as `TILGANGSMATRISE` (URL name →
`Rad`); fagbrev/tests/test_tilgangsmatrise.py collects them from every installed project app, so a
new app brings its rows without touching another app's file. Objects in the URLs belong to Lørenskog;
`deltaker` is taught by `faglarer` and `norsklarer`; `koordinator_asker` is the other organisation
(404, never 403, so existence does not leak). The objects a row's `kwargs` may name are built by the
`objekter` fixture in the matrix test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ANSATTE = ["koordinator", "faglarer", "annen_faglarer", "norsklarer", "styring", "koordinator_asker", "superbruker"]
ROLLER = ["anonym", *ANSATTE]

LOGIN = 302  # anonymous users are sent to the login page


@dataclass
class Rad:
    kwargs: Callable[[dict], dict]
    # role → expected status for the request (a GET unless `metode` says "post", with `data`)
    forventet: dict[str, int]
    metode: str = "get"
    data: dict | None = None


def alle(status: int, *, roller: list[str] = ROLLER, **unntak: int) -> dict[str, int]:
    return {rolle: unntak.get(rolle, status) for rolle in roller}


def logg_inn_som(client, bruker) -> None:
    """Log the test client in as `bruker` (a user, or anything with a `user`: a participant's account);
    None leaves it anonymous."""
    client.logout()
    if bruker is not None:
        client.force_login(getattr(bruker, "user", bruker))


def svar_per_rolle(client, url: str, brukere: dict, rad: Rad, roller: list[str] = ROLLER) -> dict[str, int]:
    """The status each role gets for the row's request to `url`, logged in as `brukere[rolle]`."""
    faktisk = {}
    for rolle in roller:
        logg_inn_som(client, brukere[rolle])
        svar = client.post(url, rad.data or {}) if rad.metode == "post" else client.get(url)
        faktisk[rolle] = svar.status_code
    return faktisk


INGEN = lambda o: {}  # noqa: E731


def pk(objekt: str | None = None, **andre: str) -> Callable[[dict], dict]:
    """URL kwargs from the fixture's objects: `pk("deltaker", vedtak_pk="stipendvedtak")`."""

    def kwargs(o: dict) -> dict:
        return ({"pk": o[objekt].pk} if objekt else {}) | {navn: o[hvem].pk for navn, hvem in andre.items()}

    return kwargs


# The policies most URLs share (role → status for GET).
KUN_POST = alle(405, anonym=LOGIN)  # a POST-only view answers 405 to everyone logged in
INNLOGGET = alle(200, anonym=LOGIN)
# Pages of the organisation's coordinators (the other organisation's coordinator sees her own).
KOORDINATORER = alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200)
STYRINGSGRUPPEN = alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
# About the participant: everyone who may see the case reads it; others get 404, not 403.
SAKEN_LESES = alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200)
# Changes to the case: her coordinators; her teachers see it (403), others do not (404).
SAKEN_SKRIVES = alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403)

TILGANGSMATRISE: dict[str, Rad] = {
    "oversikt": Rad(INGEN, INNLOGGET),
    "helse": Rad(INGEN, alle(200)),
    "login": Rad(INGEN, alle(302, anonym=200)),  # logged-in users are sent on to their overview
    "logout": Rad(INGEN, alle(405)),  # POST only
    "password_change": Rad(INGEN, INNLOGGET),
    "password_change_done": Rad(INGEN, INNLOGGET),
    "password_reset": Rad(INGEN, alle(200)),
    "password_reset_done": Rad(INGEN, alle(200)),
    "password_reset_confirm": Rad(lambda o: {"uidb64": "MQ", "token": "ugyldig"}, alle(200)),
    "password_reset_complete": Rad(INGEN, alle(200)),
    "tofaktor_status": Rad(INGEN, INNLOGGET),
    "tofaktor_oppsett": Rad(INGEN, INNLOGGET),
    "tofaktor_qr": Rad(INGEN, alle(404, anonym=LOGIN)),  # 404 until a device is being set up
    "tofaktor_bekreft": Rad(INGEN, alle(302)),
    "okt_forleng": Rad(INGEN, INNLOGGET),
    "fodselsnummer_vis": Rad(pk("deltaker"), KUN_POST),
}
