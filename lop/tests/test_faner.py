"""The pathway pages' tabs show only what applies to the case (issue #20)."""

import pytest

from deltakere.tests.factories import DeltakerFactory

PRAKSIS = ">Praksisår</a>"
STIPEND = ">Stipend</a>"


@pytest.mark.parametrize(
    ("rute", "ruter", "synlig"),
    [
        ("alternativt_lop", ["alternativt_lop", "praksiskandidat"], False),
        ("fagbrev_pa_jobb", ["fagbrev_pa_jobb"], False),
        ("praksiskandidat", ["praksiskandidat"], True),
        ("", ["praksiskandidat", "fagbrev_pa_jobb"], True),  # no route chosen yet on a track that offers it
        ("", ["alternativt_lop"], False),
    ],
)
def test_practice_years_and_stipend_tabs_only_where_they_apply(client, koordinator, fagretning, rute, ruter, synlig):
    fagretning.ruter = ruter
    fagretning.save(update_fields=["ruter"])
    deltaker = DeltakerFactory(fagretning=fagretning, rute=rute)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert ">Lærekontrakt</a>" in html
    assert (PRAKSIS in html, STIPEND in html) == (synlig, synlig)
