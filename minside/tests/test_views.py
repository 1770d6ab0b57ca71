"""The participant's pages as she uses them, and the staff pages around them."""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from PIL import Image

from fagbrev.models import Oppslag
from fagbrev.tilgang import tilgang_logg
from minside.models import Loggbokinnlegg, Selvevaluering
from minside.tests.factories import LoggbokinnleggFactory, SelvevalueringFactory, lenke_for
from oppfolging.tests.factories import VurderingssamtaleFactory

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _png() -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 90)).save(ut, "PNG")
    return ut.getvalue()


def _uten_csrf(innhold: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", innhold)


# --- getting in -------------------------------------------------------------------------------


def test_the_link_shows_a_button_and_logs_her_in_for_30_days(client, konto):
    token = lenke_for(konto)
    url = reverse("minside:lenke", args=[token])
    assert client.get(url).status_code == 200  # a mail scanner opening the link spends nothing
    svar = client.post(url)
    assert svar.url == reverse("minside:forside")
    assert 30 * 24 * 60 * 60 - 60 < client.session.get_expiry_age() <= 30 * 24 * 60 * 60
    assert client.session.get_expire_at_browser_close() is False
    assert client.get(reverse("minside:forside")).status_code == 200


def test_a_spent_link_gives_a_plain_page_and_no_data(client, konto):
    token = lenke_for(konto)
    client.post(reverse("minside:lenke", args=[token]))
    client.logout()
    svar = client.get(reverse("minside:lenke", args=[token]))
    assert svar.status_code == 410
    assert "Amina" not in svar.content.decode()
    assert client.post(reverse("minside:lenke", args=[token])).status_code == 410


def test_her_link_opened_on_another_participants_phone_shows_nobodys_data(client, konto, lina_konto):
    token = lenke_for(konto)
    client.post(reverse("minside:lenke", args=[token]))  # Amina used it
    client.force_login(lina_konto.user)  # Lina's phone
    svar = client.post(reverse("minside:lenke", args=[token]))
    assert svar.status_code == 410
    inhold = svar.content.decode()
    assert "Amina" not in inhold and "Lina" not in inhold
    assert "_auth_user_id" not in client.session  # and Lina is logged out on it


def test_after_30_days_she_is_logged_out_and_the_link_is_spent(client, konto):
    start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)
    with time_machine.travel(start, tick=False) as reise:
        token = lenke_for(konto)
        client.post(reverse("minside:lenke", args=[token]))
        reise.move_to(start + datetime.timedelta(days=29, hours=23))
        assert client.get(reverse("minside:forside")).status_code == 200
        reise.move_to(start + datetime.timedelta(days=30, minutes=1))
        assert client.get(reverse("minside:forside")).url == reverse("minside:logg_inn")
        svar = client.get(reverse("minside:lenke", args=[token]))
        assert svar.status_code == 410 and "Amina" not in svar.content.decode()


def test_the_new_link_form_says_the_same_for_known_and_unknown_addresses(
    client, konto, django_capture_on_commit_callbacks
):
    url = reverse("minside:logg_inn")
    with django_capture_on_commit_callbacks(execute=True):
        kjent = client.post(url, {"epost": "amina@example.no"}, follow=True)
        ukjent = client.post(url, {"epost": "ingen@example.no"}, follow=True)
    assert _uten_csrf(kjent.content) == _uten_csrf(ukjent.content)
    assert kjent.redirect_chain == [(url + "?sendt=1", 302)] == ukjent.redirect_chain
    assert len(mail.outbox) == 1


def test_staff_login_form_does_not_let_a_participant_in(client, konto):
    svar = client.post("/konto/logg-inn/", {"username": konto.user.username, "password": ""})
    assert "_auth_user_id" not in client.session
    assert svar.status_code == 200


def test_she_landing_on_the_staff_start_page_is_sent_to_hers(client, konto):
    client.post(reverse("minside:lenke", args=[lenke_for(konto)]))
    assert client.get("/").url == "/min-side/"


# --- her page ---------------------------------------------------------------------------------


def test_her_page_says_when_she_can_register_for_the_exam(innlogget, plan, plassering):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)):
        svar = innlogget.get(reverse("minside:forside"))
    tekst = svar.content.decode()
    assert "Du kan melde deg opp til skriftlig eksamen fra 15. januar til 1. februar." in tekst
    assert "Lede en samlingsstund" in tekst
    assert "Kari Nordmann" in tekst and "tel:+47 912 34 567" in tekst
    assert tekst.count("<h1") == 1


