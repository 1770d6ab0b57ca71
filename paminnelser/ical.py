"""The per-user iCalendar feed: all-day events from the årshjul sources, no personal identifiers.

Outlook and Google Calendar both accept all-day events as DTSTART/DTEND with VALUE=DATE (DTEND the
day after the last day), a stable UID, DTSTAMP, and a calendar-level PRODID/VERSION.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .kalender import kalenderdatoer


def kalender_ical(*, user, idag: datetime.date, base_url: str) -> bytes:
    """`base_url`: the scheme and host the calendar app fetched the feed from (issue #20: a fixed
    host and port gave links that led nowhere from another address)."""
    fra = datetime.date(idag.year - 1, 1, 1)
    til = datetime.date(idag.year + 2, 12, 31)
    datoer = kalenderdatoer(user=user, organisasjon_ids=user.organisasjoner_med(), fra=fra, til=til)
    kal = Calendar()
    kal.add("prodid", "-//Fagbrev//Arshjul//NB")  # ASCII: some clients choke on others here
    kal.add("version", "2.0")
    kal.add("calscale", "GREGORIAN")
    kal.add("method", "PUBLISH")
    kal.add("x-wr-calname", "Fagbrev – årshjul")
    kal.add("x-wr-timezone", settings.TIME_ZONE)
    kal.add("x-published-ttl", "PT12H")  # Outlook: how often to fetch again
    kal.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    stempel = timezone.now()
    for d in datoer:
        ev = Event()
        ev.add("uid", f"{d.nokkel}@fagbrev")
        ev.add("dtstamp", stempel)
        ev.add("summary", d.tittel)
        ev.add("dtstart", d.dato)
        ev.add("dtend", (d.til or d.dato) + datetime.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        if d.lenke:
            ev.add("url", f"{base_url.rstrip('/')}{d.lenke}")
        kal.add_component(ev)
    return kal.to_ical()
