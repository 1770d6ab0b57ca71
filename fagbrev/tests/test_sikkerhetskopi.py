"""Backup and restore, for real: scripts/sikkerhetskopi_proeve.sh on the test database (PostgreSQL)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SKRIPT = Path(settings.BASE_DIR) / "scripts" / "sikkerhetskopi_proeve.sh"


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
    db = connection.settings_dict
    url = f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    miljo = {"PATH": "/usr/bin:/bin", "SIKKERHETSKOPI_MAPPE": str(tmp_path / "kopi")}
    if db.get("PASSWORD"):
        miljo["PGPASSWORD"] = db["PASSWORD"]
    svar = subprocess.run(  # noqa: S603  (our own script, arguments from settings)
        [shutil.which("bash"), str(SKRIPT), url, str(media)], env=miljo, capture_output=True, text=True, timeout=300
    )
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert "rader: like" in svar.stdout and "1 filer: like" in svar.stdout
    rader = dict(
        linje.split("\t") for linje in (tmp_path / "kopi" / "rader-gjenopprettet.tsv").read_text().splitlines()
    )
    assert int(rader["deltakere_deltaker"]) == 1 and int(rader["fagbrev_user"]) >= 1
