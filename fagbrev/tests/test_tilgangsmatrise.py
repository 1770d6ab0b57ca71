"""Every URL pattern of the project, with every role, against one table of expected status codes.

A new URL without a row in MATRISE fails `test_every_url_pattern_is_in_the_matrix`. Objects in the
URLs belong to Lørenskog; `deltaker` is taught by `faglarer` and `norsklarer`; `koordinator_asker` is
the other organisation (404, never 403, so existence does not leak).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLLER = [
    "anonym",
    "koordinator",
    "faglarer",
    "annen_faglarer",
    "norsklarer",
    "styring",
    "koordinator_asker",
    "superbruker",
]

LOGIN = 302  # anonymous users are sent to the login page


@dataclass
class Rad:
    kwargs: Callable[[dict], dict]
    # role → expected status for GET
    forventet: dict[str, int]


def _alle(status: int, **unntak: int) -> dict[str, int]:
    return {rolle: unntak.get(rolle, status) for rolle in ROLLER}


INGEN = lambda o: {}  # noqa: E731

MATRISE: dict[str, Rad] = {
    "oversikt": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "helse": Rad(INGEN, _alle(200)),
    "login": Rad(INGEN, _alle(302, anonym=200)),  # logged-in users are sent on to their overview
    "logout": Rad(INGEN, _alle(405)),  # POST only
    "password_change": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "password_change_done": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "password_reset": Rad(INGEN, _alle(200)),
    "password_reset_done": Rad(INGEN, _alle(200)),
    "password_reset_confirm": Rad(lambda o: {"uidb64": "MQ", "token": "ugyldig"}, _alle(200)),
    "password_reset_complete": Rad(INGEN, _alle(200)),
    "deltakere:liste": Rad(INGEN, _alle(200, anonym=LOGIN, styring=403, superbruker=403)),
    "deltakere:detalj": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "arbeidsgivere:liste": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=200)
    ),
    "arbeidsgivere:detalj": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk}, _alle(404, anonym=LOGIN, koordinator=200, faglarer=200)
    ),
    "rapporter:styringsgruppe": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:styringsgruppe_excel": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:styringsgruppe_pdf": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:arsrapport": Rad(INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)),
    "rapporter:arsrapport_excel": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:arsrapport_pdf": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "paminnelser:varsler": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "paminnelser:varsel_les": Rad(lambda o: {"pk": 1}, _alle(405, anonym=LOGIN)),  # POST only
    "paminnelser:varsel_les_alle": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:varslingsvalg": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "paminnelser:arshjul": Rad(INGEN, _alle(200, anonym=LOGIN, superbruker=403)),
    "paminnelser:kalender_opprett": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:kalender_tilbakekall": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:kalender_feed": Rad(lambda o: {"nokkel": "ukjent-adresse"}, _alle(404)),
    "tofaktor_status": Rad(
        INGEN,
        _alle(200, anonym=LOGIN),
    ),
    "tofaktor_oppsett": Rad(
        INGEN,
        _alle(200, anonym=LOGIN),
    ),
    "tofaktor_qr": Rad(INGEN, _alle(404, anonym=LOGIN)),  # 404 until a device is being set up
    "tofaktor_bekreft": Rad(
        INGEN,
        _alle(302),
    ),
    "okt_forleng": Rad(
        INGEN,
        _alle(200, anonym=LOGIN),
    ),
    "fodselsnummer_vis": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "arbeidsgivere:ny": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "arbeidsgivere:endre": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:arbeidssted_ny": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:arbeidssted_endre": Rad(
        lambda o: {"pk": o["arbeidssted"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:kontaktperson_ny": Rad(
        lambda o: {"pk": o["arbeidssted"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:kontaktperson_endre": Rad(
        lambda o: {"pk": o["fadder"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:plassering_ny": Rad(
        lambda o: {"deltaker_pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:plassering": Rad(
        lambda o: {"pk": o["plassering"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "arbeidsgivere:plassering_endre": Rad(
        lambda o: {"pk": o["plassering"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:plassering_avslutt": Rad(
        lambda o: {"pk": o["plassering"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_ny": Rad(
        lambda o: {"pk": o["plassering"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:evaluering_ny": Rad(
        lambda o: {"pk": o["plassering"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_endre": Rad(
        lambda o: {"pk": o["avtale"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_status": Rad(
        lambda o: {"pk": o["avtale"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "arbeidsgivere:avtale_signer": Rad(
        lambda o: {"pk": o["avtale"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "dokumenter:oversikt": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "dokumenter:lag": Rad(
        lambda o: {"pk": o["deltaker"].pk, "type": "kontrakt"},
        _alle(405, anonym=LOGIN),
    ),
    # the contract and consent holds the intake (field group «opptak»): coordinators only (fagbrev/permissions.py)
    "dokumenter:last_ned": Rad(
        lambda o: {"pk": o["dokument"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "dokumenter:skann": Rad(
        lambda o: {"pk": o["dokument"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "dokumenter:skann_last_ned": Rad(
        lambda o: {"pk": o["dokument"].pk},
        _alle(404, anonym=LOGIN, faglarer=403, norsklarer=403),  # no scan yet (404), and not theirs to read
    ),
    "dokumenter:profil": Rad(
        lambda o: {"org_pk": o["org"].pk},
        _alle(404, anonym=LOGIN, koordinator=200),
    ),
    "dokumenter:logo": Rad(
        lambda o: {"org_pk": o["org"].pk},
        _alle(404, anonym=LOGIN),
    ),
    "dokumenter:batch_bestill": Rad(
        lambda o: {"kull_pk": o["kull"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "dokumenter:jobb": Rad(
        lambda o: {"pk": o["jobb"].pk},
        _alle(404, anonym=LOGIN, koordinator=200),
    ),
    "dokumenter:lag_objekt": Rad(
        lambda o: {"type": "motereferat", "pk": o["mote"].pk},
        _alle(405, anonym=302),
    ),
    "dokumenter:batch_bestill_fagretning": Rad(
        lambda o: {"fagretning_pk": o["deltaker"].fagretning_id},
        _alle(405, anonym=302),
    ),
    "dokumenter:jobb_zip": Rad(
        lambda o: {"pk": o["jobb"].pk},
        _alle(404, anonym=LOGIN),
    ),
    "fagbrev:kontrakt": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "fagbrev:kontrakt_status": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:sjekkpunkt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "sjekkpunkt_pk": o["sjekkpunkt"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:permisjon": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:eksamen": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "fagbrev:eksamen_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "eksamen_pk": o["eksamen"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:fagprove": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:fagprove_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "fagprove_pk": o["fagprove"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:norsk": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "fagbrev:opplaeringsplan": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "fagbrev:planpunkt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "punkt_pk": o["planpunkt"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:praksis": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "fagbrev:stipend": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "fagbrev:stipendvedtak_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "vedtak_pk": o["stipendvedtak"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:stipendvedtak_avslutt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "vedtak_pk": o["stipendvedtak"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:fagretning": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        _alle(200, anonym=LOGIN, styring=404, koordinator_asker=404, superbruker=404),
    ),
    "fagbrev:kompetansemal_ny": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:kompetansemal_endre": Rad(
        lambda o: {"pk": o["fagretning"].pk, "mal_pk": o["kompetansemal"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "fagbrev:manedstema_ny": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "deltakere:ny": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:finn": Rad(
        INGEN,
        _alle(405, anonym=LOGIN),
    ),
    "deltakere:import": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:importmal": Rad(
        lambda o: {"format": "xlsx"},
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:kriterier": Rad(
        lambda o: {"fagretning_id": o["fagretning"].pk},
        _alle(404, anonym=LOGIN, koordinator=200),
    ),
    "deltakere:endre": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:kartlegging": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:opptak": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:inntak": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:status": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:permisjon": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:avbrudd": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    # Outcome after the pathway: coordinators write; teachers read it on the case page, not here.
    "deltakere:utfall": Rad(
        lambda o: {"pk": o["deltaker"].pk, "tidspunkt": "ved_fullforing"},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:dokument_last_opp": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:utstyr": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    # an uploaded CV (field group «dokumenter»): the consent does not give it to teachers
    "deltakere:dokument": Rad(
        lambda o: {"pk": o["opplastet"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:utstyr_retur": Rad(
        lambda o: {"pk": o["utstyrslan"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "oppfolging:oversikt": Rad(
        INGEN,
        _alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403),
    ),
    "oppfolging:besok_ny": Rad(
        INGEN,
        _alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403),
    ),
    "oppfolging:besok": Rad(
        lambda o: {"pk": o["besok"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "oppfolging:besok_endre": Rad(
        lambda o: {"pk": o["besok"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:samtale_ny": Rad(
        lambda o: {"deltaker_pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:samtale": Rad(
        lambda o: {"pk": o["samtale"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "oppfolging:samtale_endre": Rad(
        lambda o: {"pk": o["samtale"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:mote_ny": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "oppfolging:mote": Rad(
        lambda o: {"pk": o["mote"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200),
    ),
    "oppfolging:tiltak_utfort": Rad(
        lambda o: {"pk": o["tiltak"].pk},
        _alle(405, anonym=LOGIN),
    ),
    "oppfolging:faddersamling_ny": Rad(
        INGEN,
        _alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    # Innsyn (personvern/): coordinators of the organisation only; teachers who see the case get 403.
    **{
        navn: Rad(
            lambda o: {"pk": o["deltaker"].pk},
            _alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
        )
        for navn in ("personvern:innsyn", "personvern:innsyn_json", "personvern:innsyn_pdf", "personvern:innsyn_zip")
    },
}


def _navn(moenster, prefiks: str = "") -> list[tuple[str, URLPattern]]:
    ut = []
    for p in moenster:
        if isinstance(p, URLResolver):
            if p.namespace == "admin" or str(p.pattern).startswith("admin/"):
                continue  # Django admin guards itself (staff only); tested separately below
            ny = f"{prefiks}{p.namespace}:" if p.namespace else prefiks
            ut += _navn(p.url_patterns, ny)
        elif p.name:
            ut.append((f"{prefiks}{p.name}", p))
    return ut


def test_every_url_pattern_is_in_the_matrix():
    navngitte = {navn for navn, _ in _navn(get_resolver().url_patterns)}
    mangler = sorted(navngitte - set(MATRISE))
    assert not mangler, f"URL-er uten rad i tilgangsmatrisen: {mangler}"
    overflodige = sorted(set(MATRISE) - navngitte)
    assert not overflodige, f"Rader i matrisen uten URL: {overflodige}"


@pytest.fixture
def objekter(personer, deltaker, annen_deltaker, fremmed_deltaker, monkeypatch, django_capture_on_commit_callbacks):
    """One of every object a URL can name, all in Lørenskog and about `deltaker` where it applies."""
    from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory, PlasseringFactory
    from dokumenter import services as dokumenttjenester
    from fagbrev.models import Fagprove, Opplaeringsplanpunkt
    from fagbrev.tests.factories import EksamenFactory, KompetansemalFactory, KullFactory, laerekontrakt

    monkeypatch.setattr("dokumenter.services.render_pdf", lambda template, kontekst: b"%PDF-1.7 test")
    monkeypatch.setattr("personvern.views.render_pdf", lambda template, kontekst: b"%PDF-1.7 test")
    org = deltaker.organisasjon
    fadder = KontaktpersonFactory(arbeidssted__arbeidsgiver__organisasjon=org)
    plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=fadder.arbeidssted, fadder=fadder)
    avtale = AvtaleFactory(plassering=plassering)
    kontrakt = laerekontrakt(deltaker)
    eksamen = EksamenFactory(deltaker=deltaker)
    mal = KompetansemalFactory(fagretning=deltaker.fagretning)
    kull = KullFactory(fagretning=deltaker.fagretning)
    dokument = dokumenttjenester.dokument_lag(type="kontrakt", deltaker=deltaker, utfort_av=personer["koordinator"])
    with django_capture_on_commit_callbacks(execute=False):
        deltaker.kull = kull
        deltaker.save(update_fields=["kull"])
        jobb = dokumenttjenester.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=personer["koordinator"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from deltakere import services as deltakertjenester
    from deltakere.tests.factories import lag_pdf
    from oppfolging.tests.factories import BesokFactory, MoteFactory, TiltakFactory, VurderingssamtaleFactory

    koordinator = personer["koordinator"]
    opplastet = deltakertjenester.dokument_last_opp(
        deltaker=deltaker, fil=SimpleUploadedFile("cv.pdf", lag_pdf()), type="cv", utfort_av=koordinator
    )
    lan = deltakertjenester.utstyr_lan_ut(
        deltaker=deltaker, hva="iPad", serienummer="X1", utlant=datetime.date(2026, 1, 5), utfort_av=koordinator
    )
    mote = MoteFactory(fagretning=deltaker.fagretning, registrert_av=koordinator)
    from fagbrev.services_stipend import stipendvedtak_registrer

    stipendvedtak = stipendvedtak_registrer(
        deltaker=deltaker, fra=datetime.date(2025, 9, 1), til=datetime.date(2026, 8, 31), utfort_av=koordinator
    )
    return {
        "stipendvedtak": stipendvedtak,
        **personer,
        "anonym": None,
        "opplastet": opplastet,
        "utstyrslan": lan,
        "besok": BesokFactory(deltaker=deltaker),
        "samtale": VurderingssamtaleFactory(deltaker=deltaker, registrert_av=koordinator),
        "mote": mote,
        "tiltak": TiltakFactory(mote=mote, ansvarlig=personer["faglarer"]),
        "deltaker": deltaker,
        "org": org,
        "arbeidsgiver": fadder.arbeidssted.arbeidsgiver,
        "arbeidssted": fadder.arbeidssted,
        "fadder": fadder,
        "plassering": plassering,
        "avtale": avtale,
        "kontrakt": kontrakt,
        "sjekkpunkt": kontrakt.sjekkpunkter.first(),
        "eksamen": eksamen,
        "fagprove": Fagprove.objects.create(
            deltaker=deltaker, organisasjon=org, kontrakt=kontrakt, pameldt_dato=datetime.date(2026, 3, 1)
        ),
        "planpunkt": Opplaeringsplanpunkt.objects.create(deltaker=deltaker, organisasjon=org, oppgave="Lage ukeplan"),
        "fagretning": deltaker.fagretning,
        "kompetansemal": mal,
        "kull": kull,
        "dokument": dokument,
        "jobb": jobb,
    }


@pytest.mark.parametrize("navn", sorted(MATRISE))
def test_access_matrix(client, objekter, navn):
    from django.urls import reverse

    rad = MATRISE[navn]
    url = reverse(navn, kwargs=rad.kwargs(objekter))
    faktisk = {}
    for rolle in ROLLER:
        client.logout()
        if objekter[rolle] is not None:
            client.force_login(objekter[rolle])
        faktisk[rolle] = client.get(url).status_code
    assert faktisk == rad.forventet


def test_django_admin_is_for_superusers_only(client, koordinator, superbruker):
    client.force_login(koordinator)
    assert client.get("/admin/").status_code == 302
    client.force_login(superbruker)
    assert client.get("/admin/").status_code == 200