def test_her_page_says_the_window_is_open_now(client, konto):
    with time_machine.travel(datetime.datetime(2027, 9, 3, 9, 0, tzinfo=OSLO)):
        client.force_login(konto.user)
        tekst = client.get(reverse("minside:forside")).content.decode()
    assert "Nå kan du melde deg opp til skriftlig eksamen. Siste dag er 15. september." in tekst


def test_her_page_in_english_and_arabic(innlogget):
    innlogget.cookies["minside_sprak"] = "en"
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)):
        en = innlogget.get(reverse("minside:forside"))
        innlogget.cookies["minside_sprak"] = "ar"
        ar = innlogget.get(reverse("minside:forside"))
    assert "You can register for the written exam from January 15 to February 1." in en.content.decode()
    assert en["Content-Language"] == "en"
    tekst = ar.content.decode()
    assert '<html lang="ar" dir="rtl">' in tekst
    assert "bootstrap.rtl.min.css" in tekst
    assert "يناير" in tekst  # January, as Arabic writes it
    assert "يمكنك التسجيل في الامتحان الكتابي" in tekst


def test_choosing_a_language_is_remembered(innlogget, konto):
    svar = innlogget.post(reverse("minside:sprak"), {"sprak": "ar", "neste": "/min-side/loggbok/"})
    assert svar.url == "/min-side/loggbok/"
    assert svar.cookies["minside_sprak"].value == "ar"
    konto.refresh_from_db()
    assert konto.sprak == "ar"
    assert 'dir="rtl"' in innlogget.get(reverse("minside:loggbok")).content.decode()


def test_the_language_switch_never_redirects_out_of_her_pages(innlogget):
    svar = innlogget.post(reverse("minside:sprak"), {"sprak": "en", "neste": "https://evil.example/"})
    assert svar.url == reverse("minside:forside")


def test_staff_pages_stay_norwegian_whatever_her_cookie_says(client, koordinator, amina):
    client.force_login(koordinator)
    client.cookies["minside_sprak"] = "ar"
    svar = client.get(reverse("deltakere:detalj", args=[amina.pk]), HTTP_ACCEPT_LANGUAGE="ar,en")
    tekst = svar.content.decode()
    assert '<html lang="nb">' in tekst
    assert "Min side (deltakerens egen side)" in tekst


def test_she_marks_a_goal(innlogget, plan):
    svar = innlogget.post(reverse("minside:planpunkt", args=[plan[1].pk]), {"vurdering": "bra"})
    assert svar.status_code == 302
    plan[1].refresh_from_db()
    assert plan[1].deltaker_vurdering == "bra"


def test_she_writes_and_edits_a_logbook_entry_with_a_photo(innlogget, plan):
    bilde = io.BytesIO(_png())
    bilde.name = "IMG_0001.png"
    svar = innlogget.post(
        reverse("minside:loggbok"), {"tekst": "Jeg leste for barna.", "planpunkter": [plan[0].pk], "bilde": bilde}
    )
    assert svar.status_code == 302
    innlegg = Loggbokinnlegg.objects.get()
    assert innlegg.bilde
    bildesvar = innlogget.get(reverse("minside:loggbok_bilde", args=[innlegg.pk]))
    assert bildesvar["Content-Type"] == "image/jpeg"
    innlogget.post(reverse("minside:loggbok_endre", args=[innlegg.pk]), {"tekst": "Jeg leste to bøker."})
    innlegg.refresh_from_db()
    assert innlegg.tekst == "Jeg leste to bøker."


def test_a_file_that_is_no_photo_is_refused_with_the_form_kept(innlogget):
    fil = io.BytesIO(b"%PDF-1.4 ikke et bilde")
    fil.name = "bilde.jpg"
    svar = innlogget.post(reverse("minside:loggbok"), {"tekst": "Tekst blir igjen", "bilde": fil})
    assert svar.status_code == 200
    assert "Tekst blir igjen" in svar.content.decode()
    assert Loggbokinnlegg.objects.count() == 0


def test_she_fills_her_self_evaluation(innlogget, konto):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)):
        svar = innlogget.post(
            reverse("minside:egenvurdering"), {"oppgaver": "7", "norsk": "5", "fremgang": "8", "laert": "Mye"}
        )
    assert svar.status_code == 302
    evaluering = Selvevaluering.objects.get()
    assert (evaluering.semester, evaluering.oppgaver, evaluering.laert) == ("2026H", 7, "Mye")


