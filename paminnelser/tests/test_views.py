"""The bell, the notification list, delivery choices, the årshjul page and the calendar feed."""

import datetime
import re

import icalendar
import pytest
import time_machine
from django.urls import reverse

from lop.frister import fagprovevindu
from lop.tests.factories import laerekontrakt
from oppfolging.tests.factories import VurderingssamtaleFactory
from paminnelser.models import Art, Kalenderabonnement, Levering, Paminnelse, Varslingsvalg
from paminnelser.tests.factories import PaminnelseFactory


def _h1(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_the_bell_shows_the_users_unread_count_only(client, koordinator, faglarer):
    PaminnelseFactory.create_batch(3, mottaker=koordinator)
    PaminnelseFactory(mottaker=koordinator, lest=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC))
    PaminnelseFactory(mottaker=faglarer)
    client.force_login(koordinator)
    html = client.get("/").content.decode()
    assert 'aria-label="Varsler, 3 uleste"' in html
    client.force_login(faglarer)
    assert 'aria-label="Varsler, 1 ulest"' in client.get("/").content.decode()


def test_a_cancelled_reminder_is_neither_counted_nor_listed(client, koordinator):
    PaminnelseFactory(mottaker=koordinator, status=Paminnelse.Status.KANSELLERT, tittel="Skjult")
    client.force_login(koordinator)
    html = client.get(reverse("paminnelser:varsler")).content.decode()
    assert "Skjult" not in html and 'aria-label="Varsler"' in html


def test_the_bell_count_is_one_query_on_every_page(koordinator, django_assert_num_queries, rf):
    from django.template import Context, Template

    PaminnelseFactory.create_batch(5, mottaker=koordinator)
    request = rf.get("/")
    request.user = koordinator
    mal = Template("{% load varsler %}{% uleste_varsler as n %}{{ n }}")
    with django_assert_num_queries(1):
        assert mal.render(Context({"request": request})) == "5"


