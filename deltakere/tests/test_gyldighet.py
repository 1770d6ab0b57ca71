"""A status change takes effect on its date: planned until then, moved or withdrawn before it, put in
force by the daily job; every reader asks the status in force on its own day (status_pa_dato)."""

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from deltakere import services, statusgrupper
from deltakere.models import Avbrudd, Deltaker, Permisjon, Statusendring
from deltakere.models_status import status_pa_dato_i
from deltakere.selectors import status_pa
from deltakere.tasks import statusendringer_iverksett as iverksett_task
from deltakere.tests.factories import DeltakerFactory, InntakssamtaleFactory
from fagbrev.models import Hendelse
from oppfolging.forms import BesokForm

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
S = Deltaker.Status
D = datetime.date


def _klokka(dato: datetime.date, time: int, minutt: int):
    return time_machine.travel(
        datetime.datetime(dato.year, dato.month, dato.day, time, minutt, tzinfo=OSLO), tick=False
    )


def _fersk(deltaker) -> Deltaker:
    return Deltaker.objects.get(pk=deltaker.pk)


def _attest(deltaker) -> None:
    InntakssamtaleFactory(deltaker=deltaker, politiattest_soknad=D(2026, 8, 1), politiattest_mottatt=D(2026, 8, 20))


@pytest.fixture
def tatt_opp(fagretning, faglarer):
    deltaker = DeltakerFactory(fagretning=fagretning, faglarer=faglarer, status=S.TATT_OPP)
    _attest(deltaker)
    return _fersk(deltaker)


MARS_1, MARS_31 = D(2027, 3, 1), D(2027, 3, 31)


def _permisjon(deltaker, koordinator, fra=MARS_1, til=MARS_31, **ekstra) -> Permisjon:
    return services.permisjon_registrer(
        deltaker=_fersk(deltaker), fra=fra, til=til, arsak="Foreldrepermisjon", utfort_av=koordinator, **ekstra
    )


# --- a future change before and after its day ---------------------------------------------------------


def test_training_starting_next_year_is_planned_and_takes_effect_at_midnight_oslo(koordinator, tatt_opp):
    start = D(2027, 1, 4)
    with _klokka(D(2027, 1, 3), 23, 55):
        endring = services.deltaker_endre_status(
            deltaker=tatt_opp, til=S.I_OPPLAERING, begrunnelse="Oppstart i kullet", dato=start, utfort_av=koordinator
        )
        assert endring.er_planlagt and _fersk(tatt_opp).status == S.TATT_OPP
        assert status_pa(deltaker=tatt_opp, dato=D(2027, 1, 3)) == S.TATT_OPP
        assert services.statusendringer_iverksett() == 0  # 23:55 the day before: not yet
        assert _fersk(tatt_opp).status == S.TATT_OPP
    with _klokka(start, 0, 5):
        assert status_pa(deltaker=tatt_opp, dato=start) == S.I_OPPLAERING  # in force before the job ran
        assert iverksett_task.delay().get() == {"iverksatt": 1}
        assert services.statusendringer_iverksett() == 0  # twice is once
    endring.refresh_from_db()
    assert _fersk(tatt_opp).status == S.I_OPPLAERING
    assert endring.dato == start and endring.utfort_av == koordinator  # from when, and who decided
    assert endring.tidspunkt.astimezone(OSLO).date() == D(2027, 1, 3)  # when it was decided
    assert endring.iverksatt.astimezone(OSLO).date() == start
    assert Hendelse.objects.filter(handling="deltakere.status.planlagt", deltaker_id=tatt_opp.pk).count() == 1
    assert Hendelse.objects.filter(handling="deltakere.status.endret", deltaker_id=tatt_opp.pk).count() == 1


