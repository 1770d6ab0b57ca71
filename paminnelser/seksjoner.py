"""What this app adds to shared pages (fagbrev/seksjoner.py)."""

from __future__ import annotations

from fagbrev.seksjoner import Seksjon, pa_oversikt

from .selectors import varsler_for_bruker


@pa_oversikt(rekkefolge=11)
def oversikt_varsler(*, user, idag) -> Seksjon | None:
    """My overview: the newest unread reminders, five at most. One query; nothing when none."""
    uleste = list(varsler_for_bruker(user=user).uleste()[:5])
    if not uleste:
        return None
    return Seksjon(template="paminnelser/_oversikt_varsler.html", context={"varsler": uleste})
