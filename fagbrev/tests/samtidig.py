"""Run a piece of a test in several threads at once, each with its own database connection (tests of
row locks and compare-and-set updates; they need PostgreSQL, as in CI)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def kjor_samtidig(arbeid: Callable[[], Any], antall: int = 2) -> list[Any]:
    """Start `arbeid` in `antall` threads and wait for them all (30 seconds at most). Returns what each
    thread's call returned, or the exception it raised, in the order they finished."""
    utfall: list[Any] = []

    def trad() -> None:
        try:
            utfall.append(arbeid())
        except BaseException as feil:  # reported to the test, which asserts on it
            utfall.append(feil)
        finally:
            connections.close_all()  # this thread's connections

    traader = [threading.Thread(target=trad) for _ in range(antall)]
    for t in traader:
        t.start()
    for t in traader:
        t.join(timeout=30)
    assert len(utfall) == antall, "a thread did not finish within 30 seconds"
    return utfall
