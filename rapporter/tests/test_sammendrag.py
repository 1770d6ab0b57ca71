"""The summary at the top of the steering group's dashboard: the same figures as the tables below,
hidden the same way for the steering group, with the semesters before and the change from the last."""

import datetime
import re

import pytest

from deltakere.models import Deltaker, Statusendring
from deltakere.tests.factories import DeltakerFactory
from lop.models import Eksamen, Resultat
from lop.tests.factories import EksamenFactory

S = Deltaker.Status
D = datetime.date
HOST = {"semester": "2026-host"}

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


def _kort(html: str, tittel: str) -> str:
    """The text of one key figure's card."""
    blokk = html.split('id="h-sammendrag"', 1)[1].split("</section>", 1)[0]
    kort = blokk.split(f'<h3 class="h6 mb-1">{tittel}</h3>', 1)[1].split('<div class="col">', 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", kort)).strip()


def _eksamener(fagretning, antall: int, dato: D):
    for d in DeltakerFactory.create_batch(antall, fagretning=fagretning):
        EksamenFactory(deltaker=d, eksamensdato=dato, resultat=Resultat.BESTATT)


def test_the_summary_shows_the_figures_of_the_tables_with_the_change_from_the_semester_before(
    client, koordinator, fagretning
):
    _eksamener(fagretning, 3, D(2026, 9, 10))
    _eksamener(fagretning, 7, D(2026, 3, 10))
    client.force_login(koordinator)
    html = client.get("/rapporter/styringsgruppe/", HOST).content.decode()
    kort = _kort(html, "Skriftlig eksamen bestått")
    assert kort.startswith("3 ▼ −4 fra 7"), kort
    assert "Vår 2026: 7" in html  # the chart's text alternative names each semester's number
    assert html.index('id="h-sammendrag"') < html.index("Deltakere per fagretning")  # at the top


def test_the_steering_group_sees_small_numbers_hidden_in_the_summary_as_in_the_tables(
    client, styring, fagretning, koordinator
):
    _eksamener(fagretning, 3, D(2026, 9, 10))
    _eksamener(fagretning, 7, D(2026, 3, 10))
    aktive = DeltakerFactory.create_batch(6, fagretning=fagretning)
    for d in aktive:
        Statusendring.objects.create(
            organisasjon=d.organisasjon, deltaker=d, fra_status=S.TATT_OPP, til_status=S.I_OPPLAERING,
            dato=D(2026, 1, 5), begrunnelse="T", utfort_av=koordinator,
        )  # fmt: skip
    Deltaker.objects.filter(pk__in=[d.pk for d in aktive]).update(
        opprettet=datetime.datetime(2025, 12, 1, 12, tzinfo=datetime.UTC)
    )
    client.force_login(styring)
    html = client.get("/rapporter/styringsgruppe/", HOST).content.decode()
    eksamen = _kort(html, "Skriftlig eksamen bestått")
    assert eksamen.startswith("&lt;5 Vår 2026: 7"), eksamen  # no change worked out from a hidden number
    assert "Høst 2026: &lt;5" in html and ">3<" not in html.split('id="h-sammendrag"', 1)[1].split("</section>")[0]
    # the table below shows the same total, hidden the same way
    resultater = html.split("Resultater per fagretning", 1)[1]
    assert "&lt;5" in resultater.split("Totalt", 1)[1].split("</tr>", 1)[0]
    i_opplaering = _kort(html, "I opplæring ved semesterslutt")
    # the 3 with a passed exam are active too (created in training today): 16 active at the end of høst
    assert i_opplaering.startswith("16 ▲ +10 fra 6"), i_opplaering


def test_the_annual_report_has_no_summary(client, koordinator, fagretning):
    client.force_login(koordinator)
    html = client.get("/rapporter/arsrapport/", {"ar": "2026"}).content.decode()
    assert 'id="h-sammendrag"' not in html and Eksamen.objects.count() == 0
