"""The production shape, end to end: gunicorn, a Celery worker and beat against PostgreSQL and Redis.

A database of its own (the test database's name + "_produksjon", made afresh) with the demo; then
over HTTP: log in as the coordinator, order a cohort's documents (the worker makes them), let beat's
reminder scan run once (BEAT_SKANN_SEKUNDER), and check /helse/. Skipped unless DATABASE_URL is
PostgreSQL and REDIS_URL is set (CI sets both). Every wait has a timeout; the whole takes well under
a minute on a quiet machine.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
DEMO_PASSORD = os.environ.get("DEMO_PASSWORD", "fagbrev-demo")

pytestmark = [
    pytest.mark.produksjon,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not REDIS_URL,
        reason="krever DATABASE_URL mot PostgreSQL og REDIS_URL",
    ),
]


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vent(sjekk, *, sekunder: float, hva: str):
    slutt = time.monotonic() + sekunder
    while time.monotonic() < slutt:
        if svar := sjekk():
            return svar
        time.sleep(0.5)
    raise AssertionError(f"Ventet {sekunder:.0f} s på {hva}")


class _Nettleser:
    """A small HTTP client with cookies (the standard library's): GET and POST form data."""

    def __init__(self, base: str):
        self.base, self.krukke = base, http.cookiejar.CookieJar()
        self.apner = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.krukke))

    def hent(self, sti: str, data: dict | None = None, timeout: float = 30) -> tuple[int, str]:
        kropp = urllib.parse.urlencode(data).encode() if data is not None else None
        adresse = self.base + sti  # http://127.0.0.1:<port>: our own server
        foresporsel = urllib.request.Request(adresse, data=kropp, headers={"Referer": self.base + "/"})  # noqa: S310
        try:
            with self.apner.open(foresporsel, timeout=timeout) as svar:
                return svar.status, svar.read().decode()
        except urllib.error.HTTPError as feil:
            return feil.code, feil.read().decode()

    def cookie(self, navn: str) -> str | None:
        return next((c.value for c in self.krukke if c.name == navn), None)


def _sql(url: str, sql: str, *params):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        peker = conn.execute(sql, params)
        return peker.fetchall() if peker.description else []


def test_gunicorn_worker_and_beat_serve_a_login_a_batch_order_the_scan_and_health(tmp_path):
    import environ

    cfg = environ.Env.db_url_config(DATABASE_URL)
    navn = f"{cfg['NAME']}_produksjon"[:63]
    server = DATABASE_URL.rsplit("/", 1)[0]
    _sql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
    _sql(f"{server}/postgres", f'CREATE DATABASE "{navn}"')
    url = f"{server}/{navn}"
    port = _ledig_port()
    miljo = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "FAGBREV_TESTING": "true",  # plain static files and HTTP cookies: the shape without the TLS proxy
        "SECRET_KEY": "produksjonstest-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TOTP_PAKREVD": "false",
        "EMAIL_URL": "consolemail://",
        "BEAT_SKANN_SEKUNDER": "5",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    miljo.pop("CELERY_TASK_ALWAYS_EAGER", None)
    py = sys.executable
    for kommando in (["migrate", "--noinput", "-v", "0"], ["seed_demo", "--force"]):
        subprocess.run([py, "manage.py", *kommando], cwd=ROT, env=miljo, check=True, capture_output=True, timeout=300)  # noqa: S603
    logger = {n: (tmp_path / f"{n}.log").open("w") for n in ("web", "worker", "beat")}
    prosesser = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [py, "-m", "gunicorn", "fagbrev.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "60"],
            cwd=ROT, env=miljo, stdout=logger["web"], stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(  # noqa: S603
            [py, "-m", "celery", "-A", "fagbrev", "worker", "--pool=solo", "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROT, env=miljo, stdout=logger["worker"], stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(  # noqa: S603
            [py, "-m", "celery", "-A", "fagbrev", "beat", "-l", "info", "-s", str(tmp_path / "beat-schedule")],
            cwd=ROT, env=miljo, stdout=logger["beat"], stderr=subprocess.STDOUT,
        ),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        nett = _Nettleser(base)

        def oppe():
            try:
                return nett.hent("/helse/", timeout=2)[0] == 200
            except OSError:
                return False

        _vent(oppe, sekunder=90, hva="gunicorn og /helse/ " + (tmp_path / "web.log").read_text()[-2000:])
        status, side = nett.hent("/konto/logg-inn/")
        funnet = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', side)
        assert status == 200 and funnet, (status, side[:500])
        token = funnet.group(1)
        status, tekst = nett.hent(
            "/konto/logg-inn/", {"csrfmiddlewaretoken": token, "username": "koordinator", "password": DEMO_PASSORD}
        )
        assert status == 200 and nett.cookie("sessionid"), tekst[:500]
        kull_pk, antall = _sql(
            url,
            "SELECT k.id, count(d.id) FROM fagbrev_kull k JOIN deltakere_deltaker d ON d.kull_id = k.id "
            "JOIN fagbrev_organisasjon o ON o.id = k.organisasjon_id WHERE o.navn LIKE 'Lørenskog%%' "
            "GROUP BY k.id ORDER BY count(d.id), k.id LIMIT 1",
        )[0]
        status, tekst = nett.hent(
            f"/dokumenter/kull/{kull_pk}/deltakerbevis/", {"csrfmiddlewaretoken": nett.cookie("csrftoken")}
        )
        assert status == 200, tekst[:500]

        def ferdig():
            rader = _sql(url, "SELECT status FROM dokumenter_batchjobb ORDER BY id DESC LIMIT 1")
            return rader and rader[0][0] in ("ferdig", "feilet") and rader[0][0]

        assert _vent(ferdig, sekunder=90, hva="batchjobben") == "ferdig", (tmp_path / "worker.log").read_text()[-3000:]
        assert antall > 0

        def skannet():
            return "paminnelser.skann" in (tmp_path / "worker.log").read_text() and re.search(
                r"paminnelser\.skann\[[^\]]+\] succeeded", (tmp_path / "worker.log").read_text()
            )

        _vent(skannet, sekunder=60, hva="beat og skanningen " + (tmp_path / "beat.log").read_text()[-1500:])
        assert nett.hent("/helse/")[0] == 200
    finally:
        for p in prosesser:
            p.terminate()
        for p in prosesser:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        for f in logger.values():
            f.close()
        _sql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
