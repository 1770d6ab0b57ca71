"""Every app of the project is tested and placed: its tests are collected by `make test` and it stands
in a layer of the one-way stairs. (styring's tests once sat outside pytest.ini's testpaths and never ran.)
"""

from __future__ import annotations

import configparser
from pathlib import Path

from django.conf import settings

from tests.test_arkitektur import NIVA

ROT = Path(__file__).resolve().parent.parent


def _prosjektets_apper() -> set[str]:
    return {app for app in settings.INSTALLED_APPS if (ROT / app / "apps.py").exists()}


def test_every_app_is_in_pytest_testpaths():
    ini = configparser.ConfigParser()
    ini.read(ROT / "pytest.ini")
    testpaths = set(ini["pytest"]["testpaths"].split())
    assert _prosjektets_apper() - testpaths == set()


def test_every_app_stands_in_a_layer():
    assert _prosjektets_apper() - set(NIVA) == set()
