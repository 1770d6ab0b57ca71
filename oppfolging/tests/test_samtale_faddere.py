"""The vurderingssamtale form offers the participant's faddere, not every fadder of the organisation."""

import datetime
import re

import time_machine

from arbeidsgivere.tests.factories import ArbeidsstedFactory, KontaktpersonFactory, PlasseringFactory


@time_machine.travel(datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_assessment_form_lists_only_her_faddere(client, faglarer, deltaker):
    org = deltaker.organisasjon
    hennes_sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=org, navn="Solsikken barnehage")
    hennes = KontaktpersonFactory(arbeidssted=hennes_sted, navn="Kari Fadder")
    kollega = KontaktpersonFactory(arbeidssted=hennes_sted, navn="Per Nestfadder")
    tidligere_sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=org, navn="Tidligere barnehage")
    tidligere = KontaktpersonFactory(arbeidssted=tidligere_sted, navn="Ola Tidligere")
    fremmed = KontaktpersonFactory(
        arbeidssted=ArbeidsstedFactory(arbeidsgiver__organisasjon=org), navn="Fremmed Fadder"
    )
    PlasseringFactory(deltaker=deltaker, arbeidssted=tidligere_sted, fadder=tidligere, fra=datetime.date(2025, 1, 1),
                      til=datetime.date(2025, 6, 30))  # fmt: skip
    PlasseringFactory(deltaker=deltaker, arbeidssted=hennes_sted, fadder=hennes, fra=datetime.date(2025, 8, 1))
    client.force_login(faglarer)
    html = client.get(f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/").content.decode()
    blokk = re.search(r'<select name="fadder".*?</select>', html, re.S).group(0)
    assert hennes.navn in blokk and kollega.navn in blokk and tidligere.navn in blokk
    assert fremmed.navn not in blokk
    assert f'value="{hennes.pk}" selected' in blokk  # today's placement's fadder is preselected
    # a fadder from another placement cannot be posted in either
    svar = client.post(
        f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/", {"fadder": fremmed.pk, "dato": "2025-11-20"}
    )
    assert svar.status_code == 200 and "Velg et gyldig valg" in svar.content.decode()
