"""Every URL of the participant's page × every role, her own included.

`amina` is the participant whose ids are in the URLs; `lina` is another participant of the same
organisation, logged in on her own phone: every id of Amina's is a 404 for her. Staff roles as in the
root conftest. A second test walks every staff URL of the project as Amina: she is refused.
"""

from __future__ import annotations

import io
import re
from functools import partial

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from fagbrev.tests.test_tilgangsmatrise import MATRISE as STABENS_MATRISE
from fagbrev.tests.test_tilgangsmatrise import objekter  # noqa: F401 – the fixture, for the staff walk
from fagbrev.tests.tilgang import ANSATTE, INGEN, Rad, alle, svar_per_rolle

ROLLER = ["anonym", "amina", "lina", *ANSATTE]
_alle = partial(alle, roller=ROLLER)


HENNES = _alle(404, anonym=302, amina=200, lina=200)  # each participant's own page, no ids in the URL

MATRISE: dict[str, Rad] = {
    "minside:logg_inn": Rad(INGEN, _alle(200, amina=302, lina=302)),  # a logged-in participant goes to her page
    "minside:lenke": Rad(lambda o: {"token": o["token"]}, _alle(200)),  # GET spends nothing
    "minside:logg_ut": Rad(INGEN, _alle(405)),
    "minside:sprak": Rad(INGEN, _alle(405)),
    "minside:forside": Rad(INGEN, HENNES),
    "minside:loggbok": Rad(INGEN, HENNES),
    "minside:egenvurdering": Rad(INGEN, HENNES),
    "minside:mine_data": Rad(INGEN, HENNES),
    "minside:mine_data_last_ned": Rad(INGEN, HENNES),
    "minside:fadder_samtykke": Rad(
        INGEN, _alle(404, anonym=302, amina=302, lina=302), "post", {"fadder_kan_lese": "ja"}
    ),
    "minside:planpunkt": Rad(
        lambda o: {"pk": o["planpunkt"].pk}, _alle(404, anonym=302, amina=302), "post", {"vurdering": "bra"}
    ),
    "minside:avtale_pdf": Rad(lambda o: {"pk": o["avtale"].pk}, _alle(404, anonym=302, amina=200)),
    "minside:avtale_signer": Rad(  # an empty name: her own page again, the error at the field
        lambda o: {"pk": o["avtale"].pk}, _alle(404, anonym=302, amina=200), "post", {"navn": ""}
    ),
    "minside:loggbok_endre": Rad(lambda o: {"pk": o["innlegg"].pk}, _alle(404, anonym=302, amina=200)),
    "minside:loggbok_bilde": Rad(lambda o: {"pk": o["innlegg"].pk}, _alle(404, anonym=302, amina=200)),
    # Her fadder's link (no account): anyone holding it reads her logbook while she agrees.
    "minside:fadder": Rad(lambda o: {"token": o["fadder_token"]}, _alle(200)),
    "minside:fadder_kommenter": Rad(
        lambda o: {"token": o["fadder_token"], "innlegg_pk": o["innlegg"].pk}, _alle(302), "post", {"tekst": "Fint!"}
    ),
    "minside:fadder_bilde": Rad(lambda o: {"token": o["fadder_token"], "innlegg_pk": o["innlegg"].pk}, _alle(200)),
    # Staff pages under her case: the coordinator invites, her faglærer reads; participants never.
    "minside_ansatt:inviter": Rad(
        lambda o: {"pk": o["amina"].deltaker_id},
        _alle(404, anonym=302, koordinator=302, faglarer=403, norsklarer=403),
        "post",
    ),
    "minside_ansatt:fadderlenke": Rad(
        lambda o: {"pk": o["amina"].deltaker_id},
        _alle(404, anonym=302, koordinator=302, faglarer=302, norsklarer=403),
        "post",
    ),
    "minside_ansatt:loggbok": Rad(
        lambda o: {"pk": o["amina"].deltaker_id}, _alle(404, anonym=302, koordinator=403, faglarer=200, norsklarer=403)
    ),
    "minside_ansatt:kommenter": Rad(
        lambda o: {"pk": o["amina"].deltaker_id, "innlegg_pk": o["innlegg"].pk},
        _alle(404, anonym=302, koordinator=403, faglarer=302, norsklarer=403),
        "post",
        {"tekst": "Fint!"},
    ),
    "minside_ansatt:bilde": Rad(
        lambda o: {"pk": o["amina"].deltaker_id, "innlegg_pk": o["innlegg"].pk},
        _alle(404, anonym=302, koordinator=403, faglarer=200, norsklarer=403),
    ),
}


