"""Making documents: their text, versions that never replace each other, checksums, scans, batches."""

import datetime
import hashlib
import io
import zipfile

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from deltakere.tests.saker import statusendring
from dokumenter import services
from dokumenter.models import Batchjobb, Dokument, Dokumentprofil
from fagbrev.models import Hendelse
from fagbrev.tests.filer import lag_pdf

from .factories import PlasseringFactory
from .pdfhjelp import flat, pdf_tekst

OSLO = datetime.timezone(datetime.timedelta(hours=1))
PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
    b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _les(dokument: Dokument) -> bytes:
    with dokument.fil.open("rb") as f:
        return f.read()


@time_machine.travel(datetime.datetime(2027, 6, 20, 10, 0, tzinfo=OSLO), tick=False)
def test_deltakerbevis_names_the_participant_track_period_and_places(ayse, koordinator):
    PlasseringFactory(
        deltaker=ayse,
        arbeidssted__navn="Solsikken barnehage",
        fra=datetime.date(2025, 8, 18),
        til=datetime.date(2026, 6, 19),
        timer_per_uke=22.5,
    )
    PlasseringFactory(
        deltaker=ayse,
        arbeidssted__navn="Fjellhamar barnehage",
        fra=datetime.date(2026, 8, 17),
        til=datetime.date(2027, 6, 18),
    )
    # Her own period: she started on 18.08.2025 (her cohort on 15.08.2025) and completed on 10.06.2027.
    for til_status, dag in (("i_opplaering", datetime.date(2025, 8, 18)), ("fullfort", datetime.date(2027, 6, 10))):
        statusendring(ayse, til_status, dag, koordinator, fra_status="tatt_opp")
    dokument = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    tekst = flat(pdf_tekst(_les(dokument)))
    assert "Deltakerbevis" in tekst
    assert "Ayşe Yılmaz Doğan, født 09.04.1991, har fullført fagbrevløpet i Barne- og ungdomsarbeider" in tekst
    assert "18.08.2025 – 10.06.2027" in tekst and "15.08.2025" not in tekst and "20.06.2027 –" not in tekst
    assert "17.08.2026 – 10.06.2027" in tekst  # the placement as far as her pathway went
    assert "Solsikken barnehage" in tekst and "Fjellhamar barnehage" in tekst
    assert "18.08.2025 – 19.06.2026" in tekst
    assert "Laget 20.06.2027 av" in tekst and str(koordinator) in tekst
    assert "Side 2 av 2" in tekst  # two pages with every section
    # Sections with nothing recorded say so rather than being left out.
    assert "Ingen kompetansemål er registrert som gjennomgått." in tekst
    assert "Ingen norskprøver er registrert." in tekst
    assert "Ingen beståtte prøver er registrert." in tekst


def test_placement_hours_are_weeks_times_hours_a_week(ayse):
    from dokumenter.selectors import plasseringer_bidrag

    PlasseringFactory(deltaker=ayse, fra=datetime.date(2026, 1, 5), til=datetime.date(2026, 1, 18), timer_per_uke=20)
    PlasseringFactory(
        deltaker=ayse, fra=datetime.date(2026, 2, 2), til=None, timer_per_uke=None, dager_per_uke=2
    )  # 2 days × 7.5 h
    bidrag = plasseringer_bidrag(deltaker=ayse, idag=datetime.date(2026, 2, 15))
    assert [p["timer"] for p in bidrag["plasseringer"]] == [40, 30]
    assert bidrag["praksistimer_totalt"] == 70
    assert bidrag["plasseringer"][1]["til"] == ""


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=OSLO), tick=False)
def test_kontrakt_has_expectations_absence_rules_data_sharing_and_signatures(ayse, koordinator, lorenskog):
    Dokumentprofil.objects.create(
        organisasjon=lorenskog, adresselinjer="Postboks 304\n1471 Lørenskog", signatar_navn="Hanne Kristiansen"
    )
    ayse.status = Deltaker.Status.TATT_OPP
    ayse.save()
    dokument = services.dokument_lag(type="kontrakt", deltaker=ayse, utfort_av=koordinator)
    tekst = flat(pdf_tekst(_les(dokument)))
    for ventet in [
        "Kontrakt og samtykkeerklæring",
        "Ayşe Yılmaz Doğan",
        "09.04.1991",
        "Høst 2025, oppstart 15.08.2025",
        "Dette forventer vi av deg",
        "minst 80 % oppmøte",
        "Fravær og permisjon",
        "Politiattest",
        "hvem vi deler med",
        "Fylkeskommunen",
        "Deltaker: Ayşe Yılmaz Doğan",
        "Hanne Kristiansen",
        "Postboks 304",
        "Laget 02.03.2026",
    ]:
        assert ventet in tekst, ventet
    assert "Side 1 av" in tekst


