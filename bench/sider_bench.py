"""`make bench`: fill a PostgreSQL database with a municipality's case files and time the main pages.

    .venv/bin/python bench/run.py                       # 1,000, 20,000 and 100,000 participants
    .venv/bin/python bench/run.py --rask                # only 1,000 and 20,000 (about half the time)
    .venv/bin/python bench/run.py --storrelser 5000 --gjentak 10
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fagbrev_bench .venv/bin/python bench/run.py

The database (default `fagbrev_bench` on 127.0.0.1:5432) is dropped and created again; its name
must contain "bench" so a real database is never touched. Pages are requested in-process with
django.test.Client, so "server time" is everything Django does for the request (middleware,
session, queries, template) without network or a WSGI server. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

STANDARD_DB = "postgres://postgres@127.0.0.1:5432/fagbrev_bench"


def _argumenter() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", STANDARD_DB))
    p.add_argument("--storrelser", default="1000,20000,100000", help="antall deltakere, kommaseparert, stigende")
    p.add_argument("--rask", action="store_true", help="bare 1 000 og 20 000 deltakere (hopper over 100 000)")
    p.add_argument("--gjentak", type=int, default=30, help="målinger per side (etter 3 oppvarminger)")
    p.add_argument("--uten-wrk", action="store_true", help="hopp over gjennomstrømning med wrk og gunicorn")
    p.add_argument("--markdown", type=Path, help="skriv tabellen som Markdown til denne filen")
    p.add_argument(
        "--behold",
        action="store_true",
        help="mål databasen slik den er (ingen sletting eller fylling): for å måle enkeltrader på nytt",
    )
    p.add_argument("--sider", default="", help="bare sidene hvis navn inneholder en av disse (kommaseparert)")
    return p.parse_args()


def _ny_database(url: str) -> None:
    """Drop and create the benchmark database (PostgreSQL), or delete the SQLite file."""
    import environ

    cfg = environ.Env.db_url_config(url)
    navn = cfg["NAME"]
    if "bench" not in str(navn):
        sys.exit(f"Databasen «{navn}» har ikke «bench» i navnet; nekter å slette den.")
    if cfg["ENGINE"].endswith("sqlite3"):
        Path(navn).unlink(missing_ok=True)
        return
    import psycopg

    try:
        conn = psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
    except psycopg.OperationalError as feil:
        sys.exit(f"Får ikke kontakt med PostgreSQL ({feil}). Start den, eller sett BENCH_DATABASE_URL.")
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{navn}"')


def _last() -> str:
    """The load average: figures measured on a busy machine are slower, and should say so."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _skriv_json(sti: Path, resultater: dict, laster: dict, db: str) -> None:
    """The figures for a script to compare runs: per page and size median, p95 and queries; the load."""
    import json

    data = {
        "tid": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": db,
        "cpu": os.cpu_count(),
        "last": {str(n): laster[n] for n in resultater},
        "sider": {
            navn: {
                str(n): {"median_ms": r.median_ms, "p95_ms": r.p95_ms, "sporringer": r.sporringer}
                for n, per_side in resultater.items()
                for r in [per_side[navn]]
            }
            for navn in next(iter(resultater.values()), {})
        },
    }
    sti.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    print(f"Skrev {sti}")


