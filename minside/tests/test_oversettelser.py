"""The participant's pages are translated for real: every string in the catalogues, none empty."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from minside.tests.oversettelser import LOCALE, SPRAK, po_oppforinger

PLASSHOLDER = re.compile(r"%\(\w+\)s")
ROT = LOCALE.parent.parent


@pytest.mark.parametrize("kode", SPRAK)
def test_every_participant_string_is_translated(kode):
    oppforinger = po_oppforinger(LOCALE / kode / "LC_MESSAGES" / "django.po")
    assert len(oppforinger) > 100
    mangler = [o["msgid"] for o in oppforinger if o["fuzzy"] or not all(o["msgstr"])]
    assert mangler == [], f"Uoversatt eller fuzzy i {kode}: {mangler}"


@pytest.mark.parametrize("kode", SPRAK)
def test_translations_keep_the_placeholders(kode):
    feil = [
        o["msgid"]
        for o in po_oppforinger(LOCALE / kode / "LC_MESSAGES" / "django.po")
        if any(sorted(PLASSHOLDER.findall(s)) != sorted(PLASSHOLDER.findall(o["msgid"])) for s in o["msgstr"])
    ]
    assert feil == []


def test_the_catalogues_hold_every_string_of_the_sources(tmp_path, settings):
    """makemessages into a copy: a participant string added to a template or form without running
    `make meldinger` (and translating) fails here."""
    kopi = tmp_path / "locale"
    shutil.copytree(LOCALE, kopi)
    settings.LOCALE_PATHS = [kopi]
    gammel = Path.cwd()
    os.chdir(ROT)
    try:
        call_command(
            "makemessages",
            locale=SPRAK,
            ignore_patterns=[".venv", "staticfiles", "test-results", "minside/locale", "node_modules"],
            add_location="file",
            verbosity=0,
        )
    finally:
        os.chdir(gammel)
    for kode in SPRAK:
        uttrukket = {o["msgid"] for o in po_oppforinger(kopi / kode / "LC_MESSAGES" / "django.po")}
        i_katalogen = {o["msgid"] for o in po_oppforinger(LOCALE / kode / "LC_MESSAGES" / "django.po")}
        assert uttrukket - i_katalogen == set(), f"Mangler i {kode}/django.po: kjør `make meldinger` og oversett"
