"""One benchmark database per size, made once and reused while the code that made it is the same.

Each size has its own database, named after the base URL's with the size added (`fagbrev_bench_1k`,
`fagbrev_bench_20k`, …); every name must contain "bench" so a real database is never touched. A database
carries a marker (table `bench_merke`) with the fingerprint of what made it: the generator's code and the
day it was generated for (the generated dates are relative to today). A database whose marker matches is
reused: migrated to the code's models, and if a migration ran, every stored aggregate and date is worked
out again from the rows (`OMREGN`), so it holds what a fresh one would. Any other is made again: on
PostgreSQL by copying the next smaller size's database (`CREATE DATABASE … TEMPLATE`) and growing it,
which is what `fyll_til` does anyway.
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
MERKE = "bench_merke"
# What is derived from the rows and kept by triggers: worked out for every participant after a bulk load
# bypassed nothing but must be counted (`*_oppdater`), or again after a migration (`*_bygg`).
OPPDATER = [
    "rapporter.tellinger.telling_oppdater_alle",
    "rapporter.praksistall.praksistall_oppdater_alle",
    "oppfolging.besoksdato.frister_oppdater",
]
OMREGN = [
    "rapporter.tellinger.telling_bygg",
    "rapporter.praksistall.praksistall_bygg",
    "oppfolging.besoksdato.frister_bygg",
]


def etikett(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def url_for(base: str, n: int) -> str:
    """The base URL with the size added to the database's name."""
    return f"{base.rstrip('/')}_{etikett(n)}"


def fingeravtrykk(n: int, idag: datetime.date) -> str:
    """What made a database of n participants: the generator's code and the day."""
    h = hashlib.sha256(f"{n} {idag.isoformat()}".encode())
    filer = sorted([*ROT.glob("bench/generator*.py"), ROT / "bench/forlop.py"])
    for fil in filer:
        h.update(str(fil.relative_to(ROT)).encode())
        h.update(fil.read_bytes())
    return h.hexdigest()[:16]


def _cfg(url: str) -> dict:
    import environ

    cfg = environ.Env.db_url_config(url)
    if "bench" not in str(cfg["NAME"]):
        sys.exit(f"Databasen «{cfg['NAME']}» har ikke «bench» i navnet; nekter å røre den.")
    return cfg


def _koble(cfg: dict, dbname: str):
    import psycopg

    try:
        return psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            dbname=dbname,
            autocommit=True,
        )
    except psycopg.OperationalError as feil:
        sys.exit(f"Får ikke kontakt med PostgreSQL ({feil}). Start den, eller sett BENCH_DATABASE_URL.")


def merke_i(url: str) -> str | None:
    """The marker of the database at url, or None when it does not exist or has none."""
    import psycopg

    cfg = _cfg(url)
    if cfg["ENGINE"].endswith("sqlite3"):
        return None  # SQLite databases are always made again
    try:
        conn = psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            dbname=cfg["NAME"],
        )
    except psycopg.OperationalError:
        return None
    with conn:
        try:
            rad = conn.execute(f"SELECT versjon FROM {MERKE}").fetchone()
        except psycopg.errors.UndefinedTable:
            return None
    return rad[0] if rad else None


def ny_database(url: str, *, fra: str | None = None) -> None:
    """Drop and create the database at url, as a copy of the database at `fra` if given (PostgreSQL)."""
    cfg = _cfg(url)
    navn = cfg["NAME"]
    if cfg["ENGINE"].endswith("sqlite3"):
        Path(navn).unlink(missing_ok=True)
        return
    with _koble(cfg, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
        mal = f' TEMPLATE "{_cfg(fra)["NAME"]}"' if fra else ""
        conn.execute(f'CREATE DATABASE "{navn}"{mal}')
    if fra:
        with _koble(cfg, navn) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {MERKE}")


def sett_merke(versjon: str) -> None:
    """Mark the database Django is connected to as made by this code (after it is fully made)."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute(f"CREATE TABLE IF NOT EXISTS {MERKE} (versjon text NOT NULL)")
        c.execute(f"DELETE FROM {MERKE}")
        c.execute(f"INSERT INTO {MERKE} (versjon) VALUES (%s)", [versjon])
