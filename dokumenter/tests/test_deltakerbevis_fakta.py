"""The deltakerbevis says what the case page says: her own period, her placements, her results."""

import datetime

import time_machine
from django.urls import reverse

from deltakere.tests.saker import statusendring
from dokumenter import services
from lop.models import Eksamen, Norskprove, Resultat
from lop.selectors import eksamen_status, norsk_status

from .factories import PlasseringFactory
from .pdfhjelp import flat, pdf_tekst

D = datetime.date


def _endring(deltaker, til_status, dag, av):
    statusendring(deltaker, til_status, dag, av, fra_status="tatt_opp")


@time_machine.travel("2027-03-10 10:00 +01:00", tick=False)
def test_an_ongoing_case_shows_her_start_a_coming_placement_and_the_case_pages_results(client, ayse, koordinator):
    ayse.status = "i_opplaering"
    ayse.save(update_fields=["status"])
    _endring(ayse, "i_opplaering", D(2026, 9, 7), koordinator)  # her cohort started 15.08.2025
    PlasseringFactory(deltaker=ayse, arbeidssted__navn="Kommende barnehage", fra=D(2027, 4, 1), til=None)
    Norskprove.objects.create(
        organisasjon=ayse.organisasjon, deltaker=ayse, ferdighet="muntlig", niva="B1", dato=D(2026, 12, 1),
        registrert_av=koordinator,
    )  # fmt: skip
    Eksamen.objects.create(
        organisasjon=ayse.organisasjon, deltaker=ayse, termin="høst 2026", pameldt_dato=D(2026, 9, 5),
        eksamensdato=D(2026, 11, 20), resultat=Resultat.BESTATT,
    )  # fmt: skip
    dokument = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    with dokument.fil.open("rb") as f:
        tekst = flat(pdf_tekst(f.read()))
    assert "07.09.2026 – pågår (per 10.03.2027)" in tekst and "15.08.2025" not in tekst
    assert "Kommende barnehage" in tekst and "fra 01.04.2027 (ikke startet)" in tekst
    assert "Ingen praksisperioder" not in tekst
    # the same results as the case page's selectors
    [muntlig] = [n for n in norsk_status(deltaker=ayse) if n.niva]
    assert f"{muntlig.etikett} {muntlig.niva} {muntlig.dato:%d.%m.%Y}" in tekst
    [eksamen] = eksamen_status(deltaker=ayse).eksamener
    assert f"Bestått {eksamen.eksamensdato:%d.%m.%Y}" in tekst
    client.force_login(koordinator)
    saksside = client.get(reverse("deltakere:detalj", args=[ayse.pk])).content.decode()
    assert "Kommende barnehage" in saksside


@time_machine.travel("2027-09-01 10:00 +02:00", tick=False)
def test_a_terminated_case_ends_on_her_termination_day_not_the_day_the_pdf_is_made(ayse, koordinator):
    ayse.status = "avbrutt"
    ayse.save(update_fields=["status"])
    _endring(ayse, "i_opplaering", D(2025, 8, 18), koordinator)
    _endring(ayse, "avbrutt", D(2026, 2, 28), koordinator)
    PlasseringFactory(deltaker=ayse, arbeidssted__navn="Solsikken barnehage", fra=D(2025, 8, 18), til=None)
    dokument = services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator)
    with dokument.fil.open("rb") as f:
        tekst = flat(pdf_tekst(f.read()))
    assert "18.08.2025 – 28.02.2026" in tekst and "01.09.2027 –" not in tekst and "pågår" not in tekst
    assert "har deltatt i fagbrevløpet og avsluttet før løpet var fullført" in tekst
