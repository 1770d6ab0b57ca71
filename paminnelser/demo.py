"""The demo's reminders: after every other seeder, the day's scan runs once, so the bell of a fresh
`make run` shows what is due (issue #20: it was empty until someone ran `send_reminders`).

The same scan Celery beat runs each morning (`skann_utfor`): idempotent by its unique keys, so a second
`seed_demo` adds nothing. Without a broker the e-mails go to the development console, as
`send_reminders` would send them.
"""

from __future__ import annotations

from fagbrev.demo import Demo, seeder

from .services import skann_utfor


@seeder(rekkefolge=1000)
def seed_paminnelser(demo: Demo) -> None:
    skann_utfor(idag=demo.idag, ukentlig=demo.idag.weekday() == 0)
