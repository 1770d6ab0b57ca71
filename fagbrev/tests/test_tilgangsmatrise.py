"""Every URL pattern of the project, with every role, against one table of expected status codes.

The table is gathered from each app's `tests/tilgang.py` (`TILGANGSMATRISE`; the vocabulary is in
fagbrev/tests/tilgang.py). A new URL without a row fails `test_every_url_pattern_is_in_the_matrix`.
Objects in the URLs belong to Lørenskog; `deltaker` is taught by `faglarer` and `norsklarer`;
`koordinator_asker` is the other organisation (404, never 403, so existence does not leak).
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from fagbrev.tests.tilgang import Rad, svar_per_rolle

EIER: dict[str, str] = {}  # URL name → the app whose tests/tilgang.py has its row


def _samle() -> dict[str, Rad]:
    """Every project app's `tests/tilgang.py` rows, each URL name once."""
    matrise: dict[str, Rad] = {}
    for app in apps.get_app_configs():
        if Path(app.path).parent != Path(settings.BASE_DIR):
            continue  # Django's and third-party apps
        try:
            modul = importlib.import_module(f"{app.name}.tests.tilgang")
        except ModuleNotFoundError as feil:
            if feil.name in (f"{app.name}.tests", f"{app.name}.tests.tilgang"):
                continue
            raise
        for navn, rad in modul.TILGANGSMATRISE.items():
            assert navn not in matrise, f"{navn} har rad i to apper"
            matrise[navn] = rad
            EIER[navn] = app.label
    return matrise


MATRISE = _samle()


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


# Apps whose URLs are tested role by role in their own table (tests/test_tilgang.py of the app), with
# the outside parties (a fadder by link, the participant herself) this matrix has no column for.
EGNE_MATRISER = ("medvirkning:", "minside:", "minside_ansatt:")


def test_every_url_pattern_is_in_the_matrix():
    navngitte = {navn for navn, _ in _navn(get_resolver().url_patterns) if not navn.startswith(EGNE_MATRISER)}
    mangler = sorted(navngitte - set(MATRISE))
    assert not mangler, f"URL-er uten rad i tilgangsmatrisen: {mangler}"
    overflodige = sorted(set(MATRISE) - navngitte)
    assert not overflodige, f"Rader i matrisen uten URL: {overflodige}"


def test_each_app_keeps_the_rows_of_its_own_urls():
    """A namespaced URL's row lives in that app; the project's un-namespaced URLs in fagbrev."""
    feil = {navn: eier for navn, eier in EIER.items() if eier != (navn.split(":")[0] if ":" in navn else "fagbrev")}
    assert feil == {}


@pytest.fixture
def objekter(personer, deltaker, annen_deltaker, fremmed_deltaker, monkeypatch, django_capture_on_commit_callbacks):
    """One of every object a URL can name, all in Lørenskog and about `deltaker` where it applies."""
    from arbeidsgivere.models import Arbeidsattest
    from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory, PlasseringFactory
    from dokumenter import services as dokumenttjenester
    from fagbrev.tests.factories import KullFactory
    from lop.models import Fagprove, Norskprove, Opplaeringsplanpunkt
    from lop.tests.factories import EksamenFactory, KompetansemalFactory, laerekontrakt

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
    from lop.services_stipend import stipendvedtak_registrer

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
        "attest": Arbeidsattest.objects.create(
            organisasjon=org, plassering=plassering, arbeidsoppgaver="Forskaling", registrert_av=koordinator
        ),
        "kontrakt": kontrakt,
        "sjekkpunkt": kontrakt.sjekkpunkter.first(),
        "eksamen": eksamen,
        "fagprove": Fagprove.objects.create(
            deltaker=deltaker, organisasjon=org, kontrakt=kontrakt, pameldt_dato=datetime.date(2026, 3, 1)
        ),
        "planpunkt": Opplaeringsplanpunkt.objects.create(deltaker=deltaker, organisasjon=org, oppgave="Lage ukeplan"),
        "norskprove": Norskprove.objects.create(
            deltaker=deltaker,
            organisasjon=org,
            ferdighet="muntlig",
            niva="A2",
            dato=datetime.date(2025, 6, 1),
            registrert_av=koordinator,
        ),
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
    assert svar_per_rolle(client, url, objekter, rad) == rad.forventet


def test_django_admin_is_for_superusers_only(client, koordinator, superbruker):
    client.force_login(koordinator)
    assert client.get("/admin/").status_code == 302
    client.force_login(superbruker)
    assert client.get("/admin/").status_code == 200
