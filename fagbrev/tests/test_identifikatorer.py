import datetime
import logging
import random

import pytest
from django.core.exceptions import ValidationError

from fagbrev.demo import lag_fodselsnummer, lag_orgnr
from fagbrev.identifikatorer import (
    fodselsdato_fra_nummer,
    masker_fodselsnummer,
    normaliser_fodselsnummer,
    normaliser_orgnr,
)
from fagbrev.logging import MaskerFodselsnummer, masker_tekst


def test_old_rule_number_is_accepted_and_tells_birth_date():
    nummer = lag_fodselsnummer(datetime.date(1985, 3, 14), random.Random(1))
    assert normaliser_fodselsnummer(nummer[:6] + " " + nummer[6:]) == nummer
    assert fodselsdato_fra_nummer(nummer) == datetime.date(1985, 3, 14)


def test_d_nummer_is_accepted():
    nummer = lag_fodselsnummer(datetime.date(1990, 1, 5), random.Random(2), d_nummer=True)
    assert nummer.startswith("45")
    assert normaliser_fodselsnummer(nummer) == nummer


def test_number_under_the_2032_rule_is_accepted_but_tells_no_birth_date():
    # First check remainder 1: invalid under the old rule, valid under the new one.
    assert normaliser_fodselsnummer("30108299939") == "30108299939"
    assert fodselsdato_fra_nummer("30108299939") is None


@pytest.mark.parametrize(
    ("verdi", "melding"),
    [
        ("1234", "11 siffer"),
        ("abcdefghijk", "11 siffer"),
        ("30108299938", "ikke et gyldig fødselsnummer"),  # second check digit wrong
        ("32138299939", "ikke et gyldig fødselsnummer"),  # no such date
        ("30108299949", "ikke et gyldig fødselsnummer"),  # first check remainder outside 0–3
    ],
)
def test_invalid_fodselsnummer_is_refused_with_a_norwegian_message(verdi, melding):
    with pytest.raises(ValidationError) as feil:
        normaliser_fodselsnummer(verdi)
    assert melding in feil.value.messages[0]


def test_orgnr_is_validated():
    gyldig = lag_orgnr(random.Random(3))
    assert normaliser_orgnr(f"{gyldig[:3]} {gyldig[3:6]} {gyldig[6:]}") == gyldig
    with pytest.raises(ValidationError, match="ikke et gyldig organisasjonsnummer"):
        normaliser_orgnr(gyldig[:8] + str((int(gyldig[8]) + 1) % 10))
    with pytest.raises(ValidationError, match="9 siffer"):
        normaliser_orgnr("12345")


def test_masking_shows_only_the_date_part():
    assert masker_fodselsnummer("30108299939") == "301082 *****"


def test_log_filter_masks_identity_numbers_but_not_other_numbers():
    nummer = lag_fodselsnummer(datetime.date(1979, 6, 1), random.Random(4))
    assert nummer not in masker_tekst(f"oppslag på {nummer} i saken")
    assert "12345678901" in masker_tekst("ordrenummer 12345678901")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "fnr %s", (nummer,), None)
    MaskerFodselsnummer().filter(record)
    assert nummer not in record.getMessage()
