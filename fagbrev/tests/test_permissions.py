"""The access policy, role by role, against one participant of each kind."""

import pytest

from deltakere.models import Deltaker
from fagbrev import permissions


@pytest.fixture
def alle(personer, deltaker, annen_deltaker, fremmed_deltaker):
    return personer


# who → (sees deltaker, sees annen_deltaker, sees fremmed_deltaker, may edit deltaker)
MATRISE = {
    "koordinator": (True, True, False, True),
    "faglarer": (True, False, False, False),
    "annen_faglarer": (False, True, False, False),
    "norsklarer": (True, False, False, False),
    "styring": (False, False, False, False),
    "koordinator_asker": (False, False, True, False),
    "superbruker": (False, False, False, False),
}


@pytest.mark.parametrize("hvem", MATRISE)
def test_each_role_sees_exactly_what_the_policy_allows(alle, hvem, deltaker, annen_deltaker, fremmed_deltaker):
    user = alle[hvem]
    ser_d, ser_annen, ser_fremmed, kan_endre = MATRISE[hvem]
    assert permissions.can_view_deltaker(user, deltaker) is ser_d
    assert permissions.can_view_deltaker(user, annen_deltaker) is ser_annen
    assert permissions.can_view_deltaker(user, fremmed_deltaker) is ser_fremmed
    assert permissions.can_edit_deltaker(user, deltaker) is kan_endre
    # The queryset scope agrees with the predicate.
    synlige = set(Deltaker.objects.visible_to(user).values_list("pk", flat=True))
    forventet = {
        d.pk for d, ser in ((deltaker, ser_d), (annen_deltaker, ser_annen), (fremmed_deltaker, ser_fremmed)) if ser
    }
    assert synlige == forventet


def test_only_the_participants_faglarer_or_a_coordinator_records_follow_up(alle, deltaker):
    assert permissions.can_record_oppfolging(alle["faglarer"], deltaker)
    assert permissions.can_record_oppfolging(alle["koordinator"], deltaker)
    assert not permissions.can_record_oppfolging(alle["annen_faglarer"], deltaker)
    assert not permissions.can_record_oppfolging(alle["norsklarer"], deltaker)
    assert permissions.can_record_norsk(alle["norsklarer"], deltaker)
    assert not permissions.can_record_norsk(alle["faglarer"], deltaker)


def test_reports_are_for_coordinators_and_the_steering_group(alle):
    assert permissions.can_view_reports(alle["styring"])
    assert permissions.can_view_reports(alle["koordinator"])
    assert not permissions.can_view_reports(alle["faglarer"])
    assert not permissions.can_use_case_files(alle["styring"])


def test_anonymous_sees_nothing(deltaker):
    from django.contrib.auth.models import AnonymousUser

    anonym = AnonymousUser()
    assert not Deltaker.objects.filter(permissions.deltaker_scope(anonym)).exists()


def test_a_removed_membership_takes_effect_on_the_next_request(client, faglarer, deltaker):
    client.force_login(faglarer)
    assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200
    faglarer.medlemskap.all().delete()
    assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 404
