"""Stored stipend decisions: months split at 1 May and a 25th birthday, the rules of a decision, the
recomputation when G or a birth date changes, and the coordinator's page."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deltakere import services as deltakertjenester
from fagbrev.models import Hendelse
from lop.frister import stipend_per_maned
from lop.models import Grunnbelop, Stipendmaned, Stipendvedtak
from lop.services_stipend import (
    stipend_beregn_pa_nytt,
    stipendvedtak_avslutt,
    stipendvedtak_endre,
    stipendvedtak_registrer,
)

D = datetime.date
G = [(D(2024, 5, 1), 124_028), (D(2025, 5, 1), 130_160)]

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


def _maneder(vedtak) -> list[tuple]:
    return [
        (m.maned, m.dager, m.sum, m.imdi, m.kommune)
        for m in Stipendmaned.objects.filter(vedtak=vedtak).order_by("maned")
    ]


# --- the split by month (pure) -----------------------------------------------------------------------


def test_months_split_at_the_new_g_and_the_25th_birthday():
    # 15 April–14 June 2025, born 1 June 2000: April under 25 at the old G, May under 25 at the new G,
    # June from the birthday at the full rate.
    maneder = stipend_per_maned(fodselsdato=D(2000, 6, 1), fra=D(2025, 4, 15), til=D(2025, 6, 14), grunnbelop=G)
    assert [(m.maned, m.dager, m.sum, m.imdi, m.kommune) for m in maneder] == [
        (D(2025, 4, 1), 16, Decimal("7249.13"), Decimal("5436.84"), Decimal("1812.29")),
        (D(2025, 5, 1), 31, Decimal("14739.58"), Decimal("11054.68"), Decimal("3684.90")),
        (D(2025, 6, 1), 14, Decimal("9984.88"), Decimal("4992.44"), Decimal("4992.44")),
    ]


def test_a_birthday_inside_a_month_splits_the_rate_within_it():
    # Turns 25 on 16 May 2025: 15 days at two thirds, 16 at the full rate, all at G 130 160.
    (mai,) = stipend_per_maned(fodselsdato=D(2000, 5, 16), fra=D(2025, 5, 1), til=D(2025, 5, 31), grunnbelop=G)
    ung, voksen = Decimal(2 * 130_160) * 2 / 3 * 15 / 365, Decimal(2 * 130_160) * 16 / 365
    assert mai.sum == (ung + voksen).quantize(Decimal("0.01"))
    assert mai.imdi == (Decimal(130_160) * 31 / 365).quantize(Decimal("0.01"))


# --- the services -------------------------------------------------------------------------------------


@pytest.fixture
def voksen(deltaker):
    deltaker.fodselsdato = D(1980, 3, 3)
    deltaker.save(update_fields=["fodselsdato"])
    return deltaker


def test_a_decision_stores_its_months_and_is_logged(voksen, koordinator):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 20), til=D(2026, 9, 10), utfort_av=koordinator)
    # G 135 900 (from 01.05.2026): a day is 744.657534… kr, IMDi's 1 G a day 372.328767… kr.
    assert _maneder(vedtak) == [
        (D(2026, 7, 1), 12, Decimal("8935.89"), Decimal("4467.95"), Decimal("4467.94")),
        (D(2026, 8, 1), 31, Decimal("23084.38"), Decimal("11542.19"), Decimal("11542.19")),
        (D(2026, 9, 1), 10, Decimal("7446.58"), Decimal("3723.29"), Decimal("3723.29")),
    ]
    h = Hendelse.objects.get(handling="fagbrev.stipendvedtak.registrert")
    assert (h.utfort_av, h.deltaker_id) == (koordinator, voksen.pk)
    assert h.beskrivelse == "Stipendvedtak registrert for 20.07.2026–10.09.2026"  # no amounts in the timeline
    assert h.endringer == {
        "fra": [None, "2026-07-20"],
        "til": [None, "2026-09-10"],
        "sum": [None, 39467],
        "imdi": [None, 19733],
    }


@pytest.mark.parametrize(
    ("fra", "til", "feil"),
    [
        (D(2026, 9, 1), D(2026, 8, 31), {"til": ["Til-datoen kan ikke være før fra-datoen."]}),
        (D(2026, 1, 1), D(2029, 6, 1), {"til": ["Et stipendvedtak kan gjelde høyst tre år."]}),
        (
            D(2026, 12, 31),
            D(2027, 3, 31),
            {"fra": ["Perioden overlapper et annet stipendvedtak (01.07.2026–31.12.2026)."]},
        ),
        (D(2022, 4, 1), D(2022, 6, 1), {"fra": ["Grunnbeløpet er ikke registrert for 01.04.2022."]}),
    ],
)
def test_a_decision_that_breaks_a_rule_is_refused_at_its_field(voksen, koordinator, fra, til, feil):
    stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    with pytest.raises(ValidationError) as fanget:
        stipendvedtak_registrer(deltaker=voksen, fra=fra, til=til, utfort_av=koordinator)
    assert fanget.value.message_dict == feil
    assert Stipendvedtak.objects.count() == 1


def test_consecutive_decisions_may_follow_each_other(voksen, koordinator):
    stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    stipendvedtak_registrer(deltaker=voksen, fra=D(2027, 1, 1), til=D(2027, 3, 31), utfort_av=koordinator)
    assert Stipendmaned.objects.filter(vedtak__deltaker=voksen).count() == 9


def test_without_a_birth_date_there_is_no_rate(deltaker, koordinator):
    deltaker.fodselsdato = None
    deltaker.save(update_fields=["fodselsdato"])
    with pytest.raises(ValidationError, match="mangler fødselsdato"):
        stipendvedtak_registrer(deltaker=deltaker, fra=D(2026, 7, 1), til=D(2026, 7, 31), utfort_av=koordinator)


def test_changing_and_ending_a_decision_recomputes_its_months(voksen, koordinator):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    stipendvedtak_endre(vedtak=vedtak, fra=D(2026, 8, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    assert [m[0].month for m in _maneder(vedtak)] == [8, 9, 10, 11, 12]
    stipendvedtak_avslutt(vedtak=vedtak, til=D(2026, 9, 15), utfort_av=koordinator)
    assert [(m[0].month, m[1]) for m in _maneder(vedtak)] == [(8, 31), (9, 15)]
    logg = Hendelse.objects.filter(handling__startswith="fagbrev.stipendvedtak.").order_by("pk")
    assert [h.handling for h in logg] == [
        "fagbrev.stipendvedtak.registrert",
        "fagbrev.stipendvedtak.endret",
        "fagbrev.stipendvedtak.avsluttet",
    ]
    # Whole kroner before and after: July leaves, then 15.09–31.12 is cut.
    assert logg[1].endringer == {"fra": ["2026-07-01", "2026-08-01"], "sum": [137017, 113933], "imdi": [68508, 56966]}
    assert logg[2].endringer == {"til": ["2026-12-31", "2026-09-15"], "sum": [113933, 34254], "imdi": [56966, 17127]}
    with pytest.raises(ValidationError, match=r"slutter allerede 15\.09\.2026"):
        stipendvedtak_avslutt(vedtak=vedtak, til=D(2026, 10, 1), utfort_av=koordinator)


def test_a_new_g_recomputes_the_months_from_its_date_once(voksen, koordinator):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 3, 1), til=D(2026, 8, 31), utfort_av=koordinator)
    for_ = _maneder(vedtak)
    Grunnbelop.objects.filter(gjelder_fra=D(2026, 5, 1)).update(belop=136_000, anslatt=False)  # the decided value
    assert stipend_beregn_pa_nytt(fra=D(2026, 5, 1), grunn="test") == 1
    etter = _maneder(vedtak)
    assert etter[:2] == for_[:2]  # March and April: the 2025 G
    assert etter[2] == (D(2026, 5, 1), 31, Decimal("23101.37"), Decimal("11550.68"), Decimal("11550.69"))
    assert stipend_beregn_pa_nytt(fra=D(2026, 5, 1)) == 0  # nothing left to change
    h = Hendelse.objects.get(handling="fagbrev.stipendvedtak.beregnet_pa_nytt")
    assert h.beskrivelse == "Stipend beregnet på nytt (test)"
    assert h.endringer == {"sum": [135098, 135166], "imdi": [67549, 67583]}


def test_the_command_recomputes_after_g_was_changed_outside_the_admin(voksen, koordinator):
    stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 4, 1), til=D(2026, 5, 31), utfort_av=koordinator)
    Grunnbelop.objects.filter(gjelder_fra=D(2026, 5, 1)).update(belop=136_000)
    ut = io.StringIO()
    call_command("beregn_stipend", "--fra", "2026-05-01", stdout=ut)
    assert "1 vedtak fikk nye beløp" in ut.getvalue()
    call_command("beregn_stipend", stdout=ut)
    assert "0 vedtak fikk nye beløp" in ut.getvalue()


def test_registering_g_in_the_admin_recomputes_the_stored_months(client, superbruker, voksen, koordinator):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 5, 1), til=D(2026, 5, 31), utfort_av=koordinator)
    g = Grunnbelop.objects.get(gjelder_fra=D(2026, 5, 1))
    client.force_login(superbruker)
    svar = client.post(
        f"/admin/lop/grunnbelop/{g.pk}/change/", {"gjelder_fra": "2026-05-01", "belop": "136000", "anslatt": ""}
    )
    assert svar.status_code == 302
    assert _maneder(vedtak)[0][2] == Decimal("23101.37")
    h = Hendelse.objects.get(handling="fagbrev.stipendvedtak.beregnet_pa_nytt")
    assert h.utfort_av == superbruker and "grunnbeløp fra 01.05.2026 registrert" in h.beskrivelse


def test_a_corrected_birth_date_recomputes_the_rate(voksen, koordinator):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 8, 1), til=D(2026, 8, 31), utfort_av=koordinator)
    deltakertjenester.deltaker_endre(deltaker=voksen, versjon=None, utfort_av=koordinator, fodselsdato=D(2003, 1, 1))
    # Under 25 now: two thirds of 2 G (IMDi still pays its 1 G).
    assert _maneder(vedtak) == [(D(2026, 8, 1), 31, Decimal("15389.59"), Decimal("11542.19"), Decimal("3847.40"))]


# --- the page -----------------------------------------------------------------------------------------


def test_the_coordinator_registers_changes_and_ends_a_decision_on_the_page(client, koordinator, voksen):
    client.force_login(koordinator)
    url = f"/deltakere/{voksen.pk}/stipend/"
    svar = client.post(url, {"ny-fra": "2026-07-01", "ny-til": "2026-12-31"})
    assert svar.status_code == 302
    vedtak = Stipendvedtak.objects.get()
    html = client.get(url).content.decode().replace("\xa0", " ")
    assert "Stipend 01.07.2026–31.12.2026" in html and "23 084,38" in html and "07.2026" in html
    svar = client.post(f"{url}{vedtak.pk}/", {f"v{vedtak.pk}-fra": "2026-08-01", f"v{vedtak.pk}-til": "2026-12-31"})
    assert svar.status_code == 302 and svar.url.endswith(f"#vedtak-{vedtak.pk}")
    svar = client.post(f"{url}{vedtak.pk}/avslutt/", {f"a{vedtak.pk}-til": "2026-10-31"}, follow=True)
    assert svar.redirect_chain[-1][1] == 302
    assert "Stipendet er avsluttet 31.10.2026." in svar.content.decode()  # the new last day, not the old
    vedtak.refresh_from_db()
    assert (vedtak.fra, vedtak.til) == (D(2026, 8, 1), D(2026, 10, 31))
    assert Stipendmaned.objects.filter(vedtak=vedtak).count() == 3


def test_a_refused_decision_comes_back_with_the_error_summary_and_the_input(client, koordinator, voksen):
    stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{voksen.pk}/stipend/", {"ny-fra": "2026-12-01", "ny-til": "2027-02-28"})
    html = svar.content.decode()
    assert svar.status_code == 200 and 'id="feiloppsummering"' in html
    assert "overlapper et annet stipendvedtak" in html and 'value="2027-02-28"' in html
    vedtak = Stipendvedtak.objects.get()
    svar = client.post(f"/deltakere/{voksen.pk}/stipend/{vedtak.pk}/avslutt/", {f"a{vedtak.pk}-til": "2027-03-01"})
    assert svar.status_code == 200 and "slutter allerede 31.12.2026" in svar.content.decode()


def test_only_the_coordinator_of_the_organisation_handles_stipend(
    client, faglarer, koordinator_asker, koordinator, voksen
):
    vedtak = stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    data = {f"a{vedtak.pk}-til": "2026-08-31"}
    for bruker, status in ((faglarer, 403), (koordinator_asker, 404)):
        client.force_login(bruker)
        assert client.post(f"/deltakere/{voksen.pk}/stipend/{vedtak.pk}/avslutt/", data).status_code == status
        assert (
            client.post(
                f"/deltakere/{voksen.pk}/stipend/", {"ny-fra": "2027-01-01", "ny-til": "2027-01-31"}
            ).status_code
            == status
        )
    vedtak.refresh_from_db()
    assert vedtak.til == D(2026, 12, 31) and Stipendvedtak.objects.count() == 1


def test_the_page_keeps_a_fixed_query_count(client, koordinator, voksen, django_assert_num_queries):
    client.force_login(koordinator)
    url = f"/deltakere/{voksen.pk}/stipend/"
    stipendvedtak_registrer(deltaker=voksen, fra=D(2025, 7, 1), til=D(2025, 12, 31), utfort_av=koordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as en:
        client.get(url)
    stipendvedtak_registrer(deltaker=voksen, fra=D(2026, 1, 1), til=D(2026, 12, 31), utfort_av=koordinator)
    with django_assert_num_queries(len(en)):
        client.get(url)
