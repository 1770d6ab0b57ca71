"""Backup and restore, for real: scripts/sikkerhetskopi_proeve.sh on the test database (PostgreSQL)."""

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SKRIPT = Path(settings.BASE_DIR) / "scripts" / "sikkerhetskopi_proeve.sh"


def _url() -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _proev(tmp_path, media) -> subprocess.CompletedProcess:
    miljo = {"PATH": "/usr/bin:/bin", "SIKKERHETSKOPI_MAPPE": str(tmp_path / "kopi")}
    if connection.settings_dict.get("PASSWORD"):
        miljo["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return subprocess.run(  # noqa: S603  (our own script, arguments from settings)
        [shutil.which("bash"), str(SKRIPT), _url(), str(media)], env=miljo, capture_output=True, text=True, timeout=300
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="needs PostgreSQL and its client tools (CI has both)",
)
def test_the_drill_holds_on_a_database_in_use(transactional_db, tmp_path, koordinator, deltaker):
    """Rows and documents are written all through the drill: the counts come from the dump's own
    snapshot and the archive from its own file list, so the drill still says «like»."""
    import psycopg

    media = tmp_path / "media"
    (media / "dokumenter").mkdir(parents=True)
    (media / "dokumenter" / "a.pdf").write_bytes(b"%PDF-1.7 a")
    stopp = threading.Event()
    skrevet = [0]

    def skriv() -> None:
        with psycopg.connect(_url(), autocommit=True) as tilkobling:
            while not stopp.is_set():
                tilkobling.execute("INSERT INTO sikkerhetskopi_skriver (t) VALUES ('x')")
                (media / "dokumenter" / f"ny-{skrevet[0]}.pdf").write_bytes(b"%PDF-1.7 ny")
                skrevet[0] += 1

    with psycopg.connect(_url(), autocommit=True) as tilkobling:
        tilkobling.execute("CREATE TABLE sikkerhetskopi_skriver (id serial PRIMARY KEY, t text)")
    skriver = threading.Thread(target=skriv)
    skriver.start()
    try:
        svar = _proev(tmp_path, media)
    finally:
        stopp.set()
        skriver.join()
        with psycopg.connect(_url(), autocommit=True) as tilkobling:
            tilkobling.execute("DROP TABLE sikkerhetskopi_skriver")
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert skrevet[0] > 10 and "rader: like" in svar.stdout and "filer: like" in svar.stdout


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="needs PostgreSQL and its client tools (CI has both)",
)
def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(
    transactional_db, tmp_path, koordinator, deltaker
):
    media = tmp_path / "media"
    (media / "dokumenter").mkdir(parents=True)
    (media / "dokumenter" / "kontrakt.pdf").write_bytes(b"%PDF-1.7 testdokument")
    svar = _proev(tmp_path, media)
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert "rader: like" in svar.stdout and "1 filer: like" in svar.stdout
    rader = dict(
        linje.split("\t") for linje in (tmp_path / "kopi" / "rader-gjenopprettet.tsv").read_text().splitlines()
    )
    assert int(rader["deltakere_deltaker"]) == 1 and int(rader["fagbrev_user"]) >= 1
