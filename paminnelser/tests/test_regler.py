"""Each rule at its edges: the day before, the day of, the day after, and a window on a weekend."""

import datetime

import pytest

from arbeidsgivere import regler as arbeidsgivere_regler
from lop import regler as lop_regler
from paminnelser import regler as paminnelser_regler
from paminnelser.models import Art

D = datetime.date


def _titler(regel, idag):
    return [f.tittel for f in regel(idag)]


@pytest.mark.parametrize(
    ("idag", "antall"),
    [
        (D(2027, 1, 14), 0),  # Thursday before the window
        (D(2027, 1, 15), 1),  # opens (Friday)
        (D(2027, 1, 16), 1),  # still open: catch-up if the scan missed the morning; the key stops repeats
        (D(2027, 2, 1), 1),  # last day
        (D(2027, 2, 2), 0),  # closed
        (D(2027, 8, 31), 0),
        (D(2027, 9, 1), 1),
        (D(2027, 9, 16), 0),
    ],
)
def test_exam_window_opening_reminds_each_coordinator_while_the_window_is_open(koordinator, idag, antall):
    funnet = list(lop_regler.eksamensvindu_apner(idag))
    assert len(funnet) == antall
    for f in funnet:
        assert f.mottaker_id == koordinator.pk and f.art == Art.EKSAMEN and f.lenke == "/arshjul/"


def test_exam_window_opening_says_today_on_the_day(koordinator):
    assert _titler(lop_regler.eksamensvindu_apner, D(2027, 1, 15)) == [
        "Påmeldingen til tverrfaglig eksamen åpner i dag (frist 01.02.2027 kl. 23.55 siste dag)"
    ]


def test_a_window_opening_on_saturday_is_announced_on_the_friday_before(koordinator):
    # 15.01.2028 is a Saturday.
    assert list(lop_regler.eksamensvindu_apner(D(2028, 1, 13))) == []
    fredag = list(lop_regler.eksamensvindu_apner(D(2028, 1, 14)))
    assert [f.tittel for f in fredag] == [
        "Påmeldingen til tverrfaglig eksamen åpner lørdag 15.01.2028 (frist 01.02.2028 kl. 23.55 siste dag)"
    ]
    lordag = list(lop_regler.eksamensvindu_apner(D(2028, 1, 15)))
    assert [f.periode for f in lordag] == [fredag[0].periode] == ["2028-01"]  # same key: sent once


def test_the_september_window_on_a_saturday_moves_to_friday_31_august(koordinator):
    assert len(list(lop_regler.eksamensvindu_apner(D(2029, 8, 31)))) == 1  # 01.09.2029 is a Saturday
    assert list(lop_regler.eksamensvindu_apner(D(2029, 8, 30))) == []


@pytest.mark.parametrize(
    ("idag", "antall"),
    [(D(2027, 1, 28), 0), (D(2027, 1, 29), 1), (D(2027, 1, 30), 1), (D(2027, 2, 1), 1), (D(2027, 2, 2), 0)],
)
def test_closing_soon_three_days_before_the_deadline(koordinator, idag, antall):
    assert len(list(lop_regler.eksamensvindu_lukker_snart(idag))) == antall


def test_closing_soon_on_a_weekend_moves_to_the_friday_before(koordinator):
    # 01.02.2028 is a Tuesday; three days before is Saturday 29.01 → Friday 28.01.
    assert list(lop_regler.eksamensvindu_lukker_snart(D(2028, 1, 27))) == []
    assert _titler(lop_regler.eksamensvindu_lukker_snart, D(2028, 1, 28)) == [
        "Påmeldingen til tverrfaglig eksamen stenger om 4 dager (tirsdag 01.02.2028 kl. 23.55)"
    ]


def test_exam_reminders_go_to_coordinators_of_every_organisation_and_to_nobody_else(
    lorenskog, asker, koordinator, koordinator_asker, faglarer, styring
):
    funnet = list(lop_regler.eksamensvindu_apner(D(2027, 9, 1)))
    assert {(f.mottaker_id, f.objekt_id) for f in funnet} == {
        (koordinator.pk, lorenskog.pk),
        (koordinator_asker.pk, asker.pk),
    }


def test_a_deactivated_coordinator_gets_no_reminder(koordinator):
    koordinator.is_active = False
    koordinator.save(update_fields=["is_active"])
    assert list(lop_regler.eksamensvindu_apner(D(2027, 1, 15))) == []


