"""A real Celery worker against Redis: one task goes through the broker and comes back.

Runs when REDIS_URL is set or Redis answers on 127.0.0.1:6379 (CI and our machines); skipped
otherwise. The worker is a subprocess with its own queue (so no other worker on the same Redis takes
the task) and a Redis result backend given on its command line, since the project keeps no results.
The test process talks to the broker through its own small Celery app, so the project's app config
(eager mode in tests) is left alone. Every wait has a timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception:
        return None
    return url


REDIS_URL = _redis_url()


@pytest.mark.skipif(REDIS_URL is None, reason="Redis svarer ikke (sett REDIS_URL eller start redis-server på 6379)")
def test_a_real_worker_takes_a_task_from_redis_and_returns_its_result(tmp_path):
    from celery import Celery

    ko = f"fagbrev-test-{uuid.uuid4().hex[:8]}"
    miljo = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "FAGBREV_TESTING": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "EMAIL_URL": "consolemail://",
    }
    miljo.pop("CELERY_TASK_ALWAYS_EAGER", None)
    logg = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable, "-m", "celery", "-A", "fagbrev",
            "--broker", REDIS_URL, "--result-backend", REDIS_URL,
            "worker", "--pool=solo", "--concurrency=1", "-Q", ko, "-n", f"{ko}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info",
        ],
        cwd=ROT, env=miljo, stdout=logg, stderr=subprocess.STDOUT,
    )  # fmt: skip
    klient = Celery("test-klient", broker=REDIS_URL, backend=REDIS_URL)
    try:
        start = time.monotonic()
        resultat = klient.send_task("paminnelser.ping", queue=ko)
        assert resultat.get(timeout=60) == "pong"
        assert resultat.state == "SUCCESS"
        print(f"Oppgaven gikk gjennom Redis og en ekte worker på {time.monotonic() - start:.1f} s")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)
        logg.close()
        klient.close()
    worker_logg = (tmp_path / "worker.log").read_text()
    assert "paminnelser.ping" in worker_logg, worker_logg[-2000:]