def test_send_reminders_puts_due_changes_in_force_but_never_a_day_early(koordinator, tatt_opp):
    with _klokka(D(2027, 1, 3), 12, 0):
        services.deltaker_endre_status(
            deltaker=tatt_opp, til=S.I_OPPLAERING, begrunnelse="Oppstart", dato=D(2027, 1, 4), utfort_av=koordinator
        )
        call_command("send_reminders", "--date", "2027-01-04", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert _fersk(tatt_opp).status == S.TATT_OPP  # a scan for tomorrow does not apply tomorrow's change
    with _klokka(D(2027, 1, 4), 0, 5):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _fersk(tatt_opp).status == S.I_OPPLAERING


def test_a_planned_leave_keeps_her_on_the_visit_form_until_its_first_day(koordinator, faglarer, deltaker):
    with _klokka(D(2027, 2, 10), 10, 0):
        _permisjon(deltaker, koordinator)
        assert _fersk(deltaker).status == S.I_OPPLAERING
        assert deltaker in BesokForm(user=faglarer).fields["deltaker"].queryset
    with _klokka(D(2027, 2, 28), 23, 55):
        assert deltaker in BesokForm(user=faglarer).fields["deltaker"].queryset
    with _klokka(D(2027, 3, 1), 0, 5):  # her leave has begun, whether or not the job has run
        assert deltaker not in BesokForm(user=faglarer).fields["deltaker"].queryset
        services.statusendringer_iverksett()
        assert _fersk(deltaker).status == S.PERMISJON
        assert Deltaker.objects.i_status_pa(statusgrupper.AKTIV, D(2027, 3, 1)).filter(pk=deltaker.pk).exists()


def test_the_status_on_a_day_reads_the_whole_history(koordinator, deltaker):
    _attest(deltaker)
    with _klokka(D(2027, 2, 10), 10, 0):
        _permisjon(deltaker, koordinator)
    with _klokka(D(2027, 3, 1), 1, 0):
        services.statusendringer_iverksett()
        services.deltaker_endre_status(
            deltaker=_fersk(deltaker),
            til=S.I_OPPLAERING,
            begrunnelse="Tilbake",
            dato=D(2027, 4, 1),
            utfort_av=koordinator,
        )
    svar = {dag: status_pa(deltaker=deltaker, dato=dag) for dag in (D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 1))}
    assert svar == {D(2027, 2, 28): S.I_OPPLAERING, D(2027, 3, 31): S.PERMISJON, D(2027, 4, 1): S.I_OPPLAERING}
    # the case page's twin of the rule, over the changes it lists, gives the same answers (and before any)
    endringer = list(deltaker.statusendringer.order_by("-dato", "-pk"))
    for dag in (D(2027, 1, 1), *svar):
        assert status_pa_dato_i(endringer, dag, _fersk(deltaker).status) == status_pa(deltaker=deltaker, dato=dag)
    assert status_pa_dato_i([], D(2027, 1, 1), S.TATT_OPP) == S.TATT_OPP


# --- moving and withdrawing ------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_a_planned_leave_can_be_moved_and_the_leave_moves_with_it(koordinator, deltaker):
    permisjon = _permisjon(deltaker, koordinator)
    endring = services.planlagt_endring(deltaker=deltaker)
    services.statusendring_flytt(endring=endring, dato=D(2027, 3, 15), utfort_av=koordinator)
    endring.refresh_from_db()
    permisjon.refresh_from_db()
    assert (endring.dato, permisjon.fra, endring.er_planlagt) == (D(2027, 3, 15), D(2027, 3, 15), True)
    assert status_pa(deltaker=deltaker, dato=D(2027, 3, 14)) == S.I_OPPLAERING
    assert Hendelse.objects.filter(handling="deltakere.status.flyttet", deltaker_id=deltaker.pk).exists()
    with pytest.raises(ValidationError) as feil:
        services.statusendring_flytt(endring=endring, dato=D(2027, 4, 2), utfort_av=koordinator)
    assert feil.value.message_dict == {"dato": ["Permisjonen slutter 31.03.2027 og kan ikke begynne etter det."]}


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_moving_a_planned_change_to_today_puts_it_in_force_at_once(koordinator, tatt_opp):
    services.deltaker_endre_status(
        deltaker=tatt_opp, til=S.I_OPPLAERING, begrunnelse="Oppstart", dato=D(2027, 3, 1), utfort_av=koordinator
    )
    endring = services.planlagt_endring(deltaker=tatt_opp)
    services.statusendring_flytt(endring=endring, dato=D(2027, 2, 10), utfort_av=koordinator)
    assert _fersk(tatt_opp).status == S.I_OPPLAERING and services.planlagt_endring(deltaker=tatt_opp) is None


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_a_withdrawn_planned_leave_never_happens_and_the_timeline_says_so(koordinator, deltaker):
    _permisjon(deltaker, koordinator)
    endring = services.planlagt_endring(deltaker=deltaker)
    services.statusendring_trekk(endring=endring, utfort_av=koordinator)
    assert not Statusendring.objects.filter(deltaker=deltaker, til_status=S.PERMISJON).exists()
    assert not Permisjon.objects.filter(deltaker=deltaker).exists()
    assert status_pa(deltaker=deltaker, dato=D(2027, 3, 10)) == S.I_OPPLAERING
    trukket = Hendelse.objects.get(handling="deltakere.status.trukket", deltaker_id=deltaker.pk)
    assert "Permisjon fra 01.03.2027" in trukket.beskrivelse and trukket.utfort_av == koordinator
    with pytest.raises(ValidationError, match="ikke lenger planlagt"):
        services.statusendring_trekk(endring=endring, utfort_av=koordinator)


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_no_other_change_while_one_is_planned_and_none_dated_before_the_last(koordinator, deltaker):
    _permisjon(deltaker, koordinator)
    with pytest.raises(ValidationError, match=re.escape("planlagt endring: «Permisjon fra 01.03.2027»")):
        services.deltaker_endre_status(
            deltaker=_fersk(deltaker), til=S.TEORI_BESTATT, begrunnelse="Bestått", utfort_av=koordinator
        )
    services.statusendring_trekk(endring=services.planlagt_endring(deltaker=deltaker), utfort_av=koordinator)
    services.deltaker_endre_status(
        deltaker=_fersk(deltaker), til=S.TEORI_BESTATT, begrunnelse="Bestått", utfort_av=koordinator
    )
    with pytest.raises(ValidationError) as feil:
        services.avbrudd_registrer(
            deltaker=_fersk(deltaker), dato=D(2027, 2, 1), kategori="jobb", arsak="Fikk jobb", utfort_av=koordinator
        )
    assert "før forrige statusendring (Teori bestått fra 10.02.2027)" in str(feil.value)


