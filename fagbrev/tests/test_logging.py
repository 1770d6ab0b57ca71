"""No fødselsnummer in the logs: masked at record creation, whatever handler or logger, and scanned."""

import io
import logging

import pytest

from fagbrev.logging import fodselsnumre_i, record_tekst


@pytest.fixture
def fnr():
    import datetime
    import random

    from fagbrev.demo import lag_fodselsnummer

    nummer = lag_fodselsnummer(datetime.date(1990, 1, 1), random.Random(7))
    assert fodselsnumre_i(nummer) == [nummer]
    return nummer


@pytest.fixture
def egen_logger():
    """A logger that bypasses the console handler and its filter: its own handler, no propagation."""
    strom = io.StringIO()
    logger = logging.getLogger("fagbrev.test.forbi")
    handler = logging.StreamHandler(strom)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    yield logger, strom
    logger.removeHandler(handler)
    logger.propagate = True


def test_a_number_in_the_message_is_masked_even_without_the_console_filter(egen_logger, fnr, loggfunn):
    logger, strom = egen_logger
    antall = len(loggfunn)
    logger.info("Deltaker med fnr %s ble registrert", fnr)
    assert fnr not in strom.getvalue() and f"{fnr[:6]} *****" in strom.getvalue()
    assert len(loggfunn) == antall


def test_a_number_in_a_traceback_is_masked(egen_logger, fnr):
    logger, strom = egen_logger
    try:
        raise ValueError(f"ugyldig verdi {fnr}")
    except ValueError:
        logger.exception("Feil ved lagring")
    assert "ValueError" in strom.getvalue() and fnr not in strom.getvalue()


def test_a_number_in_extra_args_of_a_debug_record_is_masked(egen_logger, fnr):
    logger, strom = egen_logger
    logger.debug("%s/%s", "sok", {"q": fnr})
    assert fnr not in strom.getvalue()


def test_the_scanner_finds_a_number_in_a_record_that_skipped_every_safeguard(fnr):
    """A record built by hand skips the factory; the scan's test must still see the number in it."""
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "fnr %s", (fnr,), None)
    assert fodselsnumre_i(record_tekst(record)) == [fnr]


def test_the_scanner_ignores_eleven_digits_that_are_no_fodselsnummer():
    assert fodselsnumre_i("ordre 12345678901 og tlf 4799999999") == []


def test_other_numbers_stay_readable(egen_logger):
    logger, strom = egen_logger
    logger.info("Ordre %s", "12345678901")
    assert "12345678901" in strom.getvalue()
