import pytest

from arbeidsgivere.tests.factories import ArbeidsgiverFactory


def test_coordinator_sees_employer_with_workplaces_and_people(client, koordinator, arbeidsgiver):
    client.force_login(koordinator)
    html = client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").content.decode()
    assert arbeidsgiver.navn in html and "Linda Sørli" in html


def test_other_organisation_gets_404(client, koordinator_asker, arbeidsgiver):
    client.force_login(koordinator_asker)
    assert client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").status_code == 404
    assert arbeidsgiver.navn not in client.get("/arbeidsgivere/").content.decode()


@pytest.mark.parametrize(("hvem", "status"), [("styring", 403), ("norsklarer", 403), ("koordinator", 200)])
def test_list_access_by_role(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/arbeidsgivere/").status_code == status


@pytest.mark.parametrize("antall", [5, 100])
def test_list_query_count_is_constant(client, koordinator, lorenskog, antall, django_assert_max_num_queries):
    ArbeidsgiverFactory.create_batch(antall, organisasjon=lorenskog)
    client.force_login(koordinator)
    with django_assert_max_num_queries(10):
        assert client.get("/arbeidsgivere/").status_code == 200
