"""Norwegian test results: corrected with the correction in the history; never dated in the future."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from fagbrev.models import Hendelse
from lop import services
from lop.models import Norskprove

D = datetime.date


@pytest.fixture
def prove(deltaker, norsklarer):
    with time_machine.travel("2027-03-01 10:00 +01:00", tick=False):
        return services.norskprove_registrer(
            deltaker=deltaker, utfort_av=norsklarer, ferdighet="skriftlig", niva="A2", dato=D(2027, 2, 10)
        )


def _rett(client, bruker, deltaker, prove, *, niva: str, dato: str, begrunnelse: str, **kwargs):
    """`bruker` posts the correction form of the result `prove` (its fields carry the result's prefix)."""
    client.force_login(bruker)
    data = {"niva": niva, "dato": dato, "begrunnelse": begrunnelse}
    return client.post(
        reverse("lop:norsk_rett", args=[deltaker.pk, prove.pk]),
        {f"n{prove.pk}-{felt}": verdi for felt, verdi in data.items()},
        **kwargs,
    )


@time_machine.travel("2027-03-05 10:00 +01:00", tick=False)
def test_a_result_is_corrected_by_the_norsklarer_with_who_before_after_and_why_in_the_history(
    client, deltaker, norsklarer, prove
):
    svar = _rett(client, norsklarer, deltaker, prove, niva="B1", dato="10.02.2027", begrunnelse="Feil nivå tastet")
    assert svar.status_code == 302
    prove.refresh_from_db()
    assert prove.niva == "B1" and prove.dato == D(2027, 2, 10)
    logg = Hendelse.objects.get(handling="fagbrev.norskprove.rettet")
    assert logg.utfort_av == norsklarer and logg.deltaker_id == deltaker.pk
    assert logg.endringer["niva"] == ["A2", "B1"] and "dato" not in logg.endringer
    assert "Feil nivå tastet" in logg.beskrivelse
    side = client.get(reverse("lop:norsk", args=[deltaker.pk])).content.decode()
    assert "skriftlig" in side.lower() and "B1" in side and "Rett resultatet" in side


@time_machine.travel("2027-03-05 23:30 +01:00", tick=False)
def test_a_correction_to_a_future_date_is_refused_and_nothing_changes(client, deltaker, norsklarer, prove):
    svar = _rett(client, norsklarer, deltaker, prove, niva="B1", dato="06.03.2027", begrunnelse="Ny dato", follow=True)
    assert "Prøvedatoen kan ikke være fram i tid" in svar.content.decode()
    prove.refresh_from_db()
    assert prove.niva == "A2" and prove.dato == D(2027, 2, 10)
    assert not Hendelse.objects.filter(handling="fagbrev.norskprove.rettet").exists()
    # the service refuses it too (the model's own rule), and a correction without a reason
    with pytest.raises(ValidationError):
        services.norskprove_rett(prove=prove, utfort_av=norsklarer, begrunnelse="Ny dato", dato=D(2027, 3, 6))
    with pytest.raises(ValidationError, match="hvorfor"):
        services.norskprove_rett(prove=prove, utfort_av=norsklarer, begrunnelse=" ", niva="B1")


@time_machine.travel("2027-03-05 23:30 +01:00", tick=False)
def test_a_new_result_dated_tomorrow_is_refused_by_form_and_service(deltaker, norsklarer):
    with pytest.raises(ValidationError, match="fram i tid"):
        services.norskprove_registrer(
            deltaker=deltaker, utfort_av=norsklarer, ferdighet="muntlig", niva="B1", dato=D(2027, 3, 6)
        )
    assert not Norskprove.objects.exists()
    # today (Oslo) is fine, late in the evening too
    services.norskprove_registrer(
        deltaker=deltaker, utfort_av=norsklarer, ferdighet="muntlig", niva="B1", dato=D(2027, 3, 5)
    )


@time_machine.travel("2027-03-05 10:00 +01:00", tick=False)
def test_a_teacher_who_may_only_read_cannot_correct(client, deltaker, prove, faglarer):
    svar = _rett(client, faglarer, deltaker, prove, niva="C1", dato="10.02.2027", begrunnelse="x")
    assert svar.status_code in (403, 404)
    prove.refresh_from_db()
    assert prove.niva == "A2"
