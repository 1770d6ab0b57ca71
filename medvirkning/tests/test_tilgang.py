"""Access matrix of every URL this app adds: who gets 200, 302, 403 or 404.

Staff pages follow the case: the coordinator reads and writes, the participant's own teachers read
(403 on writes), everyone else gets 404 and a visitor is sent to log in. The link pages need no
login: the token is the permission, and a bad token is a 404 for everyone.
"""

from __future__ import annotations

import pytest

from fagbrev.tests.tilgang import ANSATTE as ROLLER
from medvirkning import services

from .conftest import token_til

# url name → {role: status}; None = a visitor who is not logged in
LESE = {
    "koordinator": 200,
    "faglarer": 200,
    "norsklarer": 200,
    "annen_faglarer": 404,
    "styring": 404,
    "koordinator_asker": 404,
    "superbruker": 404,
    None: 302,
}
SKRIVE = LESE | {"koordinator": 302, "faglarer": 403, "norsklarer": 403}  # POST, then back to the page
MATRISE = {
    "deltaker": LESE,
    "send": SKRIVE,
    "trekk": SKRIVE,
    "send_igjen": SKRIVE,
    "signer": LESE | {"norsklarer": 403},  # the staff parties: the coordinator and her own faglærer
}


@pytest.fixture
def lenket_sak(sak, koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lenker = services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    return sak, {lenke.part: lenke for lenke in lenker}


def _sti(navn: str, sak, lenker) -> tuple[str, str]:
    return {
        "deltaker": ("get", f"/medvirkning/deltakere/{sak.deltaker.pk}/"),
        "send": ("post", f"/medvirkning/deltakere/{sak.deltaker.pk}/send/"),
        "trekk": ("post", f"/medvirkning/lenker/{lenker['fadder'].pk}/trekk/"),
        "send_igjen": ("post", f"/medvirkning/lenker/{lenker['fadder'].pk}/send-igjen/"),
        "signer": ("get", f"/medvirkning/avtaler/{sak.avtale.pk}/signer/"),
    }[navn]


@pytest.mark.parametrize("rolle", [*ROLLER, None])
@pytest.mark.parametrize("navn", list(MATRISE))
def test_staff_urls_follow_the_case(navn, rolle, lenket_sak, personer, client, django_capture_on_commit_callbacks):
    sak, lenker = lenket_sak
    if rolle:
        client.force_login(personer[rolle])
    metode, sti = _sti(navn, sak, lenker)
    data = {"handling": "marker_mal"} if navn == "send" else {}
    with django_capture_on_commit_callbacks(execute=True):
        svar = getattr(client, metode)(sti, data)
    assert svar.status_code == MATRISE[navn][rolle], f"{rolle} {metode.upper()} {sti}"
    if rolle is None:
        assert svar["Location"].startswith("/konto/logg-inn/")


@pytest.mark.parametrize("rolle", [*ROLLER, None])
def test_link_pages_open_for_whoever_holds_a_valid_token(rolle, lenket_sak, personer, client):
    if rolle:
        client.force_login(personer[rolle])
    token = token_til("frida@solsikken.no")
    assert client.get(f"/lenke/{token}/").status_code == 200
    assert client.get(f"/lenke/{token}/avtale.pdf").status_code == 200
    assert client.get("/lenke/takk/").status_code == 200
    feil = token[:-1] + ("x" if token[-1] != "x" else "y")
    assert client.get(f"/lenke/{feil}/").status_code == 404
    assert client.get(f"/lenke/{feil}/avtale.pdf").status_code == 404


def test_a_pdf_address_for_a_task_without_a_document_is_404(
    sak, koordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.oppgave_send(
            deltaker=sak.deltaker, handling="marker_mal", utfort_av=koordinator, idag=sak.plassering.fra
        )
    token = token_til("frida@solsikken.no")
    assert client.get(f"/lenke/{token}/").status_code == 200
    assert client.get(f"/lenke/{token}/avtale.pdf").status_code == 404