@pytest.mark.parametrize("antall", [2, 60])
def test_the_notification_list_has_a_fixed_query_count(client, koordinator, django_assert_max_num_queries, antall):
    PaminnelseFactory.create_batch(antall, mottaker=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(9):
        svar = client.get(reverse("paminnelser:varsler"))
    html = svar.content.decode()
    assert svar.status_code == 200 and _h1(html) == 1
    assert "Påmeldingen til tverrfaglig eksamen åpner i dag" in html


def test_each_user_sees_only_her_own_notifications(client, koordinator, faglarer):
    PaminnelseFactory(mottaker=koordinator, tittel="Til koordinatoren")
    client.force_login(faglarer)
    assert "Til koordinatoren" not in client.get(reverse("paminnelser:varsler")).content.decode()


def test_mark_one_read_only_touches_your_own(client, koordinator, faglarer):
    egen = PaminnelseFactory(mottaker=koordinator)
    annens = PaminnelseFactory(mottaker=faglarer)
    client.force_login(koordinator)
    assert client.post(reverse("paminnelser:varsel_les", args=[egen.pk])).status_code == 302
    assert client.post(reverse("paminnelser:varsel_les", args=[annens.pk])).status_code == 302
    egen.refresh_from_db(), annens.refresh_from_db()
    assert egen.lest is not None and annens.lest is None


def test_mark_all_read_empties_the_bell(client, koordinator):
    PaminnelseFactory.create_batch(4, mottaker=koordinator)
    client.force_login(koordinator)
    svar = client.post(reverse("paminnelser:varsel_les_alle"), follow=True)
    assert "4 varsler merket som lest." in svar.content.decode()
    assert not Paminnelse.objects.filter(lest__isnull=True).exists()


def test_delivery_choices_are_saved_per_kind(client, faglarer):
    client.force_login(faglarer)
    svar = client.get(reverse("paminnelser:varslingsvalg"))
    assert svar.status_code == 200 and _h1(svar.content.decode()) == 1
    data = dict.fromkeys(Art.values, Levering.DAGLIG) | {
        Art.BESOK: Levering.UMIDDELBART,
        Art.UKESOPPSUMMERING: Levering.KUN_APP,
    }
    svar = client.post(reverse("paminnelser:varslingsvalg"), data)
    assert svar.status_code == 302
    assert Varslingsvalg.objects.get(bruker=faglarer, art=Art.BESOK).levering == Levering.UMIDDELBART


def test_an_invalid_delivery_choice_rerenders_with_an_error_summary(client, faglarer):
    client.force_login(faglarer)
    svar = client.post(reverse("paminnelser:varslingsvalg"), {Art.BESOK: "duearbeid"})
    html = svar.content.decode()
    assert svar.status_code == 200 and "feiloppsummering" in html
    assert not Varslingsvalg.objects.exists()


@time_machine.travel("2027-05-10 09:00 +02:00", tick=False)
def test_arshjul_shows_the_fixed_dates_of_the_year(client, norsklarer, django_assert_max_num_queries):
    client.force_login(norsklarer)
    with django_assert_max_num_queries(13):  # one query per calendar source (fagbrev/kalender.py)
        svar = client.get(reverse("paminnelser:arshjul"))
    html = svar.content.decode()
    assert svar.status_code == 200 and _h1(html) == 1
    assert "Årshjul 2027" in html
    assert "15.01–01.02" in html and "01.09–15.09" in html
    assert "Vårsemesteret 2027 slutter" in html and "Høstsemesteret 2027 slutter" in html
    assert "Årshjul 2028" in client.get(reverse("paminnelser:arshjul") + "?ar=2028").content.decode()
    assert "Årshjul 2027" in client.get(reverse("paminnelser:arshjul") + "?ar=tull").content.decode()


def test_arshjul_needs_a_membership(client, superbruker):
    client.force_login(superbruker)
    assert client.get(reverse("paminnelser:arshjul")).status_code == 403
    assert client.post(reverse("paminnelser:kalender_opprett")).status_code == 403


@time_machine.travel("2027-05-10 09:00 +02:00", tick=False)
def test_calendar_feed_parses_with_icalendar_and_carries_no_personal_data(client, koordinator, deltaker):
    client.force_login(koordinator)
    client.post(reverse("paminnelser:kalender_opprett"))
    abonnement = Kalenderabonnement.objects.get(bruker=koordinator)
    assert abonnement.nokkel in client.get(reverse("paminnelser:arshjul")).content.decode()
    client.logout()  # calendar apps have no session

    svar = client.get(reverse("paminnelser:kalender_feed", args=[abonnement.nokkel]))
    assert svar.status_code == 200 and svar["Content-Type"] == "text/calendar; charset=utf-8"
    kal = icalendar.Calendar.from_ical(svar.content)
    hendelser = kal.walk("VEVENT")
    titler = {str(h["SUMMARY"]) for h in hendelser}
    assert "Påmelding til tverrfaglig skriftlig eksamen (stenger kl. 23.55 siste dag)" in titler
    assert "Vårsemesteret 2027 slutter" in titler
    vindu = next(h for h in hendelser if str(h["UID"]) == "eksamensvindu-2027-01@fagbrev")
    assert vindu.decoded("DTSTART") == datetime.date(2027, 1, 15)
    assert vindu.decoded("DTEND") == datetime.date(2027, 2, 2)  # exclusive: the window's last day is 1 Feb
    assert len({str(h["UID"]) for h in hendelser}) == len(hendelser)
    tekst = svar.content.decode()
    assert deltaker.etternavn not in tekst and deltaker.fodselsnummer not in tekst
    assert koordinator.last_name not in tekst


@time_machine.travel("2027-05-10 09:00 +02:00", tick=False)
def test_calendar_feed_links_use_the_host_it_was_fetched_from(client, koordinator, settings):
    settings.ALLOWED_HOSTS = ["fagbrev.lorenskog.kommune.no", "testserver"]
    client.force_login(koordinator)
    client.post(reverse("paminnelser:kalender_opprett"))
    nokkel = Kalenderabonnement.objects.get(bruker=koordinator).nokkel
    client.logout()
    svar = client.get(
        reverse("paminnelser:kalender_feed", args=[nokkel]), HTTP_HOST="fagbrev.lorenskog.kommune.no", secure=True
    )
    lenker = [str(h["URL"]) for h in icalendar.Calendar.from_ical(svar.content).walk("VEVENT") if "URL" in h]
    assert lenker and all(lenke.startswith("https://fagbrev.lorenskog.kommune.no/") for lenke in lenker)


def test_a_revoked_or_replaced_calendar_address_stops_working(client, koordinator):
    client.force_login(koordinator)
    client.post(reverse("paminnelser:kalender_opprett"))
    gammel = Kalenderabonnement.objects.get(bruker=koordinator).nokkel
    client.post(reverse("paminnelser:kalender_opprett"))
    ny = Kalenderabonnement.objects.get(bruker=koordinator).nokkel
    assert gammel != ny
    assert client.get(reverse("paminnelser:kalender_feed", args=[gammel])).status_code == 404
    assert client.get(reverse("paminnelser:kalender_feed", args=[ny])).status_code == 200
    client.post(reverse("paminnelser:kalender_tilbakekall"))
    assert client.get(reverse("paminnelser:kalender_feed", args=[ny])).status_code == 404


def test_a_deactivated_users_calendar_address_stops_working(client, koordinator):
    abonnement = Kalenderabonnement.objects.create(bruker=koordinator)
    koordinator.is_active = False
    koordinator.save(update_fields=["is_active"])
    assert client.get(reverse("paminnelser:kalender_feed", args=[abonnement.nokkel])).status_code == 404


def test_my_overview_lists_new_reminders_for_the_user(client, koordinator, faglarer):
    PaminnelseFactory(mottaker=koordinator, tittel="Politiattest mangler for Amina: praksis starter snart")
    client.force_login(koordinator)
    assert "Politiattest mangler for Amina" in client.get("/").content.decode()
    client.force_login(faglarer)
    assert "Nye påminnelser" not in client.get("/").content.decode()


@time_machine.travel("2027-05-10 09:00 +02:00", tick=False)
def test_arshjul_names_participants_in_full_and_the_feed_not_at_all(
    client, koordinator, deltaker, django_assert_max_num_queries
):
    VurderingssamtaleFactory(deltaker=deltaker, planlagt_dato=datetime.date(2027, 5, 20), registrert_av=koordinator)
    VurderingssamtaleFactory(  # held: no longer a date to come
        deltaker=deltaker,
        planlagt_dato=datetime.date(2027, 3, 1),
        holdt_dato=datetime.date(2027, 3, 1),
        semester="2027X",
        registrert_av=koordinator,
    )
    kontrakt = laerekontrakt(deltaker, slutt=datetime.date(2027, 10, 15), status="godkjent")
    org = deltaker.organisasjon
    frist = fagprovevindu(
        kontrakt.slutt, tidligst_maneder=org.fagprove_tidligst_maneder, senest_maneder=org.fagprove_senest_maneder
    ).senest
    client.force_login(koordinator)
    with django_assert_max_num_queries(16):  # 14 + moter's two calendar sources (one query each)
        html = client.get(reverse("paminnelser:arshjul")).content.decode()
    navn = f"{deltaker.fornavn} {deltaker.etternavn}"
    assert f"Vurderingssamtale: {navn}" in html and html.count("Vurderingssamtale: ") == 1
    assert f"Siste frist for oppmelding til fagprøve: {navn}" in html
    assert f"{frist:%d.%m}</span>" in html
    assert f"Lærekontrakten slutter: {navn}" in html

    client.post(reverse("paminnelser:kalender_opprett"))
    nokkel = Kalenderabonnement.objects.get(bruker=koordinator).nokkel
    client.logout()
    kal = icalendar.Calendar.from_ical(client.get(reverse("paminnelser:kalender_feed", args=[nokkel])).content)
    titler = {str(h["SUMMARY"]) for h in kal.walk("VEVENT")}
    assert {"Vurderingssamtale", "Siste frist for oppmelding til fagprøve", "Lærekontrakten slutter"} <= titler
    assert not any(deltaker.fornavn in t or deltaker.etternavn in t for t in titler)
