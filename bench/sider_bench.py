"""`make bench`: one PostgreSQL database per size of a municipality's case files; the main pages timed
at every size INTERLEAVED, so the load of the machine hits the sizes alike.

    .venv/bin/python bench/run.py                       # 1,000, 20,000 and 100,000 participants
    .venv/bin/python bench/run.py --rask                # only 1,000 and 20,000
    .venv/bin/python bench/run.py --storrelser 5000 --gjentak 10
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fagbrev_bench .venv/bin/python bench/run.py
    BENCH_JSON=bench.json .venv/bin/python bench/run.py  # the figures as JSON too

Each size has its own database (bench/databaser.py: `fagbrev_bench_1k`, `fagbrev_bench_20k`, …), made
again unless its marker says the same generator, migrations and day made it (`--ny` makes them again
anyway). Django holds one database per process, so each size is served by a worker process of its own
(`--arbeider`), which the parent drives in lockstep over a pipe: in each round one request of each page
at each size in turn (the order of the sizes rotating from round to round), after three rounds to warm
up; medians and 95th percentiles over the rounds. Pages are requested in-process with
django.test.Client, so "server time" is everything Django does for the request (middleware, session,
queries, template) without network or a WSGI server. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from bench.databaser import fingeravtrykk, merke_i, ny_database, sett_merke, url_for  # noqa: E402

STANDARD_DB = "postgres://postgres@127.0.0.1:5432/fagbrev_bench"
OPPVARMING = 3


def _argumenter() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", STANDARD_DB))
    p.add_argument("--storrelser", default="1000,20000,100000", help="antall deltakere, kommaseparert, stigende")
    p.add_argument("--rask", action="store_true", help="bare 1 000 og 20 000 deltakere (hopper over 100 000)")
    p.add_argument("--gjentak", type=int, default=30, help="runder (etter 3 oppvarminger)")
    p.add_argument("--uten-wrk", action="store_true", help="hopp over gjennomstrømning med wrk og gunicorn")
    p.add_argument("--markdown", type=Path, help="skriv tabellen som Markdown til denne filen")
    p.add_argument("--ny", action="store_true", help="lag databasene på nytt selv om merket stemmer")
    p.add_argument("--behold", action="store_true", help="mål databasene slik de er (ingen sjekk eller fylling)")
    p.add_argument("--sider", default="", help="bare sidene hvis navn inneholder en av disse (kommaseparert)")
    p.add_argument("--forbered", type=int, help=argparse.SUPPRESS)  # a child: make this size's database
    p.add_argument("--gjenbruk", action="store_true", help=argparse.SUPPRESS)  # … reused: migrate only
    p.add_argument("--arbeider", type=int, help=argparse.SUPPRESS)  # a child: serve this size's requests
    return p.parse_args()


def _last() -> str:
    """The load average: figures measured on a busy machine are slower, and should say so."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _django(url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": url,
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


def forbered(n: int, url: str, versjon: str, *, gjenbruk: bool) -> None:
    """Child: migrate the database; grow a new (or copied) one to n participants and count what beat would
    count; in a reused one, work out the stored aggregates again if a migration ran."""
    _django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils.module_loading import import_string

    from bench.databaser import OMREGN, OPPDATER
    from bench.generator import fyll_til

    start = time.perf_counter()
    executor = MigrationExecutor(connection)
    ventende = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0)
    if gjenbruk and not ventende:
        return
    navn = connection.settings_dict["NAME"]
    if gjenbruk:
        print(f"{navn}: {len(ventende)} nye migrasjoner; regner ut lagrede tall på nytt …", flush=True)
        steg = OMREGN
    else:
        print(f"Fyller {navn} til {n:,} deltakere …".replace(",", " "), flush=True)
        fyll_til(n)
        # The bulk load's triggers marked every participant: count them now, as beat's minute run would
        # (otherwise the first warm-up request of the dashboard and the overview would do it).
        steg = OPPDATER
    for sti in steg:
        import_string(sti)()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")  # what autovacuum does in production
    sett_merke(versjon)
    print(f"  ferdig på {time.perf_counter() - start:.1f} s", flush=True)


