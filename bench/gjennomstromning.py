"""Throughput of the case page under `wrk` against gunicorn with 1 and 2 workers (skipped without wrk).

Gunicorn serves the benchmark database with the same environment as the in-process measurements;
wrk keeps 8 connections busy for 10 seconds with the coordinator's session cookie (a session that
has passed the second factor, as a coordinator's must).

wrk is a system program, not a Python package, so `make install` cannot bring it: install it with
`apt-get install wrk` (Debian/Ubuntu) or `brew install wrk` (macOS). Without it `make bench` still
runs every other measurement and says in the throughput line that it was skipped and why; the
benchmark never installs system packages by itself.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
PORT = 8765


@dataclass
class Gjennomstromning:
    foresporsler_per_s: float | None = None
    latens_snitt: str = ""
    latens_p99: str = ""
    feil: str = ""
    merknad: str = ""


def _sesjon(brukernavn: str) -> str:
    from django.conf import settings

    from bench.maling import logg_inn

    client = logg_inn(brukernavn)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _vent_pa_port(port: int, sekunder: float = 20) -> bool:
    slutt = time.monotonic() + sekunder
    while time.monotonic() < slutt:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def mal_gjennomstromning(sti: str, brukernavn: str, *, arbeidere: int = 2, sekunder: int = 10) -> Gjennomstromning:
    wrk = shutil.which("wrk")
    if wrk is None:
        return Gjennomstromning(
            merknad="hoppet over: wrk er ikke installert (apt-get install wrk eller brew install wrk)"
        )
    cookie = _sesjon(brukernavn)
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    # Fixed argument lists of our own programs; nothing comes from outside (S603).
    server = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "fagbrev.wsgi",
            "--workers",
            str(arbeidere),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROT,
        env=env,
    )
    try:
        if not _vent_pa_port(PORT):
            return Gjennomstromning(merknad="gunicorn startet ikke")
        url = f"http://127.0.0.1:{PORT}{sti}"
        subprocess.run([wrk, "-t1", "-c2", "-d2s", "-H", f"Cookie: {cookie}", url], capture_output=True, check=True)  # noqa: S603
        ut = subprocess.run(  # noqa: S603
            [wrk, "-t2", "-c8", f"-d{sekunder}s", "--latency", "-H", f"Cookie: {cookie}", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        server.terminate()
        server.wait(timeout=20)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", ut)
    snitt = re.search(r"Latency\s+(\S+)", ut)
    p99 = re.search(r"99%\s+(\S+)", ut)
    feil = re.search(r"Non-2xx or 3xx responses: (\d+)", ut)
    return Gjennomstromning(
        foresporsler_per_s=float(rps.group(1)) if rps else None,
        latens_snitt=snitt.group(1) if snitt else "",
        latens_p99=p99.group(1) if p99 else "",
        feil=f"{feil.group(1)} svar som ikke var 2xx/3xx" if feil else "",
    )
