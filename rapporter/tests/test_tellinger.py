"""Every pre-aggregated figure (rapporter/tellinger.py) against the same figure counted from the raw rows:
on the demo, on generated data, and after a random series of writes through the services.

The reference queries are the dashboard's own before pre-aggregation (grouped COUNTs over the rows,
the status at a period's end by a correlated subquery), kept here as the definition.
"""

from __future__ import annotations

import datetime
import random
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Case, Count, F, Max, OuterRef, Q, Subquery, Value, When

from bench.generator import fyll_til
from deltakere import overganger
from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall, status_pa_dato
from deltakere.selectors import SEKS_MANEDER
from deltakere.services import avbrudd_registrer, deltaker_endre_status, utfall_registrer
from deltakere.statusgrupper import PA_ARBEIDSPLASSEN as BESOK_STATUSER
from fagbrev.datoregning import forste_dag_som_nar, siste_dag_som_nar
from fagbrev.models import Fagretning, Organisasjon, User
from lop.models import Eksamen, Fagprove, Norskprove, Resultat
from lop.services import eksamen_endre, eksamen_registrer, norskprove_registrer
from oppfolging.models import Besok, Vurderingssamtale
from oppfolging.services import besok_registrer
from rapporter import sammendrag
from rapporter.gruppering import NAA
from rapporter.models import Telling, Uoppdatert
from rapporter.semester import Aar, Semester
from rapporter.tabeller import AKTIV
from rapporter.tellinger import summer, telling_bygg, telling_oppdater_alle, utfallsklasse

S = Deltaker.Status
T = Utfall.Tidspunkt
IDAG = datetime.date(2026, 11, 23)


def _periode_er(fra_ar: int, til_ar: int):
    for ar in range(fra_ar, til_ar + 1):
        yield Semester(ar, "var")
        yield Semester(ar, "host")
        yield Aar(ar)


def _nokkel(dim: str, f: int, k: int | None):
    return (k, f) if dim == "kull" else f


def _grupper(qs, prefiks: str, dim: str, hva: str, ut: dict) -> None:
    for r in qs.values(f"{prefiks}fagretning_id", f"{prefiks}kull_id").annotate(n=Count("pk")).order_by():
        if r["n"]:
            mal = ut.setdefault(_nokkel(dim, r[f"{prefiks}fagretning_id"], r[f"{prefiks}kull_id"]), {})
            mal[hva] = mal.get(hva, 0) + r["n"]


def _fasit_periode(org_ids: set[int], periode, dim: str) -> dict:
    """Referrals, changes of status, terminations and visits in the period, from the rows."""
    ut: dict = {}
    i = Q(dato__gte=periode.start, dato__lte=periode.slutt)
    deltakere = Deltaker.objects.filter(organisasjon_id__in=org_ids)
    _grupper(deltakere.filter(henvist_dato__gte=periode.start, henvist_dato__lte=periode.slutt), "", dim, "henvist", ut)
    endringer = Statusendring.objects.filter(i, organisasjon_id__in=org_ids)
    for s in S:
        _grupper(endringer.filter(til_status=s), "deltaker__", dim, f"til:{s}", ut)
    for k in Avbrudd.Kategori:
        _grupper(
            Avbrudd.objects.filter(i, organisasjon_id__in=org_ids, kategori=k), "deltaker__", dim, f"avbrudd:{k}", ut
        )
    _grupper(Besok.objects.filter(i, organisasjon_id__in=org_ids), "deltaker__", dim, "besok", ut)
    return ut


