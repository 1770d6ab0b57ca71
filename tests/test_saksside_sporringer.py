"""The case page's queries (issue 19): a busy case (placements with agreements and start-up meetings, a
contract, exams, visits, assessment meetings, meetings, loans, a Min side account) costs the same number of
queries as a case with one of each, and sections that read the same rows read them once."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arbeidsgivere.tests.factories import AvtaleFactory, PlasseringFactory
from deltakere import services
from lop.tests.factories import EksamenFactory, laerekontrakt
from minside.tests.factories import DeltakerkontoFactory
from moter.tests.factories import DeltakelseFactory, MoteFactory, OppstartsmoteFactory
from oppfolging.tests.factories import BesokFactory, VurderingssamtaleFactory

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def _fyll(deltaker, koordinator, antall: int) -> None:
    """`antall` more of every row the case page lists."""
    start = deltaker.plasseringer.count()
    for i in range(start, start + antall):  # closed placements, one a year back from 2025
        plassering = PlasseringFactory(
            deltaker=deltaker, fra=datetime.date(2025 - i, 1, 5), til=datetime.date(2025 - i, 6, 30)
        )
        AvtaleFactory(plassering=plassering)
        OppstartsmoteFactory(plassering=plassering, koordinator=koordinator, registrert_av=koordinator)
        EksamenFactory(deltaker=deltaker, termin=f"vår {2025 - i}")
        BesokFactory(deltaker=deltaker, plassering=plassering, dato=datetime.date(2025 - i, 3, 10))
        VurderingssamtaleFactory(deltaker=deltaker, planlagt_dato=datetime.date(2025 - i, 4, 1))
        DeltakelseFactory(deltaker=deltaker, mote=MoteFactory(organisasjon=deltaker.organisasjon))
        services.utstyr_lan_ut(
            deltaker=deltaker, hva=f"PC {i}", serienummer="", utlant=datetime.date(2026, 1, 1), utfort_av=koordinator
        )


def _sporringer(client, deltaker) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200
    return len(q.captured_queries)


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=OSLO), tick=False)
def test_a_busy_case_costs_the_queries_of_a_case_with_one_of_each(client, koordinator, deltaker):
    laerekontrakt(deltaker)
    DeltakerkontoFactory(deltaker=deltaker)
    _fyll(deltaker, koordinator, 1)
    client.force_login(koordinator)
    client.get(f"/deltakere/{deltaker.pk}/")
    en_av_hver = _sporringer(client, deltaker)
    _fyll(deltaker, koordinator, 4)
    assert _sporringer(client, deltaker) == en_av_hver


def test_the_case_file_does_not_read_what_the_reader_may_not_see(deltaker, koordinator):
    from deltakere.models import Deltaker, Opptaksvedtak, Statusendring
    from deltakere.selectors import SAKSMAPPE_MED, saksmappe
    from fagbrev.permissions import FAGLARER, SYNLIGE_FELTGRUPPER

    # she was admitted by a decision, written with its status change as services_opptak.opptak_vedta writes
    # them (a case without that change has no decision, and none is read for anyone)
    dag = datetime.date(2026, 1, 15)
    Opptaksvedtak.objects.create(
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        utfall=Opptaksvedtak.Utfall.TATT_OPP,
        begrunnelse="Oppfyller kriteriene.",
        dato=dag,
        besluttet_av=koordinator,
    )
    Statusendring.objects.create(
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        fra_status=Deltaker.Status.KARTLAGT,
        til_status=Deltaker.Status.TATT_OPP,
        dato=dag,
        begrunnelse="Opptaksvedtak: Oppfyller kriteriene.",
        utfort_av=koordinator,
    )

    def sporringer(synlig):
        fersk = Deltaker.objects.select_related(*SAKSMAPPE_MED).get(pk=deltaker.pk)
        with CaptureQueriesContext(connection) as q:
            mappe = saksmappe(deltaker=fersk, synlig=synlig)
        return len(q.captured_queries), mappe

    alt, _ = sporringer(None)
    laerer, mappe = sporringer(SYNLIGE_FELTGRUPPER[FAGLARER])
    # the criteria, decisions, documents and loans a teacher may not see are not read at all
    assert alt - laerer == 4
    assert (mappe.kriterier_uten_vurdering, mappe.vedtak, mappe.dokumenter, mappe.utstyr) == ([], [], [], [])


def test_a_sections_one_to_one_row_comes_with_her(koordinator, deltaker):
    """Min side registers her account with its section (`med`): the case page fetches it with her, and the
    section reads it without a query (none at all without an account; the writing count with one)."""
    from deltakere.permissions import get_deltaker_for_user
    from deltakere.selectors import SAKSMAPPE_MED
    from fagbrev.seksjoner import saksside_med
    from minside import seksjoner

    assert "konto" in saksside_med()

    def sporringer():
        fersk = get_deltaker_for_user(koordinator, deltaker.pk, med=SAKSMAPPE_MED + saksside_med())
        with CaptureQueriesContext(connection) as q:
            seksjon = seksjoner.saksside(deltaker=fersk, user=koordinator, idag=datetime.date(2026, 12, 1))
        return len(q.captured_queries), seksjon.context["konto"]

    assert sporringer() == (0, None)
    konto = DeltakerkontoFactory(deltaker=deltaker)
    assert sporringer() == (1, konto)


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=OSLO), tick=False)
def test_the_case_files_leave_is_every_leave_the_services_wrote(koordinator, deltaker):
    """The case file takes her leave from her status history (each leave is registered with the change into
    it, and withdrawn with it): registered, moved and withdrawn, the list is the table's."""
    from deltakere.models import Deltaker, Permisjon
    from deltakere.selectors import SAKSMAPPE_MED, saksmappe

    def permisjoner():
        fersk = Deltaker.objects.select_related(*SAKSMAPPE_MED).get(pk=deltaker.pk)
        return saksmappe(deltaker=fersk).permisjoner

    Deltaker.objects.filter(pk=deltaker.pk).update(status=Deltaker.Status.I_OPPLAERING)
    deltaker.refresh_from_db()
    assert permisjoner() == []
    permisjon = services.permisjon_registrer(
        deltaker=deltaker,
        fra=datetime.date(2027, 1, 4),
        til=datetime.date(2027, 2, 26),
        arsak="Sykdom",
        utfort_av=koordinator,
    )
    assert permisjoner() == [permisjon] == list(Permisjon.objects.filter(deltaker=deltaker))
    endring = permisjon.statusendring
    services.statusendring_flytt(endring=endring, dato=datetime.date(2027, 1, 11), utfort_av=koordinator)
    [flyttet] = permisjoner()
    assert flyttet.fra == datetime.date(2027, 1, 11) == Permisjon.objects.get().fra
    endring.refresh_from_db()
    services.statusendring_trekk(endring=endring, utfort_av=koordinator)
    assert permisjoner() == [] == list(Permisjon.objects.filter(deltaker=deltaker))