# --- police certificate ---------------------------------------------------------------------------


@pytest.fixture
def plassering(deltaker):
    from arbeidsgivere.models import Plassering
    from arbeidsgivere.tests.factories import ArbeidsstedFactory

    sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=deltaker.organisasjon)
    return Plassering.objects.create(
        organisasjon=deltaker.organisasjon, deltaker=deltaker, arbeidssted=sted, fra=D(2027, 3, 15)
    )


class _MedAttest(set):
    """Participant ids added here get a police certificate registered as received (intake checklist)."""

    def add(self, deltaker_id):
        from deltakere.models import Deltaker
        from deltakere.tests.factories import InntakssamtaleFactory

        super().add(deltaker_id)
        InntakssamtaleFactory(deltaker=Deltaker.objects.get(pk=deltaker_id), politiattest_mottatt=D(2027, 1, 4))

    def clear(self):
        from deltakere.models import Inntakssamtale

        Inntakssamtale.objects.filter(deltaker_id__in=self).delete()
        super().clear()


@pytest.fixture
def uten_attest(db):
    return _MedAttest()


@pytest.mark.parametrize(
    ("idag", "periode"),
    [(D(2027, 2, 28), "2027-02"), (D(2027, 3, 1), "2027-03-15"), (D(2027, 3, 2), "2027-03-15"),
     (D(2027, 3, 15), "2027-03-15"), (D(2027, 3, 16), "2027-03")],
)  # fmt: skip
def test_police_certificate_missing_names_the_placement_start_within_14_days_else_monthly(
    koordinator, plassering, uten_attest, idag, periode
):
    # The case is stuck on the certificate on every one of these days (the overview lists her): one
    # reminder each, naming the placement start from 14 days before it, and monthly otherwise.
    [f] = list(arbeidsgivere_regler.politiattest_mangler(idag))
    assert f.mottaker_id == koordinator.pk
    if periode == "2027-03-15":
        assert f.tittel == "Politiattest mangler for Amina: praksis starter mandag 15.03.2027"
    else:
        assert f.tittel == "Politiattest mangler for Amina: fagretningen krever den før praksis"
    assert "Yusuf" not in f.tittel and plassering.deltaker.fodselsnummer not in f.tittel
    assert f.lenke == f"/deltakere/{plassering.deltaker_id}/"
    assert f.periode == periode


def test_no_police_certificate_reminder_when_received_or_track_does_not_need_one(koordinator, plassering, uten_attest):
    uten_attest.add(plassering.deltaker_id)
    assert list(arbeidsgivere_regler.politiattest_mangler(D(2027, 3, 1))) == []
    uten_attest.clear()
    fagretning = plassering.deltaker.fagretning
    fagretning.krever_politiattest = False
    fagretning.save(update_fields=["krever_politiattest"])
    assert list(arbeidsgivere_regler.politiattest_mangler(D(2027, 3, 1))) == []


def test_no_police_certificate_reminder_for_a_terminated_participant(koordinator, plassering, uten_attest):
    plassering.deltaker.status = "avbrutt"
    plassering.deltaker.save(update_fields=["status"])
    assert list(arbeidsgivere_regler.politiattest_mangler(D(2027, 3, 1))) == []


def _plasseringer(org, fagretning, antall):
    from arbeidsgivere.models import Plassering
    from arbeidsgivere.tests.factories import ArbeidsstedFactory
    from deltakere.tests.factories import DeltakerFactory

    sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=org)
    for _ in range(antall):
        d = DeltakerFactory(fagretning=fagretning)
        Plassering.objects.create(organisasjon=org, deltaker=d, arbeidssted=sted, fra=D(2027, 3, 10))


@pytest.mark.parametrize("antall", [1, 15])
def test_police_certificate_rule_uses_two_queries_whatever_the_number_of_placements(
    koordinator, fagretning, uten_attest, django_assert_num_queries, antall
):
    _plasseringer(fagretning.organisasjon, fagretning, antall)
    with django_assert_num_queries(2):
        assert len(list(arbeidsgivere_regler.politiattest_mangler(D(2027, 3, 1)))) == antall


def test_weekly_overview_is_one_per_coordinator_per_iso_week(koordinator, koordinator_asker):
    mandag = list(paminnelser_regler.ukeoversikt_koordinator(D(2027, 1, 18)))
    assert {f.periode for f in mandag} == {"2027-W03"}
    assert {f.mottaker_id for f in mandag} == {koordinator.pk, koordinator_asker.pk}