def _fasit_resultater(org_ids: set[int], periode, dim: str) -> tuple[list[str], dict]:
    """Exams and fagprøver taken and passed, the Norwegian goal reached (participants) and assessment
    meetings held in the period, from the rows: the dashboard's queries before they were counted. Returns
    the kinds that hold them (the Norwegian goal is kept per semester and per year) and the figures."""
    ut: dict = {}
    for modell, navn, felt in ((Eksamen, "eksamen", "eksamensdato"), (Fagprove, "fagprove", "provedato")):
        i = Q(**{f"{felt}__gte": periode.start, f"{felt}__lte": periode.slutt})
        rader = modell.objects.filter(i, organisasjon_id__in=org_ids).exclude(resultat="")
        _grupper(rader, "deltaker__", dim, f"{navn}:avlagt", ut)
        _grupper(rader.filter(resultat=Resultat.BESTATT), "deltaker__", dim, f"{navn}:bestatt", ut)
    samtaler = Vurderingssamtale.objects.filter(
        organisasjon_id__in=org_ids, semester__in=periode.semesterkoder, holdt_dato__isnull=False
    )
    _grupper(samtaler, "deltaker__", dim, "samtale", ut)
    norsk = "norsk" if isinstance(periode, Semester) else "norsk_ar"
    prover = Norskprove.objects.filter(organisasjon_id__in=org_ids, dato__gte=periode.start, dato__lte=periode.slutt)
    for ferdighet in ("muntlig", "skriftlig"):
        nadd = prover.filter(ferdighet=ferdighet, niva__gte=F(f"deltaker__fagretning__norskmal_{ferdighet}"))
        rader = nadd.exclude(niva="").values("deltaker__fagretning_id", "deltaker__kull_id")
        for r in rader.annotate(n=Count("deltaker", distinct=True)).order_by():
            mal = ut.setdefault(_nokkel(dim, r["deltaker__fagretning_id"], r["deltaker__kull_id"]), {})
            mal[f"{norsk}:{ferdighet}"] = mal.get(f"{norsk}:{ferdighet}", 0) + r["n"]  # cohorts of a track
    hva = [f"{e}:{r}" for e in ("eksamen", "fagprove") for r in ("avlagt", "bestatt")]
    return [*hva, "samtale", f"{norsk}:muntlig", f"{norsk}:skriftlig"], ut