def main() -> None:
    args = _argumenter()
    storrelser = [int(s) for s in args.storrelser.split(",")]
    if args.rask:
        storrelser = [n for n in storrelser if n <= 20_000]
    if not args.behold:
        _ny_database(args.database)
    os.environ.update(
        {
            "DATABASE_URL": args.database,
            "DJANGO_SETTINGS_MODULE": "fagbrev.settings",
            "DEBUG": "false",
            # the test shape: plain static files (no collectstatic), no HTTPS redirect, fast password hashing
            "FAGBREV_TESTING": "true",
            "ALLOWED_HOSTS": "testserver,localhost",
        }
    )
    import logging
    import warnings

    import django

    django.setup()
    # each force_login writes django-axes' INFO lines; the static files folder is not needed in-process
    logging.getLogger("axes").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.db import connection

    from bench.generator import fyll_til
    from bench.gjennomstromning import mal_gjennomstromning
    from bench.maling import MALINGER, Resultat, mal, saksside_sti, skriv_tabell, tall_tekst, vurder
    from deltakere.models import Deltaker
    from oppfolging.besoksdato import frister_oppdater
    from rapporter.tellinger import telling_oppdater_alle

    valgte = [m for m in MALINGER if not args.sider or any(v.lower() in m.navn.lower() for v in args.sider.split(","))]

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    db = f"{connection.vendor} {connection.settings_dict['NAME']}"
    print(f"Database: {db}; migrert på {time.perf_counter() - start:.1f} s")
    print(f"Maskin: {os.cpu_count()} CPU-er, last {_last()}")

    resultater: dict[int, dict] = {}
    wrk_linje = ""
    fylt = 0.0
    if args.behold:
        storrelser = [Deltaker.objects.count()]
    laster: dict[int, str] = {}
    for n in storrelser:
        if args.behold:
            ctx = fyll_til(n, skriv=lambda _: None)  # nothing to add: only looks up what the parts made
        else:
            print(f"Fyller til {n:,} deltakere …".replace(",", " "))
            start = time.perf_counter()
            ctx = fyll_til(n)
            # The bulk load's triggers marked every participant: count them now, as beat's minute run would
            # (otherwise the first warm-up request of the dashboard and the overview would do it).
            telling_oppdater_alle()
            frister_oppdater()
            if connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("VACUUM ANALYZE")  # what autovacuum does in production
            fylt += time.perf_counter() - start
            print(f"  til sammen {fylt:.1f} s for {n:,} deltakere".replace(",", " "))
        # The generator's bookkeeping (80,000 participants' pathways at 100,000) is not needed to measure:
        # drop it, and keep what is left out of the garbage collector's way, so a collection during a
        # request does not charge the page for walking the benchmark's own objects.
        ctx.extra.clear()
        ctx.nye_deltakere = []
        gc.collect()
        gc.freeze()
        for_maling = _last()
        resultater[n] = {}
        for maling in MALINGER:
            resultater[n][maling.navn] = (
                mal(maling, ctx, gjentak=args.gjentak) if maling in valgte else Resultat(merknad="ikke målt")
            )
        laster[n] = f"{for_maling} før, {_last()} etter"
        print(skriv_tabell({n: resultater[n]}))
        print(f"Last (1/5/15 min) {laster[n]}")
        if not args.uten_wrk and n == (20_000 if 20_000 in storrelser else storrelser[-1]):
            g = mal_gjennomstromning(saksside_sti(ctx), "bench.koordinator")
            wrk_linje = (
                "Saksside under wrk (gunicorn, 2 workers, 8 forbindelser, 10 s) ved "
                + f"{n:,} deltakere: ".replace(",", " ")
                + (
                    f"{g.foresporsler_per_s:.0f} forespørsler/s, snitt {g.latens_snitt}, p99 {g.latens_p99}"
                    if g.foresporsler_per_s
                    else g.merknad
                )
                + (f", {g.feil}" if g.feil else "")
            )
            print(wrk_linje)
    tabell = skriv_tabell(resultater)
    vurdering = vurder(resultater)
    lastlinjer = "\n".join(f"- {tall_tekst(n)} deltakere: last {laster[n]}" for n in storrelser)
    print()
    print(tabell)
    print()
    print(vurdering)
    print(wrk_linje)
    print(lastlinjer)
    if os.environ.get("BENCH_JSON"):
        _skriv_json(Path(os.environ["BENCH_JSON"]), resultater, laster, db)
    if args.markdown:
        args.markdown.write_text(tabell + "\n\n" + vurdering + "\n\n" + wrk_linje + "\n\n" + lastlinjer + "\n")
        print(f"Skrev {args.markdown}")


if __name__ == "__main__":
    main()