def test_back_from_leave_early_shortens_the_leave(koordinator, deltaker):
    _attest(deltaker)
    with _klokka(D(2027, 3, 1), 10, 0):
        permisjon = _permisjon(deltaker, koordinator)
    with _klokka(D(2027, 3, 20), 10, 0):
        services.deltaker_endre_status(
            deltaker=_fersk(deltaker), til=S.I_OPPLAERING, begrunnelse="Tilbake tidlig", utfort_av=koordinator
        )
    permisjon.refresh_from_db()
    assert permisjon.til == D(2027, 3, 19) and permisjon.dager == 19


# --- the same rule in the model, the service and the form ------------------------------------------------


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_a_leave_ending_before_it_begins_is_refused_next_to_the_field_everywhere(koordinator, deltaker):
    from deltakere.forms import PermisjonForm

    melding = ["Permisjonen kan ikke slutte før den begynner."]
    with pytest.raises(ValidationError) as feil:
        _permisjon(deltaker, koordinator, fra=D(2027, 3, 2), til=D(2027, 3, 1))
    assert feil.value.message_dict == {"til": melding}
    rad = Permisjon(deltaker=deltaker, organisasjon=deltaker.organisasjon, fra=D(2027, 3, 2), til=D(2027, 3, 1))
    with pytest.raises(ValidationError) as feil:
        rad.full_clean()
    assert feil.value.message_dict["til"] == melding
    form = PermisjonForm(
        {"fra": "02.03.2027", "til": "01.03.2027", "arsak": "x", "versjon": deltaker.versjon}, deltaker=deltaker
    )
    assert not form.is_valid() and form.errors["til"] == melding


# --- on the page --------------------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_the_case_page_shows_a_planned_leave_as_planned_and_it_can_be_moved_and_withdrawn(
    client, koordinator, deltaker
):
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/permisjon/",
        {"fra": "01.03.2027", "til": "31.03.2027", "arsak": "Foreldrepermisjon", "versjon": deltaker.versjon},
    )
    assert svar.status_code == 302
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Planlagt: Permisjon fra 01.03.2027" in html and "venter på fylket" in html
    assert '<span class="badge text-bg-primary fs-6">I opplæring</span>' in html
    feil = client.post(f"/deltakere/{deltaker.pk}/planlagt/flytt/", {"dato": "05.04.2027"})
    assert feil.status_code == 200
    assert "Permisjonen slutter 31.03.2027 og kan ikke begynne etter det." in feil.content.decode()
    assert client.post(f"/deltakere/{deltaker.pk}/planlagt/flytt/", {"dato": "08.03.2027"}).status_code == 302
    assert "Planlagt: Permisjon fra 08.03.2027" in client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert client.post(f"/deltakere/{deltaker.pk}/planlagt/trekk/").status_code == 302
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Planlagt:" not in html and "trukket tilbake" in html


