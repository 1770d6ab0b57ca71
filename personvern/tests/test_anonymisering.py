"""Retention: a due closed case is anonymised, a not-due one and a kept one are not; reports still count."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from deltakere.models import Deltaker, Kartlegging, Statusendring
from deltakere.tests.factories import DeltakerFactory, lag_pdf
from deltakere.tests.saker import statusendring
from fagbrev.models import Hendelse, Organisasjon
from fagbrev.tests.factories import FagretningFactory, KullFactory
from oppfolging.models import Vurderingssamtale
from personvern.anonymisering import (
    ANONYMISERT,
    HANDLING,
    anonymiser_forfalte,
    anonymisering_forfalt,
    deltaker_anonymiser,
)
from rapporter.selectors import dashboard
from rapporter.semester import Semester

pytestmark = pytest.mark.django_db

IDAG = datetime.date(2026, 3, 2)


def _avsluttet(fagretning, *, dato: datetime.date, status=Deltaker.Status.FULLFORT, **felter) -> Deltaker:
    deltaker = DeltakerFactory(
        fagretning=fagretning,
        status=status,
        telefon="41234567",
        epost="person@example.no",
        adresse="Storgata 1",
        henviser_kontakt="Kari på NAV, 99887766",
        **felter,
    )
    statusendring(
        deltaker,
        status,
        dato,
        fra_status=Deltaker.Status.I_OPPLAERING,
        begrunnelse=f"{deltaker.fornavn} besto fagprøven",
    )
    return deltaker


@pytest.fixture
def saker(fagretning, asker, koordinator):
    from deltakere import services as deltakertjenester

    kull = KullFactory(fagretning=fagretning, oppstart=datetime.date(2018, 8, 15))
    forfalt = _avsluttet(fagretning, dato=datetime.date(2020, 6, 1), kull=kull)  # due 01.06.2025
    Kartlegging.objects.create(
        organisasjon=forfalt.organisasjon,
        deltaker=forfalt,
        intervjudato=datetime.date(2018, 5, 2),
        motivasjon="Vil jobbe med barn, har tre barn selv",
        livssituasjon="Alenemor",
        utdanning_ar=9,
    )
    from oppfolging.tests.factories import VurderingssamtaleFactory

    for dato in (datetime.date(2019, 3, 1), datetime.date(2019, 10, 1)):
        VurderingssamtaleFactory(deltaker=forfalt, planlagt_dato=dato, holdt_dato=dato, hvordan_gar_det="Sliter hjemme")
    dokument = deltakertjenester.dokument_last_opp(
        deltaker=forfalt, fil=SimpleUploadedFile("cv.pdf", lag_pdf()), type="cv", utfort_av=koordinator
    )
    ikke_forfalt = _avsluttet(fagretning, dato=datetime.date(2021, 3, 3), status=Deltaker.Status.AVBRUTT)  # 2026-03-03
    behold_org = asker
    behold_org.oppbevaring = Organisasjon.Oppbevaring.BEHOLD
    behold_org.save(update_fields=["oppbevaring"])
    beholdt = _avsluttet(FagretningFactory(organisasjon=behold_org), dato=datetime.date(2015, 1, 1))
    aktiv = DeltakerFactory(fagretning=fagretning, status=Deltaker.Status.I_OPPLAERING)
    return {
        "forfalt": forfalt,
        "ikke_forfalt": ikke_forfalt,
        "beholdt": beholdt,
        "aktiv": aktiv,
        "dokument": dokument,
        "kull": kull,
    }


def _tall(org_id: int):
    """Every figure of the steering group's dashboard for the semester the case ended in, and the trends."""
    data = dashboard(org_ids={org_id}, semester=Semester.for_dato(datetime.date(2020, 9, 1)), undertrykk_sma=False)
    return [rt.tabell.verdier for rt in data.tabeller], [t.verdier for t in data.trender]


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_a_due_closed_case_is_anonymised_and_the_others_are_not(saker):
    forfalt, dokument = saker["forfalt"], saker["dokument"]
    sti = dokument.fil.name
    assert default_storage.exists(sti)
    for_ = {k: Deltaker.objects.get(pk=saker[k].pk) for k in ("ikke_forfalt", "beholdt", "aktiv")}

    assert anonymiser_forfalte(idag=IDAG) == [forfalt.pk]

    d = Deltaker.objects.get(pk=forfalt.pk)
    assert (d.fornavn, d.etternavn) == ("Anonymisert", f"deltaker {forfalt.pk}")
    assert (d.fodselsnummer, d.telefon, d.epost, d.adresse, d.henviser_kontakt) == ("", "", "", "", "")
    assert d.fodselsdato == forfalt.fodselsdato.replace(month=1, day=1)
    kartlegging = Kartlegging.objects.get(deltaker=d)
    assert (kartlegging.motivasjon, kartlegging.livssituasjon, kartlegging.utdanning_ar) == ("", "", 9)
    assert Statusendring.objects.get(deltaker=d).begrunnelse == ANONYMISERT  # required field
    samtaler = Vurderingssamtale.objects.filter(deltaker=d).order_by("semester")
    assert [(v.semester, v.hvordan_gar_det) for v in samtaler] == [("2019H", ""), ("2019V", "")]
    dokument.refresh_from_db()
    assert dokument.fil.name == "" and dokument.originalt_navn == ANONYMISERT
    assert not default_storage.exists(sti)
    # the statistics stay
    assert (d.status, d.fagretning_id, d.kull_id, d.organisasjon_id) == (
        forfalt.status,
        forfalt.fagretning_id,
        saker["kull"].pk,
        forfalt.organisasjon_id,
    )
    assert Statusendring.objects.get(deltaker=d).dato == datetime.date(2020, 6, 1)
    # logged by the system, not a person
    logg = Hendelse.objects.get(handling=HANDLING)
    assert (logg.deltaker_id, logg.utfort_av_id) == (forfalt.pk, None)
    # the others are untouched
    for k, fer in for_.items():
        etter = Deltaker.objects.get(pk=saker[k].pk)
        assert (etter.fornavn, etter.fodselsnummer, etter.telefon, etter.versjon) == (
            fer.fornavn,
            fer.fodselsnummer,
            fer.telefon,
            fer.versjon,
        )


