import datetime
import random

import pytest
from django.core.exceptions import ValidationError

from deltakere.services import deltaker_registrer
from fagbrev.demo import lag_fodselsnummer
from fagbrev.models import Hendelse
from fagbrev.services import endringer_mellom, fagretning_endre


def test_registering_a_participant_logs_who_did_it(koordinator, fagretning):
    fnr = lag_fodselsnummer(datetime.date(1988, 2, 2), random.Random(9))
    deltaker = deltaker_registrer(
        fagretning=fagretning, utfort_av=koordinator, fornavn="Ayşe", etternavn="Yılmaz", fodselsnummer=fnr
    )
    hendelse = Hendelse.objects.get(deltaker_id=deltaker.pk)
    assert hendelse.utfort_av == koordinator
    assert hendelse.handling == "deltakere.deltaker.registrert"
    assert hendelse.organisasjon_id == fagretning.organisasjon_id
    assert deltaker.fodselsdato == datetime.date(1988, 2, 2)


def test_event_log_rows_cannot_be_changed_or_deleted(koordinator, fagretning):
    fagretning_endre(fagretning=fagretning, utfort_av=koordinator, besok_intervall_dager=30)
    hendelse = Hendelse.objects.get(handling="fagbrev.fagretning.endret")
    assert hendelse.endringer == {"besok_intervall_dager": [14, 30]}
    hendelse.beskrivelse = "endret i ettertid"
    with pytest.raises(ValidationError):
        hendelse.save()
    with pytest.raises(ValidationError):
        hendelse.delete()


def test_identity_numbers_are_masked_in_the_log():
    endringer = endringer_mellom(for_={"fodselsnummer": ""}, etter={"fodselsnummer": "30108299939"})
    assert endringer == {"fodselsnummer": ["", "301082 *****"]}