def test_a_new_version_never_replaces_the_old_one(ayse, koordinator):
    forste = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    forste_bytes = _les(forste)
    andre = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    forste.refresh_from_db()
    assert (forste.versjon, andre.versjon) == (1, 2)
    assert forste.fil.name != andre.fil.name
    assert _les(forste) == forste_bytes
    assert hashlib.sha256(forste_bytes).hexdigest() == forste.sha256
    assert hashlib.sha256(_les(andre)).hexdigest() == andre.sha256
    assert forste.storrelse == len(forste_bytes)
    # versions count per document type and participant
    kontrakt = services.dokument_lag(type="kontrakt", deltaker=ayse, utfort_av=koordinator)
    assert kontrakt.versjon == 1
    assert Hendelse.objects.filter(handling="dokumenter.dokument.laget", deltaker_id=ayse.pk).count() == 3


def test_stored_files_have_random_names_without_the_person(ayse, koordinator):
    dokument = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    assert dokument.fil.name.startswith("dokumenter/pdf/")
    assert "Yilmaz" not in dokument.fil.name and ayse.fodselsnummer not in dokument.fil.name
    assert ayse.fodselsnummer not in services.dokument_filnavn(dokument)


@pytest.mark.parametrize("status", [Deltaker.Status.HENVIST, Deltaker.Status.AVSLATT])
def test_documents_are_refused_for_participants_not_admitted(fagretning, koordinator, status):
    deltaker = DeltakerFactory(fagretning=fagretning, status=status)
    with pytest.raises(ValidationError):
        services.dokument_lag(type="deltakerbevis", deltaker=deltaker, utfort_av=koordinator)
    assert not Dokument.objects.exists()


def test_a_signed_scan_is_attached_once_and_checked_by_its_bytes(ayse, koordinator):
    dokument = services.dokument_lag(type="kontrakt", deltaker=ayse, utfort_av=koordinator)
    with pytest.raises(ValidationError):
        services.dokument_skann_legg_ved(
            dokument=dokument, fil=SimpleUploadedFile("skann.pdf", b"MZ\x90\x00 not a pdf"), utfort_av=koordinator
        )
    innhold = lag_pdf()
    services.dokument_skann_legg_ved(
        dokument=dokument, fil=SimpleUploadedFile("skann.pdf", innhold), utfort_av=koordinator
    )
    dokument.refresh_from_db()
    assert dokument.har_skann and dokument.signert_sha256 == hashlib.sha256(innhold).hexdigest()
    assert dokument.signert_lastet_opp_av == koordinator
    with pytest.raises(ValidationError):
        services.dokument_skann_legg_ved(
            dokument=dokument, fil=SimpleUploadedFile("ny.png", PNG_1PX), utfort_av=koordinator
        )


def test_logo_must_be_png_or_jpeg_by_content(lorenskog, koordinator):
    with pytest.raises(ValidationError):
        services.dokumentprofil_lagre(
            organisasjon=lorenskog, utfort_av=koordinator, logo=SimpleUploadedFile("logo.png", b"<svg></svg>")
        )
    profil = services.dokumentprofil_lagre(
        organisasjon=lorenskog,
        utfort_av=koordinator,
        logo=SimpleUploadedFile("logo.png", PNG_1PX),
        adresselinjer="Postboks 304\n1471 Lørenskog",
    )
    assert profil.logo.name.startswith("dokumenter/logoer/") and profil.adresse_liste == [
        "Postboks 304",
        "1471 Lørenskog",
    ]


def test_uploaded_logo_is_drawn_in_the_pdf(ayse, koordinator, lorenskog, caplog):
    services.dokumentprofil_lagre(
        organisasjon=lorenskog, utfort_av=koordinator, logo=SimpleUploadedFile("l.png", PNG_1PX)
    )
    with caplog.at_level("WARNING", logger="fagbrev.pdf"):
        services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    assert "avviste" not in caplog.text


def test_batch_makes_every_certificate_of_the_cohort_and_a_zip(
    ayse, kull, fagretning, koordinator, django_capture_on_commit_callbacks
):
    DeltakerFactory(fagretning=fagretning, kull=kull, fornavn="Zoë", etternavn="Ćosić", status=Deltaker.Status.AVBRUTT)
    DeltakerFactory(fagretning=fagretning, kull=kull, status=Deltaker.Status.HENVIST)  # gets none
    with django_capture_on_commit_callbacks(execute=True):
        jobb = services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)
    jobb.refresh_from_db()
    assert (jobb.status, jobb.ferdige, jobb.totalt) == (Batchjobb.Status.FERDIG, 2, 2)
    with jobb.zip_fil.open("rb") as f:
        zf = zipfile.ZipFile(io.BytesIO(f.read()))
    assert len(zf.namelist()) == 2
    tekster = [flat(pdf_tekst(zf.read(n))) for n in zf.namelist()]
    assert any("Zoë Ćosić" in t for t in tekster) and any("Ayşe Yılmaz Doğan" in t for t in tekster)
    assert Dokument.objects.filter(type="deltakerbevis").count() == 2


