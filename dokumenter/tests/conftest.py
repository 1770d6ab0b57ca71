"""The participant the document tests print for: a completed case with letters outside ASCII in her name."""

import datetime

import pytest

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from fagbrev.tests.factories import KullFactory


@pytest.fixture
def kull(fagretning):
    return KullFactory(fagretning=fagretning, navn="Høst 2025", oppstart=datetime.date(2025, 8, 15))


@pytest.fixture
def ayse(fagretning, faglarer, kull):
    return DeltakerFactory(
        fagretning=fagretning,
        kull=kull,
        faglarer=faglarer,
        fornavn="Ayşe",
        etternavn="Yılmaz Doğan",
        fodselsdato=datetime.date(1991, 4, 9),
        status=Deltaker.Status.FULLFORT,
    )