def test_a_case_never_in_training_reads_no_visits_or_assessment_meetings(koordinator, deltaker):
    """Visits and assessment meetings are registered only while she is in training: a referred case's
    statuses (today's and her history's, which the case file reads anyway) prove there are none."""
    from deltakere.models import Deltaker
    from oppfolging import seksjoner

    def sporringer():
        fersk = Deltaker.objects.get(pk=deltaker.pk)
        with CaptureQueriesContext(connection) as q:
            seksjon = seksjoner.saksside(deltaker=fersk, user=koordinator, idag=datetime.date(2026, 12, 1))
        return len(q.captured_queries), [o.objekt for o in seksjon.context["historikk"]]

    besok = BesokFactory(deltaker=deltaker, dato=datetime.date(2026, 11, 3))
    Deltaker.objects.filter(pk=deltaker.pk).update(status=Deltaker.Status.HENVIST)
    sporringer()  # the user's roles, read once
    assert sporringer() == (1, [])  # her status history only (on the case page the case file read it)
    services.statusendring_skriv(
        deltaker=deltaker,
        fra=Deltaker.Status.HENVIST,
        til=Deltaker.Status.I_OPPLAERING,
        dato=datetime.date(2026, 10, 1),
        begrunnelse="Startet",
        utfort_av=koordinator,
    )
    assert sporringer() == (3, [besok])  # and the visits and the assessment meetings