def test_running_a_batch_job_twice_makes_the_documents_once(
    ayse, kull, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        jobb = services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)
    services.batchjobb_kjor(jobb_id=jobb.pk)
    services.batchjobb_kjor(jobb_id=jobb.pk)
    assert Dokument.objects.filter(deltaker=ayse).count() == 1


def test_a_second_batch_for_the_same_cohort_waits_for_the_first(
    ayse, kull, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)
        with pytest.raises(ValidationError):
            services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)


def test_batch_job_refuses_to_run_when_the_orderer_lost_access(
    ayse, kull, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        jobb = services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)
    koordinator.medlemskap.all().delete()
    services.batchjobb_kjor(jobb_id=jobb.pk)
    jobb.refresh_from_db()
    assert jobb.status == Batchjobb.Status.FEILET and not Dokument.objects.exists()


@time_machine.travel(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_the_date_made_is_the_date_in_oslo_on_the_night_clocks_change(ayse, koordinator):
    # 23:30 UTC on 28 March is 00:30 on 29 March in Oslo (summer time starts at 02:00 that night).
    dokument = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    assert "Laget 29.03.2026 av" in flat(pdf_tekst(_les(dokument)))


def test_markup_in_a_text_field_ends_up_as_text_in_the_document(ayse, koordinator, fagretning, caplog):
    fagretning.undervisning = '<img src="file:///etc/passwd"> <img src="http://example.com/spor.png">'
    fagretning.save()
    with caplog.at_level("WARNING", logger="fagbrev.pdf"):
        dokument = services.dokument_lag(type="kontrakt", deltaker=ayse, utfort_av=koordinator)
    tekst = flat(pdf_tekst(_les(dokument)))
    assert '<img src="file:///etc/passwd">' in tekst and "root:x:0:0" not in tekst
    assert "avviste" not in caplog.text  # nothing was even attempted: the text was escaped


@time_machine.travel(datetime.datetime(2027, 6, 20, 10, 0, tzinfo=OSLO), tick=False)
def test_batch_for_a_track_makes_every_training_plan_of_its_participants_and_a_zip(
    ayse, fagretning, koordinator, django_capture_on_commit_callbacks
):
    from fagbrev.tests.factories import FagretningFactory

    ayse.status = Deltaker.Status.I_OPPLAERING
    ayse.save()
    DeltakerFactory(fagretning=fagretning, fornavn="Zoë", etternavn="Ćosić", status=Deltaker.Status.PERMISJON)
    DeltakerFactory(fagretning=fagretning, status=Deltaker.Status.HENVIST)  # not in training: none
    DeltakerFactory(
        fagretning=FagretningFactory(organisasjon=fagretning.organisasjon), status=Deltaker.Status.I_OPPLAERING
    )  # other track: none
    with django_capture_on_commit_callbacks(execute=True):
        jobb = services.batchjobb_bestill(fagretning=fagretning, type="opplaeringsplan", utfort_av=koordinator)
    jobb.refresh_from_db()
    assert (jobb.status, jobb.ferdige, jobb.totalt) == (Batchjobb.Status.FERDIG, 2, 2)
    assert jobb.omfang == "Barne- og ungdomsarbeider"
    with jobb.zip_fil.open("rb") as f:
        zf = zipfile.ZipFile(io.BytesIO(f.read()))
    assert sorted(n.split("-")[0] for n in zf.namelist()) == ["opplaeringsplan", "opplaeringsplan"]
    tekster = [flat(pdf_tekst(zf.read(n))) for n in zf.namelist()]
    assert all("Opplæringsplan" in t for t in tekster)
    assert any("Zoë Ćosić" in t for t in tekster) and any("Ayşe Yılmaz Doğan" in t for t in tekster)


def test_batch_scope_and_type_must_match(ayse, kull, fagretning, koordinator):
    with pytest.raises(ValidationError, match="Bare opplæringsplaner"):
        services.batchjobb_bestill(fagretning=fagretning, type="deltakerbevis", utfort_av=koordinator)
    with pytest.raises(ValidationError, match="Bare deltakerbevis"):
        services.batchjobb_bestill(kull=kull, type="opplaeringsplan", utfort_av=koordinator)
    with pytest.raises(ValidationError, match="enten et kull eller en fagretning"):
        services.batchjobb_bestill(kull=kull, fagretning=fagretning, type="deltakerbevis", utfort_av=koordinator)


def test_a_batch_job_has_exactly_one_scope(ayse, kull, fagretning, koordinator):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Batchjobb.objects.create(
            organisasjon=kull.organisasjon,
            type="deltakerbevis",
            kull=kull,
            fagretning=fagretning,
            bestilt_av=koordinator,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Batchjobb.objects.create(organisasjon=kull.organisasjon, type="deltakerbevis", bestilt_av=koordinator)