def test_the_case_not_yet_due_is_anonymised_the_day_its_time_runs_out(saker):
    ikke_forfalt = saker["ikke_forfalt"]
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, 0), tick=False):
        assert ikke_forfalt.pk not in {f.deltaker_id for f in anonymisering_forfalt(idag=IDAG)}
    dagen = datetime.date(2026, 3, 3)
    assert ikke_forfalt.pk in {f.deltaker_id for f in anonymisering_forfalt(idag=dagen)}
    assert saker["beholdt"].pk not in {f.deltaker_id for f in anonymisering_forfalt(idag=datetime.date(2099, 1, 1))}


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_reports_count_an_anonymised_case_as_before(saker):
    org_id = saker["forfalt"].organisasjon_id
    for_ = _tall(org_id)

    anonymiser_forfalte(idag=IDAG)

    assert _tall(org_id) == for_


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_running_twice_anonymises_once(saker):
    assert anonymiser_forfalte(idag=IDAG) == [saker["forfalt"].pk]
    versjon = Deltaker.objects.get(pk=saker["forfalt"].pk).versjon

    assert anonymiser_forfalte(idag=IDAG) == []
    assert deltaker_anonymiser(deltaker_id=saker["forfalt"].pk, idag=IDAG) is False

    assert Hendelse.objects.filter(handling=HANDLING).count() == 1
    assert Deltaker.objects.get(pk=saker["forfalt"].pk).versjon == versjon


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_a_case_changed_between_read_and_claim_is_left_alone(saker, monkeypatch):
    """Compare-and-set: someone reopens the case after the job read it; the claim fails."""
    from personvern import anonymisering

    forfalt = saker["forfalt"]
    ekte = anonymisering.anonymisering_forfalt

    def les_og_endre(**kwargs):
        svar = ekte(**kwargs)
        Deltaker.objects.filter(pk=forfalt.pk).update(status=Deltaker.Status.I_OPPLAERING, versjon=99)
        return svar

    monkeypatch.setattr(anonymisering, "anonymisering_forfalt", les_og_endre)

    assert deltaker_anonymiser(deltaker_id=forfalt.pk, idag=IDAG) is False
    assert Deltaker.objects.get(pk=forfalt.pk).fornavn == forfalt.fornavn
    assert not Hendelse.objects.filter(handling=HANDLING).exists()


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_dry_run_lists_the_due_case_by_id_and_changes_nothing(saker):
    ut = StringIO()

    call_command("anonymiser", "--dry-run", stdout=ut)

    tekst = ut.getvalue()
    assert f"Ville anonymisert deltaker {saker['forfalt'].pk} " in tekst
    assert f"deltaker {saker['ikke_forfalt'].pk} " not in tekst
    assert saker["forfalt"].fornavn not in tekst and saker["forfalt"].fodselsnummer not in tekst
    assert Deltaker.objects.get(pk=saker["forfalt"].pk).fornavn == saker["forfalt"].fornavn
    assert not Hendelse.objects.filter(handling=HANDLING).exists()


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_the_command_without_dry_run_anonymises(saker):
    ut = StringIO()
    call_command("anonymiser", stdout=ut)
    assert "1 saker anonymisert." in ut.getvalue()
    assert Deltaker.objects.get(pk=saker["forfalt"].pk).fornavn == "Anonymisert"


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_the_daily_celery_task_is_scheduled_by_name_and_anonymises(saker, settings):
    import personvern.tasks  # noqa: F401  (the worker imports it by autodiscovery)
    from fagbrev.celery import app

    assert any(v["task"] == "personvern.anonymiser" for v in settings.CELERY_BEAT_SCHEDULE.values())
    assert app.tasks["personvern.anonymiser"].delay().get() == 1
    assert Deltaker.objects.get(pk=saker["forfalt"].pk).fornavn == "Anonymisert"


