"""Personas shared by every app's tests: two organisations, each role, and participants.

`lorenskog` has a coordinator, two faglærere, a norsklærer and a steering group member;
`asker` is "another organisation" whose coordinator must never see Lørenskog's data.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright tests also use the ORM


@pytest.fixture(autouse=True)
def _plain_static_and_eager(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lorenskog(db):
    from fagbrev.tests.factories import OrganisasjonFactory

    return OrganisasjonFactory(navn="Lørenskog kommune, Flyktning- og innvandrertjenesten", kortnavn="Lørenskog")


@pytest.fixture
def asker(db):
    from fagbrev.tests.factories import OrganisasjonFactory

    return OrganisasjonFactory(navn="NAV Asker", kortnavn="NAV Asker")


def _persona(navn: str, org: str, rolle: str, username: str):
    """A fixture `navn`: a user of the organisation fixture `org` holding `rolle`."""

    @pytest.fixture(name=navn)
    def persona(request):
        from fagbrev.tests.factories import bruker_med_rolle

        return bruker_med_rolle(request.getfixturevalue(org), rolle, username=username)

    return persona


koordinator = _persona("koordinator", "lorenskog", "koordinator", "koordinator")
faglarer = _persona("faglarer", "lorenskog", "faglarer", "faglarer")
annen_faglarer = _persona("annen_faglarer", "lorenskog", "faglarer", "faglarer.helse")
norsklarer = _persona("norsklarer", "lorenskog", "norsklarer", "norsklarer")
styring = _persona("styring", "lorenskog", "styringsgruppe", "styring")
koordinator_asker = _persona("koordinator_asker", "asker", "koordinator", "koordinator.asker")


@pytest.fixture
def superbruker(db):
    from fagbrev.tests.factories import UserFactory

    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def fagretning(lorenskog):
    from fagbrev.tests.factories import FagretningFactory

    return FagretningFactory(organisasjon=lorenskog, navn="Barne- og ungdomsarbeider", kortnavn="BUA")


@pytest.fixture
def deltaker(fagretning, faglarer, norsklarer):
    """A participant in training, taught by `faglarer` and `norsklarer`."""
    from deltakere.tests.factories import DeltakerFactory

    return DeltakerFactory(
        fagretning=fagretning, faglarer=faglarer, norsklarer=norsklarer, fornavn="Amina", etternavn="Yusuf"
    )


@pytest.fixture
def annen_deltaker(fagretning, annen_faglarer):
    """A participant in the same organisation taught by someone else."""
    from deltakere.tests.factories import DeltakerFactory

    return DeltakerFactory(fagretning=fagretning, faglarer=annen_faglarer, fornavn="Lina", etternavn="Haddad")


@pytest.fixture
def fremmed_deltaker(asker, koordinator_asker):
    """A participant of another organisation."""
    from deltakere.tests.factories import DeltakerFactory
    from fagbrev.tests.factories import FagretningFactory

    betong = FagretningFactory(organisasjon=asker, navn="Betongfaget", kortnavn="Betong")
    return DeltakerFactory(fagretning=betong, fornavn="Yonas", etternavn="Tesfamariam")


@pytest.fixture
def idag():
    """Today is IDAG (fagbrev/tests/klokke.py) and time stands still at noon; yields the date. A module whose
    every test needs it says `pytestmark = pytest.mark.usefixtures("idag")`."""
    from fagbrev.tests.klokke import IDAG, frys

    with frys(IDAG):
        yield IDAG


@pytest.fixture
def personer(koordinator, faglarer, annen_faglarer, norsklarer, styring, koordinator_asker, superbruker):
    return {
        "koordinator": koordinator,
        "faglarer": faglarer,
        "annen_faglarer": annen_faglarer,
        "norsklarer": norsklarer,
        "styring": styring,
        "koordinator_asker": koordinator_asker,
        "superbruker": superbruker,
    }


# --- Playwright: Debian's Chromium, never a downloaded browser ---------------------------------
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


# --- Security: two-factor is off in tests unless a test asks for it -----------------------------
@pytest.fixture(autouse=True)
def _totp_av_i_tester(settings):
    """force_login() cannot pass a second factor; tests of 2FA use the `totp_pakrevd` fixture."""
    settings.TOTP_PAKREVD = False


@pytest.fixture
def totp_pakrevd(settings):
    settings.TOTP_PAKREVD = True
    settings.OTP_REQUIRED_ROLES = ["koordinator"]


# --- Log scan: no fødselsnummer in any log record of the whole test run ---------------------------
# Every record is seen where it is created (the log record factory), so records that reach no
# handler, or a handler without our masking filter, or a logger with propagate=False, are scanned
# too. A hit fails the run at the end, naming the logger and place but never the number.
_LOGGFUNN: list[str] = []


def _installer_loggskanner() -> None:
    import logging

    from fagbrev.logging import fodselsnumre_i, installer_maskering, record_tekst

    installer_maskering()  # the project's masking first; the scanner wraps it and sees its result
    forrige = logging.getLogRecordFactory()
    if getattr(forrige, "fagbrev_skanner", False):
        return

    def skanner(*args, **kwargs):
        record = forrige(*args, **kwargs)
        if fodselsnumre_i(record_tekst(record)):
            _LOGGFUNN.append(f"{record.name} {record.pathname}:{record.lineno} ({record.levelname})")
        return record

    skanner.fagbrev_skanner = True
    logging.setLogRecordFactory(skanner)


def pytest_sessionstart(session):
    _installer_loggskanner()


def pytest_sessionfinish(session, exitstatus):
    if _LOGGFUNN:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _LOGGFUNN:
        terminalreporter.section("Fødselsnummer i loggen", sep="=", red=True, bold=True)
        for funn in _LOGGFUNN:
            terminalreporter.line(f"fødselsnummer i en loggpost fra {funn}")


@pytest.fixture
def loggfunn():
    """The scanner's findings so far (tests of the scan itself)."""
    return _LOGGFUNN


@pytest.fixture(autouse=True)
def _faker_seed():
    """Every test gets the same fake data whatever ran before it (no order-dependent names like «X & co.»)."""
    import factory.random

    factory.random.reseed_random("fagbrev")
