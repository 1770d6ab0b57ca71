"""No English widget text on any page (issue #20: «- Select an option -» in the placement form).

Renders every URL of the access matrix as the coordinator and as a teacher (the forms they fill in,
with their selects, file inputs and yes/no choices) and looks for the strings Django's widgets write
in English when a translation is missing. A grep of the templates cannot see these: they come from
widgets and model fields at render time.
"""

from __future__ import annotations

import re

from django.urls import reverse

from fagbrev.tests.test_tilgangsmatrise import MATRISE, objekter  # noqa: F401  (the fixture)

ENGELSK = re.compile(
    r"Select an option|>\s*-{9}\s*<|Currently:|Change:|>\s*Clear\s*<|>\s*(?:Unknown|Yes|No)\s*</option>"
    r"|This field is required|Enter a valid|Choose (?:a )?file"
)


def test_no_page_shows_english_widget_text(client, objekter):  # noqa: F811
    sider, funnet = 0, []
    for navn in sorted(MATRISE):
        url = reverse(navn, kwargs=MATRISE[navn].kwargs(objekter))
        for rolle in ("koordinator", "faglarer"):
            client.force_login(objekter[rolle])
            svar = client.get(url)
            if svar.status_code != 200 or not svar.get("Content-Type", "").startswith("text/html"):
                continue
            sider += 1
            funnet += [f"{url} ({rolle}): {t}" for t in ENGELSK.findall(svar.content.decode())]
    assert sider > 50  # the walk read the project's pages, forms among them
    assert not funnet, "\n".join(funnet)


def test_a_model_fields_empty_choice_is_norwegian(objekter):  # noqa: F811
    """The placement form's choice field (Django 6 writes «- Select an option -» without this)."""
    from django.db.models import fields

    assert str(fields.BLANK_CHOICE_LABEL) == "Velg …"
