"""Batch jobs survive a broker that is down and a queue message that is lost.

The broker is "down" when the task's apply_async raises kombu's OperationalError (what Celery raises
when Redis refuses the connection); a message is "lost" when apply_async returns but no worker ever
gets it. The sweep (`batchjobber_feie`) then hands the job over again or marks it failed, and a job
that lost its way never blocks a new order.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from kombu.exceptions import OperationalError

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from dokumenter import services
from dokumenter.models import Batchjobb
from fagbrev.tests.factories import KullFactory

T0 = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
SEND = "dokumenter.tasks.batchjobb_kjor_task.apply_async"


def _om(minutter: int):
    return time_machine.travel(T0 + datetime.timedelta(minutes=minutter), tick=False)


@pytest.fixture(autouse=True)
def _pdf(monkeypatch):
    monkeypatch.setattr("dokumenter.services.render_pdf", lambda template, kontekst: b"%PDF-1.7 test")


@pytest.fixture
def kull(fagretning):
    kull = KullFactory(fagretning=fagretning, navn="Høst 2026", oppstart=datetime.date(2026, 8, 15))
    DeltakerFactory(fagretning=fagretning, kull=kull, status=Deltaker.Status.FULLFORT)
    return kull


def _bestill(kull, koordinator, capture) -> Batchjobb:
    with capture(execute=True):
        jobb = services.batchjobb_bestill(kull=kull, type="deltakerbevis", utfort_av=koordinator)
    jobb.refresh_from_db()
    return jobb


def test_ordering_while_the_broker_is_down_says_the_job_is_queued_and_never_500s(
    client, koordinator, kull, django_capture_on_commit_callbacks
):
    client.force_login(koordinator)
    nede = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with _om(0), mock.patch(SEND, side_effect=nede), django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/dokumenter/kull/{kull.pk}/deltakerbevis/", follow=True)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Jobben står i kø og kjøres når køen er tilbake" in html
    jobb = Batchjobb.objects.get()
    assert (jobb.status, jobb.koet, jobb.forsok) == (Batchjobb.Status.VENTER, None, 0)


def test_the_sweep_hands_the_job_over_when_the_queue_is_back(koordinator, kull, django_capture_on_commit_callbacks):
    with _om(0), mock.patch(SEND, side_effect=OperationalError("nede")):
        jobb = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    with _om(2), mock.patch(SEND, side_effect=OperationalError("fortsatt nede")):
        assert services.batchjobber_feie() == {"sendt": 0, "feilet": 0, "stoppet": 0}
    with _om(7):  # the queue is back (eager in tests: the worker runs it at once)
        assert services.batchjobber_feie()["sendt"] == 1
    jobb.refresh_from_db()
    assert (jobb.status, jobb.ferdige, jobb.forsok) == (Batchjobb.Status.FERDIG, 1, 1) and jobb.zip_fil


def test_a_second_order_while_the_queue_is_down_says_it_is_already_queued(
    koordinator, kull, django_capture_on_commit_callbacks
):
    with _om(0), mock.patch(SEND, side_effect=OperationalError("nede")):
        _bestill(kull, koordinator, django_capture_on_commit_callbacks)
        with pytest.raises(ValidationError, match="står allerede i kø"):
            _bestill(kull, koordinator, django_capture_on_commit_callbacks)


def test_a_lost_message_is_handed_over_again_and_fails_after_the_last_attempt(
    koordinator, kull, django_capture_on_commit_callbacks
):
    n, m = settings.BATCHJOBB_START_MINUTTER, settings.BATCHJOBB_MAKS_FORSOK
    with _om(0), mock.patch(SEND) as send:  # the broker takes it; no worker ever gets it
        jobb = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
        assert (jobb.forsok, jobb.koet) == (1, T0)
    with _om(n - 1), mock.patch(SEND) as send:
        assert services.batchjobber_feie()["sendt"] == 0 and not send.called
    for forsok in range(2, m + 1):
        with _om((forsok - 1) * (n + 1)), mock.patch(SEND) as send:
            assert services.batchjobber_feie()["sendt"] == 1
            send.assert_called_once_with(kwargs={"jobb_id": jobb.pk})
        jobb.refresh_from_db()
        assert (jobb.status, jobb.forsok) == (Batchjobb.Status.VENTER, forsok)
    with _om(m * (n + 1)), mock.patch(SEND) as send:
        assert services.batchjobber_feie() == {"sendt": 0, "feilet": 1, "stoppet": 0}
        assert services.batchjobber_feie() == {"sendt": 0, "feilet": 0, "stoppet": 0}  # twice: effect once
    jobb.refresh_from_db()
    assert jobb.status == Batchjobb.Status.FEILET and f"etter {m} forsøk" in jobb.feilmelding
    with _om(m * (n + 1) + 1):
        ny = _bestill(kull, koordinator, django_capture_on_commit_callbacks)  # ordered again, and runs
    assert ny.pk != jobb.pk and ny.status == Batchjobb.Status.FERDIG


def test_a_job_that_never_started_can_be_ordered_again_without_waiting_for_the_sweep(
    koordinator, kull, django_capture_on_commit_callbacks
):
    with _om(0), mock.patch(SEND):
        gammel = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    with _om(3), mock.patch(SEND), pytest.raises(ValidationError, match="lages allerede"):
        _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    with _om(settings.BATCHJOBB_START_MINUTTER + 1):
        ny = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    gammel.refresh_from_db()
    assert gammel.status == Batchjobb.Status.FEILET and "erstattet av en ny bestilling" in gammel.feilmelding
    assert ny.status == Batchjobb.Status.FERDIG


def test_a_running_job_without_progress_is_marked_failed_and_a_busy_one_is_left_alone(
    koordinator, kull, django_capture_on_commit_callbacks
):
    with _om(0), mock.patch(SEND):
        stoppet = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    annet = KullFactory(fagretning=kull.fagretning, navn="Vår 2027")
    DeltakerFactory(fagretning=kull.fagretning, kull=annet, status=Deltaker.Status.FULLFORT)
    with _om(0), mock.patch(SEND):
        travel = _bestill(annet, koordinator, django_capture_on_commit_callbacks)
    grense = settings.BATCHJOBB_STOPPET_MINUTTER
    Batchjobb.objects.filter(pk=stoppet.pk).update(status="kjorer", sist_livstegn=T0)
    Batchjobb.objects.filter(pk=travel.pk).update(
        status="kjorer", sist_livstegn=T0 + datetime.timedelta(minutes=grense)
    )
    with _om(grense + 1):
        assert services.batchjobber_feie() == {"sendt": 0, "feilet": 0, "stoppet": 1}
    stoppet.refresh_from_db()
    travel.refresh_from_db()
    assert stoppet.status == Batchjobb.Status.FEILET and "stoppet underveis" in stoppet.feilmelding
    assert travel.status == Batchjobb.Status.KJORER


def test_a_worker_that_claims_the_job_first_wins_over_the_sweep(koordinator, kull, django_capture_on_commit_callbacks):
    with _om(0), mock.patch(SEND):
        jobb = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    Batchjobb.objects.filter(pk=jobb.pk).update(forsok=settings.BATCHJOBB_MAKS_FORSOK)
    ekte = services._feilet

    def worker_forst(jobb, **kwargs):
        services.batchjobb_kjor(jobb_id=jobb.pk)  # the worker got the message just before the sweep acted
        return ekte(jobb, **kwargs)

    with _om(60), mock.patch.object(services, "_feilet", side_effect=worker_forst):
        assert services.batchjobber_feie()["feilet"] == 0
    jobb.refresh_from_db()
    assert jobb.status == Batchjobb.Status.FERDIG


def test_the_sweep_runs_from_beat_and_with_the_daily_scan(koordinator, kull, django_capture_on_commit_callbacks):
    from paminnelser import tasks as paminnelser_tasks

    oppforing = settings.CELERY_BEAT_SCHEDULE["dokumenter-batchjobber-feie"]
    assert oppforing["task"] == "dokumenter.batchjobber_feie"
    with _om(0), mock.patch(SEND, side_effect=OperationalError("nede")):
        jobb = _bestill(kull, koordinator, django_capture_on_commit_callbacks)
    with _om(20), django_capture_on_commit_callbacks(execute=True):
        resultat = paminnelser_tasks.skann("2026-11-02")
    assert resultat["ogsa"]["dokumenter.services.batchjobber_feie"]["sendt"] == 1
    jobb.refresh_from_db()
    assert jobb.status == Batchjobb.Status.FERDIG
