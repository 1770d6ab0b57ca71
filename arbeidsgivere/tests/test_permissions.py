import datetime

import pytest
import time_machine

from arbeidsgivere.permissions import arbeidsgivere_visible_to
from arbeidsgivere.tests.factories import PlasseringFactory


def test_coordinator_sees_own_organisations_employers_only(koordinator, koordinator_asker, arbeidsgiver):
    assert list(arbeidsgivere_visible_to(koordinator)) == [arbeidsgiver]
    assert not arbeidsgivere_visible_to(koordinator_asker).exists()


@pytest.mark.parametrize("hvem", ["norsklarer", "styring", "superbruker", "annen_faglarer"])
def test_others_see_no_employers(personer, hvem, arbeidsgiver, deltaker, sted):
    PlasseringFactory(deltaker=deltaker, arbeidssted=sted)
    assert not arbeidsgivere_visible_to(personer[hvem]).exists()


def test_faglarer_sees_employer_where_her_participant_is_placed(faglarer, arbeidsgiver, deltaker, sted):
    assert not arbeidsgivere_visible_to(faglarer).exists()
    PlasseringFactory(deltaker=deltaker, arbeidssted=sted)
    PlasseringFactory(deltaker__fagretning=deltaker.fagretning, deltaker__faglarer=faglarer, arbeidssted=sted)
    assert list(arbeidsgivere_visible_to(faglarer)) == [arbeidsgiver]  # once, however many placements


@time_machine.travel(datetime.datetime(2026, 6, 30, 12, 0), tick=False)
def test_faglarer_keeps_sight_through_the_last_day_of_the_placement(faglarer, arbeidsgiver, deltaker, sted):
    PlasseringFactory(deltaker=deltaker, arbeidssted=sted, til=datetime.date(2026, 6, 30))
    assert arbeidsgivere_visible_to(faglarer).exists()


@time_machine.travel(datetime.datetime(2026, 7, 1, 8, 0), tick=False)
def test_faglarer_loses_sight_the_day_after_the_placement_ended(faglarer, arbeidsgiver, deltaker, sted):
    PlasseringFactory(deltaker=deltaker, arbeidssted=sted, til=datetime.date(2026, 6, 30))
    assert not arbeidsgivere_visible_to(faglarer).exists()