def test_her_self_evaluation_is_shown_in_the_meeting_record(client, koordinator, konto):
    samtale = VurderingssamtaleFactory(deltaker=konto.deltaker, planlagt_dato=datetime.date(2026, 11, 30))
    SelvevalueringFactory(deltaker=konto.deltaker, semester=samtale.semester, kommentar="Vil snakke med foreldre.")
    client.force_login(koordinator)
    tekst = client.get(reverse("oppfolging:samtale", args=[samtale.pk])).content.decode()
    assert "Deltakerens egen forberedelse" in tekst
    assert "Vil snakke med foreldre." in tekst


def test_she_downloads_her_data_and_sees_who_has_looked(innlogget, konto, koordinator, monkeypatch):
    tilgang_logg(user=koordinator, deltaker_id=konto.deltaker_id, hva=Oppslag.Hva.SAKSSIDE)
    monkeypatch.setattr("personvern.views.render_pdf", lambda template, kontekst: b"%PDF-1.7 " + str(kontekst).encode())
    svar = innlogget.get(reverse("minside:mine_data_last_ned"))
    assert svar["Content-Type"] == "application/pdf"
    assert b"Amina" in svar.content
    svar = innlogget.get(reverse("minside:mine_data_last_ned") + "?format=json")
    assert svar["Content-Disposition"].startswith("attachment;")
    assert b"Amina" in svar.content
    side = innlogget.get(reverse("minside:mine_data")).content.decode()
    assert koordinator.get_full_name() in side
    assert Oppslag.objects.filter(bruker=konto.user, hva=Oppslag.Hva.EKSPORT).exists()


# --- staff ------------------------------------------------------------------------------------


def test_the_coordinator_invites_her_from_the_case(client, koordinator, amina, django_capture_on_commit_callbacks):
    client.force_login(koordinator)
    side = client.get(reverse("deltakere:detalj", args=[amina.pk])).content.decode()
    assert "Inviter til Min side" in side
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(reverse("minside_ansatt:inviter", args=[amina.pk]))
    assert svar.url == reverse("deltakere:detalj", args=[amina.pk])
    assert mail.outbox[0].to == ["amina@example.no"]


def test_the_coordinator_sees_how_often_she_writes_not_what(client, koordinator, konto):
    LoggbokinnleggFactory(deltaker=konto.deltaker, tekst="Hemmelig tanke")
    client.force_login(koordinator)
    side = client.get(reverse("deltakere:detalj", args=[konto.deltaker_id])).content.decode()
    assert "1 innlegg siste 30 dager" in side
    assert "Hemmelig tanke" not in side
    assert client.get(reverse("minside_ansatt:loggbok", args=[konto.deltaker_id])).status_code == 403


def test_her_faglarer_reads_and_comments(client, faglarer, konto):
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker, tekst="Jeg lagde lunsj med barna.")
    client.force_login(faglarer)
    side = client.get(reverse("minside_ansatt:loggbok", args=[konto.deltaker_id])).content.decode()
    assert "Jeg lagde lunsj med barna." in side
    client.post(reverse("minside_ansatt:kommenter", args=[konto.deltaker_id, innlegg.pk]), {"tekst": "Flott!"})
    assert innlegg.kommentarer.get().tekst == "Flott!"
    client.force_login(konto.user)
    assert "Flott!" in client.get(reverse("minside:loggbok")).content.decode()


@pytest.mark.parametrize("side", ["forside", "loggbok", "egenvurdering", "mine_data"])
def test_each_of_her_pages_has_one_h1(innlogget, side):
    assert innlogget.get(reverse(f"minside:{side}")).content.decode().count("<h1") == 1


def test_not_found_under_her_pages_is_her_own_plain_page_in_her_language(client, konto, lina_konto):
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker, tekst="Aminas tekst")
    client.force_login(lina_konto.user)
    client.cookies["minside_sprak"] = "ar"
    svar = client.get(reverse("minside:loggbok_endre", args=[innlegg.pk]))
    assert svar.status_code == 404
    tekst = svar.content.decode()
    assert "الصفحة غير موجودة" in tekst and 'dir="rtl"' in tekst
    assert "Aminas tekst" not in tekst and "Min oversikt" not in tekst


def test_the_demo_participant_logs_in_with_a_password_and_lands_on_her_page(client, konto, settings):
    """Only the demo gives a participant a password (seed_demo, `deltaker.amina`); wherever she logs
    in from, the start page sends her on to her own page."""
    konto.user.set_password("demo-passord-123")
    konto.user.save(update_fields=["password"])
    client.post("/konto/logg-inn/", {"username": konto.user.username, "password": "demo-passord-123"})
    assert client.get("/").url == "/min-side/"
    assert client.get("/min-side/").status_code == 200
