"""Services of the participant's page: invitation, login links, marks, logbook, self-evaluation."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from PIL import Image

from fagbrev.models import Hendelse
from minside import bilder, services
from minside.models import Deltakerkonto, Innloggingslenke, Loggbokinnlegg
from minside.tests.factories import LoggbokinnleggFactory, lenke_for

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NA = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)


def _jpeg_med_exif(bredde=3000, hoyde=2000) -> bytes:
    bilde = Image.new("RGB", (bredde, hoyde), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefonprodusent"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    ut = io.BytesIO()
    bilde.save(ut, "JPEG", exif=exif)
    return ut.getvalue()


def test_invitation_makes_a_login_without_password_and_mails_a_link(
    amina, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        konto = services.konto_inviter(deltaker=amina, utfort_av=koordinator)
    assert konto.user.has_usable_password() is False
    assert konto.user.medlemskap.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.no"]
    assert "/min-side/lenke/" in mail.outbox[0].body
    assert Hendelse.objects.filter(handling="minside.konto.invitert", deltaker_id=amina.pk).exists()


def test_a_second_invitation_sends_a_new_link_to_the_same_account(
    amina, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        forste = services.konto_inviter(deltaker=amina, utfort_av=koordinator)
        andre = services.konto_inviter(deltaker=amina, utfort_av=koordinator)
    assert forste.pk == andre.pk
    assert Deltakerkonto.objects.count() == 1
    assert len(mail.outbox) == 2


def test_invitation_needs_an_email_address(deltaker, koordinator):
    with pytest.raises(ValidationError):
        services.konto_inviter(deltaker=deltaker, utfort_av=koordinator)


def test_the_token_is_stored_only_as_a_hash_and_has_256_bits(konto):
    lenke, token = services.lenke_lag(konto=konto)
    assert len(token) >= 43  # 32 bytes, url-safe base64
    assert token not in lenke.token_hash
    assert lenke.token_hash == services.token_hash(token)


def test_a_link_logs_in_once(konto):
    token = lenke_for(konto)
    assert services.lenke_bruk(token=token) == konto
    assert services.lenke_bruk(token=token) is None


def test_a_link_expires_after_seven_days(konto):
    with time_machine.travel(NA, tick=False) as reise:
        token = lenke_for(konto)
        reise.move_to(NA + services.LENKE_GYLDIG - datetime.timedelta(seconds=1))
        assert Innloggingslenke.objects.get().er_gyldig(NA + services.LENKE_GYLDIG - datetime.timedelta(seconds=1))
        reise.move_to(NA + services.LENKE_GYLDIG)
        assert services.lenke_bruk(token=token) is None


def test_an_unknown_token_logs_in_nobody(konto):
    assert services.lenke_bruk(token="gjettet-token") is None


def test_asking_for_a_new_link_sends_only_to_a_known_address(konto, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.lenke_bestill(epost="ukjent@example.no")
        services.lenke_bestill(epost="AMINA@example.no")
    assert [m.to for m in mail.outbox] == [["amina@example.no"]]


def test_asking_for_links_is_limited_per_hour(konto, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            services.lenke_bestill(epost="amina@example.no")
    assert len(mail.outbox) == services.MAKS_LENKER_PER_TIME


def test_the_email_is_in_her_language(konto, django_capture_on_commit_callbacks):
    konto.sprak = "ar"
    konto.save()
    services.lenke_send(konto=konto)
    assert "صفحتي" in mail.outbox[0].subject


def test_her_mark_is_written_through_the_training_plan(konto, plan):
    services.planpunkt_marker(konto=konto, punkt=plan[0], vurdering="meget_bra")
    plan[0].refresh_from_db()
    assert plan[0].deltaker_vurdering == "meget_bra"
    assert plan[0].fadder_vurdering == "bra"
    assert Hendelse.objects.filter(handling="fagbrev.opplaeringsplan.punkt_endret", utfort_av=konto.user).exists()


def test_she_cannot_mark_another_participants_goal(konto, lina_konto):
    from lop.services import planpunkt_opprett

    linas = planpunkt_opprett(deltaker=lina_konto.deltaker, utfort_av=None, oppgave="Annet mål")
    with pytest.raises(ValidationError):
        services.planpunkt_marker(konto=konto, punkt=linas, vurdering="bra")


def test_a_photo_is_turned_shrunk_and_stripped_of_exif():
    ut = bilder.bilde_behandle(_jpeg_med_exif())
    with Image.open(io.BytesIO(ut)) as bilde:
        assert bilde.format == "JPEG"
        assert max(bilde.size) == bilder.MAKS_SIDE
        assert bilde.size[1] > bilde.size[0]  # turned upright by its EXIF orientation
        assert len(bilde.getexif()) == 0
    assert b"Telefonprodusent" not in ut


@pytest.mark.parametrize("innhold", [b"%PDF-1.4 ikke et bilde", b"", b"GIF89a" + b"\x00" * 20])
def test_something_else_than_a_photo_is_refused(innhold):
    with pytest.raises(ValidationError):
        bilder.bilde_behandle(innhold)


def test_she_writes_an_entry_with_a_photo_tied_to_a_goal(konto, plan):
    innlegg = services.loggbok_skriv(
        konto=konto, tekst="Jeg leste for barna.", planpunkter=[plan[0]], bilde=_jpeg_med_exif(800, 600)
    )
    assert innlegg.bilde
    assert list(innlegg.planpunkter.all()) == [plan[0]]
    assert bilder.bilde_les(innlegg.bilde)[:2] == b"\xff\xd8"


def test_she_can_edit_an_entry_for_24_hours_only(konto):
    with time_machine.travel(NA, tick=False) as reise:
        innlegg = services.loggbok_skriv(konto=konto, tekst="Første utkast")
        reise.move_to(NA + datetime.timedelta(hours=23, minutes=59))
        services.loggbok_endre(konto=konto, innlegg=innlegg, tekst="Rettet")
        reise.move_to(NA + datetime.timedelta(hours=24))
        with pytest.raises(ValidationError):
            services.loggbok_endre(konto=konto, innlegg=innlegg, tekst="For sent")
    innlegg.refresh_from_db()
    assert innlegg.tekst == "Rettet"


def test_the_24_hours_hold_across_the_daylight_saving_change(konto):
    """Written on the Saturday before summer time ends (25 hours that Sunday): 24 real hours count."""
    lordag = datetime.datetime(2026, 10, 24, 12, 0, tzinfo=OSLO)
    with time_machine.travel(lordag, tick=False) as reise:
        innlegg = services.loggbok_skriv(konto=konto, tekst="Helgevakt")
        reise.move_to(datetime.datetime(2026, 10, 25, 11, 0, tzinfo=OSLO))  # 24 h later on the clock of the wall
        with pytest.raises(ValidationError):
            services.loggbok_endre(konto=konto, innlegg=innlegg, tekst="For sent")


def test_she_cannot_edit_someone_elses_entry(konto, lina_konto):
    linas = LoggbokinnleggFactory(deltaker=lina_konto.deltaker)
    with pytest.raises(ValidationError):
        services.loggbok_endre(konto=konto, innlegg=linas, tekst="Nei")


def test_a_comment_is_logged_on_her_case(konto, faglarer):
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker)
    services.loggbok_kommenter(innlegg=innlegg, forfatter=faglarer, tekst="Bra jobbet!")
    assert Hendelse.objects.filter(handling="minside.loggbok.kommentert", deltaker_id=konto.deltaker_id).exists()


def test_self_evaluation_is_one_per_semester_and_can_be_changed(konto):
    services.selvevaluering_lagre(konto=konto, semester="2026H", oppgaver=6, norsk=4, fremgang=7, kommentar="")
    services.selvevaluering_lagre(konto=konto, semester="2026H", oppgaver=8, norsk=4, fremgang=7, kommentar="Bedre")
    assert konto.deltaker.selvevalueringer.count() == 1
    assert konto.deltaker.selvevalueringer.get().oppgaver == 8


def test_self_evaluation_refuses_marks_outside_1_to_10(konto):
    with pytest.raises(ValidationError):
        services.selvevaluering_lagre(konto=konto, semester="2026H", oppgaver=11)


def test_the_coordinator_sees_how_often_she_writes(konto):
    from minside.selectors import skrivehyppighet

    with time_machine.travel(NA, tick=False):
        LoggbokinnleggFactory(deltaker=konto.deltaker, opprettet=NA - datetime.timedelta(days=40))
        LoggbokinnleggFactory(deltaker=konto.deltaker, opprettet=NA - datetime.timedelta(days=2))
        LoggbokinnleggFactory(deltaker=konto.deltaker, opprettet=NA - datetime.timedelta(hours=1))
        tall = skrivehyppighet(deltaker_id=konto.deltaker_id, na=NA)
    assert (tall.totalt, tall.siste_30_dager) == (3, 2)
    assert Loggbokinnlegg.objects.count() == 3