@time_machine.travel(datetime.datetime(2026, 3, 2, 3, 0), tick=False)
def test_the_retention_time_is_per_organisation(saker):
    org = saker["ikke_forfalt"].organisasjon
    org.anonymiser_etter_ar = 4
    org.save(update_fields=["anonymiser_etter_ar"])

    assert set(anonymiser_forfalte(idag=IDAG)) == {saker["forfalt"].pk, saker["ikke_forfalt"].pk}


@pytest.mark.parametrize(
    ("avsluttet", "siste_dag_for", "forfall"),
    [
        # Closed on a leap day: five years on has no 29 February, so it is due on the 28th.
        (datetime.date(2020, 2, 29), datetime.date(2025, 2, 27), datetime.date(2025, 2, 28)),
        # Four years on is a leap year again: due on the 29th, not a day early.
        (datetime.date(2024, 2, 29), datetime.date(2028, 2, 28), datetime.date(2028, 2, 29)),
        (datetime.date(2021, 12, 31), datetime.date(2026, 12, 30), datetime.date(2026, 12, 31)),
    ],
)
def test_a_case_closed_on_29_february_is_due_on_28_february_in_other_years(
    fagretning, avsluttet, siste_dag_for, forfall
):
    org = fagretning.organisasjon
    org.anonymiser_etter_ar = forfall.year - avsluttet.year
    org.save(update_fields=["anonymiser_etter_ar"])
    deltaker = _avsluttet(fagretning, dato=avsluttet)

    assert anonymisering_forfalt(idag=siste_dag_for) == []
    assert [(f.deltaker_id, f.avsluttet, f.forfaller) for f in anonymisering_forfalt(idag=forfall)] == [
        (deltaker.pk, avsluttet, forfall)
    ]


def test_the_case_page_names_the_same_day_as_the_job_for_a_case_closed_on_29_february(fagretning, koordinator):
    from personvern.seksjoner import saksside

    deltaker = _avsluttet(fagretning, dato=datetime.date(2020, 2, 29))
    seksjon = saksside(deltaker=deltaker, user=koordinator, idag=datetime.date(2021, 1, 4))
    assert seksjon.context["anonymiseres"] == datetime.date(2025, 2, 28)  # 5 years, the default
