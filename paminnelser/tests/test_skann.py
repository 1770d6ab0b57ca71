"""The scan and delivery: exactly once, digest vs immediate, retries, re-checks, the command."""

import datetime
import smtplib
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext

from arbeidsgivere import regler as arbeidsgivere_regler
from fagbrev.models import Medlemskap
from paminnelser import services, tasks
from paminnelser.models import Art, Levering, Paminnelse, Varslingsvalg
from paminnelser.tests.factories import PaminnelseFactory

D = datetime.date
OSLO_MORGEN = "2027-01-15 06:00 +01:00"
S = Paminnelse.Status


@pytest.fixture
def skann(django_capture_on_commit_callbacks):
    """Run a scan as the beat task would: commit, then the queued sends run (eagerly)."""

    def kjor(idag, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.skann_utfor(idag=idag, **kwargs)

    return kjor


def _velg(bruker, art, levering):
    Varslingsvalg.objects.update_or_create(bruker=bruker, art=art, defaults={"levering": levering})


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_scanning_twice_the_same_day_sends_once(koordinator, skann):
    forste = skann(D(2027, 1, 15))
    andre = skann(D(2027, 1, 15))
    assert (forste.nye, andre.nye) == (1, 0)
    assert len(mail.outbox) == 1
    assert Paminnelse.objects.get().status == S.SENDT


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_the_next_days_scan_does_not_repeat_a_reminder_for_the_same_window(koordinator, skann):
    skann(D(2027, 1, 15))
    with time_machine.travel("2027-01-16 06:00 +01:00", tick=False):
        assert skann(D(2027, 1, 16)).nye == 0
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_row_with_the_same_key(koordinator):
    p = PaminnelseFactory(mottaker=koordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaminnelseFactory(
            mottaker=koordinator, regel=p.regel, organisasjon=p.organisasjon, objekt_id=p.objekt_id, periode=p.periode
        )


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_two_concurrent_scans_send_once(koordinator, django_capture_on_commit_callbacks):
    """Two beat processes: both evaluate the rules before either writes, both queue sends."""
    funnet_a = services.forfall_finn(idag=D(2027, 1, 15))
    funnet_b = services.forfall_finn(idag=D(2027, 1, 15))
    assert len(funnet_a) == len(funnet_b) == 1
    with django_capture_on_commit_callbacks() as ko_a:
        services.skann_utfor(idag=D(2027, 1, 15))
    with django_capture_on_commit_callbacks() as ko_b:
        services.skann_utfor(idag=D(2027, 1, 15))
    assert Paminnelse.objects.count() == 1
    assert len(ko_a) == len(ko_b) == 1  # each queued a delivery for the same waiting row
    for callback in ko_a + ko_b:
        callback()
    assert len(mail.outbox) == 1


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_the_same_send_task_delivered_twice_sends_once(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    with mock.patch.object(tasks.send, "delay"):  # keep the queued send from running
        skann(D(2027, 1, 15))
    p = Paminnelse.objects.get()
    assert tasks.send.apply(args=[p.pk]).get() == S.SENDT
    assert tasks.send.apply(args=[p.pk]).get() == "allerede tatt"
    assert len(mail.outbox) == 1


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_a_worker_that_died_after_claiming_is_not_retried_into_a_second_email(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    with mock.patch.object(tasks.send, "delay"):
        skann(D(2027, 1, 15))
    p = Paminnelse.objects.get()
    # The first worker claimed the row and died (maybe after the mail server took the mail).
    Paminnelse.objects.filter(pk=p.pk).update(
        status=S.SENDER, tatt=datetime.datetime(2027, 1, 15, 3, 0, tzinfo=datetime.UTC)
    )
    # acks_late: the broker redelivers the message to another worker.
    assert tasks.send.apply(args=[p.pk]).get() == "allerede tatt"
    assert mail.outbox == []
    # The next scan gives up on it openly instead of guessing.
    resultat = skann(D(2027, 1, 15))
    assert resultat.avbrutt == 1
    assert Paminnelse.objects.get().status == S.FEILET


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_a_worker_that_died_before_claiming_is_retried_and_sends_once(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    with mock.patch.object(tasks.send, "delay"):
        skann(D(2027, 1, 15))
    # The message was never acknowledged: the next day's scan queues the waiting row again.
    skann(D(2027, 1, 15))
    assert len(mail.outbox) == 1
    assert Paminnelse.objects.get().status == S.SENDT


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_a_temporary_mail_error_is_retried_and_sends_once(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    ekte = services.send_epost
    kall = []

    def ustabil(*args, **kwargs):
        kall.append(1)
        if len(kall) == 1:
            raise smtplib.SMTPServerDisconnected("borte")
        return ekte(*args, **kwargs)

    with mock.patch.object(services, "send_epost", ustabil):
        skann(D(2027, 1, 15))
    p = Paminnelse.objects.get()
    assert (len(kall), len(mail.outbox), p.status, p.forsok) == (2, 1, S.SENDT, 2)


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_retries_are_bounded_and_end_as_failed(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    feil = mock.Mock(side_effect=smtplib.SMTPResponseException(451, b"prov igjen"))
    with mock.patch.object(services, "send_epost", feil):
        skann(D(2027, 1, 15))
    p = Paminnelse.objects.get()
    assert feil.call_count == tasks.send.max_retries + 1
    assert (p.status, p.forsok) == (S.FEILET, 4)


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_a_permanent_mail_error_is_not_retried(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    feil = mock.Mock(side_effect=smtplib.SMTPRecipientsRefused({"x@example.no": (550, b"ukjent")}))
    with mock.patch.object(services, "send_epost", feil):
        skann(D(2027, 1, 15))
    assert feil.call_count == 1
    assert Paminnelse.objects.get().status == S.FEILET


@time_machine.travel("2027-01-29 06:00 +01:00", tick=False)
def test_daily_digest_collects_the_days_reminders_in_one_email(koordinator, skann):
    resultat = skann(D(2027, 1, 29))  # window open (catch-up) and closing in three days
    assert resultat.nye == 2 and resultat.samlet_til == 1
    assert len(mail.outbox) == 1
    epost = mail.outbox[0]
    assert epost.subject == "Fagbrev: 2 påminnelser"
    assert "er åpen" in epost.body and "stenger om 3 dager" in epost.body
    assert set(Paminnelse.objects.values_list("status", flat=True)) == {S.SENDT}


@time_machine.travel("2027-01-29 06:00 +01:00", tick=False)
def test_immediate_choice_sends_one_email_per_reminder(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    skann(D(2027, 1, 29))
    assert len(mail.outbox) == 2
    assert {e.subject for e in mail.outbox} == {"Fagbrev: påminnelse om eksamenspåmelding"}
    assert all("http://" in e.body and "/arshjul/" in e.body for e in mail.outbox)


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_only_in_app_choice_sends_no_email_but_the_bell_shows_it(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.KUN_APP)
    resultat = skann(D(2027, 1, 15))
    assert resultat.kun_app == 1 and mail.outbox == []
    p = Paminnelse.objects.get()
    assert p.status == S.SENDT and p.lest is None


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_send_rechecks_that_the_recipient_still_belongs_to_the_organisation(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    with mock.patch.object(tasks.send, "delay"):
        skann(D(2027, 1, 15))
    Medlemskap.objects.filter(bruker=koordinator).delete()
    p = Paminnelse.objects.get()
    assert services.paminnelse_send(paminnelse_id=p.pk) == S.KANSELLERT
    assert mail.outbox == []


def test_a_reminder_past_its_send_by_date_expires_instead_of_going_out(koordinator, skann):
    with time_machine.travel("2027-02-03 06:00 +01:00", tick=False):
        resultat = skann(D(2027, 1, 15))  # a manual run for a past date: the window has closed
    assert resultat.nye == 1 and resultat.utgatt == 1
    assert Paminnelse.objects.get().status == S.UTGATT
    assert mail.outbox == []


@time_machine.travel("2027-03-01 06:00 +01:00", tick=False)
def test_emails_carry_a_first_name_at_most_and_never_an_identity_number(koordinator, deltaker, skann, monkeypatch):
    from django.db.models import Q

    from arbeidsgivere.models import Plassering
    from arbeidsgivere.tests.factories import ArbeidsstedFactory

    monkeypatch.setattr(arbeidsgivere_regler, "mangler_politiattest", lambda: Q())
    sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=deltaker.organisasjon)
    Plassering.objects.create(
        organisasjon=deltaker.organisasjon, deltaker=deltaker, arbeidssted=sted, fra=D(2027, 3, 8)
    )
    _velg(koordinator, Art.POLITIATTEST, Levering.UMIDDELBART)
    skann(D(2027, 3, 1), regelnavn=["paminnelser.politiattest_mangler"])
    [epost] = mail.outbox
    tekst = epost.subject + epost.body
    assert "Amina" in epost.body and "Amina" not in epost.subject
    assert "Yusuf" not in tekst and deltaker.fodselsnummer not in tekst
    assert f"/deltakere/{deltaker.pk}/" in epost.body


@pytest.mark.parametrize("antall", [1, 20])
def test_the_scan_query_count_does_not_grow_with_participants(
    koordinator, fagretning, monkeypatch, antall, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.db.models import Q

    from .test_regler import _plasseringer

    monkeypatch.setattr(arbeidsgivere_regler, "mangler_politiattest", lambda: Q())
    from django.contrib.contenttypes.models import ContentType

    _plasseringer(fagretning.organisasjon, fagretning, antall)
    # The content types' cache lives as long as the process: cold, the scan looks its types up once
    # (one query). Emptied here so the count is the same alone and after other tests.
    ContentType.objects.clear_cache()
    with (
        time_machine.travel("2027-03-01 06:00 +01:00", tick=False),
        CaptureQueriesContext(connection) as sporing,
        django_capture_on_commit_callbacks(execute=False),
    ):
        resultat = services.skann_utfor(idag=D(2027, 3, 1))
    assert resultat.per_regel["paminnelser.politiattest_mangler"] == antall
    # 24 + medvirkning's three rules + arbeidsgivere's «vurder fagbrev på jobb» (one query each when
    # nothing is waiting) + the content types
    assert len(sporing.captured_queries) <= 29, "\n".join(q["sql"] for q in sporing.captured_queries)


@time_machine.travel("2027-01-18 06:30 +01:00", tick=False)
def test_monday_overview_lists_the_coming_dates_and_last_weeks_reminders(
    koordinator, django_capture_on_commit_callbacks
):
    PaminnelseFactory(
        mottaker=koordinator,
        organisasjon=Medlemskap.objects.get(bruker=koordinator).organisasjon,
        dato=D(2027, 1, 15),
        tittel="Påmeldingen åpner i dag",
        status=S.SENDT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.ukesoppsummering.apply(args=["2027-01-18"])
    [epost] = mail.outbox
    assert epost.subject == "Fagbrev: ukeoversikt"
    assert "uke 3" in epost.body
    assert "Datoer de neste to ukene" in epost.body and "Påmelding til tverrfaglig skriftlig eksamen" in epost.body
    assert "Påminnelser siste sju dager" in epost.body and "Eksamenspåmelding: 1" in epost.body


def test_the_scan_task_uses_the_oslo_date_across_midnight_utc(koordinator):
    # 31.08 22:30 UTC is 00:30 on 1 September in Oslo (summer time): the window opens "today".
    with time_machine.travel("2027-08-31 22:30 +00:00", tick=False):
        svar = tasks.skann.apply().get(timeout=10)
    assert svar["dato"] == "2027-09-01" and svar["nye"] == 1


def test_beat_runs_the_scan_daily_at_six_and_the_overview_on_monday_oslo_time(settings):
    from celery.schedules import crontab

    assert settings.CELERY_TIMEZONE == "Europe/Oslo"
    daglig = settings.CELERY_BEAT_SCHEDULE["paminnelser-daglig-skann"]
    ukentlig = settings.CELERY_BEAT_SCHEDULE["paminnelser-ukeoversikt-mandag"]
    assert daglig["task"] == "paminnelser.skann" and ukentlig["task"] == "paminnelser.ukesoppsummering"
    assert daglig["schedule"] == crontab(hour=6, minute=0)
    assert ukentlig["schedule"].day_of_week == {1}


# --- the command ------------------------------------------------------------------------------------


@time_machine.travel("2027-01-10 12:00 +01:00", tick=False)
def test_send_reminders_dry_run_shows_what_is_due_and_writes_nothing(koordinator):
    ut = StringIO()
    call_command("send_reminders", "--date", "2027-01-15", "--dry-run", stdout=ut)
    assert "prøvekjøring" in ut.getvalue() and "åpner i dag" in ut.getvalue()
    assert Paminnelse.objects.count() == 0 and mail.outbox == []


@time_machine.travel("2027-01-10 12:00 +01:00", tick=False)
def test_send_reminders_for_a_date_sends_and_a_second_run_sends_nothing(
    koordinator, django_capture_on_commit_callbacks
):
    ut = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2027-01-15", stdout=ut)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2027-01-15", stdout=ut)
    assert "Nye påminnelser: 1" in ut.getvalue() and "Nye påminnelser: 0" in ut.getvalue()
    assert len(mail.outbox) == 1


def test_send_reminders_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ugyldig dato"):
        call_command("send_reminders", "--date", "15.01.2027")


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_sends_are_queued_only_after_the_scan_commits(koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as ko:
        services.skann_utfor(idag=D(2027, 1, 15))
        assert mail.outbox == []  # nothing sent inside the transaction
    assert len(ko) == 1 and mail.outbox == []
    ko[0]()
    assert len(mail.outbox) == 1


@time_machine.travel(OSLO_MORGEN, tick=False)
def test_a_reminder_email_says_it_was_sent_automatically(koordinator, skann):
    _velg(koordinator, Art.EKSAMEN, Levering.UMIDDELBART)
    skann(D(2027, 1, 15))
    assert mail.outbox and all(m.extra_headers.get("Auto-Submitted") == "auto-generated" for m in mail.outbox)
    assert "Auto-Submitted: auto-generated" in mail.outbox[0].message().as_string()