def _fasit_ved_slutt(org_ids: set[int], slutt: datetime.date, dim: str) -> dict:
    """The status in force on `slutt` among those registered by then, by deltakere's one rule
    (`status_pa_dato`: the last change on or before it; before the first, the status that change left)."""
    ut: dict = {}
    qs = (
        Deltaker.objects.filter(organisasjon_id__in=org_ids, opprettet__date__lte=slutt)
        .annotate(st=status_pa_dato(slutt))
        .values("fagretning_id", "kull_id", "st")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in qs:
        mal = ut.setdefault(_nokkel(dim, r["fagretning_id"], r["kull_id"]), {})
        mal[f"st:{r['st']}"] = mal.get(f"st:{r['st']}", 0) + r["n"]
    return ut


def _fasit_naa(org_ids: set[int], dim: str) -> dict:
    siste_utfall = Utfall.objects.filter(deltaker=OuterRef("pk")).order_by(
        Case(When(tidspunkt=T.SEKS_MANEDER, then=Value(0)), default=Value(1)), "-dato"
    )
    ut: dict = {}
    qs = (
        Deltaker.objects.filter(organisasjon_id__in=org_ids)
        .annotate(siste=Subquery(siste_utfall.values("situasjon")[:1]))
        .values("fagretning_id", "kull_id", "status")
        .annotate(n=Count("pk"), arbeid=Count("pk", filter=Q(status=S.FULLFORT, siste__in=Utfall.I_ARBEID)))
        .order_by()
    )
    for r in qs:
        mal = ut.setdefault(_nokkel(dim, r["fagretning_id"], r["kull_id"]), {})
        mal[f"naa:{r['status']}"] = mal.get(f"naa:{r['status']}", 0) + r["n"]
        if r["arbeid"]:
            mal["naa_arbeid"] = mal.get("naa_arbeid", 0) + r["arbeid"]
    return ut


def _fasit_utfall(org_ids: set[int], fra: datetime.date, til: datetime.date, tid: str, dim: str) -> dict:
    """Completed participants by their last completion date in [fra, til], by their outcome `tid`."""
    fullfort = (
        Statusendring.objects.filter(deltaker=OuterRef("pk"), til_status=S.FULLFORT)
        .values("deltaker")
        .annotate(siste=Max("dato"))
        .values("siste")
    )
    tidspunkt = T.VED_FULLFORING if tid == "ved" else T.SEKS_MANEDER
    situasjon = Utfall.objects.filter(deltaker=OuterRef("pk"), tidspunkt=tidspunkt).values("situasjon")[:1]
    ut: dict = {}
    qs = (
        Deltaker.objects.filter(organisasjon_id__in=org_ids, status=S.FULLFORT)
        .annotate(c=Subquery(fullfort), sit=Subquery(situasjon))
        .filter(c__gte=fra, c__lte=til)
        .values("fagretning_id", "kull_id", "sit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in qs:
        h = f"{tid}:{utfallsklasse(r['sit'])}"
        mal = ut.setdefault(_nokkel(dim, r["fagretning_id"], r["kull_id"]), {})
        mal[h] = mal.get(h, 0) + r["n"]
    return ut


def _uten_nuller(d: dict) -> dict:
    return {g: {h: n for h, n in v.items() if n} for g, v in d.items() if any(v.values())}


def sammenlign(idag: datetime.date) -> int:
    """Every figure for every organisation, period of the data, and table dimension; returns how many
    (non-zero) figures were compared."""
    telling_oppdater_alle()
    assert not Uoppdatert.objects.exists()
    antall = 0
    fra_ar = min(Statusendring.objects.order_by("dato").values_list("dato__year", flat=True)[:1] or [idag.year])
    for org in Organisasjon.objects.all():
        org_ids = {org.pk}
        for dim in ("fagretning", "kull"):
            alle = [f"naa:{s}" for s in S] + ["naa_arbeid"]
            fasit = _uten_nuller(_fasit_naa(org_ids, dim))
            assert _uten_nuller(summer(org_ids, dim, alle, NAA, NAA)) == fasit, (org, dim, "i dag")
            antall += sum(len(v) for v in fasit.values())
            for periode in _periode_er(fra_ar - 1, idag.year + 1):
                hva = ["henvist", *(f"til:{s}" for s in S), *(f"avbrudd:{k}" for k in Avbrudd.Kategori), "besok"]
                fasit = _uten_nuller(_fasit_periode(org_ids, periode, dim))
                assert _uten_nuller(summer(org_ids, dim, hva, periode.start, periode.slutt)) == fasit, (periode, dim)
                st = [f"st:{s}" for s in S]
                fasit_st = _uten_nuller(_fasit_ved_slutt(org_ids, periode.slutt, dim))
                assert _uten_nuller(summer(org_ids, dim, st, None, periode.slutt)) == fasit_st, (periode, dim, "slutt")
                klasser = ["arbeid", "utdanning", "annet", "mangler"]
                seks_fra = forste_dag_som_nar(periode.start, maneder=SEKS_MANEDER)
                seks_til = siste_dag_som_nar(min(periode.slutt, idag), maneder=SEKS_MANEDER)
                for tid, a, b in (("ved", periode.start, periode.slutt), ("seks", seks_fra, seks_til)):
                    fasit_u = _uten_nuller(_fasit_utfall(org_ids, a, b, tid, dim))
                    lest = _uten_nuller(summer(org_ids, dim, [f"{tid}:{k}" for k in klasser], a, b))
                    assert lest == fasit_u, (periode, dim, tid)
                    antall += sum(len(v) for v in fasit_u.values())
                antall += sum(len(v) for v in fasit.values()) + sum(len(v) for v in fasit_st.values())
                hva, fasit_r = _fasit_resultater(org_ids, periode, dim)
                lest = _uten_nuller(summer(org_ids, dim, hva, periode.start, periode.slutt))
                assert lest == _uten_nuller(fasit_r), (periode, dim, "resultater")
                antall += sum(len(v) for v in _uten_nuller(fasit_r).values())
        antall += _sammenlign_sammendrag(org_ids, fra_ar, idag)
    return antall


def _sammenlign_sammendrag(org_ids: set[int], fra_ar: int, idag: datetime.date) -> int:
    """The steering summary's series (rapporter/sammendrag.py) against the rows, for six semesters back
    from every semester of the data: active at each end, in work six months after."""
    antall = 0
    for siste in (p for p in _periode_er(fra_ar - 1, idag.year + 1) if isinstance(p, Semester)):
        semestre = siste.siste(sammendrag.ANTALL_SEMESTRE)
        aktive = {
            s.kode: sum(
                v.get(f"st:{st}", 0) for v in _fasit_ved_slutt(org_ids, s.slutt, "fagretning").values() for st in AKTIV
            )
            for s in semestre
        }
        assert sammendrag._aktive(org_ids, semestre) == aktive, (siste, "aktive")
        seks = {}
        for s in semestre:
            fra = forste_dag_som_nar(s.start, maneder=SEKS_MANEDER)
            til = siste_dag_som_nar(min(s.slutt, idag), maneder=SEKS_MANEDER)
            seks[s.kode] = sum(
                v.get("seks:arbeid", 0) for v in _fasit_utfall(org_ids, fra, til, "seks", "fagretning").values()
            )
        assert sammendrag._i_arbeid_seks(org_ids, semestre, idag) == seks, (siste, "seks")
        antall += sum(1 for n in [*aktive.values(), *seks.values()] if n)
        for modell, navn, felt in ((Eksamen, "eksamen", "eksamensdato"), (Fagprove, "fagprove", "provedato")):
            bestatt = modell.objects.filter(organisasjon_id__in=org_ids, resultat=Resultat.BESTATT)
            fasit = {
                s.kode: bestatt.filter(**{f"{felt}__gte": s.start, f"{felt}__lte": s.slutt}).count() for s in semestre
            }
            assert sammendrag._bestatt(navn, org_ids, semestre) == fasit, (siste, navn)
    return antall


def _tilfeldige_skriv(rng: random.Random, idag: datetime.date, koordinator: User, n: int) -> int:
    """n random writes through the services (a refused one is skipped); returns how many went through."""
    deltakere = list(Deltaker.objects.order_by("pk"))
    gjort = 0
    for _ in range(n):
        d = Deltaker.objects.get(pk=rng.choice(deltakere).pk)
        dato = idag - datetime.timedelta(days=rng.randrange(0, 700))
        valg = rng.randrange(9)
        try:
            if valg == 0:
                til = rng.choice([s for s in S if overganger.er_lovlig(d.status, s)] or [d.status])
                deltaker_endre_status(deltaker=d, til=til, begrunnelse="Test", utfort_av=koordinator, dato=dato)
            elif valg == 1 and d.status in BESOK_STATUSER:
                besok_registrer(deltaker=d, utfort_av=koordinator, dato=min(dato, idag), idag=idag)
            elif valg == 2 and d.status in (S.FULLFORT, S.AVBRUTT):
                tid = rng.choice([T.VED_FULLFORING, T.SEKS_MANEDER])
                sit = rng.choice(list(Utfall.Situasjon))
                utfall_registrer(deltaker=d, tidspunkt=tid, situasjon=sit, dato=idag, utfort_av=koordinator)
            elif valg == 3 and not hasattr(d, "avbrudd"):
                kategori = rng.choice(list(Avbrudd.Kategori))
                avbrudd_registrer(deltaker=d, dato=dato, kategori=kategori, arsak="Test", utfort_av=koordinator)
            elif valg >= 4:
                _skriv_resultat(rng, valg, d, min(dato, idag), koordinator)
            else:
                continue
            gjort += 1
        except (ValidationError, ValueError):
            continue
    return gjort


def _skriv_resultat(rng: random.Random, valg: int, d: Deltaker, dato: datetime.date, koordinator: User) -> None:
    """An exam, a Norwegian test, a changed result or meeting, a track's new Norwegian goal."""
    if valg == 4:
        resultat = rng.choice(["", *Resultat])
        eksamen_registrer(deltaker=d, utfort_av=koordinator, termin="vår", eksamensdato=dato, resultat=resultat)
    elif valg == 5:
        niva = rng.choice(["", *Norskprove._meta.get_field("niva").choices])
        niva = niva[0] if isinstance(niva, tuple) else niva
        ferdighet = rng.choice(list(Norskprove.Ferdighet))
        norskprove_registrer(deltaker=d, utfort_av=koordinator, ferdighet=ferdighet, niva=niva, dato=dato)
    elif valg == 6 and (e := Eksamen.objects.filter(deltaker=d).order_by("pk").first()) is not None:
        eksamen_endre(eksamen=e, utfort_av=koordinator, resultat=rng.choice(list(Resultat)), eksamensdato=dato)
    elif valg == 7:
        mal = rng.choice(["A2", "B1", "B2"])
        Fagretning.objects.filter(pk=d.fagretning_id).update(norskmal_muntlig=mal, norskmal_skriftlig=mal)
    elif valg == 8 and (v := Vurderingssamtale.objects.filter(deltaker=d).order_by("pk").first()) is not None:
        # any writer is seen (the triggers): a meeting held, or not held after all
        holdt = None if v.holdt_dato and v.planlagt_dato else dato
        Vurderingssamtale.objects.filter(pk=v.pk).update(holdt_dato=holdt)
    else:
        raise ValueError("nothing to change")


def _koordinator() -> User:
    return User.objects.filter(is_superuser=False).order_by("pk").first() or User.objects.create(username="k")


@pytest.mark.django_db
def test_counts_equal_the_rows_on_the_demo_and_after_random_writes():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        call_command("seed_demo", force=True, stdout=StringIO())
        assert sammenlign(IDAG) > 50
        prover = Eksamen.objects.count(), Norskprove.objects.count()
        gjort = _tilfeldige_skriv(random.Random(19), IDAG, _koordinator(), 150)
        assert gjort > 30
        assert Eksamen.objects.count() > prover[0] and Norskprove.objects.count() > prover[1]
        assert sammenlign(IDAG) > 50


@pytest.mark.django_db
def test_counts_equal_the_rows_on_generated_data_after_random_writes_and_a_rebuild():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        fyll_til(120, idag=IDAG, skriv=lambda _t: None)
        assert sammenlign(IDAG) > 100
        _tilfeldige_skriv(random.Random(7), IDAG, _koordinator(), 120)
        # a participant moved to another track and cohort carries her history with her
        d = Deltaker.objects.exclude(kull=None).order_by("pk").first()
        annen = Deltaker.objects.exclude(fagretning=d.fagretning).exclude(kull=None).order_by("pk").first()
        Deltaker.objects.filter(pk=d.pk).update(fagretning=annen.fagretning, kull=annen.kull)
        assert sammenlign(IDAG) > 100
        foer = set(
            Telling.objects.exclude(n=0).values_list("organisasjon_id", "fagretning_id", "kull_id", "hva", "dato", "n")
        )
        Telling.objects.all().delete()
        telling_bygg()
        etter = set(
            Telling.objects.exclude(n=0).values_list("organisasjon_id", "fagretning_id", "kull_id", "hva", "dato", "n")
        )
        assert foer == etter


@pytest.mark.django_db
def test_a_write_marks_its_participant_in_the_same_transaction_and_a_read_counts_it():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        fyll_til(20, idag=IDAG, skriv=lambda _t: None)
        telling_oppdater_alle()
        d = Deltaker.objects.filter(status__in=BESOK_STATUSER).order_by("pk").first()
        host = Semester(2026, "host")
        for_ = summer({d.organisasjon_id}, "fagretning", ["besok"], host.start, host.slutt).get(d.fagretning_id, {})
        besok_registrer(deltaker=d, utfort_av=_koordinator(), dato=IDAG, idag=IDAG)
        assert list(Uoppdatert.objects.values_list("deltaker_id", flat=True)) == [d.pk]
        telling_oppdater_alle()
        etter = summer({d.organisasjon_id}, "fagretning", ["besok"], host.start, host.slutt)[d.fagretning_id]
        assert etter["besok"] == for_.get("besok", 0) + 1
