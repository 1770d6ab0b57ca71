"""Follow-up services: rules, the event log, revisions and idempotent action items."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from arbeidsgivere.tests.factories import KontaktpersonFactory
from deltakere.models import Deltaker
from fagbrev.models import Hendelse
from oppfolging.models import Revisjon
from oppfolging.services import (
    besok_registrer,
    faddersamling_registrer,
    tiltak_fullfor,
    vurderingssamtale_endre,
    vurderingssamtale_registrer,
)

from .factories import MoteFactory, PlasseringFactory, TiltakFactory

IDAG = datetime.date(2026, 11, 23)


def test_recording_a_visit_is_logged_on_the_participants_timeline(deltaker, faglarer):
    PlasseringFactory(deltaker=deltaker)
    besok = besok_registrer(deltaker=deltaker, utfort_av=faglarer, dato=IDAG, idag=IDAG, observert="Bra")
    hendelse = Hendelse.objects.get(handling="oppfolging.besok.registrert")
    assert (hendelse.deltaker_id, hendelse.utfort_av, hendelse.objekt_id) == (deltaker.pk, faglarer, str(besok.pk))
    assert str(besok.arbeidssted) in hendelse.beskrivelse


@pytest.mark.parametrize("status", [Deltaker.Status.PERMISJON, Deltaker.Status.HENVIST, Deltaker.Status.FULLFORT])
def test_no_visits_for_participants_not_in_training(deltaker, faglarer, status):
    deltaker.status = status
    with pytest.raises(ValidationError, match="i opplæring"):
        besok_registrer(deltaker=deltaker, utfort_av=faglarer, dato=IDAG, idag=IDAG)


def test_the_visit_follows_the_placement_on_its_date_not_today(deltaker, faglarer):
    gammel = PlasseringFactory(deltaker=deltaker, fra=datetime.date(2026, 1, 1), til=datetime.date(2026, 9, 30))
    PlasseringFactory(deltaker=deltaker, fra=datetime.date(2026, 10, 1))
    besok = besok_registrer(deltaker=deltaker, utfort_av=faglarer, dato=datetime.date(2026, 9, 15), idag=IDAG)
    assert besok.arbeidssted == gammel.arbeidssted


def test_an_unchanged_edit_stores_no_revision(deltaker, koordinator):
    samtale = vurderingssamtale_registrer(
        deltaker=deltaker, utfort_av=koordinator, idag=IDAG, planlagt_dato=datetime.date(2026, 12, 1)
    )
    vurderingssamtale_endre(
        samtale=samtale, utfort_av=koordinator, idag=IDAG, versjon=1, planlagt_dato=datetime.date(2026, 12, 1)
    )
    assert not Revisjon.objects.exists()
    samtale = vurderingssamtale_endre(
        samtale=samtale, utfort_av=koordinator, idag=IDAG, versjon=1, holdt_dato=IDAG, selv_norsk=6
    )
    assert samtale.versjon == 2 and Revisjon.objects.get().data["holdt_dato"] is None
    assert Hendelse.objects.filter(handling="oppfolging.vurderingssamtale.holdt").count() == 1


def test_moving_a_meeting_into_another_semester_moves_its_semester(deltaker, koordinator):
    samtale = vurderingssamtale_registrer(
        deltaker=deltaker, utfort_av=koordinator, idag=IDAG, planlagt_dato=datetime.date(2026, 12, 31)
    )
    assert samtale.semester == "2026H"
    samtale = vurderingssamtale_endre(
        samtale=samtale, utfort_av=koordinator, idag=IDAG, planlagt_dato=datetime.date(2027, 1, 1)
    )
    assert samtale.semester == "2027V"


def test_a_fadder_from_another_organisation_is_refused(deltaker, koordinator, asker):
    fremmed = KontaktpersonFactory(arbeidssted__arbeidsgiver__organisasjon=asker)
    with pytest.raises(ValidationError):
        vurderingssamtale_registrer(
            deltaker=deltaker, utfort_av=koordinator, idag=IDAG, planlagt_dato=IDAG, fadder=fremmed
        )
    with pytest.raises(ValidationError):
        faddersamling_registrer(fagretning=deltaker.fagretning, dato=IDAG, utfort_av=koordinator, faddere=[fremmed])


def test_marking_an_action_item_done_twice_has_one_effect(koordinator, faglarer, fagretning):
    tiltak = TiltakFactory(mote=MoteFactory(fagretning=fagretning, registrert_av=koordinator), ansvarlig=faglarer)
    assert tiltak_fullfor(tiltak=tiltak, utfort_av=faglarer, idag=IDAG) is True
    assert tiltak_fullfor(tiltak=tiltak, utfort_av=faglarer, idag=IDAG + datetime.timedelta(days=1)) is False
    tiltak.refresh_from_db()
    assert tiltak.utfort == IDAG
    assert Hendelse.objects.filter(handling="oppfolging.tiltak.utfort").count() == 1


def test_no_assessment_meeting_before_the_pathway_starts(deltaker, koordinator):
    deltaker.status = Deltaker.Status.HENVIST
    with pytest.raises(ValidationError, match="i et løp"):
        vurderingssamtale_registrer(deltaker=deltaker, utfort_av=koordinator, idag=IDAG, planlagt_dato=IDAG)
