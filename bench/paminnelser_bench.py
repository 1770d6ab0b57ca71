"""Benchmark: the daily reminder scan for 20,000 participants (not a test; `make bench`).

Builds a fresh database (SQLite in a temporary folder, or BENCH_DATABASE_URL, e.g. a PostgreSQL
database you can drop), 20 organisations with 1,000 participants each, a placement and a faglærer
for everyone (so the visit rule finds the placements without a visit), every third planned for the
spring exam without a registration (the exam rules), then times the scan on two dates: once with
2,000 participants and once with 20,000, to show the query count does not grow with them. The
police-certificate rule is forced to treat everybody as missing a certificate (the field comes
from another branch), which is harsher than real data.
Delivery is not part of the scan (tasks are queued, one per reminder or digest); its cost per row
is measured separately at the end.

    .venv/bin/python bench/paminnelser_bench.py [--deltakere 20000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))


def sett_opp_django() -> None:
    tmp = tempfile.mkdtemp(prefix="fagbrev-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["FAGBREV_TESTING"] = "1"
    os.environ["EMAIL_URL"] = "memorymail://"
    os.environ.pop("REDIS_URL", None)
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagbrev.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def lag_data(*, organisasjoner: int, per_org: int, idag: datetime.date, rng: random.Random, start: int = 0) -> None:
    """Participants with placements spread over ±200 days around `idag` (~7 % start within 14 days)."""
    from arbeidsgivere.models import Arbeidsgiver, Arbeidssted, Plassering
    from deltakere.models import Deltaker
    from fagbrev.models import Fagretning, Medlemskap, Organisasjon, Rolle, User
    from lop.models import Eksamen

    for o in range(organisasjoner):
        org, laget = Organisasjon.objects.get_or_create(navn=f"Benchkommune {o}", defaults={"kortnavn": f"B{o}"})
        if laget:
            for k in range(2):
                bruker = User.objects.create(username=f"koord{o}-{k}", first_name="Koord", email=f"k{o}{k}@example.no")
                Medlemskap.objects.create(bruker=bruker, organisasjon=org, rolle=Rolle.KOORDINATOR)
            laerer = User.objects.create(username=f"faglarer{o}", first_name="Fag", email=f"f{o}@example.no")
            Medlemskap.objects.create(bruker=laerer, organisasjon=org, rolle=Rolle.FAGLARER)
            for navn, krever in (("Helse", True), ("BUA", True), ("Renhold", False)):
                Fagretning.objects.create(organisasjon=org, navn=navn, kortnavn=navn, krever_politiattest=krever)
            ag = Arbeidsgiver.objects.create(organisasjon=org, navn=f"Arbeidsgiver {o}", orgnr=f"{910000000 + o}")
            Arbeidssted.objects.create(organisasjon=org, arbeidsgiver=ag, navn=f"Sted {o}")
        fagretninger = list(Fagretning.objects.filter(organisasjon=org))
        faglarer = User.objects.get(username=f"faglarer{o}")
        sted = Arbeidssted.objects.filter(organisasjon=org).first()
        deltakere = [
            Deltaker(
                organisasjon=org,
                fagretning=fagretninger[i % 3],
                fornavn=f"Deltaker{start + i}",
                etternavn="Bench",
                status=Deltaker.Status.I_OPPLAERING,
                faglarer=faglarer,
            )
            for i in range(per_org)
        ]
        Deltaker.objects.bulk_create(deltakere, batch_size=1000)
        nye = Deltaker.objects.filter(organisasjon=org, fornavn__in=[d.fornavn for d in deltakere]).values_list(
            "pk", flat=True
        )
        Plassering.objects.bulk_create(
            [
                Plassering(
                    organisasjon=org,
                    deltaker_id=pk,
                    arbeidssted=sted,
                    fra=idag + datetime.timedelta(days=rng.randint(-200, 200)),
                )
                for pk in nye
            ],
            batch_size=1000,
        )
        # Every third participant is planned for the spring exam and not registered yet.
        Eksamen.objects.bulk_create(
            [
                Eksamen(organisasjon=org, deltaker_id=pk, termin=f"vår {idag.year}", pameldt_dato=None)
                for pk in list(nye)[::3]
            ],
            batch_size=1000,
        )


def skann(idag: datetime.date) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from paminnelser import services, tasks

    with (
        mock.patch.object(tasks.send, "delay") as send,
        mock.patch.object(tasks.send_samlet, "delay") as samlet,
        CaptureQueriesContext(connection) as sporing,
    ):
        start = time.perf_counter()
        resultat = services.skann_utfor(idag=idag)
        sekunder = time.perf_counter() - start
    return {
        "sekunder": sekunder,
        "sporringer": len(sporing.captured_queries),
        "innsettinger": sum(q["sql"].lstrip().upper().startswith("INSERT") for q in sporing.captured_queries),
        "funnet": len(resultat.funnet),
        "nye": resultat.nye,
        "i_ko": send.call_count + samlet.call_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deltakere", type=int, default=20_000)
    args = parser.parse_args()
    sett_opp_django()

    from django.db.models import Q

    from arbeidsgivere import regler as arbeidsgivere_regler
    from deltakere.models import Deltaker
    from paminnelser import services
    from paminnelser.models import Levering, Paminnelse, Varslingsvalg

    rng = random.Random(2027)
    organisasjoner = 20
    liten = max(args.deltakere // 10, organisasjoner)
    forste, andre = datetime.date(2027, 1, 28), datetime.date(2027, 1, 29)
    with mock.patch.object(arbeidsgivere_regler, "mangler_politiattest", lambda: Q()):
        start = time.perf_counter()
        lag_data(organisasjoner=organisasjoner, per_org=liten // organisasjoner, idag=forste, rng=rng)
        print(f"Laget {Deltaker.objects.count():,} deltakere på {time.perf_counter() - start:.1f} s")
        a = skann(forste)
        start = time.perf_counter()
        lag_data(
            organisasjoner=organisasjoner,
            per_org=(args.deltakere - liten) // organisasjoner,
            idag=andre,
            rng=rng,
            start=liten,
        )
        antall = Deltaker.objects.count()
        print(f"Laget til sammen {antall:,} deltakere på {time.perf_counter() - start:.1f} s")
        b = skann(andre)
        c = skann(andre)

    print()
    print(
        f"{'kjøring':<32}{'deltakere':>10}{'forfalt':>9}{'nye rader':>11}{'i kø':>7}"
        f"{'spørringer':>12}{'herav INSERT':>14}{'sekunder':>10}"
    )
    for navn, n, r in (
        (f"skann {forste:%d.%m.%Y}", liten, a),
        (f"skann {andre:%d.%m.%Y}", antall, b),
        ("samme dag på nytt (idempotent)", antall, c),
    ):
        print(
            f"{navn:<32}{n:>10,}{r['funnet']:>9,}{r['nye']:>11,}{r['i_ko']:>7,}"
            f"{r['sporringer']:>12}{r['innsettinger']:>14}{r['sekunder']:>10.2f}"
        )
    print()
    ok_tid = b["sekunder"] < 30
    uten_a, uten_b = a["sporringer"] - a["innsettinger"], b["sporringer"] - b["innsettinger"]
    ok_sporringer = uten_a == uten_b
    print(f"Under 30 s for {antall:,} deltakere: {'ja' if ok_tid else 'NEI'} ({b['sekunder']:.2f} s)")
    print(
        f"Antall spørringer uavhengig av antall deltakere: {'ja' if ok_sporringer else 'NEI'} "
        f"({uten_a} mot {uten_b} utenom INSERT; innsettingen går i bolker på {services.BATCH} rader)"
    )

    # Delivery, measured apart: one task per reminder (immediate choice), a handful of queries each.
    # order_by(): the model's default ordering would add its columns to the SELECT DISTINCT (one row per
    # reminder instead of per recipient: ~50,000 update_or_create calls instead of ~60)
    for bruker_id in Paminnelse.objects.values_list("mottaker_id", flat=True).distinct().order_by():
        Varslingsvalg.objects.update_or_create(
            bruker_id=bruker_id, art="politiattest", defaults={"levering": Levering.UMIDDELBART}
        )
    ventende = list(Paminnelse.objects.filter(status="planlagt").values_list("pk", flat=True)[:500])
    start = time.perf_counter()
    for pk in ventende:
        services.paminnelse_send(paminnelse_id=pk)
    if ventende:
        brukt = time.perf_counter() - start
        print(
            f"Levering (utenfor skanningen, i workere): {len(ventende)} e-poster på {brukt:.2f} s "
            f"= {1000 * brukt / len(ventende):.1f} ms per påminnelse"
        )
    sys.exit(0 if ok_tid and ok_sporringer else 1)


if __name__ == "__main__":
    main()