def arbeider(n: int, url: str, sider: str) -> None:
    """Child: serve one size. Reads one command per line on stdin («<page number>», «wrk <gunicorn workers>»,
    «slutt»), answers one JSON line on the real stdout; anything Django prints goes to stderr."""
    svar = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    _django(url)
    from django.test.utils import override_settings

    from bench.generator import fyll_til
    from bench.maling import MALINGER, en_foresporsel, logg_inn, saksside_sti

    ctx = fyll_til(n, skriv=lambda _: None)  # nothing to add: only looks up what the parts made
    override_settings(ROOT_URLCONF="bench.urls").enable()  # the project's URLs and the admin yardstick
    valgt = [not sider or any(v.lower() in m.navn.lower() for v in sider.split(",")) for m in MALINGER]
    brukere = {m.bruker: logg_inn(m.bruker) for m in MALINGER}
    stier = [m.sti(ctx) if v else None for m, v in zip(MALINGER, valgt, strict=True)]
    saksside = saksside_sti(ctx)
    # The generator's bookkeeping is not needed to measure: drop it, and keep what is left out of the
    # garbage collector's way, so a collection during a request does not charge the page for it.
    ctx.extra.clear()
    ctx.nye_deltakere = []
    gc.collect()
    gc.freeze()
    svar.write(json.dumps({"stier": stier}) + "\n")
    for linje in sys.stdin:
        kommando = linje.strip()
        if kommando == "slutt":
            break
        if kommando.startswith("wrk"):
            from bench.gjennomstromning import mal_gjennomstromning

            g = mal_gjennomstromning(saksside, "bench.koordinator", arbeidere=int(kommando.split()[1]))
            svar.write(json.dumps(g.__dict__) + "\n")
            continue
        i = int(kommando)
        svar.write(json.dumps(en_foresporsel(brukere[MALINGER[i].bruker], stier[i])) + "\n")


def _barn(*argumenter: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *argumenter]


def _forbered_alle(args, storrelser: list[int]) -> None:
    """Make each size's database unless its marker matches; grow each from a copy of the one before."""
    idag = datetime.date.today()
    forrige = None
    for n in storrelser:
        url = url_for(args.database, n)
        versjon = fingeravtrykk(n, idag)
        if not args.ny and merke_i(url) == versjon:
            print(f"{url.rsplit('/', 1)[-1]}: laget av samme generator i dag, brukes igjen", flush=True)
            subprocess.run(_barn("--forbered", str(n), "--database", url, "--gjenbruk"), check=True)  # noqa: S603
        else:
            fra = forrige if forrige and url.startswith("postgres") else None
            ny_database(url, fra=fra)
            kommando = _barn("--forbered", str(n), "--database", url)
            subprocess.run(kommando, check=True)  # noqa: S603 - this script
        forrige = url


