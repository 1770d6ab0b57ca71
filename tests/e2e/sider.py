"""The main pages of the application, and which roles open them with which answer.

The accessibility test opens every page here for every role and runs axe-core on it. When a
feature adds a page, add one `Side` line; if its URL needs an object, add a finder to `FINN`
(one visible to the user, from the demo data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Demo users (docs: /work/shared/INTERFACE.md), one per role, plus the other organisation.
ROLLER = ["koordinator", "faglarer", "norsklarer", "styring", "koordinator.asker"]
SAKSROLLER = {"koordinator", "faglarer", "norsklarer", "koordinator.asker"}
KOORDINATORER = {"koordinator", "koordinator.asker"}


def _deltaker(user) -> int | None:
    from deltakere.models import Deltaker

    return Deltaker.objects.visible_to(user).order_by("pk").values_list("pk", flat=True).first()


def _arbeidsgiver(user) -> int | None:
    from arbeidsgivere.permissions import arbeidsgivere_visible_to

    return arbeidsgivere_visible_to(user).order_by("pk").values_list("pk", flat=True).first()


# placeholder in a path → function(user) giving the id of an object the user may see, or None
FINN: dict[str, Callable] = {
    "deltaker": _deltaker,
    "arbeidsgiver": _arbeidsgiver,
}


@dataclass(frozen=True)
class Side:
    sti: str  # may hold {placeholders} from FINN
    roller: set[str] = field(default_factory=lambda: set(ROLLER))  # answered with 200
    andre: int | None = 403  # what the other roles get (None: do not open it for them)


SIDER: list[Side] = [
    Side("/"),
    Side("/konto/passord/"),
    Side("/deltakere/", SAKSROLLER),
    Side("/deltakere/?q=a&status=i_opplaering", SAKSROLLER, andre=None),
    Side("/deltakere/{deltaker}/", SAKSROLLER, andre=None),
    Side("/arbeidsgivere/", {"koordinator", "faglarer", "koordinator.asker"}),
    Side("/arbeidsgivere/{arbeidsgiver}/", KOORDINATORER, andre=None),
    Side("/finnes-ikke/", set(), andre=404),
]

# Pages for a visitor who is not logged in.
OFFENTLIGE = ["/konto/logg-inn/", "/konto/passord/glemt/"]


def sider_for(user) -> list[tuple[str, int]]:
    """(path, expected status) for every page the role opens; pages whose object it cannot see are left out."""
    ut = []
    for side in SIDER:
        status = 200 if user.username in side.roller else side.andre
        if status is None:
            continue
        verdier = {}
        for navn, finn in FINN.items():
            if "{" + navn + "}" in side.sti:
                verdier[navn] = finn(user)
        if any(v is None for v in verdier.values()):
            continue
        ut.append((side.sti.format(**verdier), status))
    return ut
