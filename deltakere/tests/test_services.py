"""Services of the case file: the status machine, intake, locking, documents, equipment."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere import overganger, services, services_dokumenter, services_opptak
from deltakere.models import Deltaker, Kartlegging, Kriterievurdering, Statusendring, Vedlegg
from deltakere.selectors import politiattest_mangler, status_pa
from deltakere.tests.factories import (
    DeltakerFactory,
    InntakssamtaleFactory,
    OpptakskriteriumFactory,
    lag_docx,
    lag_jpeg,
    lag_pdf,
    lag_png,
)
from fagbrev.demo import lag_fodselsnummer
from fagbrev.models import Hendelse
from fagbrev.tests.factories import FagretningFactory

S = Deltaker.Status
IDAG = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


def _med_attest(deltaker):
    InntakssamtaleFactory(
        deltaker=deltaker,
        politiattest_soknad=datetime.date(2026, 8, 1),
        politiattest_mottatt=datetime.date(2026, 8, 20),
    )
    return Deltaker.objects.get(pk=deltaker.pk)


ALLE_PAR = [(fra, til) for fra in S.values for til in S.values if fra != til]


@pytest.mark.parametrize(("fra", "til"), [p for p in ALLE_PAR if overganger.er_lovlig(*p)])
def test_every_allowed_transition_goes_through_and_is_recorded(koordinator, fagretning, fra, til):
    deltaker = _med_attest(DeltakerFactory(fagretning=fagretning, status=fra))
    endring = services.deltaker_endre_status(deltaker=deltaker, til=til, begrunnelse="Fordi.", utfort_av=koordinator)
    deltaker.refresh_from_db()
    assert deltaker.status == til
    assert (endring.fra_status, endring.til_status, endring.utfort_av, endring.begrunnelse) == (
        fra,
        til,
        koordinator,
        "Fordi.",
    )
    hendelse = Hendelse.objects.get(deltaker_id=deltaker.pk, handling="deltakere.status.endret")
    assert hendelse.utfort_av == koordinator and "Fordi." in hendelse.beskrivelse


@pytest.mark.parametrize(("fra", "til"), [p for p in ALLE_PAR if not overganger.er_lovlig(*p)])
def test_every_transition_outside_the_table_is_refused_with_a_message(koordinator, fagretning, fra, til):
    deltaker = _med_attest(DeltakerFactory(fagretning=fagretning, status=fra))
    with pytest.raises(ValidationError, match="kan ikke gå til"):
        services.deltaker_endre_status(deltaker=deltaker, til=til, begrunnelse="Fordi.", utfort_av=koordinator)
    deltaker.refresh_from_db()
    assert deltaker.status == fra
    assert not Statusendring.objects.filter(deltaker=deltaker).exists()


def test_a_transition_needs_a_reason(koordinator, deltaker):
    with pytest.raises(ValidationError) as feil:
        services.deltaker_endre_status(deltaker=deltaker, til=S.TEORI_BESTATT, begrunnelse="  ", utfort_av=koordinator)
    assert "begrunnelse" in feil.value.error_dict


def test_track_requiring_police_certificate_cannot_start_training_without_it(koordinator, fagretning):
    assert fagretning.krever_politiattest
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.TATT_OPP)
    assert not deltaker.har_politiattest
    assert "krever politiattest" in politiattest_mangler(deltaker)
    with pytest.raises(ValidationError, match="politiattest"):
        services.deltaker_endre_status(
            deltaker=deltaker, til=S.I_OPPLAERING, begrunnelse="Start", utfort_av=koordinator
        )
    InntakssamtaleFactory(deltaker=deltaker, politiattest_soknad=datetime.date(2026, 8, 1))
    deltaker = Deltaker.objects.get(pk=deltaker.pk)
    with pytest.raises(ValidationError, match="politiattest"):  # applied for is not enough
        services.deltaker_endre_status(
            deltaker=deltaker, til=S.I_OPPLAERING, begrunnelse="Start", utfort_av=koordinator
        )


def test_track_without_certificate_requirement_starts_training_without_one(koordinator, lorenskog):
    renhold = FagretningFactory(organisasjon=lorenskog, krever_politiattest=False)
    deltaker = DeltakerFactory(fagretning=renhold, status=S.TATT_OPP)
    assert politiattest_mangler(deltaker) is None
    services.deltaker_endre_status(deltaker=deltaker, til=S.I_OPPLAERING, begrunnelse="Start", utfort_av=koordinator)
    assert Deltaker.objects.get(pk=deltaker.pk).status == S.I_OPPLAERING


def test_return_from_leave_also_needs_the_certificate(koordinator, fagretning):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.PERMISJON)
    assert overganger.hindringer(deltaker, S.I_OPPLAERING)


def test_a_stale_version_is_refused_instead_of_overwriting(koordinator, deltaker):
    lest = deltaker.versjon
    services.deltaker_endre(deltaker=deltaker, versjon=lest, utfort_av=koordinator, telefon="40000001")
    annen_kopi = Deltaker.objects.get(pk=deltaker.pk)
    with pytest.raises(ValidationError, match="endret av noen andre"):
        services.deltaker_endre(deltaker=annen_kopi, versjon=lest, utfort_av=koordinator, telefon="40000002")
    assert Deltaker.objects.get(pk=deltaker.pk).telefon == "40000001"


def test_a_stale_version_cannot_change_status_either(koordinator, deltaker):
    lest = deltaker.versjon
    services.deltaker_endre(deltaker=deltaker, versjon=lest, utfort_av=koordinator, telefon="40000001")
    with pytest.raises(ValidationError, match="endret av noen andre"):
        services.deltaker_endre_status(
            deltaker=Deltaker.objects.get(pk=deltaker.pk),
            til=S.TEORI_BESTATT,
            begrunnelse="x",
            versjon=lest,
            utfort_av=koordinator,
        )


def test_registering_a_known_identity_number_is_refused_as_duplicate(koordinator, fagretning, deltaker):
    with pytest.raises(ValidationError) as feil:
        services.deltaker_registrer(
            fagretning=fagretning,
            utfort_av=koordinator,
            fornavn="Ny",
            etternavn="Person",
            fodselsnummer=deltaker.fodselsnummer,
        )
    assert feil.value.code == "duplikat"
    assert Deltaker.objects.filter(fodselsnummer=deltaker.fodselsnummer).count() == 1


def test_same_identity_number_in_another_organisation_is_a_separate_case(koordinator_asker, deltaker, asker):
    betong = FagretningFactory(organisasjon=asker)
    ny = services.deltaker_registrer(
        fagretning=betong, utfort_av=koordinator_asker, fornavn="A", etternavn="B", fodselsnummer=deltaker.fodselsnummer
    )
    assert ny.pk != deltaker.pk


@time_machine.travel(IDAG, tick=False)
def test_mapping_moves_a_referred_case_to_mapped_and_records_criteria(koordinator, fagretning):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.HENVIST)
    kriterium = OpptakskriteriumFactory(fagretning=fagretning)
    services_opptak.kartlegging_lagre(
        deltaker=deltaker,
        utfort_av=koordinator,
        versjon=deltaker.versjon,
        intervjudato=datetime.date(2026, 11, 23),
        ankomst_norge=datetime.date(2016, 11, 24),
        vurderinger={kriterium.pk: ("ikke_oppfylt", "Bare A1 muntlig")},
    )
    deltaker.refresh_from_db()
    assert deltaker.status == S.KARTLAGT
    vurdering = Kriterievurdering.objects.get()
    assert (vurdering.vurdering, vurdering.kommentar) == ("ikke_oppfylt", "Bare A1 muntlig")
    assert deltaker.kartlegging.botid_ar(datetime.date(2026, 11, 23)) == 9  # one day short of ten years
    assert deltaker.kartlegging.botid_ar(datetime.date(2026, 11, 24)) == 10


@pytest.mark.parametrize(
    ("idag", "ar"),
    [
        (datetime.date(2027, 2, 27), 10),
        (datetime.date(2027, 2, 28), 11),  # arrived on a leap day: the anniversary is 28 February
        (datetime.date(2028, 2, 28), 11),
        (datetime.date(2028, 2, 29), 12),  # and 29 February in a leap year
    ],
)
def test_years_in_norway_after_arriving_on_29_february_count_from_28_february(idag, ar):
    kartlegging = Kartlegging(ankomst_norge=datetime.date(2016, 2, 29))
    assert kartlegging.botid_ar(idag) == ar


@time_machine.travel(IDAG, tick=False)
@pytest.mark.parametrize(("ankomst", "ok"), [(datetime.date(2026, 11, 23), True), (datetime.date(2026, 11, 24), False)])
def test_arrival_date_may_be_today_but_not_in_the_future(koordinator, fagretning, ankomst, ok):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.HENVIST)
    kall = lambda: services_opptak.kartlegging_lagre(  # noqa: E731
        deltaker=deltaker,
        utfort_av=koordinator,
        versjon=deltaker.versjon,
        intervjudato=datetime.date(2026, 11, 23),
        ankomst_norge=ankomst,
    )
    if ok:
        kall()
    else:
        with pytest.raises(ValidationError, match="fremtiden"):
            kall()


def test_a_criterion_of_another_track_is_refused(koordinator, fagretning, lorenskog):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.HENVIST)
    fremmed = OpptakskriteriumFactory(fagretning=FagretningFactory(organisasjon=lorenskog))
    with pytest.raises(ValidationError, match="fagretning"):
        services_opptak.kartlegging_lagre(
            deltaker=deltaker,
            utfort_av=koordinator,
            versjon=deltaker.versjon,
            intervjudato=datetime.date(2026, 1, 5),
            vurderinger={fremmed.pk: ("oppfylt", "")},
        )


@time_machine.travel(IDAG, tick=False)
def test_admission_decision_needs_a_reason_and_a_date_not_in_the_future(koordinator, faglarer, fagretning):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.KARTLAGT)
    with pytest.raises(ValidationError) as feil:
        services_opptak.opptak_vedta(
            deltaker=deltaker, utfall="avslatt", begrunnelse="", dato=datetime.date(2026, 11, 24), utfort_av=koordinator
        )
    assert set(feil.value.error_dict) == {"begrunnelse", "dato"}
    vedtak = services_opptak.opptak_vedta(
        deltaker=deltaker,
        utfall="avslatt",
        begrunnelse="Norsknivå for lavt nå; søk igjen om et år.",
        dato=datetime.date(2026, 11, 23),
        sammen_med=faglarer,
        utfort_av=koordinator,
    )
    deltaker.refresh_from_db()
    assert deltaker.status == S.AVSLATT and vedtak.besluttet_av == koordinator and vedtak.sammen_med == faglarer
    assert Deltaker.objects.filter(status=S.AVSLATT, pk=deltaker.pk).exists()  # declined cases stay findable


@time_machine.travel(IDAG, tick=False)
@pytest.mark.parametrize(("til", "ok"), [(datetime.date(2026, 12, 1), True), (datetime.date(2026, 11, 30), False)])
def test_leave_may_end_on_its_first_day_but_not_before(koordinator, deltaker, til, ok):
    kall = lambda: services.permisjon_registrer(  # noqa: E731
        deltaker=deltaker, fra=datetime.date(2026, 12, 1), til=til, arsak="Fødsel", utfort_av=koordinator
    )
    if ok:
        kall()  # from next week: planned until then
        assert status_pa(deltaker=deltaker, dato=datetime.date(2026, 12, 1)) == S.PERMISJON
    else:
        with pytest.raises(ValidationError, match="før den begynner"):
            kall()


def test_termination_keeps_the_history(koordinator, deltaker):
    services.deltaker_endre(deltaker=deltaker, versjon=deltaker.versjon, utfort_av=koordinator, telefon="40000009")
    for_ = Hendelse.objects.filter(deltaker_id=deltaker.pk).count()
    services.avbrudd_registrer(
        deltaker=deltaker,
        dato=datetime.date(2026, 11, 1),
        kategori="jobb",
        arsak="Fast jobb i barnehage",
        attest_mottatt=True,
        utfort_av=koordinator,
    )
    deltaker.refresh_from_db()
    assert deltaker.status == S.AVBRUTT and deltaker.avbrudd.attest_mottatt
    assert Hendelse.objects.filter(deltaker_id=deltaker.pk).count() == for_ + 1
    with pytest.raises(ValidationError):  # the end is final
        services.deltaker_endre_status(deltaker=deltaker, til=S.I_OPPLAERING, begrunnelse="x", utfort_av=koordinator)


@pytest.mark.parametrize(
    ("innhold", "mime"),
    [
        (lag_pdf(), "application/pdf"),
        (lag_png(), "image/png"),
        (lag_jpeg(), "image/jpeg"),
        (lag_docx(), services_dokumenter.DOCX),
    ],
)
def test_accepted_uploads_are_typed_by_content_and_stored_under_a_random_name(koordinator, deltaker, innhold, mime):
    fil = SimpleUploadedFile("mitt dokument.bin", innhold, content_type="application/octet-stream")
    dokument = services.dokument_last_opp(deltaker=deltaker, fil=fil, type="cv", utfort_av=koordinator)
    assert dokument.innholdstype == mime
    assert dokument.originalt_navn == "mitt dokument.bin"
    assert "mitt" not in dokument.fil.name and dokument.fil.name.startswith(f"dokumenter/{deltaker.organisasjon_id}/")
    with dokument.fil.open("rb") as f:
        assert f.read() == innhold


def _zip_uten_word() -> bytes:
    import io
    import zipfile

    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("payload.exe", "MZ")
    return ut.getvalue()


@pytest.mark.parametrize(
    ("navn", "innhold"),
    [
        ("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60),  # a Windows executable renamed to .pdf
        ("cv.docx", b"\x7fELF" + b"\x00" * 60),
        ("cv.docx", b"PK\x03\x04not-a-zip"),
        ("cv.docx", _zip_uten_word()),  # a zip, but not a Word document
        ("cv.pdf", b""),
    ],
)
def test_uploads_that_are_not_pdf_jpeg_png_or_docx_are_refused(koordinator, deltaker, navn, innhold):
    fil = SimpleUploadedFile(navn, innhold, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.dokument_last_opp(deltaker=deltaker, fil=fil, type="cv", utfort_av=koordinator)
    assert not Vedlegg.objects.exists()


def test_upload_over_the_size_limit_is_refused(koordinator, deltaker, settings):
    settings.OPPLASTING_MAKS_BYTES = 100
    fil = SimpleUploadedFile("stor.pdf", lag_pdf() + b"0" * 100)
    with pytest.raises(ValidationError, match="for stor"):
        services.dokument_last_opp(deltaker=deltaker, fil=fil, type="cv", utfort_av=koordinator)


@time_machine.travel(IDAG, tick=False)
def test_equipment_cannot_be_returned_before_it_was_lent(koordinator, deltaker):
    lan = services.utstyr_lan_ut(
        deltaker=deltaker, hva="iPad", serienummer="DMPX1", utlant=datetime.date(2026, 11, 20), utfort_av=koordinator
    )
    with pytest.raises(ValidationError):
        services.utstyr_returner(lan=lan, returnert=datetime.date(2026, 11, 19), utfort_av=koordinator)
    services.utstyr_returner(lan=lan, returnert=datetime.date(2026, 11, 20), utfort_av=koordinator)
    with pytest.raises(ValidationError, match="allerede"):
        services.utstyr_returner(lan=lan, returnert=datetime.date(2026, 11, 23), utfort_av=koordinator)


def test_identity_number_never_appears_in_the_event_log(koordinator, fagretning):
    import random

    fnr = lag_fodselsnummer(datetime.date(1990, 3, 4), random.Random(5))
    deltaker = services.deltaker_registrer(
        fagretning=fagretning, utfort_av=koordinator, fornavn="A", etternavn="B", fodselsnummer=fnr
    )
    nytt = lag_fodselsnummer(datetime.date(1990, 3, 5), random.Random(6))
    services.deltaker_endre(deltaker=deltaker, versjon=deltaker.versjon, utfort_av=koordinator, fodselsnummer=nytt)
    for h in Hendelse.objects.filter(deltaker_id=deltaker.pk):
        assert fnr not in str(h.endringer) + h.beskrivelse and nytt not in str(h.endringer) + h.beskrivelse


def test_the_birth_date_comes_from_the_number_when_the_form_sends_it_empty(koordinator, fagretning):
    """The referral form has a birth-date field; left empty it must not hide what the number says."""
    import random

    from fagbrev.demo import lag_fodselsnummer

    nummer = lag_fodselsnummer(datetime.date(1988, 4, 12), random.Random(7))
    ny = services.deltaker_registrer(
        fagretning=fagretning,
        utfort_av=koordinator,
        fornavn="Hiwet",
        etternavn="Mengistu",
        fodselsnummer=nummer,
        fodselsdato=None,
    )
    assert ny.fodselsdato == datetime.date(1988, 4, 12)
