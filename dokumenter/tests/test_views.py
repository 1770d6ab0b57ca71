"""Document pages: permission matrices, downloads with Content-Disposition, htmx progress, query counts."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from deltakere.tests.matriser import BARE_KOORDINATOR, SAKSLESING
from dokumenter import services
from dokumenter.models import Batchjobb, Dokument, Dokumentprofil
from fagbrev.tests.factories import KullFactory
from fagbrev.tests.filer import lag_pdf

from .test_services import PNG_1PX


@pytest.fixture(autouse=True)
def _rask_pdf(monkeypatch):
    """These tests are about access and pages; PDF content is tested in test_services/test_pdf."""
    teller = iter(range(10**6))
    monkeypatch.setattr(
        "dokumenter.services.render_pdf", lambda template, kontekst: b"%PDF-1.7 " + str(next(teller)).encode()
    )


# who → status for a contract and consent of (own participant, colleague's participant, other
# organisation's participant). It holds the intake (field group «opptak»): teachers who see the case
# get 403 (fagbrev/permissions.py SYNLIGE_FELTGRUPPER).
LES = BARE_KOORDINATOR
# … and for a deltakerbevis (field group «fremdrift»), which teachers read
LES_FREMDRIFT = SAKSLESING


@pytest.fixture
def tre_saker(deltaker, annen_deltaker, fremmed_deltaker, koordinator, koordinator_asker):
    """One document of a type for (own participant, colleague's participant, other organisation's)."""

    def lag(type_: str) -> list[Dokument]:
        saker = ((deltaker, koordinator), (annen_deltaker, koordinator), (fremmed_deltaker, koordinator_asker))
        return [services.dokument_lag(type=type_, deltaker=d, utfort_av=laget_av) for d, laget_av in saker]

    return lag


@pytest.fixture
def dokumenter(tre_saker):
    return tre_saker("kontrakt")


@pytest.fixture
def deltakerbevis(tre_saker):
    return tre_saker("deltakerbevis")


@pytest.mark.parametrize(("hvem", "type_"), [*((h, "kontrakt") for h in LES), *((h, "deltakerbevis") for h in LES)])
def test_download_permission_matrix(client, personer, tre_saker, hvem, type_):
    matrise = LES if type_ == "kontrakt" else LES_FREMDRIFT
    dokumenter = tre_saker(type_)
    client.force_login(personer[hvem])
    faktisk = tuple(client.get(f"/dokumenter/{d.pk}/last-ned/").status_code for d in dokumenter)
    assert faktisk == matrise[hvem]


def test_download_is_an_attachment_with_the_stored_bytes(client, koordinator, dokumenter):
    client.force_login(koordinator)
    svar = client.get(f"/dokumenter/{dokumenter[0].pk}/last-ned/")
    innhold = b"".join(svar.streaming_content)
    assert svar["Content-Type"] == "application/pdf"
    assert svar["Content-Disposition"].startswith("attachment; filename=")
    assert "kontrakt-yusuf-amina" in svar["Content-Disposition"]
    assert innhold.startswith(b"%PDF-") and len(innhold) == dokumenter[0].storrelse
    assert svar["Cache-Control"] == "private, no-store"


def test_anonymous_download_goes_to_login(client, dokumenter):
    svar = client.get(f"/dokumenter/{dokumenter[0].pk}/last-ned/")
    assert svar.status_code == 302 and "/konto/logg-inn/" in svar.url


# making a document: coordinators of the organisation only; teachers see the case but may not (403)
LAG = {hvem: tuple(302 if s == 200 else s for s in rad) for hvem, rad in LES.items() if hvem != "annen_faglarer"}


@pytest.mark.parametrize("hvem", LAG)
def test_make_document_permission_matrix(client, personer, deltaker, annen_deltaker, fremmed_deltaker, hvem):
    client.force_login(personer[hvem])
    faktisk = tuple(
        client.post(f"/dokumenter/deltaker/{d.pk}/lag/deltakerbevis/").status_code
        for d in (deltaker, annen_deltaker, fremmed_deltaker)
    )
    assert faktisk == LAG[hvem]
    assert Dokument.objects.count() == sum(1 for s in LAG[hvem] if s == 302)


def test_make_document_needs_post_and_a_known_type(client, koordinator, deltaker):
    client.force_login(koordinator)
    assert client.get(f"/dokumenter/deltaker/{deltaker.pk}/lag/deltakerbevis/").status_code == 405
    assert client.post(f"/dokumenter/deltaker/{deltaker.pk}/lag/ukjent/").status_code == 404


def test_make_document_for_a_referral_shows_the_rule_as_a_message(client, koordinator, fagretning):
    henvist = DeltakerFactory(fagretning=fagretning, status=Deltaker.Status.HENVIST)
    client.force_login(koordinator)
    svar = client.post(f"/dokumenter/deltaker/{henvist.pk}/lag/deltakerbevis/", follow=True)
    assert "kan ikke lages" in svar.content.decode() and not Dokument.objects.exists()


def test_case_page_lists_versions_and_offers_buttons_to_coordinators(client, koordinator, faglarer, dokumenter):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{dokumenter[0].deltaker_id}/").content.decode()
    assert "Kontrakt og samtykkeerklæring" in html and f"/dokumenter/{dokumenter[0].pk}/last-ned/" in html
    assert "Lag deltakerbevis" in html and "Lag kontrakt og samtykkeerklæring (ny versjon)" in html
    assert f"/dokumenter/{dokumenter[1].pk}/" not in html  # another participant's document
    bevis = services.dokument_lag(type="deltakerbevis", deltaker=dokumenter[0].deltaker, utfort_av=koordinator)
    client.force_login(faglarer)
    html = client.get(f"/deltakere/{dokumenter[0].deltaker_id}/").content.decode()
    assert f"/dokumenter/{bevis.pk}/last-ned/" in html and "Lag deltakerbevis" not in html
    assert f"/dokumenter/{dokumenter[0].pk}/last-ned/" not in html  # the contract: not the teacher's to read


@pytest.mark.parametrize("antall", [1, 8])
def test_case_page_query_count_is_constant(client, koordinator, deltaker, antall, django_assert_max_num_queries):
    for _ in range(antall):
        services.dokument_lag(type="deltakerbevis", deltaker=deltaker, utfort_av=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(40):
        assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200


SKANN = {"koordinator": 302, "faglarer": 403, "norsklarer": 403, "styring": 404, "koordinator_asker": 404}


@pytest.mark.parametrize("hvem", SKANN)
def test_attach_scan_permission_matrix(client, personer, dokumenter, hvem):
    client.force_login(personer[hvem])
    svar = client.post(f"/dokumenter/{dokumenter[0].pk}/skann/", {"fil": SimpleUploadedFile("s.pdf", lag_pdf())})
    assert svar.status_code == SKANN[hvem]


def test_a_scan_that_is_not_pdf_or_image_re_renders_with_an_error(client, koordinator, dokumenter):
    client.force_login(koordinator)
    svar = client.post(f"/dokumenter/{dokumenter[0].pk}/skann/", {"fil": SimpleUploadedFile("s.pdf", b"<html>")})
    html = svar.content.decode()
    assert svar.status_code == 200 and "feiloppsummering" in html and "PDF-, JPEG- eller PNG-fil" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_scan_download_follows_the_case_access(
    client, koordinator, faglarer, annen_faglarer, dokumenter, deltakerbevis
):
    client.force_login(koordinator)
    for d in (dokumenter[0], deltakerbevis[0]):
        client.post(f"/dokumenter/{d.pk}/skann/", {"fil": SimpleUploadedFile("s.png", PNG_1PX)})
    client.force_login(faglarer)
    svar = client.get(f"/dokumenter/{deltakerbevis[0].pk}/skann/last-ned/")
    assert svar.status_code == 200 and "-signert.png" in svar["Content-Disposition"]
    assert client.get(f"/dokumenter/{dokumenter[0].pk}/skann/last-ned/").status_code == 403  # the signed consent
    client.force_login(annen_faglarer)
    assert client.get(f"/dokumenter/{deltakerbevis[0].pk}/skann/last-ned/").status_code == 404


@pytest.mark.parametrize(
    ("hvem", "status"),
    [("koordinator", 200), ("faglarer", 404), ("styring", 404), ("koordinator_asker", 404), ("superbruker", 404)],
)
def test_letterhead_page_permission_matrix(client, personer, lorenskog, hvem, status):
    client.force_login(personer[hvem])
    assert client.get(f"/dokumenter/profil/{lorenskog.pk}/").status_code == status


def test_letterhead_is_saved_and_a_fake_logo_refused(client, koordinator, lorenskog):
    client.force_login(koordinator)
    data = {"adresselinjer": "Postboks 304\r\n1471 Lørenskog", "telefon": "", "epost": "", "signatar_navn": "Hanne"}
    svar = client.post(
        f"/dokumenter/profil/{lorenskog.pk}/", {**data, "ny_logo": SimpleUploadedFile("x.png", b"GIF89a")}
    )
    assert svar.status_code == 200 and "PNG- eller JPEG" in svar.content.decode()
    assert "Postboks 304" in svar.content.decode()  # nothing typed is lost
    svar = client.post(f"/dokumenter/profil/{lorenskog.pk}/", {**data, "ny_logo": SimpleUploadedFile("x.png", PNG_1PX)})
    assert svar.status_code == 302
    profil = Dokumentprofil.objects.get(organisasjon=lorenskog)
    assert profil.adresse_liste == ["Postboks 304", "1471 Lørenskog"] and profil.logo
    assert client.get(f"/dokumenter/profil/{lorenskog.pk}/logo/")["Content-Type"] == "image/png"


@pytest.mark.parametrize(("hvem", "status"), [("koordinator", 200), ("faglarer", 403), ("styring", 403)])
def test_documents_overview_is_for_coordinators(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/dokumenter/").status_code == status


@pytest.fixture
def kull_med_deltakere(fagretning):
    kull = KullFactory(fagretning=fagretning, navn="Høst 2025", oppstart=datetime.date(2025, 8, 15))
    for fornavn in ("Ayşe", "Zoë", "Ålov"):
        DeltakerFactory(fagretning=fagretning, kull=kull, fornavn=fornavn, status=Deltaker.Status.FULLFORT)
    return kull


def test_cohort_batch_runs_shows_progress_and_offers_the_zip(
    client, koordinator, kull_med_deltakere, django_capture_on_commit_callbacks
):
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/dokumenter/kull/{kull_med_deltakere.pk}/deltakerbevis/")
    jobb = Batchjobb.objects.get()
    assert svar.status_code == 302 and svar.url == f"/dokumenter/jobb/{jobb.pk}/"
    delvis = client.get(svar.url, headers={"HX-Request": "true"}).content.decode()
    assert "<h1" not in delvis and "3 av 3" in delvis and f"/dokumenter/jobb/{jobb.pk}/zip/" in delvis
    assert "hx-trigger" not in delvis  # finished: polling stops
    zip_svar = client.get(f"/dokumenter/jobb/{jobb.pk}/zip/")
    assert zip_svar.status_code == 200 and zip_svar["Content-Disposition"].startswith("attachment;")


def test_a_queued_job_page_polls_with_htmx(client, koordinator, kull_med_deltakere, django_capture_on_commit_callbacks):
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/dokumenter/kull/{kull_med_deltakere.pk}/deltakerbevis/")
    jobb = Batchjobb.objects.get()
    html = client.get(f"/dokumenter/jobb/{jobb.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html and "0 av 3" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@pytest.mark.parametrize(
    ("hvem", "status"), [("koordinator", 200), ("faglarer", 404), ("styring", 404), ("koordinator_asker", 404)]
)
def test_batch_pages_permission_matrix(
    client, personer, koordinator, kull_med_deltakere, hvem, status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        jobb = services.batchjobb_bestill(kull=kull_med_deltakere, type="deltakerbevis", utfort_av=koordinator)
    client.force_login(personer[hvem])
    assert client.get(f"/dokumenter/jobb/{jobb.pk}/").status_code == status
    assert client.get(f"/dokumenter/jobb/{jobb.pk}/zip/").status_code == status
    if status == 404:
        assert client.post(f"/dokumenter/kull/{kull_med_deltakere.pk}/deltakerbevis/").status_code == 404


@pytest.mark.parametrize("sti", ["/dokumenter/", "/dokumenter/profil/{org}/", "/dokumenter/{dok}/skann/"])
def test_document_pages_have_exactly_one_h1(client, koordinator, lorenskog, dokumenter, sti):
    client.force_login(koordinator)
    html = client.get(sti.format(org=lorenskog.pk, dok=dokumenter[0].pk)).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1


# --- documents made from records (agreement, assessment meeting, meeting) -------------------------


@pytest.fixture
def poster(deltaker, annen_deltaker, fremmed_deltaker):
    """One record of each kind for `deltaker` (Lørenskog) and one meeting in Asker."""
    from arbeidsgivere.tests.factories import AvtaleFactory
    from oppfolging.models import Mote
    from oppfolging.tests.factories import MoteFactory, VurderingssamtaleFactory

    from .factories import PlasseringFactory

    return {
        "avtale": AvtaleFactory(plassering=PlasseringFactory(deltaker=deltaker)),
        "vurderingsreferat": VurderingssamtaleFactory(deltaker=deltaker),
        "motereferat": MoteFactory(fagretning=deltaker.fagretning),
        "styringsmote": MoteFactory(fagretning=None, type=Mote.Type.STYRINGSGRUPPE, organisasjon=deltaker.organisasjon),
        "fremmed_mote": MoteFactory(fagretning=fremmed_deltaker.fagretning),
    }


# who → status for POST "make" on (avtale, vurderingsreferat, motereferat, Asker's meeting)
LAG_OBJEKT = {
    "koordinator": (302, 302, 302, 404),
    "faglarer": (403, 403, 403, 404),
    "annen_faglarer": (404, 404, 403, 404),
    "norsklarer": (403, 403, 404, 404),
    "styring": (404, 404, 404, 404),
    "koordinator_asker": (404, 404, 404, 302),
    "superbruker": (404, 404, 404, 404),
}


@pytest.mark.parametrize("hvem", LAG_OBJEKT)
def test_make_record_document_permission_matrix(client, personer, poster, hvem):
    client.force_login(personer[hvem])
    mal = [
        ("avtale", poster["avtale"]),
        ("vurderingsreferat", poster["vurderingsreferat"]),
        ("motereferat", poster["motereferat"]),
        ("motereferat", poster["fremmed_mote"]),
    ]
    faktisk = tuple(client.post(f"/dokumenter/lag/{t}/{o.pk}/").status_code for t, o in mal)
    assert faktisk == LAG_OBJEKT[hvem]
    laget = sum(1 for s in LAG_OBJEKT[hvem] if s == 302)
    assert Dokument.objects.count() == laget


def test_making_a_record_document_redirects_back_to_its_page_with_a_message(client, koordinator, poster):
    client.force_login(koordinator)
    svar = client.post(f"/dokumenter/lag/motereferat/{poster['motereferat'].pk}/", follow=True)
    assert svar.redirect_chain[-1][0] == f"/oppfolging/moter/{poster['motereferat'].pk}/#dokumenter"
    html = svar.content.decode()
    assert "Møtereferat, versjon 1, er laget." in html
    dokument = Dokument.objects.get()
    assert f"/dokumenter/{dokument.pk}/last-ned/" in html


def test_unknown_record_document_type_is_404(client, koordinator, poster):
    client.force_login(koordinator)
    assert client.post(f"/dokumenter/lag/ukjent/{poster['motereferat'].pk}/").status_code == 404


# reading minutes (no participant): whoever may open the meeting's page (oppfolging.permissions):
# coordinators and faglærere of the org both kinds; the steering group its own meetings' minutes
LES_REFERAT = {
    "koordinator": (200, 200),
    "faglarer": (200, 200),
    "annen_faglarer": (200, 200),
    "norsklarer": (404, 404),
    "styring": (404, 200),
    "koordinator_asker": (404, 404),
    "superbruker": (404, 404),
}


@pytest.mark.parametrize("hvem", LES_REFERAT)
def test_minutes_download_permission_matrix(client, personer, poster, koordinator, hvem):
    referater = [
        services.dokument_lag_for_objekt(type="motereferat", objekt=poster[n], utfort_av=koordinator)
        for n in ("motereferat", "styringsmote")
    ]
    client.force_login(personer[hvem])
    faktisk = tuple(client.get(f"/dokumenter/{d.pk}/last-ned/").status_code for d in referater)
    assert faktisk == LES_REFERAT[hvem]


def test_faglarer_may_read_but_not_attach_a_scan_to_project_group_minutes(client, faglarer, koordinator, poster):
    referat = services.dokument_lag_for_objekt(type="motereferat", objekt=poster["motereferat"], utfort_av=koordinator)
    client.force_login(faglarer)
    assert client.get(f"/dokumenter/{referat.pk}/skann/").status_code == 404


def test_agreement_and_assessment_documents_appear_on_the_case_page(client, koordinator, deltaker, poster):
    avtale = services.dokument_lag_for_objekt(type="avtale", objekt=poster["avtale"], utfort_av=koordinator)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert f"/dokumenter/{avtale.pk}/last-ned/" in html and "Avtale om deltakelse" in html


@pytest.mark.parametrize(
    ("side", "knapp"),
    [
        ("/arbeidsgivere/plasseringer/{plassering}/", "Lag avtale om deltakelse"),
        ("/oppfolging/vurderingssamtaler/{samtale}/", "Lag referat fra vurderingssamtale"),
        ("/oppfolging/moter/{mote}/", "Lag møtereferat"),
        ("/deltakere/{deltaker}/opplaeringsplan/", "Lag opplæringsplan"),
    ],
)
def test_record_pages_show_the_make_button_to_coordinators_only(
    client, koordinator, faglarer, deltaker, poster, side, knapp
):
    url = side.format(
        plassering=poster["avtale"].plassering_id,
        samtale=poster["vurderingsreferat"].pk,
        mote=poster["motereferat"].pk,
        deltaker=deltaker.pk,
    )
    client.force_login(koordinator)
    svar = client.get(url)
    assert svar.status_code == 200 and knapp in svar.content.decode()
    client.force_login(faglarer)
    svar = client.get(url)
    assert svar.status_code == 200 and knapp not in svar.content.decode()


@pytest.mark.parametrize("antall", [1, 6])
def test_meeting_page_query_count_is_constant_with_many_versions(
    client, koordinator, poster, antall, django_assert_max_num_queries
):
    for _ in range(antall):
        services.dokument_lag_for_objekt(type="motereferat", objekt=poster["motereferat"], utfort_av=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(16):
        assert client.get(f"/oppfolging/moter/{poster['motereferat'].pk}/").status_code == 200


BATCH_FAGRETNING = {
    "koordinator": 302,
    "faglarer": 404,
    "norsklarer": 404,
    "styring": 404,
    "koordinator_asker": 404,
    "superbruker": 404,
}


@pytest.mark.parametrize("hvem", BATCH_FAGRETNING)
def test_ordering_all_training_plans_of_a_track_permission_matrix(
    client, personer, deltaker, hvem, django_capture_on_commit_callbacks
):
    client.force_login(personer[hvem])
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/dokumenter/fagretning/{deltaker.fagretning_id}/opplaeringsplaner/")
    assert svar.status_code == BATCH_FAGRETNING[hvem]
    if svar.status_code == 302:
        jobb = Batchjobb.objects.get()
        assert svar.url == f"/dokumenter/jobb/{jobb.pk}/" and jobb.fagretning_id == deltaker.fagretning_id
        assert client.get(svar.url).status_code == 200
    else:
        assert not Batchjobb.objects.exists()


def test_overview_offers_training_plans_per_track(client, koordinator, deltaker):
    client.force_login(koordinator)
    html = client.get("/dokumenter/").content.decode()
    assert f"/dokumenter/fagretning/{deltaker.fagretning_id}/opplaeringsplaner/" in html
    assert "Lag alle opplæringsplaner" in html