def _mal_flettet(args, storrelser: list[int]) -> tuple[dict, dict, str, dict]:
    """Drive one worker per size in lockstep; the results per size and page, the load, the wrk lines and
    figures (per number of gunicorn workers)."""
    from bench.maling import MALINGER, Resultat, sammenfatt, tall_tekst

    arbeidere = {
        n: subprocess.Popen(  # noqa: S603 - this script
            _barn("--arbeider", str(n), "--database", url_for(args.database, n), "--sider", args.sider),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        for n in storrelser
    }

    def spor(n: int, kommando: str) -> dict:
        p = arbeidere[n]
        p.stdin.write(kommando + "\n")
        p.stdin.flush()
        linje = p.stdout.readline()
        if not linje:
            sys.exit(f"Arbeideren for {tall_tekst(n)} deltakere stoppet.")
        return json.loads(linje)

    try:
        stier = {n: json.loads(arbeidere[n].stdout.readline() or "null") for n in storrelser}
        if None in stier.values():
            sys.exit("En arbeider startet ikke.")
        maalt = {n: {m.navn: [] for m in MALINGER} for n in storrelser}
        laster = {"for": _last()}
        print(f"Måler {args.gjentak} runder (+{OPPVARMING} oppvarming), last {laster['for']}", flush=True)
        for runde in range(OPPVARMING + args.gjentak):
            rekkefolge = storrelser[runde % len(storrelser) :] + storrelser[: runde % len(storrelser)]
            for i, maling in enumerate(MALINGER):
                for n in rekkefolge:
                    if stier[n]["stier"][i] is not None:
                        m = spor(n, str(i))
                        if runde >= OPPVARMING:
                            maalt[n][maling.navn].append(m)
        laster["etter"] = _last()
        resultater = {
            n: {
                m.navn: sammenfatt(maalt[n][m.navn]) if maalt[n][m.navn] else Resultat(merknad="ikke målt")
                for m in MALINGER
            }
            for n in storrelser
        }
        wrk_linjer, wrk = [], {}
        ved = storrelser[-1]
        # One gunicorn process and two: what a second process on the same machine adds (docs/deployment.md).
        for antall in () if args.uten_wrk else (1, 2):
            g = spor(ved, f"wrk {antall}")
            wrk[antall] = {"storrelse": ved, **g}
            wrk_linjer.append(
                f"Saksside under wrk (gunicorn, {antall} worker{'e' if antall > 1 else ''}, 8 forbindelser, 10 s) "
                f"ved {tall_tekst(ved)} deltakere: "
                + (
                    f"{g['foresporsler_per_s']:.0f} forespørsler/s, snitt {g['latens_snitt']}, p99 {g['latens_p99']}"
                    if g["foresporsler_per_s"]
                    else g["merknad"]
                )
                + (f", {g['feil']}" if g["feil"] else "")
            )
        wrk_linje = "\n".join(wrk_linjer)
    finally:
        for p in arbeidere.values():
            if p.poll() is None:
                with contextlib.suppress(BrokenPipeError):
                    p.stdin.write("slutt\n")
                    p.stdin.close()
                p.wait(timeout=60)
    return resultater, laster, wrk_linje, wrk


def _skriv_json(sti: Path, resultater: dict, laster: dict, db: str, wrk: dict) -> None:
    """The figures for a script to compare runs: per page and size median, p95 and queries; the load."""
    data = {
        "tid": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": db,
        "cpu": os.cpu_count(),
        "flettet": True,
        "last": laster,
        "wrk": {str(antall): g for antall, g in wrk.items()},
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
    if args.forbered:
        versjon = fingeravtrykk(args.forbered, datetime.date.today())
        forbered(args.forbered, args.database, versjon, gjenbruk=args.gjenbruk)
        return
    if args.arbeider:
        arbeider(args.arbeider, args.database, args.sider)
        return
    from bench.maling import skriv_tabell, vurder

    storrelser = [int(s) for s in args.storrelser.split(",")]
    if args.rask:
        storrelser = [n for n in storrelser if n <= 20_000]
    print(f"Maskin: {os.cpu_count()} CPU-er, last {_last()}", flush=True)
    start = time.perf_counter()
    if not args.behold:
        _forbered_alle(args, storrelser)
    print(f"Databasene klare på {time.perf_counter() - start:.1f} s", flush=True)
    resultater, laster, wrk_linje, wrk = _mal_flettet(args, storrelser)
    tabell = skriv_tabell(resultater)
    vurdering = vurder(resultater)
    lastlinje = f"Last (1/5/15 min): {laster['for']} før, {laster['etter']} etter (alle størrelser flettet)"
    print()
    print(tabell)
    print()
    print(vurdering)
    print(wrk_linje)
    print(lastlinje)
    if os.environ.get("BENCH_JSON"):
        _skriv_json(Path(os.environ["BENCH_JSON"]), resultater, laster, args.database.rsplit("/", 1)[-1] + "_*", wrk)
    if args.markdown:
        args.markdown.write_text(tabell + "\n\n" + vurdering + "\n\n" + wrk_linje + "\n\n" + lastlinje + "\n")
        print(f"Skrev {args.markdown}")


if __name__ == "__main__":
    main()