def test_a_teacher_cannot_move_or_withdraw_a_planned_change(client, faglarer, koordinator, deltaker):
    with _klokka(D(2027, 2, 10), 10, 0):
        _permisjon(deltaker, koordinator)
        client.force_login(faglarer)
        assert client.post(f"/deltakere/{deltaker.pk}/planlagt/trekk/").status_code == 403
        assert client.post(f"/deltakere/{deltaker.pk}/planlagt/flytt/", {"dato": "02.03.2027"}).status_code == 403
    assert services.planlagt_endring(deltaker=deltaker).dato == D(2027, 3, 1)


# --- the status groups, in one place ---------------------------------------------------------------------


def test_the_status_groups_are_written_down_once():
    """No module lists the active statuses itself (a second copy will one day disagree)."""
    rot = Path(__file__).resolve().parents[2]
    liste = re.compile(r"I_OPPLAERING, *(S|Status|Deltaker\.Status)\.PERMISJON, *(S|Status|Deltaker\.Status)\.TEORI")
    kopier = [
        str(fil.relative_to(rot))
        for mappe in (
            "arbeidsgivere",
            "deltakere",
            "dokumenter",
            "lop",
            "oppfolging",
            "paminnelser",
            "personvern",
            "rapporter",
            "medvirkning",
            "minside",
            "fagbrev",
        )
        for fil in (rot / mappe).rglob("*.py")
        if "migrations" not in fil.parts and fil.name != "statusgrupper.py" and liste.search(fil.read_text())
    ]
    assert kopier == []
    assert set(statusgrupper.PA_ARBEIDSPLASSEN) == set(statusgrupper.AKTIV) - {S.PERMISJON}


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_a_planned_termination_moves_and_is_withdrawn_with_its_record(koordinator, deltaker):
    services.avbrudd_registrer(
        deltaker=_fersk(deltaker),
        dato=D(2027, 3, 31),
        kategori="jobb",
        arsak="Fast jobb fra april",
        utfort_av=koordinator,
    )
    assert _fersk(deltaker).status == S.I_OPPLAERING
    endring = services.planlagt_endring(deltaker=deltaker)
    services.statusendring_flytt(endring=endring, dato=D(2027, 4, 15), utfort_av=koordinator)
    assert Avbrudd.objects.get(deltaker=deltaker).dato == D(2027, 4, 15)
    services.statusendring_trekk(endring=endring, utfort_av=koordinator)
    assert not Avbrudd.objects.filter(deltaker=deltaker).exists()
    assert status_pa(deltaker=deltaker, dato=D(2027, 5, 1)) == S.I_OPPLAERING


@time_machine.travel(datetime.datetime(2027, 2, 10, 10, tzinfo=OSLO), tick=False)
def test_a_passed_exam_is_saved_while_a_leave_is_planned_and_the_case_waits(koordinator, deltaker):
    from lop.models import Resultat
    from lop.services import eksamen_endre
    from lop.tests.factories import EksamenFactory

    _permisjon(deltaker, koordinator)
    eksamen = EksamenFactory(deltaker=deltaker)
    eksamen_endre(eksamen=eksamen, utfort_av=koordinator, resultat=Resultat.BESTATT, eksamensdato=D(2027, 2, 1))
    eksamen.refresh_from_db()
    assert eksamen.resultat == Resultat.BESTATT and _fersk(deltaker).status == S.I_OPPLAERING


def test_the_assessment_reminder_asks_her_status_on_the_day_of_the_scan(koordinator, tatt_opp, deltaker):
    from oppfolging.regler import vurderingssamtale_mangler

    _attest(deltaker)
    with _klokka(D(2026, 12, 1), 10, 0):  # start after new year; leave from 18 December
        services.deltaker_endre_status(
            deltaker=tatt_opp, til=S.I_OPPLAERING, begrunnelse="Oppstart", dato=D(2027, 1, 4), utfort_av=koordinator
        )
        _permisjon(deltaker, koordinator, fra=D(2026, 12, 18), til=D(2027, 2, 28))
    for dag, med in ((D(2026, 12, 17), {deltaker.pk}), (D(2026, 12, 18), set())):
        with _klokka(dag, 7, 0):  # the daily job has not run: the rule still reads the day's status
            assert {f.objekt_id for f in vurderingssamtale_mangler(dag)} == med