def _jpeg() -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(ut, "JPEG")
    return ut.getvalue()


def _til_signering(plassering, koordinator):
    """Her agreement sent for signing: one version, the PDF she reads before she signs."""
    from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory
    from deltakere.tests.factories import InntakssamtaleFactory
    from medvirkning.services import avtale_send_til_signering

    InntakssamtaleFactory(deltaker=plassering.deltaker)
    KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle="leder", navn="Liv Leder", epost="liv@b.no")
    avtale = AvtaleFactory(plassering=plassering)
    avtale_send_til_signering(avtale=avtale, utfort_av=koordinator)
    return avtale


@pytest.fixture
def roller(personer, konto, lina_konto, plan, plassering):
    from minside import services
    from minside.tests.factories import lenke_for

    innlegg = services.loggbok_skriv(konto=konto, tekst="Amina skrev", planpunkter=[plan[0]], bilde=_jpeg())
    konto.fadder_kan_lese = True
    konto.save(update_fields=["fadder_kan_lese"])
    services.fadderlenke_send(konto=konto, fadder=plassering.fadder, sendt_av=personer["koordinator"])
    fadder_token = re.search(r"/min-side/fadder/([^/\s]+)/", mail.outbox[-1].body).group(1)
    return {
        **personer,
        "anonym": None,
        "amina": konto,
        "lina": lina_konto,
        "planpunkt": plan[0],
        "avtale": _til_signering(plassering, personer["koordinator"]),
        "innlegg": innlegg,
        "token": lenke_for(konto),
        "fadder_token": fadder_token,
    }


def test_every_url_of_the_participants_page_is_in_the_table():
    from django.urls import get_resolver

    from fagbrev.tests.test_tilgangsmatrise import _navn

    navngitte = {n for n, _ in _navn(get_resolver().url_patterns) if n.startswith(("minside:", "minside_ansatt:"))}
    assert navngitte == set(MATRISE)


@pytest.mark.parametrize("navn", sorted(MATRISE))
def test_access_matrix(client, roller, navn):
    rad = MATRISE[navn]
    url = reverse(navn, kwargs=rad.kwargs(roller))
    assert svar_per_rolle(client, url, roller, rad, ROLLER) == rad.forventet


# Pages of the staff interface that any logged-in user may open: her own account's settings and her
# own (empty) notifications. They show nothing of any case (password change needs the old password,
# and she has none).
KONTOSIDER = {
    "helse",
    "okt_forleng",
    "paminnelser:varsler",
    "paminnelser:varslingsvalg",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "tofaktor_status",
    "tofaktor_oppsett",
    "tofaktor_qr",
    "tofaktor_bekreft",
}


def test_every_staff_page_refuses_her(client, objekter):  # noqa: F811
    """One walk over every staff URL (one set of objects: the walk is the slow part, not the asserts)."""
    from minside.tests.factories import DeltakerkontoFactory, lenke_for

    deltaker = objekter["deltaker"]
    deltaker.epost = "amina@example.no"
    deltaker.save(update_fields=["epost"])
    hennes = DeltakerkontoFactory(deltaker=deltaker)
    client.post(reverse("minside:lenke", args=[lenke_for(hennes)]))  # logged in as she is: by her link
    feil = []
    for navn in sorted(n for n in STABENS_MATRISE if not n.startswith("minside")):
        svar = client.get(reverse(navn, kwargs=STABENS_MATRISE[navn].kwargs(objekter)))
        if navn in KONTOSIDER:
            ok = svar.status_code in (200, 302, 404, 405)
        elif svar.status_code == 302:  # "/" sends her on to /min-side/
            ok = svar.url == "/" or svar.url.startswith(("/min-side/", "/konto/logg-inn/"))
        else:
            ok = svar.status_code in (403, 404, 405)
        if not ok:
            feil.append(f"{navn}: {svar.status_code}")
    assert feil == []
